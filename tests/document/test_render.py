"""Rendering posts: APA in-text citations, the reference list, pandoc-compatible markup."""

from html.parser import HTMLParser

import helpers
import pytest
from helpers import ROOT

import biblio
from biblio.diagnostics import BiblioError

BIB = ROOT / "references.bib"
POST = ROOT / "posts" / "dry-needling.md"


def render(text, **kw):
    return biblio.render_post(text, BIB, **kw)


def spans(html):
    """(data-cites, text) of each citation span."""
    class P(HTMLParser):
        def __init__(self):
            super().__init__()
            self.out, self.depth, self.cur = [], 0, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "span" and a.get("class") == "citation":
                self.cur = [a["data-cites"], ""]
                self.depth = 1
            elif self.cur and tag == "span":
                self.depth += 1

        def handle_endtag(self, tag):
            if self.cur and tag == "span":
                self.depth -= 1
                if self.depth == 0:
                    self.out.append(tuple(self.cur))
                    self.cur = None

        def handle_data(self, data):
            if self.cur:
                self.cur[1] += data
    p = P()
    p.feed(html)
    return p.out


def test_sample_post():
    r = render(POST.read_text(encoding="utf-8"), path=str(POST))
    got = spans(r.text)
    assert got == [
        ("apta2013dryneedling", "(American Physical Therapy Association, 2013, p. 3)"),
        ("kalichman2010dryneedling", "(Kalichman & Vulfsons, 2010)"),
        ("apta2013dryneedling", "(2013)"),
        ("edwards2015drma", "Edwards (2015)"),
        ("seguin2015interview", "(P. Seguin, personal communication, November 13, 2015)"),
        ("cagnie2013physiologic kalichman2010dryneedling",
         "(Cagnie et al., 2013; Kalichman & Vulfsons, 2010)"),
        ("cagnie2013physiologic", "Cagnie et al. (2013)"),
        ("kalichman2010dryneedling", "(Kalichman & Vulfsons, 2010, p. 642)"),
        ("ries2015ptinmotion", "(Ries, 2015)"),
    ]
    # The list sits where the post has ::: {#refs}, personal communications are not in it.
    assert '<div id="refs" class="references csl-bib-body hanging-indent" role="list">' in r.text
    assert r.text.count('class="csl-entry" role="listitem"') == 5
    assert "ref-seguin2015interview" not in r.text
    assert ":::" not in r.text
    assert r.diagnostics == []


def test_narrative_two_authors_join_with_and():
    r = render("@kalichman2010dryneedling [p. 3] found it.")
    assert spans(r.text) == [("kalichman2010dryneedling", "Kalichman and Vulfsons (2010, p. 3)")]
    # ... while the reference list keeps APA's ampersand.
    assert "Kalichman, L., &#38; Vulfsons, S." in r.text or "Kalichman, L., &amp; Vulfsons" in r.text


def test_personal_communication_narrative():
    r = render("As @seguin2015interview told us.")
    assert spans(r.text) == [("seguin2015interview",
                              "P. Seguin (personal communication, November 13, 2015)")]
    assert 'id="refs"' not in r.text  # nothing to list


def test_links_to_entries():
    r = render("[@kalichman2010dryneedling; @cagnie2013physiologic]")
    assert '<a href="#ref-kalichman2010dryneedling" role="doc-biblioref">' in r.text
    assert '<a href="#ref-cagnie2013physiologic" role="doc-biblioref">' in r.text
    assert 'id="ref-kalichman2010dryneedling"' in r.text


def test_no_links_when_off():
    r = render("[@kalichman2010dryneedling]", link_citations=False)
    assert "#ref-" not in r.text


def test_list_appended_under_heading_when_no_placeholder():
    r = render("Text [@ries2015ptinmotion].\n")
    assert r.text.index('<h2 class="unnumbered" id="references">References</h2>') < \
        r.text.index('<div id="refs"')


