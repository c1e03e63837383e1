"""The order of a citation's cites when the writer gave some of them a prefix or a suffix:
every affix goes with its cite where it sorts (CSL 1.0.2 Sorting, as citeproc-js); with the
engine's `signal_groups` (APA's rule, biblio.document.profile) a signal heads its sorted group
(APA 7 §8.12)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.csl import render
from biblio.csl.cites import is_signal

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><sort><key variable="author"/></sort>
    <layout delimiter="; "><names variable="author"><name form="short"/></names></layout>
  </citation></style>"""
NAMES = ["Adams", "Brown", "Chen", "Diaz", "Evans", "Ford"]
ITEMS = [{"id": n, "type": "book", "author": [{"family": n}]} for n in NAMES]
PREFIXES = ["", "", "see also ", "cf. ", "the original in "]
SUFFIXES = ["", "", ", among others"]


def expected(cites, signals):
    """The rule, written out plainly: the text a citation of `cites` should read."""
    groups = []
    for c in cites:
        if not groups or (signals and is_signal(c["prefix"])):
            groups.append([])
        groups[-1].append(c)
    out = []
    for g in groups:
        ordered = sorted(g, key=lambda c: c["id"])
        if signals and is_signal(g[0]["prefix"]):  # it moves to the group's new first cite
            ordered = [dict(c, prefix="") if c is g[0] else c for c in ordered]
            ordered[0] = dict(ordered[0], prefix=g[0]["prefix"] + ordered[0]["prefix"])
        out += ordered
    return "; ".join(c["prefix"] + c["id"] + c["suffix"] for c in out)


cites_st = st.permutations(NAMES).flatmap(lambda names: st.tuples(*[
    st.builds(lambda p, s, n=n: {"id": n, "prefix": p, "suffix": s},
              st.sampled_from(PREFIXES), st.sampled_from(SUFFIXES))
    for n in names[:4]]))


@pytest.mark.parametrize("signals", [False, True])
@settings(max_examples=150, deadline=None)
@given(cites=cites_st)
def test_cites_follow_the_rule_and_keep_it_when_sorted_again(signals, cites):
    # the engine orders a citation's cites twice (for positions, then after disambiguation):
    # the second pass must find the groups the first made
    cluster = [{k: v for k, v in c.items() if v} for c in cites]
    got = render(STYLE, ITEMS, [cluster], output="text", signal_groups=signals).citations
    assert got == [expected(cites, signals)]


def test_a_signal_sorts_with_its_cite_unless_asked_to_head_a_group():
    cluster = [{"id": "Diaz", "prefix": "cf. "}, {"id": "Brown"}, {"id": "Adams"}]
    spec = render(STYLE, ITEMS, [cluster], output="text").citations
    grouped = render(STYLE, ITEMS, [cluster], output="text", signal_groups=True).citations
    assert spec == ["Adams; Brown; cf. Diaz"]  # citeproc-js 2.4.63 prints the same
    assert grouped == ["cf. Adams; Brown; Diaz"]


def test_signals_are_told_from_other_prefixes():
    assert all(map(is_signal, ["see also ", "See, e.g., ", "cf.", "vgl. ", "véase también ",
                               "e.g.,\u00a0", "<i>see also</i> ", "<i>Cf.</i> "]))
    assert not any(map(is_signal, ["see the survey in ", "as cited in ", "", None,
                                   "Allport's diary, as cited in "]))


def _grouping_style(cls):
    return f"""<style xmlns="http://purl.org/net/xbiblio/csl" class="{cls}" version="1.0">
  <info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
  <macro name="au"><names variable="author"><name form="short" and="text"/></names></macro>
  <citation collapse="year"><sort><key variable="issued"/><key macro="au"/></sort>
    <layout delimiter="; "><group delimiter=" "><text macro="au"/>
      <date variable="issued"><date-part name="year"/></date></group></layout>
  </citation></style>"""


SMITHS = [
    {"id": "jane", "type": "book", "author": [{"family": "Smith", "given": "Jane"}],
     "issued": {"date-parts": [[2018]]}},
    {"id": "lee", "type": "book", "author": [{"family": "Smith", "given": "John"},
                                             {"family": "Lee", "given": "Ann"}],
     "issued": {"date-parts": [[2019, 3]]}},
    {"id": "john", "type": "book", "author": [{"family": "Smith", "given": "John"}],
     "issued": {"date-parts": [[2019, 11]]}},
]


def test_cite_grouping_is_an_in_text_styles_a_note_style_keeps_the_sort():
    # CSL 1.0.2 Cite Grouping: "cites in in-text citations with identical rendered names are
    # grouped together"; `class` "determines whether the style uses in-text citations (value
    # "in-text") or notes ("note")". A note style's cites keep the sort (citeproc-js alike);
    # neighbours of one author still collapse (suite: disambiguate_YearCollapseWithInstitution).
    cluster = [{"id": "lee"}, {"id": "john"}, {"id": "jane"}]
    in_text = render(_grouping_style("in-text"), SMITHS, [cluster], output="text").citations
    note = render(_grouping_style("note"), SMITHS, [cluster], output="text").citations
    assert in_text == ["Smith 2018, 2019; Smith and Lee 2019"]
    assert note == ["Smith 2018; Smith and Lee 2019; Smith 2019"]
    both = render(_grouping_style("note"), SMITHS, [[{"id": "john"}, {"id": "jane"}]],
                  output="text").citations
    assert both == ["Smith 2018; 2019"]
