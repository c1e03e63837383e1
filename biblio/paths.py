"""Where a path really leads (folders are followed through symlinks only while they stay
inside), where the user cache lives, a file's digest, and values kept in the cache by what
they are made from."""

from __future__ import annotations

import marshal
import os
import sys
from pathlib import Path


def confined(path: str | os.PathLike, root: str | os.PathLike) -> Path:
    """`path` with every symlink resolved, if that stays inside `root`; else BiblioError (exit 2).

    Judged on the resolved path, not its text: `posts/a.md -> /etc/passwd` and an output
    folder `site/sub -> /outside` both leave their folder although their text does not.
    `path` need not exist yet (an output about to be written).
    """
    real = os.path.realpath(path)
    if inside(real, os.path.realpath(root)):
        return Path(real)
    # (imported here: the command line finds its cache of compiled regular expressions here
    # before anything else is imported, dataclasses and theirs included; see regexcache)
    from .diagnostics import ERROR, BiblioError, Diagnostic

    link = _first_link(Path(path))
    what = f"{link} is a symbolic link to {os.readlink(link)}" if link else f"{path} leads to {real}"
    raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "outside-folder",
                                 f"{what}, outside {root}",
                                 f"replace the link with a real file or folder, or point it "
                                 f"inside {root}"), exit_code=2)


# The most any file biblio reads may hold (a .bib, a post, a file to import): 256 MB, above
# any real bibliography (the ACL Anthology's is about 100 MB). A device or a pipe that never
# ends (/dev/zero) is refused there instead of filling the memory.
MAX_INPUT = 256 << 20


def read_bytes(path: str | os.PathLike, most: int = MAX_INPUT) -> bytes:
    """A file's bytes; OSError (EFBIG) past `most` bytes, as for any file that cannot be read."""
    import errno

    with open(path, "rb") as f:
        data = f.read(most + 1)
    if len(data) > most:
        raise OSError(errno.EFBIG, f"more than {most >> 20} MB, more than any .bib, post or "
                      "reference file holds")
    return data


def is_file(path: str | os.PathLike) -> bool:
    """Whether `path` is a file (a symlink to one counts). A name the system cannot look up
    at all (longer than a file name may be, a NUL in it) is no file: pathlib raises for it
    before Python 3.13, and a name a user typed must get "no such file", never a crash."""
    try:
        return os.path.isfile(path)
    except (OSError, ValueError):
        return False


def is_dir(path: str | os.PathLike) -> bool:
    """Whether `path` is a folder; as is_file, False for a name that cannot be looked up."""
    try:
        return os.path.isdir(path)
    except (OSError, ValueError):
        return False


def inside(path: str, folder: str) -> bool:
    """Whether `path` is `folder` or lies below it, judged on the text of both (resolve or
    absolutise them first)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def stamp(path: str | os.PathLike):
    """What tells an edited file from the one read before (`serve` and the language server
    run on while the writer edits): its modification and change times, size and inode (an
    editor that renames a new file over the old within one clock tick changes only the
    inode); None when it cannot be read."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino


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


# --- values kept in the user cache, keyed by what they are made from ---------------------------

def code_stamp(*files: str | None) -> bytes:
    """What a value kept in the cache depends on besides its input: biblio's version, the
    interpreter's, marshal's, and the code that made it (`files`: modules' files, by size and
    modification time), so a value made by other code is never read back. Empty (keep
    nothing) when a file cannot be found."""
    # (the version read from the package, which is imported before any module of it: importing
    # it here would close a cycle, biblio's __init__ reaching the engine through biblio.api)
    parts = [sys.modules["biblio"].__version__, f"py{sys.version_info[0]}.{sys.version_info[1]}",
             f"m{marshal.version}"]
    for f in files:
        try:
            st = os.stat(f)  # type: ignore[arg-type]
        except (OSError, TypeError):
            return b""
        parts.append(f"{f}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts).encode()


def kept_file(part: str, kind: str, stamp: bytes, data: bytes) -> Path | None:
    """The file of the user cache `part` for the value of kind `kind` made from `data` by the
    code `stamp` names (code_stamp), named by their digest; None when caching is off or the
    stamp is empty."""
    folder = cache_dir(part)
    if folder is None or not stamp:
        return None
    return folder / f"{kind}-{sha256_hex(kind.encode() + b'|' + stamp + b'|' + data)}.marshal"


def read_kept(path: Path | None):
    """The value kept in `path` (marshal), or None: not there, or unreadable."""
    if path is None:
        return None
    try:
        with open(path, "rb") as f:
            return marshal.loads(f.read())
    except (OSError, EOFError, ValueError, TypeError):
        return None


KEEP = 200  # values kept in one part of the cache: past this many the oldest saved go
_SAVED: dict[str, int] = {}  # folder -> values this process saved there


def keep(path: Path | None, value, most: int | None = None) -> None:
    """Save `value` (marshal) in `path` so that a reader sees all of it or none; a cache that
    cannot be written is no error. Past `most` (default KEEP) values in the folder, the oldest
    saved go (one still in use is saved again when next made); the folder is looked at on a
    process's first save there and every quarter of `most` saves after it, not at each."""
    if path is None:
        return
    most = most or KEEP
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps(value))
        os.replace(tmp, path)
        folder = str(path.parent)
        saved = _SAVED.get(folder, 0)
        _SAVED[folder] = saved + 1
        if saved % max(1, most // 4) == 0:
            _prune(path.parent, most)
    except (OSError, ValueError):  # (ValueError: a value marshal cannot write)
        try:
            os.unlink(tmp)
        except OSError:
            pass


def _prune(folder: Path, most: int) -> None:
    # down to three quarters of `most`, so that there is room before the next look
    names = [n for n in os.listdir(folder) if n.endswith(".marshal")]
    if len(names) <= most:
        return

    def saved(name: str) -> float:
        try:
            return os.stat(os.path.join(folder, name)).st_mtime
        except OSError:
            return 0.0
    for name in sorted(names, key=saved)[:len(names) - most * 3 // 4]:
        try:
            os.unlink(os.path.join(folder, name))
        except OSError:
            pass  # gone already: another process pruned too
