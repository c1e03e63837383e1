"""`biblio styles list | search | show`, and dependent styles by id through every way a style
is chosen: `--style`, `[tool.biblio] style`, front matter `csl:` and the Python API."""

from __future__ import annotations

import json

from helpers import ROOT

import biblio
from biblio import styles

BIB = """@article{cagnie2013,
  author = {Cagnie, Barbara and Dewitte, Vincent},
  title = {Physiologic effects of dry needling},
  journal = {Current Pain and Headache Reports},
  year = {2013},
  volume = {17},
  pages = {348},
}
"""
# Dependent styles whose own default locale (de-DE) differs from their parent's (en-US): the
# German "und" shows that the dependent's locale was applied.
GERMAN_BIB = "osterreichische-zeitschrift-fur-soziologie"   # parent: springer-humanities-…
GERMAN_CITE = "berliner-journal-fur-soziologie"              # parent: springer-socpsych-…


def test_search_lancet_lists_the_lancet_family(cli):
    r = cli(["styles", "search", "lancet"])
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert [ln.split()[0] for ln in lines] == [
        "the-lancet", "the-lancet-infectious-diseases", "the-lancet-neurology",
        "the-lancet-oncology"]
    assert "The Lancet Oncology" in lines[3] and "[dependent on the-lancet]" in lines[3]
    assert "numeric" in lines[0]


def test_search_options_and_json(cli):
    r = cli(["styles", "search", "chicago", "--citation-format", "note", "--format", "json"])
    found = json.loads(r.stdout)
    assert found and all(s["format"] == "note" for s in found)
    assert {"id", "parent", "title", "short", "issn", "eissn", "fields", "format", "locale",
            "licence"} <= set(found[0])
    r = cli(["styles", "search", "physical", "review", "letters"])
    assert r.stdout.split()[0] == "physical-review-letters"
    r = cli(["styles", "search", "no-such-style-anywhere"])
    assert r.exit_code == 1 and "no style matches" in r.stderr


def test_list_shows_the_projects_styles_then_every_official_one(cli, project):
    (project / "styles").mkdir()
    (project / "styles" / "house.csl").write_text(
        (ROOT / "styles" / "apa.csl").read_text(encoding="utf-8"), encoding="utf-8")
    lines = cli(["styles", "list"]).stdout.splitlines()
    assert lines[0].startswith("house ") and len(lines) == 1 + 10_844
    notes = cli(["styles", "list", "--format", "note"]).stdout.splitlines()
    assert 0 < len(notes) < 2_000 and all(" note " in ln for ln in notes)
    medicine = cli(["styles", "list", "--field", "medicine", "--format", "json"]).stdout
    assert all("medicine" in s["fields"] for s in json.loads(medicine))


def test_show_a_dependent_style(cli, project):
    r = cli(["styles", "show", "nature-communications"])
    assert r.exit_code == 0, r.output
    out = r.stdout
    for want in ("title:       Nature Communications", "parent:      nature (Nature)",
                 "format:      numeric", "fields:      science", "locale:      en-GB",
                 "eISSN 2041-1723",
                 "licence:     CC BY-SA 3.0 (http://creativecommons.org/licenses/by-sa/3.0/)",
                 "The sample blog's references in this style:"):
        assert want in out
    # the sample blog's six references, numbered as Nature numbers them
    assert "Kalichman, L. & Vulfsons, S. Dry needling in the management of musculoskeletal " \
           "pain. Journal of the American Board of Family Medicine 23, 640–646 (2010)." in out
    assert out.count("\n  ") >= 6 + 6


def test_show_renders_a_bib_of_ones_own_and_a_style_without_a_bibliography(cli, project):
    (project / "mine.bib").write_text(BIB, encoding="utf-8")
    r = cli(["styles", "show", GERMAN_BIB, "--bib", "mine.bib"])
    assert "mine.bib's references" in r.stdout
    assert "Cagnie, Barbara, und Vincent Dewitte. 2013." in r.stdout
    no_bib = next(s.id for s in styles.official() if not s.parent and s.format == "note"
                  and "<bibliography" not in styles.read_style(s.id))
    r = cli(["styles", "show", no_bib, "--bib", "mine.bib"])
    assert r.exit_code == 0 and "Cagnie" in r.stdout  # its note, since it lists nothing


