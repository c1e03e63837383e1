"""The document stage gives one answer to every command: the same reference list from `format`
and from a post, the same posts and citations for `rm`, `cited-by`, `check --posts` and
`build --scope site`; and a user's mistake in front matter or in a cited entry is a located
error, never a crash."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from helpers import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from biblio.diagnostics import BiblioError

KEYS = ["kalichman2010dryneedling", "cagnie2013physiologic", "seguin2015interview",
        "edwards2015drma", "ries2015ptinmotion"]


@pytest.fixture
def blog(tmp_path, monkeypatch):
    """The sample blog in a temporary folder, as the current directory."""
    for name in ("posts", "styles"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refs(page: str) -> str:
    m = re.search(r'<div id="refs".*?\n</div>\n</div>', page, re.DOTALL)
    assert m, page
    return m.group(0)


# --- format and render print one list --------------------------------------------------------

@pytest.mark.parametrize("style,locale", [
    ("apa", None), ("ieee", None), ("chicago-notes-bibliography", None), ("apa", "de-DE"),
    ("apa", "en-GB"), ("din-1505-2", None)])
def test_format_lists_what_a_post_lists(blog, cli, style, locale):
    args = ["--style", style] + (["--locale", locale] if locale else [])
    fmt = cli(["format", *KEYS, *args])
    assert fmt.exit_code == 0, fmt.output
    nocite = ", ".join(f"'@{k}'" for k in KEYS)
    (blog / "posts" / "all.md").write_text(f"---\nnocite: [{nocite}]\n---\nText.\n")
    page = cli(["render", "posts/all.md", *args])
    assert page.exit_code == 0, page.output
    assert _refs(page.stdout) == fmt.stdout.rstrip("\n")


def test_personal_communication_follows_the_style(blog, cli):
    """APA cites a personal communication in the text only (8.9); IEEE lists it. Both
    commands agree for each style."""
    for style, listed in (("apa", False), ("ieee", True)):
        out = cli(["format", "seguin2015interview", "--style", style]).stdout
        assert ("ref-seguin2015interview" in out) is listed, style


def test_an_entry_marked_english_keeps_sentence_case_in_a_german_list(blog, cli):
    bib = blog / "references.bib"
    bib.write_text(bib.read_text() + "\n@book{en1, author = {Doe, Jane}, title = {The Art of "
                   "War}, year = {2001}, publisher = {P}, langid = {english}}\n"
                   "@book{none1, author = {Roe, Jo}, title = {The Art of Peace}, year = {2001},"
                   " publisher = {P}}\n")
    out = cli(["format", "en1", "none1", "--locale", "de-DE", "--to", "text"]).stdout
    assert "The art of war" in out  # its own language decides
    assert "The Art of Peace" in out  # no language: the output's (pandoc, CSL)


# --- one answer to "which posts cite what" --------------------------------------------------

def test_every_command_sees_the_same_posts(blog, cli):
    posts = blog / "posts"
    (posts / "a.qmd").write_text("Quarto cites [@cagnie2013physiologic].\n")
    (posts / "b.html").write_text("<p>HTML cites [@cagnie2013physiologic]</p>\n"
                                  "<code>[@edwards2015drma]</code>\n")
    (posts / ".hidden").mkdir()
    (posts / ".hidden" / "c.md").write_text("[@edwards2015drma]\n")
    (posts / "notes.txt").write_text("[@edwards2015drma]\n")
    cited_by = cli(["cited-by", "cagnie2013physiologic"]).stdout.split()
    files = sorted({line.rsplit(":", 2)[0] for line in cited_by})
    assert files == ["posts/a.qmd", "posts/b.html", "posts/dry-needling.md"]

    from biblio.commands import rm

    with pytest.raises(BiblioError) as err:
        rm.run(["cagnie2013physiologic"])
    places = sorted(f"{d.path}:{d.line}:{d.col}" for d in err.value.diagnostics)
    assert places == sorted(cited_by)

    # check --posts: an entry cited only from the .qmd and .html posts is not "uncited", and a
    # key only the .qmd post cites is missing at its place there, as cited-by shows it.
    import json

    post = posts / "dry-needling.md"
    for key in ("cagnie2013physiologic", "edwards2015drma"):
        post.write_text(post.read_text().replace(f"@{key}", "@ries2015ptinmotion"))
    (posts / "a.qmd").write_text("Quarto cites [@cagnie2013physiologic; @nosuchkey2020].\n")
    check = cli(["check", "--posts", "posts", "--format", "json"])
    found = json.loads(check.stdout)
    uncited = {d["message"].split("'")[1] for d in found if d["rule"] == "uncited-entry"}
    assert "cagnie2013physiologic" not in uncited and "edwards2015drma" in uncited
    missing = [f"{d['path']}:{d['line']}:{d['col']}" for d in found
               if d["rule"] == "missing-citation"]
    assert missing == cli(["cited-by", "nosuchkey2020"]).stdout.split() == ["posts/a.qmd:1:39"]
    (posts / "a.qmd").write_text("Quarto cites [@cagnie2013physiologic].\n")

    r = cli(["build", "--scope", "site", "--format", "json"])
    assert r.exit_code == 0, r.output
    built = sorted(p.relative_to(blog / "site").as_posix() for p in (blog / "site").rglob("*.html"))
    assert built == ["a.html", "b.html", "dry-needling.html"]


# --- front matter: every mistake located, exit 1 or 2, nothing written ----------------------

FRONT_MATTER = [
    ("title: [unclosed", 2, "cannot be read"),
    ("bibliography: missing.bib", 2, "no file 'missing.bib'"),
    ("bibliography: [references.bib, nope.bib]", 2, "no file 'nope.bib'"),
    ("bibliography: 42", 2, "cannot use"),
    ("csl: chicago-autor-date", 2, "did you mean 'chicago-author-date'"),
    ("csl: styles/none.csl", 2, "no file 'styles/none.csl'"),
    ("csl: [apa]", 2, "cannot use"),
    ("locale: xx-YY", 2, "no locale 'xx-YY'"),
    ("lang: 7", 2, "cannot use"),
    ("nocite: {a: 1}", 2, "cannot use"),
    ("link-citations: maybe", 2, "cannot use"),
    ("suppress-bibliography: [1]", 2, "cannot use"),
    ("reference-section-title: [a, b]", 2, "cannot use"),
    ("title: x\nbibliograpy: references.bib", 3, "did you mean 'bibliography'"),
    (("a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]"),
     2, "more than 10,000 values"),
    ("a: &a [*a]", 2, "cannot be read"),
    # A key of biblio's given twice: YAML readers keep the last without a word.
    ("csl: chicago-author-date\ntitle: x\ncsl: apa", 4,
     "'csl' is given twice (lines 2 and 4)"),
    # nocite text that names no citation (pandoc reads citations there, as in the post).
    ("nocite: kalichman2010dryneedling", 2, "names no citation"),
    ("nocite: ['@ries2015ptinmotion', kalichman2010dryneedling]", 2,
     "write '@kalichman2010dryneedling'"),
]


def _post(blog: Path, meta: str) -> Path:
    p = blog / "posts" / "bad.md"
    p.write_text(f"---\n{meta}\n---\nText [@kalichman2010dryneedling].\n")
    return p


@pytest.mark.parametrize("meta,line,says", FRONT_MATTER)
def test_front_matter_mistakes_are_located(blog, run_biblio, meta, line, says):
    _post(blog, meta)
    for args in (["render", "posts/bad.md", "-o", "out.html"], ["build"],
                 ["check", "--posts", "posts"]):
        r = run_biblio(args, cwd=blog)
        said = r.stdout + r.stderr  # check prints its report on stdout
        assert r.returncode in (1, 2), (args, said)
        assert f"posts/bad.md:{line}:" in said and says in said, (args, said)
        assert "internal error" not in said and "Traceback" not in said
    assert not (blog / "out.html").exists() and not (blog / "site").exists()


@pytest.mark.parametrize("meta,line,says", FRONT_MATTER)
def test_front_matter_mistakes_in_the_markdown_extension(blog, meta, line, says):
    from biblio.integrations.markdown_ext import BiblioExtension

    text = _post(blog, meta).read_text()
    with pytest.raises(BiblioError) as err:
        markdown.markdown(text, extensions=[BiblioExtension(bib="references.bib")])
    d = err.value.diagnostics[0]
    assert d.line == line and says in d.message + d.fix


@pytest.mark.parametrize("meta,line,says", FRONT_MATTER)
def test_front_matter_mistakes_in_the_mkdocs_plugin(blog, meta, line, says):
    """The plugin's own hook, as MkDocs calls it: the front matter taken off the page text,
    the file on disk; the build fails with the located diagnostic."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    from biblio.integrations.mkdocs_plugin import BiblioPlugin

    post = _post(blog, meta)
    plugin = BiblioPlugin()
    plugin.load_config({})
    plugin.on_config(SimpleNamespace(config_file_path=str(blog / "mkdocs.yml")))
    body = post.read_text().split("---\n", 2)[2]
    page = SimpleNamespace(file=SimpleNamespace(abs_src_path=str(post), src_uri="bad.md"))
    with pytest.raises(PluginError) as err:
        plugin.on_page_markdown(body, page, None, None)
    assert f"bad.md:{line}:" in str(err.value) and says in str(err.value), str(err.value)


