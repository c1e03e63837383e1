"""APA sentence case."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from biblio.tocsl import latex, titlecase


@pytest.mark.parametrize("src, out", [
    ("Physiologic Effects of Dry Needling", "Physiologic effects of dry needling"),
    ("Description of Dry Needling in Clinical Practice: An Educational Resource Paper",
     "Description of dry needling in clinical practice: An educational resource paper"),
    # already sentence case: left alone, so an unprotected proper noun survives
    ("A history of Paris", "A history of Paris"),
    ("Dry needling in the management of musculoskeletal pain",
     "Dry needling in the management of musculoskeletal pain"),
    # acronyms, mixed case, digits, the pronoun I, initials
    ("The Role of DNA in iPhone Users", "The role of DNA in iPhone users"),
    ("COVID-19 and Why I Stayed Home", "COVID-19 and why I stayed home"),
    ("Letters of J. S. Bach", "Letters of J. S. bach"),
    # hyphenated words: every part
    ("Evidence-Based Practice", "Evidence-based practice"),
    # after a colon, an em dash, or end punctuation; not after "Dr."
    ("Pain—The Silent Epidemic", "Pain—The silent epidemic"),
    ("Why Now? Answers From Practice", "Why now? Answers from practice"),
    ("Dr. Smith Goes to Washington", "Dr. smith goes to washington"),
    # ALL CAPS titles
    ("THE ART OF WAR", "The art of war"),
    # Title Case typed with its short verbs in lower case (as arXiv and Google Scholar give it)
    ("Language Models are Few-Shot Learners", "Language models are few-shot learners"),
    ("Attention is All You Need", "Attention is all you need"),
    # …but a sentence-case title with a capitalised name is still left alone
    ("Why Paris is great", "Why Paris is great"),
    ("Pain is a Puzzle", "Pain is a puzzle"),
])
def test_sentence_case(src, out):
    assert titlecase.sentence_case(src) == out


def test_protected_words_are_kept_and_count_as_words():
    nodes, _ = latex.parse(r"{NASA} Goes to {Mars}: A {Mission} Report")
    out = latex.markup(titlecase.sentence_case_nodes(nodes), nocase=False)
    assert out == "NASA goes to Mars: A Mission report"


def test_protected_word_keeps_its_possessive_lowercase():
    nodes, _ = latex.parse(r"Dr. {Ma}'s Integrative Dry Needling for Therapists")
    assert latex.plain(titlecase.sentence_case_nodes(nodes)) == \
        "Dr. Ma’s integrative dry needling for therapists"


def test_lowered_words():
    assert titlecase.lowered_words("Effects of Dry Needling") == ["Dry", "Needling"]


def test_first_word_after_a_colon_is_capitalized_in_a_sentence_case_title():
    # APA 7 (6.17): capitalize the first word after a colon, even when the title as stored
    # is already in sentence case; a title's own lower-case first word is a name and stays.
    from biblio.tocsl.titlecase import sentence_case

    assert sentence_case("Manual therapy: adults and children") == \
        "Manual therapy: Adults and children"
    assert sentence_case("Manual Therapy: a Review") == "Manual therapy: A review"
    assert sentence_case("iPhone: a study") == "iPhone: A study"
    assert sentence_case("pandas: data frames") == "pandas: Data frames"


# Words and marks that steer sentence case: function words, names, initials, abbreviations,
# capitals, digits, apostrophes, hyphens and every segment break.
_PIECES = ["how", "the", "a", "A", "effects", "Effects", "of", "dry", "Dry", "needling",
           "DNA", "iPhone", "I", "I'm", "Bayesian", "bayesian", "Monte", "Carlo", "node.js",
           "Dr.", "J.", "e.g.", "COVID-19", "pre-training", "Pre-Training", "lme4", "über",
           "Über", "ÉTUDE", "is", "under", "中文", "ı", "ǅ", " ", " ", "  ", ": ", ":", "? ",
           "! ", ". ", "—", "-", "'", "’", "\"", "(", ")"]


@given(st.lists(st.tuples(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join),
                          st.booleans()), max_size=5))
@settings(max_examples=1500, deadline=None)
# (hypothesis's find: an all-capitals first word whose other letters have no case, "A中文",
# was counted as lowered word by word and not by the quick answer)
@example([("A中文: A中文", False), ("中文", False)])
def test_the_quick_answer_is_the_word_by_word_answer(runs):
    # `_already_sentence_case` skips the word-by-word reading of most titles stored in
    # sentence case; it must never change what that reading gives
    assert titlecase._case_runs(runs) == titlecase._case_runs(runs, quick=False)


def test_the_quick_answer_is_taken_for_a_plain_sentence_case_title():
    assert titlecase._already_sentence_case([("Dry needling for ", False), ("NICE", True),
                                             (" patients", False)])
    assert not titlecase._already_sentence_case([("Dry Needling", False)])
    assert not titlecase._already_sentence_case([("Dry needling: a review", False)])
    assert not titlecase._already_sentence_case([("how to needle", False)])
