"""Shared test helpers: a CLI runner and a temporary project folder."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest
from click.testing import CliRunner
from helpers import biblio

_CACHE: list[str] = []


def pytest_configure(config):
    # What a test run keeps in the user cache (compiled styles, front matter, search indexes)
    # stays in a folder of its own, never in the user's, and goes with the run.
    if "BIBLIO_CACHE_DIR" not in os.environ:
        _CACHE.append(tempfile.mkdtemp(prefix="biblio-test-cache-"))
        os.environ["BIBLIO_CACHE_DIR"] = _CACHE[0]


def pytest_unconfigure(config):
    for folder in _CACHE:
        shutil.rmtree(folder, ignore_errors=True)


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
