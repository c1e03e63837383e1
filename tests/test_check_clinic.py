"""The sample blog's sources as the clinic first wrote them: `check` must catch every problem
DATA.md lists, at the right line and column."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from biblio.commands import check

FIXTURE = Path(__file__).parent / "fixtures" / "clinic-first-draft.bib"

EXPECTED = [
    "clinic-first-draft.bib:5:13: warning[corporate-author]: 'APTA Public Policy, P. a.' looks like an organization ('APTA'), but BibTeX will read it as a person's name — enclose the organization's full name in a second pair of braces: author = {{Full Name of the Organization}}",
    "clinic-first-draft.bib:6:3: info[title-case]: the title of 'apta2013' is in Title Case; APA 7 uses sentence case — write it in sentence case, or keep Title Case and brace every word that must stay capitalized",
    "clinic-first-draft.bib:9:13: warning[pages-dash]: page range '1-7' uses '-' — write pages = {1--7}",
    "clinic-first-draft.bib:12:1: warning[apa-missing-field]: journal article 'cagnie2013' has no volume and no pages (or eid, the article number) — add volume and pages; the article's DOI record gives them (add doi = {10.…} as well)",
    "clinic-first-draft.bib:13:27: error[names-comma-list]: author 'Barbara Cagnie, Vincent Dewitte, Tom Barbe, Frank Timmermans, Nicolas Delrue, Mira Meeus' joins names with commas; BibTeX separates names with 'and' only — write author = {Barbara Cagnie and Vincent Dewitte and Tom Barbe and Frank Timmermans and Nicolas Delrue and Mira Meeus}",
    "clinic-first-draft.bib:14:3: info[title-case]: the title of 'cagnie2013' is in Title Case; APA 7 uses sentence case — write it in sentence case, or keep Title Case and brace every word that must stay capitalized",
    'clinic-first-draft.bib:19:1: warning[missing-field]: @online{edwards2015} has no url or doi or eprint — add url = {…} (or doi or eprint)',
    "clinic-first-draft.bib:20:28: error[name-credentials]: 'P. D.' in author 'David Edwards, P. D.' is a credential, not part of the name — write the name alone: 'David Edwards'",
    "clinic-first-draft.bib:21:3: info[title-case]: the title of 'edwards2015' is in Title Case; APA 7 uses sentence case — write it in sentence case, or keep Title Case and brace every word that must stay capitalized",
    "clinic-first-draft.bib:21:16: warning[unprotected-word]: 'Ma' in the title would be lowercased by sentence case — protect it with braces: {Ma}",
    'clinic-first-draft.bib:23:3: warning[month-format]: month = {November} is text; biblatex reads months as numbers or the macros jan…dec — write month = nov',
    "clinic-first-draft.bib:24:11: warning[retrieved-from]: 'Retrieved November 14, 2015' in note: APA 7 does not write 'Retrieved' text — put the access date in urldate = {YYYY-MM-DD}; then remove it from note",
    "clinic-first-draft.bib:27:1: warning[apa-missing-field]: journal article 'kalichman2015' has no volume and no pages (or eid, the article number) — add volume and pages; the article's DOI record gives them (add doi = {10.…} as well)",
    "clinic-first-draft.bib:28:31: error[name-credentials]: 'PT, PhD' in author 'Leonid Kalichman, PT, PhD' are credentials, not part of the name — write the name alone: 'Leonid Kalichman'",
    "clinic-first-draft.bib:28:59: error[name-credentials]: 'MD' in author 'Simon Vulfsons, MD' is a credential, not part of the name — write the name alone: 'Simon Vulfsons'",
    "clinic-first-draft.bib:29:3: info[title-case]: the title of 'kalichman2015' is in Title Case; APA 7 uses sentence case — write it in sentence case, or keep Title Case and brace every word that must stay capitalized",
    "clinic-first-draft.bib:32:11: warning[retrieved-from]: 'Retrieved from Movement Physical Therapy' in note: APA 7 does not write 'Retrieved' text — a journal article is cited by its DOI, not by the site it was found on: add doi = {10.…} and check the year and volume against it; then remove it from note",
    "clinic-first-draft.bib:35:1: warning[apa-missing-field]: journal article 'ries2015' has no volume and no pages (or eid, the article number) — add volume and pages; the article's DOI record gives them (add doi = {10.…} as well)",
    'clinic-first-draft.bib:35:1: warning[missing-field]: @article{ries2015} has no title — add title = {…}',
    'clinic-first-draft.bib:39:3: warning[month-format]: month = {May} is text; biblatex reads months as numbers or the macros jan…dec — write month = may',
    "clinic-first-draft.bib:40:11: warning[retrieved-from]: 'Retrieved November 2015, from American Physical Therapy Asso' in note: APA 7 does not write 'Retrieved' text — put the access date in urldate = {YYYY-MM-DD}; a journal article is cited by its DOI, not by the site it was found on: add doi = {10.…} and check the year and volume against it; then remove it from note",
    "clinic-first-draft.bib:45:3: info[title-case]: the title of 'seguin2015' is in Title Case; APA 7 uses sentence case — write it in sentence case, or keep Title Case and brace every word that must stay capitalized",
    "clinic-first-draft.bib:45:12: error[credentials-in-title]: the title of 'seguin2015' is the person's credentials (PT, DPT, COMT), not the title of a work — write the work's title; credentials are not cited in APA 7",
    'clinic-first-draft.bib:47:3: warning[month-format]: month = {November} is text; biblatex reads months as numbers or the macros jan…dec — write month = nov',
    "clinic-first-draft.bib:48:3: info[personal-communication]: 'seguin2015' is an unpublished interview: APA 7 cites personal communications in the text only and leaves them out of the reference list — add type = {personal communication}",
]


def _run(tmp_path, monkeypatch, *args):
    shutil.copy(FIXTURE, tmp_path / FIXTURE.name)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(check.cli, ["--bib", FIXTURE.name, *args])


def test_report_lines_are_exact(tmp_path, monkeypatch):
    result = _run(tmp_path, monkeypatch)
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[:-1] == EXPECTED
    assert lines[-1] == 'clinic-first-draft.bib: 6 entries, 5 errors, 14 warnings, 6 info'


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
    monkeypatch.chdir(Path(__file__).parent.parent)
    report = check.run("references.bib")
    assert report.errors == 0
    assert [(d.line, d.rule) for d in report.diagnostics if d.severity != "info"] == [
        (26, "missing-field"), (46, "missing-field")]
