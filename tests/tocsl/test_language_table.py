"""One language table (biblio.csl.language): the CSL-JSON and Crossref importers and the
`bad-language` fix write the same biblatex name for a tag, and each name reads back as its tag."""

from __future__ import annotations

import pytest

from biblio.csl import language
from biblio.importers import crossref, csljson


@pytest.mark.parametrize("code,name", [("de", "ngerman"), ("de-DE", "ngerman"),
                                       ("en-GB", "british"), ("en", "english"),
                                       ("no", "norsk"), ("pt-BR", "brazilian"),
                                       ("hu", "magyar")])
def test_csl_json_import_writes_the_one_name_for_a_tag(code, name):
    record = csljson.to_record({"type": "book", "title": "T", "language": code}, "x.json", 1)
    assert record.fields["langid"] == "{" + name + "}"


@pytest.mark.parametrize("code,name", [("de", "ngerman"), ("no", "norsk"), ("fr", "french")])
def test_crossref_import_writes_the_same_name(code, name):
    record = crossref.to_record({"type": "journal-article", "title": ["T"], "language": code})
    assert record.fields["langid"] == "{" + name + "}"


def test_every_name_written_reads_back_as_its_language():
    for code, name in language.BABEL.items():
        assert name in language.NAMES
        assert language.tag(name).split("-")[0] == code.split("-")[0]


def test_the_csl_json_importer_reads_types_as_tocsl_writes_them():
    """One table: the importer's CSL type → biblatex type is the inverse of tocsl's, so an
    entry of each canonical type comes back as the CSL type it went out as."""
    from biblio.importers.csljson import GENRES, TYPES
    from biblio.tocsl import tables

    for csl, (bib, sub) in TYPES.items():
        back = tables.SUBTYPES[sub] if sub else tables.TYPES[bib]
        assert back == tables.CSL_SYNONYMS.get(csl, csl), (csl, bib, sub)
    for name, key in GENRES.items():
        assert tables.THESIS_GENRES[key].lower().replace("’", "'") == name


def test_the_csl_json_importer_reads_roles_as_tocsl_writes_them(tmp_path):
    """Roles: a CSL name variable comes back as the field tocsl reads it from, and a role
    biblatex keeps in an editor field takes editora, editorb… with its editortype."""
    import json

    from biblio.importers import csljson
    from biblio.tocsl import to_csl

    item = {"id": "x", "type": "book", "title": "T", "issued": {"date-parts": [[2020]]},
            "author": [{"family": "Doe", "given": "J."}],
            "translator": [{"family": "Roe", "given": "T."}],
            "compiler": [{"family": "Poe", "given": "C."}],
            "interviewer": [{"family": "Moe", "given": "I."}],
            "contributor": [{"family": "Zoe", "given": "K."}]}
    (rec,) = csljson.read(json.dumps([item]), "x.json")
    fields = {k: v[1:-1] if v.startswith("{") else v for k, v in dict(rec.fields).items()}
    assert fields["translator"] == "Roe, T."
    typed = {fields[f + "type"]: fields[f] for f in ("editora", "editorb", "editorc")}
    assert typed == {"compiler": "Poe, C.", "interviewer": "Moe, I.", "collaborator": "Zoe, K."}
    back, _ = to_csl("x", rec.type, fields)
    for role in ("translator", "compiler", "interviewer", "contributor"):
        assert back[role][0]["family"] == item[role][0]["family"], role
    assert back["type"] == "book"
