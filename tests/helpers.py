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
