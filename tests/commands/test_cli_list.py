"""`biblio list` / `show` and how bad input is reported: located, explained, exit 1, nothing written."""

from __future__ import annotations

from helpers import ROOT

from biblio.bib import blocks, library

MALFORMED = """\
@article{ok1, title = {Fine}}
@article{bad1,
  author = {Roe, Richard}
  title = {Missing comma},
}
garbage = {stray}
@book{bad2, title = {Never closed
@misc{ok2, title = {Still read}}
@article(paren1, title = {Parentheses are valid BibTeX})
@article(bad3, title = {Opened with a parenthesis, closed with a brace}}
@misc{ok3, journal = undefinedmacro}
"""


def test_list_reports_every_problem_with_line_and_column(run_biblio, tmp_path):
    bib = tmp_path / "references.bib"
    bib.write_text(MALFORMED)
    before = bib.read_bytes()
    result = run_biblio(["list", "--bib", bib])
    assert result.returncode == 1
    errors = result.stderr.splitlines()
    assert errors == [
        (f"{bib}:3:26: error[missing-comma]: 'bad1', field 'author': a comma is missing before "
        "field 'title', so it was read as part of the previous value — add ',' at the end of "
        "the previous field"),
        (f"{bib}:6:1: error[stray-text]: text outside any entry: 'garbage = {{stray}}' — remove "
        "it, move it into its entry, or start the line with '%' to keep it as a comment"),
        (f"{bib}:7:1: error[unbalanced-braces]: @book 'bad2' is never closed: a '}}' is missing "
        "— add the missing '}' at the end of the entry (or of the value left open)"),
        (f"{bib}:10:1: error[unbalanced-braces]: @article 'bad3' is opened with '(' but never "
        "closed with ')' — close it with ')' (or open it with '{' and close it with '}')"),
        (f"{bib}:11:22: error[undefined-string]: 'ok3', field 'journal' uses 'undefinedmacro', "
        "which no @string defines — add @string{undefinedmacro = {…}} or put the value in "
        "braces {undefinedmacro}"),
    ]
    assert "Traceback" not in result.stderr
    keys = [line.split()[0] for line in result.stdout.splitlines()]
    assert keys == ["ok1", "bad1", "ok2", "paren1", "ok3"]
    assert bib.read_bytes() == before


def test_list_of_the_sample_blog_is_clean(run_biblio):
    result = run_biblio(["list"], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 6
    first = lines[1].split()
    assert first[:4] == ["cagnie2013physiologic", "article", "2013", "Cagnie"]
    assert lines[0].split()[:5] == ["apta2013dryneedling", "report", "2013", "American",
                                    "Physical"]


def test_list_columns_are_aligned(cli, tmp_path):
    bib = tmp_path / "r.bib"
    bib.write_text("@book{a, author = {Long-Name, Someone}, title = {T}, year = 1999}\n"
                   "@article{longer-key, author = {Li, X.}, title = {U}, date = {2020-05}}\n")
    result = cli(["list", "--bib", bib])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "a           book     1999  Long-Name  T",
        "longer-key  article  2020  Li         U",
    ]


def test_missing_file_is_a_usage_error(run_biblio, tmp_path):
    result = run_biblio(["list", "--bib", tmp_path / "nope.bib"])
    assert result.returncode == 2
    assert result.stderr.strip() == (f"{tmp_path / 'nope.bib'}:1:1: error[io]: file not found "
                                     "— create it, or point --bib at your .bib file")


def test_invalid_utf8_names_byte_offset_and_line(run_biblio, tmp_path):
    bib = tmp_path / "latin.bib"
    bib.write_bytes("@misc{a, title = {ok}}\n@misc{b, title = {Caf\u00e9}}\n".encode("latin-1"))
    result = run_biblio(["list", "--bib", bib])
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"{bib}:2:22: error[encoding]: not valid utf-8: byte 0xe9 at byte offset 44 — save the "
        "file as UTF-8, or pass --encoding with the file's real encoding (e.g. --encoding "
        "latin-1)")
    ok = run_biblio(["list", "--bib", bib, "--encoding", "latin-1"])
    assert ok.returncode == 0 and "Café" in ok.stdout


def test_latin1_file_is_written_back_in_latin1(tmp_path):
    bib = tmp_path / "latin.bib"
    original = "@misc{a, title = {Caf\u00e9}}\n".encode("latin-1")
    bib.write_bytes(original)
    with library.edit(bib, encoding="latin-1") as lib:
        lib.add(blocks.new_entry("misc", "b", {"title": "Na\u00efve"}))
    data = bib.read_bytes()
    assert data.startswith(original)
    assert "Na\u00efve".encode("latin-1") in data


def test_show_prints_entry_as_stored(cli, tmp_path):
    bib = tmp_path / "r.bib"
    bib.write_text("% c\n@Book{a,  title = {T} ,year=1999}\n")
    result = cli(["show", "a", "--bib", bib])
    assert result.exit_code == 0
    assert result.stdout == "@Book{a,  title = {T} ,year=1999}\n"


def test_show_unknown_key_suggests_a_close_one(cli, tmp_path):
    bib = tmp_path / "r.bib"
    bib.write_text("@book{kalichman2010dryneedling, title = {T}}\n")
    result = cli(["show", "kalichman2010dryneedlin", "--bib", bib])
    assert result.exit_code == 1
    assert "error[unknown-key]" in result.stderr
    assert "did you mean 'kalichman2010dryneedling'?" in result.stderr


def test_bib_from_pyproject(cli, project):
    (project / "pyproject.toml").write_text('[tool.biblio]\nbib = "data/refs.bib"\n')
    (project / "data").mkdir()
    (project / "data" / "refs.bib").write_text("@misc{x, title = {From config}}\n")
    result = cli(["list"])
    assert result.exit_code == 0 and "From config" in result.stdout


def test_version_and_help(run_biblio):
    from biblio import __version__

    assert run_biblio(["--version"]).stdout.strip() == f"biblio, version {__version__}"
    help_text = run_biblio(["--help"]).stdout
    assert "list" in help_text and "show" in help_text
