"""APA 7 dates and roles, BibTeX in → `biblio format` text out with styles/apa.csl.

Each test names the APA 7 rule that decides, and what the oracles (citeproc-js 2.4.63 and
pandoc 3.9 with the same apa.csl) print where they differ.
"""

import json

from helpers import ROOT

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
    # (biblatex's `forthcoming` is APA's "in press" too, 9.17: three accepted works)
    assert "Doe, J. (in press-a). First. J." in out
    assert "Doe, J. (in press-b). Second. J." in out
    assert "Doe, J. (in press-c). Third. J." in out
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


def test_seasons_print_for_magazines_not_for_journal_volumes(cli, project):
    # APA 7 10.1: magazine, newsletter and newspaper articles carry the date, a season
    # included, "(2015, Spring)"; a journal article with volume and issue is dated by its year,
    # "(2015)" — apa.csl's date macro gives month or season only to such types (citeproc-js and
    # pandoc print the same). The mapping keeps the season in CSL `issued` either way.
    out = fmt(cli, project, """
@article{mag, author = {Moe, Mary}, title = {Spring issue}, journaltitle = {Garden Monthly},
  entrysubtype = {magazine}, date = {2015-21}}
@article{win, author = {Woe, Will}, title = {Winter issue}, journal = {Garden Monthly},
  entrysubtype = {magazine}, year = {2014}, month = {Winter}}
@article{jnl, author = {Joe, June}, title = {A spring study}, journaltitle = {Journal of Tests},
  volume = {3}, number = {2}, pages = {1--10}, date = {2015-21}}
""")
    assert "Moe, M. (2015, Spring). Spring issue. Garden Monthly." in out
    assert "Woe, W. (2014, Winter). Winter issue. Garden Monthly." in out
    assert "Joe, J. (2015). A spring study. Journal of Tests, 3(2), 1–10." in out


def test_newsletter_articles_are_dated_like_magazine_articles(cli, project):
    # APA 7 10.1 (and Example 18): newsletter articles take the magazine article's form, the
    # issue's date with its season, "(2015, Fall)". `entrysubtype = {newsletter}` maps to CSL
    # article-magazine (pandoc 3.9 maps it to article-journal and prints "(2015)").
    out = fmt(cli, project, """
@article{nl, author = {Noe, Nora}, title = {Clinic news}, journaltitle = {Physio Newsletter},
  entrysubtype = {newsletter}, date = {2015-23}}
""")
    assert out.strip() == "Noe, N. (2015, Fall). Clinic news. Physio Newsletter."
    # nor does check ask it for a journal's volume and pages
    assert "apa-missing-field" not in cli(["check"]).output


def test_a_season_range_prints_both_seasons(cli, project):
    # date = {2015-21/2015-22}: CSL's `season` holds one season, so the range keeps its seasons
    # as months 21–24; apa.csl joins them with its date range delimiter, as it does months,
    # "(2015, March–April)". citeproc-js and pandoc 3.9 print "(2015, Spring–Summer)" too.
    out = fmt(cli, project, """
@article{mag, author = {Moe, Mary}, title = {Double issue}, journaltitle = {Garden Monthly},
  entrysubtype = {magazine}, date = {2015-21/2015-22}}
@article{two, author = {Two, Tim}, title = {Across years}, journaltitle = {Garden Monthly},
  entrysubtype = {magazine}, date = {2015-24/2016-21}}
""")
    assert "Moe, M. (2015, Spring–Summer). Double issue. Garden Monthly." in out
    assert "Two, T. (2015–2016, Winter–Spring). Across years. Garden Monthly." in out


def test_american_apa_says_fall_and_british_autumn():
    # APA 7 is an American style: season-03 is "Fall" in styles/apa.csl's en-US locale section
    # (the CSL en-US locale file says "Autumn"); en-GB keeps "Autumn". citeproc-js reads the
    # same override.
    item = {"id": "m", "type": "article-magazine", "title": "T", "container-title": "M",
            "author": [{"family": "Moe", "given": "Mary"}], "issued": {"date-parts": [[2015, 23]]}}
    (us,) = render(STYLE, [item], output="text").bibliography
    (gb,) = render(STYLE, [item], locale="en-GB", output="text").bibliography
    assert us.text == "Moe, M. (2015, Fall). T. M."
    assert gb.text == "Moe, M. (2015, Autumn). T. M."


