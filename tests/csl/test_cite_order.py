"""The order of a citation's cites when the writer gave some of them a prefix or a suffix:
pandoc's cuts (a prefix starts a group, a suffix ends one), a signal heading its sorted group
(APA 7 §8.12), any other affix kept on its cite, the cites between sorted."""

from __future__ import annotations

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


def expected(cites):
    """The rule, written out plainly: the text a citation of `cites` should read."""
    groups, cur = [], []
    for c in cites:
        if cur and c["prefix"]:
            groups.append(cur)
            cur = []
        cur.append(c)
        if c["suffix"]:
            groups.append(cur)
            cur = []
    groups += [cur] if cur else []
    out = []
    for g in groups:
        head = [g[0]] if g[0]["prefix"] and not is_signal(g[0]["prefix"]) else []
        last = [g[-1]] if len(g) > 1 and g[-1]["suffix"] else []
        middle = sorted(g[len(head):len(g) - len(last)], key=lambda c: c["id"])
        if not head and g[0]["prefix"]:  # the signal moves to the group's new first cite
            middle = [dict(c, prefix=g[0]["prefix"] if k == 0 else "")
                      for k, c in enumerate(middle)]
        out += head + middle + last
    return "; ".join(c["prefix"] + c["id"] + c["suffix"] for c in out)


cites_st = st.permutations(NAMES).flatmap(lambda names: st.tuples(*[
    st.builds(lambda p, s, n=n: {"id": n, "prefix": p, "suffix": s},
              st.sampled_from(PREFIXES), st.sampled_from(SUFFIXES))
    for n in names[:4]]))


@settings(max_examples=150, deadline=None)
@given(cites_st)
def test_cites_follow_the_rule_and_keep_it_when_sorted_again(cites):
    # the engine orders a citation's cites twice (for positions, then after disambiguation):
    # the second pass must find the groups the first made
    cluster = [{k: v for k, v in c.items() if v} for c in cites]
    assert render(STYLE, ITEMS, [cluster], output="text").citations == [expected(cites)]


def test_signals_are_told_from_other_prefixes():
    assert all(map(is_signal, ["see also ", "See, e.g., ", "cf.", "vgl. ", "véase también ",
                               "e.g.,\u00a0"]))
    assert not any(map(is_signal, ["see the survey in ", "as cited in ", "", None,
                                   "Allport's diary, as cited in "]))
