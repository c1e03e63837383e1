"""`check`'s duplicate-entry: two entries for one work (the same DOI, the same ISBN for books,
the same title + year + first author), reported at both, in every output format."""

from __future__ import annotations

import json

import pytest

from biblio import rules
from biblio.bib import library

BIB = r"""@article{doi1,
  author = {Smith, Ann},
  title = {Muscles},
  journal = {J},
  year = {2020},
  doi = {10.1000/ABC.1},
}

@article{doi2,
  author = {Jones, Bob},
  title = {Something else entirely},
  journal = {J},
  year = {2021},
  doi = {https://doi.org/10.1000/abc.1},
}

@article{title1,
  author = {M{\"u}ller, Hans and Roe, Jane},
  title = {The {DNA} of {\'E}t{\'e}: a study},
  journal = {K},
  year = {2019},
}

@article{title2,
  author = {Müller, H.},
  title = {The DNA of été — A Study!},
  journal = {K},
  date = {2019-05-01},
}

@book{isbn1,
  author = {Poe, Edgar},
  title = {Ravens},
  publisher = {P},
  year = {1990},
  isbn = {0-306-40615-2},
}

@book{isbn2,
  author = {Poe, Edgar},
  title = {Crows},
  publisher = {P},
  year = {1991},
  isbn = {978-0-306-40615-7},
}
"""

APART = r"""@incollection{chapter, author = {X, Y}, title = {A chapter}, booktitle = {Ravens},
  publisher = {P}, year = {1990}, isbn = {0-306-40615-2}}
@article{pre, author = {Lee, A.}, title = {Same title}, journal = {arXiv}, year = {2022},
  doi = {10.48550/arXiv.2201.00001}}
@article{pub, author = {Lee, A.}, title = {Same title}, journal = {J}, year = {2022},
  doi = {10.1000/j.2022.1}}
@book{vol1, author = {Knuth, D.}, title = {The art}, volume = {1}, year = {1997}, publisher = {A}}
@book{vol2, author = {Knuth, D.}, title = {The art}, volume = {2}, year = {1997}, publisher = {A}}
@article{y1, author = {Kim, S.}, title = {Reprinted}, journal = {J}, year = {2001}}
@article{y2, author = {Kim, S.}, title = {Reprinted}, journal = {J}, year = {2011}}
@article{a1, author = {Park, S.}, title = {One title}, journal = {J}, year = {2001}}
@article{a2, author = {Choi, S.}, title = {One title}, journal = {J}, year = {2001}}
"""

LINES = {"doi1": 1, "doi2": 9, "title1": 17, "title2": 24, "isbn1": 31, "isbn2": 39}
PAIRS = [("doi1", "doi2", "the same DOI 10.1000/abc.1"),
         ("title1", "title2", "the same title, year and first author"),
         ("isbn1", "isbn2", "the same ISBN 9780306406157")]


@pytest.fixture
def bib(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB + "\n" + APART)
    return "refs.bib"


def _expected():
    """(line, message) at both entries of each pair."""
    out = []
    for a, b, why in PAIRS:
        out.append((LINES[a], f"'{a}' and '{b}' (line {LINES[b]}) are one work: {why}"))
        out.append((LINES[b], f"'{b}' and '{a}' (line {LINES[a]}) are one work: {why}"))
    return sorted(out)


def test_the_text_format_names_both_entries_at_both(bib, cli):
    r = cli(["check", "--bib", bib, "--select", "duplicate-entry"])
    assert r.exit_code == 0  # a warning: the file is valid BibTeX
    want = sorted(f"refs.bib:{LINES[this]}:1: warning[duplicate-entry]: '{this}' and '{other}' "
                  f"(line {LINES[other]}) are one work: {why} — keep one with 'biblio merge "
                  f"{a} {b}', or tell the two apart"
                  for a, b, why in PAIRS for this, other in ((a, b), (b, a)))
    assert sorted(r.stdout.splitlines()) == sorted(
        want + ["refs.bib: 15 entries, 0 errors, 6 warnings, 0 info"])


def test_json_has_both_locations(bib, cli):
    r = cli(["check", "--bib", bib, "--select", "duplicate-entry", "--format", "json"])
    found = json.loads(r.stdout)
    assert sorted((d["line"], d["message"]) for d in found) == _expected()
    assert {(d["path"], d["col"], d["severity"], d["rule"]) for d in found} == \
        {("refs.bib", 1, "warning", "duplicate-entry")}


def test_github_annotates_both_entries(bib, cli):
    r = cli(["check", "--bib", bib, "--select", "duplicate-entry", "--format", "github"])
    got = sorted(r.stdout.splitlines())
    assert len(got) == 6
    for line, message in _expected():
        assert any(g.startswith(f"::warning file=refs.bib,line={line},col=1,"
                                f"title=duplicate-entry::{message} — keep one with")
                   for g in got), (line, message)


