"""Pathological inputs (issue 18): each class of hang, blow-up or crash, with the reproducer
of the issue as data. Each test runs biblio as a real process with a generous timeout that
only catches a hang (no timing is asserted) and checks the output, or the located error, it
must give. benchmarks/pathological.py measures the same shapes at 1× and 10×."""

from __future__ import annotations

import re

import pytest
from helpers import sample_site

HANG = 60  # seconds: far above what any of these takes now; only a hang reaches it


def entry(key="doe2000", author="Doe, Jane", title="A title", extra="") -> str:
    return (f"@article{{{key},\n  author = {{{author}}},\n  title = {{{title}}},\n"
            f"  journal = {{Journal of Tests}},\n  year = {{2000}},{extra}\n}}\n")


def post(body: str) -> str:
    return "---\ntitle: Test\n---\n\n" + body + "\n"


def no_crash(p) -> None:
    assert "internal error" not in p.stderr and "Traceback" not in p.stderr, p.stderr[-2000:]
    assert p.returncode in (0, 1, 2), p.stderr[-2000:]


# -- quadratic readers ------------------------------------------------------------------------

@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_runs_of_blank_lines_inside_a_block_are_read_in_linear_time(tmp_path, run_biblio,
                                                                     newline):
    # 80 KB of newlines took 11.9 s: each newline rescanned the run for a block start.
    text = entry(title="A" + "\n" * 200_000 + "B", author="Doe, Jane, PT" + " " * 100_000)
    (tmp_path / "r.bib").write_bytes(text.replace("\n", newline).encode())
    p = run_biblio(["check", "--bib", "r.bib"], cwd=tmp_path, timeout=HANG)
    no_crash(p)
    # Read as one entry: the only error is the credential, located in the author field (the
    # spaces after it once took " and "-splitting quadratic time too).
    assert "r.bib:2:24: error[name-credentials]" in p.stdout, p.stdout[-2000:]
    assert "1 entry, 1 error" in p.stdout


def test_a_post_of_repeated_bang_citations_renders_in_linear_time(tmp_path, run_biblio):
    # "!@key" repeated: each "@" looked back over the whole run for a URL (115 KB → 23.9 s).
    (tmp_path / "r.bib").write_text(entry(key="key"))
    (tmp_path / "p.md").write_text(post("!@key" * 20_000))
    p = run_biblio(["render", "p.md", "--bib", "r.bib"], cwd=tmp_path, timeout=HANG)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.count("Doe") > 20_000


def test_emphasis_marks_in_a_citation_prefix_are_read_in_linear_time(tmp_path, run_biblio):
    # "**a " repeated in a prefix: each unclosed mark looked to the end of the line for its
    # closing one (80 KB → 31.5 s).
    (tmp_path / "r.bib").write_text(entry(key="key"))
    (tmp_path / "p.md").write_text(post("[" + "**a " * 20_000 + "@key]"))
    p = run_biblio(["render", "p.md", "--bib", "r.bib"], cwd=tmp_path, timeout=HANG)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.count("**a ") == 20_000  # no mark closes: the text stays as written
    assert "(**a **a" in p.stdout
    assert '**a <a href="#ref-key" role="doc-biblioref">Doe, 2000</a>)' in p.stdout



@pytest.mark.parametrize("tail", ["", "Tail", "tail"])
def test_a_title_of_repeated_colons_is_sentence_cased_in_linear_time(tmp_path, run_biblio, tail):
    # ": " repeated: each colon looked to the end of the title for the word after it, to see
    # whether sentence case must capitalise it (40 KB → 7 s, 200 KB → ~3 min).
    (tmp_path / "r.bib").write_text(entry(title="Word" + ": " * 100_000 + tail))
    p = run_biblio(["format", "--all", "--bib", "r.bib", "--to", "text"], cwd=tmp_path,
                   timeout=HANG)
    no_crash(p)
    assert p.returncode == 0 and p.stdout.startswith("Doe, J. (2000). Word:")
    # APA capitalises the first word after a colon (6.17); a space typed before a colon is
    # French spacing, a narrow no-break space
    end = ": Tail. Journal of Tests." if tail else "\u202f: Journal of Tests."
    assert p.stdout.rstrip().endswith(end), p.stdout[-200:]

# -- nesting: a located depth limit instead of a RecursionError -------------------------------

