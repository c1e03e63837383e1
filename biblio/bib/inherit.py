"""Field inheritance through `crossref` and `xdata`, with biblatex's renaming rules.

biblatex manual, appendix B ("Default Crossref Setup"): a child inherits the fields it lacks
from its parent, and some are renamed on the way — a @book's `title` becomes an @inbook's
`booktitle`, an @mvbook's `title` a @book's `maintitle`, a @periodical's `title` an @article's
`journaltitle`. BibTeX's plain crossref (same names) is the case where nothing is renamed.
`xdata` fields are inherited as they are.
"""

from __future__ import annotations

# fields never inherited
SKIP = frozenset(["ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options", "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand", "shorthandintro", "sortkey"])

_NO_TITLES = {"shorttitle": None, "sorttitle": None, "indextitle": None, "indexsorttitle": None}
_MAIN = {"title": "maintitle", "subtitle": "mainsubtitle", "titleaddon": "maintitleaddon",
         **_NO_TITLES}
_BOOK = {"title": "booktitle", "subtitle": "booksubtitle", "titleaddon": "booktitleaddon",
         **_NO_TITLES}
_JOURNAL = {"title": "journaltitle", "subtitle": "journalsubtitle", **_NO_TITLES}

BOOKISH_CHILDREN = ("inbook", "bookinbook", "suppbook")
COLLECTION_CHILDREN = ("incollection", "inreference", "suppcollection")

# (parent types, child types) → renaming; the first match applies.
RENAMES: list[tuple[tuple[str, ...], tuple[str, ...], dict]] = [
    (("mvbook",), ("book", "inbook", "bookinbook", "suppbook"), _MAIN),
    (("mvcollection", "mvreference"),
     ("collection", "reference", *COLLECTION_CHILDREN), _MAIN),
    (("mvproceedings",), ("proceedings", "inproceedings"), _MAIN),
    (("book",), BOOKISH_CHILDREN, _BOOK),
    (("collection", "reference"), COLLECTION_CHILDREN, _BOOK),
    (("proceedings",), ("inproceedings",), _BOOK),
    (("periodical",), ("article", "suppperiodical"), _JOURNAL),
]


def target_names(parent_type: str, child_type: str, name: str) -> list[str]:
    """The child's field name(s) for the parent's field `name` ([] = not inherited)."""
    if name in SKIP:
        return []
    if name == "author" and (
            parent_type in ("mvbook", "book") and child_type in BOOKISH_CHILDREN
            or parent_type == "mvbook" and child_type == "book"):
        # the parent's author is the child's bookauthor, and (if it has none) its author
        return ["bookauthor", "author"]
    for parents, children, renames in RENAMES:
        if parent_type in parents and child_type in children:
            new = renames.get(name, name)
            return [] if new is None else [new]
    return [name]


def split_keys(value: str) -> list[str]:
    return [k.strip() for k in value.split(",") if k.strip()]


def inherit(key: str, etype: str, fields: dict[str, str], lookup) -> tuple[dict, list[str]]:
    """`fields` with what `crossref`/`xdata` parents give; and the keys that were not found.

    `lookup(key)` → (type, fields) or None. Cycles are cut; a grandparent's fields come
    through its child (the parent), as in biblatex.
    """
    missing: list[str] = []
    out = dict(fields)

    def resolved(k: str, seen: frozenset) -> tuple[str, dict] | None:
        got = lookup(k)
        if got is None:
            missing.append(k)
            return None
        ptype, pfields = got
        if k in seen:
            return ptype, pfields
        if "crossref" in pfields or "xdata" in pfields:
            pfields = _merge(k, ptype, pfields, seen | {k})
        return ptype, pfields

    def _merge(k: str, t: str, fs: dict, seen: frozenset) -> dict:
        res = dict(fs)
        for ref in split_keys(fs.get("xdata", "")):
            if ref in seen:
                continue
            got = resolved(ref, seen)
            if got:
                for name, value in got[1].items():
                    if name not in SKIP:
                        res.setdefault(name, value)
        ref = fs.get("crossref", "").strip()
        if ref and ref not in seen:
            got = resolved(ref, seen)
            if got:
                ptype, pfields = got
                for name, value in pfields.items():
                    for new in target_names(ptype, t, name):
                        res.setdefault(new, value)
        return res

    out = _merge(key, etype, out, frozenset({key}))
    return out, missing
