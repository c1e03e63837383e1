"""Failures the fuzzing harness found (issue 18), each with its reproducer as data."""

from __future__ import annotations

import json

import pytest

import biblio
from biblio.bib import fmt, library
from biblio.diagnostics import BiblioError
from biblio.importers import csljson, ris


def test_field_names_differing_only_in_case_are_a_duplicate_field():
    # fmt lower-cased `Title` into a second `title`, then refused its own output.
    text = ("@string{s1 = {x}}\n\n@unknowntype(key0,\n  title\n  =\t{A},\n  Title\n=  {B},\n"
            "  number\r\n  = s1,\n\n)\r\n")
    lib = library.parse(text, "t.bib")
    errors = fmt.syntax_errors(lib)
    assert [(d.rule, d.line, d.col) for d in errors] == [("duplicate-field", 6, 3)]
    assert "'Title'" in errors[0].message and "'title'" in errors[0].message
    with pytest.raises(BiblioError):
        fmt.format_library(lib)


def test_exact_duplicate_fields_are_reported_once():
    lib = library.parse("@misc{k,\n  title = {a},\n  title = {b},\n}\n", "t.bib")
    assert [d.rule for d in lib.diagnostics] == ["duplicate-field"]


@pytest.mark.parametrize("post, line, col", [
    ("---\n\x00: x\n---\nand ", 2, 1),                       # NUL: a ReaderError, exit 3
    ('---\ntitle: "it is an\x00d"\n---\n', 2, 17),
    ('---\ntitle: "\\ud800"\n---\nMuscle\n', 2, 9),           # a lone surrogate crashed build
    ('---\ntags: ["x", "y\\udc00"]\n---\n', 2, 15),
    ("---\ntitle: x\ndate: 2020-13-45\n---\n", 3, 7),     # ValueError from PyYAML's dates
    ("---\nlist:\n  - 1999-02-30\n---\n", 3, 5),
])
def test_front_matter_with_characters_yaml_refuses_is_a_located_error(post, line, col):
    with pytest.raises(BiblioError) as e:
        biblio.render_post(post, [], allow_missing=True)
    (d,) = e.value.diagnostics
    assert (d.rule, d.line, d.col) == ("front-matter", line, col)


@pytest.mark.parametrize("name", [{"family": 5}, {"family": "Doe", "given": None},
                                  {"literal": 3}, {"given": ["x"]},
                                  {"family": "Doe", "non-dropping-particle": 1.5}])
def test_csl_json_names_of_any_json_type_import(name):
    (r,) = csljson.read(json.dumps([{"id": "a", "type": "book", "author": [name]}]), "in.json")
    assert r.type == "book"


@pytest.mark.parametrize("date", [{"raw": "\"\\{x"}, {"literal": "}{ 2020"}, {"raw": "a}"}])
def test_csl_json_date_text_with_braces_imports(date):
    (r,) = csljson.read(json.dumps([{"id": "a", "type": "book", "issued": date}]), "in.json")
    assert library.parse(f"@misc{{a, date = {r.fields['date']}}}", "t.bib").diagnostics == []


def test_ris_access_date_with_braces_imports():
    (r,) = ris.read("TY  - ELEC\nY2  - }{ yesterday\nER  - \n", "in.ris")
    assert library.parse(f"@misc{{a, urldate = {r.fields['urldate']}}}", "t.bib").diagnostics \
        == []
