"""The settings file ([tool.biblio] in pyproject.toml, or biblio.toml): a value of a kind the
other modules cannot use is a located config error (exit 2) for every command, never a crash,
and a command that writes references.bib writes nothing when the settings are wrong."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (settings file, its text, the error line that must be printed)
WRONG_KINDS = [
    ("pyproject.toml", "[tool.biblio]\nbib = 5\n",
     "pyproject.toml:2:7: error[config]: [tool.biblio] bib is 5, which is not text"),
    ("pyproject.toml", "[tool.biblio]\nbib = ['a.bib']\n",
     "pyproject.toml:2:7: error[config]: [tool.biblio] bib is ['a.bib'], which is not text"),
    ("pyproject.toml", "[tool.biblio]\nlocale = 1\n",
     "pyproject.toml:2:10: error[config]: [tool.biblio] locale is 1, which is not text"),
    ("pyproject.toml", "[tool.biblio]\nkey_pattern = 5\n",
     "pyproject.toml:2:15: error[config]: [tool.biblio] key_pattern is 5, which is not text"),
    ("pyproject.toml", "[tool.biblio]\ncheck = 5\n",
     "pyproject.toml:2:9: error[config]: [tool.biblio] check is 5, which is not a table"),
    ("pyproject.toml", "[tool.biblio.build]\nbibliography = 5\n",
     ("pyproject.toml:2:16: error[config]: [tool.biblio.build] bibliography is 5, which is "
     "not text")),
    ("pyproject.toml", "[tool.biblio.build]\npatterns = '*.md'\n",
     ("pyproject.toml:2:12: error[config]: [tool.biblio.build] patterns is '*.md', which is "
     "not a list of text")),
    ("pyproject.toml", "tool = 5\n",
     "pyproject.toml:1:8: error[config]: tool is 5, which is not a table"),
    ("pyproject.toml", "[tool]\nbiblio = 5\n",
     "pyproject.toml:2:10: error[config]: [tool] biblio is 5, which is not a table"),
    ("biblio.toml", "bib = 5\n",
     "biblio.toml:1:7: error[config]: [tool.biblio] bib is 5, which is not text"),
    ("biblio.toml", "[build]\nsrc = 2\n",
     "biblio.toml:2:7: error[config]: [tool.biblio.build] src is 2, which is not text"),
]
COMMANDS = [["check"], ["fmt", "--check"], ["list"], ["format", "--all"],
            ["render", "posts/dry-needling.md"], ["build", "-j", "1"],
            ["rm", "kalichman2010dryneedling"], ["rename", "--pattern", "--dry-run"],
            ["add", "--offline", "-"]]
NEW = "@book{new1, title = {T}, author = {Roe, A.}, year = {2020}, publisher = {P}}\n"


@pytest.fixture
def sample(project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copytree(ROOT / "posts", project / "posts")
    return project


@pytest.mark.parametrize("name, text, says", WRONG_KINDS)
def test_a_setting_of_the_wrong_kind_is_a_located_error_for_every_command(sample, cli, name,
                                                                          text, says):
    (sample / name).write_text(text)
    before = (sample / "references.bib").read_bytes()
    for args in COMMANDS:
        r = cli(args, input=NEW)
        assert r.exit_code == 2, (args, r.stderr)
        assert says in r.stderr, (args, r.stderr)
        assert "internal error" not in r.stderr
    assert (sample / "references.bib").read_bytes() == before
