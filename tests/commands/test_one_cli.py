"""One CLI: shared options spelled alike, usage errors without invented places, and the
messages issue 19 found untrue or unhelpful."""

from __future__ import annotations

import shutil

import click
import pytest
from helpers import ROOT

from biblio import cli as biblio_cli
from biblio.diagnostics import ERROR, Diagnostic
from biblio.importers import crossref
from biblio.importers.http import NetworkError
from biblio.site.build import BuildReport

# Each shared option: its parameter's spellings, exactly (`--out`, `--json`, `--src` are not).
SHARED = {"-o": ("-o", "--output"), "--output": ("-o", "--output"), "--format": ("--format",),
          "--encoding": ("--encoding",), "--bib": ("--bib",), "--posts": ("--posts",),
          "-q": ("-q", "--quiet"), "--quiet": ("-q", "--quiet"),
          "-v": ("-v", "--verbose"), "--verbose": ("-v", "--verbose")}
FORBIDDEN = {"--out", "--json", "--src", "--output-dir", "--outdir", "--file", "--silent"}


def every_command():
    group = biblio_cli.group
    for name in biblio_cli.COMMANDS:
        cmd = group.get_command(click.Context(group), name)
        yield name, cmd
        for sub, c in getattr(cmd, "commands", {}).items():
            yield f"{name} {sub}", c


COMMANDS = list(every_command())


@pytest.mark.parametrize("name, cmd", COMMANDS, ids=[n for n, _ in COMMANDS])
def test_shared_options_are_spelled_alike_and_explained(name, cmd, cli):
    shown = [p for p in cmd.params if isinstance(p, click.Option) and not p.hidden]
    for p in shown:
        assert p.help, f"biblio {name} {p.opts}: no help text"
        assert not set(p.opts) & FORBIDDEN, f"biblio {name}: {p.opts}"
        for spelling in p.opts + p.secondary_opts:
            if spelling in SHARED:
                assert tuple(p.opts) == SHARED[spelling], f"biblio {name}: {p.opts}"
        if "--format" in p.opts:  # what the command prints, for people or for tools
            assert {"text", "json"} <= set(p.type.choices), f"biblio {name} --format"
    spellings = {s for p in shown for s in p.opts}
    assert {"-q", "--quiet", "-v", "--verbose"} <= spellings, name
    # and --help shows them: the page is what users read
    page = cli([*name.split(), "--help"])
    assert page.exit_code == 0
    for p in shown:
        assert p.opts[-1] in page.stdout
    assert "OUT" not in page.stdout.replace("OUTPUT", "")


def test_build_help_has_no_phantom_out_and_explains_format_and_encoding(cli):
    page = cli(["build", "--help"]).stdout
    assert "-o, --output DIRECTORY" in page and "--encoding" in page
    assert "--format [text|json]" in page and "How to report" in page


def test_a_diagnostic_without_a_line_has_no_location():
    d = Diagnostic("biblio", 0, 0, ERROR, "usage", "nothing to add", "give a DOI")
    assert d.format() == "biblio: error[usage]: nothing to add — give a DOI"
    assert Diagnostic("a.bib", 3, 2, ERROR, "x", "m").format() == "a.bib:3:2: error[x]: m"


@pytest.mark.parametrize("args, words", [
    (["add"], "biblio: error[usage]: nothing to add — give a DOI"),
    (["show"], "biblio: error[usage]: missing argument 'KEY' — see 'biblio show --help'"),
    (["list", "--nope"], "biblio: error[usage]: no such option '--nope'"),
    (["format"], "biblio: error[usage]: no entries to format"),
    (["biuld"], "biblio: error[usage]: no command 'biuld' — did you mean 'build'?"),
    (["zzz"], "biblio: error[usage]: no command 'zzz' — run 'biblio --help'"),
])
def test_usage_errors_name_no_file(cli, project, args, words):
    r = cli(args)
    assert r.exit_code == 2
    assert r.stderr.startswith(words), r.stderr
    assert ":1:1:" not in r.stderr and "references.bib" not in r.stderr


