"""Engine behaviours fixed for issue 14, each named after what broke (the suite and
jgm/citeproc ratchets hold the fixtures these came from)."""

from biblio.csl import render

NOTE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <citation><layout delimiter="; ">
    <choose>
      <if position="ibid-with-locator"><text value="ibid-with-locator"/></if>
      <else-if position="ibid"><text value="ibid"/></else-if>
      <else-if position="subsequent"><text value="subsequent"/></else-if>
      <else><text variable="title"/></else>
    </choose>
  </layout></citation>
</style>"""

ITEM = {"id": "a", "type": "book", "title": "Title A",
        "author": [{"family": "Doe", "given": "John"}], "issued": {"date-parts": [[2019]]}}


def test_a_style_with_a_blank_line_before_its_xml_declaration_loads():
    style = '\n  <?xml version="1.0" encoding="utf-8"?>\n' + NOTE
    assert render(style, [ITEM], [[{"id": "a"}]]).citations == ["Title A"]


def test_an_unclosed_tag_in_a_field_prints_as_written():
    item = dict(ITEM, title="<i>Wo> as a term")
    assert render(NOTE, [item], [[{"id": "a"}]]).citations == ["&#60;i&#62;Wo&#62; as a term"]


def test_the_same_locator_value_with_another_label_is_not_ibid():
    clusters = [[{"id": "a", "locator": "20", "label": "book", "note": 1}],
                [{"id": "a", "locator": "20", "label": "chapter", "note": 2}],
                [{"id": "a", "locator": "20", "label": "chapter", "note": 3}]]
    assert render(NOTE, [ITEM], clusters).citations == ["Title A", "ibid-with-locator", "ibid"]


def test_a_cite_may_fix_its_own_position():
    assert render(NOTE, [ITEM], [[{"id": "a", "position": 1}]]).citations == ["subsequent"]
    assert render(NOTE, [ITEM], [[{"id": "a", "position": "ibid"}]]).citations == ["ibid"]


def test_a_citation_the_style_prints_nothing_for_says_so():
    style = NOTE.replace('<text variable="title"/>', '<text variable="volume"/>')
    res = render(style, [ITEM], [[{"id": "a"}]])
    assert res.citations == ["[CSL STYLE ERROR: reference with no printed form.]"]
    assert any("no printed form" in w for w in res.warnings)


AUTHOR_DATE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation disambiguate-add-year-suffix="true" collapse="year-suffix">
    <layout prefix="(" suffix=")" delimiter="; ">
      <group delimiter=", ">
        <group delimiter=" ">
          <names variable="author"><name form="short"/></names>
          <date variable="issued"><date-part name="year"/></date>
        </group>
        <group delimiter=" "><label variable="locator" form="short"/>
          <text variable="locator"/></group>
      </group>
    </layout>
  </citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""


def test_year_suffix_collapse_keeps_each_cites_locator():
    items = [dict(ITEM, id="a", title="A"), dict(ITEM, id="b", title="B")]
    clusters = [[{"id": "a", "locator": "100"}, {"id": "b", "locator": "6"}]]
    # year-suffix-delimiter defaults to the layout's delimiter (spec)
    assert render(AUTHOR_DATE, items, clusters).citations == ["(Doe 2019a, p. 100; b, p. 6)"]
    style = AUTHOR_DATE.replace('collapse="year-suffix"',
                                'collapse="year-suffix" year-suffix-delimiter=", "')
    assert render(style, items, clusters).citations == ["(Doe 2019a, p. 100, b, p. 6)"]


def test_an_author_only_cite_opening_a_cluster_is_an_author_in_text_citation():
    clusters = [[{"id": "a", "author-only": True},
                 {"id": "a", "suppress-author": True, "locator": "3"}]]
    assert render(AUTHOR_DATE, [ITEM], clusters).citations == ["Doe (2019, p. 3)"]


def test_with_links_an_entry_printing_no_identifier_links_its_title():
    item = dict(ITEM, DOI="10.1000/xyz", URL="https://example.org/a")
    html = render(AUTHOR_DATE, [item], links=True).bibliography[0].text
    assert html == '<a href="https://doi.org/10.1000/xyz">Title A</a>'
    assert render(AUTHOR_DATE, [item]).bibliography[0].text == "Title A"


def test_a_range_in_a_number_variable_takes_an_en_dash_but_a_report_number_keeps_its_hyphen():
    style = AUTHOR_DATE.replace('<text variable="title"/>',
                                '<group delimiter=" "><text variable="issue"/>'
                                '<text variable="number"/></group>')
    item = dict(ITEM, issue="3-4", number="1999-66")
    assert render(style, [item]).bibliography[0].text == "3\u20134 1999-66"
