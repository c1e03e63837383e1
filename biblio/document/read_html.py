"""Citations in HTML: Python's html.parser walks the document, and only text nodes outside
code-like elements are scanned."""

from __future__ import annotations

import bisect
from html.parser import HTMLParser

from .syntax import Citation, scan_text

_SKIP_TAGS = {"code", "pre", "kbd", "samp", "script", "style", "textarea", "template", "math",
              "svg", "var"}


class _TextNodes(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.nodes: list[tuple[int, str, bool]] = []  # (source offset, raw text, in an <a>)
        self._skip = 0
        self._links = 0
        self._starts = [0]
        for ln in text.split("\n"):
            self._starts.append(self._starts[-1] + len(ln) + 1)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag == "a":
            self._links += 1

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        elif tag == "a" and self._links:
            self._links -= 1

    def handle_data(self, data):
        if not self._skip:
            line, col = self.getpos()
            self.nodes.append((self._starts[line - 1] + col, data, self._links > 0))


def _html_citations(text: str, locale: str) -> list[Citation]:
    """Citations in the text nodes of HTML; offsets (`start`, `end`, each cite's `col`) into
    `text`."""
    parser = _TextNodes(text)
    parser.feed(text)
    parser.close()
    found = []
    for offset, data, in_link in parser.nodes:
        for c in scan_text(data, locale):
            c.in_link = in_link
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
    k = bisect.bisect_right(starts, offset) - 1
    return k + 1, offset - starts[k] + 1
