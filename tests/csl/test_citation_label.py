"""The citation label biblio makes for an item that has none (csl/label.py), and a label
style's collapse="citation-number" (its cites print labels: no range to collapse)."""

from __future__ import annotations

from biblio.csl import render

LABEL_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation collapse="citation-number">
    <sort><key variable="citation-number"/></sort>
    <layout prefix="[" suffix="]" delimiter=", "><text variable="citation-label"/></layout>
  </citation>
  <bibliography><layout><text variable="citation-label"/></layout></bibliography>
</style>"""


def _labels(*items) -> list[str]:
    res = render(LABEL_STYLE, list(items), None, output="text")
    return [e.text for e in res.bibliography]


def _year(y):
    return {"date-parts": [[y]]}


def test_names_give_the_label_four_two_and_one_letters_each():
    one = {"id": "a", "type": "book", "author": [{"family": "Müller", "given": "A"}],
           "issued": _year(2021)}
    two = {"id": "b", "type": "book", "issued": _year(2022),
           "author": [{"family": "Chen", "given": "A"}, {"family": "Kumar", "given": "B"}]}
    particle = {"id": "c", "type": "book", "issued": _year(2008),
                "author": [{"family": "van der Maaten", "given": "L"}]}
    assert _labels(one, two, particle) == ["Müll21", "ChKu22", "Maat08"]


def test_a_work_without_names_takes_the_start_of_its_title():
    news = {"id": "n", "type": "article-newspaper", "issued": _year(2023),
            "title": "The hospitals brace for winter surge"}
    cjk = {"id": "z", "type": "book", "title": "中国康复医学", "issued": _year(2020)}
    assert _labels(news, cjk) == ["Hosp23", "中国康复20"]


def test_an_organisation_drops_its_article_and_a_name_in_another_script_adds_nothing():
    org = {"id": "o", "type": "report", "issued": _year(2000),
           "author": [{"literal": "The World Health Organization"}]}
    chinese = {"id": "c", "type": "book", "title": "Guide", "issued": _year(2019),
               "author": [{"family": "王", "given": "小明"}]}
    assert _labels(org, chinese) == ["Worl00", "Guid19"]


def test_a_work_without_a_year_gets_no_digits():
    item = {"id": "k", "type": "book", "author": [{"family": "Okafor", "given": "C"}]}
    assert _labels(item) == ["Okaf"]


def test_collapse_by_number_leaves_labels_alone():
    items = [{"id": k, "type": "book", "title": t, "issued": _year(2000 + n)}
             for n, (k, t) in enumerate([("a", "Alpha"), ("b", "Beta"), ("c", "Gamma")])]
    res = render(LABEL_STYLE, items, [[{"id": "a"}, {"id": "b"}, {"id": "c"}],
                                      [{"id": "b"}, {"id": "c"}]], output="text")
    assert res.citations == ["[Alph00, Beta01, Gamm02]", "[Beta01, Gamm02]"]


def test_a_cite_that_prints_nothing_breaks_a_range_of_numbers():
    style = LABEL_STYLE.replace(
        '<text variable="citation-label"/></layout>\n  </citation>',
        '<choose><if type="book"><text variable="citation-number"/></if></choose></layout>\n'
        '  </citation>')
    items = [{"id": k, "type": t, "title": k}
             for k, t in [("a", "book"), ("b", "report"), ("c", "book"), ("d", "book"),
                          ("e", "book")]]
    res = render(style, items, [[{"id": x} for x in "abcde"]], output="text")
    assert res.citations == ["[1, 3–5]"]


def test_label_cites_group_as_cites_without_names_under_collapse_year():
    # din-1505-2-alphanumeric: collapse="year", layout "; "; its cites print their labels and
    # no names, so they group with the cite-group delimiter, as citeproc-js ("[Smit18, Smit19]")
    style = LABEL_STYLE.replace('collapse="citation-number"', 'collapse="year"').replace(
        'delimiter=", "', 'delimiter="; "')
    items = [{"id": k, "type": "book", "issued": _year(y),
              "author": [{"family": "Smith", "given": g}]}
             for k, y, g in (("a", 2018, "Jane"), ("b", 2019, "John"))]
    res = render(style, items, [[{"id": "a"}, {"id": "b"}]], output="text")
    assert res.citations == ["[Smit18, Smit19]"]