DEEP_TITLES = {
    "braces": "{" * 500 + "deep" + "}" * 500,
    "italics": "<i>" * 400 + "deep" + "</i>" * 400,
    "accent arguments": '\\"{' * 500 + "u" + "}" * 500,
    "declarations": "\\em " * 500 + "deep",
}


@pytest.mark.parametrize("shape", DEEP_TITLES)
def test_a_deeply_nested_title_is_formatted_with_a_located_warning(tmp_path, run_biblio, shape):
    # ~500 nested braces or ~400 nested <i> raised RecursionError (exit 3).
    (tmp_path / "r.bib").write_text(entry(title=DEEP_TITLES[shape]))
    p = run_biblio(["format", "--all", "--bib", "r.bib", "--to", "text"], cwd=tmp_path,
                   timeout=HANG)
    no_crash(p)
    assert p.returncode == 0 and p.stdout.startswith("Doe, J. (2000).")
    if shape != "italics":  # LaTeX nesting is a LaTeX problem, located at the field
        assert "r.bib:3:3: warning[csl-mapping]" in p.stderr and "40 levels" in p.stderr


def test_one_deeply_nested_entry_does_not_stop_a_build(tmp_path, run_biblio):
    bib = "".join(entry(key=f"deep{i}", title=t) for i, t in enumerate(DEEP_TITLES.values()))
    (tmp_path / "r.bib").write_text(bib + entry(key="fine", title="Fine"))
    posts = tmp_path / "posts"
    posts.mkdir()
    for i in range(len(DEEP_TITLES)):
        (posts / f"deep{i}.md").write_text(post(f"Text [@deep{i}]."))
    for i in range(6):
        (posts / f"fine{i}.md").write_text(post("Text [@fine]."))
    p = run_biblio(["build", "posts", "-o", "site", "--bib", "r.bib", "-j", "2"],
                   cwd=tmp_path, timeout=HANG)
    no_crash(p)
    assert p.returncode == 0, p.stderr[-2000:]
    assert len(list((tmp_path / "site").glob("*.html"))) == len(DEEP_TITLES) + 6
    assert "Fine" in (tmp_path / "site" / "fine0.html").read_text()


# -- hostile styles: a located error, exit 2, and nothing read or fetched --------------------

XML = '<?xml version="1.0" encoding="utf-8"?>\n'
STYLE = ('<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">'
         "<info><title>x</title><id>x</id></info>")
LAYOUTS = ('<citation><layout><text value="{v}"/></layout></citation>'
           '<bibliography><layout><text value="{v}"/></layout></bibliography></style>')
LAUGHS = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
FANOUT = "".join(f'<macro name="m{i}"><group><text macro="m{i - 1}"/><text macro="m{i - 1}"/>'
                 "</group></macro>" for i in range(1, 41))
HOSTILE_STYLES = {
    "not XML": "this is not a style",
    "empty": "",
    "binary": bytes(range(256)) * 4,
    "wrong root": XML + "<html><body/></html>",
    "undefined entity": XML + STYLE + LAYOUTS.format(v="&undefined;"),
    "billion laughs": XML + f'<!DOCTYPE style [<!ENTITY l0 "lol">{LAUGHS}]>' + STYLE
    + LAYOUTS.format(v="&l9;"),
    "external entity": XML + '<!DOCTYPE style [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    + STYLE + LAYOUTS.format(v="&x;"),
    "recursive macro": XML + STYLE + '<macro name="a"><text macro="b"/></macro>'
    '<macro name="b"><text macro="a"/></macro>'
    + LAYOUTS.format(v="x").replace('value="x"', 'macro="a"'),
    "macros that fan out": XML + STYLE + '<macro name="m0"><text variable="title"/></macro>'
    + FANOUT + LAYOUTS.format(v="x").replace('value="x"', 'macro="m40"'),
}


@pytest.mark.parametrize("shape", HOSTILE_STYLES)
def test_a_hostile_style_is_a_located_error(tmp_path, run_biblio, shape):
    data = HOSTILE_STYLES[shape]
    (tmp_path / "s.csl").write_bytes(data if isinstance(data, bytes) else data.encode())
    (tmp_path / "r.bib").write_text(entry())
    p = run_biblio(["format", "--all", "--bib", "r.bib", "--style", "s.csl"], cwd=tmp_path,
                   timeout=HANG)
    no_crash(p)
    assert p.returncode == 2
    assert re.search(r"^s\.csl:\d+:\d+: error\[bad-style\]: ", p.stderr, re.MULTILINE), p.stderr
    assert "root:" not in p.stdout + p.stderr  # nothing of /etc/passwd came through


