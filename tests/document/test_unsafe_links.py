"""A DOI or URL becomes a link only to a web address: https://doi.org/… or an http(s) URL."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT

from biblio import csl

APA = (ROOT / "styles" / "apa.csl").read_text(encoding="utf-8")


def hrefs(doi: str) -> list[str]:
    item = {"id": "a", "type": "article-journal", "title": "T", "DOI": doi,
            "author": [{"family": "Doe", "given": "J"}], "issued": {"date-parts": [[2000]]}}
    text = csl.render(APA, [item], links=True).bibliography[0].text
    return re.findall(r'href="([^"]*)"', text)


@pytest.mark.parametrize("doi, linked", [
    ("httpx:alert(1)", []),  # the probe's reproducer: linked as written before
    ("javascript:alert(1)", []),
    ("http://", []),
    ("data:text/html,<script>x</script>", []),
    ("10.1000/xyz", ["https://doi.org/10.1000/xyz"]),
    ("doi:10.1000/abc", ["https://doi.org/10.1000/abc"]),
    ("https://dx.doi.org/10.1/q", ["https://doi.org/10.1/q"]),
    ("https://example.org/10.1/x", ["https://example.org/10.1/x"]),
])
def test_a_doi_links_only_to_a_web_address(doi, linked):
    assert hrefs(doi) == linked
