"""Compiled regular expressions kept once per install (biblio.regexcache): a pattern read back
is the pattern `re` makes, only the command line's process uses them, and a file that cannot
be read, another interpreter's, or BIBLIO_NO_CACHE means compiling as always."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from helpers import ROOT, sample_site

from biblio import regexcache

# A process that compiles some patterns with the cache installed, then says which of them
# re's cache held before it compiled them (read back from the file), and whether each is the
# pattern re's own compiler makes.
_RUN = r"""
import re, sys
from re import _compiler
from biblio import regexcache
regexcache.install()
wanted = [(r"(?P<year>\d{4})-(?P<month>\d\d)", 0), (r"[^\W\d_]+\.?|§§?", re.I), (rb"\x00+", 0),
          (r"(?x) a  b # comment", re.M | re.S), (r"(?<=x)y(?!z)", re.ASCII)]
held = [(type(p), p, int(f)) in re._cache for p, f in wanted]
same = [re.compile(p, f) == _compiler.compile(p, int(f)) for p, f in wanted]
print(held, same)
"""


def run(tmp_path, *, env=()):
    e = {k: v for k, v in os.environ.items() if not k.startswith("BIBLIO_")}
    e.update(PYTHONPATH=str(ROOT), BIBLIO_CACHE_DIR=str(tmp_path), **dict(env))
    out = subprocess.run([sys.executable, "-c", _RUN], capture_output=True, text=True,
                         env=e, timeout=120, check=True)
    return out.stdout.strip()


def test_patterns_saved_by_one_process_are_read_back_the_same_by_the_next(tmp_path):
    assert run(tmp_path) == "[False, False, False, False, False] [True, True, True, True, True]"
    assert len(list((tmp_path / "re").glob("*.marshal"))) == 1
    assert run(tmp_path) == "[True, True, True, True, True] [True, True, True, True, True]"


def test_an_unreadable_file_means_compiling_as_always(tmp_path):
    run(tmp_path)
    (saved,) = (tmp_path / "re").glob("*.marshal")
    for junk in (b"", b"\x00junk", saved.read_bytes()[:300]):
        saved.write_bytes(junk)
        assert run(tmp_path).endswith("[True, True, True, True, True]")


def test_no_cache_reads_and_writes_nothing(tmp_path):
    for _ in range(2):
        assert run(tmp_path, env={"BIBLIO_NO_CACHE": "1"}) == \
            "[False, False, False, False, False] [True, True, True, True, True]"
    assert not (tmp_path / "re").exists()


def test_another_interpreter_build_has_a_file_of_its_own(monkeypatch):
    sre = regexcache._sre()
    mine = regexcache._file(sre)
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert regexcache._file(sre) != mine


def test_every_saved_pattern_is_the_one_re_compiles(tmp_path):
    # What a real command saves (render: biblio's, click's, markdown-it's patterns), checked
    # one by one against re's own compiler.
    import marshal
    from re import _compiler

    site = sample_site(tmp_path / "site")
    e = {k: v for k, v in os.environ.items() if not k.startswith("BIBLIO_")}
    e.update(PYTHONPATH=str(ROOT), BIBLIO_CACHE_DIR=str(tmp_path / "cache"))
    subprocess.run([sys.executable, "-m", "biblio", "render", "posts/dry-needling.md"],
                   cwd=site, env=e, capture_output=True, timeout=120, check=True)
    (saved,) = (tmp_path / "cache" / "re").glob("*.marshal")
    entries = marshal.loads(saved.read_bytes())
    assert len(entries) > 100
    sre = regexcache._sre()
    for pattern, flags, final, code, groups, groupindex, indexgroup in entries:
        assert sre.compile(pattern, final, code, groups, groupindex, indexgroup) == \
            _compiler.compile(pattern, flags), pattern


def test_only_the_command_line_installs_it(tmp_path):
    # The library leaves re's cache alone: a program that renders through the API keeps none.
    e = {k: v for k, v in os.environ.items() if not k.startswith("BIBLIO_")}
    e.update(PYTHONPATH=str(ROOT), BIBLIO_CACHE_DIR=str(tmp_path))
    subprocess.run([sys.executable, "-c", "import biblio.api, biblio.document, biblio.rules"],
                   env=e, timeout=120, check=True)
    assert not (tmp_path / "re").exists()
    assert re.compile("x") is not None  # (this process: re as it was)


def test_a_saved_pattern_whose_group_tables_disagree_is_compiled_as_always(tmp_path,
                                                                           monkeypatch):
    # (a file marshal reads but this module did not write: its groups must not fail a match
    # later, an internal error far from the cache)
    import _sre
    import marshal

    from biblio import paths

    monkeypatch.setenv("BIBLIO_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("BIBLIO_NO_CACHE", raising=False)
    pattern = r"(?P<year>\d{4})-(?P<month>\d\d)"
    p, f, final, code, groups, groupindex, indexgroup = regexcache._compiled(_sre, pattern, 0)
    bad = [(p, f, final, code, groups, {"year": 7, "month": 2}, indexgroup),
           (p, f, final, code, groups, groupindex, ()),
           (p, f, final, code, groups, groupindex, (None, "month", "year")),
           (p, f, final, code, groups, [("year", 1)], indexgroup),
           (p, f, final, code, "2", groupindex, indexgroup),
           (p, f, final, code, 5, groupindex, indexgroup)]
    script = (f"import re\nfrom biblio import regexcache\nregexcache.install()\n"
              f"m = re.compile({pattern!r}).match('2020-01')\n"
              f"print(m.group('year'), m.group('month'), m.groups(), m.lastgroup)\n")
    e = {k: v for k, v in os.environ.items() if not k.startswith("BIBLIO_")}
    e.update(PYTHONPATH=str(ROOT), BIBLIO_CACHE_DIR=str(tmp_path))
    for entry in bad:
        path = regexcache._file(_sre)
        assert path.is_relative_to(tmp_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(marshal.dumps([entry]))
        assert paths.read_kept(path) == [entry]
        out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             env=e, timeout=120, check=False)
        assert out.stdout == "2020 01 ('2020', '01') month\n", (entry, out.stderr)
