"""BibTeX names → CSL names."""

import pytest

from biblio import names


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
