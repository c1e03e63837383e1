"""Shared test helpers: a CLI runner and a temporary project folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli():
    """Run biblio in-process: `cli(["list", "--bib", p])` → click Result (stdout, stderr)."""
    from biblio.cli import group

    def invoke(args, **kwargs):
        return CliRunner().invoke(group, [str(a) for a in args], catch_exceptions=False,
                                  **kwargs)

    return invoke


@pytest.fixture
def run_biblio():
    """Run biblio as a real process (for exit codes, signals and concurrency)."""

    def run(args, cwd=None, input=None, env=None, timeout=120):
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
        return subprocess.run([sys.executable, "-m", "biblio", *map(str, args)], cwd=cwd,
                              input=input, capture_output=True, text=True, env=full_env, check=False,
                              timeout=timeout)

    return run


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
