"""BibTeX text in → APA 7 reference-list strings out (styles/apa.csl, plain text), for the
fixtures of tests/test_apa_*.py."""

from __future__ import annotations

import tempfile
from pathlib import Path

from biblio import tocsl
from biblio.bib import library
from biblio.csl import render
from biblio.document.profile import profile

STYLE = str(Path(__file__).resolve().parent.parent / "styles" / "apa.csl")


def items(bib: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "refs.bib"
        p.write_text(bib, encoding="utf-8")
        lib = library.load(p)
    return tocsl.library_to_csl(lib)[0]


def apa(bib: str, clusters=None, output: str = "text"):
    """The reference list (and, given clusters, the citations) of `bib` in APA 7."""
    xml = Path(STYLE).read_text(encoding="utf-8")  # (APA's own rules: the profile's answer)
    res = render(xml, items(bib), clusters, output=output,
                 signal_groups=profile(xml).signal_groups)
    refs = [e.text for e in res.bibliography]
    return refs if clusters is None else (res.citations, refs)