def test_front_matter_options():
    text = ("---\nreference-section-title: Sources\nlink-citations: false\n"
            "nocite: '@cagnie2013physiologic'\n---\nText [@ries2015ptinmotion].\n")
    r = render(text)
    assert ">Sources</h2>" in r.text and "#ref-" not in r.text
    assert "ref-cagnie2013physiologic" in r.text
    r = render("---\nsuppress-bibliography: true\n---\n[@ries2015ptinmotion]\n")
    assert 'id="refs"' not in r.text
    r = render("---\nnocite: '@*'\n---\nNo citations.\n")
    assert r.text.count('class="csl-entry"') == 5  # all but the personal communication


def test_code_urls_and_emails_stay_untouched():
    text = ("Inline `[@ries2015ptinmotion]` code, mail ries2015ptinmotion@example.com,\n"
            "<https://example.com/@ries2015ptinmotion> and https://x.org/@ries2015ptinmotion\n"
            "and \\@ries2015ptinmotion.\n\n```\n[@ries2015ptinmotion]\n```\n\n"
            "    @ries2015ptinmotion indented\n")
    r = render(text)
    assert spans(r.text) == []
    assert "<code>[@ries2015ptinmotion]</code>" in r.text
    assert "[@ries2015ptinmotion]\n</code></pre>" in r.text
    assert "ries2015ptinmotion@example.com" in r.text
    assert 'id="refs"' not in r.text


def test_a_citation_in_link_text_leaves_the_link_whole():
    # The link's text is looked into for its closing bracket: a citation there must not end
    # the link. It is a citation, printed without a link of its own (an <a> in an <a> is not
    # HTML), as pandoc prints it.
    r = render("A [link [@ries2015ptinmotion]](https://example.org) and "
               "[see @ries2015ptinmotion](https://example.com).\n")
    assert ('<a href="https://example.org">link <span class="citation" '
            'data-cites="ries2015ptinmotion">(Ries, 2015)</span></a>') in r.text
    assert ('<a href="https://example.com">see <span class="citation" '
            'data-cites="ries2015ptinmotion">Ries (2015)</span></a>') in r.text
    assert 'href="#ref-' not in r.text
    assert 'id="ref-ries2015ptinmotion"' in r.text


def test_markdown_output_keeps_the_rest():
    text = "---\ntitle: T\n---\n# T\n\nSee [@ries2015ptinmotion] and `[@x]`.\n"
    r = render(text, to="markdown")
    assert r.text.startswith("---\ntitle: T\n---\n# T\n\nSee <span class=\"citation\"")
    assert "`[@x]`" in r.text
    assert "## References" in r.text and '<div id="ref-ries2015ptinmotion"' in r.text


def test_html_posts():
    text = ("<html><body><p>Seen [@ries2015ptinmotion] <code>[@x]</code></p>\n"
            "<div id=\"refs\"></div>\n<p>end</p></body></html>")
    r = render(text, path="post.html")
    assert spans(r.text) == [("ries2015ptinmotion", "(Ries, 2015)")]
    assert "<code>[@x]</code>" in r.text
    assert r.text.index('id="ref-ries2015ptinmotion"') < r.text.index("<p>end</p>")


def test_a_citation_inside_an_html_link_is_not_a_second_link():
    # An <a> inside an <a> is not HTML (browsers end the outer link there): a citation in an
    # HTML link's text is printed without its link to the entry, as pandoc prints one in a
    # link's text. The same in an HTML post and in a Markdown post's HTML block.
    link = '<a href="https://x.org">see @ries2015ptinmotion</a> and [@ries2015ptinmotion]'
    for text, path in ((f"<p>{link}</p>\n", "post.html"),
                       (f"<div>{link}</div>\n\nx\n", "post.md")):
        out = render(text, path=path).text
        assert ('<a href="https://x.org">see <span class="citation" '
                'data-cites="ries2015ptinmotion">Ries (2015)</span></a>') in out, path
        assert out.count('href="#ref-ries2015ptinmotion"') == 1, path


