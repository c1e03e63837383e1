"""The CSL test-suite fixture format: parse a fixture and run it through `render`.

A fixture is a text file of sections `>>== NAME ==>> ... <<== NAME ==<<` (MODE, RESULT, CSL,
INPUT, CITATION-ITEMS, CITATIONS, BIBENTRIES, BIBSECTION, OPTIONS). The same format serves the
official suite (tests/csl-suite/) and our own cases (tests/csl-local/).

jgm/citeproc's fixtures (tests/jgm-citeproc/) use the same sections under the rules of his
harness (`rules="jgm"`, from his test/Spec.hs): a section ends at any `<<==` line whatever name
it carries; the CSL text is not trimmed; CITATIONS is a list of citations, each a list of cites
or an object with `citationItems` and `citationNoteNumber`, a later citation replacing an earlier
one of the same `citationID`; a cite's `type` is `author-only`, `suppress-author` or `normal`;
and the bibliography lists every INPUT item, cited or not.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from biblio import csl

_SECTION = re.compile(
    r">>=+\s*([A-Z-]+)\s*=+>>\r?\n?(.*?)\r?\n?<<=+\s*\1\s*=+<<", re.DOTALL
)
_MARK = re.compile(r"^(?:\.\.|>>)\[\d+\]\s?", re.MULTILINE)


@dataclass
class Fixture:
    name: str
    mode: str
    result: str
    csl: str
    items: list[dict[str, Any]]
    citation_items: list[list[dict[str, Any]]] | None = None
    citations: list[Any] | None = None
    bibentries: list[list[str]] | None = None
    bibsection: dict[str, Any] | None = None
    options: dict[str, Any] = field(default_factory=dict)
    style_path: Path | None = None
    rules: str = "suite"
    jgm_citations: list[Any] | None = None
    abbreviations: dict[str, Any] | None = None


def _json_of(sec: dict[str, str]):
    """A section's JSON, or None when the fixture has no such section or it is blank."""
    def js(key: str) -> Any:
        body = sec.get(key)
        return json.loads(body) if body and body.strip() else None
    return js


def parse(text: str, name: str = "") -> Fixture:
    text = text.lstrip("\ufeff")
    sec = {m.group(1): m.group(2) for m in _SECTION.finditer(text)}
    js = _json_of(sec)
    return Fixture(
        name=name,
        mode=sec.get("MODE", "").strip(),
        result=sec.get("RESULT", ""),
        csl=sec.get("CSL", "").strip(),
        items=js("INPUT") or [],
        citation_items=js("CITATION-ITEMS"),
        citations=js("CITATIONS"),
        bibentries=js("BIBENTRIES"),
        bibsection=js("BIBSECTION"),
        options=js("OPTIONS") or {},
    )


