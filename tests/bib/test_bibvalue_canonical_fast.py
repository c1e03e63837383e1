"""canonical_raw's shortcut (values starting with a brace or a macro) changes no result."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from biblio.bib import bibvalue


def by_pieces(raw: str) -> str:
    """canonical_raw without the shortcut: split, then brace one quoted or numeric piece."""
    try:
        pieces = bibvalue.split(raw)
    except bibvalue.BadValue:
        return raw
    if len(pieces) == 1 and pieces[0].kind in ("quoted", "number"):
        return "{" + pieces[0].text + "}"
    return raw


EXAMPLES = ["{Title}", "{A {B} c}", "{a} # jan", "jan", "jan # {~1}", 'jan # "x"', '"x"',
            "2020", ' "x"', " {x}", "{unbalanced", "}", "", "x#", '{a} # "b"', "a # 2",
            '"{q}"', "pre # {Proceedings}", "Jan"]


def test_examples_are_unchanged_by_the_shortcut():
    for raw in EXAMPLES:
        assert bibvalue.canonical_raw(raw) == by_pieces(raw), raw


@given(st.text(alphabet='{}"# a1jan\n', max_size=20))
def test_any_value_is_unchanged_by_the_shortcut(raw):
    assert bibvalue.canonical_raw(raw) == by_pieces(raw)


def test_a_brace_closing_nothing_inside_quotes_is_an_error():
    # BibTeX rejects "Smith} and {Jones"; bibtexparser reads it as one quoted value.
    import pytest

    from biblio.bib import bibvalue

    with pytest.raises(bibvalue.BadValue) as e:
        bibvalue.split('"Smith} and {Jones"')
    assert e.value.rule == "unbalanced-braces" and e.value.offset == 6
    assert bibvalue.split('"{Smith} and {Jones}"')[0].text == "{Smith} and {Jones}"
