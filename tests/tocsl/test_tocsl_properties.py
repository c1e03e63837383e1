"""Property tests: no field value makes the mapping raise; plain text passes through."""

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from biblio import tocsl
from biblio.tocsl import dates, latex, names, tables, titlecase

ALPHABET = st.characters(blacklist_categories=("Cs",))
PIECES = [*"ab AZé{}\\\"'`^~-$_&%#,.:;?!0123456789", "\\emph{", "\\'", "{\\\"u}", "\\ss",
          " and ", "--", "\\foo", "$x^2$", "\\v{", "\\url{"]
LATEXISH = st.lists(st.sampled_from(PIECES), max_size=20).map("".join)
TEXT = st.one_of(st.text(ALPHABET, max_size=40), LATEXISH)
FIELDS = ["author", "editor", "title", "subtitle", "journal", "booktitle", "date", "year",
          "month", "pages", "edition", "publisher", "location", "doi", "url", "note", "type",
          "entrysubtype", "langid", "eid", "number", "volume", "urldate", "editora",
          "editoratype", "pubstate", "howpublished", "options", "series", "keywords"]
TYPES = sorted(tables.TYPES) + ["unknowntype"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TYPES), st.dictionaries(st.sampled_from(FIELDS), TEXT, max_size=8))
def test_to_csl_never_raises_and_gives_json(etype, fields):
    item, problems = tocsl.to_csl("k", etype, fields)
    assert item["id"] == "k" and item["type"]
    json.dumps(item)  # always serialisable CSL-JSON
    assert all(p.key == "k" for p in problems)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_latex_and_names_never_raise(text):
    latex.to_text(text)
    latex.to_markup(text)
    names.parse_names(text)
    titlecase.sentence_case(text)
    try:
        dates.parse_date(text)
    except dates.BadDate:
        pass


WORDS = st.lists(st.text(st.characters(whitelist_categories=("Lu", "Ll", "Nd")), min_size=1,
                         max_size=12), max_size=8).map(" ".join)


@given(WORDS)
def test_plain_text_is_unchanged_by_latex_decoding(text):
    assert latex.to_markup(text) == (text, [])
    assert latex.to_text(text) == (text, [])


@given(st.text(st.characters(whitelist_categories=("Lu", "Ll", "Zs")), max_size=60))
def test_sentence_case_is_idempotent(text):
    once = titlecase.sentence_case(text)
    assert titlecase.sentence_case(once) == once
