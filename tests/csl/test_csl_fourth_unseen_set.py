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
    # range or a suffix on any of its cites keeps the numbers apart; a prefix heads its
    # group of cites, sorted ("see 1–4" for see d, b, c, a)
    items = [{"id": k, "type": "book", "title": k} for k in "abcd"]
    clusters = [[C("a", prefix="see "), C("b"), C("c")],
                [C("a"), C("b", prefix="see "), C("c")],
                [C("a"), C("b"), C("c", suffix=", passim")],
                [C("b", prefix="see "), C("c"), C("d"), C("a")]]
    got = render(NUMERIC, items, clusters).citations
    assert got == ["see 1–3", "1,see 2,3", "1,2,3, passim", "see 1–4"]