def test_front_matter_mistake_fails_an_mkdocs_build(blog, tmp_path):
    from test_integrations import entry_points

    docs = blog / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("---\nlocale: xx-YY\n---\nText [@kalichman2010dryneedling].\n")
    (blog / "mkdocs.yml").write_text("site_name: t\nplugins:\n  - biblio\n")
    r = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=blog, text=True,
                       capture_output=True, env=entry_points(tmp_path), check=False)
    assert r.returncode == 1, r.stderr
    assert "index.md:2:9: error[front-matter]: locale: no locale 'xx-YY'" in r.stderr


def test_the_markdown_extension_reads_front_matter_and_leaves_it_out(blog):
    from biblio.integrations.markdown_ext import BiblioExtension

    text = "---\ntitle: A post\nlocale: en-GB\n---\nText [@kalichman2010dryneedling].\n"
    out = markdown.markdown(text, extensions=[BiblioExtension(bib="references.bib")])
    assert "title:" not in out and "---" not in out
    assert "Kalichman" in out


def test_a_post_bibliography_is_found_from_the_project_root(blog, cli):
    shutil.copy(blog / "references.bib", blog / "other.bib")
    p = _post(blog, "bibliography: other.bib\ncsl: styles/apa.csl\nlocale: en-GB")
    r = cli(["render", str(p)])
    assert r.exit_code == 0, r.output
    assert "Kalichman &#38; Vulfsons, 2010" in r.stdout


