"""Every rule: one input that triggers it (at the exact line and column) and one that does not."""

from __future__ import annotations

import pytest

from biblio import rules
from biblio.bib import reader
from biblio.rules import REGISTRY, Selection

A = '@article{k,\n  author = {Roe, Jane},\n  title = {A study},\n  journal = {J},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n'

# (rule, input that triggers it, [(line, col)] of its diagnostics, input that does not)
CASES = [
    ('syntax',
     '@article{k,\n  title = {x},\n}\n\n@article{b title = {y}}\n',
     [(5, 1)],
     '@article{b,\n  title = {y},\n}\n'),
    ('unbalanced-braces',
     '@article{k,\n  title = {x,\n}\n',
     [(1, 1)],
     '@article{k,\n  title = {x},\n}\n'),
    ('missing-comma',
     '@article{k,\n  title = {x}\n  year = {2020}\n}\n',
     [(2, 14)],
     '@article{k,\n  title = {x},\n  year = {2020}\n}\n'),
    ('stray-text',
     '@article{k, title = {x}}\n\nyear = {2020}}\n',
     [(3, 1)],
     '@article{k, title = {x}}\n\n% year = 2020\n'),
    ('duplicate-field',
     '@article{k,\n  title = {x},\n  title = {y},\n}\n',
     [(3, 3)],
     '@article{k,\n  title = {x},\n  subtitle = {y},\n}\n'),
    ('bad-key',
     '@article{k#1,\n  title = {x},\n}\n',
     [(1, 1)],
     '@article{k1,\n  title = {x},\n}\n'),
    ('duplicate-key',
     '@article{k,\n  title = {x},\n}\n@article{K,\n  title = {y},\n}\n',
     [(4, 1)],
     '@article{k,\n  title = {x},\n}\n@article{k2,\n  title = {y},\n}\n'),
    ('undefined-string',
     '@article{k,\n  journal = jnl,\n}\n',
     [(2, 13)],
     '@string{jnl = {J}}\n@article{k,\n  journal = jnl,\n}\n'),
    ('duplicate-entry',
     '@article{k,\n  title = {x},\n  doi = {10.1/A},\n}\n@article{j,\n  title = {y},\n  doi = {doi:10.1/a},\n}\n',
     [(1, 1), (5, 1)],
     '@article{k,\n  title = {x},\n  doi = {10.1/A},\n}\n@article{j,\n  title = {y},\n  doi = {10.1/B},\n}\n'),
    ('missing-crossref',
     '@inproceedings{k,\n  title = {x},\n  crossref = {proc},\n}\n',
     [(3, 3)],
     '@inproceedings{k,\n  title = {x},\n  crossref = {proc},\n}\n@proceedings{proc,\n  title = {P},\n}\n'),
    ('crossref-cycle',
     '@incollection{k,\n  title = {x},\n  crossref = {b},\n}\n@book{b,\n  crossref = {k},\n}\n',
     [(3, 3), (6, 3)],
     '@incollection{k,\n  title = {x},\n  crossref = {b},\n}\n@book{b,\n  title = {B},\n}\n'),
    ('missing-field',
     '@article{k,\n  author = {Roe, Jane},\n  journal = {J},\n  year = {2020},\n}\n',
     [(1, 1)],
     '@article{k,\n  author = {Roe, Jane},\n  title = {A study},\n  journal = {J},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n}\n'),
    ('apa-missing-field',
     '@article{k,\n  author = {Roe, Jane},\n  title = {A},\n  journal = {J},\n  year = {2020},\n}\n',
     [(1, 1)],
     '@article{k,\n  author = {Roe, Jane},\n  title = {A study},\n  journal = {J},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n}\n'),
    ('empty-field',
     '@article{k,\n  title = {},\n}\n',
     [(2, 3)],
     '@article{k,\n  title = {x},\n}\n'),
    ('doi-as-url',
     '@article{k,\n  doi = {https://doi.org/10.1000/xyz},\n}\n',
     [(2, 3)],
     '@article{k,\n  doi = {10.1000/xyz},\n}\n'),
    ('bad-doi',
     '@article{k,\n  doi = {10.10/xyz},\n}\n',
     [(2, 3)],
     '@article{k,\n  doi = {10.1000/xyz},\n}\n'),
    ('url-scheme',
     '@online{k,\n  url = {javascript:alert(1)},\n}\n',
     [(2, 3)],
     '@online{k,\n  url = {https://example.org/a},\n}\n'),
    ('bad-isbn',
     '@book{k,\n  isbn = {978-0-306-40615-8},\n}\n',
     [(2, 3)],
     '@book{k,\n  isbn = {978-0-306-40615-7},\n}\n'),
    ('bad-issn',
     '@article{k,\n  issn = {0317-8472},\n}\n',
     [(2, 3)],
     '@article{k,\n  issn = {0317-8471},\n}\n'),
    ('bad-date',
     '@article{k,\n  date = {2015-13-01},\n}\n',
     [(2, 3)],
     '@article{k,\n  date = {2015-12-01},\n}\n'),
    ('month-format',
     '@article{k,\n  month = {November},\n}\n',
     [(2, 3)],
     '@article{k,\n  month = nov,\n}\n'),
    ('year-pubstate',
     '@article{k,\n  year = {in press},\n}\n',
     [(2, 3)],
     '@article{k,\n  pubstate = {inpress},\n}\n'),
    ('journal-abbreviated',
     '@article{k,\n  journal = {Br J Sports Med},\n}\n',
     [(2, 3)],
     '@article{k,\n  journal = {British Journal of Sports Medicine},\n  shortjournal = {Br J Sports Med},\n}\n'),
    ('future-year',
     '@article{k,\n  year = {2999},\n}\n',
     [(2, 3)],
     '@article{k,\n  year = {2999},\n  pubstate = {forthcoming},\n}\n'),
    ('pages-dash',
     '@article{k,\n  pages = {1-7},\n}\n',
     [(2, 13)],
     '@article{k,\n  pages = {1--7},\n}\n'),
    ('pages-reversed',
     '@article{k,\n  pages = {17--12},\n}\n',
     [(2, 12)],
     '@article{k,\n  pages = {117--22},\n}\n'),
    ('edition-not-number',
     '@book{k,\n  edition = {2nd},\n}\n',
     [(2, 3)],
     '@book{k,\n  edition = {2},\n}\n'),
    ('bad-language',
     '@book{k,\n  langid = {en},\n}\n',
     [(2, 3)],
     '@book{k,\n  langid = {english},\n}\n'),
    ('name-credentials',
     '@article{k,\n  author = {Leonid Kalichman, PT, PhD},\n}\n',
     [(2, 31)],
     '@article{k,\n  author = {Kalichman, Leonid},\n}\n'),
    ('names-comma-list',
     '@article{k,\n  author = {Barbara Cagnie, Vincent Dewitte, Tom Barbe},\n}\n',
     [(2, 27)],
     '@article{k,\n  author = {Cagnie, Barbara and Dewitte, Vincent and Barbe, Tom},\n}\n'),
    ('and-others',
     '@article{k,\n  author = {Smith, J. and Doe, A. and others},\n}\n',
     [(2, 35)],
     '@article{k,\n  author = {Smith, J. and Doe, A. and Roe, B.},\n}\n'),
    ('corporate-author',
     '@report{k,\n  author = {American Physical Therapy Association},\n}\n',
     [(2, 13)],
     '@report{k,\n  author = {{American Physical Therapy Association}},\n}\n'),
    ('name-all-caps',
     '@article{k,\n  author = {Lee, Ann and GARCIA, MARIA},\n}\n',
     [(2, 26)],
     '@article{k,\n  author = {Lee, Ann and Garcia, Maria and {WHO} and Lee, A. J. B.},\n}\n'),
    ('initials-period',
     '@article{k,\n  author = {Ries, E},\n}\n',
     [(2, 19)],
     '@article{k,\n  author = {Ries, E.},\n}\n'),
    ('unprotected-word',
     '@article{k,\n  title = {Repair of DNA in cells},\n}\n',
     [(2, 22)],
     '@article{k,\n  title = {Repair of {DNA} in cells},\n}\n'),
    ('title-case',
     '@article{k,\n  title = {Physiologic Effects of Dry Needling},\n}\n',
     [(2, 3)],
     '@article{k,\n  title = {Physiologic effects of dry needling},\n}\n'),
    ('title-all-caps',
     '@article{k,\n  title = {PHYSIOLOGIC EFFECTS OF DRY NEEDLING},\n}\n',
     [(2, 3)],
     '@article{k,\n  title = {Physiologic effects of dry needling},\n}\n'),
    ('retrieved-from',
     '@article{k,\n  note = {Retrieved from Movement Physical Therapy},\n}\n',
     [(2, 11)],
     '@article{k,\n  note = {Reprinted with permission},\n}\n'),
    ('url-and-doi',
     '@article{k,\n  doi = {10.1000/xyz},\n  url = {https://example.org/a},\n}\n',
     [(3, 3)],
     '@article{k,\n  doi = {10.1000/xyz},\n}\n'),
    ('personal-communication',
     '@misc{k,\n  author = {Seguin, P.},\n  note = {B. Galassi, Interviewer},\n}\n',
     [(3, 3)],
     '@misc{k,\n  author = {Seguin, P.},\n  type = {personal communication},\n  note = {B. Galassi, Interviewer},\n}\n'),
    ('credentials-in-title',
     '@misc{k,\n  title = {PT, DPT, COMT, Facility Manager},\n}\n',
     [(2, 12)],
     '@misc{k,\n  title = {PT and DPT programs compared},\n}\n'),
    ('unknown-field',
     '@article{k,\n  jounral = {J},\n}\n',
     [(2, 3)],
     '@article{k,\n  journal = {J},\n}\n'),
]


