"""The sample blog's sources as the clinic first wrote them: `check` must catch every problem
DATA.md lists, at the right line and column."""

from __future__ import annotations

import shutil

from click.testing import CliRunner
from helpers import ROOT, TESTS

from biblio.commands import check

FIXTURE = TESTS / "fixtures" / "clinic-first-draft.bib"

# The exact report, line for line (regenerate only after checking every changed line by hand).
EXPECTED = FIXTURE.with_suffix(".check.txt").read_text(encoding="utf-8").splitlines()


def _run(tmp_path, monkeypatch, *args):
    shutil.copy(FIXTURE, tmp_path / FIXTURE.name)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(check.cli, ["--bib", FIXTURE.name, *args])


def test_report_lines_are_exact(tmp_path, monkeypatch):
    result = _run(tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.output.splitlines() == EXPECTED
    assert EXPECTED[-1] == "clinic-first-draft.bib: 6 entries, 5 errors, 14 warnings, 6 info"


def test_every_problem_data_md_lists_is_caught(tmp_path, monkeypatch):
    """One assertion per problem named in DATA.md, so a lost rule is named when it breaks."""
    out = _run(tmp_path, monkeypatch).output
    wanted = [
        # 1: a group author typed as a person, and a page range with a hyphen
        ":5:13: warning[corporate-author]", ":9:13: warning[pages-dash]",
        # 2: names joined with commas; no volume, no pages
        ":13:27: error[names-comma-list]", ":12:1: warning[apa-missing-field]",
        # 3: "P. D." is a degree; no URL; "Retrieved November 14, 2015"; Dr. Ma's name
        ":20:28: error[name-credentials]: 'P. D.'", ":19:1: warning[missing-field]",
        ":24:11: warning[retrieved-from]", ":21:16: warning[unprotected-word]: 'Ma'",
        # 4: "PT, PhD" and "MD" are credentials; "Retrieved from" names the wrong site (and the
        #    year cannot be checked without the DOI the message asks for)
        ":28:31: error[name-credentials]: 'PT, PhD'", ":28:59: error[name-credentials]: 'MD'",
        ":32:11: warning[retrieved-from]: 'Retrieved from Movement Physical Therapy'",
        "check the year and volume against it", ":27:1: warning[apa-missing-field]",
        # 5: no title; "Retrieved November 2015, from …"
        ":35:1: warning[missing-field]: @article{ries2015} has no title",
        ":40:11: warning[retrieved-from]",
        # 6: the "title" is the interviewee's credentials; an interview is cited in text only
        ":45:12: error[credentials-in-title]", ":48:3: info[personal-communication]",
    ]
    for w in wanted:
        assert w in out, w


def test_the_project_references_have_no_errors(monkeypatch):
    """references.bib holds the same sources corrected: only what is unknown is reported."""
    monkeypatch.chdir(ROOT)
    report = check.run("references.bib")
    assert report.errors == 0
    assert [(d.line, d.rule) for d in report.diagnostics if d.severity != "info"] == [
        (26, "missing-field"), (46, "missing-field")]