def test_a_system_file_as_the_style_is_a_located_error(tmp_path, run_biblio):
    (tmp_path / "r.bib").write_text(entry())
    p = run_biblio(["format", "--all", "--bib", "r.bib", "--style", "/etc/passwd"],
                   cwd=tmp_path, timeout=HANG)
    no_crash(p)
    assert p.returncode == 2 and "/etc/passwd:1:1: error[bad-style]" in p.stderr
    assert "root:" not in p.stdout + p.stderr


def test_a_post_naming_a_hostile_style_fails_alone(tmp_path, run_biblio):
    (tmp_path / "r.bib").write_text(entry(key="key"))
    (tmp_path / "bad.csl").write_text(HOSTILE_STYLES["recursive macro"])
    posts = tmp_path / "posts"
    posts.mkdir()
    (posts / "bad.md").write_text("---\ntitle: Bad\ncsl: ../bad.csl\n---\n\nText [@key].\n")
    (posts / "passwd.md").write_text("---\ntitle: P\ncsl: /etc/passwd\n---\n\nText [@key].\n")
    (posts / "good.md").write_text(post("Text [@key]."))
    p = run_biblio(["build", "posts", "-o", "site", "--bib", "r.bib", "-j", "1"],
                   cwd=tmp_path, timeout=HANG)
    no_crash(p)
    # Each style's error is located in the style; the other post still renders (a build with
    # errors writes nothing, as always).
    assert p.returncode == 1
    assert re.search(r"^\S*bad\.csl:2:\d+: error\[bad-style\]: macro 'a' calls itself",
                     p.stderr, re.MULTILINE), p.stderr
    assert "/etc/passwd:1:1: error[bad-style]: not a well-formed XML" in p.stderr
    assert "3 posts: 1 rendered" in p.stderr


# -- exponential expansion: a limit with a located error --------------------------------------

def test_doubling_string_macros_are_refused_at_the_string_that_passes_the_limit(tmp_path,
                                                                                run_biblio):
    # 844 bytes of @strings, each the last joined to itself, grew to 4.2 GB and on.
    lines = ['@string{s0 = "ab"}'] + [f"@string{{s{i} = s{i - 1} # s{i - 1}}}"
                                      for i in range(1, 41)]
    text = "\n".join(lines) + "\n" + entry().replace("title = {A title}", "title = s40")
    (tmp_path / "r.bib").write_text(text)
    for command in (["format", "--all", "--to", "text"], ["check"]):
        p = run_biblio([*command, "--bib", "r.bib"], cwd=tmp_path, timeout=HANG)
        no_crash(p)
        assert p.returncode == 1
        out = p.stdout + p.stderr
        # s19 is the first past 1,000,000 characters (2 × 2^19); its users do not cascade.
        assert "r.bib:20:1: error[macro-too-long]: @string 's19'" in out, out[-2000:]
        assert out.count("error[") == 1


def test_strings_just_under_the_limit_cannot_add_up_without_bound(tmp_path, run_biblio):
    lines = ['@string{s0 = "ab"}'] + [f"@string{{s{i} = s{i - 1} # s{i - 1}}}"
                                      for i in range(1, 19)]
    lines += [f'@string{{t{i} = s18 # "x"}}' for i in range(100)]
    text = "\n".join(lines) + "\n" + entry().replace("title = {A title}", "title = t1 # t2")
    (tmp_path / "r.bib").write_text(text)
    p = run_biblio(["check", "--bib", "r.bib"], cwd=tmp_path, timeout=HANG)
    no_crash(p)
    assert p.returncode == 1
    assert "r.bib:37:1: error[macro-too-long]: @string 't17': the @strings expand to more " \
           "than 10,000,000 characters together" in p.stdout
    assert re.search(r"r\.bib:\d+:3: error\[macro-too-long\]: 'doe2000', field 'title'",
                     p.stdout), p.stdout[-2000:]


# -- many copies of one work -------------------------------------------------------------------

