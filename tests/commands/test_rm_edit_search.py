"""`biblio rm`, `biblio edit` and `biblio search`."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from helpers import ROOT, biblio

from biblio.bib import library
from biblio.commands import edit, rm, search
from biblio.diagnostics import BiblioError


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A copy of the sample blog: references.bib and posts/."""
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    shutil.copytree(ROOT / "posts", tmp_path / "posts")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


# -- rm -----------------------------------------------------------------------------------------

def test_rm_refuses_a_cited_entry(site):
    before = (site / "references.bib").read_bytes()
    p = biblio(["rm", "cagnie2013physiologic"], cwd=site)
    assert p.returncode == 1
    assert "error[cited]: 'cagnie2013physiologic' is cited here — remove the citation first, " \
           "or pass --force" in p.stderr
    assert p.stderr.startswith(str(Path("posts") / "dry-needling.md") + ":") or \
        "dry-needling.md:" in p.stderr.split(": error")[0]
    assert (site / "references.bib").read_bytes() == before


def test_rm_force_and_uncited(site):
    (site / "references.bib").write_text((site / "references.bib").read_text() +
                                         "\n@misc{unused, title = {Nobody cites me}}\n")
    removed, notes = rm.run(["unused"])
    assert removed == ["unused"] and notes == []
    lib = library.load(site / "references.bib")
    assert "unused" not in lib and len(lib.entries) == 6
    # (library.remove leaves the blank line that separated the entry from the one before)
    assert (site / "references.bib").read_text().rstrip("\n") == \
        (ROOT / "references.bib").read_text().rstrip("\n")
    p = biblio(["rm", "--force", "seguin2015interview"], cwd=site)
    assert p.returncode == 0 and p.stdout == "seguin2015interview\n"
    assert "warning[cited]: 'seguin2015interview' is cited here, and was removed anyway" \
        in p.stderr
    assert "seguin2015interview" not in library.load(site / "references.bib")


PARENTS = """
@incollection{ch, crossref = {bk}, title = {Chapter}, author = {Doe, J.}, pages = {1--2}}
@book{bk, title = {Book}, editor = {Roe, A.}, publisher = {P}, year = {2020}}
@xdata{xd, publisher = {Q}}
@book{usesx, xdata = {other, XD}, title = {X}, author = {Poe, E.}, year = {2001}}
"""


@pytest.mark.parametrize("key, child, line, field, named", [("bk", "ch", 2, "crossref", "bk"),
                                                             ("xd", "usesx", 5, "xdata", "XD")])
def test_rm_refuses_an_entry_another_inherits_from(site, key, child, line, field, named):
    # `rm bk` succeeded while 'ch' named it in crossref: the library was left with a
    # missing-crossref error, and every post citing 'ch' stopped building.
    (site / "references.bib").write_text(PARENTS)
    p = biblio(["rm", key], cwd=site)
    assert p.returncode == 1, p.stderr
    assert p.stderr.startswith(f"references.bib:{line}:1: error[inherited]: '{child}' has "
                               f"{field} = '{named}', whose fields it inherits"), p.stderr
    assert "remove it from '" + child + "' first (or rm both), or pass --force" in p.stderr
    assert (site / "references.bib").read_text() == PARENTS
    assert biblio(["rm", key, child], cwd=site).returncode == 0  # both at once: nothing left


def test_rm_force_removes_a_parent_with_a_warning(site):
    (site / "references.bib").write_text(PARENTS)
    p = biblio(["rm", "--force", "bk"], cwd=site)
    assert p.returncode == 0, p.stderr
    assert "warning[inherited]: 'ch' has crossref = 'bk', and it was removed anyway" in p.stderr


