"""The only module that reads or writes a .bib file.

`load` keeps every byte: the file becomes a list of blocks (biblio.bib.blocks; read by
biblio.bib.reader), each with its original text, so that `save` writes unchanged blocks back
exactly as they were read. Writes take a lock file beside the .bib, go to a temp file in the
same folder, are fsynced and renamed into place.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import ERROR, WARNING, BiblioError, Diagnostic
from ..paths import read_bytes, sha256_hex
from . import atomic
from .blocks import BOM, Library
from .reader import parse

__all__ = ["LOCK_TIMEOUT", "decode", "edit", "load", "locked", "save", "warnings_only", "write"]

LOCK_TIMEOUT = 60.0


# Codecs that write a byte-order mark of their own whenever they encode (and utf-16/32 also
# guess a byte order when the file has none): a file is read with the explicit codec its own
# mark names, and the mark is kept as it was, so that writing it back gives the bytes read.
_MARKS = {"utf-16": ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")),
          "utf-32": ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"))}


def decode(data: bytes, path: str, encoding: str = "utf-8") -> tuple[str, bytes, str]:
    """The text of a .bib file's bytes, the byte-order mark they start with (b"" for none),
    and the codec that writes the text back after that mark."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "encoding",
                                     f"unknown encoding {encoding!r}",
                                     "use a Python codec name such as utf-8 or latin-1"),
                          exit_code=2) from None
    codec, bom = ("utf-8" if name == "utf-8-sig" else encoding), b""
    if name in _MARKS:
        found = [(m, c) for m, c in _MARKS[name] if data.startswith(m)]
        if not found:
            raise BiblioError(Diagnostic(
                path, 1, 1, ERROR, "encoding",
                f"no byte-order mark, so the byte order of {encoding} is unknown",
                f"pass --encoding {name}-le or {name}-be (or the file's real encoding, "
                "e.g. utf-8)"))
        bom, codec = found[0]
    elif data.startswith(BOM):
        bom = BOM
    data = data[len(bom):]
    advice = "save the file as UTF-8, or pass --encoding with the file's real encoding " \
        "(e.g. --encoding latin-1)"
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise BiblioError(Diagnostic(
            path, line, col, ERROR, "encoding",
            f"not valid {encoding}: byte 0x{data[e.start]:02x} at byte offset "
            f"{e.start + len(bom)}", advice)) from None
    except (LookupError, UnicodeError) as e:  # base64, rot13: no text codec; punycode
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "encoding",
                                     f"the file cannot be read as {encoding} ({e})",
                                     "use a text encoding such as utf-8 or latin-1"),
                          exit_code=2) from None
    if name != "utf-8":
        # A codec that does not give back the bytes it read (unicode_escape reads `\"` as
        # `"`, utf-7 and the Mac Arabic code pages have two spellings of one character) would
        # change the file wherever biblio saves it, entries it never touched included.
        try:
            same = text.encode(codec) == data
        except UnicodeError:
            same = False
        if not same:
            raise BiblioError(Diagnostic(path, 1, 1, ERROR, "encoding",
                                         f"{encoding} does not give back the bytes it read, so "
                                         "a save would change the file", advice))
    return text, bom, codec


def _read(path: Path) -> bytes:
    try:
        return read_bytes(path)
    except FileNotFoundError:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io", "file not found",
                                     "create it, or point --bib at your .bib file"),
                          exit_code=2) from None
    except OSError as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"cannot read the file: {e.strerror}",
                                     "check the path and its permissions"),
                          exit_code=2) from None


def load(path: str | os.PathLike, encoding: str = "utf-8") -> Library:
    """Read a .bib file. Bad BibTeX becomes diagnostics; unreadable files raise BiblioError."""
    p = Path(path)
    data = _read(p)
    digest = sha256_hex(data)
    text, bom, codec = decode(data, str(path), encoding)
    del data  # a big file's bytes need not outlive its decoding
    lib = parse(text, str(path))
    lib.encoding, lib.bom, lib.source_digest = codec, bom, digest
    return lib


# -- writing ---------------------------------------------------------------------------------

def _lock_path(path: Path) -> Path:
    return path.with_name("." + path.name + ".lock")


