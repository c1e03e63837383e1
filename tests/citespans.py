"""The citations of a rendered page, for comparing biblio's output with pandoc's."""

import re
from html.parser import HTMLParser


class Page(HTMLParser):
    """Per list item: the citations (data-cites, text, links as (target, linked text)); and the
    reference ids."""

    def __init__(self):
        super().__init__()
        self.items: list[list] = []
        self.refs: list[str] = []
        self.cur = None
        self.depth = 0
        self.link = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "li":
            self.items.append([])
        if tag == "span" and a.get("class") == "citation":
            self.cur = {"cites": a["data-cites"], "text": "", "links": []}
            self.depth = 1
        elif self.cur is not None and tag == "span":
            self.depth += 1
        if self.cur is not None and tag == "a":
            self.link = [a["href"], ""]
            self.cur["links"].append(self.link)
        if tag == "div" and (a.get("id") or "").startswith("ref-"):
            self.refs.append(a["id"][4:])

    def handle_endtag(self, tag):
        if tag == "a" and self.link is not None:
            self.link = (self.link[0], re.sub(r"\s+", " ", self.link[1]).strip())
            self.cur["links"][-1] = self.link
            self.link = None
        if self.cur is not None and tag == "span":
            self.depth -= 1
            if self.depth == 0:
                self.cur["text"] = re.sub(r"\s+", " ", self.cur["text"]).strip()
                self.items[-1].append(self.cur)
                self.cur = None

    def handle_data(self, data):
        if self.cur is not None:
            self.cur["text"] += data
        if self.link is not None:
            self.link[1] += data


def parse(html: str) -> Page:
    p = Page()
    p.feed(html)
    return p
