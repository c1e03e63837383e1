"""Engine behaviours the fifth unseen set of issue 14 showed wrong (/tmp/unseen5: legal and
media types, multivolume works, Bekker and verse locators, dictionary entries, titles with
quotes and markup, non-English items)."""

from biblio.csl import render

C = lambda i, **k: dict({"id": i}, **k)


def test_a_number_with_a_prefix_of_digits_and_letters_is_numeric():
    # CSL 1.0.2 "is-numeric": numbers "may have prefixes and suffixes ("D2", "2b", "L2d")";
    # a Bekker line "1094a1" is line 1 of column 1094a (citeproc-js reads the same), so a
    # style's `is-numeric="locator"` branch labels it ("ll. 1094a1-3"); "A1B2" is not one
    # number
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <citation><layout delimiter=" | "><choose><if is-numeric="locator">
        <label variable="locator" form="short" suffix=" "/><text variable="locator"/></if>
        <else><text variable="locator"/></else></choose></layout></citation></style>"""
    item = {"id": "a", "type": "book", "title": "Nicomachean ethics"}
    locators = ["1094a1-3", "1094a1", "10b3", "12a1b", "A1B2", "L2d", "2.35"]
    clusters = [[C("a", locator=x, label="line")] for x in locators]
    got = render(style, [item], clusters).citations
    assert got == ["ll. 1094a1-3", "l. 1094a1", "l. 10b3", "l. 12a1b", "A1B2", "l. L2d",
                   "2.35"]


def test_title_case_leaves_a_lone_letter_with_its_period():
    # CSL 1.0.2 "Title case" capitalizes words; a lone letter is not one ("07-x" stays), and
    # nor is it with its abbreviating period: a dictionary's part of speech ("serendipity,
    # n."), "e.g.", "u.s." keep their case, as citeproc-js. The first word still takes its
    # capital ("X. marks the spot"), and so do words of two letters or more
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <citation><layout delimiter=" | "><text variable="title" text-case="title"/></layout>
      </citation></style>"""
    titles = ["serendipity, n.", "tools, e.g. hammers", "the u.s. economy",
              "x. marks the spot", "the end: a. new start", "run, v. and walk, adj."]
    items = [{"id": str(k), "type": "book", "title": t} for k, t in enumerate(titles)]
    got = render(style, items, [[C(str(k))] for k in range(len(titles))]).citations
    assert got == ["Serendipity, n.", "Tools, e.g. Hammers", "The u.s. Economy",
                   "X. Marks the Spot", "The End: A. New Start", "Run, v. and Walk, Adj."]


def test_a_leading_suppressed_author_stays_first_only_where_the_author_would_print():
    # A cite with its author suppressed follows the author's name in the text ("Zed (2020;
    # Adams 2019)"), so it keeps its place; in a numeric style nothing is suppressed, and
    # the cites sort as the style says ("[1,2]", as citeproc-js and pandoc), the numbers
    # then collapsing
    author_date = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text"
        version="1.0"><citation><sort><key variable="author"/></sort>
        <layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">
          <names variable="author"><name form="short"/></names>
          <date variable="issued"><date-part name="year"/></date></group></layout>
        </citation></style>"""
    numeric = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <citation collapse="citation-number"><sort><key variable="citation-number"/></sort>
        <layout prefix="[" suffix="]" delimiter=","><text variable="citation-number"/>
        </layout></citation>
      <bibliography><sort><key variable="author"/></sort>
        <layout><text variable="title"/></layout></bibliography></style>"""
    items = [{"id": k, "type": "book", "title": k, "author": [{"family": f}],
              "issued": {"date-parts": [[y]]}}
             for k, f, y in (("a", "Adams", 2019), ("b", "Brown", 2018), ("z", "Zed", 2020))]
    clusters = [[C("z", **{"suppress-author": True}), C("a")],
                [C("z", **{"suppress-author": True}), C("b", **{"suppress-author": True}),
                 C("a")]]
    assert render(author_date, items, clusters).citations == [
        "(2020; Adams 2019)", "(2020; Adams 2019; 2018)"]
    assert render(numeric, items, clusters).citations == ["[1,3]", "[1–3]"]


def test_a_collapsed_year_suffix_with_a_locator_follows_the_cite_group_delimiter():
    # CSL 1.0.2 "Cite Collapsing": the year-suffix-delimiter joins bare year-suffixes
    # ("1999a,b"); a cite whose locator prints is set off as a cite of the group ("(Doe
    # 2000a-c, 2000d, p. 5, …)"), so "2011a 51, b 7", not "51,b" (as citeproc-js)
    style = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
      <citation disambiguate-add-year-suffix="true" collapse="year-suffix"
                year-suffix-delimiter=","><sort><key variable="title"/></sort>
        <layout prefix="(" suffix=")" delimiter="; "><group delimiter=" ">
          <names variable="author"><name form="short"/></names>
          <date variable="issued"><date-part name="year"/></date>
          <text variable="locator"/></group></layout></citation></style>"""
    items = [{"id": k, "type": "book", "title": k, "author": [{"family": "Doe"}],
              "issued": {"date-parts": [[2011]]}} for k in "abc"]
    clusters = [[C("a", locator="51"), C("b", locator="7")], [C("a", locator="51"), C("b")],
                [C("a"), C("b"), C("c", locator="7")]]
    assert render(style, items, clusters).citations == [
        "(Doe 2011a 51, b 7)", "(Doe 2011a 51,b)", "(Doe 2011a,b, c 7)"]
