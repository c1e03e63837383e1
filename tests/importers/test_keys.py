"""Citation keys and duplicate detection on the awkward cases."""

from __future__ import annotations

import pytest

from biblio import store
from biblio.bib import blocks, library, reader
from biblio.importers import Record, dedupe, keys


def key(pattern: str = keys.DEFAULT_PATTERN, **fields: str) -> str:
    return keys.make(pattern, lambda name: fields.get(name, ""))


@pytest.mark.parametrize("fields, expected", [
    ({"author": "Cagnie, Barbara and Dewitte, Vincent", "year": "2013",
          "title": "Physiologic Effects of Dry Needling"}, "cagnie2013physiologic"),
    # non-ASCII names, in Unicode or in LaTeX
    ({"author": "Müller, Hans", "year": "2001", "title": "Über Schmerz"}, "muller2001uber"),
    ({"author": 'M{\\"u}ller, Hans', "year": "2001", "title": "Pain"}, "muller2001pain"),
    ({"author": "Łukasiewicz, Józef", "year": "1920", "title": "Logic"}, "lukasiewicz1920logic"),
    ({"author": "Straße, Øyvind", "year": "1999", "title": "Æther"}, "strasse1999aether"),
    ({"author": "Nguyễn, Văn", "year": "2019", "title": "Đau"}, "nguyen2019dau"),
    ({"author": "王, 伟", "year": "2020", "title": "针刺"}, "wang2020zhenci"),
    ({"author": "van der Berg, Jan", "year": "2010", "title": "Pain"}, "berg2010pain"),
    ({"author": "Jan van der Berg", "year": "2010", "title": "Pain"}, "berg2010pain"),
    ({"author": "O'Brien, Aoife", "year": "2010", "title": "Pain"}, "obrien2010pain"),
    # corporate authors: their acronym, or their own short form
    ({"author": "{American Physical Therapy Association}", "year": "2013",
          "title": "Description of Dry Needling"}, "apta2013description"),
    ({"author": "{World Health Organization}", "year": "2019", "title": "ICD-11"},
     "who2019icd"),
    ({"author": "{APTA Public Policy}", "year": "2013", "title": "Paper"}, "apta2013paper"),
    ({"author": "{Cochrane}", "year": "2020", "title": "Handbook"}, "cochrane2020handbook"),
    # no year; no author (the editor, then nothing)
    ({"author": "Roe, Ann", "title": "Undated Notes"}, "roeundated"),
    ({"editor": "Lee, Kim", "year": "2004", "title": "Collected"}, "lee2004collected"),
    ({"year": "2004", "title": "Anonymous Pamphlet"}, "2004anonymous"),
    ({}, "anon"),
    # titles that start with articles and prepositions
    ({"author": "Roe, Ann", "year": "2000", "title": "The Pain"}, "roe2000pain"),
    ({"author": "Roe, Ann", "year": "2000", "title": "A Study of Pain"}, "roe2000study"),
    ({"author": "Roe, Ann", "year": "2000", "title": "An {MRI} Atlas"}, "roe2000mri"),
    ({"author": "Roe, Ann", "year": "2000", "title": "On the Origin"}, "roe2000origin"),
    ({"author": "Roe, Ann", "date": "2000-05-03", "title": "{\\textit{In vivo}} needling"},
     "roe2000vivo"),
])
def test_default_pattern(fields, expected):
    assert key(**fields) == expected


def test_other_patterns():
    f = {"author": "Kalichman, Leonid and Vulfsons, Simon", "year": "2010",
             "title": "Dry Needling in the Management of Musculoskeletal Pain"}
    assert key("{auth}{year}{shorttitle:2}", **f) == "kalichman2010dryneedling"
    assert key("{authors}_{year}", **f) == "kalichmanvulfsons_2010"
    assert key("{authors}{year}", author="A, B and C, D and E, F", year="1999") == "aetal1999"
    assert key("{Auth}:{title}", **f) == "kalichman:dryneedlingmanagementmusculoskeletalpain"


def test_unique_suffixes():
    assert keys.unique("roe2000", []) == "roe2000"
    assert keys.unique("roe2000", ["roe2000"]) == "roe2000a"
    assert keys.unique("roe2000", ["Roe2000", "roe2000a"]) == "roe2000b"
    taken = ["x"] + [f"x{chr(c)}" for c in range(ord("a"), ord("z") + 1)]
    assert keys.unique("x", taken) == "xaa"


def _lib(text: str):
    return reader.parse(text, "refs.bib")


