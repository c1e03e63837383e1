"""The title corpus of tests/fixtures/titles/corpus.tsv: each title as typed, through biblio's
BibTeX → CSL mapping (an English @article), against the APA 7 string it must print."""

from __future__ import annotations

import html
import re
from pathlib import Path

from biblio import tocsl

CORPUS = Path(__file__).parent / "fixtures" / "titles" / "corpus.tsv"
MISSES = Path(__file__).parent / "fixtures" / "titles" / "misses.txt"
_TAG = re.compile(r"<[^>]+>")


def rows() -> list[tuple[str, str, str]]:
    out = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            src, typed, want = line.split("\t")
            out.append((src, typed, want))
    return out


def printed(typed: str) -> str:
    """The title biblio prints for an English entry, as plain text."""
    item, _ = tocsl.to_csl("k", "article", {"title": typed, "langid": "english"})
    text = html.unescape(_TAG.sub("", item.get("title", "")))
    return text.replace("\u00a0", " ")


def misses() -> list[tuple[str, str, str]]:
    """(typed, printed, wanted) of every title biblio prints wrong."""
    out = []
    for _, typed, want in rows():
        got = printed(typed)
        if got != want.replace("\u00a0", " "):
            out.append((typed, got, want))
    return out


if __name__ == "__main__":
    bad = misses()
    total = len(rows())
    for typed, got, want in bad:
        print(f"typed:  {typed}\nprints: {got}\nwanted: {want}\n")
    print(f"{total - len(bad)}/{total} titles print as APA 7 wants")
