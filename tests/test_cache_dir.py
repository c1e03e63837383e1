"""The user cache folder: one answer (biblio.paths.cache_dir) for every cache biblio keeps."""

import os
from pathlib import Path

import pytest

from biblio import paths
from biblio.commands import search
from biblio.csl import ucatable
from biblio.importers.http import Client


def test_the_cache_moves_with_biblio_cache_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    assert paths.cache_dir("http") == tmp_path / "http"


def test_no_cache_turns_every_cache_off(monkeypatch, tmp_path):
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("BIBLIO_NO_CACHE", "1")
    assert paths.cache_dir("http") is None
    assert Client.from_settings().cache_dir is None
    assert search._cache_file(tmp_path / "references.bib") is None
    assert ucatable._kept(Path(ucatable.__file__), "table") is None


def test_the_default_is_the_platform_user_cache(monkeypatch):
    import platformdirs

    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    monkeypatch.delenv("BIBLIO_CACHE_DIR", raising=False)
    assert paths.cache_dir("uca") == Path(platformdirs.user_cache_dir("biblio")) / "uca"


def test_the_three_caches_share_the_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    assert Client.from_settings().cache_dir == tmp_path / "http"
    assert Client.from_settings(cache=False).cache_dir is None
    assert search._cache_file(tmp_path / "references.bib").parent == tmp_path / "search"
    assert ucatable._kept(Path(ucatable.__file__), "table").parent == tmp_path / "uca"


@pytest.mark.parametrize("env", [
    {"XDG_CACHE_HOME": "/tmp/xdg-cache", "HOME": "/home/someone"},
    {"XDG_CACHE_HOME": "", "HOME": "/home/someone"},
    {"XDG_CACHE_HOME": "relative/cache", "HOME": "/home/someone/"},
    {"HOME": "/"},
    {"HOME": "relative-home"},
    {},
], ids=["xdg", "blank xdg", "relative xdg", "root home", "relative home", "no home"])
def test_the_default_is_found_as_platformdirs_finds_it_without_importing_it(monkeypatch, env):
    # paths._xdg_cache_dir answers the plain Linux case itself (platformdirs is ~6 ms of a
    # quick command's start); any case it leaves to platformdirs gets platformdirs' answer.
    import platformdirs

    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    monkeypatch.delenv("BIBLIO_CACHE_DIR", raising=False)
    for name in ("XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    try:
        want = Path(platformdirs.user_cache_dir("biblio")) / "csl"
    except RuntimeError:  # platformdirs finds no home: nor do we, then
        return
    assert paths.cache_dir("csl") == want


def test_a_part_of_the_cache_is_looked_at_every_quarter_of_its_size_not_at_each_save(
        tmp_path, monkeypatch):
    from biblio import paths

    looked = []
    real = os.listdir
    monkeypatch.setattr(os, "listdir", lambda p: looked.append(p) or real(p))
    for n in range(40):
        paths.keep(tmp_path / "part" / f"v{n}.marshal", n, most=16)
    assert len(looked) == 10  # the first save, then every 4th
    assert 12 <= len(list((tmp_path / "part").glob("*.marshal"))) <= 16 + 4
    assert paths.read_kept(tmp_path / "part" / "v39.marshal") == 39  # the last one stays
