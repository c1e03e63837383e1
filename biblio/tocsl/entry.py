"""One entry → one CSL-JSON item: the type, titles, date and roles (which need more than one
field at a time), then the rule table, then the fix-ups that look at the whole item."""

from __future__ import annotations

import functools
import re

from ..csl.language import is_english, of_fields
from . import dates, latex
from .fields import RULES
from .tables import (
    ARTICLE_LIKE,
    BIBSTRINGS,
    CHAPTER_LIKE,
    EPRINT_URLS,
    KEYED_FIELDS,
    MEDIA_GENRES,
    PERSONAL,
    PUBSTATE,
    ROLES,
    SUBTYPES,
    THESIS_GENRES,
    TYPES,
    UNDATED_STATES,
    chapter_titled,
    pubstate_key,
)
from .values import (
    Ctx,
    Problem,
    date,
    name_list,
    periodical_title,
    publisher_list,
    text,
    title,
    url,
)

# where an arXiv preprint is "published": arXiv's and Google Scholar's BibTeX ("arXiv preprint
# arXiv:2005.14165", "ArXiv e-prints") and DBLP's (CoRR, volume abs/2005.14165)
_ARXIV_VENUE = re.compile(r"(?:arxiv|corr)\b(?:\s*(?:preprint|e-prints))?[\s,:]*"
                          r"(?:arxiv:?\s*)?(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z][\w.-]*/\d{7}(?:v\d+)?)?"
                          r"\.?$", re.IGNORECASE)

# preprint servers (APA 7 10.8): the *Rxiv family (medRxiv, bioRxiv, PsyArXiv, SportRxiv, …)
_PREPRINT_SERVER = re.compile(r"\w*r[xχ]iv|research square|preprints(?:\.org)?|osf preprints",
                              re.IGNORECASE)

# eLocators: PLOS/JBJS "e0227773", "e12"; Science "aac4716"
_ELOCATOR_PAGE = re.compile(r"e\d+|[a-z]{2,3}\d{3,}|[A-Z]{2}\d{6}")  # Cochrane "CD004249"

# the fields `_titles` and `_roles` read (the rule table does not)
TITLE_FIELDS = ("title", "subtitle", "titleaddon", "maintitle", "mainsubtitle", "maintitleaddon",
                "booktitle", "booksubtitle", "booktitleaddon", "issuetitle", "issuesubtitle",
                "journalsubtitle", "shorttitle")
ROLE_FIELDS = ("editor", "editora", "editorb", "editorc")


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


def _chapter_titled(ctx: Ctx) -> bool:
    return chapter_titled(ctx.type, ctx.f)


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
    elif _chapter_titled(ctx):
        # (APA 7 10.3: "Chapter title. In Book title (pp. …)"; pandoc reads the book as the
        # chapter and loses the chapter's title)
        item["title"] = one(("chapter", "", ""))
        item["container-title"] = one(("title", "subtitle", "titleaddon"))
    else:
        item["title"] = one(("title", "subtitle", "titleaddon"))
    if chapter and not item.get("container-title"):
        item["container-title"] = one(("maintitle", "mainsubtitle", "maintitleaddon")) or \
            one(("booktitle", "booksubtitle", "booktitleaddon"))
        if "maintitle" in f:
            item["volume-title"] = one(("booktitle", "booksubtitle", "booktitleaddon"))
    item["title-short"] = _short_title(ctx, item)
    if t != "periodical" and "journalsubtitle" in f and item.get("container-title") is None:
        journal = f.get("journaltitle") or f.get("journal")
        if journal:
            item["container-title"] = _join_title(
                [periodical_title(ctx, "journaltitle", journal),
                 periodical_title(ctx, "journalsubtitle", f["journalsubtitle"])])


