"""Replacing a file so that a crash at any moment leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes, durable: bool = True) -> None:
    """Replace `path` with `data`: temp file in the same folder, fsync, rename, fsync folder.

    `durable=False` skips the fsyncs, for output that can be made again (a site's pages):
    readers still see the old file or the new one, never a mix.
    """
    folder = path.parent
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~umask()
    fd, tmp = tempfile.mkstemp(prefix="." + path.name + ".", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if durable:
                f.flush()
                os.fsync(f.fileno())
        os.chmod(tmp, mode)
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
