"""Input hygiene: CSL-JSON items and cites of the wrong shape become warnings, not crashes."""

from __future__ import annotations

import re

from biblio.csl.nodes import DATE_VARS, NAME_VARS

_NAME_FLAGS = ("static-ordering", "parse-names", "comma-suffix")
_CITE_TEXT = ("locator", "label", "prefix", "suffix")


# Control characters (NUL, escape, …; tab and line breaks aside) are no text any writer
# should print: HTML parsers turn a NUL into U+FFFD, terminals act on escapes.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _text(v):
    if v.__class__ is str:  # (most values: the checks below would say so, three calls later)
        if v.isascii() and v.isprintable():
            return v  # (no control character: the search's answer, without its call)
        return _CONTROL.sub("", v) if _CONTROL.search(v) else v
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return str(v)
    if not isinstance(v, str):
        return None
    return _CONTROL.sub("", v) if _CONTROL.search(v) else v


def _name(v) -> dict | None:
    if isinstance(v, str):
        return {"literal": v} if v.strip() else None
    if not isinstance(v, dict):
        return None
    out = {}
    for k, x in v.items():
        if k in _NAME_FLAGS:
            out[k] = x
        elif isinstance(k, str) and (t := _text(x)) is not None:
            out[k] = t
    return out if any(out.get(k) for k in ("family", "given", "literal")) else None


def _date(v) -> dict | None:
    if _text(v) is not None:
        return {"raw": _text(v)}
    if not isinstance(v, dict):
        return None
    out = {}
    parts = v.get("date-parts")
    if isinstance(parts, list):
        good = []
        for p in parts:
            if isinstance(p, list):
                good.append([x for x in (_text(y) for y in p) if x is not None][:3])
        if good and good[0]:
            out["date-parts"] = good[:2]
    for k in ("raw", "literal", "season"):
        if (t := _text(v.get(k))) is not None:
            out[k] = t
    if v.get("circa"):
        out["circa"] = True
    return out or None


def item(data: dict, n: int, warnings: list) -> dict:
    out = {}
    for k, v in data.items():
        if not isinstance(k, str):
            continue
        if k in NAME_VARS:
            names = [x for x in map(_name, v if isinstance(v, list) else [v]) if x]
            if names:
                out[k] = names
            elif v not in (None, [], ""):
                warnings.append(f"item {n}: {k} is not a list of names; ignored")
        elif k in DATE_VARS:
            d = _date(v)
            if d:
                out[k] = d
            elif v not in (None, {}, ""):
                warnings.append(f"item {n}: {k} is not a date; ignored")
        elif (t := _text(v)) is not None:
            out[k] = t
        elif v is not None:
            warnings.append(f"item {n}: {k} is not text; ignored")
    for old, new in _LEGACY.items():
        if old in out and new not in out:
            out[new] = out[old]
    return out


# Zotero's older CSL-JSON names of variables the spec now names otherwise.
_LEGACY = {"journalAbbreviation": "container-title-short", "shortTitle": "title-short"}


# A position the caller fixes (citeproc-js's numbers, or the names), instead of the one the
# document's order gives.
_POSITIONS = {0: "first", 1: "subsequent", 2: "ibid", 3: "ibid-with-locator",
              **{p: p for p in ("first", "subsequent", "ibid", "ibid-with-locator")}}


def cite(c, warnings: list) -> dict | None:
    if not isinstance(c, dict) or _text(c.get("id")) is None:
        warnings.append(f"a cite without a usable id was skipped: {c!r}"[:200])
        return None
    out = {"id": _text(c["id"])}
    for k in _CITE_TEXT:
        if _text(c.get(k)) is not None:
            out[k] = _text(c[k])
    for k in ("suppress-author", "author-only", "narrative"):
        if c.get(k) is True or c.get(k) in ("true", 1):
            out[k] = True
    if c.get("position") in _POSITIONS:
        out["position"] = _POSITIONS[c["position"]]
    for k in ("note", "note-number", "noteIndex"):
        if isinstance(c.get(k), (int, str)) and not isinstance(c.get(k), bool):
            out["note"] = c[k]
            break
    return out
