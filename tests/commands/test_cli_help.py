"""`biblio --help` is written without importing click, and is the page click would write."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import ROOT, biblio

from biblio import cli


@pytest.mark.parametrize("columns", [40, 52, 60, 79, 80, 120])
def test_fast_help_is_what_click_writes(columns, monkeypatch, capsys):
    # Not CliRunner: it forces click's width to 80 whatever the terminal says.
    monkeypatch.setenv("COLUMNS", str(columns))
    with pytest.raises(SystemExit) as done:
        cli.group.main(["--help"], prog_name="biblio")
    assert done.value.code == 0
    assert cli.help_text() == capsys.readouterr().out


def test_help_lists_every_command():
    text = cli.help_text(80)
    for name, (_module, help_) in cli.COMMANDS.items():
        assert f"  {name} " in text
        assert help_.split()[0] in text


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help_does_not_import_click(flag):
    code = ("import sys\nfrom biblio.cli import main\ntry:\n    main([" + repr(flag) + "])\n"
            "except SystemExit as e:\n    print('exit', e.code, 'click' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80"},
                         check=True).stdout
    assert out.startswith("Usage: biblio [OPTIONS] COMMAND [ARGS]...")
    assert out.rstrip().endswith("exit 0 False")


def test_other_invocations_still_go_through_click():
    out = biblio(["--version"])
    assert out.returncode == 0 and out.stdout.strip() == "biblio, version 0.1.0"
    out = biblio(["no-such-verb"])
    assert out.returncode == 2 and "no-such-verb" in out.stderr
