"""missing-field counts what a crossref parent gives the entry (biblatex inheritance)."""

from __future__ import annotations

from biblio import rules
from biblio.bib import reader

PARENT = ("@proceedings{parent,\n  editor = {Smith, Anna},\n  title = {Proceedings of the Meeting},\n"
          "  publisher = {Springer},\n  year = {2020},\n}\n")


def _missing(text: str) -> list[str]:
    return [d.message for d in rules.run(reader.parse(text, "t.bib"))
            if d.rule == "missing-field"]


def test_a_child_gets_booktitle_and_year_from_its_parent():
    child = "@inproceedings{child,\n  author = {Weber, Ann},\n  title = {T},\n" \
            "  crossref = {parent},\n}\n"
    assert _missing(child + PARENT) == []


def test_what_the_parent_lacks_is_still_missing():
    child = "@inproceedings{child,\n  author = {Weber, Ann},\n  crossref = {parent},\n}\n"
    assert _missing(child + PARENT) == ["@inproceedings{child} has no title"]


def test_a_missing_parent_gives_nothing():
    child = "@inproceedings{child,\n  author = {Weber, Ann},\n  title = {T},\n" \
            "  crossref = {nobody},\n}\n"
    assert len(_missing(child)) == 2  # booktitle and year
