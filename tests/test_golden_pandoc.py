"""Every citation form against pandoc 3's output for the same post (see tests/golden/README.md)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import biblio

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

# Where biblio differs from pandoc on purpose: item number → (pandoc's text, ours, APA rule).
DIFFERENCES = {
    6: ("Kalichman & Vulfsons (2010)", "Kalichman and Vulfsons (2010)", "APA 7 §8.17"),
    7: ("Kalichman & Vulfsons (2010, p. 33)", "Kalichman and Vulfsons (2010, p. 33)",
        "APA 7 §8.17"),
    18: ("(Seguin, 2015)", "(P. Seguin, personal communication, November 13, 2015)",
         "APA 7 §8.9"),
    19: ("Seguin (2015)", "P. Seguin (personal communication, November 13, 2015)",
         "APA 7 §8.9"),
    29: ("Kalichman & Vulfsons (2010, p. 30; see also Cagnie et al., 2013)",
         "Kalichman and Vulfsons (2010, p. 30; see also Cagnie et al., 2013)", "APA 7 §8.17"),
}
NOT_LISTED = {"seguin2015interview"}  # APA 7 §8.9: personal communications are not listed


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


def test_every_form_against_pandoc():
    post = (GOLDEN / "syntax.md").read_text(encoding="utf-8")
    ours = parse(biblio.render_post(post, ROOT / "references.bib", path="syntax.md",
                                    style=str(ROOT / "styles" / "apa.csl")).text)
    theirs = parse((GOLDEN / "syntax.pandoc.html").read_text(encoding="utf-8"))
    assert len(ours.items) == len(theirs.items) == 34
    for n, (mine, pandoc) in enumerate(zip(ours.items, theirs.items), 1):
        assert [c["cites"] for c in mine] == [c["cites"] for c in pandoc], n
        for c, p in zip(mine, pandoc):
            if n in DIFFERENCES:
                want_pandoc, want_ours, _rule = DIFFERENCES[n]
                assert p["text"] == want_pandoc, n
                assert c["text"] == want_ours, n
            else:
                assert c["text"] == p["text"], n
            # Each cite links to its own entry, around the same text as pandoc's link: the
            # cite without its prefix and suffix; only the year part of a narrative citation.
            # (No link to an in-text-only entry, which the reference list leaves out.)
            expected = [link for link in p["links"] if link[0][5:] not in NOT_LISTED]
            assert c["links"] == expected, n
    assert sorted(ours.refs) == sorted(set(theirs.refs) - NOT_LISTED)


def test_code_email_escape_and_urls_are_not_citations():
    post = (GOLDEN / "syntax.md").read_text(encoding="utf-8")
    ours = parse(biblio.render_post(post, ROOT / "references.bib").text)
    assert ours.items[21:25] == [[], [], [], []]