def test_thousands_of_copies_of_one_work_are_reported_in_linear_size(tmp_path, run_biblio):
    # duplicate-entry reported every pair at both entries: 2,000 copies of one DOI printed 4
    # million lines (33 s, 4.5 GB); 2,000 entries of one title told apart only by their volumes
    # took 7 s comparing every pair.
    from biblio.rules.references import NAMED

    n = 2000
    text = "".join(f"@misc{{d{i}, title = {{T{i}}}, year = {{2020}}, doi = {{10.1/x}}}}\n"
                   for i in range(n))
    text += "".join(f"@book{{v{i}, title = {{Same}}, year = {{2020}}, volume = {{{i}}}}}\n"
                    for i in range(n))
    (tmp_path / "r.bib").write_text(text)
    p = run_biblio(["check", "--bib", "r.bib", "--select", "duplicate-entry"], cwd=tmp_path,
                   timeout=HANG)
    no_crash(p)
    lines = p.stdout.splitlines()
    assert len(lines) == n * (NAMED + 1) + 1, lines[-1]
    assert all(line.startswith("r.bib:") and ":1: warning[duplicate-entry]: 'd" in line
               for line in lines[:-1]), lines[:3]


# -- files without end -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [["check", "--bib", "/dev/zero"], ["render", "/dev/zero"],
                                  ["add", "--offline", "--bibtex", "/dev/zero"],
                                  ["import", "/dev/zero", "--from", "ris"]],
                         ids=["bib", "post", "add", "import"])
def test_a_file_without_end_is_refused_at_a_size_no_input_needs(tmp_path, run_biblio, args):
    # /dev/zero (or a pipe that never closes) was read whole: MemoryError (exit 3), or the
    # system killed biblio first.
    from biblio.paths import MAX_INPUT

    (tmp_path / "references.bib").write_text(entry())
    p = run_biblio(args, cwd=tmp_path, timeout=HANG)
    no_crash(p)
    assert p.returncode == 2, p.stderr
    assert re.match(r"/dev/zero:1:1: error\[io\]: cannot read the (file|post): more than "
                    rf"{MAX_INPUT >> 20} MB", p.stderr), p.stderr
    assert (tmp_path / "references.bib").read_text() == entry()


# -- inheritance: crossref and xdata chains ------------------------------------------------------

def test_a_chain_of_a_thousand_crossrefs_inherits_to_its_end(tmp_path, run_biblio):
    # Each crossref resolved its parent recursively: 500 links exhausted Python's stack (exit 3).
    n = 1000
    text = "".join(f"@book{{k{i}, crossref = {{k{i + 1}}}}}\n" for i in range(n))
    text += f"@book{{k{n}, author = {{Doe, J.}}, title = {{Deep}}, year = {{2001}},\n" \
            "  publisher = {Press}}\n"
    (tmp_path / "r.bib").write_text(text)
    p = run_biblio(["check", "--bib", "r.bib", "--select", "missing-field"], cwd=tmp_path,
                   timeout=HANG)
    no_crash(p)
    assert p.returncode == 0 and "0 errors, 0 warnings" in p.stdout, p.stdout[-2000:]
    p = run_biblio(["format", "k0", "--bib", "r.bib", "--to", "text"], cwd=tmp_path,
                   timeout=HANG)
    no_crash(p)
    assert p.stdout.strip() == "Doe, J. (2001). Deep. Press.", p.stdout


def test_xdata_parents_shared_level_after_level_are_resolved_once_each(tmp_path, run_biblio):
    # Two xdata entries per level, each naming both of the next: 2^30 paths from the top
    # (1.6 KB of .bib), every one walked.
    levels = 30
    text = ""
    for i in range(levels):
        below = f", xdata = {{a{i + 1}, b{i + 1}}}" if i + 1 < levels else \
            ", publisher = {Deep Press}"
        text += f"@xdata{{a{i}{below}}}\n@xdata{{b{i}{below}}}\n"
    text += "@book{top, xdata = {a0, b0}, author = {Doe, J.}, title = {T}, year = {2001}}\n"
    (tmp_path / "r.bib").write_text(text)
    for command in (["check"], ["format", "top", "--to", "text"]):
        p = run_biblio([*command, "--bib", "r.bib"], cwd=tmp_path, timeout=HANG)
        no_crash(p)
        assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip() == "Doe, J. (2001). T. Deep Press.", p.stdout


# -- collation on a bounded prefix -----------------------------------------------------------

