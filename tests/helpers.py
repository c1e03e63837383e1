"""What every test file may import: where things are, and biblio run as a real process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the checkout
TESTS = ROOT / "tests"  # the test data: fixtures/, golden/, csl-suite/, bib-corpus/, …


def biblio(args, input=None, cwd=None, env=None, timeout=120):
    """`python -m biblio ARGS` as a real process (exit codes, signals, concurrency): the
    CompletedProcess with text stdout and stderr."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run([sys.executable, "-m", "biblio", *map(str, args)], cwd=cwd,
                          input=input, capture_output=True, text=True, env=full, check=False,
                          timeout=timeout)


def sample_site(dest: Path, extra_bib: str = "", parts=("posts", "styles")) -> Path:
    """The sample blog copied into `dest` (its `parts`, and references.bib with `extra_bib`
    appended): a site a test may change."""
    import shutil

    for name in parts:
        shutil.copytree(ROOT / name, dest / name)
    (dest / "references.bib").write_text((ROOT / "references.bib").read_text() + extra_bib)
    return dest


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under `folder` (the lock file every save leaves beside the .bib
    aside): to show that a command changed exactly what it should."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.endswith(".lock")}


def fail_nth_replace(monkeypatch, n: int = 3) -> list:
    """Make the n-th `os.replace` fail as a full disk would (ENOSPC); the list of the
    destinations asked for so far is returned, for the test to count."""
    real = os.replace
    calls: list = []

    def failing(src, dst):
        calls.append(dst)
        if len(calls) == n:
            raise OSError(28, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    return calls