BIB = "@article{a,\n  author = {Doe, Jane},\n  title = {A title},\n  journaltitle = {J},\n" \
      "  date = {2020},\n  volume = {1},\n  pages = {1--2},\n}\n"


@pytest.mark.parametrize("args, words", [
    (["rename", "a", "bad key"], "biblio: error[usage]: 'bad key' is not a key"),
    (["merge", "a", "a"], "biblio: error[usage]: 'a' and 'a' are one entry"),
])
def test_rename_and_merge_usage_errors_name_no_file(cli, project, args, words):
    (project / "references.bib").write_text(BIB)
    r = cli(args)
    assert r.exit_code == 2 and r.stderr.startswith(words), r.stderr


def test_counts_are_worded_right():
    rep = BuildReport(out="site")
    rep.posts = 1
    assert rep.summary().startswith("1 post: ")
    rep.posts = 2
    rep.diagnostics = [Diagnostic("p.md", 1, 1, ERROR, "x", "m")]
    assert rep.summary().startswith("2 posts: ") and "1 error, nothing written" in \
        rep.summary()


def test_rename_counts_one_citation_in_one_post(cli, project):
    (project / "references.bib").write_text(BIB)
    (project / "posts").mkdir()
    (project / "posts" / "p.md").write_text("See [@a].\n")
    r = cli(["rename", "a", "b"])
    assert r.exit_code == 0 and "a → b: 1 citation in 1 post" in r.stderr


def test_add_with_key_does_not_blame_the_sources_own_key(cli, project):
    r = cli(["add", "--bibtex", "-", "--key", "K"], input=BIB.replace("{a,", "{x,"))
    assert r.exit_code == 0 and r.stdout.strip() == "K"
    assert "its own key" not in r.stderr


def test_a_taken_key_is_said_to_be_taken(cli, project):
    (project / "references.bib").write_text(BIB)
    r = cli(["add", "--bibtex", "-"], input=BIB.replace("Jane", "John").replace("A title",
                                                                               "Other"))
    assert r.exit_code == 0 and "its own key 'a' is taken" in r.stderr


def test_network_advice_names_only_what_works():
    fix = crossref.network_failure(NetworkError("offline", "https://api.crossref.org", "cannot reach x")).fix
    assert "--offline" not in fix and "--bibtex" in fix and "--text" in fix


def test_offline_doi_advice_names_what_works_offline(cli, project):
    r = cli(["add", "--offline", "10.1000/xyz"])
    assert r.exit_code == 2
    assert r.stderr.startswith("10.1000/xyz: error[offline]")
    assert "--bibtex" in r.stderr and "--text" in r.stderr


def test_add_refuses_text_that_is_not_a_reference(cli, project):
    r = cli(["add", "--offline", "--text", "x"])
    assert r.exit_code == 2
    assert r.stderr.startswith("biblio: error[unreadable-text]: the text 'x' does not read")
    assert not (project / "references.bib").exists()
    text = "Smith, J. (2020). A study of things. Journal of Stuff, 3(2), 1-10."
    ok = cli(["add", "--offline", "--text", text])
    assert ok.exit_code == 0 and ok.stdout.strip() == "smith2020study"


def test_paths_are_relative_to_the_working_folder(cli, project):
    (project / "references.bib").write_text(BIB)
    (project / "posts").mkdir()
    (project / "posts" / "p.md").write_text("See [@a].\n")
    rm = cli(["rm", "a", "--posts", project / "posts", "--bib", project / "references.bib"])
    assert rm.exit_code == 1 and rm.stderr.startswith("posts/p.md:1:6: error[cited]"), rm.stderr
    cited = cli(["cited-by", "a", "--posts", project / "posts"])
    assert cited.stdout == "posts/p.md:1:6\n"
    (project / "pyproject.toml").write_text('[tool.biblio]\nbib = "references.bib"\n')
    check = cli(["check", "--bib", project / "references.bib"])
    assert check.stdout.splitlines()[-1].startswith("references.bib: 1 entry, ")


