"""Field values → CSL values: the converters the rule table names, and the context they share.

A converter takes (ctx, field name, raw value) and returns the CSL value, or None for nothing;
what it cannot understand it reports through `ctx.warn`, and the rest of the entry still maps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..csl import language as lang
from . import dates, latex, names, titlecase
from .tables import ORDINALS, PUBSTATE, pubstate_key


@dataclass
class Problem:
    """Something in an entry that could not be understood; the rest still maps."""

    key: str
    field: str
    message: str
    fix: str = ""


@dataclass
class Ctx:
    """The entry a converter works on, and where its problems go."""

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


_INITIAL = re.compile(r"(?:^|\s)[A-Z]\.(?:\s|$)")


def _one_publisher(part: str) -> bool:
    """Can this part of an 'A and B' publisher be a publisher on its own? A braced name, a
    name of two words or more ("Oxford University Press") or one with an initial
    ("W. Strahan"); not a lone word ("Taylor" of "Taylor and Francis")."""
    return bool(_BRACED_ITEM.fullmatch(part)) or len(part.split()) >= 2 or \
        _INITIAL.search(part) is not None


# Words that make a name a publisher's on its own ("Oxford University Press", "Wiley-Blackwell
# Publishing", "Springer Verlag", "Penguin Books", "Elsevier Inc.").
_PUBLISHER_WORD = re.compile(
    r"\b(?:press|publish\w*|books|verlag|editions?|éditions|media|inc|ltd|llc|gmbh|co|company)"
    r"\b\.?", re.IGNORECASE)


def _a_publisher(part: str) -> bool:
    """Is this part of a list a publisher for sure: braced, a person's firm ("W. Strahan"), or
    named as a publisher ("Oxford University Press")?"""
    return bool(_BRACED_ITEM.fullmatch(part)) or _INITIAL.search(part) is not None or \
        _PUBLISHER_WORD.search(part) is not None


def publisher_list(ctx: Ctx, name: str, value: str):
    """Publishers are a list in biblatex: "W. Strahan and T. Cadell" are two, which APA 7 (9.29)
    separates with a semicolon. But 'Taylor and Francis', 'Harper and Row' are one publisher
    (BibTeX users write them so), and so is an organisation with an "and" in its name,
    'National Institute for Health and Care Excellence', 'U.S. Department of Health and
    Human Services' (Zotero exports a report's institution unbraced): a list only when every
    part can stand alone and one of them is a publisher for sure. (Read as one, two
    publishers print joined by "and"; read as two, one organisation's name is cut in half.)"""
    parts = [p.strip() for p in names.split_names(value)]
    if len(parts) > 1 and all(_one_publisher(p) for p in parts) and \
            any(_a_publisher(p) for p in parts):
        return literal_list(ctx, name, value)
    return text(ctx, name, value)


def name_list(ctx: Ctx, name: str, value: str):
    out, problems, others = names.parse_names(value, ctx.useprefix)
    for p in problems:
        ctx.warn(name, f"LaTeX not understood: {p}", "write the name in UTF-8")
    if out and others:
        # "and others": more names than the list gives. The engine prints the style's "et al."
        # after the last (pandoc's reading); dropped, the work would seem to have only these.
        out.append({"literal": "others"})
    return out or None


_PAGE_LABEL = re.compile(r"^(?:pp?\.|pages?\b)\s*(?=\S)", re.IGNORECASE)
_DASHES = re.compile(r"\s*(?:-{1,3}|–|—|‐|‑)\s*")

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


_EDITION_WORD = re.compile(r"[\s,]*\b(?:edition|edn\.?|ed\.?)$", re.IGNORECASE)


def edition(ctx: Ctx, name: str, value: str):
    """'2', '2nd', 'second', 'Second edition' → '2' (the style makes "2nd ed."); a first edition
    is not printed (APA 7 10.2 names an edition only when it is not the first); other English
    text as APA 7 abbreviates it (6.25): 'Anniversary' → 'Anniversary ed.', 'Revised edition' →
    'Rev. ed.'."""
    v = ctx.latex(name, latex.to_text, value)
    m = re.fullmatch(r"(\d+)\s*(?:st|nd|rd|th|\.)?(?:\s+(?:ed\.?|edn\.?|edition))?", v, re.IGNORECASE)
    if m:
        return None if int(m.group(1)) == 1 else m.group(1)
    w = re.fullmatch(r"([a-z]+)(?:\s+(?:ed\.?|edition))?", v, re.IGNORECASE)
    if w and w.group(1).lower() in ORDINALS:
        n = ORDINALS[w.group(1).lower()]
        return None if n == 1 else str(n)
    if not v or not ctx.english:
        return v or None
    words = _EDITION_WORD.sub("", v.strip())
    if not words:
        return None
    words = re.sub(r"\brevised\b", "rev.", words, flags=re.IGNORECASE)
    return f"{words[0].upper()}{words[1:]} ed."


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
        out = dates.parse_date(value)
        if out.get("date-parts") == [[0]]:
            # EDTF's year zero: CSL has none (its years count from 1 B.C.E. = -1), so the
            # work is undated, "(n.d.)", as pandoc reads it
            ctx.warn(name, f"date {value!r}: there is no year 0 to print",
                     "write a year before the common era as a negative year (-0001)")
            return None
        return out
    except dates.BadDate:
        ctx.warn(name, f"date {value!r} cannot be understood",
                 "write it as YYYY, YYYY-MM or YYYY-MM-DD (ranges: YYYY/YYYY)")
        return {"literal": latex.to_text(value)[0]}


def language(ctx: Ctx, name: str, value: str):
    return lang.tag(value)


def pubstate(ctx: Ctx, name: str, value: str):
    v = value.strip()
    key = pubstate_key(v)
    return PUBSTATE[key] if key else text(ctx, name, v)
