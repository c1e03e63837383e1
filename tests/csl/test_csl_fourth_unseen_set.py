"""Engine behaviours the fourth unseen set of issue 14 showed wrong (/tmp/unseen4: reports,
theses, legal types, seasons and ranges, reprints, mononyms, titles with markup)."""

from biblio.csl import render

A = lambda f, g: {"family": f, "given": g}
C = lambda i, **k: dict({"id": i}, **k)


def test_capitalize_first_leaves_a_name_substitute_as_the_first_word():
    # CSL 1.0.2 "Text-case": capitalize-first changes the first word if it is lower case;
    # "---" standing for repeated names is that word, so Dutch "en" stays ("---, en ---")
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
        default-locale="nl-NL">
      <macro name="author"><names variable="author" suffix=", ">
        <name name-as-sort-order="first" and="text" sort-separator=", " delimiter=", "
              delimiter-precedes-last="after-inverted-name"/></names></macro>
      <citation><layout><text variable="title"/></layout></citation>
      <bibliography subsequent-author-substitute="---"
                    subsequent-author-substitute-rule="partial-each">
        <sort><key variable="title"/></sort>
        <layout><text macro="author" text-case="capitalize-first"/><text variable="title"/>
        </layout></bibliography></style>"""
    items = [{"id": k, "type": "book", "title": k, "author": names}
             for k, names in (("A", [A("Chen", "Wei"), A("Liu", "Yang")]),
                              ("B", [A("Chen", "Wei"), A("Liu", "Yang")]),
                              ("C", [A("Chen", "Wei"), A("Zhao", "Min")]))]
    got = [e.text for e in render(style, items).bibliography]
    assert got == ["Chen, Wei, en Yang Liu, A", "---, en ---, B", "---, en Min Zhao, C"]


NUMERIC = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <citation collapse="citation-number"><sort><key variable="citation-number"/></sort>
    <layout delimiter=","><text variable="citation-number"/></layout></citation>
  <bibliography><sort><key variable="title"/></sort>
    <layout><text variable="title"/></layout></bibliography></style>"""


def test_a_prefix_on_the_first_cite_of_a_numeric_range_heads_the_range():
    # "véase 26–28": the prefix reads over the range (as citeproc-js); a prefix inside a
    # range or a suffix on any of its cites keeps the numbers apart; a prefix sorts with its
    # cite ("1,see 2–4" for see b, c, d, a), unless asked to head its group ("see 1–4")
    items = [{"id": k, "type": "book", "title": k} for k in "abcd"]
    clusters = [[C("a", prefix="see "), C("b"), C("c")],
                [C("a"), C("b", prefix="see "), C("c")],
                [C("a"), C("b"), C("c", suffix=", passim")],
                [C("b", prefix="see "), C("c"), C("d"), C("a")]]
    got = render(NUMERIC, items, clusters).citations
    assert got == ["see 1–3", "1,see 2,3", "1,2,3, passim", "1,see 2–4"]
    grouped = render(NUMERIC, items, clusters[3:], signal_groups=True).citations
    assert grouped == ["see 1–4"]


def test_a_style_with_the_csl_1_0_ordinal_terms_uses_ordinal_04_for_other_numbers():
    # CSL 1.0.2 "Ordinal Suffixes": without an "ordinal" term but with ordinal-01 to -04,
    # the CSL 1.0 scheme: -01 for 1, 21 …, -02, -03 alike, -04 for every other number
    # (chicago-author-date-basque's "5. arg.", "11. arg."; the style's terms replace the
    # locale file's, so its "ordinal" is not there)
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <locale><terms>
        <term name="ordinal-01">st</term><term name="ordinal-02">nd</term>
        <term name="ordinal-03">rd</term><term name="ordinal-04">th</term>
      </terms></locale>
      <citation><layout><number variable="edition" form="ordinal"/></layout></citation>
    </style>"""
    editions = ["1", "2", "3", "4", "5", "10", "11", "12", "13", "21", "22", "103", "111"]
    items = [{"id": e, "type": "book", "edition": e} for e in editions]
    got = render(style, items, [[{"id": e}] for e in editions]).citations
    assert got == ["1st", "2nd", "3rd", "4th", "5th", "10th", "11th", "12th", "13th", "21st",
                   "22nd", "103rd", "111th"]


def test_capitalize_first_passes_a_dash_joined_to_the_first_word():
    # chicago-author-date-basque's "by" term of an interviewer, "-(e)k": the dash is the
    # start of the word, which takes the capital ("-(E)k elkarrizketatua", as citeproc-js)
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <citation><layout><text value="-(e)k elkarrizketatua" text-case="capitalize-first"/>
      </layout></citation></style>"""
    item = {"id": "a", "type": "interview", "title": "x"}
    assert render(style, [item], [[{"id": "a"}]]).citations == ["-(E)k elkarrizketatua"]