def test_rm_unknown_key_and_posts_setting(site):
    with pytest.raises(BiblioError) as err:
        rm.run(["cagnie2013physiologc"], force=True)
    assert "did you mean 'cagnie2013physiologic'?" in err.value.diagnostics[0].fix
    (site / "pyproject.toml").write_text('[tool.biblio.build]\nsrc = "drafts"\n')
    (site / "drafts").mkdir()
    (site / "drafts" / "a.md").write_text("Some text [@ries2015ptinmotion, p. 2].\n")
    with pytest.raises(BiblioError) as err:
        rm.run(["ries2015ptinmotion", "cagnie2013physiologic"])
    (d,) = err.value.diagnostics  # posts/ is not the posts folder any more
    assert (Path(d.path).name, d.line, d.col) == ("a.md", 1, 12)


# -- edit ---------------------------------------------------------------------------------------

def test_edit_saves_a_valid_change(site):
    def change(text):
        assert text.startswith("% biblio edit: ries2015ptinmotion")
        return text.replace("date = {2015-05},", "date = {2015-05},\n  title = {Needling},")
    outcome = edit.run("ries2015ptinmotion", edit=change)
    assert outcome.changed and outcome.key == "ries2015ptinmotion"
    text = (site / "references.bib").read_text()
    assert "  title = {Needling},\n" in text
    # every other entry is untouched
    original = (ROOT / "references.bib").read_text()
    assert text.split("@article{ries2015ptinmotion")[0] == \
        original.split("@article{ries2015ptinmotion")[0]
    assert text.split("@misc{seguin2015interview")[1] == \
        original.split("@misc{seguin2015interview")[1]


def test_renaming_a_cited_key_warns(site):
    outcome = edit.run("ries2015ptinmotion",
                       edit=lambda t: t.replace("{ries2015ptinmotion,", "{ries2015motion,"))
    assert outcome.key == "ries2015motion"
    lib = library.load(site / "references.bib")
    assert "ries2015motion" in lib and "ries2015ptinmotion" not in lib
    (w,) = [w for w in outcome.warnings if w.rule == "cited"]
    assert w.path.endswith("dry-needling.md") and "is now 'ries2015motion'" in w.message


def test_an_edit_is_checked_and_its_problems_point_at_the_file(site):
    outcome = edit.run("ries2015ptinmotion",
                       edit=lambda t: t.replace("{ries2015ptinmotion,",
                                                "{ries2015ptinmotion,\n  doi = {nonsense},"))
    lines = (site / "references.bib").read_text().splitlines()
    at = lines.index("  doi = {nonsense},") + 1
    (w,) = [w for w in outcome.warnings if w.rule == "bad-doi"]
    assert w.path.endswith("references.bib") and w.line == at


def test_an_invalid_edit_is_offered_again_never_saved(site):
    before = (site / "references.bib").read_bytes()
    seen, asked = [], []

    def broken(text):
        seen.append(text)
        return text.replace("journal = {PT in Motion},", "journal = {PT in Motion,")

    def again(errors):
        asked.append(errors)
        return len(asked) < 2

    with pytest.raises(BiblioError) as err:
        edit.run("ries2015ptinmotion", edit=broken, again=again)
    assert len(seen) == 2 and len(asked) == 2
    assert "% biblio edit: " in seen[1].split("@article")[0]  # the errors, shown in the file
    first, last = err.value.diagnostics[0], err.value.diagnostics[-1]
    assert last.rule == "not-saved"
    assert (first.rule, first.line) == ("unbalanced-braces", 46)  # where the entry is
    assert (site / "references.bib").read_bytes() == before

    texts = []

    def fixed_second_time(text):
        texts.append(text)
        if len(texts) == 1:
            return text.replace("journal = {PT in Motion},", "journal = {PT in Motion,")
        return text.replace("{PT in Motion,", "{PT in Motion!},")

    outcome = edit.run("ries2015ptinmotion", edit=fixed_second_time, again=lambda e: True)
    assert outcome.changed and len(texts) == 2
    assert library.load(site / "references.bib").get("ries2015ptinmotion").get("journal") == \
        "PT in Motion!"


