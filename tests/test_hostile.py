"""A hostile references.bib renders as inert text: no script, no event attribute, no bad link."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

import biblio
from biblio.diagnostics import BiblioError
from biblio.rules import Selection

DATA = Path(__file__).parent / "data"
POST = """---
title: "<script>alert('front matter')</script>"
---
# Hostile

[@script; @jsurl] and @quotes [p. 3] and [see @dataurl, chap. 2].

Odd key from the post itself: @{x"><script>alert(13)</script>}.
"""


class Audit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.events, self.links = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.events.append((tag, name, value))
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                self.links.append(value or "")


# The entries' errors would stop the post; let them through to show that escaping holds even so.
LET_THROUGH = Selection(set())


def test_hostile_entries_stop_the_post_by_default():
    with pytest.raises(BiblioError) as err:
        biblio.render_post(POST, DATA / "hostile.bib", allow_missing=True)
    rules = {d.rule for d in err.value.diagnostics}
    assert {"url-scheme", "bad-doi"} <= rules
    assert all(d.path.endswith("hostile.bib") for d in err.value.diagnostics)


@pytest.mark.parametrize("standalone", [False, True])
def test_hostile_entries_are_inert(standalone):
    r = biblio.render_post(POST, DATA / "hostile.bib", standalone=standalone,
                           allow_missing=True, checks=LET_THROUGH)
    a = Audit()
    a.feed(r.text)
    assert "script" not in a.tags
    assert not {"img", "svg", "iframe", "style"} & set(a.tags) or \
        (standalone and a.tags.count("style") == 1)
    assert a.events == []
    assert a.links, "expected links to entries and DOIs"
    for href in a.links:
        assert href.startswith(("#ref-", "https://", "http://")), href
    # The hostile text is still there, as text.
    assert "&lt;script&gt;" in r.text or "&#60;script&#62;" in r.text


def test_markdown_output_is_inert_too():
    r = biblio.render_post(POST, DATA / "hostile.bib", to="markdown", allow_missing=True,
                           checks=LET_THROUGH)
    body = r.text.split("---\n", 2)[2]
    a = Audit()
    a.feed(body)
    assert "script" not in a.tags and a.events == []
    assert all(h.startswith(("#ref-", "https://", "http://")) for h in a.links)


def test_nothing_in_a_post_or_entry_is_a_template():
    items = [{"id": "t", "type": "book", "title": "{{ 7*7 }} {% raw %} ${7*7} #{7*7}",
              "author": [{"family": "{{config}}"}], "issued": {"date-parts": [[2020]]}}]
    r = biblio.render_post("{{ 7*7 }} [@t]", items)
    assert "49" not in r.text
    assert "{{ 7*7 }}" in r.text and "{{config}}" in r.text


MARKDOWN_HOSTILE = r"""
@misc{evil, author = {{[click](javascript:alert(1))}}, year = {2020},
  title = {![x](javascript:alert(2)) <img src=x onerror=alert(3)> a|b ~y~ @k *em* `code`},
  url = {https://x.org/a)[click](javascript:alert(4)}}
@misc{spaced, author = {Roe, J.}, title = {T}, year = {2020},
  url = {https://x.org/a b<img src=x onerror=alert(5)>}}
@misc{doi, author = {Roe, K.}, title = {T}, year = {2020}, doi = {10.1000/a)[c](javascript:alert(6)}}
@misc{dashy, author = {{- Hack}}, title = {T}, year = {2020}}
"""


def test_format_markdown_stays_text_under_every_processor(tmp_path, monkeypatch, cli):
    """`format --to markdown`: field text and link destinations cannot become links, images,
    raw HTML or blocks once a Markdown processor reads the output (issue 18, class 1)."""
    import markdown
    from markdown_it import MarkdownIt

    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text(MARKDOWN_HOSTILE)
    r = cli(["format", "--all", "--to", "markdown", "--style", "apa"])
    assert r.exit_code == 0, r.output
    for out in (MarkdownIt("commonmark", {"html": True}).render(r.stdout),
                markdown.markdown(r.stdout)):
        a = Audit()
        a.feed(out)
        assert a.events == [] and "img" not in a.tags and "code" not in a.tags
        assert "ul" not in a.tags and "blockquote" not in a.tags
        for href in a.links:
            assert href.startswith("https://") and "javascript" not in href.split("%")[0], href
        assert "javascript:alert(1)" in out and "<img" not in out  # there, as text
        assert out.count("<em>") == 4  # the four titles APA italicises, no more


def test_a_style_without_a_citation_is_a_located_error(tmp_path, run_biblio):
    """Found by the fuzz harness: a well-formed <style> with no cs:citation crashed `render`
    (exit 3); CSL 1.0.2 requires one, so it is a bad style, exit 2, like any other."""
    import shutil

    for name in ("posts", "references.bib"):
        src = Path(__file__).resolve().parent.parent / name
        (shutil.copytree if src.is_dir() else shutil.copy)(src, tmp_path / name)
    (tmp_path / "noc.csl").write_text(
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0"><info/></style>')
    for args in (["render", "posts/dry-needling.md"], ["format", "--all"], ["build"]):
        r = run_biblio([*args, "--style", "noc.csl"], cwd=tmp_path)
        assert r.returncode == 2, (args, r.stderr)
        assert "noc.csl:1:1: error[bad-style]: the style has no <citation>" in r.stderr


def test_control_characters_in_a_hand_written_bib_never_reach_a_page(tmp_path, cli,
                                                                      monkeypatch):
    """A NUL or an escape typed into the .bib itself (imports strip them already) is dropped
    on the way to the engine: no page or terminal gets it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text(
        "@book{n1, author={Doe, J\x00ane}, title={A \x00title\x1b[31m red}, year={2020},"
        " publisher={P}}\n")
    for to in ("html", "text", "markdown"):
        r = cli(["format", "--all", "--to", to, "--style", "apa"])
        assert r.exit_code == 0, r.output
        assert not any(c in r.stdout for c in "\x00\x1b"), (to, r.stdout)
        assert "Doe, J." in r.stdout and "31m red" in r.stdout
