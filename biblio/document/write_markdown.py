"""The Markdown writer: a Markdown post with its citations and reference list in place, as
pandoc's HTML markup (so a site's CSS keeps working) that any Markdown processor passes through.

Text from a .bib reaches Markdown here, so it must stay text under every processor that may
read the page next (CommonMark, GFM, pandoc's Markdown, Python-Markdown): each character that
could start Markdown syntax is written as a numeric character reference, which every one of
them turns back into that character and never into markup.
"""

from __future__ import annotations

import re

from . import write_html

# Characters that start inline syntax in some Markdown: links and images (no link without
# "["), emphasis, code, raw HTML, strikeout, tables, TeX math, super/subscript, pandoc
# citations and attributes, headings.
_ACTIVE = frozenset("\\`*_[]<>~|$^@{}#")
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);")


def inert(html: str) -> str:
    """Engine HTML whose text cannot become Markdown syntax: tags are kept (their attribute
    values are escaped, their links checked by the engine), text characters made references."""
    out = []
    for part in _TAG_OR_TEXT.split(html):
        if part.startswith("<") and part.endswith(">"):
            out.append(part)
        else:
            out.append(_text(part))
    lines = "".join(out).split("\n")
    # A line that starts with text could start a block (a list "1." or "-", a heading).
    return "\n".join(_first(ln) for ln in lines)


def _text(s: str) -> str:
    out, i = [], 0
    for m in _ENTITY.finditer(s):
        out.append(_chars(s[i:m.start()]))
        out.append(m.group())
        i = m.end()
    out.append(_chars(s[i:]))
    return "".join(out)


def _chars(s: str) -> str:
    return "".join(f"&#{ord(c)};" if c in _ACTIVE else c for c in s)


def _first(line: str) -> str:
    stripped = line.lstrip(" \t")
    c = stripped[:1]
    if c and c not in "<&" and c.isascii() and not c.isalpha():
        return line[:len(line) - len(stripped)] + f"&#{ord(c)};" + stripped[1:]
    return line


def heading(title: str) -> str:
    safe = "".join("\\" + ch if ch in "\\`*_[]<>#&" else ch for ch in title)
    return f"## {safe}"


def post(text: str, body: str, fm, tokens, cits: list, cites: dict, listed, hanging: bool,
         settings, notes) -> str:
    """The post as written, each citation replaced by its span and the list placed at
    `::: {#refs}` (else appended under a heading). With a note style a citation outside the
    author's footnotes becomes a footnote of its own, `[^n]`, defined at the end; the
    author's footnotes stay as written, citations in them in place."""
    refs = inert(write_html.references(listed, hanging=hanging, retracted=settings.retracted))
    placeholder = None
    for i in range(len(tokens)):
        if write_html.is_refs_placeholder(tokens, i) and tokens[i].map:
            placeholder = tokens[i].map
            break
    starts = [0]
    for ln in body.split("\n"):
        starts.append(starts[-1] + len(ln) + 1)
    taken = {str(t.meta.get("label")) for t in tokens if t.type == "footnote_open"}
    labels = {number: _label(number, taken) for number, _ in notes.order}
    edits = []
    for c in cits:
        done = cites[id(c)]
        start, end, punct, _ = write_html.place(body, c, done)
        if done.in_alt:  # an image's description: its text alone, as the page's alt text
            new = _text(_TAG_OR_TEXT.sub("", write_html.cited(done)))
        elif done.note is None:
            new = inert(write_html.cited(done))
        else:
            # The punctuation was the post's own Markdown: it moves as it was written.
            new = (inert(done.author) if done.author else "") + punct + \
                f"[^{labels[done.note]}]"
        edits.append((start, end, new))
    if placeholder:
        a, b = starts[placeholder[0]], starts[placeholder[1]] - 1
        edits.append((a, max(a, b), refs))
    new_body = write_html.splice(body, edits)
    keep = fm.lines and settings.keep_front_matter
    head = text[:len(text) - len(body) + fm.lines] if keep else ""
    new_body = new_body[fm.lines:] if fm.lines else new_body
    if refs and not placeholder:
        title = settings.reference_section_title
        block = f"{heading(title)}\n\n{refs}" if title else refs
        new_body = new_body.rstrip("\n") + "\n\n" + block + "\n"
    defs = [f"[^{labels[number]}]: {inert(write_html.note_text(cites[id(c)]))}"
            for number, c in notes.order if not isinstance(c, int)]
    if defs:
        new_body = new_body.rstrip("\n") + "\n\n" + "\n\n".join(defs) + "\n"
    return head + new_body


def _label(number: int, taken: set[str]) -> str:
    """A citation's footnote label: its number, unless the author's notes use that label."""
    label = str(number)
    while label in taken:
        label = f"cite-{label}"
    return label
