"""Imports and fixes (issue 13, class 9): a CSL-JSON item keeps a key a writer can type, or gets
one made; `fmt --fix` renames only slips of the keys, never a field into another meaning."""

from __future__ import annotations

import json

import pytest
from apa_render import apa

from biblio import rules
from biblio.bib import library
from biblio.commands import import_
from biblio.rules import Selection

ITEM = {"type": "article-journal", "title": "Physiologic effects of dry needling",
        "author": [{"family": "Cagnie", "given": "Barbara"}],
        "container-title": "Current Pain and Headache Reports", "volume": "17",
        "issued": {"date-parts": [[2013]]}}


def _import(tmp_path, item: dict) -> str:
    src = tmp_path / "items.json"
    src.write_text(json.dumps([item]), encoding="utf-8")
    summary = import_.run([str(src)], bib=str(tmp_path / "refs.bib"))
    (outcome,) = summary.outcomes
    return outcome.key


@pytest.mark.parametrize("id_", [
    "http://zotero.org/users/123456/items/ABCD1234",
    "http://zotero.org/groups/42/items/ABCD1234",
    "123456/ABCD1234",
    "12345",
])
def test_an_id_that_is_no_bibtex_key_gets_a_made_one(tmp_path, id_):
    assert _import(tmp_path, {"id": id_, **ITEM}) == "cagnie2013physiologic"


def test_better_bibtex_citation_key_wins(tmp_path):
    item = {"id": "http://zotero.org/users/1/items/X", "citation-key": "cagnie2013dry", **ITEM}
    assert _import(tmp_path, item) == "cagnie2013dry"


def test_citation_key_in_zotero_note(tmp_path):
    item = {"id": "http://zotero.org/users/1/items/X",
            "note": "Citation Key: cagnie2013needling\nRead twice", **ITEM}
    assert _import(tmp_path, item) == "cagnie2013needling"
    entry = library.load(tmp_path / "refs.bib").get("cagnie2013needling")
    assert entry.get("note") == "Read twice"


def test_a_usable_id_is_kept(tmp_path):
    assert _import(tmp_path, {"id": "Cagnie:2013", **ITEM}) == "Cagnie:2013"


def _fixed(fields: str) -> str:
    lib = library.parse(f"@book{{k,\n{fields}\n}}\n", "t.bib")
    rules.apply_fixes(lib, Selection({"unknown-field"}))
    return lib.render()


def test_apa_9_41_origyear_is_never_renamed_and_prints_as_the_original_date():
    bib = ("@book{k, author = {Freud, Sigmund}, title = {The Interpretation of Dreams},\n"
           "  origyear = {1900}, publisher = {Basic Books}, year = {2010}}\n")
    assert "origyear = {1900}" in _fixed("  origyear = {1900},")
    assert apa(bib) == [("Freud, S. (2010). The interpretation of dreams. Basic Books. "
                        "(Original work published 1900)")]


@pytest.mark.parametrize("typed, renamed", [
    ("jounral", "journal"), ("publsher", "publisher"), ("adress", "address"), ("yaer", "year")])
def test_a_slip_of_the_keys_is_renamed(typed, renamed):
    assert f"  {renamed} = {{X}},\n" in _fixed(f"  {typed} = {{X}},")


@pytest.mark.parametrize("typed", ["pubyear", "sortyr", "orgyear2"])
def test_a_name_merely_alike_is_left_for_its_writer(typed):
    assert f"  {typed} = {{X}},\n" in _fixed(f"  {typed} = {{X}},")
