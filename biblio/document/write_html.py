"""The HTML writer: pandoc's markup for citations, the reference list and a standalone page.

The only place (with write_markdown) where page markup is made. Entry and citation text comes
from the CSL engine's HTML writer, already escaped; everything else put into markup here
(keys, titles, headings) is escaped with html.escape.
"""

from __future__ import annotations

import re
from html import escape

STYLESHEET = """\
body { max-width: 42em; margin: 2em auto; padding: 0 1em; line-height: 1.5;
       font-family: Georgia, 'Times New Roman', serif; }
code, pre { font-family: ui-monospace, Menlo, Consolas, monospace; }
div.csl-bib-body { margin-top: 1em; }
div.csl-entry { clear: both; margin-bottom: 0.5em; }
.hanging-indent div.csl-entry { margin-left: 2em; text-indent: -2em; }
div.csl-left-margin { min-width: 2em; float: left; }
div.csl-right-inline { margin-left: 2em; padding-left: 1em; }
div.csl-indent { margin-left: 2em; }
"""

_REFS_DIV = re.compile(r"^:{3,}\s*\{\s*#refs(?:\s[^}]*)?\}\s*\n:{3,}\s*$")
_REFS_HTML = re.compile(r"""^\s*<div\s+id=["']?refs["']?\s*>\s*</div>\s*$""", re.IGNORECASE)


def attr(value: str) -> str:
    return escape(value, quote=True)


def citation(keys: list[str], inner_html: str, missing: list[str]) -> str:
    """pandoc's `<span class="citation" data-cites="a b">…</span>`; an unknown key shows as
    pandoc shows it, (**key?**)."""
    shown = "; ".join(f"<strong>{escape(k)}?</strong>" for k in missing)
    if shown:
        inner_html = f"{inner_html} ({shown})" if inner_html else f"({shown})"
    cites = attr(" ".join(keys))  # as pandoc: every cite, repeats included
    return f'<span class="citation" data-cites="{cites}">{inner_html}</span>'


def references(entries: list[tuple[str, str]], *, hanging: bool = True) -> str:
    """The reference list: `entries` are (key, HTML from the engine) pairs."""
    if not entries:
        return ""
    cls = "references csl-bib-body" + (" hanging-indent" if hanging else "")
    out = [f'<div id="refs" class="{cls}" role="list">']
    for key, html in entries:
        out.append(f'<div id="ref-{attr(key)}" class="csl-entry" role="listitem">')
        out.append(html.strip())
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def heading(title: str) -> str:
    return f'<h2 class="unnumbered" id="references">{escape(title)}</h2>'


def refs_block(refs: str, title: str) -> str:
    """The list where the post has no place for it: under a heading, if it has a title."""
    return f"{heading(title)}\n{refs}" if refs and title else refs


def standalone(body: str, *, title: str = "", lang: str = "en") -> str:
    """A whole HTML page around a fragment, with a small stylesheet (hanging indent)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{attr(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def is_refs_placeholder(tokens, i) -> bool:
    """`::: {#refs}` / `:::` or `<div id="refs"></div>`: where the post wants its list."""
    t = tokens[i]
    if t.type == "paragraph_open" and i + 1 < len(tokens):
        return bool(_REFS_DIV.match(tokens[i + 1].content))
    return t.type == "html_block" and bool(_REFS_HTML.match(t.content))


def markdown_post(tokens, cites: dict, listed, hanging: bool, settings) -> str:
    """A Markdown post (markdown-it tokens) as an HTML fragment."""
    from markdown_it.token import Token

    from .read_markdown import markdown_parser

    spans = {k: citation(*v) for k, v in cites.items()}
    refs = references(listed, hanging=hanging)
    md = markdown_parser(settings.locale or "en-US")
    out_tokens, placed = [], False
    i = 0
    while i < len(tokens):
        if is_refs_placeholder(tokens, i):
            block = Token("html_block", "", 0, content=(refs + "\n") if refs else "")
            out_tokens.append(block)
            placed = True
            i += 3 if tokens[i].type == "paragraph_open" else 1
            continue
        tok = tokens[i]
        if tok.type == "html_block" and tok.meta and tok.meta.get("citations"):
            content = tok.content
            for c, a, b in sorted(tok.meta["citations"], key=lambda x: -x[1]):
                content = content[:a] + spans[id(c)] + content[b:]
            tok = Token("html_block", "", 0, content=content)
        out_tokens.append(tok)
        i += 1
    html = md.renderer.render(out_tokens, md.options, {"citation_html": spans})
    if not placed and refs:
        html = html.rstrip("\n") + "\n" + refs_block(refs, settings.reference_section_title) + "\n"
    return html


def html_post(text: str, cits: list, cites: dict, listed, hanging: bool, settings) -> str:
    """An HTML post with its citations and list in place (`<div id="refs">`, else before
    `</body>`, else at the end)."""
    from html.parser import HTMLParser

    refs = references(listed, hanging=hanging)
    spots: dict[str, int] = {}

    class Find(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=False)
            self.starts = [0]
            for ln in text.split("\n"):
                self.starts.append(self.starts[-1] + len(ln) + 1)
            self.in_refs = False

        def _off(self) -> int:
            line, col = self.getpos()
            return self.starts[line - 1] + col

        def handle_starttag(self, tag, attrs):
            if tag == "div" and dict(attrs).get("id") == "refs" and "refs" not in spots:
                spots["refs"] = self._off()
                self.in_refs = True

        def handle_endtag(self, tag):
            if tag == "div" and self.in_refs:
                off = self._off()
                spots["refs_end"] = text.index(">", off) + 1
                self.in_refs = False
            if tag == "body":
                spots["body_end"] = self._off()

    f = Find()
    f.feed(text)
    f.close()
    edits = [(c.start, c.end, citation(*cites[id(c)])) for c in cits]
    if refs:
        if "refs" in spots and "refs_end" in spots:
            edits.append((spots["refs"], spots["refs_end"], refs))
        else:
            block = "\n" + refs_block(refs, settings.reference_section_title) + "\n"
            at = spots.get("body_end", len(text))
            edits.append((at, at, block))
    return splice(text, edits)


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, new) edit made; edits do not overlap."""
    out, last = [], len(text)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out.append(text[end:last])
        out.append(new)
        last = start
    out.append(text[:last])
    return "".join(reversed(out))
