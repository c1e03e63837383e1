"""Page assembly, pandoc-compatible: citation spans, the reference list, a standalone page.

Entry text comes from the CSL engine's HTML writer, already escaped; everything else that is
put into markup here (keys, titles, style affixes) is escaped with html.escape.
"""

from __future__ import annotations

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


def attr(value: str) -> str:
    return escape(value, quote=True)


def bib_body(entries: list[tuple[str, str]]) -> str:
    """pandoc's bibliography markup (`biblio format`): the engine's entry HTML in csl-entry
    divs, ids made from the escaped keys."""
    rows = [f'  <div class="csl-entry" id="ref-{attr(key)}">{body}</div>'
            for key, body in entries]
    return '<div class="csl-bib-body">\n' + "\n".join(rows) + "\n</div>"


def citation_span(keys: list[str], inner_html: str) -> str:
    """pandoc's `<span class="citation" data-cites="a b">…</span>`."""
    cites = attr(" ".join(keys))  # as pandoc: every cite, repeats included
    return f'<span class="citation" data-cites="{cites}">{inner_html}</span>'


def missing(key: str) -> str:
    """pandoc's rendering of a key it cannot find: (**key?**)."""
    return f"<strong>{escape(key)}?</strong>"


def references(entries: list[tuple[str, str]], *, hanging: bool = True,
               attrs: str = "") -> str:
    """The reference list: `entries` are (key, HTML from the engine) pairs."""
    cls = "references csl-bib-body" + (" hanging-indent" if hanging else "")
    out = [f'<div id="refs" class="{cls}"{attrs} role="list">']
    for key, html in entries:
        out.append(f'<div id="ref-{attr(key)}" class="csl-entry" role="listitem">')
        out.append(html.strip())
        out.append("</div>")
    out.append("</div>")
    return "\n".join(out)


def heading_html(title: str) -> str:
    return f'<h2 class="unnumbered" id="references">{escape(title)}</h2>'


def heading_markdown(title: str) -> str:
    # Markdown text: characters that would start markup are backslash-escaped.
    safe = "".join("\\" + ch if ch in "\\`*_[]<>#&" else ch for ch in title)
    return f"## {safe}"


def standalone(body: str, *, title: str = "", lang: str = "en") -> str:
    """A whole HTML page around a fragment, with a small stylesheet (hanging indent)."""
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{attr(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{STYLESHEET}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
