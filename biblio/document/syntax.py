"""Pandoc citation markers in a string: `[@key]`, `[see @a, p. 3; @b]`, `[-@key]`,
`@key [p. 3]` → Citation objects with offsets. Shared by the Markdown rules and the HTML scanner,
which decide what text is looked into."""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass

from .locators import parse_locator

# A key: starts with a word character; punctuation only between word characters (pandoc 3).
_KEY = r"\w+(?:[:.#$%&\-+?<>~/]\w+)*"
_CITE_RE = re.compile(r"(-?)@(?:\{([^{}\n]*)\}|(" + _KEY + r"))")
_SPACES_BRACKET = re.compile(r"[ \t]*\n?[ \t]*\[")


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
    spaced: bool = False  # white space comes before it in its paragraph
    note: int | None = None  # the author's footnote it is written in (its id in the post)
    in_link: bool = False  # written in a link's text: printed without links of its own
    in_alt: bool = False  # written in an image's description: text only, and no note of its own

    @property
    def keys(self) -> list[str]:
        return [c.key for c in self.cites]


def affix_markup(text: str) -> str:
    """Markdown emphasis in a prefix or suffix (`[*see* @key]`) as the CSL rich-text tags the
    engine understands (<i>, <b>); everything else stays text for the engine to escape."""
    if "*" not in text and "_" not in text:
        return text
    text = _emphasis(text, ("**", "__"), "b", flanked=False)
    return _emphasis(text, ("*", "_"), "i", flanked=True)


def _word_or_star(ch: str) -> bool:
    return ch.isalnum() or ch in "_*"


def _emphasis(text: str, marks: tuple[str, ...], tag: str, flanked: bool) -> str:
    """What re.sub of `(mark)(?=\\S)(.+?)(?<=\\S)\\1` with `<tag>\\2</tag>` gives (with
    flanked: no word character or `*` just outside either mark), in linear time: the regex
    looks for a closing mark to the end of the line from every opening one, so a prefix of
    many unclosed marks took quadratic time."""
    n, w = len(text), len(marks[0])
    closers: dict[str, list[int]] = {m: [] for m in marks}
    for mark in marks:
        p = text.find(mark, 1)
        while p >= 0:
            if not text[p - 1].isspace() and not (
                    flanked and p + w < n and _word_or_star(text[p + w])):
                closers[mark].append(p)
            p = text.find(mark, p + 1)
    newlines = [i for i, ch in enumerate(text) if ch == "\n"]
    out, i, done = [], 0, 0
    while i < n - w:
        mark = text[i:i + w]
        if mark in closers and not text[i + w].isspace() and not (
                flanked and i > 0 and _word_or_star(text[i - 1])):
            found = closers[mark]
            k = bisect.bisect_left(found, i + w + 1)
            nl = bisect.bisect_left(newlines, i + w)
            end = newlines[nl] if nl < len(newlines) else n
            if k < len(found) and found[k] <= end:
                p = found[k]
                out += [text[done:i], f"<{tag}>", text[i + w:p], f"</{tag}>"]
                i = done = p + w
                continue
        i += 1
    out.append(text[done:])
    return "".join(out)



_WORD_BACK = 4096  # longer than any URL a post can reasonably hold before an "@"
_WORD_START = re.compile(r"[\s(\[{<\"'][^\s(\[{<\"']*\Z")


def _in_word_or_url(src: str, at: int) -> bool:
    """Is the "@" at `at` part of an e-mail address or a URL (so not a citation)? A hyphen
    before it is not (pandoc 3.9): "---@key" is a dash and a citation, "-@key" the year-only
    mark, "x-@key" a hyphenated word and a citation."""
    if at > 0 and (src[at - 1].isalnum() or src[at - 1] in "_.+%"):
        return True
    # The word before the "@" starts after the last space or opening bracket; looked for in
    # at most _WORD_BACK characters, so that "!@key" repeated stays linear.
    lo = max(0, at - _WORD_BACK)
    m = _WORD_START.search(src, lo, at)
    word = src[m.start() + 1 if m else lo:at].lower()
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
    i = pos
    while i + 1 < limit:
        i += 1
        ch = src[i]
        if ch == "\\":
            i += 1  # an escaped "\[" or "\]" is text of the prefix or suffix (as pandoc)
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


_ESCAPED = re.compile(r"\\([\[\]])")


def _make_cite(part: str, m, base: int, locale: str) -> Cite:
    key = m.group(2) if m.group(2) is not None else m.group(3)
    prefix = _ESCAPED.sub(r"\1", part[:m.start()].strip())
    label, locator, rest = parse_locator(part[m.end():], locale)
    rest = _ESCAPED.sub(r"\1", rest)
    return Cite(key=key, prefix=prefix + " " if prefix else "", suffix=_clean_suffix(rest),
                locator=locator, label=label if locator else "",
                suppress_author=bool(m.group(1)), col=base + m.start() + len(m.group(1)))


def _clean_suffix(rest: str, narrative: bool = False) -> str:
    """The suffix as written (pandoc): "(Doe, 2019.)", "(Doe, 2019, p. 50%)". One that starts
    with a word (or an opening bracket, quote or emphasis) is set apart by a space, and in the
    bracket after a narrative cite by a comma, as pandoc prints `@doe [emphasis added]`: "Doe
    (2019, emphasis added)"."""
    rest = rest.rstrip()
    if not rest.strip():
        return ""
    first = rest[0]
    if first.isspace() or (unicodedata.category(first).startswith("P")
                           and unicodedata.category(first) not in ("Ps", "Pi")
                           and first not in "*_\"'"):
        return rest
    return (", " if narrative and unicodedata.category(first) not in ("Ps", "Pi") else " ") + rest


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
    """`@key`, optionally followed by `[locator, suffix; @more]`, at src[pos] == "@"; or, at
    src[pos] == "-", `-@key` opening a word: the year-only citation outside brackets (pandoc
    3.9's "(2019)"), whose bracket is read the same way."""
    limit = len(src) if limit is None else limit
    year_only = _year_only_mark(src, pos)
    if src.startswith("@", pos) and pos > 0 and _year_only_mark(src, pos - 1):
        return None  # the "-" before it starts the citation
    at = pos + 1 if year_only else pos
    if (not year_only and not src.startswith("@", pos)) or _in_word_or_url(src, at):
        return None
    m = _CITE_RE.match(src, at)
    if m is None or m.group(1) or m.end() > limit:
        return None
    key = m.group(2) if m.group(2) is not None else m.group(3)
    first = Cite(key=key, col=at, suppress_author=year_only)
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
                first.suffix = _clean_suffix(rest, narrative=True)
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
    return Citation(cites, narrative=not year_only, start=pos, end=end, raw=src[pos:end])


def _year_only_mark(src: str, pos: int) -> bool:
    """Is src[pos] the "-" of `-@key` at the start of a word (not a hyphen or a dash)?"""
    return src.startswith("-@", pos) and (
        pos == 0 or not (src[pos - 1].isalnum() or src[pos - 1] in "_.+%-"))


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
        elif ch in "@-":
            c = parse_narrative(text, i, locale=locale)
        if c is not None:
            c.spaced = i > 0 and text[i - 1].isspace()
            found.append(c)
            i = c.end
        else:
            i += 1
    return found
