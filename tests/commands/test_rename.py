"""`biblio rename OLD NEW`: the entry, the entries that name it, and every citation in every
post change together, or nothing does."""

from __future__ import annotations

import pytest
from helpers import fail_nth_replace, files_of, sample_site

from biblio.commands import rename
from biblio.diagnostics import BiblioError
from biblio.document.posts import citations_in

OLD, NEW = "cagnie2013physiologic", "cagnie2013"


@pytest.fixture
def site(tmp_path, monkeypatch):
    sample_site(tmp_path, "\n@incollection{part1, author = {Roe, J.}, title = {A part}, "
                "year = {2013},\n  crossref = {" + OLD + "}}\n"
                "@misc{rel1, title = {R}, related = {x, " + OLD + "}}\n")
    posts = tmp_path / "posts"
    (posts / "q.qmd").write_bytes(
        (f"---\r\ntitle: Q\r\nnocite: |\r\n  @{OLD} @other\r\n---\r\n"
         f"A cluster [see @{OLD}, p. 3; @kalichman2010dryneedling], narrative @{OLD} [p. 4],\r\n"
         f"year only [-@{OLD}], braced @{{{OLD}}}, in code `[@{OLD}]` and\r\n\r\n"
         f"    [@{OLD}] indented code\r\n\r\nmail x@{OLD}.org\r\n").encode())
    (posts / "h.html").write_text(f"<p>HTML [@{OLD}]</p>\n<pre>[@{OLD}]</pre>\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_rename_changes_every_citation_and_nothing_else(site):
    before = citations_in(site / "posts")[OLD]
    out = rename.run(OLD, NEW)
    after = citations_in(site / "posts")
    assert OLD not in after
    assert sorted((p, line) for p, line, _ in after[NEW]) == \
        sorted((p, line) for p, line, _ in before)
    q = (site / "posts" / "q.qmd").read_bytes().decode()
    assert f"nocite: |\r\n  @{NEW} @other\r\n" in q  # the front matter's nocite too
    assert f"`[@{OLD}]`" in q and f"    [@{OLD}] indented code" in q  # code left alone
    assert f"x@{OLD}.org" in q  # an e-mail address is no citation
    assert q.count("\r\n") == q.count("\n")  # line endings kept
    assert f"braced @{{{NEW}}}" in q
    assert f"<pre>[@{OLD}]</pre>" in (site / "posts" / "h.html").read_text()
    bib = (site / "references.bib").read_text()
    assert f"@article{{{NEW}," in bib and OLD not in bib
    assert f"crossref = {{{NEW}}}" in bib and f"related = {{x, {NEW}}}" in bib
    assert out.citations == len(before)


def test_dry_run_writes_nothing(site):
    before = files_of(site)
    out = rename.run(OLD, NEW, dry_run=True)
    assert files_of(site) == before
    assert f"-@article{{{OLD}," in out.diff() and f"+@article{{{NEW}," in out.diff()


def test_a_failure_on_the_third_file_leaves_every_file_as_it_was(site, monkeypatch):
    before = files_of(site)
    calls = fail_nth_replace(monkeypatch)
    with pytest.raises(BiblioError) as err:
        rename.run(OLD, NEW)
    assert err.value.exit_code == 2 and "nothing was renamed" in err.value.diagnostics[0].message
    assert len(calls) >= 3
    assert files_of(site) == before  # no file half-renamed, no temp file left


@pytest.mark.parametrize("new,rule", [
    ("kalichman2010dryneedling", "duplicate-key"),
    ("KALICHMAN2010DRYNEEDLING", "duplicate-key"),  # keys ignore case
    ("bad key", "usage"),
    ("", "usage"),
])
def test_rename_refuses(site, new, rule):
    before = files_of(site)
    with pytest.raises(BiblioError) as err:
        rename.run(OLD, new)
    assert err.value.diagnostics[0].rule == rule
    assert files_of(site) == before


def test_an_unknown_key_suggests(site):
    with pytest.raises(BiblioError) as err:
        rename.run("cagnie2013physiologc", NEW)
    assert "did you mean 'cagnie2013physiologic'?" in err.value.diagnostics[0].fix


def test_the_cli_says_what_it_did(site, cli):
    r = cli(["rename", OLD, NEW])
    assert r.exit_code == 0, r.output
    assert f"{OLD} → {NEW}: 8 citations in 3 posts" in r.stderr


def test_rename_by_the_key_pattern(site, cli):
    """`--pattern` re-keys every entry whose key the configured pattern would not give (a
    clash takes a letter, as `add` does), lists old → new, and changes the posts with it."""
    (site / "biblio.toml").write_text('key_pattern = "{auth}{year}"\n')
    before = files_of(site)
    r = cli(["rename", "--pattern", "--dry-run"])
    assert r.exit_code == 0, r.output
    assert f"{OLD} → cagnie2013\n" in r.stdout
    assert files_of(site) == before
    out = rename.run(None, None, pattern=True)
    assert out.mapping[OLD] == "cagnie2013"
    assert len(set(out.mapping.values())) == len(out.mapping)  # every new key unique
    cited = citations_in(site / "posts")
    assert "cagnie2013" in cited and OLD not in cited
    assert rename.run(None, None, pattern=True).mapping == {}  # nothing left to change


def test_rename_needs_two_keys_or_the_pattern(site, cli):
    r = cli(["rename", OLD])
    assert r.exit_code == 2 and "give OLD and NEW, or --pattern alone" in r.stderr


@pytest.mark.parametrize("pattern, says", [
    ("{nope}", ("key_pattern '{nope}': unknown placeholder {nope} — use {auth}, {authors}, "
                "{year}, {shorttitle}")),
    ("{auth}{yeer}", "unknown placeholder {yeer} — did you mean {year}?"),
    ("{shorttitle:-1}", "{shorttitle:-1}: the count must be a whole number from 1 on"),
    ("{shorttitle:0}", "the count must be a whole number from 1 on"),
    ("{shorttitle:²}", "the count must be a whole number from 1 on"),  # (was exit 3)
    ("{auth}{year:2}", "{year:2}: {year} takes no count"),
    ("{auth}{year", "a brace that opens or closes no placeholder"),
    ("ref", "no placeholder: every entry would get the same key"),
])
def test_a_mistyped_key_pattern_is_a_located_config_error(site, cli, pattern, says):
    """A placeholder the pattern does not know was read as a field no entry has: every key
    became "anon", "anona", … silently. Now `rename --pattern` and `add` refuse at the setting."""
    (site / "biblio.toml").write_text(f'bib = "references.bib"\nkey_pattern = "{pattern}"\n')
    before = files_of(site)
    for args in (["rename", "--pattern"], ["add", "--offline", "--text",
                                           "Doe, J. (2020). A title. Publisher."]):
        r = cli(args)
        assert r.exit_code == 2, r.output
        assert r.stderr.startswith("biblio.toml:2:15: error[config]: "), r.stderr
        assert says in r.stderr, r.stderr
        assert files_of(site) == before


@pytest.mark.parametrize("pattern", ["{auth}{year}{shorttitle}", "{Authors}{year}",
                                     "{auth}-{journal}{year}", "{title:3}", "{auth}_{doi}"])
def test_good_key_patterns_pass(pattern):
    from biblio.importers import keys
    from biblio.rules.fields import known

    assert keys.problem(pattern, known()) is None


def test_a_pattern_giving_every_entry_one_key_is_refused(site, cli):
    """{isbn} on a library where no entry has one: every key would be "anon", "anona", …"""
    (site / "biblio.toml").write_text('key_pattern = "{isbn}"\n')
    before = files_of(site)
    r = cli(["rename", "--pattern"])
    assert r.exit_code == 1, r.output
    assert "error[key-pattern]: key_pattern '{isbn}' gives every entry the same key 'anon'" \
        in r.stderr, r.stderr
    assert files_of(site) == before