def test_edit_refuses_a_taken_key_and_a_concurrent_change(site):
    with pytest.raises(BiblioError) as err:
        edit.run("ries2015ptinmotion",
                 edit=lambda t: t.replace("{ries2015ptinmotion,", "{seguin2015interview,"))
    assert err.value.diagnostics[0].rule == "duplicate-key"

    def meanwhile(text):
        with library.edit(site / "references.bib") as lib:
            lib.get("ries2015ptinmotion").set("note", "changed by someone else")
        return text.replace("PT in Motion", "PT in Motion!")

    with pytest.raises(BiblioError) as err:
        edit.run("ries2015ptinmotion", edit=meanwhile)
    assert err.value.diagnostics[0].rule == "conflict"
    e = library.load(site / "references.bib").get("ries2015ptinmotion")
    assert e.get("note") == "changed by someone else" and e.get("journal") == "PT in Motion"


def test_edit_through_editor_process(site):
    script = site / "fake_editor.py"
    script.write_text("import sys\np = sys.argv[1]\nt = open(p).read()\n"
                      "open(p, 'w').write(t.replace('{Ries, E.}', '{Ries, Eric}'))\n")
    p = biblio(["edit", "ries2015ptinmotion"], cwd=site,
               env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""})
    assert p.returncode == 0, p.stderr
    assert library.load(site / "references.bib").get("ries2015ptinmotion").get("author") == \
        "Ries, Eric"
    # an editor that breaks the entry, and a person who declines to try again
    script.write_text("import sys\np = sys.argv[1]\nt = open(p).read()\n"
                      "open(p, 'w').write(t.replace('{Ries, Eric},', '{Ries, Eric,'))\n")
    before = (site / "references.bib").read_bytes()
    p = biblio(["edit", "ries2015ptinmotion"], cwd=site, input="n\n",
               env={"EDITOR": f"{sys.executable} {script}", "VISUAL": ""})
    assert p.returncode == 1 and "Edit it again?" in p.stderr
    assert "error[not-saved]: 'ries2015ptinmotion' was left as it was" in p.stderr
    assert (site / "references.bib").read_bytes() == before


# -- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize("query, keys", [
    (["kalichman"], ["kalichman2010dryneedling"]),
    (["dry", "needling", "2013"], ["apta2013dryneedling", "cagnie2013physiologic"]),
    (["author:meeus"], ["cagnie2013physiologic"]),
    (["title:physiologic", "year:2013"], ["cagnie2013physiologic"]),
    (["year:2010-2013"], ["apta2013dryneedling", "cagnie2013physiologic",
                          "kalichman2010dryneedling"]),
    (["10.3122/jabfm"], ["kalichman2010dryneedling"]),
    (["doi:10.1007"], ["cagnie2013physiologic"]),
    (["type:misc"], ["seguin2015interview"]),
    (["seguin2015interview"], ["seguin2015interview"]),
    (["MEEUS", "Physiologic"], ["cagnie2013physiologic"]),
    (["nothing-like-this"], []),
])
def test_search(site, query, keys):
    hits, _ = search.run(query)
    assert [h.key for h in hits] == keys


def test_search_folds_accents_and_uses_its_cache(site):
    bib = site / "references.bib"
    bib.write_text(bib.read_text() + '\n@book{mueller, author = {M{\\"u}ller, J{\\"o}rg}, '
                   "title = {Schmerz}, year = 1999}\n")
    assert [h.key for h in search.run(["muller"])[0]] == ["mueller"]
    assert [h.key for h in search.run(["Müller", "jörg"])[0]] == ["mueller"]
    assert list((site / "cache" / "search").glob("*.json"))
    # a file changed by biblio is read again (same size: a new inode tells)
    with library.edit(bib) as lib:
        lib.get("mueller").set("title", "Zahnweh")
    assert [h.key for h in search.run(["title:zahnweh"])[0]] == ["mueller"]


def test_search_cli(site):
    p = biblio(["search", "author:kalichman"], cwd=site)
    assert p.returncode == 0 and p.stdout.startswith("kalichman2010dryneedling")
    assert "Kalichman, Leonid" in p.stdout
    p = biblio(["search", "--format", "keys", "needling", "2015"], cwd=site)
    assert p.stdout.split() == ["edwards2015drma"]
    p = biblio(["search", "zzzz"], cwd=site)
    assert p.returncode == 1 and p.stdout == ""
