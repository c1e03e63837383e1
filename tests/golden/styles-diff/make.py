"""Write the goldens of tests/csl/test_styles_goldens.py: citeproc-js 2.4.63's output for
cites.json in a stratified sample of official styles (run by hand from the repository root):

    (cd benchmarks/citeproc-js && npm ci)
    python tests/golden/styles-diff/make.py           # draw the sample afresh
    python tests/golden/styles-diff/make.py --same    # the styles of the goldens there are

The sample (seeded, so a re-run picks the same styles) takes independent in-text styles of
each citation format, independent note styles and dependent styles. A golden holds what
biblio must print: citeproc-js's output, except where the difference is one of the classes
benchmarks/styles_diff.md justifies (citeproc-js departing from the specification, or a
documented choice of biblio's) — there it holds biblio's output, and `accepted` records
citeproc-js's text and the reason. A style with any other difference is left out of the
sample and counted in the summary this prints, so the goldens never hide one. Drawn afresh,
the sample takes the first styles of the seeded order that pass, so a fix elsewhere changes
which styles it holds; `--same` remakes the goldens of the styles it holds and names any that
no longer pass, so a change shows as a diff of those files alone.
"""

from __future__ import annotations

import json
import random
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.styles_diff import (
    FORMATS,
    accepted,
    all_styles,
    biblio_answer,
    citeproc_js_version,
    decision,
    digest,
    norm_entry,
    oracle_answers,
    style_class,
)
from biblio.styles import catalogue, read_style

OUT = HERE / "goldens"
# (stratum, how many): in-text styles by citation format, note styles, dependent styles
QUOTAS = {"author-date": 34, "numeric": 34, "label": 3, "author": 4, "note": 30,
          "dependent": 10}


def stratum(sid: str, dep: bool, xml: str) -> str:
    if dep:
        return "dependent"
    if style_class(xml) == "note":
        return "note"
    info = catalogue.info(sid)
    return info.format if info is not None and info.format in QUOTAS else "author-date"


def golden_of(sid, dep, xml, ours, theirs):
    """The golden for one style, or None when a difference is not a justified one."""
    out = {"style": sid, "class": style_class(xml), "dependent": dep,
           "citeproc-js": citeproc_js_version(), "accepted": []}
    for fmt in FORMATS:
        o, t = ours[fmt], theirs[fmt]
        blocks = fmt == "text" and any(
            f'class="csl-{d}"' in e for e in theirs["html"]["bibliography"]
            for d in ("block", "indent", "left-margin", "right-inline"))
        if o["ids"] != t["ids"] or len(o["citations"]) != len(t["citations"]):
            return None
        want = {"citations": [], "bibliography": []}
        pairs = [("citation", i, oc, tc) for i, (oc, tc) in
                 enumerate(zip(o["citations"], t["citations"]))]
        pairs += [("entry", i, oe.strip(), norm_entry(te, fmt)) for i, oe, te in
                  zip(o["ids"], o["bibliography"], t["bibliography"])]
        for kind, key, mine, theirs_ in pairs:
            if mine != theirs_:
                why = (accepted(mine, theirs_, blocks, xml, fmt == "html")
                       or decision(mine, theirs_))
                if why is None:
                    return None
                out["accepted"].append({"format": fmt, "where": f"{kind} {key}",
                                        "citeproc-js": theirs_, "reason": why})
            if kind == "citation":
                want["citations"].append(mine)
            else:
                want["bibliography"].append([key, mine])
        out[fmt] = want
    return out


def main():
    cites = json.loads((HERE / "cites.json").read_text())
    rng = random.Random(14)
    styles = all_styles()
    rng.shuffle(styles)
    if "--same" in sys.argv[1:]:
        held = {p.stem for p in OUT.glob("*.json")}
        styles = [(sid, dep) for sid, dep in styles if sid in held]
    taken = Counter()
    left_out = Counter()
    chosen = []
    for sid, dep in styles:
        if all(taken[k] >= n for k, n in QUOTAS.items()):
            break
        xml = read_style(sid)
        k = stratum(sid, dep, xml)
        if taken[k] >= QUOTAS[k]:
            continue
        key = digest(xml, cites)
        theirs = oracle_answers({key: xml}, cites)[key]
        ours = biblio_answer((key, xml, cites))
        if "text" not in theirs or "text" not in ours:
            left_out[k] += 1
            continue
        g = golden_of(sid, dep, xml, ours, theirs)
        if g is None:
            left_out[k] += 1
            if "--same" in sys.argv[1:]:
                print(f"{sid}: no longer passes")
            continue
        taken[k] += 1
        chosen.append(g)
    OUT.mkdir(exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    for g in chosen:
        (OUT / f"{g['style']}.json").write_text(json.dumps(g, ensure_ascii=False, indent=0)
                                                 + "\n")
    print(f"{len(chosen)} goldens: " + ", ".join(f"{k} {taken[k]}" for k in QUOTAS))
    print("left out for an unexplained difference: "
          + ", ".join(f"{k} {left_out[k]}" for k in QUOTAS))
    reasons = Counter(a["reason"] for g in chosen for a in g["accepted"])
    print("accepted differences: " + "; ".join(f"{k} {v}" for k, v in reasons.items()))


if __name__ == "__main__":
    main()