def _short_title(ctx: Ctx, item: dict) -> str | None:
    """The short title of in-text citations (APA 7 8.14: a work without author is cited by its
    title, a long one shortened), as pandoc derives it: `shorttitle`, else the `title` field
    when a subtitle follows it, else the title before its colon. A volume of a multi-volume
    book has none: its `title` is not the CSL title, `maintitle` is."""
    f = ctx.f
    if "maintitle" in f and ctx.type not in CHAPTER_LIKE or ctx.type == "periodical":
        return None
    if "shorttitle" in f:
        return title(ctx, "shorttitle", f["shorttitle"])
    if "title" not in f:
        return None
    if _chapter_titled(ctx):  # (its `title` and subtitle are the book's)
        return _before_colon(item.get("title"))
    if "subtitle" not in f and "titleaddon" not in f:
        return _before_colon(item.get("title"))
    seen = len(ctx.problems)
    whole = title(ctx, "title", f["title"])
    del ctx.problems[seen:]  # the title's problems are reported once, with the title
    return _before_colon(whole) or (whole if "maintitle" not in f else None)


def _before_colon(text: str | None) -> str | None:
    """CSL rich text up to its first colon outside markup ("Spooky action: Resolving…" →
    "Spooky action"), or None when there is none."""
    if not text or ":" not in text:
        return None
    depth = 0
    for m in re.finditer(r"</?[a-z][^>]*>|:", text):
        tok = m.group()
        if tok == ":":
            if depth == 0:
                return text[:m.start()].rstrip() or None
        elif tok.startswith("</"):
            depth -= 1
        elif not tok.endswith("/>"):
            depth += 1
    return None


def _roles(ctx: Ctx, item: dict) -> None:
    """editor, editora/b/c with their `…type` fields → CSL roles (biblatex's default: editor)."""
    for fname in ROLE_FIELDS:
        if fname not in ctx.f:
            continue
        kind = ctx.f.get(fname + "type", "editor").strip().lower()
        target = ROLES.get(kind, "")
        if target is None:
            continue  # a role APA does not print
        if not target:
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
    key = pubstate_key(y)
    state = PUBSTATE[key] if key else None
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


_BIBSTRING = re.compile(r"\\bibstring\s*\{(\w+)\}")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _localised(etype: str, fields: dict[str, str]) -> dict[str, str]:
    """biblatex localisation keys (`series = {newseries}`, `location = {countryfr}`,
    `\\bibstring{…}`) as the words they stand for; an integer `series` of a journal as
    biblatex prints it ("3rd series"). Genres in `type` are `_type`'s."""
    out = fields
    for name, v in fields.items():
        new = v
        if "\\bibstring" in v:
            new = _BIBSTRING.sub(lambda m: BIBSTRINGS.get(m.group(1).lower(), m.group(1)), v)
        elif name in KEYED_FIELDS:
            # biblatex's keys are lower case: "Series" is a name, "series" the key
            k = v.strip()
            if name == "type" and k.lower() in THESIS_GENRES:
                continue
            if k in BIBSTRINGS:
                word = BIBSTRINGS[k]  # a whole value begins with a capital ("New series")
                new = word[:1].upper() + word[1:]
            elif " and " in k and name in ("location", "address"):  # countryfr and countryuk
                parts = re.split(r"\s+and\s+", v.strip())
                if all(p.lower() in BIBSTRINGS for p in parts):
                    new = " and ".join("{" + BIBSTRINGS[p.lower()] + "}" for p in parts)
            elif name == "series" and etype in ARTICLE_LIKE and k.isascii() and k.isdigit():
                new = f"{_ordinal(int(k))} series"
        if new is not v:
            if out is fields:
                out = dict(fields)
            out[name] = new
    return out


_SPACES = re.compile(r"\s+")
_BROKEN = re.compile(r"\s*\n\s*")
_COMMENT = re.compile(r"(?<!\\)%[^\n]*\n[ \t]*")
# verbatim fields: a line break in them is where an editor wrapped a long URL, not a space
_VERBATIM = frozenset(("url", "doi", "eprint", "file", "urlraw", "verba", "verbb", "verbc"))