def test_old_spellings_still_work_and_say_so(cli, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copytree(ROOT / "posts", project / "posts")
    r = cli(["build", "--out", "out"])
    assert r.exit_code == 0 and (project / "out" / "dry-needling.html").exists()
    assert "biblio: warning[deprecated]: --out is deprecated — use -o/--output" in r.stderr
    src = project / "more.bib"
    src.write_text(BIB)
    imp = cli(["import", "--json", "--format", "bibtex", src, "--bib", "new.bib"])
    assert imp.exit_code == 0 and '"added": [' in imp.stdout
    assert "--json is deprecated — use --format json" in imp.stderr
    assert "--format bibtex is deprecated — use --from bibtex" in imp.stderr


def test_quiet_prints_errors_only_and_verbose_adds_info(cli, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copytree(ROOT / "posts", project / "posts")
    loud = cli(["build", "-o", "site"])
    assert loud.exit_code == 0 and "1 post: 1 rendered" in loud.stderr
    quiet = cli(["build", "-o", "site2", "-q"])
    assert quiet.exit_code == 0 and quiet.stderr == ""
    check = cli(["check", "-q"])
    assert all("error[" in line for line in check.stdout.splitlines())
    fmt = ["format", "--all", "--to", "text"]
    assert "info[" not in cli(fmt).stderr and "info[" in cli([*fmt, "--verbose"]).stderr


def test_build_reads_the_bib_in_the_encoding_given(cli, project):
    (project / "references.bib").write_bytes(BIB.replace("Doe", "Doë").encode("latin-1"))
    (project / "posts").mkdir()
    (project / "posts" / "p.md").write_text("See @a.\n")
    r = cli(["build", "-o", "site", "--encoding", "latin-1"])
    assert r.exit_code == 0, r.stderr
    assert "Doë" in (project / "site" / "p.html").read_text(encoding="utf-8")


def test_the_sample_posts_list_is_under_a_references_heading(cli, project):
    shutil.copy(ROOT / "references.bib", project / "references.bib")
    shutil.copytree(ROOT / "posts", project / "posts")
    assert cli(["build", "-o", "site"]).exit_code == 0
    html = (project / "site" / "dry-needling.html").read_text(encoding="utf-8")
    assert '<h2>References</h2>\n<div id="refs"' in html


LONG = "a" * 5000  # longer than any file name the OS will look up (ENAMETOOLONG)


@pytest.mark.parametrize("args, code, says", [
    (["format", "--all", "--style", LONG + ".csl"], 2, ".csl:1:1: error[unknown-style]"),
    (["styles", "show", LONG + ".csl"], 2, ".csl:1:1: error[unknown-style]"),
    (["check", "--posts", LONG], 2, f"{LONG}:1:1: error[io]: no such folder of posts"),
    (["cited-by", "x", "--posts", LONG], 2, "error[io]: no such folder of posts"),
    (["rm", "x", "--posts", LONG], 2, "error[io]: no such folder of posts"),
    (["add", "--offline", LONG + ".bib"], 2, ".bib:1:1: error[unknown-source]"),
    (["render", "p.md"], 1, "p.md:2:15: error[front-matter]: bibliography: no file"),
    (["check", "--posts", "p.md"], 1, "p.md:2:15: error[front-matter]: bibliography: no file"),
])
def test_a_name_too_long_for_the_file_system_is_no_such_file(cli, project, args, code, says):
    # pathlib's is_file() raises for such a name (Python < 3.13) instead of answering False.
    (project / "references.bib").write_text(BIB)
    (project / "p.md").write_text(f"---\nbibliography: {LONG}.bib\n---\n[@a]\n")
    r = cli(args)
    assert r.exit_code == code, r.stderr[-300:]
    assert says in r.stdout + r.stderr, r.stderr[-300:]  # (check reports on stdout)
