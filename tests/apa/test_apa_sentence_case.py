"""APA 7 6.17 (sentence case of the titles of works), on real-world BibTeX: the title corpus
ratchet and one fixture per class of failure (BibTeX in → APA string out)."""

import pytest
from title_corpus import MISSES, misses, printed, rows

from biblio import rules
from biblio.bib import library


def test_apa_6_17_title_corpus_prints_as_recorded():
    """The corpus of real titles: every title prints as APA 7 wants except the recorded misses
    (each needs the writer's braces); the list only shrinks."""
    assert len(rows()) >= 200
    recorded = {line.split("\t", 1)[1] for line in MISSES.read_text(encoding="utf-8").splitlines()
                if line and not line.startswith("#")}
    assert {typed for typed, _, _ in misses()} == recorded


@pytest.mark.parametrize("typed, apa", [
    # Title Case with a lower-case word Title Case leaves so: prepositions, "using", pronouns
    ("Judgment under Uncertainty: Heuristics and Biases",
     "Judgment under uncertainty: Heuristics and biases"),
    ("Visualizing Data using t-SNE", "Visualizing data using t-SNE"),
    ("Attention is All you Need", "Attention is all you need"),
    ("An Information-flow Tracking System", "An information-flow tracking system"),
    ("Fitting Linear Mixed-Effects Models Using lme4",
     "Fitting linear mixed-effects models using lme4"),
    # one braced letter protects its word, not the title
    ("{T}he Elements of Statistical Learning", "The elements of statistical learning"),
    ("Scikit-learn: Machine Learning in {P}ython", "Scikit-learn: Machine learning in Python"),
    ("{B}ayesian Data Analysis", "Bayesian data analysis"),
    # a title braced whole is sentence-cased inside, its inner braces kept
    ("{The HiSPARC Cosmic Ray Experiment}", "The HiSPARC cosmic ray experiment"),
    # a Title Case segment before a sentence-case one
    ("Machine Learning: Trying to predict a numerical value",
     "Machine learning: Trying to predict a numerical value"),
])
def test_apa_6_17_title_case_is_recognised(typed, apa):
    assert printed(typed) == apa


@pytest.mark.parametrize("typed, apa", [
    # a period, colon or ? inside a word does not end a sentence
    ("Node.js: Using JavaScript to Build High-Performance Network Programs",
     "Node.js: Using JavaScript to build high-performance network programs"),
    ("Scraping reddit.com for Opinions", "Scraping reddit.com for opinions"),
    # a quotation marked up as such is a title inside the title: its capitals stay
    ("Aristotle's \\mkbibquote{De Motu Animalium}", "Aristotle’s “De Motu Animalium”"),
    # \hyphen is a hyphen
    ("Methodology\\hyphen independent Energies", "Methodology-independent energies"),
    # known proper adjectives and names are kept, in Title Case and in ALL CAPS
    ("Hyperparameter Tuning the Random Forest in Python",
     "Hyperparameter tuning the random forest in Python"),
    ("A SURVEY OF MONTE CARLO TREE SEARCH METHODS", "A survey of Monte Carlo tree search methods"),
    # a title's first word in lower case: a function word is capitalised, a name is not
    ("how to use sklearn", "How to use sklearn"),
    ("pandas: data frames", "pandas: Data frames"),
])
def test_apa_6_17_words_and_punctuation(typed, apa):
    assert printed(typed) == apa


def _check(tmp_path, text):
    p = tmp_path / "refs.bib"
    p.write_text(text, encoding="utf-8")
    lib = library.load(p)
    return [d for d in rules.run(lib) if d.rule in ("title-case", "unprotected-word")]


def test_apa_6_17_check_shows_the_title_that_will_print(tmp_path):
    # a proper noun in a Title Case title cannot be told from a word: check shows the string
    diags = _check(tmp_path, "@article{a, title = {Travell, Simons \\& Simons' Myofascial Pain},"
                             " journal = {J}, year = {2000}}\n")
    assert any("biblio prints it as 'Travell, simons & simons’ myofascial pain'" in d.fix
               for d in diags)


def test_apa_6_17_mixed_case_title_warns_with_the_printed_string(tmp_path):
    diags = _check(tmp_path, "@article{a, title = {The FAIR Guiding Principles for scientific "
                             "data management}, journal = {J}, year = {2016}}\n")
    guiding = [d for d in diags if "'Guiding'" in d.message]
    assert guiding and "prints the title as 'The FAIR Guiding Principles for scientific data " \
        "management'" in guiding[0].message


def test_apa_6_17_fix_never_braces_an_ordinary_word_of_a_mixed_case_title(tmp_path):
    # braces would lock in a capital APA lowercases; acronyms are still braced
    p = tmp_path / "refs.bib"
    p.write_text("@book{a, title = {The Rhetoric of DNA with a commentary}, year = {1877}}\n",
                 encoding="utf-8")
    lib = library.load(p)
    rules.apply_fixes(lib)
    title = next(f for f in lib.entries[0].fields if f.name == "title").raw
    assert title == "{The Rhetoric of {DNA} with a commentary}"
