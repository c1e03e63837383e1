"""biblio.bib.scan (the fast reader) answers only when its answer is bibtexparser's.

Whenever scan.split returns blocks, library's two readers must agree on every block: kind,
exact text, position, entry type/key/fields, @string name/value, @preamble value — and
bibtexparser must have found nothing wrong. When scan.split returns None, reader.parse falls
back to bibtexparser, so only the "answered" case needs checking here.
"""

from __future__ import annotations

import pytest
from helpers import ROOT, TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.gen import bib_text
from biblio.bib import bibvalue, blocks, reader, scan

CORPUS = sorted((TESTS / "bib-corpus").glob("*.bib"))


def _shape(found):
    out = []
    for b in found:
        row = [type(b).__name__, b.text, b.line, b.col, b.offset]
        if isinstance(b, blocks.Entry):
            row += [b.type, b.key, [(f.name, f.raw) for f in b.fields]]
        elif isinstance(b, blocks.StringDef):
            row += [b.name, b.raw]
        elif isinstance(b, blocks.Preamble):
            row += [b.raw]
        out.append(row)
    return out


def _agree(text: str) -> bool:
    """True when scan answered (and then it must agree); False when it left it to bibtexparser."""
    found = scan.split(text)
    if found is None:
        return False
    fast = blocks.Library()
    slow = blocks.Library()
    fast_blocks, fast_strings = reader._blocks_from_scan(text, found, fast)
    slow_blocks, slow_strings = reader._blocks_from_bibtexparser(text, slow)
    assert slow.diagnostics == [], "scan accepted text bibtexparser finds wrong"
    assert _shape(fast_blocks) == _shape(slow_blocks)
    assert [s.name for s in fast_strings] == [s.name for s in slow_strings]
    assert "".join(b.text for b in fast_blocks) == text
    for b in fast_blocks:  # what the reader marks plain reads as the full splitter reads it
        for f in getattr(b, "fields", ()):
            if f.plain_raw is f.raw:
                assert f.plain() == bibvalue.resolve(bibvalue.split(f.raw), {})[0]
    return True


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_corpus_files_read_the_same_either_way(path):
    text = path.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    _agree(text)


def test_well_formed_files_take_the_fast_way():
    for name in ["crlf.bib", "nested-braces.bib", "non-ascii.bib", "preamble.bib",
                 "comment-with-braces.bib", "escapes.bib", "unknown-types.bib", "empty.bib",
                 "odd-spacing.bib", "at-signs.bib", "no-trailing-newline.bib"]:
        text = (TESTS / "bib-corpus" / name).read_text(encoding="utf-8")
        assert _agree(text), name
    assert _agree("% mail me@example.org, @ any time\n@misc{a, title = {x}}\n")
    assert _agree(bib_text(300, seed=5))
    assert _agree((ROOT / "references.bib").read_text("utf-8"))


@pytest.mark.parametrize("text", [
    "@misc{a, title = {x} year = 2020}\n",  # missing comma: bibtexparser's job
    "@misc{a, title = {x}, title = {y}}\n",  # duplicate field
    "@misc{a, title = {x}}\n@misc{a, title = {y}}\n",  # duplicate key
    "@misc(a, title = {x})\n",
    "@misc{a, title = {x\n",
    "@misc{a, title = {x\n@book{b, title = {y}}\n",
    "@misc{a, title = \"x {\"} y\"}\n",
    "@string{s = \"x\"}\n@string{s = \"y\"}\n",
    "@misc{a, title}\n",
    "@{a, title = {x}}\n",
])
def test_what_it_is_not_sure_of_goes_to_bibtexparser(text):
    assert scan.split(text) is None
    reader.parse(text)  # and the full reader copes


# -- generated files: well formed ones, lightly broken ones, and token soup ---------------

_piece_text = st.lists(st.sampled_from(
    list("ab ,=#@%()\\\"'\n\t{}~$") + ["é", "\\'e", "{\\\"u}", "\\{", "\\}", "{\"}", "\n@misc{",
                                     "\r\n", "\u00a0"]), max_size=12).map("".join)


@st.composite
def _value(draw):
    kind = draw(st.sampled_from(["brace", "quote", "bare", "concat"]))
    inner = draw(_piece_text)
    if kind == "brace":
        return "{" + inner + "}"
    if kind == "quote":
        return '"' + inner + '"'
    if kind == "bare":
        return draw(st.sampled_from(["2020", "jan", "acm", "x_1", "a-b"]))
    return draw(st.sampled_from(["jan", "{a}", '"b"'])) + draw(
        st.sampled_from([" # ", "#", " #\n "])) + draw(st.sampled_from(["{~1}", '"c"', "feb"]))


@st.composite
def _block(draw):
    space = st.sampled_from(["", " ", "\n  ", "\t", "\r\n  "])
    kind = draw(st.sampled_from(["entry", "entry", "entry", "string", "comment", "preamble"]))
    head = draw(st.sampled_from(["@", "@", "@", " @", "\n@"]))
    if kind == "string":
        return f"{head}string{{{draw(st.sampled_from(['acm', 'x', ' y ']))} = {draw(_value())}}}"
    if kind in ("comment", "preamble"):
        return f"{head}{kind}{{{draw(_piece_text)}}}"
    typ = draw(st.sampled_from(["misc", "Article", "BOOK", "online", "x_y"]))
    key = draw(st.sampled_from(["k1", "k2", "Key:3", "a/b", "", "k 4", "k5"]))
    fields = []
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.sampled_from(["title", "author", "Year", "note", "x-y", "title"]))
        fields.append(f"{draw(space)}{name}{draw(space)}={draw(space)}{draw(_value())}")
    sep = draw(st.sampled_from([",", ",", ",", ", ", " ,\n", ""]))
    tail = draw(st.sampled_from(["", ",", ",\n", "\n"]))
    close = draw(st.sampled_from(["}", "}", "}", ")", ""]))
    return f"{head}{typ}{draw(space)}{{{key},{sep.join(fields)}{tail}{close}"


_gap = st.sampled_from(["\n", "\n\n", "", "% a comment\n", "free text\n", "\r\n", " "])


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_gap, _block()), max_size=5), _gap)
def test_generated_files_read_the_same_either_way(parts, end):
    _agree("".join(g + b for g, b in parts) + end)


_soup = st.lists(st.sampled_from(
    ["@misc{", "@string{", "@comment{", "@preamble{", "@misc(", "k,", "title", " = ", "=", "{",
     "}", '"', '\\"', "\\{", "\\}", "{\"}", "#", ",", "\n", "\n@", " ", "(", ")", "a", "2020",
     "@", "%", "\r\n", "\t"]), max_size=40)


@settings(max_examples=600, deadline=None)
@given(_soup)
def test_token_soup_reads_the_same_either_way(tokens):
    _agree("".join(tokens))