def test_three_copies_make_three_pairs(tmp_path):
    path = tmp_path / "three.bib"
    path.write_text("".join(f"@misc{{k{i}, title = {{T}}, doi = {{doi:10.1/X}}}}\n"
                            for i in range(3)))
    diags = rules.run(library.load(path), rules.selection(select=["duplicate-entry"]))
    assert [(d.line, d.message.split(" are ")[0]) for d in diags] == [
        (1, "'k0' and 'k1' (line 2)"), (1, "'k0' and 'k2' (line 3)"),
        (2, "'k1' and 'k0' (line 1)"), (2, "'k1' and 'k2' (line 3)"),
        (3, "'k2' and 'k0' (line 1)"), (3, "'k2' and 'k1' (line 2)")]


def test_works_told_apart_are_not_duplicates(tmp_path):
    # A chapter shares its book's ISBN; a preprint and its article have one title but two
    # DOIs; volumes of one work, reprints in other years, other first authors.
    path = tmp_path / "apart.bib"
    path.write_text(APART)
    assert rules.run(library.load(path), rules.selection(select=["duplicate-entry"])) == []


def test_the_same_key_twice_is_left_to_duplicate_key(tmp_path):
    path = tmp_path / "same.bib"
    path.write_text("@misc{k, doi = {10.1/x}}\n@misc{K, doi = {10.1/x}}\n")
    diags = rules.run(library.load(path), rules.selection(select=["duplicate-key",
                                                                   "duplicate-entry"]))
    assert [d.rule for d in diags] == ["duplicate-key"]


ONE_OR_TWO = [  # (first entry, second entry): one work or two, as add and check both judge it
    ("@article{a, title = {T}, doi = {10.1/x}}", "@article{b, title = {U}, doi = {DOI:10.1/X}}"),
    ("@book{a, title = {T}, isbn = {0-306-40615-2}}", "@book{b, title = {U}, isbn = {9780306406157}}"),
    ("@incollection{a, title = {T}, isbn = {0306406152}}",
     "@incollection{b, title = {U}, isbn = {0306406152}}"),
    ("@article{a, author = {Roe, Ann}, title = {Pain}, year = 2001}",
     "@article{b, author = {Roe, A.}, title = {PAIN!}, year = 2001}"),
    ("@article{a, author = {Roe, Ann}, title = {Pain}, year = 2001, doi = {10.1/a}}",
     "@article{b, author = {Roe, Ann}, title = {Pain}, year = 2001, doi = {10.1/b}}"),
    ("@book{a, author = {Roe, Ann}, title = {Pain}, year = 2001, volume = 1}",
     "@book{b, author = {Roe, Ann}, title = {Pain}, year = 2001, volume = 2}"),
    ("@online{a, author = {Roe, Ann}, title = {Notes}}", "@online{b, author = {Roe, Ann}, title = {Notes}}"),
    ("@online{a, author = {Roe, Ann}, title = {Notes}}", "@online{b, author = {Doe, Ann}, title = {Notes}}"),
    ("@xdata{a, title = {T}, doi = {10.1/x}}", "@article{b, title = {T}, doi = {10.1/x}}"),
]


@pytest.mark.parametrize("first, second", ONE_OR_TWO)
def test_add_and_check_agree_on_what_one_work_is(first, second):
    """One answer (biblio.importers.dedupe): `check` warns of duplicate-entry exactly when
    `add` would refuse the second entry as already in the library."""
    from biblio.bib import reader
    from biblio.importers import dedupe

    both = reader.parse(first + "\n" + second + "\n", "t.bib")
    checked = any(d.rule == "duplicate-entry" for d in rules.run(both))
    one = reader.parse(first + "\n", "t.bib")
    new = reader.parse(second + "\n", "t.bib").entries[0]
    found = dedupe.Index.build(one.entries).find(lambda n: new.get(n) or "", new.type)
    assert checked == (found is not None)


def test_many_copies_of_one_work_are_named_a_few_at_a_time(tmp_path):
    # Every pair at both entries: 300 copies made 89,700 lines (2,000 copies: 4 million lines,
    # 33 s and 4.5 GB). Each entry now names its first few copies, then counts the rest.
    from biblio.rules.references import NAMED

    n = 300
    path = tmp_path / "many.bib"
    path.write_text("".join(f"@misc{{k{i}, title = {{T{i}}}, doi = {{10.1/X}}}}\n"
                            for i in range(n)))
    diags = rules.run(library.load(path), rules.selection(select=["duplicate-entry"]))
    assert len(diags) == n * (NAMED + 1)
    at_first = [d.message for d in diags if d.line == 1]
    assert at_first[:NAMED] == [f"'k0' and 'k{i}' (line {i + 1}) are one work: the same DOI "
                                "10.1/x" for i in range(1, NAMED + 1)]
    assert at_first[NAMED] == (f"'k0' and {n - 1 - NAMED} more entries are one work (the "
                               f"first of them: 'k{NAMED + 1}', line {NAMED + 2}): the same "
                               "DOI 10.1/x")
    assert {d.fix for d in diags if "more entries" in d.message} == {
        "keep one with 'biblio merge', or tell them apart"}
