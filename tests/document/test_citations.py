"""Pandoc citation syntax: what is a citation, what is not, and where it is."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.document.locators import parse_locator
from biblio.document.posts import cited_keys, parse


def find_citations(text, **kw):
    parsed = parse(text, **kw)
    fm, cites = parsed.front_matter, parsed.citations
    return fm, cites
from biblio.diagnostics import BiblioError


def csl(text):
    _, found = find_citations(text)
    return [[c.to_csl() for c in cit.cites] for cit in found]


def keys(text):
    return [k.key for k in cited_keys(text)]


@pytest.mark.parametrize("text, expected", [
    ("[@key]", [[{"id": "key"}]]),
    ("[@a; @b]", [[{"id": "a"}, {"id": "b"}]]),
    ("[see @key, p. 33]", [[{"id": "key", "prefix": "see ", "locator": "33", "label": "page"}]]),
    ("[@key, pp. 33-35 and passim]",
     [[{"id": "key", "locator": "33-35", "label": "page", "suffix": " and passim"}]]),
    ("[-@key]", [[{"id": "key", "suppress-author": True}]]),
    ("@key says", [[{"id": "key"}]]),
    ("@key [p. 33] says", [[{"id": "key", "locator": "33", "label": "page"}]]),
    # As pandoc: a bracket after a narrative cite that starts with a cite holds more cites.
    ("@a [see also @b; @c] say", [[{"id": "a"}, {"id": "b", "prefix": "see also "},
                                  {"id": "c"}]]),
    ("@a [@b] say", [[{"id": "a"}, {"id": "b"}]]),
    ("@a [p. 3; see @b] say", [[{"id": "a", "locator": "3", "label": "page"},
                                {"id": "b", "prefix": "see "}]]),
    ("@a [p. 3; no key] say", [[{"id": "a"}]]),
    ("@{odd:key}.", [[{"id": "odd:key"}]]),
    ("[@key, chap. 3]", [[{"id": "key", "locator": "3", "label": "chapter"}]]),
    ("[@key, sec. 2]", [[{"id": "key", "locator": "2", "label": "section"}]]),
    ("[@key, para. 4]", [[{"id": "key", "locator": "4", "label": "paragraph"}]]),
    ("[@key, fig. 2]", [[{"id": "key", "locator": "2", "label": "figure"}]]),
    ("[@key, vol. 2]", [[{"id": "key", "locator": "2", "label": "volume"}]]),
    ("[@key, 33]", [[{"id": "key", "locator": "33", "label": "page"}]]),
    ("[@key, and passim]", [[{"id": "key", "suffix": ", and passim"}]]),
    ("[@key, {pp. iv, vi-xi}]", [[{"id": "key", "locator": "iv, vi-xi", "label": "page"}]]),
    # A suffix is kept as written (pandoc 3.9): "(Doe, 2019.)", "(Doe, 2019, p. 50%)".
    ("[@key.]", [[{"id": "key", "suffix": "."}]]),
    ("[@key:]", [[{"id": "key", "suffix": ":"}]]),
    ("[@key, 50%]", [[{"id": "key", "locator": "50", "label": "page", "suffix": "%"}]]),
    ("[@key, p. 4 and passim]",
     [[{"id": "key", "locator": "4", "label": "page", "suffix": " and passim"}]]),
    # The bracket after a narrative cite: a suffix that starts with a word follows a comma,
    # "Doe (2019, emphasis added)", as pandoc prints it; one that starts with punctuation
    # or a space is kept as written.
    ("@key [emphasis added] says",
     [[{"id": "key", "suffix": ", emphasis added"}]]),
    ("@key [*see* x] says", [[{"id": "key", "suffix": ", <i>see</i> x"}]]),
    ("@key [p. 3 emphasis] says",
     [[{"id": "key", "locator": "3", "label": "page", "suffix": " emphasis"}]]),
    ("@key [p. 3, emphasis] says",
     [[{"id": "key", "locator": "3", "label": "page", "suffix": ", emphasis"}]]),
    ("@key [: a claim] says", [[{"id": "key", "suffix": ": a claim"}]]),
    ("end of sentence @key.", [[{"id": "key"}]]),
    # A dash before the "@" (pandoc 3.9): `-@key` opening a word is the year-only citation
    # "(2019)", in brackets or not; after a dash or a hyphenated word it is a narrative one.
    ("as -@key says", [[{"id": "key", "suppress-author": True}]]),
    ("as (-@key) says", [[{"id": "key", "suppress-author": True}]]),
    ("as -@key [p. 3; see also @b] says",
     [[{"id": "key", "suppress-author": True, "locator": "3", "label": "page"},
       {"id": "b", "prefix": "see also "}]]),
    ("dash---@key---dash", [[{"id": "key"}]]),
    ("dash --@key", [[{"id": "key"}]]),
])
def test_syntax_forms(text, expected):
    assert csl(text) == expected


@pytest.mark.parametrize("text", [
    "inline `[@code]` span",
    "```\n[@fenced] @fenced\n```\n",
    "    [@indented] @indented\n",
    "mail name@example.com today",
    "mail first-last@example.com, a.b@example.com, a_b@example.com, a+b@example.com",
    "a link <https://example.com/@user> here",
    "a bare URL https://medium.com/@user/post here",
    "an <a title=\"@attr [@attr]\" href=\"x\">element</a>",
    "escaped \\@key and \\@{key}",
    "<div data-x=\"[@attr]\">\n\nhi\n\n</div>\n",
    "[@]",
])
def test_not_citations(text):
    assert keys(text) == []


def test_a_link_stays_a_link_and_its_text_may_cite():
    # As pandoc: a link's text is text like any, a citation there is one (printed without a
    # link of its own, test_render), and the link stays a link.
    assert keys("a [link to @key](https://example.com) stays a link") == ["key"]
    assert keys("a [link [@a; @b]](https://example.com) stays a link") == ["a", "b"]


def test_a_citation_in_an_image_description_is_found_where_it_is():
    found = cited_keys("x\n\nAn ![see @key](a.png) and ![@k2]")
    assert [(k.key, k.line, k.col) for k in found] == [("key", 3, 10), ("k2", 3, 29)]


def test_positions_are_in_the_source_file():
    text = "---\ntitle: x\nnocite: |\n  @extra\n---\n\n> quoted [@q1;\n> @q2, 7]\n\n- item @li\n"
    found = cited_keys(text)
    assert found == [("q1", 7, 11), ("q2", 8, 3), ("li", 10, 8), ("extra", 3, 1)]


def test_sample_post_cites_all_six_sources():
    text = Path("posts/dry-needling.md").read_text(encoding="utf-8")
    assert set(keys(text)) == {
        "apta2013dryneedling", "cagnie2013physiologic", "edwards2015drma",
        "kalichman2010dryneedling", "ries2015ptinmotion", "seguin2015interview"}


def test_html_posts_cite_in_text_nodes_only():
    html = ("<p>Text [@a, p. 3] and @b.</p>\n<pre><code>[@code]</code></pre>\n"
            "<p title=\"[@attr]\"><a href=\"mailto:x@example.com\">x@example.com</a></p>\n")
    assert cited_keys(html, html=True) == [("a", 1, 10), ("b", 1, 24)]


def test_nocite_star_is_not_a_key():
    assert keys("---\nnocite: \"@*\"\n---\ntext\n") == []


@pytest.mark.parametrize("suffix, expected", [
    (", p. 33", ("page", "33", "")),
    (", pp. 33-35 and passim", ("page", "33-35", " and passim")),
    (", page 3", ("page", "3", "")),
    (", chapters 3, 4", ("chapter", "3, 4", "")),
    (", p. iv", ("page", "iv", "")),
    (", and passim", ("", "", ", and passim")),
    (", p.", ("", "", ", p.")),
    (" {35-89, 102}", ("page", "35-89, 102", "")),
    (", § 4", ("section", "4", "")),
    # a range typed with TeX's dashes, which pandoc's smart typography reads as one dash
    # ("144–146"): the whole range is the locator, not "144" and a suffix "--146"
    (", pp. 144--146", ("page", "144--146", "")),
    (", pp. 144---146 and passim", ("page", "144---146", " and passim")),
])
def test_locators(suffix, expected):
    assert parse_locator(suffix) == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab@-[];,{}`<>\\ \n*_p.3#:/", max_size=80))
def test_any_text_parses_and_positions_point_at_the_at_sign(text):
    lines = text.split("\n")
    try:
        found = cited_keys(text)
    except BiblioError:  # bad front matter: our own error, with a position
        return
    for key, line, col in found:
        assert lines[line - 1][col - 1] == "@", (key, line, col)


def test_year_only_cite_points_at_its_at_sign():
    assert cited_keys("x [-@key]") == [("key", 1, 5)]


def test_locator_terms_are_every_locale_terms_text_without_its_comments():
    """The locale files are read with lxml, as the engine reads them; the locator terms are
    what any XML reader finds: ElementTree, which drops comments, here. (Locale files have
    comments inside <term>, which lxml keeps as children: none may become a term.)"""
    import xml.etree.ElementTree as ET

    from biblio.csl.locale import LOCATOR_LABELS, locales_dir
    from biblio.document.locators import locator_terms

    ns = "{http://purl.org/net/xbiblio/csl}"
    checked = 0
    for path in sorted(Path(locales_dir()).glob("locales-*.xml")):
        lang = path.stem.removeprefix("locales-")
        want = {}
        for p in [path] + ([] if lang == "en-US" else [path.with_name("locales-en-US.xml")]):
            for term in ET.parse(p).getroot().iter(f"{ns}term"):
                if term.get("name") in LOCATOR_LABELS:
                    for form in [term.text or ""] + [x.text or "" for x in term]:
                        if form.strip():
                            want.setdefault(form.strip().lower(), term.get("name"))
        got = dict(locator_terms(lang))
        if "-" in lang and path.with_name(f"locales-{lang.split('-')[0]}.xml").is_file():
            continue  # a two-letter fallback in between: not this test's question
        assert got == want, lang
        checked += 1
    assert checked > 40
