"""`biblio search` and the editor's completion find an entry by the same text: one answer to
what a writer finds a work by (authors, else editors; title, else journal; year, else the
date's), folded the same way (accents, LaTeX, case)."""

from __future__ import annotations

from biblio.bib import library
from biblio.commands import search
from biblio.lsp.index import _rows, rank

BIB = r"""@article{k1, author = {M{\"u}ller, Anna and Zhou, Wei}, title = {Dry needling}, year = {2019}}
@book{k2, editor = {{\L}ukasz Nowak}, title = {Manual therapy}, date = {2021-03}}
@article{k3, author = {Jean-Paul Sartre}, journal = {Physiotherapy Journal}, year = {{2015}}}
@misc{k4, author = {{World Health Organization}}, title = {Low back pain}, year = {2023}}
"""

WORDS = ["muller", "MÜLLER", "zhou", "lukasz", "nowak", "sartre", "paul", "physiotherapy",
         "needling", "2021", "2015", "organization", "pain", "therapy", "2019"]


def test_search_and_completion_find_the_same_entries_for_a_word(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(BIB, encoding="utf-8")
    rows = _rows(library.load(bib))
    for word in WORDS:
        hits, _ = search.run([word], bib=str(bib))
        found = {h.key for h in hits}
        assert found, word
        assert {r.key for r in rank(rows, word.lower())} == found, word