def found(rule_id: str, text: str, cited=None) -> list[tuple[int, int]]:
    diags = rules.run(reader.parse(text, "t.bib"), Selection({rule_id}), cited)
    return [(d.line, d.col) for d in diags if d.rule == rule_id]


@pytest.mark.parametrize("rule_id,bad,where,good", CASES, ids=[c[0] for c in CASES])
def test_rule_triggers_at_the_right_place(rule_id, bad, where, good):
    assert found(rule_id, bad) == where


@pytest.mark.parametrize("rule_id,bad,where,good", CASES, ids=[c[0] for c in CASES])
def test_rule_stays_quiet_on_good_input(rule_id, bad, where, good):
    assert found(rule_id, good) == []


def test_every_rule_has_a_case():
    online = {r.id for r in REGISTRY.values() if r.scope == "online"}  # test_check_online.py
    tested = {c[0] for c in CASES} | {"missing-citation", "uncited-entry"} | online
    assert tested == set(REGISTRY)


POST_CITES = {"cagnie2013": ("posts/a.md", 3, 7), "nobody2020": ("posts/a.md", 5, 1)}
TWO = "@article{cagnie2013,\n  title = {x},\n}\n\n@article{other,\n  title = {y},\n}\n"


def test_missing_citation_points_into_the_post():
    diags = rules.run(reader.parse(TWO, "t.bib"), Selection({"missing-citation"}), POST_CITES)
    assert [(d.path, d.line, d.col, d.rule) for d in diags] == [
        ("posts/a.md", 5, 1, "missing-citation")]
    assert rules.run(reader.parse(TWO, "t.bib"), Selection({"missing-citation"}),
                     {"cagnie2013": POST_CITES["cagnie2013"]}) == []