@contextlib.contextmanager
def locked(path: str | os.PathLike, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
    """Hold the exclusive write lock of a .bib file (a lock file beside it)."""
    from filelock import FileLock, Timeout

    real = Path(os.path.realpath(path))
    lock = _lock_path(real)
    _check_lockable(str(path), lock)
    held = FileLock(str(lock), timeout=timeout)
    try:
        held.acquire()
    except Timeout:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "locked",
                                     f"another biblio process has held the lock for {timeout:.0f} s",
                                     f"wait for it, or remove {lock} if no biblio "
                                     "is running"), exit_code=2) from None
    except OSError as e:
        raise _lock_error(str(path), lock, os.strerror(e.errno) if e.errno else str(e)) from None
    try:
        yield
    finally:
        held.release()


def _check_lockable(shown: str, lock: Path) -> None:
    """Refuse, on the permission bits, a lock file this user may not write or create."""
    try:
        st = os.stat(lock)
    except FileNotFoundError:
        try:
            folder_ok = atomic.may_write(os.stat(lock.parent))
        except FileNotFoundError:
            return  # a new file in a new folder: the lock creates the folder
        except OSError as e:
            raise _lock_error(shown, lock, e.strerror or str(e)) from None
        if not folder_ok:
            raise _lock_error(shown, lock, f"the folder {lock.parent} is read-only")
        return
    except OSError as e:
        raise _lock_error(shown, lock, e.strerror or str(e)) from None
    if not atomic.may_write(st):
        raise _lock_error(shown, lock, f"the lock file belongs to {atomic.owner_name(st.st_uid)} "
                          "and is not writable by you")


def _lock_error(shown: str, lock: Path, reason: str) -> BiblioError:
    return BiblioError(Diagnostic(shown, 1, 1, ERROR, "io",
                                  f"cannot take the write lock {lock}: {reason}; nothing was "
                                  "written",
                                  "make the folder writable by you (or remove a lock file left "
                                  "by another user when no biblio is running)"), exit_code=2)


def write(library: Library, path: str | os.PathLike | None = None) -> None:
    """Write the library; the caller must hold `locked(path)`.

    Refuses if the file changed since it was read, checked twice: before the work of
    writing, and again just before the rename, so that an editor's save landing while the
    temp file is written is kept rather than replaced.
    """
    shown = str(path or library.path)
    target = Path(os.path.realpath(path or library.path))
    data = library.to_bytes()
    current = _unchanged(target, library.source_digest, shown)
    atomic.remove_stale_temps(target)
    if current == data:
        return
    try:
        atomic.check_replaceable(target)
        atomic.write_bytes(target, data,
                           before_replace=lambda: _unchanged(target, library.source_digest, shown))
    except atomic.NotWritable as e:
        raise BiblioError(Diagnostic(shown, 1, 1, ERROR, "io",
                                     f"not saved: {e.reason}; the file was left as it was",
                                     e.fix), exit_code=2) from None
    except OSError as e:
        reason = os.strerror(e.errno) if e.errno else str(e)
        hint = "free some disk space" if e.errno == errno.ENOSPC else "check the folder's permissions"
        raise BiblioError(Diagnostic(shown, 1, 1, ERROR, "io",
                                     f"could not write the file ({reason}); it was left as it was",
                                     hint), exit_code=2) from None
    library.source_digest = sha256_hex(data)


def _unchanged(target: Path, digest: str | None, shown: str) -> bytes | None:
    """The file's bytes now (None: absent); a conflict error if they are not what was read."""
    try:
        current = target.read_bytes()
    except FileNotFoundError:
        current = None
    if (None if current is None else sha256_hex(current)) != digest:
        raise BiblioError(Diagnostic(shown, 1, 1, ERROR, "conflict",
                                     "the file changed on disk after biblio read it (another "
                                     "program saved it?); biblio wrote nothing",
                                     "run the command again: it reads the saved file afresh"),
                          exit_code=2)
    return current


def check_unchanged(library: Library, path: str | os.PathLike | None = None) -> None:
    """A conflict error if the file is not what was read (an editor saved it since)."""
    shown = str(path or library.path)
    _unchanged(Path(os.path.realpath(path or library.path)), library.source_digest, shown)


def save(library: Library, path: str | os.PathLike | None = None) -> None:
    """Lock, check that nobody changed the file since it was read, write atomically."""
    with locked(path or library.path):
        write(library, path)


@contextlib.contextmanager
def edit(path: str | os.PathLike, encoding: str = "utf-8", create: bool = False
         ) -> Iterator[Library]:
    """Read-modify-write under one lock: `with edit(p) as lib: lib.add(...)` saves on exit."""
    with locked(path):
        if create and not Path(path).exists():
            lib = Library(path=str(path), encoding=encoding)
        else:
            lib = load(path, encoding)
        yield lib
        write(lib, path)


def warnings_only(diags: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diags if d.severity == WARNING]
