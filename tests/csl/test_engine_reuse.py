"""Work the engine does once and reuses (issue 16): the answers are the ones rendering afresh
gives."""

import itertools

from biblio.csl import render
from biblio.csl import style as style_mod

HEAD = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation disambiguate-add-names="true" disambiguate-add-year-suffix="true"{cit}>
    <layout delimiter="; "><group delimiter=" ">{layout}</group></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>"""

NAMES = '<names variable="author"><name form="short" et-al-min="2" et-al-use-first="1"/></names>'


def style(layout=NAMES + '<date variable="issued" date-parts="year" form="text"/>', cit="",
          cls="in-text"):
    return HEAD.format(layout=layout, cit=cit, cls=cls)


def test_a_style_is_position_free_unless_it_tests_a_position_or_shortens_later_cites():
    assert style_mod.load(style()).position_free
    pos = '<choose><if position="subsequent"><text value="Id."/></if></choose>'
    assert not style_mod.load(style(layout=pos + NAMES)).position_free
    later = ' et-al-subsequent-min="2" et-al-subsequent-use-first="1"'
    assert not style_mod.load(style(cit=later)).position_free


ITEMS = [
    {"id": "a", "type": "book", "title": "A", "issued": {"date-parts": [[2000]]},
     "author": [{"family": "Doe", "given": "J"}, {"family": "Roe", "given": "R"}]},
    {"id": "b", "type": "book", "title": "B", "issued": {"date-parts": [[2000]]},
     "author": [{"family": "Doe", "given": "J"}, {"family": "Poe", "given": "P"}]},
    {"id": "c", "type": "book", "title": "C", "issued": {"date-parts": [[2000]]},
     "author": [{"family": "Doe", "given": "J"}]},
    {"id": "d", "type": "book", "title": "D", "issued": {"date-parts": [[2000]]},
     "author": [{"family": "Doe", "given": "J"}]},
]


def test_disambiguation_of_a_position_free_style_is_decided_as_for_any_style():
    # The same cites rendered by a style that names a position in a branch no cite takes
    # (so it is not position-free): the same answer either way.
    clusters = [[{"id": i}] for i in "abcdab"]
    free = render(style(), ITEMS, clusters, output="text").citations
    never = ('<choose><if position="ibid-with-locator"><text value="never"/></if></choose>')
    kept = render(style(layout=never + NAMES
                        + '<date variable="issued" date-parts="year" form="text"/>'),
                  ITEMS, clusters, output="text").citations
    assert free == kept == ["Doe, Roe 2000", "Doe, Poe 2000", "Doe 2000a", "Doe 2000b",
                            "Doe, Roe 2000", "Doe, Poe 2000"]


def test_later_cites_shortened_by_the_style_are_disambiguated_in_their_own_form():
    later = ' et-al-subsequent-min="2" et-al-subsequent-use-first="1"'
    layout = ('<names variable="author"><name form="short"/></names>'
              '<date variable="issued" date-parts="year" form="text"/>')
    out = render(style(layout=layout, cit=later), ITEMS[:2], [[{"id": "a"}], [{"id": "b"}],
                                                              [{"id": "a"}]],
                 output="text").citations
    assert out == ["Doe, Roe 2000", "Doe, Poe 2000", "Doe, Roe 2000"]


FIELDS = ("DOI", "URL", "publisher")


def test_a_condition_on_several_fields_answers_as_each_field_tested_alone():
    for match, present in itertools.product(("any", "all", "none", "bogus"),
                                            itertools.product((None, "", "x"), repeat=3)):
        item = {"id": "a", "type": "book", "title": "T",
                **{f: v for f, v in zip(FIELDS, present) if v is not None}}
        together = (f'<choose><if match="{match}" variable="{" ".join(FIELDS)}">'
                    '<text value="yes"/></if><else><text value="no"/></else></choose>')
        # the same test spelled out field by field, with the match applied by hand
        held = [item.get(f) not in (None, "") for f in FIELDS]
        want = {"any": any(held), "none": not any(held)}.get(match, all(held))
        body = HEAD.format(cls="in-text", cit="", layout=together)
        got = render(body, [item], [[{"id": "a"}]], output="text").citations[0]
        assert got == ("yes" if want else "no"), (match, present)