def test_long_non_ascii_titles_sort_in_linear_time(tmp_path, run_biblio):
    # pyuca on whole titles: four titles of 10,000 non-ASCII words took over a minute.
    tail = " Ünïcödé ẞtraße" * 10_000
    titles = {"z": "Zürich" + tail, "b": "Bär" + tail, "a": "Äpfel" + tail, "o": "Öl" + tail}
    (tmp_path / "r.bib").write_text("".join(entry(key=k, title=t) for k, t in titles.items()))
    p = run_biblio(["format", "--all", "--bib", "r.bib", "--to", "text"], cwd=tmp_path,
                   timeout=HANG)
    assert p.returncode == 0, p.stderr[-2000:]
    starts = [line.split(". ", 2)[2][:4] for line in p.stdout.splitlines() if line]
    # Same author and year: by title, Ä with A and Ö with O (then 2000a, b, … in that order).
    assert starts == ["Äpfe", "Bär ", "Öl ü", "Züri"], starts  # (sentence case)


# -- one cluster of many cites ----------------------------------------------------------------

def test_one_cluster_of_many_cites_groups_them_in_linear_time(tmp_path, run_biblio):
    # 50k cites in one cluster: grouping by author rescanned the cluster for every cite
    # (×59 per ×10). Here 20,000 cites of 10 authors, with a prefix now and then.
    (tmp_path / "r.bib").write_text("".join(
        entry(key=f"k{i}", author=f"Author{i}, Jane")
        + entry(key=f"k{i}b", author=f"Author{i}, Jane").replace("2000", "2001")
        for i in range(10)))
    cites = [("see " if i % 997 == 0 else "") + f"@k{i % 10}{'b' if i % 3 == 0 else ''}"
             for i in range(20_000)]
    (tmp_path / "p.md").write_text(post("[" + "; ".join(cites) + "]"))
    p = run_biblio(["render", "p.md", "--bib", "r.bib", "--no-link-citations"], cwd=tmp_path,
                   timeout=HANG)
    assert p.returncode == 0, p.stderr[-2000:]
    cluster = p.stdout.split('">', 1)[1].split("</span>", 1)[0]
    # One author's cites join, sorted, up to the next cite with a prefix, which starts a
    # group again and stays at its head ("see Author0, 2000, …" 21 times: cites 0, 997, …,
    # 19,940 have it): at most 10 authors × 21 groups.
    assert cluster.startswith("(see Author0, 2000, 2000, 2000"), cluster[:200]
    assert cluster.count("see Author0, 2000, ") == 21
    assert cluster.count("Author") <= 10 * 21


# -- memory on a file of broken blocks --------------------------------------------------------