def test_a_season_given_as_month_21_to_24_in_csl_json():
    # CSL-JSON from Zotero or citeproc-js may give the season as a month 21–24
    item = {"id": "m", "type": "article-magazine", "title": "T", "container-title": "M",
            "author": [{"family": "Moe", "given": "Mary"}], "issued": {"date-parts": [[2015, 22]]}}
    (entry,) = render(STYLE, [item], output="text").bibliography
    assert entry.text == "Moe, M. (2015, Summer). T. M."


def test_compilers_are_labelled_in_full_by_apa(cli, project):
    # apa.csl labels compilers in full, "(Compiler)", "(Compilers)", as it does chairs, curators
    # and organizers: APA 7's reference abbreviations (Ed., Trans., Narr., Illus., …) have no
    # "Comp.". citeproc-js prints the same; pandoc prints "(Ed.)" (it maps a compiler to editor).
    out = fmt(cli, project, """
@book{one, editor = {Brown, Carl}, editortype = {compiler}, title = {Compiled work},
  publisher = {P}, date = {2015}}
@book{two, editor = {Brown, Carl and Green, Dana}, editortype = {compiler},
  title = {Compiled works}, publisher = {P}, date = {2016}}
""")
    assert "Brown, C. (Compiler). (2015). Compiled work. P." in out
    assert "Brown, C., & Green, D. (Compilers). (2016). Compiled works. P." in out


def test_short_compiler_label_comes_from_the_locale():
    # a style asking for label form="short" gets the locale's "comp." / "comps."
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography><layout><names variable="compiler"><name initialize-with=". "/>
    <label form="short" prefix=" (" suffix=")" text-case="capitalize-first"/></names>
  </layout></bibliography></style>"""
    items = [{"id": "a", "type": "book", "compiler": [{"family": "Brown", "given": "Carl"}]},
             {"id": "b", "type": "book", "compiler": [{"family": "Brown", "given": "Carl"},
                                                      {"family": "Green", "given": "Dana"}]}]
    got = [e.text for e in render(style, items, output="text").bibliography]
    assert got == ["C. Brown (Comp.)", "C. Brown, D. Green (Comps.)"]


def test_titles_sort_by_their_first_significant_word(cli, project):
    # APA 7 9.47-9.48: a work with no author is alphabetized by its title, and works by one
    # author in one year are ordered by title (then lettered 2020a, 2020b), both passing over
    # a leading "A", "An" or "The". citeproc-js and pandoc 3.9 sort the article as a word:
    # "The zebra study" before "Thermal images", and "A tale" (2020a) before "Book".
    out = fmt(cli, project, """
@online{zebra, title = {The zebra study}, date = {2020}, url = {https://example.org/a}}
@online{thermal, title = {Thermal images}, date = {2020}, url = {https://example.org/f}}
@book{tale, author = {Smith, Jo}, title = {A tale}, date = {2020}, publisher = {P}}
@book{book, author = {Smith, Jo}, title = {Book}, date = {2020}, publisher = {P}}
@book{zzz, author = {Smith, Jo}, title = {An zzz}, date = {2020}, publisher = {P}}
""")
    assert [line for line in out.splitlines() if line.strip()] == [
        "Smith, J. (2020a). Book. P.",
        "Smith, J. (2020b). A tale. P.",
        "Smith, J. (2020c). An zzz. P.",
        "Thermal images. (2020). https://example.org/f",
        "The zebra study. (2020). https://example.org/a",
    ]


def test_undated_web_page_says_retrieved_only_with_a_retrieval_date(cli, project):
    # APA 7 (9.16): "Retrieved Month Day, Year, from URL" needs the date; without one the URL
    # stands alone. apa.csl as published printed "Retrieved https://…"; styles/apa.csl's local
    # fix (see styles/README.md) is read the same by citeproc-js 2.4.63.
    out = fmt(cli, project, """
@online{who, author = {{World Health Organization}}, title = {Physical activity},
  url = {https://www.who.int/pa}, urldate = {2023-02-01}}
@online{whonodate, author = {{WHO}}, title = {Physical activity},
  url = {https://www.who.int/pa}}
""")
    assert "WHO. (n.d.). Physical activity. https://www.who.int/pa\n" in out
    assert ("World Health Organization. (n.d.). Physical activity. Retrieved February 1, 2023, "
            "from https://www.who.int/pa") in out