def test_uncited_entry_is_info_and_only_with_posts():
    assert found("uncited-entry", TWO, POST_CITES) == [(5, 1)]
    assert found("uncited-entry", TWO, None) == []
    assert found("uncited-entry", TWO, {"cagnie2013": ("p", 1, 1), "other": ("p", 1, 1)}) == []
    assert REGISTRY["uncited-entry"].severity == "info"


def test_parents_of_cited_entries_and_nocite_star_count_as_cited():
    text = ("@inproceedings{child,\n  title = {x},\n  crossref = {proc},\n}\n\n"
            "@proceedings{proc,\n  title = {P},\n}\n\n@misc{lonely,\n  title = {y},\n}\n")
    assert found("uncited-entry", text, {"child": ("p", 1, 1)}) == [(10, 1)]
    assert found("uncited-entry", text, {"child": ("p", 1, 1), "*": ("p", 2, 1)}) == []
    assert found("missing-citation", text, {"*": ("p", 2, 1)}) == []


@pytest.mark.parametrize("bib, says", [
    ("@book{a, crossref = {a}, title = {T}}\n",
     ["1:10: 'a' has crossref = 'a': an entry cannot inherit from itself"]),
    ("@book{a, xdata = {b}}\n@xdata{b, xdata = {c}}\n@xdata{c, xdata = {A}}\n",
     ["1:10: 'a' has xdata = 'b', and 'b' inherits from 'a' in turn (a cycle of 3 entries)",
      "2:11: 'b' has xdata = 'c', and 'c' inherits from 'b' in turn (a cycle of 3 entries)",
      "3:11: 'c' has xdata = 'A', and 'A' inherits from 'c' in turn (a cycle of 3 entries)"]),
    # A chain that ends, and one entry outside a cycle pointing into it, are no cycle.
    ("@book{a, crossref = {b}}\n@book{b, crossref = {c}}\n@book{c, title = {C}}\n", []),
    ("@book{x, crossref = {a}}\n@book{a, crossref = {b}}\n@book{b, crossref = {a}}\n",
     ["2:10: 'a' has crossref = 'b', and 'b' inherits from 'a' in turn (a cycle of 2 entries)",
      "3:10: 'b' has crossref = 'a', and 'a' inherits from 'b' in turn (a cycle of 2 entries)"]),
])
def test_crossref_and_xdata_cycles_are_errors_at_each_link(tmp_path, bib, says):
    # biber refuses circular inheritance; biblio cut the cycle without a word, so which fields
    # an entry got depended on where the walk began.
    from biblio.bib import library

    path = tmp_path / "c.bib"
    path.write_text(bib)
    found = rules.run(library.load(path), rules.selection(select=["crossref-cycle"]))
    assert [f"{d.line}:{d.col}: {d.message}" for d in found] == says
    assert all(d.severity == "error" and d.fix for d in found)
