"""Where a path really leads (folders are followed through symlinks only while they stay
inside), where the user cache lives, and a file's digest."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .diagnostics import ERROR, BiblioError, Diagnostic


def confined(path: str | os.PathLike, root: str | os.PathLike) -> Path:
    """`path` with every symlink resolved, if that stays inside `root`; else BiblioError (exit 2).

    Judged on the resolved path, not its text: `posts/a.md -> /etc/passwd` and an output
    folder `site/sub -> /outside` both leave their folder although their text does not.
    `path` need not exist yet (an output about to be written).
    """
    real_root = os.path.realpath(root)
    real = os.path.realpath(path)
    if real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
        return Path(real)
    link = _first_link(Path(path))
    what = f"{link} is a symbolic link to {os.readlink(link)}" if link else f"{path} leads to {real}"
    raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "outside-folder",
                                 f"{what}, outside {root}",
                                 f"replace the link with a real file or folder, or point it "
                                 f"inside {root}"), exit_code=2)


def _first_link(path: Path) -> Path | None:
    """The first component of `path` that is a symbolic link (None: no link on the way)."""
    parts = path.parts
    for i in range(1, len(parts) + 1):
        p = Path(*parts[:i])
        if p.is_symlink():
            return p
    return None


def shown(path: str | os.PathLike) -> Path:
    """A path as the user sees it: relative to the working folder when inside it, else as it
    is. Every path a command prints goes through here, so `rm`, `cited-by`, `check` and
    `build` name a file the same way."""
    # abspath, not resolve: a symbolic link keeps its own name (and is the file written).
    p = Path(path)
    try:
        rel = os.path.relpath(os.path.abspath(p), os.getcwd())
    except (ValueError, OSError):
        return p
    return p if rel == ".." or rel.startswith(".." + os.sep) else Path(rel)


def cache_dir(part: str) -> Path | None:
    """The folder of the user cache kept for `part` ("http", "search", "uca"), or None when
    caching is off (`BIBLIO_NO_CACHE=1`). `BIBLIO_CACHE_DIR` moves the whole cache; by default
    it is the platform's user cache folder for biblio. The one answer for every cache."""
    if os.environ.get("BIBLIO_NO_CACHE", "") not in ("", "0"):
        return None
    base = os.environ.get("BIBLIO_CACHE_DIR") or _xdg_cache_dir()
    if not base:
        import platformdirs

        base = platformdirs.user_cache_dir("biblio")
    return Path(base) / part


def _xdg_cache_dir() -> str | None:
    """platformdirs' user cache folder for biblio in the plain Linux case, without importing
    it (about 6 ms of a quick command): $XDG_CACHE_HOME/biblio when that is an absolute path,
    else ~/.cache/biblio under an absolute $HOME. Anything else (another system, Android, no
    usable HOME) is None: platformdirs decides. Held equal to platformdirs by the tests."""
    if sys.platform != "linux" or hasattr(sys, "getandroidapilevel") or \
            os.environ.get("ANDROID_DATA") == "/data":
        return None
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return os.path.join(xdg, "biblio")
    if os.path.isabs(os.environ.get("HOME", "")):
        return os.path.join(os.path.expanduser("~/.cache"), "biblio")
    return None


def sha256_hex(data: bytes) -> str:
    """The hex SHA-256 of a file's bytes. A small file's comes from the interpreter's own code:
    loading hashlib (OpenSSL) is about 3 ms of a quick command's start, more than hashing a few
    hundred kB takes; a big file, or a process that has hashlib already, uses OpenSSL's."""
    if len(data) < 1 << 18 and "hashlib" not in sys.modules:
        try:
            from _sha2 import sha256  # Python 3.12 and later
        except ImportError:
            try:
                from _sha256 import sha256
            except ImportError:  # an interpreter built without them
                sha256 = None
        if sha256 is not None:
            return sha256(data).hexdigest()
    import hashlib
    return hashlib.sha256(data).hexdigest()
