"""APA 7 6.17 applies sentence case to English titles; a title in another language keeps the
capitals its language requires (German nouns). The item's own language decides
(`langid`, `hyphenation`, `language`: biblio.csl.language.is_english), not the output locale."""

import pytest

from biblio import csl, tocsl
from biblio.csl.language import is_english, tag

TITLE_CASE_STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><id>t</id><title>t</title><updated>2024-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout><text variable="container-title" text-case="title"/></layout></bibliography>
</style>"""


@pytest.mark.parametrize("value, english", [
    ("english", True), ("british", True), ("en-GB", True), ("en_US", True), ("English", True),
    ("ngerman", False), ("german", False), ("de", False), ("French", False),
    ("english and german", True), ("french language", False),
])
def test_is_english_reads_babel_names_tags_and_csl_names(value, english):
    assert is_english(value) is english


def test_is_english_of_an_unmarked_item_is_the_callers_default():
    assert is_english(None) is True and is_english("", unmarked=False) is False
    assert tag("ngerman") == "de-DE" and tag("en_gb") == "en-GB"


@pytest.mark.parametrize("field", ["langid", "hyphenation", "language"])
def test_apa_6_17_a_german_title_keeps_its_nouns_capitalised(field):
    item, _ = tocsl.to_csl("k", "book", {"title": "Die Geburt der Tragödie aus dem Geiste der "
                                                  "Musik", field: "ngerman"})
    assert item["title"] == "Die Geburt der Tragödie aus dem Geiste der Musik"
    assert item["language"] == "de-DE"


def test_apa_6_17_an_entry_marked_english_keeps_sentence_case_under_another_locale():
    # english=False: the document or locale is not English; the entry says it is
    item, _ = tocsl.to_csl("k", "book", {"title": "The Art of War", "langid": "english"},
                           english=False)
    assert item["title"] == "The art of war"
    unmarked, _ = tocsl.to_csl("k", "book", {"title": "The Art of War"}, english=False)
    assert unmarked["title"] == "The Art of War"


def test_text_case_title_applies_to_english_items_only():
    items = [{"id": "de", "type": "article-journal", "container-title": "Annalen der Physik",
              "language": "de-DE"},
             {"id": "en", "type": "article-journal", "container-title": "annals of physics",
              "language": "en-US"}]
    out = csl.render(TITLE_CASE_STYLE, items, output="text", locale="de-DE")
    texts = sorted(e.text for e in out.bibliography)
    assert texts == ["Annalen der Physik", "Annals of Physics"]


def test_format_with_a_german_locale_keeps_an_english_entrys_sentence_case(cli, project):
    (project / "references.bib").write_text(
        "@book{sun, author = {Sun, Tzu}, title = {The Art of War}, year = {2005},\n"
        "  publisher = {Shambhala}, langid = {english}}\n", encoding="utf-8")
    r = cli(["format", "sun", "--locale", "de-DE", "--to", "text"])
    assert r.exit_code == 0, r.output
    assert "The art of war" in r.stdout
