"""The benchmark data generator: deterministic, the requested size, and readable by biblio."""

from __future__ import annotations

import re

from benchmarks import gen
from biblio.bib import library


def test_same_seed_same_bytes_other_seed_other_bytes():
    assert gen.bib_text(200, seed=3) == gen.bib_text(200, seed=3)
    assert gen.bib_text(200, seed=3) != gen.bib_text(200, seed=4)


def test_bib_has_the_requested_entries_and_parses_cleanly(tmp_path):
    path = gen.write_bib(tmp_path / "b.bib", 300, seed=1)
    lib = library.load(path)
    assert len(lib.entries) == 300
    assert lib.diagnostics == []
    types = {e.type.lower() for e in lib.entries}
    assert {"article", "book", "inproceedings", "proceedings", "online"} <= types
    keys = {e.key for e in lib.entries}
    for e in lib.entries:
        assert 6 <= len(e.fields) <= 14
        parent = e.get("crossref")
        if parent:
            assert parent in keys
    assert len(lib.strings) >= 10
    assert gen.keys_of(path.read_text(encoding="utf-8")) == [e.key for e in lib.entries]


def test_site_posts_cite_entries_of_the_bib(tmp_path):
    bib = gen.write_bib(tmp_path / "b.bib", 50, seed=1)
    site = gen.write_site(tmp_path / "site", posts=12, cites=5, bib=bib, seed=2)
    posts = sorted((site / "posts").glob("*.md"))
    assert len(posts) == 12
    keys = set(gen.keys_of(bib.read_text(encoding="utf-8")))

    for p in posts:
        cited = set(re.findall(r"@([a-z0-9]+)", p.read_text(encoding="utf-8")))
        assert cited and cited <= keys
    assert (site / "references.bib").read_bytes() == bib.read_bytes()


def test_cli_writes_a_bib(tmp_path):
    assert gen.main(["bib", "--entries", "40", "--out", str(tmp_path / "x.bib"), "--seed", "1"]) == 0
    assert (tmp_path / "x.bib").read_text(encoding="utf-8") == gen.bib_text(40, seed=1)
