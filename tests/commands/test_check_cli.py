"""`biblio check` on the command line: output formats, exit codes, configuration."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from biblio.commands.check import to_github
from biblio.diagnostics import Diagnostic

BAD = """@article{k,
  author = {Leonid Kalichman, PT, PhD},
  title = {A study},
  journal = {J},
  year = {2020},
  volume = {1},
  pages = {1-7},
  url = {javascript:alert(1)},
}
"""
GOOD = """@article{k,
  author = {Kalichman, Leonid},
  title = {A study},
  journal = {J},
  year = {2020},
  volume = {1},
  pages = {1--7},
}
"""

# The --format json output: a list of diagnostics, each with exactly these fields.
SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "additionalProperties": False,
        "required": ["path", "line", "col", "severity", "rule", "message", "fix"],
        "properties": {
            "path": {"type": "string", "minLength": 1},
            "line": {"type": "integer", "minimum": 1},
            "col": {"type": "integer", "minimum": 1},
            "severity": {"enum": ["error", "warning", "info"]},
            "rule": {"type": "string", "pattern": "^[a-z][a-z0-9-]*$"},
            "message": {"type": "string", "minLength": 1},
            "fix": {"type": "string"},
        },
    },
}

# GitHub's documented workflow command syntax for annotations:
#   ::{error|warning|notice} file={name},line={line},col={col},title={title}::{message}
# where a property value escapes % \r \n : , and the message escapes % \r \n.
_PROP = r"(?:[^%:,\r\n]|%25|%0D|%0A|%3A|%2C)*"
_DATA = r"(?:[^%\r\n]|%25|%0D|%0A)*"
ANNOTATION = re.compile(rf"^::(error|warning|notice) file={_PROP},line=\d+,col=\d+,"
                        rf"title={_PROP}::{_DATA}$")


def test_text_output_and_exit_code(project, cli):
    (project / "references.bib").write_text(BAD)
    r = cli(["check"])
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert lines[0] == ("references.bib:2:31: error[name-credentials]: 'PT, PhD' in author "
                        "'Leonid Kalichman, PT, PhD' are credentials, not part of the name — "
                        "write the name alone: 'Leonid Kalichman'")
    assert lines[1].startswith("references.bib:7:13: warning[pages-dash]: ")
    assert lines[2].startswith("references.bib:8:3: error[url-scheme]: 'javascript:' URLs")
    assert lines[-1] == "references.bib: 1 entry, 2 errors, 1 warning, 0 info"


def test_clean_file_exits_zero(project, cli):
    (project / "references.bib").write_text(GOOD)
    r = cli(["check"])
    assert r.exit_code == 0
    assert r.stdout == "references.bib: 1 entry, 0 errors, 0 warnings, 0 info\n"


def test_warnings_alone_exit_zero(project, cli):
    (project / "references.bib").write_text(GOOD.replace("1--7", "1-7"))
    assert cli(["check"]).exit_code == 0


def test_json_matches_the_schema(project, cli):
    (project / "references.bib").write_text(BAD)
    r = cli(["check", "--format", "json"])
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [(d["line"], d["col"], d["rule"]) for d in data] == [
        (2, 31, "name-credentials"), (7, 13, "pages-dash"), (8, 3, "url-scheme")]
    assert "2 errors" in r.stderr  # the summary stays off stdout


def test_json_of_a_clean_file_is_an_empty_list(project, cli):
    (project / "references.bib").write_text(GOOD)
    r = cli(["check", "--format", "json"])
    assert json.loads(r.stdout) == []
    jsonschema.validate([], SCHEMA)


def test_github_annotations_follow_the_documented_syntax(project, cli):
    (project / "references.bib").write_text(BAD)
    r = cli(["check", "--format", "github"])
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 3
    for line in lines:
        assert ANNOTATION.match(line), line
    assert lines[0].startswith("::error file=references.bib,line=2,col=31,title=name-credentials::")
    assert lines[1].startswith("::warning file=references.bib,line=7,col=13,title=pages-dash::")


def test_github_escaping():
    d = Diagnostic("a,b:c.bib", 3, 4, "info", "r", "100% sure\r\nnext line", "fix, it")
    line = to_github(d)
    assert line == ("::notice file=a%2Cb%3Ac.bib,line=3,col=4,title=r::"
                    "100%25 sure%0D%0Anext line — fix, it")
    assert ANNOTATION.match(line)


def test_select_and_ignore_on_the_command_line(project, cli):
    (project / "references.bib").write_text(BAD)
    r = cli(["check", "--select", "values", "--format", "json"])
    assert [d["rule"] for d in json.loads(r.stdout)] == ["pages-dash", "url-scheme"]
    r = cli(["check", "--ignore", "url-scheme,names", "--format", "json"])
    assert [d["rule"] for d in json.loads(r.stdout)] == ["pages-dash"]
    assert r.exit_code == 0


def test_configuration_table(project, cli):
    (project / "references.bib").write_text(BAD)
    (project / "pyproject.toml").write_text(
        '[tool.biblio.check]\nignore = ["name-credentials"]\n'
        'severity = { url-scheme = "warning", pages-dash = "error" }\n')
    r = cli(["check", "--format", "json"])
    assert [(d["rule"], d["severity"]) for d in json.loads(r.stdout)] == [
        ("pages-dash", "error"), ("url-scheme", "warning")]
    assert r.exit_code == 1


@pytest.mark.parametrize("args,config", [
    (["check", "--select", "no-such-rule"], None),
    (["check"], '[tool.biblio.check]\nselect = ["nmes"]\n'),
    (["check"], '[tool.biblio.check]\nseverity = { pages-dash = "fatal" }\n'),
    (["check", "--bib", "missing.bib"], None),
])
def test_usage_problems_exit_two(project, run_biblio, args, config):
    (project / "references.bib").write_text(GOOD)
    if config:
        (project / "pyproject.toml").write_text(config)
    r = run_biblio(args, cwd=project)
    assert r.returncode == 2, r.stderr
    assert "Traceback" not in r.stderr
    assert re.match(r"^\S+:\d+:\d+: error\[(config|io)\]: ", r.stderr)


def test_unknown_rule_suggests_a_near_one(project, run_biblio):
    (project / "references.bib").write_text(GOOD)
    r = run_biblio(["check", "--select", "pages-dahs"], cwd=project)
    assert "did you mean 'pages-dash'?" in r.stderr


def test_syntax_errors_exit_one(project, run_biblio):
    (project / "references.bib").write_text("@article{k,\n  title = {x}\n  year = 2020\n}\n")
    r = run_biblio(["check"], cwd=project)
    assert r.returncode == 1
    assert r.stdout.startswith("references.bib:2:14: error[missing-comma]: ")


def test_list_rules(project, cli):
    r = cli(["check", "--list-rules"])
    assert r.exit_code == 0
    ids = [line.split()[0] for line in r.stdout.splitlines()]
    from biblio.rules import REGISTRY
    assert sorted(ids) == sorted(REGISTRY)
    assert ids[0] == "syntax" and ids[-1] == "moved-link"  # family by family, sources last
    data = json.loads(cli(["check", "--list-rules", "--format", "json"]).stdout)
    assert {d["id"] for d in data} == set(REGISTRY)
    assert all(d["severity"] in ("error", "warning", "info") and d["description"] for d in data)


def test_posts_option(project, cli):
    (project / "references.bib").write_text(GOOD)
    posts = project / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("---\ntitle: A\n---\n\nAs shown [@k; @nobody2020, p. 3].\n\n"
                                "```\n[@incode]\n```\n\nMail me at a@example.org. `@span`\n")
    r = cli(["check", "--posts", "posts", "--format", "json"])
    data = json.loads(r.stdout)
    assert [(d["path"], d["line"], d["rule"]) for d in data] == [
        ("posts/a.md", 5, "missing-citation")]
    assert "nobody2020" in data[0]["message"]
    assert r.exit_code == 1


def test_posts_nocite(project, cli):
    (project / "references.bib").write_text(GOOD + "\n@misc{other,\n  title = {x},\n}\n")
    posts = project / "posts"
    posts.mkdir()
    (posts / "a.md").write_text("---\ntitle: A\nnocite: '@other'\n---\n\nText [@k].\n")
    r = cli(["check", "--posts", "posts", "--select", "references", "--format", "json"])
    assert json.loads(r.stdout) == []
    (posts / "a.md").write_text("---\ntitle: A\n---\n\nText [@k].\n")
    r = cli(["check", "--posts", "posts", "--select", "references", "--format", "json"])
    assert [(d["rule"], d["line"]) for d in json.loads(r.stdout)] == [("uncited-entry", 10)]
