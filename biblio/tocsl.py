"""BibTeX/biblatex entries → CSL-JSON items, as a table of rules.

`TYPES` maps entry types to CSL types; `RULES` lists, for each CSL variable, the fields it comes
from, a converter and an optional condition (citation.js's Translator shape). `to_csl` applies
them to one entry; `library_to_csl` to a library, with `crossref`/`xdata` inheritance.

Conventions (documented for users in the README):
- personal communication: `type = {personal communication}` (or `howpublished`, or a keyword
  `personal communication`) on any entry, or a biblatex `@letter`, gives CSL
  `personal_communication`, which APA cites in the text only.
- magazine and newspaper articles: `@article` with `entrysubtype = {magazine|newspaper}`.
- article numbers: `eid`, or `pages` holding a single eLocator such as `e0227773`, give CSL
  `number` (APA: "Article e0227773").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from . import bibvalue, crossref, dates, latex, names, titlecase
from .csltables import (
    ARTICLE_LIKE,
    BOOK_LIKE,
    CHAPTER_LIKE,
    EPRINT_URLS,
    LANGS,
    ORDINALS,
    PERSONAL,
    PUBSTATE,
    ROLES,
    SUBTYPES,
    THESIS_GENRES,
    TYPES,
    UNDATED_STATES,
)


@dataclass
class Problem:
    """Something in an entry that could not be understood; the rest still maps."""

    key: str
    field: str
    message: str
    fix: str = ""


@dataclass
class Ctx:
    key: str
    type: str
    f: dict[str, str]
    english: bool = True
    useprefix: bool = True
    problems: list[Problem] = field(default_factory=list)

    def warn(self, fname: str, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.key, fname, message, fix))

    def latex(self, fname: str, fn, text: str):
        out, problems = fn(text)
        for p in problems:
            self.warn(fname, f"LaTeX not understood: {p}",
                      "write the character in UTF-8 or use a standard LaTeX macro")
        return out


# --- converters: (ctx, field name, value) -> CSL value or None -----------------------------

def text(ctx: Ctx, name: str, value: str):
    return ctx.latex(name, latex.to_text, value) or None


def rich(ctx: Ctx, name: str, value: str):
    return ctx.latex(name, lambda v: latex.to_markup(v, nocase=False), value) or None


def title(ctx: Ctx, name: str, value: str):
    """A title in APA sentence case (English entries); protected words stay as written."""
    if latex.is_simple(value):
        return (titlecase.sentence_case(value) if ctx.english else value) or None
    nodes, problems = latex.parse(value)
    for p in problems:
        ctx.warn(name, f"LaTeX not understood: {p}",
                 "write the character in UTF-8 or use a standard LaTeX macro")
    if ctx.english:
        nodes = titlecase.sentence_case_nodes(nodes)
    return latex.markup(nodes).strip() or None


def periodical_title(ctx: Ctx, name: str, value: str):
    """Journal titles keep their Title Case (APA 7, periodical titles); braces then protect nothing."""
    return ctx.latex(name, lambda v: latex.to_markup(v, nocase=False), value) or None


def literal_list(ctx: Ctx, name: str, value: str):
    """biblatex lists (`location = {London and New York}`) joined with '; ' (APA 7, publishers)."""
    parts = names.split_names(value)
    return "; ".join(filter(None, (text(ctx, name, p) for p in parts))) or None


_BRACED_ITEM = re.compile(r"\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}")


def publisher_list(ctx: Ctx, name: str, value: str):
    """Publishers: 'Taylor and Francis' is one publisher (BibTeX users write it so); only
    `{A} and {B}` is a list. pandoc splits both ("Taylor; Francis")."""
    parts = names.split_names(value)
    if len(parts) > 1 and all(_BRACED_ITEM.fullmatch(p) for p in parts):
        return literal_list(ctx, name, value)
    return text(ctx, name, value)


def name_list(ctx: Ctx, name: str, value: str):
    out, problems, _others = names.parse_names(value, ctx.useprefix)
    for p in problems:
        ctx.warn(name, f"LaTeX not understood: {p}", "write the name in UTF-8")
    return out or None


_PAGE_LABEL = re.compile(r"^(?:pp?\.|pages?)\s*", re.IGNORECASE)
_DASHES = re.compile(r"\s*(?:-{1,3}|–|—|‐|‑)\s*")
# eLocators: PLOS/JBJS "e0227773", "e12"; Science "aac4716"
_ELOCATOR_PAGE = re.compile(r"e\d+|[a-z]{2,3}\d{3,}")


def pages(ctx: Ctx, name: str, value: str):
    v = ctx.latex(name, latex.to_text, value)
    if not v:
        return None
    v = _DASHES.sub("-", v.replace("\u00a0", " "))
    v = _PAGE_LABEL.sub("", v)  # "pp. 12-15": the style adds its own label
    if not re.fullmatch(r"[\w.:]+(?:-[\w.:]+)?(?:\s*[,;&]\s*[\w.:]+(?:-[\w.:]+)?)*(?:\s*ff?\.)?",
                        v):
        ctx.warn(name, f"pages {value!r} are not a page, a range or a list of them",
                 "write pages as 12, 12--15 or 12--15, 18")
    return v


def edition(ctx: Ctx, name: str, value: str):
    """'2', '2nd', 'second', 'Second edition' → '2' (the style makes "2nd ed."); other text
    ('Rev. ed.') as written."""
    v = ctx.latex(name, latex.to_text, value)
    m = re.fullmatch(r"(\d+)\s*(?:st|nd|rd|th|\.)?(?:\s+(?:ed\.?|edn\.?|edition))?", v, re.IGNORECASE)
    if m:
        return m.group(1)
    w = re.fullmatch(r"([a-z]+)(?:\s+(?:ed\.?|edition))?", v, re.IGNORECASE)
    if w and w.group(1).lower() in ORDINALS:
        return str(ORDINALS[w.group(1).lower()])
    return v or None


def doi(ctx: Ctx, name: str, value: str):
    v = re.sub(r"^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", value.strip(), flags=re.IGNORECASE)
    v = v.replace("\\_", "_").replace("\\%", "%").replace("{", "").replace("}", "")
    if not re.match(r"10\.\d{4,9}/\S+$", v):
        ctx.warn(name, f"{value!r} is not a DOI", "write it as 10.NNNN/suffix")
    return v or None


def url(ctx: Ctx, name: str, value: str):
    v = re.sub(r"^\\url\{(.*)\}$", r"\1", value.strip()).replace("\\_", "_").replace("\\%", "%")
    v = v.replace("\\#", "#").replace("\\&", "&")
    return v or None


def raw(ctx: Ctx, name: str, value: str):
    return value.strip() or None


def date(ctx: Ctx, name: str, value: str):
    try:
        return dates.parse_date(value)
    except dates.BadDate:
        ctx.warn(name, f"date {value!r} cannot be understood",
                 "write it as YYYY, YYYY-MM or YYYY-MM-DD (ranges: YYYY/YYYY)")
        return {"literal": latex.to_text(value)[0]}


def language(ctx: Ctx, name: str, value: str):
    v = value.strip().lower()
    return LANGS.get(v, v if re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]+)*", v) else None)


def pubstate(ctx: Ctx, name: str, value: str):
    v = value.strip()
    return PUBSTATE.get(v.lower().replace(" ", ""), text(ctx, name, v))


# --- conditions ------------------------------------------------------------------------------

def is_article(ctx: Ctx) -> bool:
    return ctx.type in ARTICLE_LIKE


def is_book(ctx: Ctx) -> bool:
    return ctx.type in BOOK_LIKE


def is_chapter(ctx: Ctx) -> bool:
    return ctx.type in CHAPTER_LIKE


def not_article_or_book(ctx: Ctx) -> bool:
    return ctx.type not in ARTICLE_LIKE and ctx.type not in BOOK_LIKE


def is_patent(ctx: Ctx) -> bool:
    return ctx.type == "patent"


def not_patent(ctx: Ctx) -> bool:
    return ctx.type != "patent"


# --- the table ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    target: str  # CSL variable
    sources: tuple[str, ...]  # BibTeX fields; the first present wins, unless `join`
    convert: Callable = text
    when: Callable[[Ctx], bool] | None = None  # looks at ctx.type only (results are cached)
    join: str | None = None  # join every present source with this separator


RULES: list[Rule] = [
    # names (the role fields editortype & co. are handled in `_roles`)
    Rule("author", ("author",), name_list),
    Rule("translator", ("translator",), name_list),
    Rule("container-author", ("bookauthor",), name_list),
    Rule("director", ("director",), name_list),
    Rule("producer", ("producer",), name_list),
    Rule("contributor", ("annotator", "commentator", "introduction", "foreword", "afterword"),
         name_list, join="and"),
    # titles
    Rule("title-short", ("shorttitle",), title),
    Rule("container-title", ("journaltitle", "journal"), periodical_title,
         when=lambda c: not is_chapter(c)),
    Rule("container-title-short", ("shortjournal", "journalabbr"), periodical_title),
    # names of series and of events are proper names: their capitals stay
    Rule("collection-title", ("series",), periodical_title),
    Rule("event-title", ("eventtitle",), periodical_title),
    Rule("original-title", ("origtitle",), title),
    # numbers and locators
    Rule("volume", ("volume",), text),
    Rule("number-of-volumes", ("volumes",), text),
    Rule("number-of-pages", ("pagetotal",), text),
    Rule("chapter-number", ("chapter",), text),
    Rule("edition", ("edition",), edition),
    Rule("version", ("version",), text),
    Rule("page", ("pages",), pages),
    Rule("collection-number", ("number",), text, when=is_book),
    Rule("issue", ("number", "issue"), text, when=is_article, join=", "),
    Rule("number", ("number",), text, when=not_article_or_book),
    Rule("number", ("eid",), text),
    # publisher and places (APA 7, publishers: several are separated by semicolons)
    Rule("publisher", ("school", "institution", "organization", "publisher"), publisher_list,
         join="; "),
    Rule("publisher-place", ("address", "location"), literal_list, when=not_patent),
    Rule("jurisdiction", ("location", "address"), literal_list, when=is_patent),
    Rule("event-place", ("venue",), text),
    Rule("original-publisher", ("origpublisher",), publisher_list),
    Rule("original-publisher-place", ("origlocation",), literal_list),
    # dates
    Rule("accessed", ("urldate",), date),
    Rule("event-date", ("eventdate",), date),
    Rule("original-date", ("origdate",), date),
    # identifiers
    Rule("DOI", ("doi",), doi),
    Rule("URL", ("url",), url),
    Rule("ISBN", ("isbn",), raw),
    Rule("ISSN", ("issn",), raw),
    Rule("PMID", ("pmid",), raw),
    Rule("PMCID", ("pmcid",), raw),
    Rule("call-number", ("library",), text),
    # notes (kept; APA does not print abstract or keywords)
    Rule("note", ("note", "addendum"), rich, join=". "),
    Rule("annote", ("annotation", "annote"), rich),
    Rule("abstract", ("abstract",), rich),
    Rule("keyword", ("keywords",), text),
    Rule("status", ("pubstate",), pubstate),
    Rule("language", ("langid", "hyphenation", "language"), language),
    Rule("medium", ("howpublished",), text,
         when=lambda c: c.type in ("video", "movie", "audio", "music", "artwork", "image")),
    Rule("publisher", ("howpublished",), text,
         when=lambda c: c.type not in ("video", "movie", "audio", "music", "artwork", "image")),
]

TITLE_FIELDS = ("title", "subtitle", "titleaddon", "maintitle", "mainsubtitle", "maintitleaddon",
                "booktitle", "booksubtitle", "booktitleaddon", "issuetitle", "issuesubtitle",
                "journalsubtitle")
ROLE_FIELDS = ("editor", "editora", "editorb", "editorc")
MEDIA = ("video", "movie", "audio", "music", "artwork", "image")


def _join_title(parts: list[str | None]) -> str | None:
    """title, subtitle, addon → 'Title: Subtitle. Addon' (no doubled punctuation)."""
    out = ""
    for i, p in enumerate(parts):
        if not p:
            continue
        if not out:
            out = p
        elif out[-1] in "?!.:;,":
            out += " " + p
        else:
            out += (": " if i == 1 else ". ") + p
    return out or None


def _titles(ctx: Ctx, item: dict) -> None:
    f, t = ctx.f, ctx.type
    chapter = t in CHAPTER_LIKE
    main = "maintitle" in f and not chapter

    def one(names: tuple[str, str, str], conv=title) -> str | None:
        parts = [conv(ctx, n, f[n]) if n in f else None for n in names]
        if parts[0] is None:
            return None
        return _join_title(parts)

    if t == "periodical":
        item["title"] = one(("issuetitle", "issuesubtitle", "titleaddon"))
        item["container-title"] = one(("title", "subtitle", ""), periodical_title)
    elif main:
        item["title"] = one(("maintitle", "mainsubtitle", "maintitleaddon"))
        item["volume-title"] = one(("title", "subtitle", "titleaddon"))
    else:
        item["title"] = one(("title", "subtitle", "titleaddon"))
    if chapter:
        item["container-title"] = one(("maintitle", "mainsubtitle", "maintitleaddon")) or \
            one(("booktitle", "booksubtitle", "booktitleaddon"))
        if "maintitle" in f:
            item["volume-title"] = one(("booktitle", "booksubtitle", "booktitleaddon"))
    elif t not in ("periodical",) and "journalsubtitle" in f and "container-title" not in item:
        pass
    if "shorttitle" not in f and item.get("title") and ("subtitle" in f and not main):
        item["title-short"] = title(ctx, "title", f["title"])


def _roles(ctx: Ctx, item: dict) -> None:
    """editor, editora/b/c with their `…type` fields → CSL roles (biblatex's default: editor)."""
    for fname in ROLE_FIELDS:
        if fname not in ctx.f:
            continue
        kind = ctx.f.get(fname + "type", "editor").strip().lower()
        target = ROLES.get(kind)
        if target is None:
            ctx.warn(fname + "type", f"unknown role {kind!r}; kept as a contributor",
                     "use editor, compiler, director, interviewer, translator, …")
            target = "contributor"
        people = name_list(ctx, fname, ctx.f[fname])
        if people:
            item.setdefault(target, []).extend(people)


def _issued(ctx: Ctx, item: dict) -> None:
    f = ctx.f
    if "date" in f:
        item["issued"] = date(ctx, "date", f["date"])
        return
    year = f.get("year")
    if year is None:
        return
    y = latex.to_text(year)[0].strip()
    state = PUBSTATE.get(y.lower().replace(" ", "").replace(".", ""))
    if state or y.lower() in ("n.d.", "nd", "n. d.", "no date", "s.d."):
        # "in press" is a publication state, not a year; "n.d." means no date (APA 7, no date)
        if state:
            item.setdefault("status", state)
        return
    try:
        item["issued"] = dates.from_fields(y, f.get("month"), f.get("day"))
    except dates.BadDate:
        bad = "month" if f.get("month") and re.fullmatch(r"-?\d{1,4}[a-z]?", y) else "year"
        ctx.warn(bad, f"{bad} {f[bad]!r} cannot be understood",
                 "write year = {2015} and month = {nov} (or date = {2015-11})")
        if bad == "month":
            item["issued"] = {"date-parts": [[int(re.match(r"-?\d+", y).group())]]}
        else:
            item["issued"] = {"literal": y}


def _type(ctx: Ctx) -> tuple[str, str | None]:
    """The CSL type and genre."""
    f, t = ctx.f, ctx.type
    genre_raw = f.get("type", "").strip()
    if PERSONAL.fullmatch(genre_raw) or PERSONAL.fullmatch(f.get("howpublished", "")) or \
            any(PERSONAL.fullmatch(k) for k in f.get("keywords", "").split(",")):
        return "personal_communication", None
    csl = TYPES.get(t)
    if csl is None:
        ctx.warn("", f"unknown entry type @{t}; mapped to a generic document",
                 "use a BibTeX or biblatex entry type such as @misc or @online")
        csl = "document"
    sub = f.get("entrysubtype", "").strip().lower()
    if t in ARTICLE_LIKE and sub in SUBTYPES:
        csl = SUBTYPES[sub]
    genre = None
    if genre_raw:
        genre = THESIS_GENRES.get(genre_raw.lower()) or text(ctx, "type", genre_raw)
    elif t in ("phdthesis", "mastersthesis"):
        genre = THESIS_GENRES[t]
    if csl == "thesis" and genre and genre.lower() in ("phd thesis", "ph.d. thesis",
                                                      "doctoral thesis", "dissertation"):
        genre = "Doctoral dissertation"
    if t == "unpublished" and ("eventtitle" in f or "eventdate" in f or "venue" in f):
        csl = "speech"  # a talk or poster (APA 10.5)
    return csl, genre


@functools.lru_cache(maxsize=256)
def _rules_for(etype: str) -> dict[str, tuple[int, ...]]:
    """Field name → the indexes (in RULES) of the rules that read it and whose condition holds
    for the entry type (conditions look at the type only), so that an entry visits only the
    rules of the fields it has, in table order."""
    probe = Ctx("", etype, {})
    out: dict[str, list[int]] = {}
    for i, r in enumerate(RULES):
        if r.when is None or r.when(probe):
            for src in r.sources:
                out.setdefault(src, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


def to_csl(key: str, etype: str, fields: dict[str, str], english: bool | None = None
           ) -> tuple[dict, list[Problem]]:
    """One entry (type, lower-case field name → macro-resolved raw text) → a CSL-JSON item.

    `english`: apply sentence case to titles; None decides from `langid`/`language` (English
    unless they name another language).
    """
    etype = etype.lower()
    opts = fields.get("options", "")
    ctx = Ctx(key, etype, fields, useprefix="useprefix=false" not in opts.replace(" ", "").lower())
    lang = fields.get("langid") or fields.get("hyphenation") or fields.get("language")
    if english is None:
        code = language(ctx, "langid", lang) if lang else None
        english = code is None or code.startswith("en")
    ctx.english = english
    csl, genre = _type(ctx)
    item: dict = {"id": key, "type": csl}
    if genre:
        item["genre"] = genre
    _titles(ctx, item)
    _issued(ctx, item)
    _roles(ctx, item)
    by_field = _rules_for(etype)
    for i in sorted({i for name in fields if name in by_field for i in by_field[name]}):
        rule = RULES[i]
        target = rule.target
        if target in item and item[target] is not None:
            continue
        if rule.join is None:
            for src in rule.sources:
                if src in fields:
                    value = rule.convert(ctx, src, fields[src])
                    if value is not None:
                        item[target] = value
                    break
        else:
            values = [rule.convert(ctx, s, fields[s]) for s in rule.sources if s in fields]
            values = [v for v in values if v]
            if not values:
                continue
            if isinstance(values[0], list):
                item[target] = [x for v in values for x in v]
            else:
                item[target] = rule.join.join(values)
    _fixups(ctx, item)
    return {k: v for k, v in item.items() if v is not None}, ctx.problems


def _fixups(ctx: Ctx, item: dict) -> None:
    f = ctx.f
    # `volume` with `part` → "3.2" (biblatex prints volume.part)
    if "part" in f and "volume" in item:
        item["volume"] = f"{item['volume']}.{text(ctx, 'part', f['part'])}"
    # an eLocator in `pages` (e0227773, aac4716) is an article number (APA 7, article numbers)
    page = item.get("page")
    if page and "number" not in item and ctx.type in ARTICLE_LIKE and \
            _ELOCATOR_PAGE.fullmatch(page):
        item["number"] = item.pop("page")
    # eprints: arXiv & co. as a URL when there is none
    if "URL" not in item and "eprint" in f:
        kind = (f.get("eprinttype") or f.get("archiveprefix") or "").strip().lower()
        if kind in EPRINT_URLS:
            item["URL"] = EPRINT_URLS[kind] + f["eprint"].strip()
    how = item.get("publisher") if "howpublished" in f else None
    if how and re.match(r"(?:\\url\{)?https?://", f["howpublished"].strip()):
        item.pop("publisher")
        publisher = [f[n] for n in ("school", "institution", "organization", "publisher")
                     if n in f]
        if publisher:
            item["publisher"] = "; ".join(filter(None, (publisher_list(ctx, "publisher", p)
                                                        for p in publisher)))
        item.setdefault("URL", url(ctx, "howpublished", f["howpublished"]))
    # APA 7 (publishers): when the author and the publisher are the same, the publisher is omitted
    authors = item.get("author") or []
    if len(authors) == 1 and "literal" in authors[0] and \
            item.get("publisher") == authors[0]["literal"]:
        del item["publisher"]
    if ctx.type == "periodical":
        item.pop("note", None)
    # APA 7 10.8: an accepted, not yet published work is "(in press)", without its expected year.
    # CSL cannot let a style prefer `status` over `issued`, so the year is left out here.
    if item.get("status") in UNDATED_STATES:
        item.pop("issued", None)
    if item["type"] == "document" and ("URL" in item or "accessed" in item) and \
            "publisher" not in item:
        item["type"] = "webpage"  # a @misc that is a web page (APA 7 10.16, webpages)


# @xdata holds fields for other entries; @set groups entries: neither is a reference itself
NOT_REFERENCES = frozenset({"xdata", "set"})


# --- whole libraries -------------------------------------------------------------------------

def entry_fields(entry, strings: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """An Entry's fields (lower-case names → text with @string macros resolved)."""
    out: dict[str, str] = {}
    problems: list[Problem] = []
    for fld in entry.fields:
        name = fld.name.lower()
        if name in out:
            continue
        text = fld.plain()  # one braced value (the common case), or a number
        if text is not None:
            out[name] = text
            continue
        try:
            value, undefined = bibvalue.resolve(bibvalue.split(fld.raw), strings)
        except bibvalue.BadValue as e:
            problems.append(Problem(entry.key, name, e.message, e.fix))
            continue
        for u in undefined:
            problems.append(Problem(entry.key, name, f"@string '{u}' is not defined",
                                    f"add @string{{{u} = {{…}}}} or put the value in braces"))
        out[name] = value
    return out, problems


class Converter:
    """Entries of one library → CSL-JSON items, each entry's fields read once, with
    `crossref`/`xdata` inheritance. Shared by `library_to_csl` and the posts' lazy items."""

    def __init__(self, lib, english: bool | None = None):
        self.lib = lib
        self.english = english
        self.entries = {e.key: e for e in lib.entries if e.type.lower() not in NOT_REFERENCES}
        self._all = {e.key: e for e in lib.entries}
        self._lower = {k.lower(): e for k, e in self._all.items()}
        self._fields: dict[str, tuple[dict, list[Problem]]] = {}

    def _fields_of(self, e) -> tuple[dict, list[Problem]]:
        if e.key not in self._fields:
            self._fields[e.key] = entry_fields(e, self.lib.strings)
        return self._fields[e.key]

    def _lookup(self, k: str):
        e = self._all.get(k) or self._lower.get(k.lower())
        return None if e is None else (e.type.lower(), self._fields_of(e)[0])

    def convert(self, key: str) -> tuple[dict | None, list[Problem]]:
        """The item of `key` and the problems met; (None, []) for no such reference."""
        e = self.entries.get(key)
        if e is None:
            return None, []
        fs, problems = self._fields_of(e)
        problems = list(problems)
        if "crossref" in fs or "xdata" in fs:
            fs, missing = crossref.inherit(e.key, e.type.lower(), fs, self._lookup)
            for m in missing:
                which = "crossref" if m in crossref.split_keys(fs.get("crossref", "")) \
                    else "xdata"
                problems.append(Problem(e.key, which, f"no entry '{m}' to inherit fields from",
                                        f"add an entry with key '{m}' or remove the {which}"))
        item, ps = to_csl(e.key, e.type, fs, self.english)
        return item, problems + ps


def library_to_csl(lib, keys: list[str] | None = None, english: bool | None = None
                   ) -> tuple[list[dict], list[Problem]]:
    """CSL-JSON items of `keys` (default: every entry), in that order, with crossref
    inheritance, and the problems met."""
    from .library import paused_gc

    converter = Converter(lib, english)
    items, problems = [], []
    with paused_gc():
        for k in (keys if keys is not None else list(converter.entries)):
            item, ps = converter.convert(k)
            problems.extend(ps)
            if item is not None:
                items.append(item)
    return items, problems
