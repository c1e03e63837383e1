"""What no output may hold: a script, an event attribute, a link that is not a web address or
an anchor of the page — in HTML, and in Markdown once a Markdown processor has rendered it."""

from __future__ import annotations

from html.parser import HTMLParser

# Tags nothing in biblio writes and nothing in data may bring.
BAD_TAGS = {"script", "iframe", "img", "svg", "style", "object", "embed", "form", "input",
            "button", "base", "link", "meta", "frame", "frameset", "math", "video", "audio",
            "source", "textarea", "select", "applet", "template", "noscript", "xmp", "plaintext"}
HEAD_ONLY = {"style", "meta"}  # a standalone page's own head has them
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster",
             "background", "data", "cite", "longdesc", "ping"}
GOOD_LINKS = ("#ref-", "#fn", "#fnref", "http://", "https://")


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag, attrs):
        if tag == "head":
            self.in_head = True
        if tag in BAD_TAGS and not (self.in_head and tag in HEAD_ONLY):
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRS and not (value or "").startswith(GOOD_LINKS):
                self.problems.append(f"link {name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def html_problems(html: str) -> list[str]:
    a = _Audit()
    a.feed(html)
    a.close()
    return a.problems


def _strip_front_matter(text: str) -> str:
    # A site generator takes the post's YAML block (kept in biblio's output, as the author
    # wrote it) off before its Markdown processor or the browser sees the page.
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def _markdown_it(text: str) -> str:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark")
    md.validateLink = lambda url: True  # pandoc does not filter schemes: neither may we rely on it
    return md.render(text)


def _python_markdown(text: str) -> str:
    import markdown

    return markdown.markdown(text)


RENDERERS = {"markdown-it (CommonMark)": _markdown_it, "Python-Markdown": _python_markdown}


def markdown_problems(text: str) -> list[str]:
    body = _strip_front_matter(text)
    out = []
    for name, render in RENDERERS.items():
        out += [f"{p} after {name}" for p in html_problems(render(body))]
    return out


def problems(text: str, kind: str) -> list[str]:
    """`kind`: "html", "markdown", "text" (plain text: nothing to render) or "json" (the
    `format --to json` list: its "html" strings are HTML)."""
    if kind == "html":
        return html_problems(_strip_front_matter(text))  # an HTML post keeps its YAML block
    if kind == "markdown":
        return markdown_problems(text)
    if kind == "json":
        import json

        return [p for item in json.loads(text) for p in html_problems(item["html"])]
    return []
