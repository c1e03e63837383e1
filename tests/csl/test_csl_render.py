"""biblio.csl.render: the writers, escaping, links, warnings and parameters."""


from helpers import ROOT

from biblio.csl import render

APA = str(ROOT / "styles" / "apa.csl")

BOOK = {
    "id": "smith2019",
    "type": "book",
    "author": [{"family": "Smith", "given": "John"}],
    "issued": {"date-parts": [[2019]]},
    "title": "Manual therapy",
    "publisher": "Routledge",
}


def test_field_markup_is_rich_text_and_the_rest_is_escaped():
    item = dict(BOOK, title='<i>Homo sapiens</i> & <script>alert("x")</script> H<sub>2</sub>O')
    html = render(APA, [item]).bibliography[0].text
    assert "<script>" not in html
    assert "&#60;script&#62;" in html
    assert "&#38;" in html
    # italics inside an italic title flip back to roman
    assert '<span style="font-style:normal;">Homo sapiens</span>' in html
    assert "H<sub>2</sub>O" in html


def test_style_affixes_are_escaped():
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
      <citation><layout prefix="&lt;b&gt;" suffix="&amp;"><text variable="title"/></layout></citation>
    </style>"""
    res = render(style, [BOOK], [[{"id": "smith2019"}]])
    assert res.citations == ["&#60;b&#62;Manual therapy&#38;"]


def test_text_and_markdown_writers_walk_the_same_tree():
    item = dict(BOOK, title="Pain *and* gain")
    text = render(APA, [item], output="text").bibliography[0].text
    md = render(APA, [item], output="markdown").bibliography[0].text
    assert text == "Smith, J. (2019). Pain *and* gain. Routledge."
    assert md == "Smith, J. (2019). *Pain \\*and\\* gain*. Routledge."


def test_links_only_when_asked_and_only_for_dois_and_http_urls():
    item = dict(BOOK, DOI="10.1000/x<y", type="article-journal", **{"container-title": "J"})
    plain = render(APA, [item]).bibliography[0].text
    assert "<a " not in plain
    linked = render(APA, [item], links=True).bibliography[0].text
    assert '<a href="https://doi.org/10.1000/x%3Cy">https://doi.org/10.1000/x&#60;y</a>' in linked
    bad = dict(BOOK, URL="javascript:alert(1)", type="webpage")
    assert "<a " not in render(APA, [bad], links=True).bibliography[0].text


def test_items_without_id_or_type_render_with_warnings():
    res = render(APA, [{"title": "Untitled note"}, {"id": "x", "title": "No type"}])
    assert len(res.bibliography) == 2
    assert any("no id" in w for w in res.warnings)
    assert any("no type" in w for w in res.warnings)


def test_unknown_cites_are_warnings_not_errors():
    res = render(APA, [BOOK], [[{"id": "nope"}, {"id": "smith2019"}]])
    assert res.citations == ["(Smith, 2019)"]
    assert any("nope" in w for w in res.warnings)


def test_bibliography_of_cited_items_only_and_params():
    other = dict(BOOK, id="other", title="Other")
    res = render(APA, [BOOK, other], [[{"id": "smith2019"}]])
    assert [e.id for e in res.bibliography] == ["smith2019"]
    assert res.params == {"hanging-indent": True, "line-spacing": 2, "entry-spacing": 0,
                          "second-field-align": None}


def test_collation_not_code_points():
    names = ["Green", "Gödel", "Abel", "Ångström", "Zeta"]
    items = [dict(BOOK, id=n, author=[{"family": n, "given": "A."}]) for n in names]
    order = [e.id for e in render(APA, items).bibliography]
    assert order == ["Abel", "Ångström", "Gödel", "Green", "Zeta"]


# --- odd data never raises ------------------------------------------------------------------

from hypothesis import given, settings
from hypothesis import strategies as st

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-3000, 3000) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=3),
    max_leaves=6,
)
_KEYS = st.sampled_from(["id", "type", "title", "author", "editor", "issued", "accessed",
                         "page", "volume", "DOI", "URL", "container-title", "edition",
                         "status", "note", "language", "number", "literal"])
_NAME = st.fixed_dictionaries({}, optional={"family": _JSON, "given": _JSON, "literal": _JSON,
                                            "suffix": _JSON, "non-dropping-particle": _JSON})
_DATE = st.fixed_dictionaries({}, optional={
    "date-parts": st.lists(st.lists(_JSON, max_size=3), max_size=2), "raw": _JSON,
    "literal": _JSON, "season": _JSON, "circa": _JSON})
_ITEM = st.dictionaries(_KEYS, _JSON, max_size=6).flatmap(
    lambda d: st.fixed_dictionaries({"author": st.lists(_NAME, max_size=3),
                                     "issued": _DATE}).map(lambda extra: {**d, **extra}))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ITEM, max_size=4), st.lists(st.lists(
    st.fixed_dictionaries({"id": _JSON}, optional={"locator": _JSON, "label": _JSON,
                                                   "prefix": _JSON, "suffix": _JSON}),
    max_size=3), max_size=3))
def test_odd_items_and_cites_never_raise(items, clusters):
    res = render(APA, items, clusters)
    assert len(res.citations) == len(clusters)


def test_capitalize_first_leaves_a_mixed_case_word_alone():
    # CSL: capitalize-first changes the first word only when it is lower case. APA's
    # "(arXiv:2005.14165)" for a preprint's number; citeproc-js 2.4.63 prints the same.
    item = {"id": "p", "type": "article", "title": "Language models are few-shot learners",
            "author": [{"family": "Brown", "given": "Tom"}], "issued": {"date-parts": [[2020]]},
            "publisher": "arXiv", "number": "arXiv:2005.14165"}
    lower = dict(item, id="q", number="report 7", author=[{"family": "Adams", "given": "A"}])
    out = [e.text for e in render(APA, [item, lower], output="text").bibliography]
    assert out == ["Adams, A. (2020). Language models are few-shot learners (Report 7). arXiv.",
                   ("Brown, T. (2020). Language models are few-shot learners "
                    "(arXiv:2005.14165). arXiv.")]


TWO = {"id": "kal2010", "type": "article-journal", "title": "Dry needling",
       "author": [{"family": "Kalichman", "given": "Leonid"},
                  {"family": "Vulfsons", "given": "Simon"}],
       "issued": {"date-parts": [[2010]]}, "container-title": "JABFM"}


def test_a_narrative_cite_gives_its_names_as_prose_from_the_same_call():
    res = render(APA, [TWO, BOOK], [[{"id": "kal2010", "narrative": True,
                                      "suppress-author": True, "locator": "642"},
                                     {"id": "smith2019"}],
                                    [{"id": "kal2010"}]], output="text")
    # the names as running text ("and", APA 7 8.17); the citation without them
    assert res.authors == ["Kalichman and Vulfsons", ""]
    assert res.citations == ["(2010, p. 642; Smith, 2019)", "(Kalichman & Vulfsons, 2010)"]


def test_uncited_items_are_listed_after_the_cited_ones_without_a_citation():
    other = dict(BOOK, id="adams2001", author=[{"family": "Adams", "given": "Ann"}])
    res = render(APA, [BOOK, other, TWO], [[{"id": "smith2019"}]], output="text",
                 uncited=["kal2010", "nobody"])
    assert res.citations == ["(Smith, 2019)"]
    assert [e.id for e in res.bibliography] == ["kal2010", "smith2019"]
    assert "citation of unknown item 'nobody'" in res.warnings


def test_a_first_cite_prints_its_first_form_when_the_document_cites_it_again():
    # Disambiguation renders every cite in its first form, and in its subsequent form when the
    # document cites an item again; a first cite may reuse the first-form rendering only.
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <info><id/><title/><updated>2020-01-01T00:00:00+00:00</updated></info>
      <citation disambiguate-add-year-suffix="true"><layout>
        <choose><if position="subsequent"><text value="again "/></if></choose>
        <names variable="author"><name form="short"/></names>
        <date variable="issued" prefix=" "><date-part name="year"/></date>
      </layout></citation>
    </style>"""
    other = dict(BOOK, id="smith2019b", title="Another book")
    res = render(style, [BOOK, other], [[{"id": "smith2019"}], [{"id": "smith2019b"}],
                                        [{"id": "smith2019"}]], output="text")
    assert res.citations == ["Smith 2019a", "Smith 2019b", "again Smith 2019a"]


def test_keys_with_no_item_are_shown_in_their_citation():
    # A cluster's "missing" keys (a document citing what it has no entry for) print as
    # pandoc prints them, after the cites, with the layout's delimiter and inside its affixes;
    # a key is text, escaped like any.
    res = render(APA, [BOOK], [{"cites": [{"id": "smith2019"}], "missing": ["no<key"]}])
    assert res.citations == ["(Smith, 2019; <b>no&#60;key?</b>)"]
    assert render(APA, [BOOK], [{"cites": [{"id": "smith2019"}], "missing": ["x"]}],
                  output="text").citations == ["(Smith, 2019; x?)"]
