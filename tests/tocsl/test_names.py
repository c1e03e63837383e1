"""BibTeX names → CSL names."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.tocsl import names
from biblio.tocsl.entry import to_csl


@pytest.mark.parametrize("src, out", [
    ("Cagnie, Barbara", {"family": "Cagnie", "given": "Barbara"}),
    ("Barbara Cagnie", {"family": "Cagnie", "given": "Barbara"}),
    ("{American Physical Therapy Association}",
     {"literal": "American Physical Therapy Association"}),
    ("{{IEEE} Standards Association}", {"literal": "IEEE Standards Association"}),
    # particles: non-dropping (APA 9.8 "van der Maaten, L."), in all three forms
    ("van der Maaten, Laurens",
     {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"}),
    ("Laurens van der Maaten",
     {"family": "Maaten", "given": "Laurens", "non-dropping-particle": "van der"}),
    ("de la Fontaine, Jr., Jean",
     {"family": "Fontaine", "given": "Jean", "non-dropping-particle": "de la", "suffix": "Jr."}),
    # suffixes: von Last, Jr, First, and the common "First Last, Jr." mistake
    ("Smith, Jr., John", {"family": "Smith", "given": "John", "suffix": "Jr."}),
    ("Martin Luther King, Jr.", {"family": "King", "given": "Martin Luther", "suffix": "Jr."}),
    ("Gates, III, William", {"family": "Gates", "given": "William", "suffix": "III"}),
    # hyphenated given names, initials without spaces
    ("Sartre, Jean-Paul", {"family": "Sartre", "given": "Jean-Paul"}),
    ("J.G. Smith", {"family": "Smith", "given": "J. G."}),
    # LaTeX, and a special character deciding the von test
    (r"{\"O}zt{\"u}rk, Ali", {"family": "Öztürk", "given": "Ali"}),
    (r"Charles de la Vall{\'e}e Poussin",
     {"family": "Vallée Poussin", "given": "Charles", "non-dropping-particle": "de la"}),
    (r"{\'E}mile Zola", {"family": "Zola", "given": "Émile"}),
    # protected family name with a lowercase start
    ("{van Gogh}, Vincent", {"family": "van Gogh", "given": "Vincent"}),
    ("Aristotle", {"family": "Aristotle"}),
])
def test_parse_name(src, out):
    assert names.parse_name(src) == (out, [])


def test_useprefix_false_makes_the_particle_dropping():
    name, _ = names.parse_name("van der Maaten, Laurens", useprefix=False)
    assert name == {"family": "Maaten", "given": "Laurens", "dropping-particle": "van der"}


def test_lists_split_on_and_outside_braces_only():
    got, problems, others = names.parse_names(
        "{Barnes and Noble} and Doe, J. AND Roe, R. and others")
    assert got == [{"literal": "Barnes and Noble"}, {"family": "Doe", "given": "J."},
                   {"family": "Roe", "given": "R."}]
    assert others and not problems


def test_a_list_ending_in_and_others_keeps_it_as_a_last_name_others():
    # pandoc's reading: the engine prints the style's "et al." there (tocsl → CSL-JSON)
    got, _ = to_csl("k", "article", {"author": "Zed, Anna and Abe, Bob and others",
                                     "title": "T"})
    assert got["author"] == [{"family": "Zed", "given": "Anna"},
                             {"family": "Abe", "given": "Bob"}, {"literal": "others"}]
    got, _ = to_csl("k", "article", {"author": "others", "title": "T"})
    assert "author" not in got  # no names at all: nothing to add "et al." to


_NAME_PIECES = st.sampled_from(["Smith", "J.", " ", " and ", " AND ", "\n", "\u00a0and ", "{",
                                "}", "{Barnes and Noble}", ",", "~", "van", "others"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_NAME_PIECES, max_size=12).map("".join))
def test_name_spans_split_as_split_names_does(text):
    # the checks point at names by offset (name_spans); tocsl converts split_names' names
    spans = names.name_spans(text)
    assert [n for _, n in spans] == [text[at:at + len(n)] for at, n in spans]
    text = text.strip()  # split_names strips the list first: a leading " and " is a name's
    spans = names.name_spans(text)
    assert [n.strip() for _, n in spans if n.strip()] == names.split_names(text)


def test_name_spans_keep_offsets_and_braces():
    text = "Doe, J. and {Barnes and Noble} and\u00a0Roe, R."
    assert names.name_spans(text) == [(0, "Doe, J."), (12, "{Barnes and Noble}"), (35, "Roe, R.")]
    assert names.name_parts("{Doe, Jr}, J. , X") == ["{Doe, Jr}", "J.", "X"]