def _rec(**fields: str) -> Record:
    r = Record(fields.pop("type", "article"))
    for name, value in fields.items():
        r.set(name, value)
    return r


LIB = """
@article{kept, author = {M{\\"u}ller, Hans and Roe, Ann}, title = {The {DNA} of Pain},
  year = 2001, doi = {10.1000/ABC}}
@report{apta, author = {{American Physical Therapy Association}}, title = {Dry Needling},
  year = {2013}}
@misc{undated, author = {Roe, Ann}, title = {Notes on pain}}
"""
BOOKS = """
@book{book, title = {A Book}, isbn = {978-0-306-40615-7}, year = 1990}
@book{vol1, author = {Roe, Ann}, title = {Pain}, year = 1999, volume = 1}
"""


@pytest.mark.parametrize("fields, found", [
    ({"doi": "https://doi.org/10.1000/abc", "title": "Different"}, ("kept", "the same DOI")),
    ({"doi": "doi:10.1000/ABC."}, ("kept", "the same DOI")),
    ({"author": "Müller, H.", "title": "the DNA of pain!", "year": "2001"}, ("kept", "title")),
    ({"author": "Hans Muller", "title": "THE D.N.A. OF PAIN", "date": "2001-02"}, ("kept", "title")),
    ({"author": "{American Physical Therapy Association}", "title": "Dry needling",
          "year": "2013"}, ("apta", "title")),
    ({"author": "Roe, A.", "title": "Notes on Pain"}, ("undated", "title")),
    # not duplicates: another year, another first author, another title, no title
    ({"author": "Müller, Hans", "title": "The DNA of Pain", "year": "2002"}, None),
    ({"author": "Roe, Ann", "title": "The DNA of Pain", "year": "2001"}, None),
    ({"author": "Müller, Hans", "title": "The RNA of Pain", "year": "2001"}, None),
    ({"author": "Roe, Ann", "title": "Notes on pain", "year": "2001"}, None),
    ({"author": "Müller, Hans", "year": "2001"}, None),
    ({"doi": "10.1000/abd"}, None),
    # what check's duplicate-entry says too (one answer): a whole book's ISBN, in either form
    ({"type": "book", "isbn": "0-306-40615-2", "title": "Other"}, ("book", "the same ISBN")),
    ({"type": "incollection", "isbn": "9780306406157", "title": "A chapter"}, None),
    # ... and a title, year and author whose DOI or volume differs is another work
    ({"author": "Müller, H.", "title": "The DNA of Pain", "year": "2001",
      "doi": "10.1000/other"}, None),
    ({"author": "Roe, A.", "title": "Pain", "year": "1999", "volume": "2"}, None),
    ({"author": "Roe, A.", "title": "Pain", "year": "1999", "volume": "1"}, ("vol1", "title")),
])
def test_duplicates(fields, found):
    index = dedupe.Index.build(_lib(LIB + BOOKS).entries)
    kind = fields.get("type", "article")
    result = index.find(_rec(**fields).text, kind)
    if found is None:
        assert result is None
    else:
        assert result[0] == found[0] and found[1] in result[1]


def test_store_refuses_and_merges(tmp_path):
    from biblio.diagnostics import BiblioError

    bib = tmp_path / "refs.bib"
    bib.write_text(LIB)
    with pytest.raises(BiblioError) as err:
        store.add(bib, [_rec(doi="10.1000/abc", volume="3")])
    assert err.value.diagnostics[0].line == 2
    assert bib.read_text() == LIB
    outcomes, _ = store.add(bib, [_rec(doi="10.1000/abc", volume="3", year="2009")],
                            on_duplicate=store.MERGE)
    (o,) = outcomes
    assert o.status == "merged" and o.added == {"volume": "{3}"}
    assert o.differs == {"year": ("2001", "{2009}")}
    e = library.load(bib).get("kept")
    assert e.get("year") == "2001" and e.raw("volume") == "{3}"
    outcomes, _ = store.add(bib, [_rec(doi="10.1000/abc")], on_duplicate=store.SKIP)
    assert outcomes[0].status == "duplicate"


def test_store_reads_again_when_the_file_changed_before_the_lock(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text(LIB)
    stale = library.load(bib)
    with library.edit(bib) as lib:  # another process adds an entry meanwhile
        lib.add(blocks.new_entry("misc", "other", {"title": "Other"}))
    outcomes, _ = store.add(bib, [_rec(title="New", year="2020")], preloaded=stale)
    assert outcomes[0].key == "2020new"
    assert {"kept", "apta", "undated", "other", "2020new"} == set(library.load(bib).keys())
