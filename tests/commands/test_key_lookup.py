"""Which entry a typed key names is one answer (biblio.bib.keys), whatever command asks: the
entry whose key it is exactly; a key differing from an entry's in case only names none, and
the error names that entry first (pandoc's citations are case-sensitive, so `@bk2` does not
reach `BK2`). Each command: exit 1, `no entry 'bk2'`, `did you mean 'BK2'?`, nothing written."""

from __future__ import annotations

import pytest
from helpers import biblio

BIB = """@book{BK2, title = {A Book}, author = {Doe, Jane}, year = {2020}, publisher = {P}}

@book{Other, title = {A Book}, author = {Doe, Jane}, year = {2020}, publisher = {P}}
"""

POST = "---\ntitle: T\n---\n\nAs shown [@{key}].\n"

# (command line with KEY standing for the key typed) — every command that names an entry.
COMMANDS = {
    "show": ["show", "KEY"],
    "edit": ["edit", "KEY"],
    "rm": ["rm", "KEY"],
    "rename": ["rename", "KEY", "NewKey"],
    "merge": ["merge", "KEY", "Other", "--prefer", "keep"],  # (the post is re-keyed)
    "export": ["export", "--to", "csl-json", "KEY"],
    "format": ["format", "KEY"],
    "render": ["render", "posts/p.md", "-o", "out.html"],
}


@pytest.fixture
def site(tmp_path):
    (tmp_path / "references.bib").write_text(BIB)
    (tmp_path / "posts").mkdir()
    return tmp_path


def _run(site, name, key):
    # (only render's post cites the key: rm refuses an entry a post cites)
    (site / "posts" / "p.md").write_text(POST.replace("{key}", key if name == "render"
                                                      else "Other"))
    args = [key if a == "KEY" else a for a in COMMANDS[name]]
    return biblio(args, cwd=site, env={"EDITOR": "true", "VISUAL": "true",
                                       "BIBLIO_CACHE_DIR": str(site / "cache")})


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_key_differing_in_case_names_no_entry_and_the_error_names_the_entry(site, name):
    before = (site / "references.bib").read_bytes()
    p = _run(site, name, "bk2")
    assert p.returncode == 1, (name, p.stderr)
    assert "error[unknown-key]: no entry 'bk2'" in p.stderr, (name, p.stderr)
    assert "did you mean 'BK2'?" in p.stderr, (name, p.stderr)
    assert (site / "references.bib").read_bytes() == before
    assert not (site / "out.html").exists()


@pytest.mark.parametrize("name", list(COMMANDS))
def test_the_exact_key_names_the_entry(site, name):
    p = _run(site, name, "BK2")
    assert p.returncode == 0, (name, p.stderr)
    assert "unknown-key" not in p.stderr


def test_cited_by_names_the_entry_a_key_differing_in_case_means(site):
    (site / "posts" / "p.md").write_text(POST.replace("{key}", "BK2"))
    p = biblio(["cited-by", "bk2"], cwd=site)
    assert p.returncode == 0 and p.stdout == ""
    assert "no post cites 'bk2'" in p.stderr and "did you mean 'BK2'?" in p.stderr
    p = biblio(["cited-by", "BK2"], cwd=site)
    assert p.stdout.strip().endswith("p.md:5:11")