def test_a_citation_in_an_image_description_is_its_text():
    # pandoc: ![see @key](x.png) has the alt text "see Ries (2015)" and lists the entry; the
    # citation was taken out of the alt text ("see ") and cited nowhere.
    r = render("An image ![see @ries2015ptinmotion [p. 3]](x.png) here.\n")
    assert '<img src="x.png" alt="see Ries (2015, p. 3)" />' in r.text
    assert 'id="ref-ries2015ptinmotion"' in r.text


def test_a_citation_in_an_image_description_makes_no_footnote():
    # pandoc, with a note style: the alt text keeps a narrative citation's names and nothing
    # else; no footnote is made for it (an alt text cannot point at one) and the next
    # citation's note is number 1. It was "see Ries1" and a footnote no reference reached.
    r = render("---\ncsl: chicago-notes-bibliography\n---\n"
               "An image ![see @ries2015ptinmotion](x.png) and ![[@ries2015ptinmotion]](y.png)"
               " here [@ries2015ptinmotion, 4].\n")
    assert '<img src="x.png" alt="see Ries" />' in r.text
    assert '<img src="y.png" alt="" />' in r.text
    assert r.text.count('class="footnote-ref"') == 1 and 'href="#fn1"' in r.text
    assert 'id="fn2"' not in r.text
    assert 'id="ref-ries2015ptinmotion"' in r.text


def test_a_citation_in_an_image_description_is_plain_text_in_markdown_output():
    r = render("An image ![see @ries2015ptinmotion [p. 3]](x.png) here.\n", to="markdown")
    assert "An image ![see Ries (2015, p. 3)](x.png) here." in r.text


def test_unknown_key_is_an_error_with_a_suggestion():
    with pytest.raises(BiblioError) as e:
        render("One.\n\nTwo [@kalichman2015].\n", path="posts/x.md")
    assert e.value.diagnostics[0].format() == (
        "posts/x.md:3:6: error[unknown-key]: no entry 'kalichman2015' in references.bib "
        "(did you mean 'kalichman2010dryneedling'?)")


def test_allow_missing_renders_like_pandoc():
    r = render("[@nokey]", allow_missing=True)
    assert spans(r.text) == [("nokey", "(nokey?)")]
    assert "<strong>nokey?</strong>" in r.text
    assert [d.rule for d in r.diagnostics] == ["unknown-key"]
    assert r.diagnostics[0].severity == "warning"


def test_render_command_missing_key_writes_nothing(tmp_path):
    post = tmp_path / "x.md"
    post.write_text("a\n\nb [@kalichman2015]\n", encoding="utf-8")
    out = tmp_path / "x.html"
    p = helpers.biblio(["render", str(post), "-o", str(out), "--bib", str(BIB)], cwd=ROOT)
    assert p.returncode == 1
    assert "x.md:3:4: error[unknown-key]: no entry 'kalichman2015' in references.bib " \
        "(did you mean 'kalichman2010dryneedling'?)" in p.stderr
    assert not out.exists()
    p = helpers.biblio(["render", str(post), "-o", str(out), "--bib", str(BIB), "--allow-missing"], cwd=ROOT)
    assert p.returncode == 0 and "warning[unknown-key]" in p.stderr and out.exists()


