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
    got = render(style, items, [[C(str(k)) for k in range(len(titles))]]).citations
    assert got == ["Serendipity, n. | Tools, e.g. Hammers | The u.s. Economy | "
                   "X. Marks the Spot | The End: A. New Start | Run, v. and Walk, Adj."]
