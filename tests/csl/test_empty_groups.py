"""A group whose every variable is empty is not evaluated (nodes.absent): the output is the one
the group rule gives when it is, including the shapes that must still be evaluated."""

from biblio.csl import render

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout delimiter="|">{body}</layout></bibliography>
</style>"""


def entry(body: str, **fields) -> str:
    item = {"id": "a", "type": "article-journal", "title": "T", **fields}
    res = render(STYLE.format(body=body), [item], output="text")
    return res.bibliography[0].text if res.bibliography else ""


TERM_AND_VARIABLE = ('<group delimiter=" "><text term="in"/><text variable="container-title"/>'
                     '</group>')


def test_a_group_of_a_term_and_an_empty_variable_prints_nothing():
    assert entry(TERM_AND_VARIABLE + '<text variable="title"/>') == "T"
    # (the term opens the entry, so it starts with a capital)
    assert entry(TERM_AND_VARIABLE, **{"container-title": "J"}) == "In J"


def test_a_term_only_group_inside_keeps_its_group_alive():
    body = '<group delimiter=" "><group><text value="A"/></group><text variable="volume"/></group>'
    assert entry(body) == "A"
    assert entry(body, volume="3") == "A 3"


def test_a_choose_whose_branch_calls_no_variable_is_evaluated():
    body = ('<group delimiter=" "><text value="B"/><choose><if type="book">'
            '<text variable="volume"/></if></choose></group>')
    assert entry(body) == "B"  # no variable called: the group prints its text
    assert entry(body.replace('type="book"', 'type="article-journal"')) == ""


def test_names_and_dates_count_as_called_variables():
    body = ('<group delimiter=" "><text value="ed."/><names variable="editor"/>'
            '<date variable="original-date" form="numeric"/></group><text variable="title"/>')
    assert entry(body) == "T"
    assert entry(body, editor=[{"family": "Doe", "given": "J."}]).startswith("ed. J. Doe")
