"""The rich-text tree the engine renders into, and the parser of markup inside field values.

A tree is a `Node` whose children are `str` or `Node`. A node carries CSL formatting
(`font-style`, `font-weight`, `font-variant`, `vertical-align`, `text-decoration`), quotes,
display, a link target, the id of the item a cite stands for (`ref`: the HTML writer links it to
that item's reference-list entry, `#ref-ID`), or `nocase` (text-case leaves it alone). Writers
(biblio.csl.output) walk it; nothing else turns it into a string with markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace


@dataclass(eq=False)
class Node:
    """A node of the rich-text tree: children with formatting, quotes, display or a link."""
    children: list = field(default_factory=list)
    fmt: dict | None = None
    quotes: bool = False
    display: str | None = None
    link: str | None = None
    ref: str | None = None  # item id: this is one cite's text, linked to its entry
    nocase: bool = False
    # "nodecor": field markup asking for plain text whatever the context.
    nodecor: bool = False
    # Formatting written in a field (<i>, <b>, <sc>): inside the same formatting it flips back
    # to normal ("flip-flop"); the style's own formatting nested in itself just nests.
    markup: bool = False
    # Text as its writer typed it (a cite's prefix or suffix): quote marks take the locale's
    # form, but punctuation stays where it was typed rather than moving into the quotes.
    verbatim: bool = False

    def plain(self) -> str:
        # (a list, not a generator: join makes one of it anyway)
        return "".join([c if isinstance(c, str) else c.plain() for c in self.children])


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
        else:
            kids = c.children
            # (a child that opens with text prints: known without the recursive call)
            if (kids and kids[0].__class__ is str and kids[0]) or not is_empty(c):
                return False
    return True


def rstrip(x):
    """`x` without whitespace at its end: the last text leaf trimmed, on copies of the nodes
    along the way (nodes may be shared between entries)."""
    if x.__class__ is str:
        return x.rstrip()
    kids = list(x.children)
    while kids:
        last = rstrip(kids[-1])
        if not is_empty(last):
            kids[-1] = last
            break
        kids.pop()
    return replace(x, children=kids)


def lstrip_display(x):
    """`x` without whitespace at the start of a display block it opens with: the block
    starts a line, where a prefix's space (left by an empty macro) is nothing (citeproc-js).
    An entry opening with plain text keeps its space (CSL suite bugreports_parenthesis)."""
    if x.__class__ is str or not x.children:
        return x
    if x.display:
        return lstrip(x)
    first = lstrip_display(x.children[0])
    if first is x.children[0]:
        return x
    return replace(x, children=[first] + x.children[1:])


def lstrip(x):
    """`x` without whitespace at its start."""
    if x.__class__ is str:
        return x.lstrip()
    kids = list(x.children)
    while kids:
        first = lstrip(kids[0])
        if not is_empty(first):
            kids[0] = first
            break
        kids.pop(0)
    return replace(x, children=kids)


def rstrip_display(x):
    """An entry that ends in a display block ("csl-right-inline", "csl-block") has no space at
    the end of that block (citeproc-js); an entry ending in plain text keeps its own."""
    if x.__class__ is str or not x.children:
        return x
    if x.display:
        return rstrip(x)
    last = rstrip_display(x.children[-1])
    if last is x.children[-1]:
        return x
    return replace(x, children=x.children[:-1] + [last])


def into_last_display(x, suffix):
    """`x` with `suffix` put at the end of its last display block, or None when `x` does not
    end in one: a layout's suffix closes the entry's text, inside its last block (citeproc-js;
    after the block's `</div>` it would sit alone on a line of its own)."""
    if x.__class__ is str or not x.children:
        return None
    last = into_last_display(x.children[-1], suffix)
    if last is not None:
        return replace(x, children=x.children[:-1] + [last])
    if x.display:
        return replace(x, children=x.children + [suffix])
    return None


# --- markup in field values ------------------------------------------------------------------

_TAG = re.compile(
    r"<(/?)(i|b|sup|sub|sc|span)((?:\s+[a-z-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*>",
    re.IGNORECASE,
)


def _span_kind(attrs: str) -> Node | None:
    a = attrs.replace(" ", "").lower()
    if "font-variant:small-caps" in a:
        return Node(fmt={"font-variant": "small-caps"}, markup=True)
    if 'class="nocase"' in a or "class='nocase'" in a:
        return Node(nocase=True)
    if 'class="nodecor"' in a or "class='nodecor'" in a:
        return Node(nodecor=True)
    if "font-style:italic" in a:
        return Node(fmt={"font-style": "italic"}, markup=True)
    if "font-weight:bold" in a:
        return Node(fmt={"font-weight": "bold"}, markup=True)
    return None


# Tags nested deeper than this add nothing: the tree is walked recursively by every writer,
# and a value of 400 nested <i> must not exhaust Python's stack.
MAX_DEPTH = 40
_KNOWN = frozenset(["i", "b", "sc", "sup", "sub", "span"])


def parse_markup(text: str) -> Node | str:
    """Field text with the CSL "rich text" tags parsed into nodes; anything else stays literal."""
    if "<" not in text and '"' not in text and "\u201c" not in text and "'" not in text:
        return text
    root = Node()
    stack: list[tuple[str, Node]] = [("", root)]
    opened: dict[int, str] = {}  # id of a tag's node -> the tag as written
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
        if len(stack) > MAX_DEPTH:  # deeper tags are read as their parent's text
            if tag in _KNOWN:
                stack.append((tag, stack[-1][1]))
            else:
                _add_text(stack[-1][1], m.group(0))
            continue
        if tag == "i":
            node = Node(fmt={"font-style": "italic"}, markup=True)
        elif tag == "b":
            node = Node(fmt={"font-weight": "bold"}, markup=True)
        elif tag == "sc":
            node = Node(fmt={"font-variant": "small-caps"}, markup=True)
        elif tag in ("sup", "sub"):
            node = Node(fmt={"vertical-align": "sup" if tag == "sup" else "sub"}, markup=True)
        else:
            node = _span_kind(attrs)
            if node is None:
                _add_text(stack[-1][1], m.group(0))
                continue
        stack[-1][1].children.append(node)
        stack.append((tag, node))
        opened[id(node)] = m.group(0)
    _add_text(stack[-1][1], text[pos:])
    # A tag never closed is not markup ("<i>Wo> as …" is a typo, not the rest in italics):
    # its text stays as written, its content goes back to its parent.
    for depth in range(len(stack) - 1, 0, -1):
        node, parent = stack[depth][1], stack[depth - 1][1]
        if node is parent:  # a tag past MAX_DEPTH, read as text already
            continue
        at = next(k for k, c in enumerate(parent.children) if c is node)
        # (the tag's own text is no word of the title: text-case leaves "<i>" alone)
        parent.children[at:at + 1] = [Node([opened[id(node)]], nocase=True), *node.children]
    _parse_quotes(root)
    if len(root.children) == 1 and isinstance(root.children[0], str):
        return root.children[0]
    return root


def _add_text(node: Node, s: str) -> None:
    if s:
        node.children.append(s)


_QUOTE_RE = re.compile(r"[\"'\u201c\u201d\u2018\u2019]")
_OPENERS = " \t\n([{-/\u2014\u2013\u00a0"

def _parse_quotes(node: Node) -> None:
    """Pair quote marks among a node's children into quote nodes, so the style's quotes apply."""
    for c in node.children:
        if isinstance(c, Node):
            _parse_quotes(c)
    if any(isinstance(c, str) and any(q in c for q in "\"'\u201c\u2018\u2019")
           for c in node.children):
        node.children = _quote_tree(node.children)


def _apostrophes(s: str) -> str:
    return s.replace("'", "\u2019") if "'" in s else s


def _quote_tree(children: list) -> list:
    """Pair quote marks: "…", “…”, '…', ‘…’ become quote nodes; apostrophes become ’."""
    root: list = []
    stack: list[tuple[str, list, str]] = [("", root, "")]
    texts = [c if isinstance(c, str) else plain(c) for c in children]
    for k, child in enumerate(children):
        if not isinstance(child, str):
            stack[-1][1].append(child)
            continue
        s = child
        n = len(s)
        left = texts[k - 1][-1:] if k and texts[k - 1] else " "
        right = texts[k + 1][:1] if k + 1 < len(texts) and texts[k + 1] else " "
        pos = 0
        opened_at = -2  # where in s the last quote opened: a mark right after it nests
        for m in _QUOTE_RE.finditer(s):
            i = m.start()
            ch = m.group(0)
            prev = s[i - 1] if i else left
            nxt = s[i + 1] if i + 1 < n else right
            top = stack[-1][0]
            if ch in ("'", "\u2019") and prev.isalnum() and nxt.isalnum():
                continue  # an apostrophe inside a word
            kind = "d" if ch in ('"', "\u201c", "\u201d") else "s"
            if s[pos:i]:
                stack[-1][1].append(_apostrophes(s[pos:i]))
            pos = i + 1
            if (ch == "\u2019" and top != "s") or (ch == "\u2018" and not top):
                # Typographic single quotes typed in the data stay as they are, unless they
                # nest in a double quote, which the style may turn into single ones: then
                # they flip with it (“‘Amazing’” in “…” prints ‘“Amazing”’, citeproc-js).
                stack[-1][1].append(ch)
                continue
            closes = top == kind and ch not in ("\u201c", "\u2018") and not prev.isspace()
            opens = ch in ("\u201c", "\u2018") or (
                ch in ('"', "'") and (prev in _OPENERS or opened_at == i - 1)
                and not nxt.isspace())
            if closes:
                _, inner, _ = stack.pop()
                stack[-1][1].append(Node(inner, quotes=True))
            elif opens:
                stack.append((kind, [], ch))
                opened_at = i
            else:
                stack[-1][1].append("\u2019" if ch == "'" else ch)
        if s[pos:]:
            stack[-1][1].append(_apostrophes(s[pos:]))
    while len(stack) > 1:  # unbalanced: the opening mark is plain text again
        _, inner, mark = stack.pop()
        stack[-1][1].append("\u2019" if mark == "'" else mark)
        stack[-1][1].extend(inner)
    return root
