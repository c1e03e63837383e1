"""`biblio import` and `biblio export`: RIS and CSL-JSON round trips, errors at file:line."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from helpers import ROOT, TESTS, biblio

from biblio.bib import library, reader
from biblio.commands import export, import_
from biblio.diagnostics import BiblioError
from biblio.importers import ris

FIXTURES = TESTS / "fixtures" / "import"


def ris_records(text: str) -> list[Counter]:
    return [Counter((t, v) for t, v, _ in lines) for _, lines in ris.parse_records(text)]


def test_ris_round_trip(tmp_path):
    bib = tmp_path / "refs.bib"
    summary = import_.run([str(FIXTURES / "sources.ris")], bib=str(bib))
    assert summary.count("added") == 6
    assert [o.key for o in summary.outcomes] == [
        "cagnie2013physiologic", "kalichman2010dryneedling", "apta2013dryneedling",
        "edwards2015drma", "ries2015ptinmotion", "dommerholt2019trigger"]
    lib = library.load(bib)
    assert lib.diagnostics == []
    assert lib.get("apta2013dryneedling").get("author") == "{American Physical Therapy "\
        "Association}"
    assert lib.get("apta2013dryneedling").type == "report"
    assert lib.get("ries2015ptinmotion").get("entrysubtype") == "magazine"
    chapter = lib.get("dommerholt2019trigger")
    assert chapter.get("title") == "Trigger point dry needling: 100\\% of the evidence"
    assert chapter.get("booktitle").startswith("Trigger point dry needling: An evidence")
    assert chapter.get("editor") == "Fernández-de-las-Peñas, César"
    out = export.run("ris", bib=str(bib)).text
    assert ris_records(out) == ris_records((FIXTURES / "sources.ris").read_text())


def test_csl_json_round_trip(tmp_path):
    bib = tmp_path / "refs.bib"
    summary = import_.run([str(FIXTURES / "sources.json")], bib=str(bib))
    original = json.loads((FIXTURES / "sources.json").read_text())
    assert summary.count("added") == len(original) == 11
    assert library.load(bib).diagnostics == []
    out = export.run("csl-json", bib=str(bib))
    assert json.loads(out.text) == original
    assert out.diagnostics == []


def test_csl_json_import_reads_what_tocsl_writes(tmp_path):
    """The sample references.bib → CSL-JSON → import → CSL-JSON gives the same items."""
    first = export.run("csl-json", bib=str(ROOT / "references.bib"))
    (tmp_path / "items.json").write_text(first.text)
    import_.run([str(tmp_path / "items.json")], bib=str(tmp_path / "again.bib"))
    second = export.run("csl-json", bib=str(tmp_path / "again.bib"))
    assert json.loads(second.text) == json.loads(first.text)


def test_and_others_goes_out_as_csl_json_others_and_comes_back_as_and_others(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{zed2020,\n  author = {Zed, Anna and Abe, Bob and others},\n"
                   "  title = {A title},\n  journal = {J},\n  year = {2020},\n}\n")
    item = json.loads(export.run("csl-json", bib=str(bib)).text)[0]
    assert item["author"][-1] == {"literal": "others"}
    (tmp_path / "items.json").write_text(json.dumps([item]))
    import_.run([str(tmp_path / "items.json")], bib=str(tmp_path / "again.bib"))
    again = library.load(tmp_path / "again.bib").entries[0]
    assert again.get("author") == "Zed, Anna and Abe, Bob and others"
    # RIS cannot say "et al.": the names it has, and no author called "others"
    ris_out = export.run("ris", bib=str(bib)).text
    assert [line for line in ris_out.splitlines() if line.startswith("AU")] == [
        "AU  - Zed, Anna", "AU  - Abe, Bob"]


@pytest.mark.parametrize("text, line, rule, words", [
    ("TY  - JOUR\nTI  - A\nER  - \n\nTY - BOOK\nER  - \n", 5, "ris-syntax", "malformed RIS tag"),
    ("TY  - JOUR\nTI  - A\n", 1, "ris-syntax", "the last record has no end"),
    ("\n\nJust some text\nTY  - JOUR\nER  - \n", 3, "ris-syntax", "text outside a RIS record"),
    ("TY  - JOUR\nTI  - A\nTY  - BOOK\nER  - \n", 3, "ris-syntax", "a new record starts"),
    ("", 1, "empty", "no RIS record"),
])
def test_malformed_ris(tmp_path, text, line, rule, words):
    src = tmp_path / "bad.ris"
    src.write_text(text)
    bib = tmp_path / "refs.bib"
    p = biblio(["import", "--bib", bib, src])
    assert p.returncode == 1
    assert p.stderr.startswith(f"{src}:{line}:1: error[{rule}]: "), p.stderr
    assert words in p.stderr and not bib.exists()


@pytest.mark.parametrize("text, line, col", [
    ('[\n  {"id": "a", "type": "book"},\n  {"id": "b" "type": "book"}\n]\n', 3, 14),
    ('[\n  {"id": "a", "type": "book"},\n]\n', 3, 1),
    ('[{"id": "a"}]\n]', 2, 1),
    ('{"id": "a",\n', 2, 1),
])
def test_malformed_json(tmp_path, text, line, col):
    src = tmp_path / "bad.json"
    src.write_text(text)
    p = biblio(["add", "--bib", tmp_path / "refs.bib", "--csl-json", src])
    assert p.returncode == 1
    assert p.stderr.startswith(f"{src}:{line}:{col}: error[json-syntax]: not valid JSON"), \
        p.stderr


def test_json_item_not_an_object(tmp_path):
    src = tmp_path / "bad.json"
    src.write_text('[\n  {"id": "a", "type": "book", "title": "A"},\n  "b"\n]')
    with pytest.raises(BiblioError) as err:
        import_.run([str(src)], bib=str(tmp_path / "refs.bib"))
    d = err.value.diagnostics[0]
    assert (d.path, d.line, d.rule) == (str(src), 3, "csl-json")


def test_import_skips_duplicates_with_a_summary(tmp_path):
    bib = tmp_path / "refs.bib"
    p = biblio(["import", "--bib", bib, FIXTURES / "sources.ris"])
    assert p.returncode == 0, p.stderr
    assert f"{bib}: 6 added" in p.stderr and len(p.stdout.split()) == 6
    before = bib.read_bytes()
    # the same sources as CSL-JSON: those with the same DOI or title+year+author are skipped
    p = biblio(["import", "--bib", bib, FIXTURES / "sources.json"])
    assert p.returncode == 0, p.stderr
    assert "sources.json:2: skipped, already there as 'cagnie2013physiologic' (the same DOI" \
        in p.stderr
    assert "already there as 'kalichman2010dryneedling'" in p.stderr
    assert "already there as 'apta2013dryneedling' (the same title, year and first author)" \
        in p.stderr
    assert "already there as 'ries2015ptinmotion'" in p.stderr  # untitled: by journal
    assert f"{bib}: 6 added, 5 already there" in p.stderr
    assert bib.read_bytes().startswith(before)
    p = biblio(["import", "--bib", bib, "--format", "json", FIXTURES / "sources.ris"])
    data = json.loads(p.stdout)
    assert data["added"] == [] and len(data["skipped"]) == 6


def test_import_merge(tmp_path):
    bib = tmp_path / "refs.bib"
    import_.run([str(FIXTURES / "sources.json")], bib=str(bib))
    summary = import_.run([str(FIXTURES / "sources.ris")], bib=str(bib), merge=True)
    assert [(o.key, o.status, sorted(o.added), sorted(o.differs)) for o in summary.outcomes] \
        == [("cagnie2013physiologic", "merged", ["keywords"], ["author"]),
            ("kalichman2010dryneedling", "unchanged", [], []),
            ("apta2013dryneedling", "unchanged", [], ["institution"]),
            ("edwards2015drma", "unchanged", [], []),
            ("ries2015ptinmotion", "unchanged", [], []),
            ("dommerholt2019trigger", "added", [], [])]
    cagnie = library.load(bib).get("cagnie2013physiologic")
    assert cagnie.get("keywords") == "dry needling, myofascial pain"
    assert cagnie.get("author") == "Cagnie, Barbara and Dewitte, Vincent and Meeus, Mira"


def test_export_bibtex_and_biblatex(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(
        "@string{cphr = {Current Pain and Headache Reports}}\n"
        "@online{web, author = {Edwards, David}, title = {Dr. {Ma}'s Course}, date = {2015-11},"
        " urldate = {2015-11-14}, url = {https://example.org/a_b}}\n"
        "@thesis{th, author = {Roe, Ann}, title = {T}, institution = {Oslo}, type = {phdthesis},"
        " date = {2018-03-02}, location = {Oslo}}\n"
        "@article{art, author = {Cagnie, B.}, title = {P}, journal = cphr, year = 2013,"
        " month = aug}\n"
        "@phdthesis{old, author = {Poe, E.}, title = {O}, school = {MIT}, address = {Cambridge},"
        " year = 1999}\n")
    out = export.run("bibtex", bib=str(bib)).text
    assert "@misc{web,\n  author = {Edwards, David},\n  title = {Dr. {Ma}'s Course},\n" \
           "  url = {https://example.org/a_b},\n  year = {2015},\n  month = nov,\n" \
           "  howpublished = {\\url{https://example.org/a_b}},\n" \
           "  note = {Accessed 2015-11-14},\n}" in out
    assert "@phdthesis{th," in out and "  school = {Oslo}," in out and "address = {Oslo}" in out
    assert "day = {2}" in out and "type = " not in out.split("@phdthesis{th,")[1].split("}\n")[0]
    assert "@article{art,\n  author = {Cagnie, B.},\n  title = {P},\n" \
           "  journal = {Current Pain and Headache Reports},\n  year = {2013},\n" \
           "  month = aug,\n}" in out
    assert reader.parse(out).diagnostics == []
    out = export.run("biblatex", bib=str(bib), keys=("old",)).text
    assert out == ("@thesis{old,\n  author = {Poe, E.},\n  title = {O},\n"
                   "  institution = {MIT},\n  location = {Cambridge},\n  year = {1999},\n"
                   "  type = {phdthesis},\n}\n")


def test_export_unknown_key_and_self_overwrite(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{alpha, title = {A}}\n")
    p = biblio(["export", "--bib", bib, "--to", "ris", "alpah"])
    assert p.returncode == 1 and "no entry 'alpah' — did you mean 'alpha'?" in p.stderr
    p = biblio(["export", "--bib", bib, "--to", "bibtex", "-o", bib])
    assert p.returncode == 2 and bib.read_text() == "@misc{alpha, title = {A}}\n"
    p = biblio(["export", "--bib", bib, "--to", "csl-json", "-o", tmp_path / "out.json"])
    assert p.returncode == 0
    assert json.loads((tmp_path / "out.json").read_text())[0]["id"] == "alpha"


def test_a_taken_key_is_replaced_and_said(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text("@misc{book2019, title = {Something else}, year = {1990}}\n")
    p = biblio(["import", "--bib", bib, FIXTURES / "sources.json"])
    assert p.returncode == 0, p.stderr
    assert "added as 'berg2019myofascial' (its own key 'book2019' is taken)" in p.stderr
    assert library.load(bib).get("berg2019myofascial").get("edition") == "3"