def test_render_command_standalone():
    p = helpers.biblio(["render", "posts/dry-needling.md", "--standalone"], cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("<!DOCTYPE html>")
    assert "text-indent: -2em" in p.stdout
    assert "<title>Dry needling: what it is and why it can help</title>" in p.stdout


def test_citations_in_raw_html_blocks_text_only():
    text = ('<div class="note" title="[@ries2015ptinmotion]">\nSee [@ries2015ptinmotion].\n'
            "<code>[@x]</code>\n</div>\n\nAfter.\n")
    for to in ("html", "markdown"):
        r = render(text, to=to)
        assert spans(r.text) == [("ries2015ptinmotion", "(Ries, 2015)")], to
        assert 'title="[@ries2015ptinmotion]"' in r.text and "<code>[@x]</code>" in r.text
    assert biblio.render_post(text, BIB, to="html").text.count("<div") == 3  # note, refs, entry


def test_locale_terms_for_locators_and_and():
    r = render("---\nlocale: de-DE\n---\n[@kalichman2010dryneedling, S. 33] und "
               "@kalichman2010dryneedling [Kap. 3]\n")
    assert spans(r.text) == [
        ("kalichman2010dryneedling", "(Kalichman & Vulfsons, 2010, S. 33)"),
        ("kalichman2010dryneedling", "Kalichman und Vulfsons (2010, Kapitel 3)")]


def test_bom_and_crlf():
    r = render("\ufeff---\r\ntitle: T\r\nlink-citations: false\r\n---\r\n[@ries2015ptinmotion]\r\n")
    assert spans(r.text) == [("ries2015ptinmotion", "(Ries, 2015)")] and "#ref-" not in r.text


def test_publisher_that_is_the_author_is_left_out_by_apa_only():
    # APA 7 9.24: a group author that is also the publisher is not repeated as publisher. It
    # is APA's rule: Chicago (17th ed., 14.84) and IEEE print the publisher.
    text = "[@apta2013dryneedling]\n"
    apa = render(text).text
    assert "resource paper</i>.\n</div>" in apa
    for style in ("chicago-author-date", "ieee"):
        listed = render(text, style=style).text.split('id="refs"')[1]
        assert listed.count("American Physical Therapy Association") == 2, (style, listed)


def test_an_unknown_key_among_known_ones_is_in_the_same_citation():
    # pandoc 3.9: "(Ries, 2015; nokey?)" — one citation, in the style's delimiter and
    # affixes, not "(Ries, 2015) (nokey?)"; a numeric style's "[1], nokey?" likewise.
    r = render("[@ries2015ptinmotion; @nokey] and @ries2015ptinmotion [p. 3; @other].\n",
               allow_missing=True)
    assert [t for _, t in spans(r.text)] == ["(Ries, 2015; nokey?)",
                                             "Ries (2015, p. 3; other?)"]
    assert "<b>nokey?</b>" in r.text
    r = render("[@ries2015ptinmotion; @nokey]\n", allow_missing=True, style="ieee")
    assert [t for _, t in spans(r.text)] == ["[1], nokey?"]


def test_a_publication_state_is_in_the_language_of_the_post(tmp_path):
    # biblatex's pubstate is a localisation key: `inpress` is "in press" in English, "sous
    # presse" in French, "en imprenta" in Spanish (the locale's "in press" term), as pandoc
    # prints it in a French post.
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{k2024,\n  author = {Kowalski, Marek},\n  title = {Blood flow},\n"
                   "  journal = {Sports Health},\n  pubstate = {inpress},\n}\n", encoding="utf-8")
    # A language alone ("fr", front matter's `lang: fr`) is its primary dialect, as the engine
    # reads it (it printed "in press" on a French page).
    for locale, state in (("en-US", "in press"), ("fr-FR", "sous presse"), ("es-ES", "en imprenta"),
                          ("fr", "sous presse"), ("pt", "no prelo")):
        r = biblio.render_post("[@k2024]\n", bib, locale=locale)
        assert spans(r.text) == [("k2024", f"(Kowalski, {state})")], locale
        assert f"Kowalski, M. ({state})." in r.text, locale


def test_a_forthcoming_work_is_in_press_in_apa_only(tmp_path):
    # biblatex's pubstate = {forthcoming} (an accepted work not yet out) is APA's "in press":
    # APA 7 9.17 knows no other word for it; Chicago (17th ed., 14.74) says "forthcoming".
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{k2024,\n  author = {Kowalski, Marek},\n  title = {Blood flow},\n"
                   "  journal = {Sports Health},\n  pubstate = {forthcoming},\n}\n",
                   encoding="utf-8")
    r = biblio.render_post("[@k2024]\n", bib)
    assert spans(r.text) == [("k2024", "(Kowalski, in press)")]
    assert "Kowalski, M. (in press)." in r.text
    r = biblio.render_post("[@k2024]\n", bib, locale="fr-FR")
    assert spans(r.text) == [("k2024", "(Kowalski, sous presse)")]
    r = biblio.render_post("[@k2024]\n", bib, style="chicago-author-date")
    assert "forthcoming" in r.text
