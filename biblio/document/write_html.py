"""The HTML writer: pandoc's markup for citations, the reference list and a standalone page.

The only place (with write_markdown) where page markup is made. Entry and citation text comes
from the CSL engine's HTML writer, already escaped; everything else put into markup here
(keys, titles, headings) is escaped with html.escape.
"""

from __future__ import annotations

import re
import unicodedata
from html import escape

from .read_markdown import markdown_parser

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


_ANCHOR = re.compile(r"</?a\b[^>]*>")


def citation(keys: list[str], inner_html: str, missing: list[str], in_link: bool = False
             ) -> str:
    """pandoc's `<span class="citation" data-cites="a b">…</span>`; an unknown key shows as
    pandoc shows it, (**key?**). One in a link's text has no links of its own (an <a> in an
    <a> is not HTML), as pandoc prints it."""
    if in_link:
        inner_html = _ANCHOR.sub("", inner_html)
    shown = "; ".join(f"<strong>{escape(k)}?</strong>" for k in missing)
    if shown:
        inner_html = f"{inner_html} ({shown})" if inner_html else f"({shown})"
    cites = attr(" ".join(keys))  # as pandoc: every cite, repeats included
    return f'<span class="citation" data-cites="{cites}">{inner_html}</span>'


# --- footnotes (pandoc 3's markup) -------------------------------------------------------------

# Punctuation that starts Markdown or HTML syntax is never moved in front of a note reference.
_UNMOVABLE = frozenset("\\*_[{&#@<")
# The period that ends a citation, before any closing tags and quotation mark ("Pain.”").
_FINAL_PERIOD = re.compile(r"\.((?:</[a-z]+>)*[”’]?(?:</[a-z]+>)*)$")


def movable(after: str) -> int:
    """pandoc's notes-after-punctuation: how many characters at the start of `after`, the text
    that follows a note's reference, move in front of it (the punctuation that ends a clause or
    a sentence: "text [@a]." becomes "text.¹")."""
    k = 0
    while k < len(after) and unicodedata.category(after[k]).startswith("P") \
            and after[k] not in _UNMOVABLE:
        k += 1
    return k


def note_ref(number: int, repeat: int = 0) -> str:
    ident = f"fnref{number}" + (f"-{repeat}" if repeat else "")
    return (f'<a href="#fn{number}" class="footnote-ref" id="{ident}" role="doc-noteref">'
            f"<sup>{number}</sup></a>")


def cited(c, punct: str = "", spaced: bool = True) -> str:
    """A citation in the text: pandoc's span, with a note style the footnote's reference (and a
    narrative citation's names) in it. `punct` is what moved in front of the reference: before
    the span when white space came before the citation (which is dropped), else inside it."""
    if c.note is None:
        if c.in_note:  # as pandoc: in parentheses, unless narrative; the final period goes
            inner = _FINAL_PERIOD.sub(r"\1", c.html)
            inner = inner if c.narrative or not inner else f"({inner})"
            return citation(c.keys, inner, c.missing, c.in_link)
        return citation(c.keys, c.html, c.missing, c.in_link)
    inside = c.author + ("" if spaced else escape(punct)) + note_ref(c.note)
    span = f'<span class="citation" data-cites="{attr(" ".join(c.keys))}">{inside}</span>'
    return escape(punct) + span if spaced else span


def note_text(c) -> str:
    """The text of the footnote a citation makes: its first letter capitalized, and ending in
    punctuation, as pandoc writes it."""
    shown = "; ".join(f"<strong>{escape(k)}?</strong>" for k in c.missing)
    text = "; ".join(x for x in (c.html, shown) if x)
    text = _TEXT_START.sub(lambda m: m.group(1) + m.group(2).upper(), text, count=1)
    plain = re.sub(r"<[^>]*>", "", text).rstrip()
    if plain and not unicodedata.category(plain[-1]).startswith("P"):
        text += "."
    return text


_TEXT_START = re.compile(r"^((?:<[^>]*>)*)(\w)")


def footnotes(notes: list[tuple[int, str]]) -> str:
    """The footnotes section: (number, the note's HTML blocks) pairs; each note ends with a
    link back to its reference, inside its last paragraph."""
    if not notes:
        return ""
    out = [('<section id="footnotes" class="footnotes footnotes-end-of-document" '
            'role="doc-endnotes">'), "<hr />", "<ol>"]
    for number, body in notes:
        back = f'<a href="#fnref{number}" class="footnote-back" role="doc-backlink">↩︎</a>'
        body = body.strip()
        if body.endswith("</p>"):
            body = body[:-len("</p>")] + back + "</p>"
        else:
            body = f"{body}\n{back}" if body else f"<p>{back}</p>"
        out.append(f'<li id="fn{number}">{body}</li>')
    out += ["</ol>", "</section>"]
    return "\n".join(out)