def _jgm_sections(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    name, buf = None, []
    for line in text.splitlines():
        if name is None:
            if line.startswith(">>=="):
                name, buf = "".join(c for c in line if c.isalpha() or c == "-"), []
        elif line.startswith("<<=="):
            out[name], name = "\n".join(buf), None
        else:
            buf.append(line)
    return out


def parse_jgm(text: str, name: str = "") -> Fixture:
    sec = _jgm_sections(text.lstrip("\ufeff"))
    js = _json_of(sec)
    return Fixture(
        name=name,
        mode=sec.get("MODE", "").strip(),
        result=sec.get("RESULT", ""),
        csl=sec.get("CSL", ""),
        items=js("INPUT") or [],
        citation_items=js("CITATION-ITEMS"),
        jgm_citations=js("CITATIONS"),
        options=js("OPTIONS") or {},
        rules="jgm",
        abbreviations=js("ABBREVIATIONS"),
    )


_CITE_TYPE = {"author-only": {"author-only": True}, "suppress-author": {"suppress-author": True}}


def _jgm_clusters(citations: list[Any]) -> list[list[dict[str, Any]]]:
    # A citation with a citationID replaces every earlier one of that id (jgm's removeDuplicates).
    kept = []
    for n, cit in enumerate(citations):
        cid = cit.get("citationID") if isinstance(cit, dict) else None
        if cid is None or not any(isinstance(c, dict) and c.get("citationID") == cid
                                  for c in citations[n + 1:]):
            kept.append(cit)
    out = []
    for cit in kept:
        cites = cit.get("citationItems", []) if isinstance(cit, dict) else cit
        note = cit.get("citationNoteNumber") if isinstance(cit, dict) else None
        cluster = []
        for cite in cites:
            cite = {k: v for k, v in cite.items() if k != "type"} | _CITE_TYPE.get(
                cite.get("type"), {})
            if note:
                cite["note"] = note
            cluster.append(cite)
        extra = {}
        if isinstance(cit, dict):
            # jgm's citation-level fields: the whole citation's affixes, a position reset.
            extra = {k: cit[f] for k, f in (("prefix", "citationPrefix"),
                                             ("suffix", "citationSuffix"),
                                             ("reset-position", "citationResetPosition"))
                     if cit.get(f)}
        out.append({"cites": cluster, **extra} if extra else cluster)
    return out


def load(path: Path, rules: str = "suite") -> Fixture:
    if rules == "jgm":
        return parse_jgm(path.read_text(encoding="utf-8"), path.stem)
    fx = parse(path.read_text(encoding="utf-8"), path.stem)
    # Our own fixtures may name a style file instead of inlining it: CSL section `@styles/apa.csl`.
    if fx.csl.startswith("@"):
        fx.style_path = (path.parent / fx.csl[1:]).resolve()
        if not fx.style_path.exists():
            root = path.parent
            while root != root.parent and not (root / "pyproject.toml").exists():
                root = root.parent
            fx.style_path = root / fx.csl[1:]
    return fx


def clusters_of(fx: Fixture, render=None) -> list[list[dict[str, Any]]] | None:
    """The citation clusters a fixture asks for, with note numbers where it gives them."""
    if fx.rules == "jgm":
        if fx.jgm_citations is not None:
            return _jgm_clusters(fx.jgm_citations)
        if fx.citation_items is not None:
            return _jgm_clusters(fx.citation_items)
        ids = [it.get("id", f"item-{n + 1}") for n, it in enumerate(fx.items)]
        if fx.mode.startswith("citation"):
            return [[{"id": i} for i in ids]]
        return [[{"id": i}] for i in ids]
    if fx.citations:
        # Each entry is one processCitationCluster call: [citation, before, after]; the document
        # is the last call's before + citation + after, ids resolving to their latest version.
        latest: dict[str, Any] = {}
        for citation, _, _ in fx.citations:
            latest[citation.get("citationID")] = citation
        citation, before, after = fx.citations[-1]
        order = [(cid, note) for cid, note in before]
        order.append((citation.get("citationID"), (citation.get("properties") or {}).get("noteIndex")))
        order += [(cid, note) for cid, note in after]
        out = []
        for cid, note in order:
            cites = []
            for cite in latest[cid].get("citationItems", []):
                cite = dict(cite)
                if note:
                    cite["note"] = note
                cites.append(cite)
            out.append(cites)
        return out
    if fx.citation_items is not None:
        return [list(c) for c in fx.citation_items]
    if fx.mode.startswith("citation"):
        return [[{"id": i} for i in registry_order(fx, render or csl.render)]]
    return None


def registry_order(fx: Fixture, render) -> list[str]:
    """The items of a fixture in the order the suite's runner cites them when it names none.

    The suite's manual has the INPUT items "registered in the processor" and a citation of all
    of them requested; its runner (citeproc-js's) cites them in the registry's order, which is
    the bibliography's order: sorted by the style's bibliography sort, else as given. So: the
    order of the bibliography of all items, with the items it does not list in input order.
    """
    # render() names an item without an id "item-N" (N counts from 1).
    ids = list(dict.fromkeys(str(it.get("id", f"item-{n + 1}")) for n, it in enumerate(fx.items)))
    style = str(fx.style_path) if fx.style_path else fx.csl
    listed = [e.id for e in render(style, fx.items, None, output="text").bibliography]
    order = [i for i in listed if i in ids]
    return list(dict.fromkeys(order + ids))


def run(fx: Fixture, render=None) -> str:
    """Render a fixture the way the suite expects its RESULT."""
    render = render or csl.render
    style = str(fx.style_path) if fx.style_path else fx.csl
    clusters = clusters_of(fx, render)
    extra = {"abbreviations": fx.abbreviations} if fx.abbreviations else {}
    if fx.mode.startswith("citation"):
        res = render(style, fx.items, clusters, output="html", **extra)
        return "\n".join(res.citations)
    # Bibliography: of the cited items when the fixture cites, of all items otherwise; under
    # jgm's rules of all items always (the uncited ones as `uncited`, as a nocite would be).
    if fx.rules == "jgm":
        cited = {str(c.get("id")) for cl in clusters
                 for c in (cl["cites"] if isinstance(cl, dict) else cl)}
        extra["uncited"] = [it["id"] for it in fx.items
                            if "id" in it and str(it["id"]) not in cited]
        # jgm's linkBibliography: DOIs and URLs in the bibliography become links.
        if fx.options.get("linkBibliography"):
            extra["links"] = True
    res = render(style, fx.items, clusters, output="html", **extra)
    return bibliography_html(res)


def bibliography_html(res) -> str:
    lines = ['<div class="csl-bib-body">']
    for entry in res.bibliography:
        text = entry.text
        if "<div" in text:
            lines.append('  <div class="csl-entry">')
            lines.append("    " + text)
            lines.append("  </div>")
        else:
            lines.append(f'  <div class="csl-entry">{text}</div>')
    lines.append("</div>")
    return "\n".join(lines)


def normalize(s: str) -> str:
    s = _MARK.sub("", s.strip())
    if s.startswith('<div class="csl-bib-body">'):
        # Line breaks and indentation between the HTML blocks of a bibliography do not count.
        return re.sub(r"\s*\n\s*", "", s)
    return "\n".join(line.rstrip() for line in s.splitlines())


def passes(fx: Fixture, render=None) -> bool:
    return normalize(run(fx, render)) == normalize(fx.result)
