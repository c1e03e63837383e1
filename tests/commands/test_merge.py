"""`biblio merge KEEP DROP`: DROP's fields go to KEEP, every citation of DROP in every post
and every field naming it names KEEP, DROP goes — all together, or nothing changes."""

from __future__ import annotations

import pytest
from helpers import fail_nth_replace, files_of, sample_site

from biblio.commands import merge
from biblio.diagnostics import BiblioError
from biblio.document.posts import citations_in

KEEP, DROP = "cagnie2013physiologic", "cagnie2013dup"


@pytest.fixture
def site(tmp_path, monkeypatch):
    sample_site(tmp_path, f"\n@article{{{DROP},\n  author = {{Cagnie, B. and Dewitte, V.}},\n"
                "  title = {Physiologic Effects of Dry Needling},\n  year = {2013},\n"
                "  pages = {1--8},\n  doi = {https://doi.org/10.1007/S11916-013-0348-5},\n}\n"
                "\n@incollection{part1, author = {Roe, J.}, title = {A part}, year = {2013},\n"
                f"  crossref = {{{DROP}}}}}\n@misc{{rel1, title = {{R}}, related = {{x, {DROP}, "
                f"{KEEP}}}}}\n")
    posts = tmp_path / "posts"
    (posts / "q.qmd").write_bytes(
        (f"---\r\ntitle: Q\r\nnocite: |\r\n  @{DROP} @other\r\n---\r\n"
         f"A cluster [see @{DROP}, p. 3; @kalichman2010dryneedling], narrative @{DROP} [p. 4],"
         f"\r\nyear only [-@{DROP}], braced @{{{DROP}}}, in code `[@{DROP}]` and\r\n\r\n"
         f"    [@{DROP}] indented code\r\n").encode())
    (posts / "h.html").write_text(f"<p>HTML [@{DROP}]</p>\n<pre>[@{DROP}]</pre>\n")
    (posts / "z.md").write_text(f"# Z\n\nBoth [@{KEEP}; @{DROP}, p. 2].\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _entry(bib: str, key: str) -> str:
    start = bib.index("{" + key + ",")
    return bib[start:bib.index("\n}", start)]


def test_merge_moves_fields_and_every_citation(site):
    before = citations_in(site / "posts")
    out = merge.run(KEEP, DROP, prefer="keep")
    after = citations_in(site / "posts")
    assert DROP not in after
    assert sorted((p, line) for p, line, _ in after[KEEP]) == \
        sorted((p, line) for p, line, _ in before[DROP] + before[KEEP])
    q = (site / "posts" / "q.qmd").read_bytes().decode()
    assert f"nocite: |\r\n  @{KEEP} @other\r\n" in q  # the front matter's nocite too
    assert f"`[@{DROP}]`" in q and f"    [@{DROP}] indented code" in q  # code left alone
    assert f"braced @{{{KEEP}}}" in q and q.count("\r\n") == q.count("\n")
    html = (site / "posts" / "h.html").read_text()
    assert f"<p>HTML [@{KEEP}]</p>" in html and f"<pre>[@{DROP}]</pre>" in html
    bib = (site / "references.bib").read_text()
    assert DROP not in bib
    kept = _entry(bib, KEEP)
    assert "pages = {1--8}" in kept  # only DROP had it
    assert "title = {Physiologic effects of dry needling}" in kept  # --prefer keep
    assert "doi = {10.1007/s11916-013-0348-5}" in kept  # the same DOI: no conflict
    assert f"crossref = {{{KEEP}}}" in bib and f"related = {{x, {KEEP}}}" in bib
    assert out.added == ["pages"] and out.taken == []
    assert out.outcome.citations == len(before[DROP])


def test_prefer_drop_takes_the_dropped_entrys_values(site):
    out = merge.run(KEEP, DROP, prefer="drop")
    kept = _entry((site / "references.bib").read_text(), KEEP)
    assert "title = {Physiologic Effects of Dry Needling}" in kept
    assert "author = {Cagnie, B. and Dewitte, V.}" in kept
    assert out.taken == ["author", "title"]


def test_conflicts_without_a_choice_are_listed_and_nothing_changes(site):
    before = files_of(site)
    with pytest.raises(BiblioError) as err:
        merge.run(KEEP, DROP)
    assert err.value.exit_code == 2
    diags = err.value.diagnostics
    assert [d.rule for d in diags] == ["merge-conflict", "merge-conflict"]
    bib_lines = (site / "references.bib").read_text().splitlines()
    assert [bib_lines[d.line - 1].split("=")[0].strip() for d in diags] == ["author", "title"]
    assert all(d.path == "references.bib" and "--prefer keep" in d.fix for d in diags)
    assert "'cagnie2013dup' has title = {Physiologic Effects of Dry Needling}" in \
        diags[1].message
    assert files_of(site) == before


def test_each_conflict_is_asked(site):
    asked = []

    def choose(c):
        asked.append(c.field)
        return "drop" if c.field == "title" else "keep"

    out = merge.run(KEEP, DROP, choose=choose)
    assert asked == ["author", "title"] and out.taken == ["title"]
    kept = _entry((site / "references.bib").read_text(), KEEP)
    assert "title = {Physiologic Effects of Dry Needling}" in kept
    assert "Cagnie, Barbara and Dewitte, Vincent" in kept


def test_dry_run_writes_nothing(site):
    before = files_of(site)
    out = merge.run(KEEP, DROP, prefer="keep", dry_run=True)
    assert files_of(site) == before
    diff = out.outcome.diff()
    assert f"-@article{{{DROP}," in diff and "+  pages = {1--8}," in diff
    assert f"+Both [@{KEEP}; @{KEEP}, p. 2]." in diff


def test_a_failure_on_the_third_file_leaves_every_file_as_it_was(site, monkeypatch):
    before = files_of(site)
    calls = fail_nth_replace(monkeypatch)
    with pytest.raises(BiblioError) as err:
        merge.run(KEEP, DROP, prefer="keep")
    assert err.value.exit_code == 2 and "nothing was merged" in err.value.diagnostics[0].message
    assert len(calls) >= 3
    assert files_of(site) == before  # nothing half-merged, no temp file left


@pytest.mark.parametrize("keep,drop,rule", [
    (KEEP, KEEP, "usage"),
    # a key differing in case only names no entry (biblio.bib.keys): did you mean KEEP?
    (KEEP, KEEP.upper(), "unknown-key"),
    (KEEP, "cagnie2013dpu", "unknown-key"),
    ("nosuch", DROP, "unknown-key"),
])
def test_merge_refuses(site, keep, drop, rule):
    before = files_of(site)
    with pytest.raises(BiblioError) as err:
        merge.run(keep, drop, prefer="keep")
    assert err.value.diagnostics[0].rule == rule
    assert files_of(site) == before


def test_keep_naming_drop_does_not_become_its_own_parent(site):
    bib = site / "references.bib"
    bib.write_text(bib.read_text().replace("  langid = {english},\n}",
                                           f"  langid = {{english}},\n  related = {{{DROP}}},\n}}",
                                           1))
    merge.run(KEEP, DROP, prefer="keep")
    assert "related" not in _entry(bib.read_text(), KEEP)


def test_the_cli_needs_a_choice_without_a_terminal(site, cli):
    r = cli(["merge", KEEP, DROP])
    assert r.exit_code == 2
    assert "error[merge-conflict]" in r.stderr and "--prefer" in r.stderr
    r = cli(["merge", KEEP, DROP, "--prefer", "keep"])
    assert r.exit_code == 0, r.output
    assert f"{DROP} → {KEEP}; added: pages; 7 citations in 3 posts" in r.stderr


def test_the_cli_asks_in_a_terminal(site, cli, monkeypatch):
    monkeypatch.setattr(merge, "stdin_is_terminal", lambda: True)
    r = cli(["merge", KEEP, DROP], input="k\nd\n")
    assert r.exit_code == 0, r.output
    assert "k) cagnie2013physiologic: {Physiologic effects of dry needling}" in r.stderr
    assert f"{DROP}'s value taken: title" in r.stderr
    assert "title = {Physiologic Effects of Dry Needling}" in \
        _entry((site / "references.bib").read_text(), KEEP)


@pytest.mark.parametrize("written, merged", [
    ("[@a; @b]", "[@a]"),  # b merged into a: the repeat goes, with its ";"
    ("[@b; @a]", "[@a]"),
    ("[@c;@b; @a]", "[@c;@a]"),
    ("[see @b; @a, p. 3]", "[see @a; @a, p. 3]"),  # a cite with its own locator stays
    ("[@a; @b, p. 2]", "[@a; @a, p. 2]"),
    ("[@a; -@b]", "[@a; -@a]"),  # so does a year-only cite
    ("[@a; @a; @b]", "[@a; @a]"),  # a repeat the writer made is theirs
    ("@b [p. 3] and @a", "@a [p. 3] and @a"),  # narrative citations are not clusters
    ("[@a; @b]\r\nnext", "[@a]\r\nnext"),
])
def test_merging_takes_out_the_repeat_it_makes_in_a_cluster(written, merged):
    from biblio.document.rekey import rekey

    assert rekey(f"Text {written}.\n", {"b": "a"})[0] == f"Text {merged}.\n"
    assert rekey(f"<p>Text {written}.</p>", {"b": "a"}, html=True)[0] == \
        f"<p>Text {merged}.</p>"
