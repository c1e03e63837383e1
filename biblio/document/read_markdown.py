"""Citations in Markdown: two inline rules inside markdown-it-py's parser, so code spans, code
blocks, autolinks, raw HTML and backslash escapes are never looked into (markdown-it has already
claimed them); then each citation's place in the source.

Footnotes are pandoc's (mdit-py-plugins' footnote rules): `[^label]` with its `[^label]: …`
definition, and inline `^[…]`. A citation inside one says which (`Citation.note`), and every
footnote reference in the running text is kept with its place (`NoteRef`), so a note style's
notes can be numbered in the order a reader meets them.
"""

from __future__ import annotations

import bisect
import functools
from typing import NamedTuple

from .syntax import Citation, parse_bracketed, parse_narrative


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
        if state.src[state.pos] not in "@-":
            return False
        c = parse_narrative(state.src, state.pos, state.posMax, locale)
        return _push(state, silent, c)

    md.inline.ruler.before("link", "citation_bracketed", bracketed)
    md.inline.ruler.before("link", "citation_narrative", narrative)
    md.add_render_rule("citation", _render_citation_token)
    _footnotes(md)
    # An image's description is parsed as inline text of its own: its citations are found
    # (the rule stamps where the image starts) and make the alt text with the rest.
    from markdown_it.rules_inline import image

    md.inline.ruler.at("image", _stamped(image))
    md.add_render_rule("image", _render_image)
    return md


def _stamped(rule):
    """`rule`, with the token it pushes stamped with where it starts (`meta["at"]`, an offset
    into the text the rule parsed): markdown-it keeps no positions in inline tokens."""
    def run(state, silent):
        at, n = state.pos, len(state.tokens)
        ok = rule(state, silent)
        if ok and not silent and len(state.tokens) > n:
            state.tokens[-1].meta["at"] = at
        return ok
    return run


def _footnotes(md) -> None:
    """pandoc's footnotes, each reference token stamped with where it starts (`meta["at"]`,
    an offset into the text its rule parsed): the plugin keeps no positions."""
    from functools import partial

    from mdit_py_plugins.footnote import footnote_plugin
    from mdit_py_plugins.footnote.index import footnote_inline, footnote_ref

    footnote_plugin(md)
    md.inline.ruler.at("footnote_inline", _stamped(footnote_inline))
    md.inline.ruler.at("footnote_ref", _stamped(partial(footnote_ref, always_match=False)))
    md.add_render_rule("footnote_ref", _render_footnote_ref)


def _push(state, silent, c: Citation | None) -> bool:
    if c is None or silent:
        # Only a link's (or an inline note's) label is skipped over in silent mode, and a
        # token opening with "[" inside a link's label makes it no link: `[a [@key]](url)`
        # is a link, its brackets counted as text (and its citation found when the link's
        # text is parsed).
        return False
    if not silent:
        c.spaced = state.pos > 0 and state.src[state.pos - 1].isspace()
        c.in_link = state.linkLevel > 0  # link text: printed without links of its own
        token = state.push("citation", "span", 0)
        token.meta = {"citation": c}
        token.content = c.raw
    state.pos = c.end
    return True


def _render_citation_token(self, tokens, idx, options, env):
    # env["citations"] maps id(Citation) -> finished HTML, filled in by the HTML writer.
    c = tokens[idx].meta["citation"]
    return env.get("citation_html", {}).get(id(c), _escape(c.raw))


def _render_image(self, tokens, idx, options, env):
    token = tokens[idx]
    token.attrSet("alt", _as_text(token.children or [], env))
    return self.renderToken(tokens, idx, options, env)


def _as_text(children, env) -> str:
    """markdown-it's alt text of an image's description, its citations as the page prints
    them (their text, without markup): pandoc's "see Ries (2015)"."""
    import html
    import re

    out = []
    for t in children:
        if t.type == "text":
            out.append(t.content)
        elif t.type == "citation":
            done = env.get("citation_html", {}).get(id(t.meta["citation"]), t.content)
            out.append(html.unescape(re.sub(r"<[^>]*>", "", done)))
        elif t.type == "image":
            out.append(_as_text(t.children or [], env))
        elif t.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out)


def _render_footnote_ref(self, tokens, idx, options, env):
    # env["note_ref_html"] maps id(token) -> the reference's HTML, filled in by the HTML writer.
    return env.get("note_ref_html", {}).get(id(tokens[idx]), "")


class NoteRef(NamedTuple):
    """A footnote reference in the running text: where it is, and which note (the plugin's id
    of it, the key of env["footnotes"]["list"])."""

    at: int  # offset into the body
    note: int
    token: object


def _escape(s: str) -> str:
    import html

    return html.escape(s, quote=True)


def parse_markdown(body: str, locale: str = "en-US"
                   ) -> tuple[list, list[Citation], dict, list[NoteRef]]:
    """(markdown-it tokens, citations with source positions, env, footnote references in the
    running text) for a Markdown body."""
    md = markdown_parser(locale)
    env: dict = {}
    tokens = md.parse(body, env)
    notes = env.get("footnotes", {}).get("list", {})
    lines = body.split("\n")
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln) + 1)
    found: list[Citation] = []
    refs: list[NoteRef] = []
    in_note = None  # the footnote whose definition the tokens belong to
    for tok in tokens:
        if tok.type == "footnote_open":
            in_note = tok.meta["id"]
        elif tok.type == "footnote_close":
            in_note = None
        if tok.map is None:
            continue
        if tok.type == "html_block":
            # Raw HTML: citations in its text nodes count (pandoc reads Markdown inside HTML
            # blocks), never in its tags, attributes, code or scripts.
            from .read_html import _html_citations  # html.parser, when a post has HTML

            own = _html_citations(tok.content, locale)
            if not own:
                continue
            tok.meta = {"citations": [(c, c.start, c.end) for c in own]}
            here = [(c, 0, in_note) for c in own]
        elif tok.type == "inline" and tok.children:
            here = list(_walk(tok.children, 0, in_note, notes))
        else:
            continue
        if not here:
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

        for c, base, note in here:
            if not isinstance(c, Citation):  # a footnote reference in the running text
                refs.append(NoteRef(to_src(base + c.meta["at"])[2], c.meta["id"], c))
                continue
            c.note = note
            line, col, c.start = to_src(base + c.start)
            c.line, c.col = line + 1, col + 1
            c.end = to_src(base + c.end)[2]
            for cite in c.cites:
                cl, cc, _ = to_src(base + cite.col)
                cite.line, cite.col = cl + 1, cc + 1
            found.append(c)
    return tokens, found, env, refs


def _walk(children, base: int, note, notes: dict, alt: bool = False):
    """(citation or footnote reference token, offset of the text it was parsed from, the note it
    is in) for the inline tokens `children`; an inline note's own tokens follow its reference.
    `alt`: the tokens are an image's description."""
    for ch in children:
        if ch.type == "citation":
            ch.meta["citation"].in_alt = alt
            yield ch.meta["citation"], base, note
        elif ch.type == "footnote_ref" and "at" in ch.meta:
            own = notes.get(ch.meta["id"], {})
            if note is None:
                yield ch, base, None
            if "tokens" in own:  # ^[…]: its text starts two characters after the "^"
                yield from _walk(own["tokens"], base + ch.meta["at"] + 2, ch.meta["id"], notes,
                                 alt)
        elif ch.type == "image" and ch.children and "at" in ch.meta:
            # ![…](…): its description starts two characters after the "!"
            yield from _walk(ch.children, base + ch.meta["at"] + 2, note, notes, True)


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
    return bisect.bisect_right(starts, offset) - 1
