"""Citations in Markdown: two inline rules inside markdown-it-py's parser, so code spans, code
blocks, autolinks, raw HTML and backslash escapes are never looked into (markdown-it has already
claimed them); then each citation's place in the source."""

from __future__ import annotations

import bisect
import functools

from .read_html import _html_citations
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
    # env["citations"] maps id(Citation) -> finished HTML, filled in by the HTML writer.
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
    return bisect.bisect_right(starts, offset) - 1
