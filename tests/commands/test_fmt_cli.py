"""`biblio fmt` on the command line: --check, --diff, --fix, config, refusing broken files."""

from __future__ import annotations

import re
import shutil

from helpers import ROOT, TESTS

from biblio.bib import library

MESSY = "% my refs\n@ARTICLE{b, Title = \"y\", year = 2020}\n\n@article{a,\n  title = {x},\n}\n"
CLEAN = "% my refs\n@article{b,\n  title = {y},\n  year = {2020},\n}\n\n@article{a,\n  title = {x},\n}\n"
CLINIC = TESTS / "fixtures" / "clinic-first-draft.bib"


def apply_unified_diff(text: str, diff: str) -> str:
    """Apply a unified diff (as `patch` would) — to check that the diff fmt shows is right."""
    old = text.splitlines(keepends=True)
    out, at = [], 0
    lines = diff.splitlines(keepends=True)
    i = 2
    while i < len(lines):
        m = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", lines[i])
        assert m, lines[i]
        start = int(m.group(1)) - (0 if m.group(2) == "0" else 1)
        out.extend(old[at:start])
        at = start
        i += 1
        while i < len(lines) and not lines[i].startswith("@@"):
            tag, body = lines[i][0], lines[i][1:]
            if tag in " -":
                assert old[at] == body, (old[at], body)
                at += 1
            if tag in " +":
                out.append(body)
            i += 1
    out.extend(old[at:])
    return "".join(out)


def test_check_shows_a_diff_and_exits_one(project, cli):
    bib = project / "references.bib"
    bib.write_text(MESSY)
    r = cli(["fmt", "--check"])
    assert r.exit_code == 1
    assert r.stdout.startswith("--- references.bib (original)\n+++ references.bib (formatted)\n")
    assert apply_unified_diff(MESSY, r.stdout) == CLEAN
    assert "would reformat references.bib (1 entry)" in r.stderr
    assert bib.read_text() == MESSY


def test_diff_writes_nothing_and_exits_zero(project, cli):
    (project / "references.bib").write_text(MESSY)
    r = cli(["fmt", "--diff"])
    assert r.exit_code == 0
    assert apply_unified_diff(MESSY, r.stdout) == CLEAN
    assert (project / "references.bib").read_text() == MESSY


def test_fmt_rewrites_then_leaves_the_file_alone(project, cli):
    bib = project / "references.bib"
    bib.write_text(MESSY)
    r = cli(["fmt"])
    assert r.exit_code == 0
    assert bib.read_text() == CLEAN
    before = bib.stat().st_mtime_ns
    r = cli(["fmt"])
    assert "already canonical" in r.stderr
    assert bib.stat().st_mtime_ns == before
    assert cli(["fmt", "--check"]).exit_code == 0


def test_the_project_references_are_canonical(project, cli):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    r = cli(["fmt", "--check"])
    assert r.exit_code == 0
    assert r.stdout == ""


def test_syntax_errors_are_shown_and_nothing_is_written(project, run_biblio):
    bib = project / "references.bib"
    broken = "@article{a,\n  title = {x}\n  year = {2020}\n}\n@ARTICLE{b, title = {y}}\n"
    bib.write_text(broken)
    for args in (["fmt"], ["fmt", "--check"], ["fmt", "--fix"]):
        r = run_biblio(args, cwd=project)
        assert r.returncode == 1
        assert r.stderr.startswith("references.bib:2:14: error[missing-comma]: ")
        assert "Traceback" not in r.stderr
        assert bib.read_text() == broken


def test_config_table_sets_the_style(project, cli):
    (project / "references.bib").write_text(MESSY)
    (project / "pyproject.toml").write_text(
        '[tool.biblio.fmt]\nindent = 4\ndelimiters = "quotes"\nsort = "key"\n')
    assert cli(["fmt"]).exit_code == 0
    assert (project / "references.bib").read_text() == (
        '% my refs\n@article{a,\n    title = "x",\n}\n\n'
        '@article{b,\n    title = "y",\n    year = "2020",\n}\n')


def test_fix_on_the_clinic_draft_reports_every_fix(project, cli):
    shutil.copy(CLINIC, project / "references.bib")
    before = library.load(project / "references.bib")
    r = cli(["fmt", "--fix"])
    assert r.exit_code == 0, r.output
    fixes = [line.split(" ", 2)[:2] for line in r.stderr.splitlines() if "fixed '" in line]
    assert fixes == [
        ["references.bib:9:13:", "info[pages-dash]:"],
        ["references.bib:13:27:", "info[names-comma-list]:"],
        ["references.bib:20:28:", "info[name-credentials]:"],
        ["references.bib:21:16:", "info[unprotected-word]:"],
        ["references.bib:23:3:", "info[month-format]:"],
        ["references.bib:28:31:", "info[name-credentials]:"],
        ["references.bib:39:3:", "info[month-format]:"],
        ["references.bib:47:3:", "info[month-format]:"],
    ]
    after = library.load(project / "references.bib")
    fixed_fields = {("apta2013", "pages"), ("cagnie2013", "author"), ("edwards2015", "author"),
                    ("edwards2015", "title"), ("edwards2015", "month"),
                    ("kalichman2015", "author"), ("ries2015", "month"), ("seguin2015", "month")}
    for old, new in zip(before.entries, after.entries):
        assert (old.key, old.names()) == (new.key, new.names())
        for f, g in zip(old.fields, new.fields):
            letters = [re.sub(r"\W", "", x.raw) for x in (f, g)]
            if (old.key, f.name) in fixed_fields:
                assert letters[0] != letters[1] or f.raw != g.raw
            else:
                assert letters[0] == letters[1], (old.key, f.name)
    assert after.get("kalichman2015").get("author") == "Leonid Kalichman and Simon Vulfsons"
    # the fixes are now done: check no longer reports them
    r = cli(["check", "--format", "json"])
    assert not {"pages-dash", "names-comma-list", "name-credentials", "month-format",
                "unprotected-word"} & set(re.findall(r'"rule": "([a-z-]+)"', r.stdout))
