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


def inherit(key: str, etype: str, fields: dict[str, str], lookup,
            memo: dict | None = None) -> tuple[dict, list[str]]:
    """`fields` with what `crossref`/`xdata` parents give; and the keys that were not found.

    `lookup(key)` → (type, fields) or None. A grandparent's fields come through its child (the
    parent), as in biblatex; a parent that is already being resolved (a cycle) is skipped.
    Iterative, and each ancestor is resolved once: a chain of a thousand crossrefs does not
    exhaust the stack, and xdata parents that share their own parents (a diamond, level after
    level) cost their number, not the number of paths through them. `memo` (a dict the caller
    keeps for one library) carries resolved ancestors from one call to the next, so that every
    entry of a long chain does not walk the rest of it again; only ancestors whose resolution
    met no cycle are kept there, whose answer does not depend on where the walk began.
    """
    memo = {} if memo is None else memo
    # key → (type, fields with what it inherits, keys not found below it, met no cycle)
    done: dict[str, tuple[str, dict, tuple[str, ...], bool]] = {}
    absent: set[str] = set()
    on_path = {key}

    def parents(fs: dict) -> list[tuple[str, str]]:
        out = [("xdata", ref) for ref in split_keys(fs.get("xdata", ""))]
        ref = fs.get("crossref", "").strip()
        return out + [("crossref", ref)] if ref else out

    def resolved(t: str, fs: dict) -> tuple[str, dict, tuple[str, ...], bool]:
        res, missing, clean = dict(fs), {}, True
        for how, ref in parents(fs):
            if ref in absent:
                missing[ref] = None
                continue
            got = done.get(ref)
            if got is None:  # a cycle back to a key being resolved
                clean = False
                continue
            ptype, pfields, below, pclean = got
            missing.update(dict.fromkeys(below))
            clean = clean and pclean
            for name, value in pfields.items():
                for new in ((name,) if name not in SKIP else ()) if how == "xdata" \
                        else target_names(ptype, t, name):
                    res.setdefault(new, value)
        return t, res, tuple(missing), clean

    stack = [(key, etype, fields, iter(parents(fields)))]
    while stack:
        k, t, fs, todo = stack[-1]
        for _, ref in todo:
            if ref in on_path or ref in done or ref in absent:
                continue
            if ref in memo:
                done[ref] = memo[ref]
                continue
            got = lookup(ref)
            if got is None:
                absent.add(ref)
                continue
            ptype, pfields = got
            if "crossref" in pfields or "xdata" in pfields:
                on_path.add(ref)
                stack.append((ref, ptype, pfields, iter(parents(pfields))))
                break
            done[ref] = memo[ref] = (ptype, pfields, (), True)
        else:
            stack.pop()
            on_path.discard(k)
            done[k] = resolved(t, fs)
            if k != key and done[k][3]:
                memo[k] = done[k]
    return done[key][1], list(done[key][2])
