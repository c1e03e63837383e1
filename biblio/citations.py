"""Pandoc citation syntax: find `[@key]`, `[see @a, p. 3; @b]`, `[-@key]`, `@key [p. 3]` in posts.

Markdown is parsed with markdown-it-py, and citations are recognised by two inline rules that
run inside its parser: so code spans, code blocks, autolinks, raw HTML and backslash escapes are
never looked into, because markdown-it has already claimed them. HTML posts are walked with
Python's html.parser, and only text nodes outside code-like elements are scanned.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import NamedTuple

# A key: starts with a word character; punctuation only between word characters (pandoc 3).
_KEY = r"\w+(?:[:.#$%&\-+?<>~/]\w+)*"
_CITE_RE = re.compile(r"(-?)@(?:\{([^{}\n]*)\}|(" + _KEY + r"))")
_SPACES_BRACKET = re.compile(r"[ \t]*\n?[ \t]*\[")

# CSL locator variables, in the order their terms are tried.
LOCATOR_LABELS = (
    "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
    "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
    "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp",
    "title-locator", "verse", "volume",
)
_CSL_NS = "{http://purl.org/net/xbiblio/csl}"


class CitedKey(NamedTuple):
    key: str
    line: int  # 1-based, in the whole file (front matter included)
    col: int  # 1-based, of the "@"


@dataclass
class Cite:
    """One cited item of a citation: pandoc's Citation / CSL's cite item."""

    key: str
    prefix: str = ""
    suffix: str = ""
    locator: str = ""
    label: str = ""
    suppress_author: bool = False
    line: int = 0
    col: int = 0

    def to_csl(self) -> dict:
        cite: dict = {"id": self.key}
        if self.locator:
            cite["locator"] = self.locator
            cite["label"] = self.label or "page"
        if self.prefix:
            cite["prefix"] = affix_markup(self.prefix)
        if self.suffix:
            cite["suffix"] = affix_markup(self.suffix)
        if self.suppress_author:
            cite["suppress-author"] = True
        return cite


@dataclass
class Citation:
    """A citation as written: `[...]` (parenthetical) or `@key [...]` (narrative)."""

    cites: list[Cite]
    narrative: bool = False
    start: int = 0  # character offsets into the source text
    end: int = 0
    line: int = 0
    col: int = 0
    raw: str = ""

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.cites]


_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EM = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def affix_markup(text: str) -> str:
    """Markdown emphasis in a prefix or suffix (`[*see* @key]`) as the CSL rich-text tags the
    engine understands (<i>, <b>); everything else stays text for the engine to escape."""
    if "*" not in text and "_" not in text:
        return text
    text = _STRONG.sub(r"<b>\2</b>", text)
    return _EM.sub(r"<i>\2</i>", text)


# ---------------------------------------------------------------------------------------------
# Locators, with the locale's terms


@functools.lru_cache(maxsize=8)
def locator_terms(locale: str = "en-US") -> tuple[tuple[str, str], ...]:
    """(term as written, CSL label) pairs from the locale, longest first."""
    pairs: dict[str, str] = {}
    for path in _locale_files(locale):
        root = ET.parse(path).getroot()
        for term in root.iter(f"{_CSL_NS}term"):
            name = term.get("name")
            if name not in LOCATOR_LABELS:
                continue
            forms = [term.text or ""] + [x.text or "" for x in term if x.text]
            for form in forms:
                form = form.strip().lower()
                if form:
                    pairs.setdefault(form, name)
    return tuple(sorted(pairs.items(), key=lambda p: -len(p[0])))


def _locale_files(locale: str) -> list[Path]:
    # Temporary: biblio.styles (mapping branch) will own locale lookup; kept in this one function.
    import citeproc

    folder = Path(citeproc.__file__).parent / "data" / "locales"
    wanted = [f"locales-{locale}.xml"]
    if locale.split("-")[0] != locale:
        wanted.append(f"locales-{locale.split('-')[0]}.xml")
    wanted.append("locales-en-US.xml")  # terms missing from a locale fall back to English
    return [folder / n for n in dict.fromkeys(wanted) if (folder / n).is_file()]


_ROMAN = r"(?:[ivxlcdm]+|[IVXLCDM]+)"
_LOC_WORD = r"(?:[\w.()\[\]:/]*\d[\w.()\[\]:/]*|" + _ROMAN + r"\b)"
_LOC_VALUE = re.compile(_LOC_WORD + r"(?:\s*(?:[-–—&]|,(?=\s*" + _LOC_WORD + r"))\s*" + _LOC_WORD + r")*")


def parse_locator(suffix: str, locale: str = "en-US") -> tuple[str, str, str]:
    """Split a cite's suffix into (label, locator, rest), as pandoc does.

    `, p. 33` -> ("page", "33", "");  `, pp. 33-35 and passim` -> ("page", "33-35", " and passim");
    `, 33` -> ("page", "33", "");  `, and passim` -> ("", "", ", and passim");
    `{pp. iv, vi-xi} etc` -> braces delimit the locator exactly.
    """
    text = suffix.lstrip()
    if text.startswith(","):
        text = text[1:].lstrip()
    if text.startswith("{"):
        close = _matching_brace(text)
        if close > 0:
            inner = text[1:close].strip()
            label, rest_inner = _take_label(inner, locale)
            return label or "page", rest_inner.strip(), text[close + 1:]
    label, after = _take_label(text, locale)
    if label:
        after = after.lstrip()
        if after.startswith("{"):
            close = _matching_brace(after)
            if close > 0:
                return label, after[1:close].strip(), after[close + 1:]
        m = _LOC_VALUE.match(after)
        if m:
            return label, m.group(0), after[m.end():]
        return "", "", suffix
    m = _LOC_VALUE.match(text)
    if m and text[:1].isdigit():
        return "page", m.group(0), text[m.end():]
    return "", "", suffix


def _take_label(text: str, locale: str) -> tuple[str, str]:
    low = text.lower()
    for form, label in locator_terms(locale):
        if low.startswith(form):
            end = len(form)
            # a label is a whole word: "p." then space/digit, "page" then space
            if end < len(text) and (text[end].isalnum() and form[-1].isalnum()):
                continue
            return label, text[end:]
    return "", text


def _matching_brace(text: str) -> int:
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


# ---------------------------------------------------------------------------------------------
# Citations in a string (shared by the Markdown rules and the HTML scanner)


def _in_word_or_url(src: str, at: int) -> bool:
    """Is the "@" at `at` part of an e-mail address or a URL (so not a citation)?"""
    if at > 0 and (src[at - 1].isalnum() or src[at - 1] in "_.+-%"):
        return True
    start = at
    while start > 0 and not src[start - 1].isspace() and src[start - 1] not in "([{<\"'":
        start -= 1
    word = src[start:at].lower()
    return "://" in word or word.startswith(("www.", "mailto:"))


def _split_parts(content: str) -> list[tuple[int, str]]:
    """Split bracket content on ";" outside braces; (offset, part) pairs."""
    parts, depth, last = [], 0, 0
    for i, ch in enumerate(content):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            parts.append((last, content[last:i]))
            last = i + 1
    parts.append((last, content[last:]))
    return parts


def _find_key(part: str):
    for m in _CITE_RE.finditer(part):
        if m.group(1) == "" and _in_word_or_url(part, m.start()):
            continue
        if m.group(1) and m.start() > 0 and part[m.start() - 1].isalnum():
            continue
        return m
    return None


def _bracket_end(src: str, pos: int, limit: int) -> int:
    """Index of the "]" closing the "[" at pos, or -1. No nested brackets, no code spans."""
    depth = 0
    for i in range(pos + 1, limit):
        ch = src[i]
        if ch == "\\":
            continue
        if ch in "`[":
            return -1
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == "]" and depth == 0:
            return i
        elif ch == "\n" and i + 1 < limit and src[i + 1] == "\n":
            return -1
    return -1


def _make_cite(part: str, m, base: int, locale: str) -> Cite:
    key = m.group(2) if m.group(2) is not None else m.group(3)
    prefix = part[:m.start()].strip()
    label, locator, rest = parse_locator(part[m.end():], locale)
    return Cite(key=key, prefix=prefix + " " if prefix else "", suffix=_clean_suffix(rest),
                locator=locator, label=label if locator else "",
                suppress_author=bool(m.group(1)), col=base + m.start() + len(m.group(1)))


def _clean_suffix(rest: str) -> str:
    rest = rest.rstrip()
    if not rest.strip():
        return ""
    return rest if rest[:1] in ", " else " " + rest


def parse_bracketed(src: str, pos: int, limit: int | None = None,
                    locale: str = "en-US") -> Citation | None:
    """A `[...]` citation starting at src[pos] == "[", or None if it is not one."""
    limit = len(src) if limit is None else limit
    end = _bracket_end(src, pos, limit)
    if end < 0 or (end + 1 < limit and src[end + 1] in "([:"):
        return None  # a link, a reference-style link or a definition, not a citation
    content = src[pos + 1:end]
    cites = []
    for offset, part in _split_parts(content):
        m = _find_key(part)
        if m is None:
            return None
        cites.append(_make_cite(part, m, pos + 1 + offset, locale))
    return Citation(cites, start=pos, end=end + 1, raw=src[pos:end + 1])


def parse_narrative(src: str, pos: int, limit: int | None = None,
                    locale: str = "en-US") -> Citation | None:
    """`@key`, optionally followed by `[locator, suffix; @more]`, at src[pos] == "@"."""
    limit = len(src) if limit is None else limit
    if _in_word_or_url(src, pos):
        return None
    m = _CITE_RE.match(src, pos)
    if m is None or m.group(1) or m.end() > limit:
        return None
    key = m.group(2) if m.group(2) is not None else m.group(3)
    first = Cite(key=key, col=pos)
    cites, end = [first], m.end()
    b = _SPACES_BRACKET.match(src, end, limit)
    if b:
        bpos = b.end() - 1
        bend = _bracket_end(src, bpos, limit)
        if bend > 0 and not (bend + 1 < limit and src[bend + 1] in "(["):
            parts = _split_parts(src[bpos + 1:bend])
            if _find_key(parts[0][1]) is None:
                label, locator, rest = parse_locator(parts[0][1], locale)
                first.locator, first.label = locator, label if locator else ""
                first.suffix = _clean_suffix(rest)
                parts = parts[1:]
            # else `@key [see also @other]`: as pandoc, the bracket holds only more cites.
            more = []
            for offset, part in parts:
                mm = _find_key(part)
                if mm is None:
                    break
                more.append(_make_cite(part, mm, bpos + 1 + offset, locale))
            if len(more) == len(parts):
                cites += more
                end = bend + 1
            else:
                first.locator = first.label = first.suffix = ""
    return Citation(cites, narrative=True, start=pos, end=end, raw=src[pos:end])


def scan_text(text: str, locale: str = "en-US") -> list[Citation]:
    """Every citation in plain text (an HTML text node): no Markdown, no code to skip."""
    found: list[Citation] = []
    i = 0
    while i < len(text):
        ch = text[i]
        c = None
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            c = parse_bracketed(text, i, locale=locale)
        elif ch == "@":
            c = parse_narrative(text, i, locale=locale)
        if c is not None:
            found.append(c)
            i = c.end
        else:
            i += 1
    return found


# ---------------------------------------------------------------------------------------------
# Front matter


@dataclass
class FrontMatter:
    meta: dict = field(default_factory=dict)
    lines: int = 0  # how many lines it takes, delimiters included
    line_of: dict = field(default_factory=dict)  # top-level key -> 1-based line


_FM_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, path: str = "<post>") -> tuple[FrontMatter, str]:
    """(front matter, body with the front matter blanked out so line numbers still hold)."""
    if not text.startswith(("---\n", "---\r\n")):
        return FrontMatter(), text
    m = _FM_END.search(text, 4)
    if m is None:
        return FrontMatter(), text
    block = text[4:m.start()]
    import yaml

    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as e:
        from .diagnostics import ERROR, BiblioError, Diagnostic

        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        col = mark.column + 1 if mark else 1
        raise BiblioError(Diagnostic(path, line, col, ERROR, "front-matter",
                                     f"the YAML front matter is not valid: {e}",
                                     "fix the YAML between the --- lines")) from None
    if not isinstance(meta, dict):
        return FrontMatter(), text
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end + 1
    fm_text = text[:end]
    line_of = {}
    for n, ln in enumerate(fm_text.split("\n"), 1):
        km = re.match(r"([A-Za-z_][\w-]*)\s*:", ln)
        if km:
            line_of.setdefault(km.group(1), n)
    nlines = fm_text.count("\n")
    return FrontMatter(meta, nlines, line_of), "\n" * nlines + text[end:]


def nocite_keys(meta: dict) -> list[str]:
    """Keys named in `nocite` (a string or list of `@key`s); "*" means every entry."""
    raw = meta.get("nocite")
    if raw is None:
        return []
    if isinstance(raw, list):
        raw = " ".join(str(x) for x in raw)
    keys = []
    for m in re.finditer(r"@(?:\{([^{}]*)\}|(\*|" + _KEY + r"))", str(raw)):
        keys.append(m.group(1) if m.group(1) is not None else m.group(2))
    return keys


# ---------------------------------------------------------------------------------------------
# Markdown


def markdown_parser(locale: str = "en-US"):
    """A markdown-it parser (CommonMark + tables + strikethrough) that knows citations."""
    return _markdown_parser(locale)


@functools.lru_cache(maxsize=8)
def _markdown_parser(locale: str):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])

    def bracketed(state, silent):
        if state.src[state.pos] != "[":
            return False
        c = parse_bracketed(state.src, state.pos, state.posMax, locale)
        return _push(state, silent, c)

    def narrative(state, silent):
        if state.src[state.pos] != "@":
            return False
        c = parse_narrative(state.src, state.pos, state.posMax, locale)
        return _push(state, silent, c)

    md.inline.ruler.before("link", "citation_bracketed", bracketed)
    md.inline.ruler.before("link", "citation_narrative", narrative)
    md.add_render_rule("citation", _render_citation_token)
    return md


def _push(state, silent, c: Citation | None) -> bool:
    if c is None or state.linkLevel > 0:  # link text: a citation there would nest links
        return False
    if not silent:
        token = state.push("citation", "span", 0)
        token.meta = {"citation": c}
        token.content = c.raw
    state.pos = c.end
    return True


def _render_citation_token(self, tokens, idx, options, env):
    # env["citations"] maps id(Citation) -> finished HTML, filled in by biblio.post.
    c = tokens[idx].meta["citation"]
    return env.get("citation_html", {}).get(id(c), _escape(c.raw))


def _escape(s: str) -> str:
    import html

    return html.escape(s, quote=True)


def parse_markdown(body: str, locale: str = "en-US") -> tuple[list, list[Citation], dict]:
    """(markdown-it tokens, citations with source positions, env) for a Markdown body."""
    md = markdown_parser(locale)
    env: dict = {}
    tokens = md.parse(body, env)
    lines = body.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    found: list[Citation] = []
    for tok in tokens:
        if tok.map is None:
            continue
        if tok.type == "html_block":
            # Raw HTML: citations in its text nodes count (pandoc reads Markdown inside HTML
            # blocks), never in its tags, attributes, code or scripts.
            own = _html_citations(tok.content, locale)
            if not own:
                continue
            tok.meta = {"citations": [(c, c.start, c.end) for c in own]}
            cites_here = own
        elif tok.type == "inline" and tok.children:
            cites_here = [ch.meta["citation"] for ch in tok.children if ch.type == "citation"]
        else:
            continue
        if not cites_here:
            continue
        content_lines = tok.content.split("\n")
        origin = [_line_origin(lines, tok.map[0] + k, cl)
                  for k, cl in enumerate(content_lines)]
        cstarts = [0]
        for cl in content_lines:
            cstarts.append(cstarts[-1] + len(cl) + 1)

        def to_src(offset: int, origin=origin, cstarts=cstarts) -> tuple[int, int, int]:
            k = max(0, min(len(origin) - 1, _bisect(cstarts, offset)))
            line, col0 = origin[k]
            col = col0 + offset - cstarts[k]
            return line, col, starts[line] + col

        for c in cites_here:
            line, col, c.start = to_src(c.start)
            c.line, c.col = line + 1, col + 1
            c.end = to_src(c.end)[2]
            for cite in c.cites:
                cl, cc, _ = to_src(cite.col)
                cite.line, cite.col = cl + 1, cc + 1
            found.append(c)
    return tokens, found, env


def _line_origin(lines: list[str], n: int, content_line: str) -> tuple[int, int]:
    """(0-based source line, column where `content_line` starts in it)."""
    if n >= len(lines):
        return len(lines) - 1, 0
    src = lines[n]
    at = src.find(content_line) if content_line else 0
    if at < 0:  # tabs expanded by the parser: place by the text after the indentation
        core = content_line.lstrip()
        at = max(0, src.find(core) - (len(content_line) - len(core))) if core else 0
    return n, at


def _bisect(starts: list[int], offset: int) -> int:
    import bisect

    return bisect.bisect_right(starts, offset) - 1


# ---------------------------------------------------------------------------------------------
# HTML

_SKIP_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "template", "math",
              "svg", "var"}


class _TextNodes(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.nodes: list[tuple[int, str]] = []  # (source offset, raw text)
        self._skip = 0
        self._starts = [0]
        for ln in text.split("\n"):
            self._starts.append(self._starts[-1] + len(ln) + 1)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            line, col = self.getpos()
            self.nodes.append((self._starts[line - 1] + col, data))


def _html_citations(text: str, locale: str) -> list[Citation]:
    """Citations in the text nodes of HTML; offsets (`start`, `end`, each cite's `col`) into
    `text`."""
    parser = _TextNodes(text)
    parser.feed(text)
    parser.close()
    found = []
    for offset, data in parser.nodes:
        for c in scan_text(data, locale):
            c.start += offset
            c.end += offset
            for cite in c.cites:
                cite.col += offset
            found.append(c)
    return found


def parse_html(text: str, locale: str = "en-US") -> list[Citation]:
    """Citations in the text nodes of an HTML document, with source positions."""
    found = _html_citations(text, locale)
    starts = [0]
    for ln in text.split("\n"):
        starts.append(starts[-1] + len(ln) + 1)
    for c in found:
        c.line, c.col = _line_col(starts, c.start)
        for cite in c.cites:
            cite.line, cite.col = _line_col(starts, cite.col)
    return found


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    k = _bisect(starts, offset)
    return k + 1, offset - starts[k] + 1


# ---------------------------------------------------------------------------------------------


def is_html(path: str | Path) -> bool:
    return str(path).lower().endswith((".html", ".htm"))


def find_citations(text: str, *, html: bool = False, locale: str = "en-US",
                   path: str = "<post>") -> tuple[FrontMatter, list[Citation]]:
    """Front matter and every citation in a post, in source order."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if html:
        return FrontMatter(), parse_html(text, locale)
    fm, body = split_front_matter(text, path)
    _, cites, _ = parse_markdown(body, fm.meta.get("locale") or locale)
    return fm, cites


def cited_keys(text: str, *, html: bool = False, path: str = "<post>") -> list[CitedKey]:
    """Every key a post cites, where: `[(key, line, col)]` in source order.

    Keys listed in the front matter's `nocite` count too (at that line); `@*` is not a key.
    """
    fm, cites = find_citations(text, html=html, path=path)
    out = [CitedKey(c.key, c.line, c.col) for cit in cites for c in cit.cites]
    line = fm.line_of.get("nocite", 1)
    out += [CitedKey(k, line, 1) for k in nocite_keys(fm.meta) if k != "*"]
    return out
