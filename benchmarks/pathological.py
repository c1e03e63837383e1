"""Pathological inputs (issue 18): each shape at 1× and 10× its size, through the biblio
command a user would run, one fresh process per row, with its CPU time and peak memory.

    python benchmarks/pathological.py                         # every shape, this checkout
    python benchmarks/pathological.py --only name-regex,bib-newlines
    python benchmarks/pathological.py --src /tmp/old-checkout  # the same against other code

A row is good when 10× costs about 10× (linear) or biblio refuses the input with a located
error (`file:line:col: error[rule]: …`, exit 1 or 2). Every process is stopped after
--timeout seconds (shown as "> 60 s") and may use at most --memory MB of address space
(shown as "> N MB"). Run by hand; no test asserts a time.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENTRY = ("@article{{{key},\n  author = {{{author}}},\n  title = {{{title}}},\n"
         "  journal = {{Journal of Tests}},\n  year = {{2000}},\n}}\n")


def entry(key="doe2000", author="Doe, Jane", title="A title") -> str:
    return ENTRY.format(key=key, author=author, title=title)


def post(body: str) -> str:
    return "---\ntitle: Test\n---\n\n" + body + "\n"


def csl(macros: str, layout: str) -> str:
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">\n'
            '<info><title>Fan-out</title><id>fanout</id><updated>2024-01-01T00:00:00+00:00'
            '</updated></info>\n' + macros +
            '<citation><layout><text variable="title"/></layout></citation>\n'
            f'<bibliography><layout>{layout}</layout></bibliography>\n</style>\n')


# Each shape: (name, what it is, size at 1×, make(dir, n) -> argv after `biblio`).

def name_regex(d: Path, n: int):
    (d / "r.bib").write_text(entry(author="Doe, J " + "a" * n + "."))
    return ["format", "--all", "--bib", "r.bib", "--to", "text"]


def bib_newlines(d: Path, n: int):
    (d / "r.bib").write_text(entry(title="A" + "\n" * n + "B"))
    return ["check", "--bib", "r.bib"]


def bib_crlf(d: Path, n: int):
    (d / "r.bib").write_bytes(entry(title="A" + "\n" * n + "B").replace("\n", "\r\n").encode())
    return ["check", "--bib", "r.bib"]


def bang_key(d: Path, n: int):
    (d / "r.bib").write_text(entry(key="key"))
    (d / "p.md").write_text(post("!@key" * n))
    return ["render", "p.md", "--bib", "r.bib"]


def prefix_emphasis(d: Path, n: int):
    (d / "r.bib").write_text(entry(key="key"))
    (d / "p.md").write_text(post("[" + "**a " * n + "@key]"))
    return ["render", "p.md", "--bib", "r.bib"]


def collate_nonascii(d: Path, n: int):
    title = "Ünïcödé ẞtraße " * n
    (d / "r.bib").write_text("".join(entry(key=f"k{i}", title=title + str(i))
                                     for i in range(4)))
    return ["format", "--all", "--bib", "r.bib", "--to", "text"]


def cluster(d: Path, n: int):
    (d / "r.bib").write_text("".join(entry(key=f"k{i}", author=f"Doe{i}, Jane")
                                     for i in range(100)))
    (d / "p.md").write_text(post("[" + "; ".join(f"@k{i % 100}" for i in range(n)) + "]"))
    return ["render", "p.md", "--bib", "r.bib"]


def broken_blocks(d: Path, n: int):
    (d / "r.bib").write_text("@a{x,\n" * n)
    return ["check", "--bib", "r.bib"]


def string_doubling(d: Path, n: int):
    lines = ['@string{s0 = "ab"}']
    lines += [f"@string{{s{i} = s{i - 1} # s{i - 1}}}" for i in range(1, n + 1)]
    (d / "r.bib").write_text("\n".join(lines) + "\n" + entry(title="x").replace(
        "title = {x}", f"title = s{n}"))
    return ["format", "--all", "--bib", "r.bib", "--to", "text"]


def style_fanout(d: Path, n: int):
    macros = '<macro name="m0"><text variable="title"/></macro>\n' + "".join(
        f'<macro name="m{i}"><group><text macro="m{i - 1}"/><text macro="m{i - 1}"/></group>'
        '</macro>\n' for i in range(1, n + 1))
    (d / "s.csl").write_text(csl(macros, f'<text macro="m{n}"/>'))
    (d / "r.bib").write_text(entry())
    return ["format", "--all", "--bib", "r.bib", "--style", "s.csl", "--to", "text"]


def nested_braces(d: Path, n: int):
    (d / "r.bib").write_text(entry(title="{" * n + "deep" + "}" * n))
    return ["format", "--all", "--bib", "r.bib", "--to", "text"]


def nested_italics(d: Path, n: int):
    (d / "r.bib").write_text(entry(title="<i>" * n + "deep" + "</i>" * n))
    return ["format", "--all", "--bib", "r.bib", "--to", "text"]


def title_colons(d: Path, n: int):
    (d / "r.bib").write_text(entry(title="Word" + ": " * n + "Tail"))
    return ["format", "--all", "--bib", "r.bib", "--to", "text"]


def billion_laughs_style(d: Path, n: int):
    ents = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, n + 1))
    text = csl("", f"<text value=\"&l{n};\"/>").replace(
        "<style", f"<!DOCTYPE style [{ents}]>\n<style", 1)
    (d / "s.csl").write_text(text)
    (d / "r.bib").write_text(entry())
    return ["format", "--all", "--bib", "r.bib", "--style", "s.csl", "--to", "text"]


SHAPES = [
    ("name-regex", "author 'Doe, J aaa….' (n letters)", 20, name_regex),
    ("bib-newlines", "n newlines inside a value", 8000, bib_newlines),
    ("bib-crlf", "n blank CRLF lines inside a value", 8000, bib_crlf),
    ("bang-key", "'!@key' n times in a post", 2000, bang_key),
    ("prefix-emphasis", "'**a ' n times in a citation prefix", 2000, prefix_emphasis),
    ("collate-nonascii", "4 titles of n non-ASCII words", 500, collate_nonascii),
    ("cluster", "one cluster of n cites (100 entries)", 5000, cluster),
    ("broken-blocks", "n broken blocks '@a{x,'", 10000, broken_blocks),
    ("string-doubling", "n @strings, each twice the last", 4, string_doubling),
    ("style-fanout", "n macros, each calling the last twice", 4, style_fanout),
    ("nested-braces", "title in n nested braces", 500, nested_braces),
    ("nested-italics", "title in n nested <i>", 400, nested_italics),
    ("title-colons", "title of n ': ' before a word", 5000, title_colons),
    ("billion-laughs", "style with n levels of 10× entities", 1, billion_laughs_style),
]


def run(argv: list[str], cwd: Path, src: Path, python: str, timeout: float, memory_mb: int):
    """(cpu seconds, peak RSS MB, exit code or None when stopped, first stderr line)."""
    env = {**os.environ, "PYTHONPATH": str(src), "BIBLIO_DEBUG": ""}
    env.pop("BIBLIO_DEBUG")
    err = cwd / "stderr.txt"
    with open(err, "wb") as ef:
        p = subprocess.Popen([python, "-m", "biblio", *argv], cwd=cwd, env=env,
                             stdout=subprocess.DEVNULL, stderr=ef)
        cap = memory_mb << 20  # the process's address space, set as it starts (Linux)
        resource.prlimit(p.pid, resource.RLIMIT_AS, (cap, cap))
        t0 = time.monotonic()
        stopped = False
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - t0 > timeout:
                p.kill()
                stopped = True
                pid, status, ru = os.wait4(p.pid, 0)
                break
            time.sleep(0.02)
    p.returncode = os.waitstatus_to_exitcode(status)
    lines = err.read_text(errors="replace").strip().splitlines()
    first = next((ln for ln in lines if "error" in ln.lower()), lines[-1] if lines else "")
    return (ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024,
            None if stopped else p.returncode, first[:160])


def cell(cpu, rss, rc, timeout, memory_mb) -> str:
    if rc is None:
        return f"> {timeout:.0f} s"
    if rc < 0 or (rc not in (0, 1, 2) and rss > memory_mb * 0.9):
        return f"killed (> {memory_mb} MB)" if rss > memory_mb * 0.5 else f"signal {-rc}"
    return f"{cpu:.2f} s, {rss:.0f} MB, exit {rc}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--src", type=Path, default=ROOT, help="checkout whose biblio is run")
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--only", default="", help="comma-separated shape names")
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--memory", type=int, default=2048, help="MB of address space per run")
    ap.add_argument("--verbose", action="store_true", help="print each run's error line")
    args = ap.parse_args(argv)
    only = {s for s in args.only.split(",") if s}
    print(f"biblio from {args.src}")
    print("| shape | input | 1× | 10× |")
    print("|---|---|---|---|")
    for name, what, size, make in SHAPES:
        if only and name not in only:
            continue
        cells, notes = [], []
        for n in (size, size * 10):
            d = Path(tempfile.mkdtemp(prefix=f"biblio-{name}-"))
            try:
                argv_ = make(d, n)
                nbytes = sum(p.stat().st_size for p in d.iterdir())
                cpu, rss, rc, line = run(argv_, d, args.src, args.python, args.timeout,
                                         args.memory)
                cells.append(f"{cell(cpu, rss, rc, args.timeout, args.memory)}"
                             f" ({nbytes / 1024:.0f} KB)")
                notes.append(line)
            finally:
                shutil.rmtree(d, ignore_errors=True)
        print(f"| {name} | {what}, n = {size} | {cells[0]} | {cells[1]} |", flush=True)
        if args.verbose:
            for line in notes:
                print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
