"""Whitespace (issue 13, class 7): a value typed over several lines prints on one, in every
output, as BibTeX reads it. BibTeX in → APA 7 out."""

import pytest
from apa_render import apa, items

BIB = ("@book{b, author = {Doe, Jane}, title = {A Long Title\n"
       "        that Spans Lines}, publisher = {Some\n     Press},\n"
       "  address = {New\n   York}, note = {A note\n\there}, year = {2001},\n"
       "  url = {https://example.com/a/very/long/\n    path}}\n")


@pytest.mark.parametrize("output, expected", [
    ("text", ("Doe, J. (2001). A long title that spans lines. Some Press. "
              "https://example.com/a/very/long/path")),
    ("markdown", ("Doe, J. (2001). *A long title that spans lines*. Some Press. "
                  "https://example.com/a/very/long/path")),
])
def test_apa_10_2_a_title_over_two_lines_prints_on_one(output, expected):
    assert apa(BIB, output=output) == [expected]


def test_every_value_has_bibtex_whitespace():
    it = items(BIB)[0]
    assert it["title"] == "A long title that spans lines"
    assert it["publisher"] == "Some Press"
    assert it["publisher-place"] == "New York"
    assert it["note"] == "A note here"
    assert it["URL"] == "https://example.com/a/very/long/path"


def test_latex_title_over_two_lines():
    it = items("@article{a, author = {Doe, Jane}, title = {A {\\em Long} Title\n"
               "    that {NASA}   Flew}, journal = {Journal\n  of Things}, year = {2001}}\n")[0]
    assert it["title"] == 'A <i>Long</i> title that <span class="nocase">NASA</span> flew'
    assert it["container-title"] == "Journal of Things"
