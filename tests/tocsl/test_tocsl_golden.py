"""Golden tests of the mapping: tests/tocsl/<what it shows>.bib in, the .json beside it out.

Each .json holds {"items": [...], "problems": [...]}, the CSL-JSON items and the problems met.
Comments in the .bib say which APA rule decides where biblio differs from pandoc on purpose.
To re-make a golden after a deliberate change: BIBLIO_REGEN=1 pytest tests/test_tocsl_golden.py
(then read the diff).
"""

import json
import os
from pathlib import Path

import pytest
from helpers import TESTS

from biblio import tocsl
from biblio.bib import reader

HERE = TESTS / "tocsl"
CASES = sorted(HERE.glob("*.bib"))


def convert(path: Path) -> dict:
    lib = reader.parse(path.read_text(encoding="utf-8"), str(path.name))
    items, problems = tocsl.library_to_csl(lib)
    return {"items": items,
            "problems": [f"{p.key}: {p.field}: {p.message}" for p in problems]}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case):
    got = convert(case)
    golden = case.with_suffix(".json")
    if os.environ.get("BIBLIO_REGEN"):
        golden.write_text(json.dumps(got, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_every_listed_type_has_a_golden():
    text = "".join(c.read_text(encoding="utf-8").lower() for c in CASES)
    for t in ("article", "book", "mvbook", "inbook", "bookinbook", "incollection", "collection",
              "inproceedings", "conference", "proceedings", "manual", "misc", "online",
              "electronic", "www", "report", "techreport", "thesis", "phdthesis",
              "mastersthesis", "unpublished", "patent", "periodical", "dataset", "software",
              "standard", "video", "movie", "audio", "artwork", "letter", "review", "suppbook",
              "suppcollection", "inreference", "booklet", "xdata"):
        assert f"@{t}{{" in text, t