# What APA 7 writes after the reference of a retracted article, by the kind of notice
# (apastyle.apa.org, "Journal article references", the retracted journal article:
# "… https://doi.org/… (Retraction published 2012, *Journal*, 38[10], 1378)").
PUBLISHED = {"retraction": "Retraction published", "partial-retraction": "Partial retraction "
             "published", "withdrawal": "Withdrawal published", "removal": "Removal published"}


def retraction_note(n) -> str:
    """APA's parenthesis for a retracted work, from its notice (biblio.online.Notice): the
    notice's year, journal (italic), volume[issue] and page; without a journal, a link to the
    notice."""
    parts = [f"{PUBLISHED.get(n.kind, 'Retraction published')} {n.year or n.date[:4]}".strip()]
    if n.journal:
        parts.append(f"<i>{escape(n.journal)}</i>")
        volume = escape(n.volume) + (f"[{escape(n.issue)}]" if n.issue else "")
        parts += [p for p in (volume, escape(n.page.replace("-", "\u2013"))) if p]
    elif n.doi and not n.doi.startswith("record "):
        url = f"https://doi.org/{n.doi}"
        parts.append(f'<a href="{attr(url)}">{escape(url)}</a>')
    return f"({', '.join(parts)})"


def marked(html: str, fact) -> str:
    """An entry with its retraction note at the end (inside a numeric style's text column)."""
    html = html.strip()
    if fact is None:
        return html
    note = retraction_note(fact.notice)
    if html.endswith("</div>"):
        return f"{html[:-len('</div>')]} {note}</div>"
    return f"{html} {note}"


def references(entries: list[tuple[str, str]], *, hanging: bool = True,
               retracted: dict | None = None) -> str:
    """The reference list: `entries` are (key, HTML from the engine) pairs; `retracted` (key →
    document.settings.Retracted) the works to mark as retracted."""
    if not entries:
        return ""
    cls = "references csl-bib-body" + (" hanging-indent" if hanging else "")
    out = [f'<div id="refs" class="{cls}" role="list">']
    for key, html in entries:
        out.append(f'<div id="ref-{attr(key)}" class="csl-entry" role="listitem">')
        out.append(marked(html, (retracted or {}).get(key)))
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


def markdown_post(tokens, cites: dict, listed, hanging: bool, settings, notes) -> str:
    """A Markdown post (markdown-it tokens) as an HTML fragment; its footnotes, the author's
    and a note style's, at the end."""
    from markdown_it.token import Token

    main, bodies = _split_notes(tokens)
    spans = {k: cited(v) for k, v in cites.items()}
    for tok in main:
        if tok.type == "inline" and tok.children:
            _attach(tok.children, cites, spans)
    refs = references(listed, hanging=hanging, retracted=settings.retracted)
    md = markdown_parser(settings.locale or "en-US")
    env = {"citation_html": spans,
           "note_ref_html": {t: note_ref(*nr) for t, nr in notes.refs.items()}}
    out_tokens, placed = [], False
    i = 0
    while i < len(main):
        if is_refs_placeholder(main, i):
            block = Token("html_block", "", 0, content=(refs + "\n") if refs else "")
            out_tokens.append(block)
            placed = True
            i += 3 if main[i].type == "paragraph_open" else 1
            continue
        tok = main[i]
        if tok.type == "html_block" and tok.meta and tok.meta.get("citations"):
            content = tok.content
            for c, a, b in sorted(tok.meta["citations"], key=lambda x: -x[1]):
                content = content[:a] + spans[id(c)] + content[b:]
            tok = Token("html_block", "", 0, content=content)
        out_tokens.append(tok)
        i += 1
    html = md.renderer.render(out_tokens, md.options, env)
    if not placed and refs:
        html = html.rstrip("\n") + "\n" + refs_block(refs, settings.reference_section_title) + "\n"
    shown = []
    for number, what in notes.order:
        if isinstance(what, int):
            shown.append((number, md.renderer.render(bodies.get(what, []), md.options, env)))
        else:
            shown.append((number, f"<p>{note_text(cites[id(what)])}</p>"))
    if shown:
        html = html.rstrip("\n") + "\n" + footnotes(shown) + "\n"
    return html


def _split_notes(tokens) -> tuple[list, dict[int, list]]:
    """The running text's tokens, and each footnote's blocks (by its id) without the
    plugin's own back-links."""
    main, bodies, note = [], {}, None
    inside = False
    for tok in tokens:
        if tok.type == "footnote_block_open":
            inside = True
        elif tok.type == "footnote_open":
            note = tok.meta["id"]
            bodies[note] = []
        elif tok.type in ("footnote_close", "footnote_block_close", "footnote_anchor"):
            continue
        elif not inside:
            main.append(tok)
        elif note is not None:
            bodies[note].append(tok)
    return main, bodies


