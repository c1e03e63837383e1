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


def test_the_marker_of_a_citation_with_no_printed_form_takes_the_layouts_affixes():
    style = NOTE.replace('<text variable="title"/>', '<text variable="volume"/>')
    style = style.replace("<layout", '<layout prefix="(" suffix=")"', 1)
    res = render(style, [ITEM], [[{"id": "a"}]])
    assert res.citations == ["([CSL STYLE ERROR: reference with no printed form.])"]


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
    # year-suffix-delimiter defaults to the layout's delimiter (spec), between bare letters;
    # a letter with its locator is a cite of the group, after the cite-group delimiter ", "
    # (as citeproc-js; tests/csl/test_csl_fifth_unseen_set.py)
    assert render(AUTHOR_DATE, items, clusters).citations == ["(Doe 2019a, p. 100, b, p. 6)"]
    assert render(AUTHOR_DATE, items, [[{"id": "a", "locator": "100"}, {"id": "b"}]]
                  ).citations == ["(Doe 2019a, p. 100; b)"]
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


def test_a_locator_without_a_label_takes_it_from_its_first_word():
    def cite(**c):
        return render(AUTHOR_DATE, [ITEM], [[dict(id="a", **c)]]).citations[0]
    # the locale's terms name the label; "fol." labels only what follows it, so "vol." is
    # singular
    assert cite(locator="vol. 1, fol. 186") == "(Doe 2019, vol. 1, fol. 186)"
    assert cite(locator="chaps. 2-3") == "(Doe 2019, chaps. 2\u20133)"
    assert cite(locator="5, n. 3") == "(Doe 2019, p. 5, n. 3)"
    assert cite(locator="Preface 3") == "(Doe 2019, p. Preface 3)"  # no term: a page
    assert cite(locator="vol. 1", label="page") == "(Doe 2019, p. vol. 1)"  # the cite's word


def test_a_last_name_literal_others_prints_as_et_al():
    def entry(authors):
        item = dict(ITEM, author=authors)
        style = AUTHOR_DATE.replace('<text variable="title"/>',
                                    '<names variable="author"><name and="text"/></names>')
        return render(style, [item]).bibliography[0].text
    doe, roe = {"family": "Doe", "given": "John"}, {"family": "Roe", "given": "Jane"}
    others = {"literal": "others"}
    assert entry([doe, others]) == "John Doe et al."
    assert entry([doe, roe, others]) == "John Doe, Jane Roe, et al."  # no "and" before et al.
    assert entry([doe, {"literal": "Others Ltd"}]) == "John Doe and Others Ltd"


def test_others_counts_as_one_more_name_for_et_al_min_and_is_never_the_last_shown():
    def entry(authors, name_attrs):
        item = dict(ITEM, author=authors)
        style = AUTHOR_DATE.replace('<text variable="title"/>',
                                    f'<names variable="author"><name {name_attrs}/></names>')
        return render(style, [item]).bibliography[0].text
    doe, roe, poe = ({"family": f, "given": "J"} for f in ("Doe", "Roe", "Poe"))
    others = {"literal": "others"}
    # "Doe, Roe, and others" is at least three authors: APA's in-text rule shortens it
    short = 'form="short" et-al-min="3" et-al-use-first="1"'
    assert entry([doe, roe, others], short) == "Doe et al."
    assert entry([doe, roe], short) == "Doe, Roe"
    # a first-names rule wider than the list shows every name the list has, then "et al."
    assert entry([doe, roe, others], 'form="short" et-al-min="2" et-al-use-first="5"') == \
        "Doe, Roe, et al."
    # et-al-use-last: after "and others" the last author is not known, so no "… Last"
    assert entry([doe, roe, poe, others], 'form="short" et-al-min="3" et-al-use-first="1" '
                 'et-al-use-last="true"') == "Doe et al."


def test_an_abbreviation_list_gives_short_forms_and_a_malformed_one_is_a_warning():
    style = AUTHOR_DATE.replace('<text variable="title"/>',
                                '<text variable="container-title" form="short"/>')
    item = dict(ITEM, **{"container-title": "<i>Journal</i> of  Things"})
    short = {"default": {"container-title": {"journal of things": "J Things"}}}
    assert render(style, [item], abbreviations=short).bibliography[0].text == "J Things"
    own = dict(item, **{"container-title-short": "JoT"})
    assert render(style, [own], abbreviations=short).bibliography[0].text == "JoT"
    for bad in (["x"], {"default": {"container-title": "x"}}, {"default": 3}):
        res = render(style, [item], abbreviations=bad)
        assert res.bibliography[0].text.startswith("<i>Journal</i> of")
        assert any("abbreviations" in w for w in res.warnings)


