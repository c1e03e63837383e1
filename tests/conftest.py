"""Shared test helpers: a CLI runner and a temporary project folder."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import biblio


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
    return biblio


@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the current directory."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
