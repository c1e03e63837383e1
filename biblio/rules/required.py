"""Required fields per entry type (the biblatex data model) and what APA 7 needs on top."""

from __future__ import annotations

import re

from ..bib.inherit import inherit
from ..tocsl.tables import chapter_titled
from .registry import WARNING, Context, View, rule

# Alternatives are written "a|b": any one of them will do. `date` stands for year|date.
_DATE = "year|date"
_BIBLATEX: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journaltitle|journal", _DATE),
    "book": ("author|editor", "title", _DATE),
    "mvbook": ("author|editor", "title", _DATE),
    "inbook": ("author", "title", "booktitle", _DATE),
    "bookinbook": ("author", "title", "booktitle", _DATE),
    "suppbook": ("author", "title", "booktitle", _DATE),
    "booklet": ("author|editor", "title", _DATE),
    "collection": ("editor", "title", _DATE),
    "mvcollection": ("editor", "title", _DATE),
    "incollection": ("author", "title", "booktitle", _DATE),
    "suppcollection": ("author", "title", "booktitle", _DATE),
    "dataset": ("author|editor", "title", _DATE),
    "manual": ("author|editor", "title", _DATE),
    "misc": ("author|editor", "title", _DATE),
    "online": ("author|editor", "title", _DATE, "url|doi|eprint"),
    "patent": ("author", "title", "number", _DATE),
    "periodical": ("editor", "title", _DATE),
    "proceedings": ("title", _DATE),
    "mvproceedings": ("title", _DATE),
    "inproceedings": ("author", "title", "booktitle", _DATE),
    "reference": ("editor", "title", _DATE),
    "mvreference": ("editor", "title", _DATE),
    "inreference": ("author", "title", "booktitle", _DATE),
    "report": ("author", "title", "institution", _DATE),
    "software": ("author|editor", "title", _DATE),
    "thesis": ("author", "title", "institution|school", _DATE),
    "unpublished": ("author", "title", _DATE),
}
# BibTeX's types and biblatex's aliases.
for _alias, _to in (("conference", "inproceedings"), ("electronic", "online"),
                    ("www", "online"), ("techreport", "report"), ("mastersthesis", "thesis"),
                    ("phdthesis", "thesis")):
    _BIBLATEX[_alias] = _BIBLATEX[_to]
REQUIRED: dict[str, tuple[tuple[str, ...], ...]] = {
    t: tuple(tuple(alt.split("|")) for alt in req) for t, req in _BIBLATEX.items()}
_REQUIRED_SETS = {t: [(alts, frozenset(alts)) for alts in req] for t, req in REQUIRED.items()}

_PERSONAL = ("personal communication",)
_PERSONAL_NEEDS = [(("author",), frozenset(("author",))),
                   (("year", "date"), frozenset(("year", "date")))]


def _personal(e: View) -> bool:
    return (e.value("type") or "").strip().lower() in _PERSONAL


def _has(e: View, name: str) -> bool:
    return name in e.fields


def _say(alts: tuple[str, ...]) -> str:
    return " or ".join(alts)


def _with_inherited(ctx: Context, e: View) -> set[str]:
    """The entry's field names with those its crossref/xdata parents give it (biblatex rules)."""
    def lookup(key: str):
        parent = ctx.by_key.get(key.lower())
        if parent is None:
            return None
        return parent.type.lower(), {f.name.lower(): parent.get(f.name) or "" for f in
                                     parent.fields}

    own = {name: e.value(name) or "" for name in e.fields}
    return set(inherit(e.key, e.type, own, lookup, ctx.inherited)[0])


@rule("missing-field", WARNING, "required",
      "a field the biblatex data model requires for the entry type is missing")
def missing_field(ctx: Context, e: View):
    required = _REQUIRED_SETS.get(e.type)
    if required is None:
        return
    present = set(e.fields)
    if all(not names.isdisjoint(present) for _, names in required):
        return
    if "crossref" in present or "xdata" in present:
        present = _with_inherited(ctx, e)  # a parent's booktitle, year, publisher count
    if _personal(e):  # cited in the text only: who and when is all APA asks for
        required = _PERSONAL_NEEDS
    for alts, names in required:
        if not names.isdisjoint(present):
            continue
        what = _say(alts)
        # (which fields there are, and the chapter's value: no other field is read)
        if alts == ("booktitle",) and chapter_titled(
                e.type, dict.fromkeys(present, "") | {"chapter": e.value("chapter") or ""}):
            # (biblio reads it as BibTeX meant it; biblatex and pandoc take `title` for the
            # chapter's)
            yield e.find(None, f"@inbook{{{e.key}}} is written for BibTeX (title = the "
                         "book, chapter = the chapter's title); biblatex and pandoc read its "
                         "title as the chapter's",
                         "move the book's title to booktitle = {…} and the chapter's to "
                         "title = {…}")
            continue
        if alts == ("year", "date"):
            fix = "add date = {YYYY-MM-DD} (or year = {YYYY})"
        else:
            fix = f"add {alts[0]} = {{…}}" + ("" if len(alts) == 1 else f" (or {_say(alts[1:])})")
        yield e.find(None, f"@{e.type}{{{e.key}}} has no {what}", fix)


@rule("apa-missing-field", WARNING, "required",
      "a field APA 7 needs: an article's volume and pages (or article number), "
      "a web page's URL, a report's institution")
def apa_missing_field(ctx: Context, e: View):
    if e.type == "article":
        sub = (e.value("entrysubtype") or "").lower()
        if sub in ("magazine", "newsletter", "newspaper"):  # APA: volume, pages if they exist
            return
        missing = []
        if not _has(e, "volume"):
            missing.append("volume")
        if not (_has(e, "pages") or _has(e, "eid")):
            missing.append("pages (or eid, the article number)")
        if missing:
            hint = "" if _has(e, "doi") else \
                "; the article's DOI record gives them (add doi = {10.…} as well)"
            yield e.find(None, f"journal article '{e.key}' has no {' and no '.join(missing)}",
                         "add " + " and ".join(m.split(" (")[0] for m in missing) + hint)
    elif e.type in _WEB_LIKE and "urldate" in e.fields and not _has(e, "url"):
        yield e.find(e.fields["urldate"], f"'{e.key}' has an access date but no URL",
                     "add url = {https://…} (APA cites a web page by its URL)")


_EMPTY = re.compile(r'=\s*(?:\{\s*\}|"\s*")')
_WEB_LIKE = ("misc",)  # @online already requires a URL (missing-field)


@rule("empty-field", WARNING, "required", "a field whose value is empty")
def empty_field(ctx: Context, e: View):
    if e.entry.text and not _EMPTY.search(e.entry.text):
        return
    for f in e.entry.fields:
        raw = f.raw.strip()
        if raw in ("{}", '""') or (raw.startswith("{") and not raw[1:-1].strip()
                                   and raw.endswith("}")):
            yield e.find(f, f"field '{f.name}' of '{e.key}' is empty",
                         "fill it in or remove the field")
