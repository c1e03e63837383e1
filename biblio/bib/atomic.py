"""Replacing a file so that a crash at any moment leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
from collections.abc import Callable
from pathlib import Path


class NotWritable(PermissionError):
    """The file's or folder's permission bits (or owner) say this process must not replace it."""

    def __init__(self, path: Path, reason: str, fix: str):
        super().__init__(errno.EACCES, reason, str(path))
        self.path, self.reason, self.fix = path, reason, fix


def may_write(st: os.stat_result) -> bool:
    """Whether the permission bits grant this process write access, read as for a normal user.

    Decided on the bits rather than left to the OS: root may write anything, and a rename
    replaces a file whatever its own mode, so neither would stop a write the user forbade.
    """
    if not hasattr(os, "geteuid"):  # Windows: only the read-only attribute exists
        return bool(st.st_mode & stat.S_IWUSR)
    if st.st_uid == os.geteuid():
        return bool(st.st_mode & stat.S_IWUSR)
    if st.st_gid == os.getegid() or st.st_gid in os.getgroups():
        return bool(st.st_mode & stat.S_IWGRP)
    return bool(st.st_mode & stat.S_IWOTH)


def owner_name(uid: int) -> str:
    try:
        import pwd

        return pwd.getpwuid(uid).pw_name
    except (ImportError, KeyError):
        return f"uid {uid}"


def check_replaceable(path: Path) -> None:
    """Raise NotWritable unless this process may replace `path` (which may not exist yet).

    A file owned by someone else is refused even when its bits allow writing: replacing it
    by rename would hand it to this process's user.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    if st is not None:
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            raise NotWritable(path, f"the file belongs to {owner_name(st.st_uid)}; saving it "
                              "would replace it with a copy owned by you",
                              "ask its owner to run biblio, or copy the file and use the copy")
        if not may_write(st):
            raise NotWritable(path, "the file is read-only",
                              f"make it writable (chmod u+w {path}) if you mean to change it")
    folder = path.parent
    if not may_write(os.stat(folder)):
        raise NotWritable(path, f"the folder {folder} is read-only",
                          "make the folder writable, or work on a copy elsewhere")


def write_bytes(path: Path, data: bytes, durable: bool = True,
                before_replace: Callable[[], object] | None = None) -> None:
    """Replace `path` with `data`: temp file in the same folder, fsync, rename, fsync folder.

    `durable=False` skips the fsyncs, for output that can be made again (a site's pages):
    readers still see the old file or the new one, never a mix. `before_replace` runs last,
    just before the rename, and may raise to leave the old file in place.
    """
    folder = path.parent
    try:
        st = os.stat(path)
        mode = stat.S_IMODE(st.st_mode)
    except FileNotFoundError:
        st, mode = None, 0o666 & ~umask()
    import tempfile  # here: reading commands never write, and never pay for its import

    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
        if st is not None and hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # keep the group where this user may
                os.chown(tmp, -1, st.st_gid)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    dfd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(dfd)
    finally:
        os.close(dfd)


def remove_stale_temps(path: Path) -> None:
    """Temp files of writers that were killed mid-save; safe to remove under the lock."""
    for tmp in path.parent.glob("." + glob.escape(path.name) + ".*.tmp"):
        with contextlib.suppress(OSError):
            tmp.unlink()


def umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def replace_all(changes: dict[Path, bytes]) -> None:
    """Replace several files as one change: every temp file is written (and fsynced) first,
    then each is renamed into place; if a rename fails, the files already replaced get their
    old bytes back, so no file is left half-changed. Raises the first error."""
    old: dict[Path, bytes | None] = {}
    staged: list[tuple[Path, str]] = []
    try:
        for path, data in changes.items():
            check_replaceable(path)
            try:
                old[path] = path.read_bytes()
                mode = stat.S_IMODE(os.stat(path).st_mode)
            except FileNotFoundError:
                old[path], mode = None, 0o666 & ~umask()
            import tempfile

            fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp",
                                       dir=path.parent)
            staged.append((path, tmp))
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(tmp, mode)
    except BaseException:
        for _, tmp in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise
    done: list[Path] = []
    try:
        for path, tmp in staged:
            os.replace(tmp, path)
            done.append(path)
    except BaseException:
        for path, tmp in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        for path in done:  # put back what was there
            with contextlib.suppress(OSError):
                if old[path] is None:
                    os.unlink(path)
                else:
                    write_bytes(path, old[path])
        raise
    for folder in {p.parent for p in done}:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
