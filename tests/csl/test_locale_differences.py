"""Differences from citeproc-js that benchmarks/styles_diff.py --locale found in styles
rendered in a locale other than their own, and that were biblio's: each case is the smallest
style, item and locale showing what broke."""

from __future__ import annotations

from biblio.csl import render


def _style(citation: str, locale: str = "") -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  {locale}
  <citation><layout>{citation}</layout></citation>
</style>"""


def _cite(style: str, item: dict, lang: str, cite: dict | None = None) -> str:
    got = render(style, [item], [[dict({"id": item["id"]}, **(cite or {}))]], locale=lang,
                 output="text")
    return got.citations[0]


CHAPTER = {"id": "c", "type": "chapter", "title": "Knee", "page": "33-45"}


def test_a_label_term_takes_a_typographic_apostrophe():
    # nl-NL's plural "page" term is "pagina's"; a cs:text term already printed its
    # apostrophe as "’" (as field text does), a cs:label printed it straight
    # (canadian-journal-of-soil-science "Pagina's 33-45" / citeproc-js "Pagina’s").
    style = _style('<group delimiter=" "><label variable="page" text-case="capitalize-first"/>'
                   '<text variable="page"/></group>')
    assert _cite(style, CHAPTER, "nl-NL") == "Pagina’s 33-45"


TWO = {"id": "t", "type": "book", "title": "T",
       "author": [{"family": "Doe", "given": "J."}, {"family": "Roe", "given": "R."}]}
AND = _style('<names variable="author"><name form="short" and="text"/></names>')


def test_a_language_without_a_region_takes_its_primary_dialect_from_the_locale_set():
    # the locale set's own list of primary dialects (locales.json): "gl" is gl-ES, "hy"
    # hy-AM, "sr" sr-Latn-RS; biblio knew none of them and printed en-US's "and"
    assert _cite(AND, TWO, "gl") == "Doe e Roe"
    assert _cite(AND, TWO, "hy") == "Doe և Roe"
    assert _cite(AND, TWO, "sr") == "Doe i Roe"


def test_a_locale_with_a_script_subtag():
    # locales-sr-Latn-RS.xml and locales-sr-Cyrl-RS.xml: "sr-Latn-RS" was read as "sr-LATN"
    assert _cite(AND, TWO, "sr-Latn-RS") == "Doe i Roe"
    assert _cite(AND, TWO, "sr-Cyrl-RS") == "Doe и Roe"
    assert _cite(AND, TWO, "sr-latn-rs") == "Doe i Roe"


def test_a_long_ordinal_is_a_term_for_title_case():
    # aquatic-living-resources' `<number variable="edition" form="long-ordinal"
    # text-case="title"/>` in it-IT: the word is the locale's term, so it takes title case
    # whatever the item's language, as a cs:text term does ("Seconda edizione"); the
    # item's own text is still title-cased only for an English item
    style = _style('<group delimiter=" "><number variable="edition" form="long-ordinal" '
                   'text-case="title"/><text term="edition"/></group>')
    book = {"id": "b", "type": "book", "title": "T", "edition": "2"}
    assert _cite(style, book, "it-IT") == "Seconda edizione"
    assert _cite(style, dict(book, edition="seconda edizione riveduta"), "it-IT") == (
        "seconda edizione riveduta edizione")


def test_a_month_name_is_a_term_for_title_case():
    # university-of-new-england-australia-note's `<date-part name="month" text-case="title"/>`
    # in pl-PL: the month's name is the locale's term, title-cased whatever the item's
    # language ("Marca 2019", as citeproc-js)
    style = _style('<date variable="issued"><date-part name="month" text-case="title" '
                   'suffix=" "/><date-part name="year"/></date>')
    item = {"id": "m", "type": "book", "title": "T", "issued": {"date-parts": [[2019, 3]]}}
    assert _cite(style, item, "pl-PL") == "Marca 2019"
