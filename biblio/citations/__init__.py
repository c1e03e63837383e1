"""Pandoc citation syntax: find `[@key]`, `[see @a, p. 3; @b]`, `[-@key]`, `@key [p. 3]` in posts.

Markdown is parsed with markdown-it-py, and citations are recognised by two inline rules that
run inside its parser: so code spans, code blocks, autolinks, raw HTML and backslash escapes are
never looked into, because markdown-it has already claimed them. HTML posts are walked with
Python's html.parser, and only text nodes outside code-like elements are scanned.

The stages, one module each: `syntax` (markers in a string → Citation), `locators` (`p. 33`
by the locale's terms), `frontmatter` (YAML metadata, `nocite`), `markdown` and `html_text`
(which text of a post is looked into, and where each citation is in the source).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from .frontmatter import FrontMatter, nocite_keys, split_front_matter
from .html_text import parse_html
from .locators import LOCATOR_LABELS, locator_terms, parse_locator
from .markdown import markdown_parser, parse_markdown
from .syntax import Citation, Cite, affix_markup, parse_bracketed, parse_narrative, scan_text

__all__ = [
    "LOCATOR_LABELS", "Citation", "Cite", "CitedKey", "FrontMatter", "affix_markup",
    "cited_keys", "find_citations", "is_html", "locator_terms", "markdown_parser",
    "nocite_keys", "parse_bracketed", "parse_html", "parse_locator", "parse_markdown",
    "parse_narrative", "scan_text", "split_front_matter",
]


class CitedKey(NamedTuple):
    key: str
    line: int  # 1-based, in the whole file (front matter included)
    col: int  # 1-based, of the "@"


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