def test_a_term_holding_only_the_xml_layouts_line_break_is_empty():
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <locale><terms>
    <term name="and others">
    </term>
  </terms></locale>
  <citation><layout><text value="x"/></layout></citation>
  <bibliography><layout>
    <names variable="author" suffix=". ">
      <name et-al-min="2" et-al-use-first="1" initialize-with="."/>
      <et-al term="and others"/>
    </names>
    <text variable="title"/>
  </layout></bibliography>
</style>"""
    item = dict(ITEM, author=[{"family": "Doe", "given": "John"}, {"family": "Roe"}])
    # no "et al." text, and the initial's stop and the suffix's are one
    assert render(style, [item]).bibliography[0].text == "J. Doe. Title A"


def test_year_suffix_collapse_when_the_style_prints_no_names():
    style = AUTHOR_DATE.replace(
        '<names variable="author"><name form="short"/></names>', "").replace(
        'collapse="year-suffix"', 'collapse="year-suffix" year-suffix-delimiter=","')
    items = [dict(ITEM, id="a", title="A"), dict(ITEM, id="b", title="B")]
    # two cites that print no names have the same (empty) names: one group
    assert render(style, items, [[{"id": "a"}, {"id": "b"}]]).citations == ["(2019a,b)"]


def test_lower_case_words_after_a_comma_in_the_given_name_are_a_particle_not_a_suffix():
    style = AUTHOR_DATE.replace(
        '<text variable="title"/>',
        '<names variable="author"><name name-as-sort-order="all"/></names>')
    def entry(given):
        item = dict(ITEM, author=[{"family": "Aubignac", "given": given}])
        return render(style, [item]).bibliography[0].text
    assert entry("François Hédelin, abbé d'") == "Aubignac, François Hédelin, abbé d\u2019"
    assert entry("John, Jr.") == "Aubignac, John, Jr."


def test_a_quote_mark_right_after_an_opening_one_opens_a_nested_quotation():
    style = AUTHOR_DATE.replace('<text variable="title"/>',
                                '<text variable="title" quotes="true"/>')
    item = dict(ITEM, title="'\"Nested\" quotes'")
    # three levels: the style's, the field's single and the field's double quotes
    assert render(style, [item]).bibliography[0].text == "\u201c\u2018\u201cNested\u201d quotes\u2019\u201d"


def _style(cls, citation_attrs, layout, sort=""):
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <citation {citation_attrs}>{sort}
    <layout prefix="(" suffix=")" delimiter="; ">{layout}</layout>
  </citation>
</style>"""


NAME_YEAR = """<group delimiter=" "><names variable="author"><name form="short"/></names>
  <date variable="issued"><date-part name="year"/></date></group>"""


def _by(family, year, iid, **extra):
    return {"id": iid, "type": "book", "author": [{"family": family}],
            "issued": {"date-parts": [[year]]}, **extra}


def test_a_note_style_that_collapses_keeps_its_layout_delimiter_between_years():
    items = [_by("Smith", 2000, "a"), _by("Smith", 2001, "b")]
    cites = [[{"id": "a"}, {"id": "b"}]]
    note = render(_style("note", 'collapse="year"', NAME_YEAR), items, cites)
    in_text = render(_style("in-text", 'collapse="year"', NAME_YEAR), items, cites)
    assert note.citations == ["(Smith 2000; 2001)"]
    assert in_text.citations == ["(Smith 2000, 2001)"]


def test_an_unsorted_citation_keeps_the_writers_order_and_collapses_neighbours_only():
    items = [_by("Aalto", 2015, "a"), _by("Bartleby", 2010, "b"), _by("Aalto", 2016, "c"),
             _by("Aalto", 2017, "d")]
    cites = [[{"id": "a"}, {"id": "b"}, {"id": "c"}, {"id": "d"}]]
    unsorted = _style("in-text", 'collapse="year"', NAME_YEAR)
    assert render(unsorted, items, cites).citations == [
        "(Aalto 2015; Bartleby 2010; Aalto 2016, 2017)"]
    sort = '<sort><key variable="author"/></sort>'
    sorted_ = _style("in-text", 'collapse="year"', NAME_YEAR, sort)
    assert render(sorted_, items, cites).citations == [
        "(Aalto 2015, 2016, 2017; Bartleby 2010)"]


