"""`<if disambiguate="true">` prints its content only where it tells otherwise identical
cites apart (CSL 1.0.2 Choose) when year-suffixes come next to do it: two unsigned, undated
films both titled "blah" stay as they were (found with pandoc's biblatex test entries x1 and
x2). With nothing after it, it stays: the most the style can show, as citeproc-js."""

from __future__ import annotations

from biblio.csl import render

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation%s><layout prefix="(" suffix=")" delimiter="; ">
  <choose><if disambiguate="true"><text variable="title" suffix=": "/></if></choose>
  <text variable="genre" text-case="uppercase"/>
</layout></citation>
<bibliography><layout><text variable="title"/></layout></bibliography></style>"""


def _cites(*titles, suffixes=True):
    style = STYLE % (' disambiguate-add-year-suffix="true"' if suffixes else "")
    items = [{"id": f"i{k}", "type": "motion_picture", "genre": "film", "title": t}
             for k, t in enumerate(titles)]
    return render(style, items, [[{"id": it["id"]}] for it in items], output="text").citations


def test_content_that_tells_the_cites_apart_is_printed():
    assert _cites("blah", "other") == ["(blah: FILM)", "(other: FILM)"]


def test_content_that_tells_nothing_apart_is_left_out_for_the_year_suffix():
    assert _cites("blah", "blah") == ["(FILM)", "(FILM)"]


def test_content_that_tells_nothing_apart_stays_where_nothing_comes_after_it():
    assert _cites("blah", "blah", suffixes=False) == ["(blah: FILM)", "(blah: FILM)"]


def test_a_third_cite_keeps_what_told_the_others_apart():
    assert _cites("blah", "blah", "other") == ["(blah: FILM)", "(blah: FILM)", "(other: FILM)"]


def test_the_year_suffix_comes_before_the_condition():
    # three of Kahneman's works of 2011: "2011a, 2011b, 2011c", not their titles (the
    # condition is tried "only when all other disambiguation methods have failed"; citeproc-js
    # and pandoc letter them too)
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
    <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
    <citation disambiguate-add-year-suffix="true"><layout prefix="(" suffix=")" delimiter="; ">
      <choose><if disambiguate="true"><text variable="title" suffix=": "/></if></choose>
      <group delimiter=", "><names variable="author"><name form="short"/></names>
        <date variable="issued"><date-part name="year"/></date></group>
    </layout></citation>
    <bibliography><layout><text variable="title"/></layout></bibliography></style>"""
    items = [{"id": t, "type": "book", "title": t, "issued": {"date-parts": [[2011]]},
              "author": [{"family": "Kahneman", "given": "Daniel"}]}
             for t in ("Thinking", "Before", "Blink")]
    got = render(style, items, [[{"id": "Thinking"}, {"id": "Before"}, {"id": "Blink"}]],
                 output="text").citations
    assert got == ["(Kahneman, 2011a; Kahneman, 2011b; Kahneman, 2011c)"]