def _attach(children, cites: dict, spans: dict[int, str]) -> None:
    """A note style's references in a paragraph (markdown-it inline tokens): the white space
    before each is dropped, and the punctuation after it moves in front of it."""
    for i, ch in enumerate(children):
        if ch.type != "citation" or cites[id(ch.meta["citation"])].note is None:
            continue
        c = ch.meta["citation"]
        prev = children[i - 1] if i else None
        spaced = False
        if cites[id(c)].narrative:  # "Smith¹ says": the names keep their place in the text
            pass
        elif prev is not None and prev.type in ("softbreak", "hardbreak"):
            prev.type, prev.content, spaced = "text", "", True
        elif prev is not None and prev.type == "text" and prev.content[-1:].isspace():
            prev.content, spaced = prev.content.rstrip(), True
        nxt = children[i + 1] if i + 1 < len(children) else None
        punct = ""
        if nxt is not None and nxt.type == "text":
            k = movable(nxt.content)
            punct, nxt.content = nxt.content[:k], nxt.content[k:]
        spans[id(c)] = cited(cites[id(c)], punct, spaced)


def html_post(text: str, cits: list, cites: dict, listed, hanging: bool, settings,
              notes, wrap=lambda html: html) -> str:
    """An HTML post with its citations and list in place (`<div id="refs">`, else before
    `</body>`, else at the end), and with a note style its footnotes (before `</body>`).
    `wrap` is applied to every piece biblio puts in (write_markdown.inert when the page will
    be read as Markdown)."""
    from html.parser import HTMLParser

    refs = references(listed, hanging=hanging, retracted=settings.retracted)
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
    edits = []
    for c in cits:
        start, end, punct, spaced = place(text, c, cites[id(c)])
        edits.append((start, end, cited(cites[id(c)], punct, spaced)))
    at = spots.get("body_end", len(text))
    end = ""
    if refs:
        if "refs" in spots and "refs_end" in spots:
            edits.append((spots["refs"], spots["refs_end"], refs))
        else:
            end = "\n" + refs_block(refs, settings.reference_section_title) + "\n"
    shown = [(number, f"<p>{note_text(cites[id(c)])}</p>") for number, c in notes.order]
    if shown:
        end += "\n" + footnotes(shown) + "\n"
    if end:
        edits.append((at, at, end))
    return splice(text, [(a, b, wrap(new)) for a, b, new in edits])


_SPACE_BEFORE = re.compile(r"[ \t]*\n?[ \t]*$")  # within a paragraph: one line break at most


def place(text: str, c, done) -> tuple[int, int, str, bool]:
    """Where citation `c` (what the engine made of it: `done`) goes in the source `text`: (start,
    end, the punctuation that moves in front of its note's reference, whether white space came
    before it). A note style's reference swallows the white space before it, unless it follows
    a narrative citation's names, and the punctuation after it comes in front."""
    if done.note is None:
        return c.start, c.end, "", False
    start, spaced = c.start, c.spaced and not done.narrative
    if spaced:
        start -= len(_SPACE_BEFORE.search(text[max(0, start - 80):start]).group())
    k = movable(text[c.end:c.end + 16])
    return start, c.end + k, text[c.end:c.end + k], spaced


def splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, new) edit made; edits do not overlap."""
    out, last = [], len(text)
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out.append(text[end:last])
        out.append(new)
        last = start
    out.append(text[:last])
    return "".join(reversed(out))


def cited_in(links: list[tuple[str, str, list[int]]]) -> str:
    """The line under an entry of the site's bibliography: a link to each post citing it."""
    parts = []
    for href, title, lines in links:
        at = ", ".join(str(n) for n in lines)
        word = "line" if len(lines) == 1 else "lines"
        parts.append(f'<a href="{attr(href)}">{escape(title)}</a> ({word} {at})')
    return f'<div class="cited-in">Cited in {"; ".join(parts)}</div>'


def bibliography_page(rows: list[tuple[str, str, list]], settings) -> str:
    """Every work the site cites, each with its "cited in" links; a whole page unless the
    build makes fragments."""
    from .profile import profile

    marks = settings.retracted or {}
    entries = [(key, f"{marked(html, marks.get(key))}\n{cited_in(links)}")
               for key, html, links in rows]
    title = settings.bibliography_title
    body = f'<h1 class="title">{escape(title)}</h1>\n' + references(
        entries, hanging=profile(settings.style).hanging) + "\n"
    return standalone(body, title=title, lang=settings.locale or "en") \
        if settings.standalone else body
