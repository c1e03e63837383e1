"""One post → rendered output: find its citations, ask the CSL engine, put the results in place.

Every citation of a post and every entry it cites go to the engine in one call, so
disambiguation (2020a/b, added initials or names) holds across the whole post. Two APA rules a
CSL style cannot express are applied here, on the CSL level: narrative citations render their
author part with a style variant whose names join with "and" (APA 7 §8.17), and personal
communications are cited in the text but left out of the reference list (APA 7 §8.9).
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass, field, replace
from typing import Any

from . import output
from .citations import (
    Citation,
    FrontMatter,
    is_html,
    nocite_keys,
    parse_html,
    parse_markdown,
    split_front_matter,
)
from .diagnostics import ERROR, WARNING, BiblioError, Diagnostic

# Variables that make a personal communication retrievable (apa.csl's own test for them).
_RETRIEVABLE = ("archive", "archive-place", "container-title", "DOI", "number", "publisher",
                "references", "URL")
_REFS_DIV = re.compile(r"^:{3,}\s*\{\s*#refs(?:\s[^}]*)?\}\s*\n:{3,}\s*$")
_REFS_HTML = re.compile(r"""^\s*<div\s+id=["']?refs["']?\s*>\s*</div>\s*$""", re.IGNORECASE)


@dataclass
class Settings:
    style: str = ""  # CSL style XML
    locale: str | None = None
    link_citations: bool = True
    reference_section_title: str = "References"
    suppress_bibliography: bool = False
    allow_missing: bool = False
    to: str = "html"  # "html" or "markdown"
    standalone: bool = False
    bib_name: str = "references.bib"
    apa: bool | None = None  # None: on when the style is APA
    site_keys: tuple[str, ...] = ()  # --scope site: every key cited on the site

    def with_front_matter(self, meta: dict) -> Settings:
        s = replace(self)
        if meta.get("locale") or meta.get("lang"):
            s.locale = str(meta.get("locale") or meta.get("lang"))
        if "link-citations" in meta:
            s.link_citations = _truthy(meta["link-citations"])
        if meta.get("reference-section-title"):
            s.reference_section_title = str(meta["reference-section-title"])
        if "suppress-bibliography" in meta:
            s.suppress_bibliography = _truthy(meta["suppress-bibliography"])
        return s


@dataclass
class Rendered:
    text: str
    keys: list[str] = field(default_factory=list)  # every key the post cites, first use order
    diagnostics: list[Diagnostic] = field(default_factory=list)
    title: str = ""


def _truthy(v: Any) -> bool:
    return v if isinstance(v, bool) else str(v).strip().lower() in ("true", "yes", "1", "on")


# ---------------------------------------------------------------------------------------------
# Style variants, made once per style


@dataclass(frozen=True)
class StyleVariants:
    full: str  # the style as given
    narrative: str  # names joined with "and" rather than "&", no bibliography
    is_apa: bool
    hanging: bool


@functools.lru_cache(maxsize=16)
def variants(style: str) -> StyleVariants:
    from lxml import etree

    ns = "{http://purl.org/net/xbiblio/csl}"
    root = etree.fromstring(style.encode("utf-8"))
    bib = root.find(f"{ns}bibliography")
    hanging = bib is not None and bib.get("hanging-indent") == "true"
    for name in root.iter(f"{ns}name"):
        if name.get("and") == "symbol":
            name.set("and", "text")
    # The narrative variant renders author names only: its bibliography would be wasted work.
    for b in root.findall(f"{ns}bibliography"):
        root.remove(b)
    narrative = etree.tostring(root, encoding="unicode")
    ident = root.findtext(f"{ns}info/{ns}id") or ""
    title = root.findtext(f"{ns}info/{ns}title") or ""
    is_apa = bool(re.search(r"(^|[/_-])apa($|[/_-])", ident.strip().lower())) or \
        title.strip().lower().startswith("american psychological association")
    return StyleVariants(style, narrative, is_apa, hanging)


def in_text_only(item: dict) -> bool:
    """An APA personal communication: cited in the text, never in the reference list."""
    return item.get("type") in ("personal_communication", "interview") and not any(
        item.get(v) for v in _RETRIEVABLE)


# ---------------------------------------------------------------------------------------------


def render(text: str, items: dict[str, dict], settings: Settings, *,
           path: str = "<post>", html: bool | None = None) -> Rendered:
    """Render one post. `items` maps keys to CSL-JSON items (at least the ones it cites).

    Raises BiblioError (exit 1) for unknown keys unless `settings.allow_missing`.
    """
    from .csl import render as csl_render

    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    html = is_html(path) if html is None else html
    if html:
        fm, body, tokens = FrontMatter(), text, None
        cits = parse_html(text, settings.locale or "en-US")
    else:
        fm, body = split_front_matter(text, path)
        settings = settings.with_front_matter(fm.meta)
        tokens, cits, _ = parse_markdown(body, settings.locale or "en-US")
    sv = variants(settings.style)
    apa = sv.is_apa if settings.apa is None else settings.apa

    # Which keys: cited ones in order, then nocite ones.
    cited = list(dict.fromkeys(c.key for cit in cits for c in cit.cites))
    extra = nocite_keys(fm.meta)
    if "*" in extra:
        extra = list(items)
    keys = list(dict.fromkeys(cited + extra))

    diags = _missing(cits, keys, items, fm, settings, path)
    if diags and not settings.allow_missing:
        raise BiblioError(diags, exit_code=1)
    known = [k for k in keys if k in items]
    everyone = list(dict.fromkeys(known + [k for k in settings.site_keys if k in items]))
    used_items = [items[k] for k in everyone]

    # A narrative citation is the first cite's author names, then the citation with that
    # author suppressed: "Smith (2019, p. 4; see also Jones, 2020)".
    clusters: list[list[dict]] = []
    author_clusters: list[list[dict]] = []
    narrative: dict[int, int] = {}  # citation index -> its author cluster
    for n, cit in enumerate(cits):
        cites = [c for c in cit.cites if c.key in items]
        if cit.narrative and cites and cites[0] is cit.cites[0]:
            narrative[n] = len(author_clusters)
            author_clusters.append([{"id": cites[0].key, "author-only": True}])
            cites = [replace(cites[0], suppress_author=True)] + cites[1:]
        clusters.append([c.to_csl() for c in cites])
    # One more cluster citing everything, so each engine call sees the same cited items.
    register = [[{"id": k} for k in everyone]] if everyone else []

    # Cites link to their entries, except those the reference list leaves out (pandoc does not
    # link at all when the reference list is suppressed).
    shown = {k for k in known if not (apa and in_text_only(items[k]))}
    link = settings.link_citations and not settings.suppress_bibliography
    result = csl_render(sv.full, used_items, clusters + register, locale=settings.locale,
                        output="html", links=True, link_cites=shown if link else False)
    authors: list[str] = []
    if author_clusters:
        res2 = csl_render(sv.narrative, used_items, author_clusters + register,
                          locale=settings.locale, output="html", links=True)
        authors = res2.citations[:len(author_clusters)]
    quiet = [k for k in known if k not in shown]  # left out on purpose
    diags += [Diagnostic(path, 1, 1, WARNING, "csl", w, "") for w in result.warnings
              if not any(f"item {k} " in w for k in quiet)]

    # Each citation's HTML.
    by_id: dict[int, str] = {}
    for n, cit in enumerate(cits):
        inner = result.citations[n] if clusters[n] else ""
        if n in narrative:
            # (A style whose citations print no names, a numeric one, gives no author part.)
            inner = " ".join(x for x in (authors[narrative[n]], inner) if x)
        missing_html = "; ".join(output.missing(c.key) for c in cit.cites if c.key not in items)
        if missing_html:
            inner = f"{inner} ({missing_html})" if inner else f"({missing_html})"
        by_id[id(cit)] = output.citation_span([c.key for c in cit.cites], inner)

    # The reference list.
    entries = []
    if not settings.suppress_bibliography:
        lower = {k.lower(): k for k in known}
        wanted = set(known)
        for e in result.bibliography:
            key = e.id if e.id in wanted else lower.get(str(e.id).lower())
            if key is None or (apa and in_text_only(items[key])):
                continue
            entries.append((key, e.text))
    hanging = bool(result.params.get("hanging-indent", sv.hanging))
    refs = output.references(entries, hanging=hanging) if entries else ""

    title = str(fm.meta.get("title", "")) if fm.meta else ""
    if html:
        out = _html_post(body, cits, by_id, refs, settings)
    elif settings.to == "markdown":
        out = _markdown_out(text, body, fm, tokens, cits, by_id, refs, settings)
    else:
        out = _html_from_markdown(tokens, by_id, refs, settings)
        if settings.standalone:
            out = output.standalone(out, title=title, lang=settings.locale or "en")
    return Rendered(out, keys, diags, title)


def _missing(cits: list[Citation], keys: list[str], items: dict, fm: FrontMatter,
             settings: Settings, path: str) -> list[Diagnostic]:
    diags = []
    severity = WARNING if settings.allow_missing else ERROR
    where = {}
    for cit in cits:
        for c in cit.cites:
            where.setdefault(c.key, []).append((c.line, c.col))
    for key in keys:
        if key in items:
            continue
        for line, col in where.get(key, [(fm.line_of.get("nocite", 1), 1)]):
            close = difflib.get_close_matches(key, list(items), n=1, cutoff=0.6)
            if not close:
                close = [k for k in items if k.lower().startswith(key.lower()[:6])][:1]
            msg = f"no entry '{key}' in {settings.bib_name}"
            fix = ""
            if close:
                msg += f" (did you mean '{close[0]}'?)"
            else:
                fix = f"add the entry to {settings.bib_name} (biblio add) or correct the key"
            diags.append(Diagnostic(path, line, col, severity, "unknown-key", msg, fix))
    return diags


# ---------------------------------------------------------------------------------------------
# Output forms


def _refs_block(refs: str, placed: bool, settings: Settings, markdown: bool = False) -> str:
    if not refs or placed:
        return refs
    title = settings.reference_section_title
    if not title:
        return refs
    head = output.heading_markdown(title) if markdown else output.heading_html(title)
    return f"{head}\n\n{refs}" if markdown else f"{head}\n{refs}"


def _is_refs_placeholder(tokens, i) -> bool:
    t = tokens[i]
    if t.type == "paragraph_open" and i + 1 < len(tokens):
        return bool(_REFS_DIV.match(tokens[i + 1].content))
    return t.type == "html_block" and bool(_REFS_HTML.match(t.content))


def _html_from_markdown(tokens, by_id: dict[int, str], refs: str, settings: Settings) -> str:
    from markdown_it.token import Token

    from .citations import markdown_parser

    md = markdown_parser(settings.locale or "en-US")
    out_tokens, placed = [], False
    i = 0
    while i < len(tokens):
        if _is_refs_placeholder(tokens, i):
            block = Token("html_block", "", 0, content=(refs + "\n") if refs else "")
            out_tokens.append(block)
            placed = True
            i += 3 if tokens[i].type == "paragraph_open" else 1
            continue
        tok = tokens[i]
        if tok.type == "html_block" and tok.meta and tok.meta.get("citations"):
            content = tok.content
            for c, a, b in sorted(tok.meta["citations"], key=lambda x: -x[1]):
                content = content[:a] + by_id[id(c)] + content[b:]
            tok = Token("html_block", "", 0, content=content)
        out_tokens.append(tok)
        i += 1
    env = {"citation_html": by_id}
    html = md.renderer.render(out_tokens, md.options, env)
    if not placed and refs:
        html = html.rstrip("\n") + "\n" + _refs_block(refs, False, settings) + "\n"
    return html


def _markdown_out(text: str, body: str, fm: FrontMatter, tokens, cits: list[Citation],
                  by_id: dict[int, str], refs: str, settings: Settings) -> str:
    lines = body.split("\n")
    placeholder = None
    for i in range(len(tokens)):
        if _is_refs_placeholder(tokens, i) and tokens[i].map:
            placeholder = tokens[i].map
            break
    # Replace from the end so earlier offsets stay valid.
    pieces = []
    last = len(body)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    edits = [(c.start, c.end, by_id[id(c)]) for c in cits]
    if placeholder:
        a, b = starts[placeholder[0]], starts[placeholder[1]] - 1
        edits.append((a, max(a, b), refs))
    for start, end, new in sorted(edits, reverse=True):
        pieces.append(body[end:last])
        pieces.append(new)
        last = start
    pieces.append(body[:last])
    new_body = "".join(reversed(pieces))
    head = text[:len(text) - len(body) + fm.lines] if fm.lines else ""
    new_body = new_body[fm.lines:] if fm.lines else new_body
    if refs and not placeholder:
        new_body = new_body.rstrip("\n") + "\n\n" + _refs_block(refs, False, settings, True) + "\n"
    return head + new_body


def _html_post(text: str, cits: list[Citation], by_id: dict[int, str], refs: str,
               settings: Settings) -> str:
    from html.parser import HTMLParser

    spots: dict[str, int] = {}

    class Find(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=False)
            self.starts = [0]
            for ln in text.split("\n"):
                self.starts.append(self.starts[-1] + len(ln) + 1)
            self.in_refs = False

        def _off(self) -> int:
            line, col = self.getpos()
            return self.starts[line - 1] + col

        def handle_starttag(self, tag, attrs):
            if tag == "div" and dict(attrs).get("id") == "refs" and "refs" not in spots:
                spots["refs"] = self._off()
                self.in_refs = True

        def handle_endtag(self, tag):
            if tag == "div" and self.in_refs:
                off = self._off()
                spots["refs_end"] = text.index(">", off) + 1
                self.in_refs = False
            if tag == "body":
                spots["body_end"] = self._off()

    f = Find()
    f.feed(text)
    f.close()
    edits = [(c.start, c.end, by_id[id(c)]) for c in cits]
    if refs:
        if "refs" in spots and "refs_end" in spots:
            edits.append((spots["refs"], spots["refs_end"], refs))
        else:
            block = "\n" + _refs_block(refs, False, settings) + "\n"
            at = spots.get("body_end", len(text))
            edits.append((at, at, block))
    out, last = [], len(text)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out.append(text[end:last])
        out.append(new)
        last = start
    out.append(text[:last])
    return "".join(reversed(out))