def test_600_kb_of_broken_blocks_are_reported_in_bounded_memory(tmp_path):
    # The splitter kept every aborted block's exception with its traceback and frames: 320 MB
    # for 600 KB of "@a{x," (100,000 blocks). Now some 210 MB, most of it the 100,000
    # diagnostics themselves.
    import os
    import subprocess
    import sys
    import time

    (tmp_path / "r.bib").write_text("@a{x,\n" * 100_000)
    with open(tmp_path / "out.txt", "wb") as out:
        p = subprocess.Popen([sys.executable, "-m", "biblio", "check", "--bib", "r.bib"],
                             cwd=tmp_path, stdout=out, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + HANG
        peak = 0  # KB: the process's own high-water mark (VmHWM), read while it runs
        while True:
            peak = max(peak, _hwm(p.pid))
            pid, status, _ = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                p.kill()
                pytest.fail("biblio check did not finish")
            time.sleep(0.02)
    p.returncode = os.waitstatus_to_exitcode(status)  # reaped here
    assert p.returncode == 1
    # rusage's ru_maxrss would count the test process's own pages (a forked child starts as a
    # copy of it, and Linux keeps that high-water mark across exec), so a long test session
    # would read as the child's: VmHWM is the child's own.
    assert 0 < peak < 280 * 1024  # KB; it was 320 MB
    lines = (tmp_path / "out.txt").read_text().splitlines()
    assert lines[0].startswith("r.bib:1:1: error[syntax]: @a 'x' has text that is not")
    assert len([ln for ln in lines if ": error[" in ln]) == 100_000


def _hwm(pid: int) -> int:
    """The peak resident size (KB) of a running process, from /proc; 0 once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


# JSON nested past Python's reader depth (it raises RecursionError, not a JSON error): an
# import, a list of abbreviations, the build cache and the search index each say what is wrong
# or read afresh, never an internal error.
DEEP_JSON = "[" * 100_000 + "]" * 100_000


@pytest.mark.parametrize("args", [["import", "deep.json"], ["add", "--csl-json", "deep.json"]],
                         ids=["import", "add"])
def test_json_nested_too_deeply_to_import_is_a_located_error(tmp_path, run_biblio, args):
    (tmp_path / "deep.json").write_text(DEEP_JSON)
    (tmp_path / "refs.bib").write_text("")
    p = run_biblio([*args, "--bib", "refs.bib"], cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert p.stderr.startswith("deep.json:1:1: error[json-syntax]: the JSON is nested too "
                               "deeply"), p.stderr
    assert (tmp_path / "refs.bib").read_text() == ""


def test_a_search_index_of_another_shape_is_built_afresh(tmp_path, run_biblio):
    # (JSON this command did not write, with the stamp of the .bib as it is: never an
    # internal error, never rows that are not the entries')
    import json

    site = tmp_path / "site"
    sample_site(site)
    cache = tmp_path / "cache"
    env = {"BIBLIO_CACHE_DIR": str(cache)}
    first = run_biblio(["search", "needling"], cwd=site, env=env)
    assert first.returncode == 0 and "kalichman" in first.stdout.lower(), first.stderr
    (index,) = (cache / "search").glob("*.json")
    stamp = json.loads(index.read_text())["stamp"]
    for data in ([], "rows", {"stamp": stamp, "rows": 5}, {"stamp": stamp, "rows": [5]},
                 {"stamp": stamp, "rows": [{"key": "x"}]},
                 {"stamp": stamp, "rows": [{"key": 1, "type": "", "year": "", "author": "",
                                            "title": "", "doi": "", "line": 1, "_n": {}}]}):
        index.write_text(json.dumps(data))
        p = run_biblio(["search", "needling"], cwd=site, env=env)
        assert (p.returncode, p.stdout) == (0, first.stdout), (data, p.stderr)


@pytest.mark.parametrize("args", [["import", "big.json"], ["add", "--csl-json", "big.json"]],
                         ids=["import", "add"])
def test_a_number_longer_than_python_reads_is_a_located_error(tmp_path, run_biblio, args):
    # (Python reads at most 4,300 digits of an int: a ValueError that is not a JSON error)
    (tmp_path / "big.json").write_text('[{"id": "a", "type": "book", "volume": ' + "1" * 5000
                                       + "}]")
    (tmp_path / "refs.bib").write_text("")
    p = run_biblio([*args, "--bib", "refs.bib"], cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert p.stderr.startswith("big.json:1:1: error[json-syntax]: "), p.stderr
    assert "internal error" not in p.stderr
    assert (tmp_path / "refs.bib").read_text() == ""


def test_a_web_answer_nested_too_deeply_or_with_too_long_a_number_is_a_network_error(
        monkeypatch):
    from biblio.importers.http import Client, NetworkError

    client = Client(timeout=1, retries=0)
    for body in (DEEP_JSON, '{"n": ' + "1" * 5000 + "}"):
        monkeypatch.setattr(client, "get", lambda *a, body=body, **k: body)
        with pytest.raises(NetworkError) as err:
            client.get_json("https://api.crossref.org/works/10.5555/x")
        assert err.value.kind == "malformed" and "not valid JSON" in err.value.message


def test_damaged_caches_nested_too_deeply_are_read_afresh(tmp_path, run_biblio):
    site = tmp_path / "site"
    sample_site(site)
    assert run_biblio(["build", "-j", "1"], cwd=site).returncode == 0
    (site / "site" / ".biblio-cache.json").write_text(DEEP_JSON)
    p = run_biblio(["build", "-j", "1"], cwd=site)
    assert p.returncode == 0 and "warning[build-cache]" in p.stderr, p.stderr
    cache = tmp_path / "cache"
    env = {"BIBLIO_CACHE_DIR": str(cache)}
    assert run_biblio(["search", "needling"], cwd=site, env=env).returncode == 0
    for index in (cache / "search").glob("*.json"):
        index.write_text(DEEP_JSON)
    p = run_biblio(["search", "needling"], cwd=site, env=env)
    assert p.returncode == 0 and "kalichman" in p.stdout.lower(), p.stderr
