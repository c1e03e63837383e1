"""initials-period: a given name whose second letter is a LaTeX accent (J{\\"o}rg) is a word,
not an initial, so `fmt --fix` must not turn it into 'J.{\\"o}rg'."""

from __future__ import annotations

from biblio import rules
from biblio.bib import reader


def _initials(author: str) -> list[str]:
    lib = reader.parse("@article{k,\n  author = {" + author + "},\n  title = {T},\n"
                        "  journal = {J},\n  year = {2020},\n}\n", "t.bib")
    return [d.message for d in rules.run(lib) if d.rule == "initials-period"]


def test_accented_given_names_are_not_initials():
    assert _initials(r'Weber, J{\"o}rg H.') == []
    assert _initials(r"M{\"u}ller, {\O}ystein and Dvo{\v{r}}{\'a}k, A{\v{s}}ka") == []


def test_bare_initials_are_still_found():
    assert _initials("Ries, E") == ["initials in 'Ries, E' have no period"]
    assert _initials(r'Weber, J{\"o}rg H') != []