def test_show_an_unknown_style_suggests(cli, project):
    r = cli(["styles", "show", "lancet-oncolgy"])
    assert r.exit_code == 2
    assert "error[unknown-style]: no style 'lancet-oncolgy'" in r.stderr
    assert "'the-lancet-oncology'" in r.stderr


def test_dependent_style_through_the_style_option(cli, project):
    (project / "references.bib").write_text(BIB, encoding="utf-8")
    r = cli(["format", "--all", "--to", "text", "--style", GERMAN_BIB])
    assert r.exit_code == 0, r.output
    assert "Cagnie, Barbara, und Vincent Dewitte. 2013. Physiologic effects of dry needling." \
        in r.stdout


def test_dependent_style_through_the_project_settings(cli, project):
    (project / "references.bib").write_text(BIB, encoding="utf-8")
    (project / "pyproject.toml").write_text('[tool.biblio]\nstyle = "the-lancet-oncology"\n',
                                            encoding="utf-8")
    r = cli(["format", "--all", "--to", "text"])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("1 Cagnie B, Dewitte V. Physiologic effects of dry needling. "
                               "Current Pain and Headache Reports 2013; 17: 348.")


POST = """---
title: A post
csl: {csl}
---

Needling works [@cagnie2013].
"""


def test_dependent_style_through_front_matter_and_the_api(project):
    (project / "references.bib").write_text(BIB, encoding="utf-8")
    out = biblio.render_post(POST.format(csl=GERMAN_CITE), project / "references.bib",
                             root=project).text
    assert "Cagnie und Dewitte 2013" in out
    out = biblio.render_post("Needling works [@cagnie2013].\n", project / "references.bib",
                             style=GERMAN_CITE).text
    assert "Cagnie und Dewitte 2013" in out
    out = biblio.render_post(POST.format(csl="physical-review-letters"),
                             project / "references.bib", root=project).text
    assert "[1]" in out and "B. Cagnie and V. Dewitte" in out


def test_front_matter_with_an_unknown_style_points_at_the_value(project):
    import pytest

    from biblio.diagnostics import BiblioError

    with pytest.raises(BiblioError) as e:
        biblio.render_post(POST.format(csl="nature-comunications"), [], root=project)
    d = e.value.diagnostics[0]
    assert d.line == 3 and "csl: no style 'nature-comunications'" in d.message
    assert "'nature-communications'" in d.fix


def test_the_packaged_sample_is_the_sample_blogs_bibliography():
    from biblio.commands.styles import SAMPLE

    assert SAMPLE.read_bytes() == (ROOT / "references.bib").read_bytes()


def test_show_a_style_file_that_is_not_xml(cli, project):
    (project / "broken.csl").write_text("<style><info>", encoding="utf-8")
    r = cli(["styles", "show", "broken.csl"])
    assert r.exit_code == 2
    assert "broken.csl:1:14: error[bad-style]: not a well-formed XML file" in r.stderr
    (project / "styles").mkdir()
    (project / "styles" / "half.csl").write_text("<style", encoding="utf-8")
    r = cli(["styles", "list"])
    assert r.exit_code == 0 and r.stdout.startswith("half ")


def test_an_unknown_style_suggests_the_projects_own_first(cli, project):
    (project / "styles").mkdir()
    (project / "styles" / "house-style.csl").write_text(
        (ROOT / "styles" / "apa.csl").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "references.bib").write_text(BIB, encoding="utf-8")
    r = cli(["format", "--all", "--style", "house-styel"])
    assert r.exit_code == 2 and "did you mean 'house-style'" in r.stderr


def test_a_style_file_replaced_by_one_of_the_same_size_and_time_is_read_again(tmp_path):
    # (an editor that saves by writing a new file and renaming it over the old, twice within
    # the file system's clock tick: the size and the time alike, the file another)
    import os

    style = tmp_path / "mine.csl"
    text = str(styles.read_style("apa")).replace("<title>", "<title>A", 1)
    style.write_text(text, encoding="utf-8")
    st = os.stat(style)
    assert str(styles.read_style(str(style))) == text
    edited = text.replace("<title>A", "<title>B", 1)
    new = tmp_path / "mine.csl.new"
    new.write_text(edited, encoding="utf-8")
    os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(new, style)
    assert os.stat(style).st_size == st.st_size and os.stat(style).st_mtime_ns == st.st_mtime_ns
    assert str(styles.read_style(str(style))) == edited
