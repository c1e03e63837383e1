"""Fault tests: kills, full disks, permissions, racing editors, corrupted caches, orphans.

Every save must leave the .bib exactly as it was or exactly as intended, and say why when it
refuses; a build must leave a site that the next build makes right. CI runs as root, so the
permission cases are decided on the permission bits and owner, not on the OS refusing.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

OLD = ("% my references\n\n"
       "@article{doe2000,\n  author = {Doe, Jane},\n  title={A title},\n"
       "  journal = {J},\n  year = 2000}\n\n"
       "@book{roe2001,\n  author = {Roe, Richard},\n  title = {A book},\n"
       "  publisher = {P},\n  year = {2001},\n}\n")
NEW_ENTRY = "@book{poe1845,\n  author = {Poe, Edgar},\n  title = {Tales},\n  year = {1845},\n}\n"

# Every command that saves the .bib, as arguments after `--bib PATH`.
SAVES = {
    "fmt": ["fmt"],
    "add": ["add", "--offline", "--bibtex", "{new}"],
    "rm": ["rm", "roe2001"],
}


@pytest.fixture
def lib(project):
    bib = project / "references.bib"
    bib.write_text(OLD)
    (project / "new.bib").write_text(NEW_ENTRY)
    return bib


def args(cmd: str, bib: Path) -> list[str]:
    return [a.replace("{new}", str(bib.parent / "new.bib")) for a in SAVES[cmd]] + \
        ["--bib", str(bib)]


def temps(folder: Path) -> list[Path]:
    return list(folder.glob(".*.tmp"))


# -- an editor saving while biblio writes ------------------------------------------------------

@pytest.mark.parametrize("cmd", sorted(SAVES))
def test_an_editor_save_while_biblio_writes_is_never_overwritten(cmd, lib, cli, monkeypatch):
    """The save lands after biblio's first check, while the temp file is being written."""
    real_fsync, fired = os.fsync, []

    def editor_saves_now(fd):
        if not fired:
            fired.append(1)
            with open(lib, "ab") as f:
                f.write(b"\n% saved by an editor\n")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", editor_saves_now)
    result = cli(args(cmd, lib))
    assert fired, "the write never reached the window"
    after = lib.read_text()
    assert "% saved by an editor" in after
    if cmd == "add":  # add reads the file again under its lock and adds to the saved text
        assert result.exit_code == 0 and "@book{poe1845" in after
    else:
        assert result.exit_code == 2
        assert after == OLD + "\n% saved by an editor\n"
        assert "error[conflict]" in result.output and str(lib.name) in result.output
    assert not temps(lib.parent)


# -- permissions: decided on the bits and the owner, so that root obeys them too ---------------

def read_only_file(bib: Path, monkeypatch) -> None:
    bib.chmod(0o444)


def give_away(path: Path, monkeypatch) -> None:
    """Make `path` another user's: really as root (CI); else by biblio's view of who it is."""
    if os.geteuid() == 0:
        os.chown(path, 65534, 65534)  # nobody
    else:
        me = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: me + 1)
        path.parent.chmod(0o777)  # the folder stays writable for the pretended user


def foreign_file(bib: Path, monkeypatch) -> None:
    give_away(bib, monkeypatch)


def read_only_folder(bib: Path, monkeypatch) -> None:
    bib.parent.chmod(0o555)


@pytest.mark.parametrize("cmd", sorted(SAVES))
@pytest.mark.parametrize("fault, says", [(read_only_file, "read-only"),
                                         (foreign_file, "belongs to"),
                                         (read_only_folder, "read-only")])
def test_a_file_or_folder_the_user_may_not_write_is_refused(cmd, fault, says, lib, cli,
                                                           monkeypatch):
    fault(lib, monkeypatch)
    try:
        result = cli(args(cmd, lib))
        assert result.exit_code == 2, result.output
        assert says in result.output and lib.name in result.output
        assert lib.read_text() == OLD
        assert not temps(lib.parent)
    finally:
        lib.parent.chmod(0o755)


def test_a_lock_file_of_another_user_is_a_clean_error(lib, cli, monkeypatch):
    lock = lib.with_name(".references.bib.lock")
    lock.write_text("")
    lock.chmod(0o644)
    give_away(lock, monkeypatch)
    result = cli(args("fmt", lib))
    assert result.exit_code == 2
    assert "lock" in result.output and "not writable by you" in result.output
    assert lib.read_text() == OLD


def test_a_lock_file_the_os_will_not_create_is_a_clean_error(lib, cli, monkeypatch):
    real_open = os.open

    def refuse_locks(path, flags, *a, **kw):
        if str(path).endswith(".lock"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *a, **kw)

    monkeypatch.setattr(os, "open", refuse_locks)
    result = cli(args("rm", lib))
    assert result.exit_code == 2
    assert "cannot take the write lock" in result.output
    assert lib.read_text() == OLD


# -- a full disk ------------------------------------------------------------------------------

@pytest.mark.parametrize("cmd", sorted(SAVES))
def test_a_full_disk_leaves_the_old_file_and_says_so(cmd, lib, cli, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    result = cli(args(cmd, lib))
    assert result.exit_code == 2
    assert "free some disk space" in result.output
    assert lib.read_text() == OLD
    assert not temps(lib.parent)
