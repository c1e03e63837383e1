"""text-case on a title whose words are split by markup: a protected word's "’s" or plural
"s" goes on with the word, so it is not capitalized as a word of its own."""

from __future__ import annotations

from biblio.csl import render

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
<info><title>t</title><id>t</id><updated>2020-01-01T00:00:00+00:00</updated></info>
<citation><layout><text variable="title"/></layout></citation>
<bibliography><layout><text variable="title" text-case="%s"/></layout></bibliography>
</style>"""


def _cased(case: str, title: str) -> str:
    item = {"id": "a", "type": "book", "title": title, "language": "en"}
    return render(STYLE % case, [item], None, output="text").bibliography[0].text


def test_title_case_leaves_the_possessive_after_a_protected_word():
    # BibTeX's "{Goethe}'s" (biblatex-examples' gillies) and an italic name
    assert _cased("title", 'the preparation of <span class="nocase">Goethe</span>’s idea'
                  ) == "The Preparation of Goethe’s Idea"
    assert _cased("title", "of <i>Goethe</i>'s idea") == "Of Goethe’s Idea"


def test_capitalize_all_leaves_the_end_of_a_protected_word():
    assert _cased("capitalize-all", 'the <span class="nocase">iPhone</span>s of today'
                  ) == "The iPhones Of Today"


def test_a_word_after_markup_and_a_space_is_still_a_word():
    assert _cased("title", "<i>Goethe</i> and his idea") == "Goethe and His Idea"
    assert _cased("title", "x<sup>2</sup>-test of it") == "X2-Test of It"
    # the last word is still the last word when a leaf before it ends glued to a word
    assert _cased("title", "<i>Goethe</i>’s way of") == "Goethe’s Way Of"


def test_the_text_of_a_tag_never_closed_is_no_word():
    # jgm/citeproc's issue_19: "<i>Wo> as …" prints as typed, and text-case leaves "<i>" alone
    title = "<i>Wo> as a politically significant term"
    assert _cased("title", title) == "<i>Wo> as a Politically Significant Term"
    assert _cased("sentence", title) == "<i>Wo> as a politically significant term"
