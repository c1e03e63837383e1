"""Compare biblio's APA reference list of corpus.bib with pandoc's (apa.html).

    python tests/pandoc/compare.py            # print every difference
    python tests/pandoc/compare.py --update   # rewrite differences.txt (keys only)

Both sides are normalised the same way: italics as *…*, other tags dropped, entities decoded,
white space collapsed. differences.txt lists the keys that differ, each with the verdict
(which side APA 7 supports); tests/test_pandoc_diff.py fails when that list is out of date.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

_ENTRY = re.compile(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', re.DOTALL)
_ITALIC = re.compile(r"</?(?:em|i)>")
_TAG = re.compile(r"<[^>]+>")


def normalise(fragment: str) -> str:
    s = _ITALIC.sub("*", fragment)
    s = _TAG.sub("", s)
    s = html.unescape(s).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def pandoc_entries() -> dict[str, str]:
    text = (HERE / "apa.html").read_text(encoding="utf-8")
    return {k: normalise(v) for k, v in _ENTRY.findall(text)}


def biblio_entries() -> dict[str, str]:
    sys.path.insert(0, str(ROOT))
    from biblio.commands.format import run

    out = run((), True, str(HERE / "corpus.bib"), str(ROOT / "styles" / "apa.csl"), None,
              "json")
    import json

    return {d["key"]: normalise(d["html"]) for d in json.loads(out.text)}


def pandoc_items_through_biblio_engine() -> dict[str, str]:
    """pandoc's own CSL-JSON (corpus.pandoc.json) rendered by biblio's engine: comparing this
    with biblio_entries() isolates the mapping from the engines."""
    import json

    sys.path.insert(0, str(ROOT))
    from biblio.csl import render

    items = json.loads((HERE / "corpus.pandoc.json").read_text(encoding="utf-8"))
    style = (ROOT / "styles" / "apa.csl").read_text(encoding="utf-8")
    res = render(style, items, None, output="html", links=True)
    return {e.id: normalise(e.text) for e in res.bibliography}


def compare(mapping_only: bool = False) -> tuple[int, dict[str, tuple[str, str]]]:
    """(number identical, {key: (pandoc, biblio)} for the rest)."""
    p = pandoc_items_through_biblio_engine() if mapping_only else pandoc_entries()
    b = biblio_entries()
    same, diff = 0, {}
    for key in sorted(set(p) | set(b)):
        pv, bv = p.get(key, "(not in the list)"), b.get(key, "(not in the list)")
        if pv == bv:
            same += 1
        else:
            diff[key] = (pv, bv)
    return same, diff


def listed() -> dict[str, str]:
    """differences.txt: `key: verdict` lines (and `#` comments)."""
    out = {}
    for line in (HERE / "differences.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, verdict = line.partition(":")
            out[key.strip()] = verdict.strip()
    return out


if __name__ == "__main__":
    mapping_only = "--mapping" in sys.argv
    same, diff = compare(mapping_only)
    what = "pandoc's CSL-JSON and biblio's, both through biblio's engine" if mapping_only \
        else "pandoc 3 and biblio, end to end"
    print(f"{what}: {same} identical, {len(diff)} different")
    for key, (pv, bv) in diff.items():
        print(f"\n{key}\n  pandoc: {pv}\n  biblio: {bv}")
