"""A range of numbers (issue "3-4", volumes, a figure locator) is joined by the locale's
page-range-delimiter, as a page range is: AMA's styles set "-", fr-FR a no-break hyphen.
A report's number is one identifier and keeps its hyphen."""

from __future__ import annotations

from biblio.csl import render

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
       default-locale="%s">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>%s
<citation><layout><label variable="locator" form="short" suffix=" "/><text variable="locator"/>
</layout></citation>
<bibliography><layout><group delimiter=" | "><text variable="volume"/><text variable="issue"/>
<number variable="issue"/><text variable="page"/><text variable="number"/></group></layout>
</bibliography></style>"""
HYPHEN = ('<locale xml:lang="en"><terms><term name="page-range-delimiter">-</term></terms>'
          "</locale>")
ITEM = {"id": "a", "type": "report", "title": "T", "volume": "1-2", "issue": "3-4",
        "page": "101-5", "number": "99-02"}
FIGURE = [[{"id": "a", "label": "figure", "locator": "23-25"}]]


def _out(lang: str, own: str = ""):
    r = render(STYLE % (lang, own), [ITEM], FIGURE, output="text")
    return r.bibliography[0].text, r.citations[0]


def test_an_en_dash_by_default():
    assert _out("en-US") == ("1–2 | 3–4 | 3–4 | 101–5 | 99-02", "figs. 23–25")


def test_the_styles_own_delimiter_joins_every_range_of_numbers():
    assert _out("en-US", HYPHEN) == ("1-2 | 3-4 | 3-4 | 101-5 | 99-02", "figs. 23-25")


def test_the_locales_delimiter_too():
    bib, cite = _out("fr-FR")
    assert bib == "1\u20112 | 3\u20114 | 3\u20114 | 101\u20115 | 99-02"
    assert cite.endswith("23\u201125")
