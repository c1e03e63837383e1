"""APA 7 dates and roles, BibTeX in → `biblio format` text out with styles/apa.csl.

Each test names the APA 7 rule that decides, and what the oracles (citeproc-js 2.4.63 and
pandoc 3.9 with the same apa.csl) print where they differ.
"""

from conftest import ROOT

STYLE = str(ROOT / "styles" / "apa.csl")


def fmt(cli, project, bib: str, to: str = "text") -> str:
    (project / "references.bib").write_text(bib, encoding="utf-8")
    r = cli(["format", "--all", "--to", to, "--style", STYLE])
    assert r.exit_code == 0, r.output
    return r.stdout


def test_in_press_with_a_year_is_dated_in_press(cli, project):
    # APA 7 10.8: an accepted, not yet published work is "(in press)", with no year; two of them
    # by one author are "in press-a", "in press-b" (same author and date). citeproc-js and pandoc keep the
    # year and add "In press." at the end: they take `issued` and `status` as given.
    out = fmt(cli, project, """
@article{doe2015press, author = {Doe, Jane}, title = {Forthcoming work},
  journaltitle = {Journal of Tests}, date = {2015}, pubstate = {inpress}}
""")
    assert out.strip() == "Doe, J. (in press). Forthcoming work. Journal of Tests."
    out = fmt(cli, project, """
@article{a, author = {Doe, Jane}, title = {First}, journal = {J}, year = {2015},
  pubstate = {inpress}}
@article{b, author = {Doe, Jane}, title = {Second}, journal = {J}, pubstate = {forthcoming}}
@article{c, author = {Doe, Jane}, title = {Third}, journal = {J}, year = {in press}}
""")
    assert "Doe, J. (in press-a). First. J." in out
    assert "Doe, J. (in press-b). Third. J." in out
    assert "Doe, J. (forthcoming). Second. J." in out
    assert "2015" not in out


def test_submitted_work_keeps_its_year(cli, project):
    # APA 7 10.8: only accepted work drops the year; a submitted manuscript is dated.
    out = fmt(cli, project, """
@unpublished{s, author = {Doe, Jane}, title = {Under review}, date = {2020},
  pubstate = {submitted}}
""")
    assert out.startswith("Doe, J. (2020). Under review")
