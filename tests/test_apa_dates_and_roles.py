"""APA 7 dates and roles, BibTeX in → `biblio format` text out with styles/apa.csl.

Each test names the APA 7 rule that decides, and what the oracles (citeproc-js 2.4.63 and
pandoc 3.9 with the same apa.csl) print where they differ.
"""

import json

from conftest import ROOT

from biblio.csl import render
from biblio.importers import csljson

STYLE = str(ROOT / "styles" / "apa.csl")


def fmt(cli, project, bib: str, to: str = "text") -> str:
    (project / "references.bib").write_text(bib, encoding="utf-8")
    r = cli(["format", "--all", "--to", to, "--style", STYLE])
    assert r.exit_code == 0, r.output
    return r.stdout


def test_in_press_with_a_year_is_dated_in_press(cli, project):
    # APA 7 10.8: an accepted, not yet published work is "(in press)", with no year; two of them
    # by one author are "in press-a", "in press-b" (same author and date). citeproc-js and
    # pandoc keep the year and add "In press." at the end: they take `issued` and `status` as
    # given, and a CSL style cannot prefer `status` to `issued`.
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


def test_open_range_is_present(cli, project):
    # APA 7: a work still in progress is dated "(2015–present)". A biblatex open range
    # (`2015/` or `2015/..`) maps to CSL `[[2015], [0]]` (pandoc's and the CSL test suite's open
    # end); styles/apa.csl defines the term "present" that ends it. citeproc-js and pandoc
    # print "(2015–)": "present" is no CSL term, so they ignore it.
    out = fmt(cli, project, """
@book{roe, author = {Roe, Richard}, title = {An ongoing series}, publisher = {P},
  date = {2015/}}
@online{poe, author = {Poe, Edgar}, title = {A living document}, date = {2015-03/..},
  url = {https://example.org/living}}
""")
    assert "Roe, R. (2015–present). An ongoing series. P." in out
    # apa.csl prints the year and the month apart: the open end follows the year only
    assert "Poe, E. (2015–present, March). A living document. https://example.org/living" in out


OPEN = {"id": "x", "type": "book", "title": "T", "issued": {"date-parts": [[1987], [0]]}}


def _style(terms: str) -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <locale><terms>{terms}</terms></locale>
  <citation><layout><date variable="issued" prefix="(" suffix=")">
    <date-part name="year"/></date></layout></citation></style>"""


def test_open_range_ends_with_the_present_term_only_when_a_style_defines_it():
    clusters = [[{"id": "x"}]]
    assert render(_style(""), [OPEN], clusters, output="text").citations == ["(1987–)"]
    got = render(_style('<term name="present">heute</term>'), [OPEN], clusters, output="text")
    assert got.citations == ["(1987–heute)"]
    # apa.csl's term is English only: in German its open range stays "1987–"
    roe = dict(OPEN, author=[{"family": "Roe", "given": "Richard"}])
    assert render(STYLE, [roe], clusters, output="text").citations == ["(Roe, 1987–present)"]
    got = render(STYLE, [roe], clusters, locale="de-DE", output="text")
    assert got.citations == ["(Roe, 1987–)"]


def test_csl_json_open_range_imports_as_an_open_biblatex_date():
    for parts, want in (([[2015], [0]], "{2015/}"), ([[2015, 3], [0, 0]], "{2015-03/}"),
                        ([[2015], [2016]], "{2015/2016}")):
        item = {"id": "k", "type": "book", "title": "T", "issued": {"date-parts": parts}}
        (rec,) = csljson.read(json.dumps([item]), "x.json")
        assert rec.fields["date"] == want
