"""Writers: the rich-text tree to HTML, plain text or Markdown.

Each writer walks the tree into one token stream (text, quote marks, markup open/close), fixes
punctuation there (doubled stops, punctuation inside quotes), then spells the tokens. The HTML
writer is the only place that escapes text and builds links. A cite's link to its entry (a node's
`ref`) is spelled by the HTML writer only: Markdown and text have no `#ref-ID` anchors to point
at, so they print the cite's text alone.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from html import escape

from biblio.csl.rich import Node

# Outermost first, as citeproc-js nests them.
_ORDER = ("vertical-align", "text-decoration", "font-weight", "font-variant", "font-style")

_HTML = {
    ("font-style", "italic"): ("<i>", "</i>"),
    ("font-style", "oblique"): ('<span style="font-style:oblique;">', "</span>"),
    ("font-style", "normal"): ('<span style="font-style:normal;">', "</span>"),
    ("font-weight", "bold"): ("<b>", "</b>"),
    ("font-weight", "light"): ('<span style="font-weight:light;">', "</span>"),
    ("font-weight", "normal"): ('<span style="font-weight:normal;">', "</span>"),
    ("font-variant", "small-caps"): ('<span style="font-variant:small-caps;">', "</span>"),
    ("font-variant", "normal"): ('<span style="font-variant:normal;">', "</span>"),
    ("text-decoration", "underline"): ('<span style="text-decoration:underline;">', "</span>"),
    ("text-decoration", "none"): ('<span style="text-decoration:none;">', "</span>"),
    ("vertical-align", "sup"): ("<sup>", "</sup>"),
    ("vertical-align", "sub"): ("<sub>", "</sub>"),
    ("vertical-align", "baseline"): ('<span style="baseline">', "</span>"),
}
_MD = {
    ("font-style", "italic"): ("*", "*"),
    ("font-weight", "bold"): ("**", "**"),
    ("vertical-align", "sup"): ("^", "^"),
    ("vertical-align", "sub"): ("~", "~"),
}

DEFAULT_QUOTES = ("\u201c", "\u201d", "\u2018", "\u2019")


class _Walker:
    """The tree to tokens, its punctuation fixed as each text is added (_join_fix looks only
    at the tokens before it, so fixing them as they come is fixing them in a second pass)."""

    def __init__(self, quotes, punctuation_in_quote):
        self.tokens: list[tuple[str, object]] = []
        self.quotes = quotes
        self.in_quote = punctuation_in_quote
        self.state = {"font-style": "normal", "font-weight": "normal", "font-variant": "normal"}
        self.qlevel = 0
        self.verbatim = 0  # inside how many verbatim nodes

    def walk(self, x) -> None:
        # (a plain container, as most nodes are, opens and changes nothing)
        formatted = (x.fmt or x.display or x.link or x.ref is not None or x.nodecor
                     or x.quotes or x.verbatim)
        if formatted:
            opened, saved = self._open(x)
        tokens = self.tokens
        for c in x.children:
            if c.__class__ is str:
                if c:
                    # (_join_fix changes only a text that opens with a space or a stop, and
                    # nothing after a text that ends in neither)
                    if c[0] in _OPENS_FIX and tokens and (
                            tokens[-1][0] != "t" or tokens[-1][1][-1] in _OPENS_FIX):
                        c = _join_fix(tokens, c, self.in_quote)
                        if not c:
                            continue
                    tokens.append(("t", c))
            else:
                self.walk(c)
        if formatted:
            self._close(x, opened, saved)

    def _open(self, x):
        opened = []
        saved = dict(self.state)
        if x.display:
            opened.append(("div", x.display))
        if x.ref is not None:
            opened.append(("ref", x.ref))
        if x.link:
            opened.append(("a", x.link))
        if x.nodecor:
            for key in ("font-weight", "font-variant", "font-style"):
                if self.state[key] != "normal":
                    opened.append(("f", (key, "normal")))
                    self.state[key] = "normal"
        if x.fmt:
            for key in _ORDER:
                val = x.fmt.get(key)
                # (text-decoration="none", the style's explicit reset, is written out as
                # a span, as citeproc-js does)
                if not val:
                    continue
                if key in self.state:
                    cur = self.state[key]
                    if val == cur:
                        if val == "normal":
                            continue
                        # Flip-flop: field markup inside the same style turns back to normal;
                        # the style's own formatting nested in itself nests (citeproc-js).
                        if x.markup:
                            val = "normal"
                    elif val == "normal" and cur == "normal":
                        continue
                    self.state[key] = val
                elif key == "vertical-align" and val == "baseline":
                    pass
                opened.append(("f", (key, val)))
        # The quotes are punctuation around the formatted text, in the font of the text
        # around them: "“<i>Title</i>”" (CMOS 6.2, and citeproc-js); inside a block or a link.
        outer = _outer(opened)
        for tok in opened[:outer]:
            self.tokens.append(("o", tok))
        self.verbatim += x.verbatim
        if x.quotes:
            inner = self.qlevel % 2 == 1
            oq = self.quotes[2] if inner else self.quotes[0]
            self.tokens.append(("qo", oq))
            self.qlevel += 1
        for tok in opened[outer:]:
            self.tokens.append(("o", tok))
        return opened, saved

    def _close(self, x, opened, saved) -> None:
        outer = _outer(opened)
        for tok in reversed(opened[outer:]):
            self.tokens.append(("c", tok))
        if x.quotes:
            self.qlevel -= 1
            inner = self.qlevel % 2 == 1
            cq = self.quotes[3] if inner else self.quotes[1]
            # a typed closing quote ("qx") takes no punctuation inside it
            self.tokens.append(("qx" if self.verbatim else "qc", cq))
        self.verbatim -= x.verbatim
        for tok in reversed(opened[:outer]):
            self.tokens.append(("c", tok))
        self.state = saved


def _outer(opened) -> int:
    """How many of a node's opening tokens go outside its quotes: the block, the
    reference and the link (the formatting, "f", comes last and goes inside)."""
    n = 0
    while n < len(opened) and opened[n][0] != "f":
        n += 1
    return n


_PUNCT = ".,;:!?"
_OPENS_FIX = frozenset(" \u00a0" + _PUNCT)


_COLUMNS = (("div", "left-margin"), ("div", "right-inline"))


def _prev_text(out) -> int:
    for i in range(len(out) - 1, -1, -1):
        if out[i][0] in ("t", "qc", "qo", "qx", "pm"):
            return i
        if out[i][0] == "o" and out[i][1] in _COLUMNS:
            # The columns of second-field-align are apart; a block (csl-block, csl-indent)
            # continues the text before it: ". https://doi…" after "1453–1462." drops its stop.
            return -1
    return -1


def _join_fix(out, val: str, in_quote: bool) -> str:
    i = _prev_text(out)
    if i < 0:
        return val
    kind, prev = out[i]
    first = val[0]
    if kind in ("qc", "qx"):
        if in_quote and first in ".,!?" and kind == "qc":
            # Punctuation moves inside the closing quote, the innermost of nested ones
            # ("‘The One.’”"). There the quoted text's own mark ends it ("Does Walking
            # Help?”" takes no comma); a mark moved in before ("pm") keeps company with
            # another ("comma,." "question?!") but not with itself or a stop after "!" "?".
            while True:
                j = _prev_text(out[:i])
                if j < 0 or out[j][0] not in ("qc", "qx"):
                    break
                i = j
            own = j >= 0 and out[j][0] == "t"
            inner = out[j][1][-1:] if j >= 0 and out[j][0] in ("t", "pm") else ""
            if (own and inner in _PUNCT) or inner == first or (
                    first == "." and inner in ("!", "?")):
                return val[1:]
            out.insert(i, ("pm", first))
            return val[1:]
        # Before the quote mark: "Title?" followed by "." or ":" drops the stop.
        j = _prev_text(out[:i])
        inner = out[j][1][-1:] if j >= 0 and out[j][0] in ("t", "pm") else ""
        if (first == "." and inner in ("!", "?", ".")) or (first == ":" and inner in ("!", "?")):
            return val[1:]
        return val
    if kind != "t" or not prev:
        return val
    last = prev[-1]
    if first == " " and last == " ":
        return val.lstrip(" ")
    if first == "\u00a0" and last == "\u00a0":
        return val[1:]  # two no-break spaces meeting print one, as two plain ones do
    if first in _PUNCT and last in _PUNCT:
        # citeproc-js's table for a stop meeting a stop at a join.
        if first == last:
            return val[1:]
        if first == ":" and last in ";!?":
            return val[1:]
        if first == "." and last in ":;!?":
            return val[1:]
        if first in "!?" and last in ":;":
            if len(prev) > 1:
                out[i] = ("t", prev[:-1])
                return val
            # the mark was all of its token: "!" now follows what preceded it, maybe a quote
            del out[i]
            return _join_fix(out, val, in_quote)
    return val


def tokens(tree, quotes=DEFAULT_QUOTES, punctuation_in_quote=False) -> list:
    if isinstance(tree, str):
        return [("t", tree)] if tree else []
    w = _Walker(quotes, punctuation_in_quote)
    w.walk(tree)
    return w.tokens


def escape_html(s: str) -> str:
    return s.replace("&", "&#38;").replace("<", "&#60;").replace(">", "&#62;")


def _href(url: str) -> str:
    return url.replace("&", "&amp;").replace('"', "&quot;").replace("<", "%3C").replace(">", "%3E")


_MODIFIERS = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}


@functools.lru_cache(maxsize=4096)
def _superscript(c: str) -> str | None:
    """The base character of a Unicode superscript ("ʳ" -> "r"), else None."""
    if c.isascii():
        return None
    if c in _MODIFIERS:
        return _MODIFIERS[c]
    d = unicodedata.decomposition(c)
    if not d.startswith("<super>"):
        return None
    return "".join(chr(int(h, 16)) for h in d.split()[1:])


def _sup(s: str) -> str:
    """Superscript letters (French and Spanish ordinals: 1ʳᵉ, 1.ª) as <sup>, as citeproc-js."""
    if s.isascii():
        return s
    out = []
    for c in s:
        base = _superscript(c)
        out.append(f"<sup>{escape_html(base)}</sup>" if base else c)
    return "".join(out)


_SPACE_RUN = re.compile(r"\s\s")


def _keep_spaces(s: str) -> str:
    """A run of spaces in the text ("2021     A", a tab) as HTML shows it: every second
    one no-break, since a browser folds a run of plain spaces into one (citeproc-js)."""
    return _SPACE_RUN.sub("\xa0 ", s)


@functools.lru_cache(maxsize=65536)
def _html_text(s: str) -> str:
    """A text token as HTML (delimiters, names and terms recur across a list)."""
    return _sup(_keep_spaces(escape_html(s)))


def _anchor(typ: str, arg: str) -> str:
    if typ == "ref":
        # pandoc's in-document link from a cite to its entry (`<div id="ref-ID">`).
        return f'<a href="#ref-{escape(arg, quote=True)}" role="doc-biblioref">'
    return f'<a href="{_href(arg)}">'


_TEXT_KINDS = frozenset(("t", "qo", "qc", "qx", "pm"))


def to_html(tree, **kw) -> str:
    parts = []
    append = parts.append  # (bound once: one call per token)
    anchors = 0  # open <a> elements: HTML does not nest them, an inner link stays text
    after_block = False
    for kind, val in tokens(tree, **kw):
        if kind in _TEXT_KINDS:
            if after_block:
                # What follows a block starts a line: a delimiter's punctuation closes the
                # block instead (citeproc-js), and a space there is nothing.
                stop = len(val) - len(val.lstrip(_PUNCT))
                if stop and val[:1] in _PUNCT and kind == "t":
                    parts.insert(len(parts) - 1, escape_html(val[:stop]))
                    val = val[stop:]
                val = val.lstrip()
                if not val:
                    continue
                after_block = False
            append(_html_text(val))
        elif kind in ("o", "c"):
            typ, arg = val
            if typ == "f":
                tag = _HTML.get(arg, ("<span>", "</span>"))
                append(tag[0] if kind == "o" else tag[1])
            elif typ == "div":
                parts.append(f'<div class="csl-{arg}">' if kind == "o" else "</div>")
                after_block = kind == "c" and arg in ("block", "indent")
            elif typ in ("a", "ref"):
                if kind == "o":
                    anchors += 1
                    if anchors == 1:
                        parts.append(_anchor(typ, arg))
                else:
                    anchors -= 1
                    if anchors == 0:
                        parts.append("</a>")
    return "".join(parts)


def _block_gap(parts: list[str], val: str, gap: str) -> tuple[str, str]:
    """Text and Markdown have no columns or blocks: a display block is set off from the text
    beside it by one space, so an entry stays one line (citeproc-js breaks the line before a
    block), never glued to it ("communication.Shannon"). The spaces at a block's edges are
    that one break, so "Carl. " and " 2017" meet as "Carl. 2017". The left margin ("1. ")
    is always followed by one more space, as in citeproc-js's text ("1.  Abbott").
    Returns the text to write and the gap still pending."""
    if not gap or not parts or val[:1] in _PUNCT:
        return val, ""
    if gap == "block" and parts[-1][-1:].isspace():
        return val.lstrip(), ""
    if not val[:1].isspace() and (gap == "margin" or not parts[-1][-1:].isspace()):
        parts.append(" ")
    return val, ""


def _gap_after(kind: str, val, gap: str) -> str:
    """The gap pending after a display block's edge: "margin" after the left margin (kept
    up to the right-inline block beside it), "block" at the edge of any other block."""
    if kind == "c" and val[1] == "left-margin":
        return gap or "margin"
    if gap == "margin" and val[1] == "right-inline":
        return gap
    return "block"


def to_text(tree, **kw) -> str:
    parts: list[str] = []
    gap = ""
    for kind, val in tokens(tree, **kw):
        if kind in ("t", "qo", "qc", "qx", "pm"):
            val, gap = _block_gap(parts, val, gap)
            parts.append(val)
        elif kind in ("o", "c") and val[0] == "div":
            gap = _gap_after(kind, val, gap)
    return "".join(parts)


# Markdown text stays text under CommonMark, pandoc and Python-Markdown alike: characters
# that start syntax are backslash-escaped where all three accept the escape, and written as
# character references where one of them does not (Python-Markdown keeps "\<" as a backslash
# before raw HTML).
_MD_BACKSLASH = frozenset("\\`*_{}[]#")
_MD_REFERENCE = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "~": "&#126;", "|": "&#124;",
                 "$": "&#36;", "^": "&#94;", "@": "&#64;"}
# A link destination keeps these as they are; anything else (spaces, parentheses, quotes,
# angle brackets, backslashes) is percent-encoded, so the URL cannot end the link early.
_URL_SAFE = "/:?#@!$&*+,;=%-._~"


def _md_escape(s: str) -> str:
    return "".join("\\" + c if c in _MD_BACKSLASH else _MD_REFERENCE.get(c, c) for c in s)


_MD_BLOCK_START = re.compile(r"^(\s*)([-+=>])")


def _md_block_start(s: str) -> str:
    """A line that would open a list or a quote ("- …", "> …") starts escaped. (A numbered
    style's "1. …" stays a numbered line: that is the style's own numbering.)"""
    return _MD_BLOCK_START.sub(lambda m: m.group(1) + "\\" + m.group(2), s, count=1)


def _md_url(url: str) -> str:
    from urllib.parse import quote

    return quote(url, safe=_URL_SAFE)


def to_markdown(tree, **kw) -> str:
    parts = []
    links: list[str] = []
    gap = ""
    for kind, val in tokens(tree, **kw):
        if kind in ("t", "qo", "qc", "qx", "pm"):
            val, gap = _block_gap(parts, val, gap)
            parts.append(_md_escape(val))
        elif kind in ("o", "c") and val[0] == "div":
            gap = _gap_after(kind, val, gap)
        elif kind in ("o", "c"):
            typ, arg = val
            if typ == "f":
                tag = _MD.get(arg)
                if tag:
                    parts.append(tag[0] if kind == "o" else tag[1])
            elif typ == "a":
                if kind == "o":
                    links.append(arg)
                    parts.append("[")
                else:
                    parts.append(f"]({_md_url(links.pop())})")
    return _md_block_start("".join(parts))


WRITERS = {"html": to_html, "text": to_text, "markdown": to_markdown}


def write(tree: Node | str, output: str, **kw) -> str:
    return WRITERS[output](tree, **kw)
