"""The rich-text tree the engine renders into, and the parser of markup inside field values.

A tree is a `Node` whose children are `str` or `Node`. A node carries CSL formatting
(`font-style`, `font-weight`, `font-variant`, `vertical-align`, `text-decoration`), quotes,
display, a link target, or `nocase` (text-case leaves it alone). Writers (biblio.csl.output) walk
it; nothing else turns it into a string with markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

FORMAT_KEYS = ("font-style", "font-weight", "font-variant", "vertical-align", "text-decoration")


@dataclass(eq=False)
class Node:
    children: list = field(default_factory=list)
    fmt: dict | None = None
    quotes: bool = False
    display: str | None = None
    link: str | None = None
    nocase: bool = False
    # "nodecor": field markup asking for plain text whatever the context.
    nodecor: bool = False

    def plain(self) -> str:
        return "".join(c if isinstance(c, str) else c.plain() for c in self.children)


def plain(x) -> str:
    if x is None:
        return ""
    return x if isinstance(x, str) else x.plain()


def is_empty(x) -> bool:
    if x is None:
        return True
    if x.__class__ is str:
        return x == ""
    for c in x.children:
        if c.__class__ is str:
            if c:
                return False
        elif not is_empty(c):
            return False
    return True


# --- markup in field values ------------------------------------------------------------------

_TAG = re.compile(
    r"<(/?)(i|b|sup|sub|span)((?:\s+[a-z-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*>", re.IGNORECASE
)
_QUOTE_CHARS = {'"': '"', "\u201c": "\u201d"}


def _span_kind(attrs: str) -> Node | None:
    a = attrs.replace(" ", "").lower()
    if "font-variant:small-caps" in a:
        return Node(fmt={"font-variant": "small-caps"})
    if 'class="nocase"' in a or "class='nocase'" in a:
        return Node(nocase=True)
    if 'class="nodecor"' in a or "class='nodecor'" in a:
        return Node(nodecor=True)
    if "font-style:italic" in a:
        return Node(fmt={"font-style": "italic"})
    if "font-weight:bold" in a:
        return Node(fmt={"font-weight": "bold"})
    return None


def parse_markup(text: str) -> Node | str:
    """Field text with the CSL "rich text" tags parsed into nodes; anything else stays literal."""
    if "<" not in text and '"' not in text and "\u201c" not in text and "'" not in text:
        return text
    root = Node()
    stack: list[tuple[str, Node]] = [("", root)]
    pos = 0
    for m in _TAG.finditer(text):
        _add_text(stack[-1][1], text[pos:m.start()])
        pos = m.end()
        closing, tag, attrs = m.group(1), m.group(2).lower(), m.group(3) or ""
        if closing:
            for depth in range(len(stack) - 1, 0, -1):
                if stack[depth][0] == tag:
                    del stack[depth:]
                    break
            else:
                _add_text(stack[-1][1], m.group(0))
            continue
        if tag == "i":
            node = Node(fmt={"font-style": "italic"})
        elif tag == "b":
            node = Node(fmt={"font-weight": "bold"})
        elif tag in ("sup", "sub"):
            node = Node(fmt={"vertical-align": "sup" if tag == "sup" else "sub"})
        else:
            node = _span_kind(attrs)
            if node is None:
                _add_text(stack[-1][1], m.group(0))
                continue
        stack[-1][1].children.append(node)
        stack.append((tag, node))
    _add_text(stack[-1][1], text[pos:])
    _parse_quotes(root)
    if len(root.children) == 1 and isinstance(root.children[0], str):
        return root.children[0]
    return root


def _add_text(node: Node, s: str) -> None:
    if s:
        node.children.append(s.replace("'", "\u2019") if "'" in s else s)


_QUOTE_RE = re.compile(r"\"|\u201c|\u201d|(?<![\w])'(?=\w)|(?<=[\w.,?!])'(?!\w)|\u2018|\u2019")


def _parse_quotes(node: Node) -> None:
    """Pair quote marks in the text of one node into quote nodes, so the style's quotes apply."""
    for c in node.children:
        if isinstance(c, Node):
            _parse_quotes(c)
    text_only = all(isinstance(c, str) for c in node.children)
    if not text_only:
        return
    s = "".join(node.children)
    if not any(q in s for q in ('"', "\u201c", "'", "\u2018")):
        return
    out = _quote_tree(s)
    if out is not None:
        node.children = out


def _quote_tree(s: str) -> list | None:
    tokens = []
    pos = 0
    for m in _QUOTE_RE.finditer(s):
        ch = m.group(0)
        i = m.start()
        prev = s[i - 1] if i else " "
        nxt = s[i + 1] if i + 1 < len(s) else " "
        if ch in ("'", "\u2019") and prev.isalnum() and nxt.isalnum():
            continue  # apostrophe, made typographic below
        tokens.append((s[pos:i], ch, prev, nxt))
        pos = m.end()
    if not tokens:
        return None
    root: list = []
    stack: list[tuple[str, list]] = [("", root)]
    for before, ch, prev, nxt in tokens:
        if before:
            stack[-1][1].append(before)
        kind = "d" if ch in ('"', "\u201c", "\u201d") else "s"
        opening = ch in ("\u201c", "\u2018") or (
            ch in ('"', "'") and (prev.isspace() or prev in "([{-/\u2014\u2013" or prev == " ")
            and not nxt.isspace()
        )
        if ch in ('"', "'") and len(stack) > 1 and stack[-1][0] == kind and not opening:
            opening = False
        elif ch in ('"', "'") and not opening and not (len(stack) > 1 and stack[-1][0] == kind):
            opening = not nxt.isspace() and stack[-1][0] != kind and prev.isspace()
        if opening:
            inner: list = []
            stack.append((kind, inner))
        elif len(stack) > 1 and stack[-1][0] == kind:
            _, inner = stack.pop()
            stack[-1][1].append(Node(inner, quotes=True))
        else:
            stack[-1][1].append("\u2019" if ch in ("'", "\u2019") else ch)
    rest = s[pos:]
    while len(stack) > 1:  # unbalanced: put the marks back as text
        kind, inner = stack.pop()
        stack[-1][1].append("\u201c" if kind == "d" else "\u2018")
        stack[-1][1].extend(inner)
    if rest:
        root.append(rest)
    return root