# --- a build stops on a broken entry ---------------------------------------------------------

def _break(bib: Path, key: str, how: str) -> None:
    text = bib.read_text()
    at = text.index("{" + key + ",")
    if how == "comma":
        end = text.index("\n", text.index("author", at))
        text = text[:end].rstrip(",") + text[end:]
    else:  # a '{' never closed, in the title
        t = text.index("{", text.index("title", at))
        text = text[:t + 1] + "{" + text[t + 1:]
    bib.write_text(text)


def test_a_missing_comma_stops_the_build(blog, run_biblio):
    _break(blog / "references.bib", "kalichman2010dryneedling", "comma")
    r = run_biblio(["build"], cwd=blog)
    assert r.returncode == 1
    assert re.search(r"references\.bib:\d+:\d+: error\[missing-comma\]", r.stderr), r.stderr
    assert not (blog / "site" / "dry-needling.html").exists()


def test_a_brace_error_is_reported_as_itself(blog, run_biblio):
    _break(blog / "references.bib", "kalichman2010dryneedling", "brace")
    r = run_biblio(["build"], cwd=blog)
    assert r.returncode == 1
    assert "error[unbalanced-braces]" in r.stderr and "hides 'kalichman2010dryneedling'" in \
        r.stderr and "unknown-key" not in r.stderr, r.stderr


