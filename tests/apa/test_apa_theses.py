"""APA 7 10.6: a thesis found in no database, archive or web page is "[Unpublished doctoral
dissertation]" / "[Unpublished master's thesis]", then the university; one found online is
"[Doctoral dissertation, University]", then where it is."""

import pytest


def _format(tmp_path, monkeypatch, bib: str, style: str | None = None) -> str:
    from biblio.commands import format as format_
    (tmp_path / "references.bib").write_text(bib, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return format_.run(all_=True, to="text", style=style).text


@pytest.mark.parametrize("kind, said", [
    ("mastersthesis", "Unpublished master’s thesis"),
    ("phdthesis", "Unpublished doctoral dissertation"),
])
def test_an_unpublished_thesis_says_so(tmp_path, monkeypatch, kind, said):
    out = _format(tmp_path, monkeypatch,
                  f"@{kind}{{m, author = {{M{{\\\"u}}ller, Anna}},\n"
                  "  title = {Effects of taping on shoulder impingement},\n"
                  "  school = {Technische Universit{\\\"a}t M{\\\"u}nchen}, year = {2018}}\n")
    assert out == ("Müller, A. (2018). Effects of taping on shoulder impingement "
                   f"[{said}]. Technische Universität München.")


def test_a_thesis_online_is_not_unpublished(tmp_path, monkeypatch):
    out = _format(tmp_path, monkeypatch,
                  "@thesis{n, author = {Nguyen, Thi Minh}, title = {Dry needling},\n"
                  "  type = {phdthesis}, institution = {University of Sydney}, date = {2020},\n"
                  "  url = {https://hdl.handle.net/2123/12345}}\n")
    assert out == ("Nguyen, T. M. (2020). Dry needling [Doctoral dissertation, University of "
                   "Sydney]. https://hdl.handle.net/2123/12345")


def test_other_styles_keep_the_genre(tmp_path, monkeypatch):
    out = _format(tmp_path, monkeypatch,
                  "@mastersthesis{m, author = {Lee, Ann}, title = {Taping},\n"
                  "  school = {MIT}, year = {2018}}\n", style="chicago-author-date")
    assert "Unpublished" not in out
