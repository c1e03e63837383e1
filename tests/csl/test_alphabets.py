"""A bibliography in a language sorts by that language's alphabet (csl/alphabets.py): CH after
H in Czech, Æ Ø Å after Z in Danish, Ł after L in Polish; English keeps the Unicode order."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from biblio.csl import collate, render
from biblio.csl.alphabets import RULES, tailor
from biblio.csl.label import label

STYLE = """<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0"
    default-locale="{lang}">
  <info><title>t</title><id>t</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><names variable="author"/></layout></citation>
  <bibliography><sort><key variable="author"/></sort>
    <layout><names variable="author"><name name-as-sort-order="all"/></names></layout>
  </bibliography>
</style>"""


def _order(lang: str, families: list[str]) -> list[str]:
    items = [{"id": f, "type": "book", "author": [{"family": f, "given": "A"}]}
             for f in families]
    res = render(STYLE.format(lang=lang), items, None, output="text")
    return [e.id for e in res.bibliography]


@pytest.mark.parametrize("lang, families, want", [
    ("cs-CZ", ["Chen", "Ibsen", "Horák", "Cook"], ["Cook", "Horák", "Chen", "Ibsen"]),
    ("sk-SK", ["Chmel", "Hudec", "Čapek", "Cyril"], ["Cyril", "Čapek", "Hudec", "Chmel"]),
    ("da-DK", ["Ørsted", "Aagaard", "Zahle", "Andersen", "Ærø"],
     ["Andersen", "Zahle", "Ærø", "Ørsted", "Aagaard"]),
    ("sv-SE", ["Öberg", "Åberg", "Äng", "Zorn"], ["Zorn", "Åberg", "Äng", "Öberg"]),
    ("pl-PL", ["Łukasz", "Lutek", "Maj", "Śliwa", "Szymański"],
     ["Lutek", "Łukasz", "Maj", "Szymański", "Śliwa"]),
    ("es-ES", ["Ñúñez", "Nozal", "Oliva"], ["Nozal", "Ñúñez", "Oliva"]),
    ("tr-TR", ["Işık", "İnce", "Hakan", "Çelik", "Cem"], ["Cem", "Çelik", "Hakan", "Işık", "İnce"]),
    ("en-US", ["Chen", "Horák", "Ørsted", "Zahle", "Łukasz", "Lutek"],
     ["Chen", "Horák", "Łukasz", "Lutek", "Ørsted", "Zahle"]),
    ("de-DE", ["Müller", "Mueller", "Muster"], ["Mueller", "Müller", "Muster"]),
    # a language written in another script files its own script first (CLDR's reordering;
    # GOST 7.1: Russian sources before the others), each script in its own order
    ("ru-RU", ["Kolbert", "Яковлев", "Zahle", "Иванов", "Øberg", "Παππάς"],
     ["Иванов", "Яковлев", "Kolbert", "Øberg", "Zahle", "Παππάς"]),
    ("uk-UA", ["Adams", "Шевченко", "Ґонта"], ["Ґонта", "Шевченко", "Adams"]),
    ("el-GR", ["Smith", "Ιωάννου", "Αλεξίου", "Петров"], ["Αλεξίου", "Ιωάννου", "Smith", "Петров"]),
    ("he-IL", ["Cohen", "לוי", "אברהם"], ["אברהם", "לוי", "Cohen"]),
    ("fa-IR", ["Ahmadi", "رضایی", "احمدی"], ["احمدی", "رضایی", "Ahmadi"]),
    ("en-US", ["Иванов", "Kolbert", "Παππάς"], ["Kolbert", "Παππάς", "Иванов"]),
])
def test_a_bibliography_sorts_by_its_languages_alphabet(lang, families, want):
    assert _order(lang, families) == want


def test_letters_keep_their_case_and_other_languages_are_untouched():
    assert tailor("Chata", "cs") == "H\ufdd0ata" and tailor("CHATA", "cs") == "H\ufdd0ATA"
    assert tailor("Chata", "fr") == "Chata" and tailor("Chata", "") == "Chata"


NAME = st.fixed_dictionaries({}, optional={
    "family": st.text(max_size=12), "given": st.text(max_size=8),
    "literal": st.text(max_size=20), "non-dropping-particle": st.text(max_size=5)})


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.text(max_size=40), st.sampled_from(sorted(RULES) + ["", "en", "zz", "ru", "el", "ar"]))
def test_any_text_in_any_language_gets_a_sort_key(text, lang):
    key = collate.text_key(text, lang)
    assert isinstance(key, tuple)
    assert collate.text_key(text, lang) == key


@settings(max_examples=300, derandomize=True, deadline=None, database=None)
@given(st.lists(NAME, max_size=6), st.one_of(st.none(), st.text(max_size=30), st.integers()),
       st.one_of(st.none(), st.integers(min_value=-9999, max_value=99999)))
def test_any_names_title_and_year_make_a_label(names, title, year):
    out = label(lambda var: names if var == "author" else [], title, year)
    assert isinstance(out, str)
