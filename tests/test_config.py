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
    # a NUL no path can hold: os.path.realpath raised ValueError (exit 3) where posts are found
    ("biblio.toml", "[build]\nsrc = \"po\\u0000sts\"\n",
     ("biblio.toml:2:7: error[config]: [tool.biblio.build] src is 'po\\x00sts', which is not "
      "text a file name can hold (it has a NUL)")),
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


# [tool.biblio.check] is read by the checks a command runs on the entries it has just saved:
# a mistake in it must stop the command before the save, not after.
BAD_CHECKS = [
    ('severity = { corporate-author = "fatal" }', ("severity of 'corporate-author' must be one of "
     "error, warning, info, not 'fatal' — write severity = { corporate-author = \"warning\" }")),
    ('select = ["no-such-rule"]', "select: unknown rule 'no-such-rule'"),
    ("select = [1]", "[tool.biblio.check] select must be a list of rule ids"),
]


@pytest.mark.parametrize("setting, says", BAD_CHECKS)
def test_add_import_and_edit_write_nothing_when_the_check_settings_are_wrong(sample, cli,
                                                                            setting, says):
    from biblio.commands import edit
    from biblio.diagnostics import BiblioError

    (sample / "pyproject.toml").write_text(f"[tool.biblio.check]\n{setting}\n")
    (sample / "new.bib").write_text(NEW)
    before = (sample / "references.bib").read_bytes()
    for args, stdin in ((["add", "--offline", "-"], NEW), (["import", "new.bib"], None)):
        r = cli(args, input=stdin)
        assert r.exit_code == 2 and says in r.stderr, (args, r.stderr)
        assert (sample / "references.bib").read_bytes() == before, args
    with pytest.raises(BiblioError) as err:
        edit.run("ries2015ptinmotion", edit=lambda t: t.replace("date = {2015-05},",
                                                                "date = {2015-06},"))
    assert err.value.exit_code == 2 and says in str(err.value)
    assert (sample / "references.bib").read_bytes() == before
