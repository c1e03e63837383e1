"""`biblio fmt`: idempotent, loses nothing, leaves canonical text alone, refuses broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT, TESTS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblio.bib import fmt, library, reader
from biblio.bib.blocks import Comment, Preamble, StringDef, Text
from biblio.diagnostics import BiblioError

CORPUS = sorted((TESTS / "bib-corpus").glob("*.bib"))
STYLES = [
    fmt.DEFAULT,
    fmt.Style(indent="    ", quotes=True, field_case="upper", type_case="upper"),
    fmt.Style(field_order=("title", "author", "year"), sort="author-year", wrap=40),
    fmt.Style(indent="\t", sort="key", wrap=60),
]


def fmt_text(text: str, style: fmt.Style = fmt.DEFAULT) -> str:
    lib = reader.parse(text, "t.bib")
    fmt.format_library(lib, style)
    return lib.render()


def alnum(raw: str) -> str:
    return "".join(c for c in raw if c.isalnum())


def inventory(text: str) -> dict:
    """What must survive formatting: entries and their fields (letters and digits of each
    value), @string and @preamble values, comments and free text."""
    lib = reader.parse(text, "t.bib")
    entries = sorted((e.type.lower(), e.key, tuple(sorted((f.name.lower(), alnum(f.raw))
                                                          for f in e.fields)))
                     for e in lib.entries)
    others = [(type(b).__name__, b.text) for b in lib.blocks
              if isinstance(b, (StringDef, Preamble, Comment))]
    free = "".join(b.text for b in lib.blocks if isinstance(b, Text))
    return {"entries": entries, "others": others, "free": re.sub(r"\s", "", free)}


# -- the nasty corpus --------------------------------------------------------------------------

def _readable(path: Path) -> bool:
    lib = library.load(path)
    return not fmt.syntax_errors(lib)


GOOD_CORPUS = [p for p in CORPUS if _readable(p)]
BAD_CORPUS = [p for p in CORPUS if not _readable(p)]


def _text(path: Path) -> str:
    data = path.read_bytes()
    return library.decode(data, str(path))[0]


@pytest.mark.parametrize("style", STYLES, ids=["default", "quotes-upper", "order-wrap",
                                                "tab-key"])
@pytest.mark.parametrize("path", GOOD_CORPUS, ids=[p.name for p in GOOD_CORPUS])
def test_corpus_is_idempotent_and_lossless(path, style):
    text = _text(path)
    once = fmt_text(text, style)
    assert fmt_text(once, style) == once
    assert inventory(once) == inventory(text)
    assert not fmt.syntax_errors(reader.parse(once, "t.bib"))


def test_the_corpus_has_broken_files_too():
    assert {p.name for p in BAD_CORPUS} >= {"malformed.bib", "duplicate-keys.bib"}


@pytest.mark.parametrize("path", BAD_CORPUS, ids=[p.name for p in BAD_CORPUS])
def test_broken_files_are_refused(path):
    lib = library.load(path)
    with pytest.raises(BiblioError) as e:
        fmt.format_library(lib)
    assert e.value.exit_code == 1
    assert all(d.severity == "error" for d in e.value.diagnostics)


def test_canonical_entries_keep_their_bytes():
    text = ROOT.joinpath("references.bib").read_text()
    lib = reader.parse(text, "t.bib")
    assert fmt.format_library(lib).changed == []
    assert lib.render() == text


def test_only_non_canonical_entries_change():
    text = ("% head\n@article{a,\n  title = {x},\n}\n\n@ARTICLE{b, Title = \"y\", year = 2020}"
            "\n%tail\n")
    lib = reader.parse(text, "t.bib")
    out = fmt.format_library(lib)
    assert [e.key for e in out.changed] == ["b"]
    assert lib.render() == ("% head\n@article{a,\n  title = {x},\n}\n\n"
                            "@article{b,\n  title = {y},\n  year = {2020},\n}\n%tail\n")


def test_crlf_files_stay_crlf():
    text = "@article{b, title = {y}}\r\n\r\n@article{a,\r\n  title = {x},\r\n}\r\n"
    assert fmt_text(text) == ("@article{b,\r\n  title = {y},\r\n}\r\n\r\n"
                              "@article{a,\r\n  title = {x},\r\n}\r\n")


def test_a_comment_inside_an_entry_is_left_alone():
    text = "@article{a,\n  % keep me\n  title = {x}}\n"
    lib = reader.parse(text, "t.bib")
    out = fmt.format_library(lib)
    assert [d.rule for d in out.skipped] == ["comment-in-entry"]
    assert lib.render() == text


def test_styles():
    text = ('@string{j = {Journal}}\n\n@Article{zed,\n  Year = 2001,\n  Title = {A "quoted" word},'
            '\n  Author = {Zed, Z.},\n  journal = j # { of Things},\n}\n\n'
            '@book{abe, author = {Abe, A.}, title = {{B} book about a long list of many words '
            'that goes on}, year = {1999}}\n')
    style = fmt.Style(indent="    ", quotes=True, field_case="upper", type_case="upper",
                      field_order=("author", "title"), sort="author-year", wrap=40)
    assert fmt_text(text, style) == (
        '@string{j = {Journal}}\n\n'
        '@BOOK{abe,\n    AUTHOR = "Abe, A.",\n    TITLE = "{B} book about a long list\n'
        '        of many words that goes on",\n    YEAR = "1999",\n}\n\n'
        '@ARTICLE{zed,\n    AUTHOR = "Zed, Z.",\n    TITLE = {A "quoted" word},\n'
        '    YEAR = "2001",\n    JOURNAL = j # { of Things},\n}\n')


@pytest.mark.parametrize("table,message", [
    ({"indent": "wide"}, "indent"), ({"delimiters": "angle"}, "delimiters"),
    ({"sort": "random"}, "sort"), ({"wrap": 5}, "wrap"), ({"field-case": "camel"}, "field-case"),
    ({"field-order": "title"}, "field-order"), ({"colour": "red"}, "colour")])
def test_bad_settings_are_usage_errors(table, message):
    with pytest.raises(BiblioError) as e:
        fmt.Style.from_config(table)
    assert e.value.exit_code == 2
    assert message in e.value.diagnostics[0].message


# -- generated files (hypothesis) -------------------------------------------------------------

_ws = st.sampled_from(["", " ", "  ", "\t", "\n", "\n  ", " \n\t"])
_word = st.text(st.characters(codec="utf-8", exclude_characters='{}"@%\\#\r\x00',
                              exclude_categories=("Cs", "Cc")), min_size=0, max_size=12)


@st.composite
def braced_text(draw, depth=0):
    parts = draw(st.lists(st.one_of(_word, _word.map(lambda w: "{" + w + "}"),
                                    st.sampled_from(["{\\\"o}", "\\&", "{\\'e}", "--", "%"])),
                          max_size=6))
    return "".join(parts)


@st.composite
def value(draw, macros):
    kind = draw(st.sampled_from(["braced", "quoted", "number", "macro", "concat"]))
    if kind == "braced":
        return "{" + draw(braced_text()) + "}"
    if kind == "quoted":
        return '"' + draw(braced_text()).replace('"', "") + '"'
    if kind == "number":
        return str(draw(st.integers(0, 99999)))
    if kind == "macro" and macros:
        return draw(st.sampled_from(macros))
    return "{" + draw(braced_text()) + "} # " + (draw(st.sampled_from(macros)) if macros
                                                 else "{x}")


_names = st.sampled_from(["author", "Title", "YEAR", "journal", "pages", "note", "doi",
                          "url", "x-custom", "editor", "month", "booktitle"])
_types = st.sampled_from(["article", "Book", "INPROCEEDINGS", "misc", "online", "thing"])


@st.composite
def bib_file(draw):
    macros = draw(st.lists(st.sampled_from(["jan", "acm", "ieee", "jx"]), unique=True,
                           max_size=3))
    blocks = []
    for m in macros:
        if m != "jan":
            blocks.append(f"@string{{{m} = {{{draw(braced_text())}}}}}")
    for i in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["entry", "entry", "entry", "comment", "preamble",
                                     "atcomment"]))
        if kind == "comment":
            blocks.append("% " + draw(_word).replace("\n", " "))
        elif kind == "preamble":
            blocks.append("@preamble{\"" + draw(_word).replace('"', "") + "\"}")
        elif kind == "atcomment":
            blocks.append("@comment{" + draw(braced_text()) + "}")
        else:
            names = draw(st.lists(_names, unique_by=str.lower, max_size=6))
            fields = [f"{draw(_ws)}{n}{draw(_ws)}={draw(_ws)}{draw(value(macros))}"
                      for n in names]
            open_, close = draw(st.sampled_from([("{", "}"), ("(", ")")]))
            trailing = draw(st.sampled_from(["", ",", ",\n"]))
            blocks.append(f"@{draw(_types)}{open_}key{i},"
                          + ",".join(fields) + trailing + draw(_ws) + close)
    seps = [draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n% note\n"])) for _ in blocks]
    return "".join(b + s for b, s in zip(blocks, seps))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bib_file(), st.sampled_from(STYLES))
def test_generated_files_round_trip(text, style):
    lib = reader.parse(text, "t.bib")
    if fmt.syntax_errors(lib):
        with pytest.raises(BiblioError):
            fmt.format_library(lib, style)
        return
    once = fmt_text(text, style)
    assert fmt_text(once, style) == once
    assert inventory(once) == inventory(text)
    again = reader.parse(once, "t.bib")
    assert not fmt.syntax_errors(again)
    for e in again.entries:  # whatever was rewritten is now canonical and stays so
        assert e.text == fmt.canonical(e, style) or not fmt.formattable(e)


# -- fmt --fix: letters change only where a reported fix changed them --------------------------

_FIXABLE = [
    ("pages", "{1-7}"), ("pages", "{12--19}"), ("month", "{May}"), ("month", "nov"),
    ("doi", "{https://doi.org/10.1000/xyz}"), ("doi", "{10.1000/abc}"), ("edition", "{2nd}"),
    ("langid", "{en}"), ("langid", "{english}"), ("author", "{Leonid Kalichman, PT, PhD}"),
    ("author", "{Ries, E and Roe, J R}"), ("author", "{Barbara Cagnie, Vincent Dewitte, Tom Barbe}"),
    ("author", "{American Physical Therapy Association}"), ("author", "{Roe, Jane}"),
    ("title", "{Machine Learning with Gaussian Processes}"), ("title", "{Repair of {DNA}}"),
    ("title", "{Inference with DNA and COVID-19}"), ("jounral", "{J}"), ("note", "{Retrieved}"),
]


@st.composite
def fixable_file(draw):
    out = []
    for i in range(draw(st.integers(1, 4))):
        fields = draw(st.lists(st.sampled_from(_FIXABLE), unique_by=lambda f: f[0], max_size=6))
        body = ",\n".join(f"  {n} = {v}" for n, v in fields)
        out.append(f"@{draw(st.sampled_from(['article', 'book', 'report']))}{{k{i},\n{body}\n}}\n")
    return "\n".join(out)


def _fixed_fields(done) -> set[tuple[str, str]]:
    out = set()
    for d in done:
        key, what = re.match(r"fixed '([^']*)': (.*)", d.message).groups()
        if what.startswith("renamed field "):
            old, new = what[len("renamed field "):].split(" → ")
            out |= {(key, old), (key, new)}
        else:
            out.add((key, what.split(":", 1)[0]))
    return out


@settings(max_examples=100, deadline=None)
@given(fixable_file())
def test_fix_changes_letters_only_in_reported_fields(text):
    from biblio import rules

    lib = reader.parse(text, "t.bib")
    fmt.format_library(lib)
    done = rules.apply_fixes(lib)
    fixed = _fixed_fields(done)
    before = reader.parse(text, "t.bib")
    after = reader.parse(lib.render(), "t.bib")
    assert not fmt.syntax_errors(after)
    assert [e.key for e in after.entries] == [e.key for e in before.entries]
    for old, new in zip(before.entries, after.entries):
        old_fields = {f.name.lower(): alnum(f.raw) for f in old.fields}
        new_fields = {f.name.lower(): alnum(f.raw) for f in new.fields}
        for name in old_fields.keys() | new_fields.keys():
            if old_fields.get(name) != new_fields.get(name):
                assert (old.key, name) in fixed, (old.key, name)
    # fixing is done in one go: nothing is left to fix, and the result is canonical
    assert rules.apply_fixes(after) == []
    assert fmt_text(lib.render()) == lib.render()
