"""Abbreviation lists: a variable's short form (`form="short"`) taken from a list when the item
gives none — pandoc's `citation-abbreviations`, in citeproc-js's format
`{"default": {"container-title": {"Journal of Classical Studies": "J Class Stud"}}}`. An item's
own short form (`container-title-short`, `title-short`, …) comes first; a full text is looked up
with its markup dropped and its case ignored."""

from __future__ import annotations

import re

from biblio.csl.nodes import _SHORT

_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def _key(text: str) -> str:
    return _SPACE.sub(" ", _TAG.sub("", text)).strip().casefold()


def table(abbreviations, warnings: list) -> dict[str, dict[str, str]]:
    """variable → {full text as looked up: short form}, from a list in citeproc-js's format
    (its "default" jurisdiction); what is not of that shape is a warning and left out."""
    lists = abbreviations.get("default", abbreviations) if isinstance(abbreviations, dict) \
        else None
    if not isinstance(lists, dict):
        warnings.append("the abbreviations are not a mapping of variables to lists; ignored")
        return {}
    out: dict[str, dict[str, str]] = {}
    for var, pairs in lists.items():
        if not isinstance(var, str) or not isinstance(pairs, dict):
            warnings.append(f"the abbreviations of {var!r} are not a mapping; ignored")
            continue
        out[var] = {_key(full): short for full, short in pairs.items()
                    if isinstance(full, str) and isinstance(short, str) and short.strip()}
    return out


def apply(data: dict, abbreviations: dict[str, dict[str, str]]) -> dict:
    """The item with the short form of each listed variable it has no short form of."""
    out = data
    for var, pairs in abbreviations.items():
        full = data.get(var)
        names = _SHORT.get(var, (var + "-short",))
        if not isinstance(full, str) or any(data.get(n) not in (None, "") for n in names):
            continue
        short = pairs.get(_key(full))
        if short is not None:
            out = dict(out) if out is data else out
            out[names[0]] = short
    return out