def _whitespace(fields: dict[str, str]) -> dict[str, str]:
    """Every value's whitespace as BibTeX reads it: a run of spaces, tabs and line breaks is
    one space, none at the ends (a title typed over two lines prints on one)."""
    out = fields
    for name, v in fields.items():
        if "\n" not in v and "\t" not in v and "  " not in v and v == v.strip():
            continue
        # an unescaped % ends a line of LaTeX, its break and the next line's indent included
        new = _BROKEN.sub("", v) if name in _VERBATIM else _COMMENT.sub("", v)
        new = _SPACES.sub(" ", new).strip()
        if new != v:
            if out is fields:
                out = dict(fields)
            out[name] = new
    return out


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
    elif t == "periodical" and "issuetitle" in f and "special issue" not in f["issuetitle"].lower():
        genre = "Special issue"  # one issue of a journal, cited whole (APA 7 10.1)
    elif t == "movie" or t == "video" and ("url" in f or "howpublished" in f):
        genre = MEDIA_GENRES[t]
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

    `english`: whether an entry that names no language (`langid`, `hyphenation`, `language`)
    is English, which decides the sentence case of its titles (None: yes). An entry that names
    its language is English or not whatever this says (`biblio.csl.language.is_english`).
    """
    etype = etype.lower()
    fields = _localised(etype, _whitespace(fields))
    opts = fields.get("options", "")
    ctx = Ctx(key, etype, fields, useprefix="useprefix=false" not in opts.replace(" ", "").lower())
    # the entry's own language decides; `english` answers only for an entry that names none
    ctx.english = is_english(of_fields(fields), unmarked=True if english is None else english)
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
    if _chapter_titled(ctx):
        item.pop("chapter-number", None)  # (`chapter` is the title here, not a number)
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
    elif ctx.type == "video" and "url" in f and "publisher" not in item and "medium" in item:
        # An online video's howpublished ("YouTube", "Vimeo") names the site that publishes
        # it, its publisher: APA 7 10.12 "[Video]. YouTube.", not "[Video; YouTube]".
        item["publisher"] = item.pop("medium")
    # (A publisher that is the group author is APA's to leave out: document.profile.)
    if ctx.type == "periodical":
        item.pop("note", None)
    # APA 7 10.8: an accepted, not yet published work is "(in press)", without its expected year.
    # CSL cannot let a style prefer `status` over `issued`, so the year is left out here.
    if item.get("status") in UNDATED_STATES:
        item.pop("issued", None)
    _preprint(ctx, item)
    # A talk is dated by when it was given (APA 7 10.5: "(2019, August 8–11)"); entries
    # often record only the eventdate, and the style would print the date twice otherwise.
    if item["type"] == "speech" and "event-date" in item and \
            item.get("issued", item["event-date"]) == item["event-date"]:
        item["issued"] = item.pop("event-date")
    if item["type"] == "document" and ("URL" in item or "accessed" in item) and \
            "publisher" not in item:
        item["type"] = "webpage"  # a @misc that is a web page (APA 7 10.16, webpages)


def _preprint(ctx: Ctx, item: dict) -> None:
    """An arXiv preprint not published in a journal: APA 7 (10.8, informally published works)
    names the archive as publisher and its identifier as the number, which apa.csl prints
    "Title (arXiv:2005.14165). arXiv." (as for a preprint from Zotero)."""
    f = ctx.f
    venue = item.get("container-title") or ""
    m = _ARXIV_VENUE.match(venue) if venue else None
    if venue and m is None:
        if _PREPRINT_SERVER.fullmatch(venue.strip()) and "volume" not in item and \
                item["type"] == "article-journal":
            # a preprint server given as the journal (medRxiv, bioRxiv, PsyArXiv): the work
            # stands alone and the archive publishes it (APA 7 10.8), named over its owner
            # ("Cold Spring Harbor Laboratory Press", Google Scholar's publisher)
            item["type"] = "article"
            item.pop("container-title-short", None)
            item["publisher"] = item.pop("container-title")
        return  # published in a journal: the eprint is only a link
    kind = (f.get("eprinttype") or f.get("archiveprefix") or "").strip().lower()
    ident = f["eprint"].strip() if kind == "arxiv" and f.get("eprint") else \
        (m.group("id") if m else None)
    if not ident or item["type"] not in ("article-journal", "article", "webpage", "document"):
        return
    item["type"] = "article"
    item.pop("container-title", None)
    item.pop("container-title-short", None)
    if str(item.get("volume", "")).startswith("abs/"):
        del item["volume"]
    item.setdefault("publisher", "arXiv")
    item.setdefault("number", f"arXiv:{ident}")
    if "URL" not in item and "DOI" not in item:
        item["URL"] = EPRINT_URLS["arxiv"] + ident
