"""When biblio lets Python's cyclic garbage collector run: every policy in one place.

biblio makes many objects that live as long as its work does (modules, a library's entries,
a style's tree, the engine's renderings) and next to no cyclic garbage: a collector's pass
over them frees almost nothing, and each pass costs more as they grow. So:

- `command()`: a command's process collects rarely, and not at all at exit.
- `paused()`: bulk work that makes objects and no garbage (reading a .bib, converting it,
  rendering) runs with the collector off, and leaves it as it found it.
- `frozen()`: what a build has loaded before its posts are rendered (and its workers forked)
  is frozen, so no pass walks it again while it lives.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

_EXIT_REGISTERED: list[bool] = []


def command(long_running: bool) -> None:
    """The policy of a command-line process, set before anything else is imported."""
    if not _EXIT_REGISTERED:
        # The process ends with its command. Python's last collection at exit walks every
        # object the command kept (a build's library, items and memo: 60 ms of a build's
        # 240 ms) to free memory the exit frees anyway; frozen, they are passed over.
        # Registered first, this runs after every other exit handler.
        import atexit

        atexit.register(gc.freeze)
        _EXIT_REGISTERED.append(True)
    if not long_running:
        # Start-up makes some 40,000 objects that live to the end (modules, functions, a
        # style's tree) and next to no cyclic garbage; at Python's 700 the collector ran ~50
        # times over them, 8 ms of a `biblio render`, 4 ms of a `check`. At 50,000 neither
        # collects at all on the sample; a 50k-entry check peaks 1% higher (8.5× its file).
        # (A server or an editor's language server keeps Python's default.)
        gc.set_threshold(50_000, *gc.get_threshold()[1:])


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector off for bulk work that makes many objects and no garbage (parsing,
    converting a whole file, rendering: 10-20% of a 10k-item render went to passes that
    found next to nothing to free), then as it was."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Everything alive now frozen for the block (a build's library, its items, the modules:
    they live as long as its workers do), thawed after it: a `--watch` build's process lives
    on, and its next build frees what it can."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
