"""Roles and original dates from biblatex, BibTeX in → APA 7 string out."""

import pytest
from apa_render import apa

from biblio import rules
from biblio.bib import library


@pytest.mark.parametrize("field", ["origyear", "origdate"])
def test_apa_9_41_republished_work_says_original_work_published(field):
    # APA 7 9.41 and 10.2: "(Original work published 1900)" — the year only, no publisher
    out = apa("@book{b, author = {Freud, Sigmund}, title = {The Interpretation of Dreams},\n"
              f"  publisher = {{Basic Books}}, {field} = {{1900}}, origpublisher = {{Deuticke}},\n"
              "  year = {2010}}\n")
    assert out == [("Freud, S. (2010). The interpretation of dreams. Basic Books. "
                   "(Original work published 1900)")]


def test_apa_9_8_commentators_and_annotators_are_not_coauthors():
    out = apa("@book{b, author = {Aristotle}, title = {Poetics}, commentator = {Lucas, D. W.},\n"
              "  annotator = {Doe, A.}, foreword = {Roe, R.}, publisher = {Clarendon},\n"
              "  year = {1968}}\n")
    assert out == ["Aristotle. (1968). Poetics. Clarendon."]


@pytest.mark.parametrize("kind, printed", [
    ("editor", "Smith, A. (Ed.). (1968). Poetics. Clarendon."),
    ("compiler", "Smith, A. (Compiler). (1968). Poetics. Clarendon."),
    ("director", "Smith, A. (Director). (1968). Poetics. Clarendon."),
    # not editors: APA 7 9.8 names no such role, so they are not printed as "(Ed.)"
    ("redactor", "Poetics. (1968). Clarendon."),
    ("reviser", "Poetics. (1968). Clarendon."),
    ("founder", "Poetics. (1968). Clarendon."),
])
def test_apa_9_8_editortype_prints_the_role_apa_names(kind, printed):
    out = apa("@book{b, editor = {Smith, Ann}, editortype = {" + kind + "}, title = {Poetics},\n"
              "  publisher = {Clarendon}, year = {1968}}\n")
    assert out == [printed]


def test_apa_9_8_biblatex_extended_name_format():
    out = apa("@book{b, author = {family=Gogh, given=Vincent, prefix=van, useprefix=true and\n"
              "  Doe, Jane}, title = {Letters}, publisher = {P}, year = {1968}}\n")
    assert out == ["van Gogh, V., & Doe, J. (1968). Letters. P."]
    out = apa("@book{b, author = {family=Gogh, given=Vincent, prefix=van, useprefix=false},\n"
              "  title = {Letters}, publisher = {P}, year = {1968}}\n")
    assert out == ["Gogh, V. van. (1968). Letters. P."]


def test_check_does_not_call_an_extended_name_a_comma_list(tmp_path):
    p = tmp_path / "refs.bib"
    p.write_text("@book{b, author = {family=Gogh, given=Vincent, prefix=van, useprefix=true},\n"
                 "  title = {Letters}, publisher = {P}, year = {1968}}\n", encoding="utf-8")
    assert [d for d in rules.run(library.load(p)) if d.rule == "names-comma-list"] == []