def test_cites_differing_only_in_their_accessed_dates_get_year_suffixes():
    layout = NAME_YEAR + """<date variable="accessed" prefix=" [" suffix="]">
      <date-part name="year"/></date>"""
    style = _style("in-text", 'disambiguate-add-year-suffix="true"', layout)
    items = [_by("Doe", 1965, "a", accessed={"date-parts": [[1999]]}),
             _by("Doe", 1965, "b", accessed={"date-parts": [[2001]]})]
    assert render(style, items, [[{"id": "a"}, {"id": "b"}]]).citations == [
        "(Doe 1965a [1999]; Doe 1965b [2001])"]


def test_no_word_space_around_a_chinese_et_al_or_and_term():
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <locale><terms><term name="et-al">等</term><term name="and">和</term></terms></locale>
  <citation><layout delimiter="; "><names variable="author">
    <name and="text" et-al-min="3" et-al-use-first="1" delimiter-precedes-last="never"/>
  </names></layout></citation>
</style>"""
    items = [{"id": "a", "type": "book", "author": [{"literal": "張三"}, {"literal": "李四"},
                                                    {"literal": "王五"}]},
             {"id": "b", "type": "book", "author": [{"literal": "張三"}, {"literal": "李四"}]}]
    assert render(style, items, [[{"id": "a"}, {"id": "b"}]]).citations == ["張三等; 張三和李四"]


def test_french_spaces_inside_guillemets_and_before_high_punctuation_do_not_break():
    style = _style("note", "", '<text variable="title"/>')
    item = {"id": "a", "type": "book", "title": "Son « Anonyme » vie : quoi ?"}
    assert render(style, [item], [[{"id": "a"}]], output="text").citations == [
        "(Son «\u202fAnonyme\u202f» vie\u202f: quoi\u202f?)"]


def test_a_citation_may_carry_its_own_prefix_and_suffix_inside_the_parentheses():
    sort = '<sort><key variable="author"/><key variable="issued"/></sort>'
    style = _style("in-text", "", NAME_YEAR, sort)
    items = [_by("Doe", 2020, "a"), _by("Cork", 2018, "b")]
    cluster = {"cites": [{"id": "a"}, {"id": "b"}], "prefix": "e.g., ",
               "suffix": ", among others"}
    assert render(style, items, [cluster]).citations == [
        "(e.g., Cork 2018; Doe 2020, among others)"]


def test_a_citation_may_start_position_tracking_afresh():
    clusters = [[{"id": "a", "note": 1}], [{"id": "a", "note": 2}],
                {"cites": [{"id": "a", "note": 3}], "reset-position": True}]
    assert render(NOTE, [ITEM], clusters).citations == ["Title A", "ibid", "Title A"]


def test_a_term_opening_an_entry_inside_a_bracket_takes_a_capital():
    # an unsigned, undated film: "(N.d.): blah." starts the entry as a sentence does (as
    # citeproc-js; pandoc's biblatex test entry x2 in neues-jahrbuch-fur-geologie-…)
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
      <citation><layout><text variable="title"/></layout></citation>
      <bibliography><layout suffix=".">
        <group prefix="(" suffix=")"><text term="no date" form="short"/></group>
        <text variable="title" prefix=": "/>
      </layout></bibliography></style>"""
    res = render(style, [{"id": "x", "type": "motion_picture", "title": "blah"}], None,
                 output="text")
    assert res.bibliography[0].text == "(N.d.): blah."


def test_a_term_opening_an_entry_after_its_number_takes_a_capital():
    # chemie-ingenieur-technik's "[29] N.d." for a work with no author, title or date (as
    # citeproc-js; jgm/citeproc's fixture item issue_151)
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
      <citation><layout><text variable="citation-number"/></layout></citation>
      <bibliography second-field-align="flush"><layout suffix=".">
        <text variable="citation-number" prefix="[" suffix="]"/>
        <text term="no date" form="short" prefix=" "/>
      </layout></bibliography></style>"""
    res = render(style, [{"id": "x", "type": "book"}], [[{"id": "x"}]], output="text")
    assert res.bibliography[0].text.endswith("N.d.")