def test_keep_going_writes_the_posts_that_render(blog, run_biblio):
    (blog / "posts" / "ok.md").write_text("Fine [@cagnie2013physiologic].\n")
    _break(blog / "references.bib", "kalichman2010dryneedling", "comma")
    r = run_biblio(["build", "--keep-going"], cwd=blog)
    assert r.returncode == 1 and "missing-comma" in r.stderr
    assert (blog / "site" / "ok.html").exists()
    assert not (blog / "site" / "dry-needling.html").exists()


# --- Markdown output stays text under every Markdown processor -------------------------------

HOSTILE = r"""
@book{h1, author = {{[click](javascript:alert(1))}}, title = {![x](javascript:alert(2)) and
  <img src=x onerror=alert(3)> *bold* `code` $math$ @other \# {[y]}{(javascript:alert(4))}},
  year = {2020}, publisher = {P}}
"""


def _rendered_by_processors(md_text: str) -> list[str]:
    from markdown_it import MarkdownIt

    return [MarkdownIt("commonmark", {"html": True}).render(md_text),
            MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
            .render(md_text),
            markdown.markdown(md_text)]


def test_markdown_output_cannot_make_links(blog, cli):
    bib = blog / "references.bib"
    bib.write_text(bib.read_text() + HOSTILE)
    (blog / "posts" / "h.md").write_text("See [@h1] and @h1.\n")
    r = cli(["render", "posts/h.md", "--to", "markdown"])
    assert r.exit_code == 0, r.output
    for out in _rendered_by_processors(r.stdout):
        links = re.findall(r'(?:href|src)="([^"]*)"', out)
        assert links and all(h.startswith(("#ref-", "https://")) for h in links), links
        assert "<img" not in out and "<em>" not in out and "<code>" not in out
        assert "javascript:alert(1)" in html.unescape(out)  # still there, as text


def test_an_html_post_built_as_markdown_cannot_make_links(blog, cli):
    """Found by the fuzz harness: an HTML post built --to markdown is read as Markdown by the
    site generator next, so what biblio puts into it is made inert as in a Markdown post."""
    bib = blog / "references.bib"
    bib.write_text(bib.read_text() + HOSTILE)
    (blog / "posts" / "h.html").write_text("<p>See [@h1] and @h1.</p>\n<div id=\"refs\"></div>\n")
    r = cli(["render", "posts/h.html", "--to", "markdown"])
    assert r.exit_code == 0, r.output
    for out in _rendered_by_processors(r.stdout):
        links = re.findall(r'(?:href|src)="([^"]*)"', out)
        assert links and all(h.startswith(("#ref-", "https://")) for h in links), links
        assert "<img" not in out and "<code>" not in out


# --- random front matter and random damage never crash --------------------------------------

_yaml_bits = st.sampled_from([
    "bibliography:", "csl:", "locale:", "lang:", "nocite:", "link-citations:",
    "reference-section-title:", "suppress-bibliography:", "title:", " [", "]", "{", "}", "&a",
    "*a", " - ", "\n", "'", '"', "@*", "@kalichman2010dryneedling", "true", "7", "x.bib",
    "apa", "en-GB", ": ", "\t", "!!python/object:os.system", "%", "---", "..."])


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(meta=st.lists(_yaml_bits, max_size=14).map("".join),
       cut=st.integers(0, 2000), junk=st.sampled_from(["", "{", "}", ",", "@", "=", "\"", "\x00"]))
def test_random_front_matter_and_bib_damage_never_crash(blog, meta, cut, junk):
    from biblio.commands import render as render_command
    from biblio.document import posts

    bib = (ROOT / "references.bib").read_text()
    cut = min(cut, len(bib))
    (blog / "references.bib").write_text(bib[:cut] + junk + bib[cut:])
    p = blog / "posts" / "r.md"
    p.write_text(f"---\n{meta}\n---\nText [@kalichman2010dryneedling; @cagnie2013physiologic].\n")
    for call in (lambda: render_command.run(p),
                 lambda: posts.citations_in(blog / "posts")):
        try:
            call()
        except BiblioError as e:
            assert e.exit_code in (1, 2) and e.diagnostics
