"""Pathological inputs (issue 18): each class of hang, blow-up or crash, with the reproducer
of the issue as data. Each test runs biblio as a real process with a generous timeout that
only catches a hang (no timing is asserted) and checks the output, or the located error, it
must give. benchmarks/pathological.py measures the same shapes at 1× and 10×."""

from __future__ import annotations

import re

import pytest

HANG = 60  # seconds: far above what any of these takes now; only a hang reaches it

LOCATED = re.compile(r"^\S+:\d+:\d+: error\[[a-z-]+\]: .+", re.MULTILINE)


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
    p = run_biblio(["build", "posts", "--out", "site", "--bib", "r.bib", "-j", "2"],
                   cwd=tmp_path, timeout=HANG)
    no_crash(p)
    assert p.returncode == 0, p.stderr[-2000:]
    assert len(list((tmp_path / "site").glob("*.html"))) == len(DEEP_TITLES) + 6
    assert "Fine" in (tmp_path / "site" / "fine0.html").read_text()
