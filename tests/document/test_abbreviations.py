"""A post's `citation-abbreviations` (pandoc's front-matter key): a JSON list of short forms
that a style's `form="short"` uses when an entry gives none of its own."""

from __future__ import annotations

import json

from helpers import biblio

STYLE = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>short</title><id>short</id><updated>2024-01-01T00:00:00+00:00</updated></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography><layout suffix="."><group delimiter=", ">
    <text variable="title"/><text variable="container-title" form="short" font-style="italic"/>
  </group></layout></bibliography>
</style>"""

BIB = """@article{a, author = {Doe, Jane}, title = {Needling}, journal = {Journal of Classical
  Studies}, year = {2020}}
@article{b, author = {Roe, Ann}, title = {Pain}, journal = {Journal of Classical Studies},
  shortjournal = {JCS}, year = {2021}}
"""

LIST = {"default": {"container-title": {"journal of classical studies": "J. Class. Stud."}}}


def site(tmp_path, abbreviations=LIST):
    (tmp_path / "short.csl").write_text(STYLE, encoding="utf-8")
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    text = abbreviations if isinstance(abbreviations, str) else json.dumps(abbreviations)
    (tmp_path / "abbrevs.json").write_text(text, encoding="utf-8")
    post = tmp_path / "post.md"
    post.write_text("---\ncsl: short.csl\ncitation-abbreviations: abbrevs.json\n---\n\n"
                    "Two [@a; @b].\n", encoding="utf-8")
    return post


def test_the_list_gives_the_short_form_and_an_entrys_own_short_form_comes_first(tmp_path):
    post = site(tmp_path)
    p = biblio(["render", post], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    # from the list (case ignored); its stop and the layout's are one
    assert "Needling, <i>J. Class. Stud.</i>\n" in p.stdout
    assert "Pain, <i>JCS</i>." in p.stdout  # the entry's own shortjournal
    # without the list, the long form (CSL 1.0.2: form="short" falls back to it)
    post.write_text(post.read_text().replace("citation-abbreviations: abbrevs.json\n", ""))
    p = biblio(["render", post], cwd=tmp_path)
    assert "Needling, <i>Journal of Classical Studies</i>." in p.stdout


def test_a_list_that_is_not_json_is_a_located_error(tmp_path):
    post = site(tmp_path, '{"default": {\n  "container-title": {"a": "b",}}}')
    p = biblio(["render", post], cwd=tmp_path)
    assert p.returncode == 1 and p.stdout == ""
    assert p.stderr.startswith(f"{tmp_path / 'abbrevs.json'}:2:32: error[abbreviations]: "
                               "the abbreviations are not JSON"), p.stderr
    for text in ('["not", "a", "mapping"]', "[" * 100_000 + "]" * 100_000, b"\xff{}",
                 '{"default": {"title": 3}}',
                 # a number longer than Python reads (a ValueError, not a JSON error)
                 '{"default": {"title": {"x": ' + "1" * 5000 + "}}}"):
        post = site(tmp_path, text if isinstance(text, str) else "")
        if isinstance(text, bytes):
            (tmp_path / "abbrevs.json").write_bytes(text)
        p = biblio(["render", post], cwd=tmp_path)
        assert p.returncode == 1 and "error[abbreviations]" in p.stderr, (text[:9], p.stderr)
        assert "Traceback" not in p.stderr and "internal error" not in p.stderr


def test_a_list_that_is_not_there_is_an_error_at_the_front_matter(tmp_path):
    post = site(tmp_path)
    (tmp_path / "abbrevs.json").unlink()
    p = biblio(["render", post], cwd=tmp_path)
    assert p.returncode == 1
    assert p.stderr.startswith(f"{post}:3:25: error[front-matter]: citation-abbreviations: "
                               "no file 'abbrevs.json'"), p.stderr


def test_a_build_renders_the_post_again_when_its_list_changes(tmp_path):
    post = site(tmp_path)
    (tmp_path / "posts").mkdir()
    post.rename(tmp_path / "posts" / "post.md")
    for name in ("short.csl", "abbrevs.json"):
        (tmp_path / "posts" / name).write_bytes((tmp_path / name).read_bytes())
    assert biblio(["build", "--fragment"], cwd=tmp_path).returncode == 0
    page = tmp_path / "site" / "post.html"
    assert "J. Class. Stud." in page.read_text()
    other = {"default": {"container-title": {"Journal of Classical Studies": "J Class Stud"}}}
    (tmp_path / "posts" / "abbrevs.json").write_text(json.dumps(other))
    p = biblio(["build", "--fragment"], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert "<i>J Class Stud</i>" in page.read_text()


def test_the_projects_list_serves_every_command_and_a_posts_own_list_replaces_it(tmp_path):
    post = site(tmp_path)
    post.write_text("---\ncsl: short.csl\n---\n\nTwo [@a; @b].\n", encoding="utf-8")
    (tmp_path / "posts").mkdir()
    post.rename(tmp_path / "posts" / "post.md")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.biblio]\nstyle = "short.csl"\ncitation-abbreviations = "abbrevs.json"\n')
    fmt = biblio(["format", "a", "--to", "text"], cwd=tmp_path)
    assert fmt.returncode == 0, fmt.stderr
    assert fmt.stdout.strip() == "Needling, J. Class. Stud."
    rendered = biblio(["render", "posts/post.md"], cwd=tmp_path)
    assert "Needling, <i>J. Class. Stud.</i>\n" in rendered.stdout
    assert biblio(["build", "--fragment"], cwd=tmp_path).returncode == 0
    page = tmp_path / "site" / "post.html"
    assert "Needling, <i>J. Class. Stud.</i>\n" in page.read_text()
    # the project's list changed: the build renders again (nothing else changed)
    other = {"default": {"container-title": {"Journal of Classical Studies": "JCLS"}}}
    (tmp_path / "abbrevs.json").write_text(json.dumps(other))
    assert biblio(["build", "--fragment"], cwd=tmp_path).returncode == 0
    assert "Needling, <i>JCLS</i>.\n" in page.read_text()
    # a post naming its own list uses that one
    (tmp_path / "posts" / "mine.json").write_text(json.dumps(LIST))
    (tmp_path / "posts" / "post.md").write_text(
        "---\ncitation-abbreviations: mine.json\n---\n\nTwo [@a; @b].\n")
    assert "Needling, <i>J. Class. Stud.</i>\n" in biblio(["render", "posts/post.md"],
                                                        cwd=tmp_path).stdout
    # a project list that is not there: an I/O error, exit 2, at the file
    (tmp_path / "abbrevs.json").unlink()
    p = biblio(["format", "a"], cwd=tmp_path)
    assert p.returncode == 2 and "abbrevs.json:1:1: error[abbreviations]: cannot read" in \
        p.stderr, p.stderr


def test_a_project_setting_that_is_not_a_path_is_a_usage_error(tmp_path):
    site(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.biblio]\ncitation-abbreviations = true\n")
    p = biblio(["format", "a"], cwd=tmp_path)
    assert p.returncode == 2, p.stderr
    assert p.stderr.startswith(f"{tmp_path / 'pyproject.toml'}:1:1: error[config]: "
                               "citation-abbreviations is not a path"), p.stderr


def test_check_posts_says_what_render_says_of_a_bad_list(tmp_path):
    post = site(tmp_path, '{"default": {\n  "container-title": {"a": "b",}}}')
    rendered = biblio(["render", post], cwd=tmp_path)
    checked = biblio(["check", "--posts", post], cwd=tmp_path)
    assert rendered.returncode == checked.returncode == 1, checked.stderr
    said = [ln for ln in rendered.stderr.splitlines() if "error[abbreviations]" in ln]
    # (check prints its report on standard output)
    assert said and said == [ln for ln in checked.stdout.splitlines()
                             if "error[abbreviations]" in ln]
