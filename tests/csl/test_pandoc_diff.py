"""Differential test against pandoc 3 (committed output; pandoc is not needed to run this).

tests/pandoc/corpus.bib holds 78 references. pandoc's own CSL-JSON for them
(corpus.pandoc.json, made by tests/pandoc/make.sh) and biblio's are rendered by the same CSL
engine, so what differs is the mapping. Every difference must be listed, with the APA 7 rule
that decides it, in tests/pandoc/differences.txt; a listed reference that stops differing must
be taken off the list. The end-to-end comparison (pandoc's own citeproc vs biblio's engine) is
printed by `python tests/pandoc/compare.py`; its extra differences are the engine's.
"""

import sys

from helpers import TESTS

sys.path.insert(0, str(TESTS / "pandoc"))

import compare


def test_mapping_differences_are_the_listed_ones():
    same, diff = compare.compare(mapping_only=True)
    listed = compare.listed()
    assert same + len(diff) >= 60
    new = sorted(set(diff) - set(listed))
    gone = sorted(set(listed) - set(diff))
    assert not new, "differ from pandoc but are not in differences.txt (add them with the " \
        "APA rule that decides): " + ", ".join(f"{k}\n  pandoc: {diff[k][0]}\n  biblio: "
                                               f"{diff[k][1]}" for k in new)
    assert not gone, f"no longer differ from pandoc; take them off differences.txt: {gone}"
    assert all(v.startswith(("biblio —", "pandoc —", "neither —")) for v in listed.values())


def test_corpus_covers_what_the_issue_asks():
    text = (TESTS / "pandoc" / "corpus.bib").read_text(encoding="utf-8")
    for needle in ("van der Maaten", "King, Jr.", "{World Health Organization}", "{\\H{o}}",
                   "Gödel", "pubstate = {inpress}", "year = {n.d.}", "eid = {", "edition = {",
                   "translator = {", "crossref = {", "entrysubtype = {magazine}"):
        assert needle in text, needle
    # 21+ authors in one entry
    assert any(block.count(" and ") >= 20 for block in text.split("\n@"))
