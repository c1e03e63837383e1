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
