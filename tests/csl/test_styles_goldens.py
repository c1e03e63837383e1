"""A stratified sample of the official styles (in-text of each citation format, note styles,
dependent styles) against citeproc-js 2.4.63: the 31 items and 23 clusters of
tests/golden/styles-diff/cites.json rendered by biblio, text and HTML, must print what the
golden says. A golden is citeproc-js's output except where benchmarks/styles_diff.md
justifies the difference; there it holds biblio's output and records citeproc-js's and the
reason (`accepted`). Made by tests/golden/styles-diff/make.py (see there)."""

from __future__ import annotations

import json

import pytest
from helpers import TESTS

from biblio.csl import render
from biblio.document.profile import profile
from biblio.styles import read_style

HERE = TESTS / "golden" / "styles-diff"
CITES = json.loads((HERE / "cites.json").read_text())
CLUSTERS = [[dict(c, note=i + 1) for c in cl] for i, cl in enumerate(CITES["clusters"])]
GOLDENS = sorted((HERE / "goldens").glob("*.json"))


def test_the_sample_is_large_and_mixed():
    goldens = [json.loads(p.read_text()) for p in GOLDENS]
    assert len(goldens) >= 100
    assert sum(g["class"] == "note" for g in goldens) >= 25
    assert any(g["dependent"] for g in goldens)
    for g in goldens:
        for a in g["accepted"]:
            assert a["reason"] and a["citeproc-js"] is not None


@pytest.mark.parametrize("path", GOLDENS, ids=[p.stem for p in GOLDENS])
def test_style_prints_what_the_golden_says(path):
    golden = json.loads(path.read_text())
    xml = read_style(golden["style"])
    for fmt in ("text", "html"):
        got = render(xml, CITES["items"], CLUSTERS, output=fmt,
                     signal_groups=profile(xml).signal_groups)  # (as biblio renders posts)
        want = golden[fmt]
        assert got.citations == want["citations"], fmt
        assert [[e.id, e.text.strip()] for e in got.bibliography] == want["bibliography"], fmt
