"""biblio build: every post rendered once, cached by content, re-rendered only when needed."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from helpers import ROOT, biblio, sample_site

from biblio.site.build import BuildOptions, build, out_path
from biblio.styles import read_style as style_text


def site(tmp_path, posts=None):
    (tmp_path / "posts").mkdir()
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    posts = posts or {
        "a.md": "Cites [@ries2015ptinmotion].\n",
        "b.md": "Cites [@kalichman2010dryneedling] and @ries2015ptinmotion.\n",
        "sub/c.md": "Cites [@cagnie2013physiologic].\n",
        "d.html": "<p>Cites [@edwards2015drma].</p>\n",
    }
    for name, text in posts.items():
        p = tmp_path / "posts" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    return tmp_path


def opts(root, **kw):
    return BuildOptions(src=root / "posts", out=root / "site", bib=root / "references.bib",
                        style=style_text(None, ROOT), **kw)


def test_cache_and_one_entry_edit(tmp_path):
    root = site(tmp_path)
    r = build(opts(root))
    assert (r.posts, len(r.rendered), r.cached) == (4, 4, 0)
    assert (root / "site" / "sub" / "c.html").is_file()
    assert (root / "site" / "d.html").read_text().count('class="citation"') == 1
    r = build(opts(root))
    assert (len(r.rendered), r.cached) == (0, 4)
    # Edit one entry: only the posts citing it are rendered again.
    bib = root / "references.bib"
    bib.write_text(bib.read_text().replace("PT in Motion", "PT in Motion Magazine"))
    r = build(opts(root))
    assert sorted(r.rendered) == ["a.md", "b.md"]
    assert "PT in Motion Magazine" in (root / "site" / "a.html").read_text()
    # A change elsewhere in the file that touches no cited entry renders nothing.
    bib.write_text(bib.read_text() + "\n% a comment\n")
    assert build(opts(root)).rendered == []
    # Editing a post renders that post.
    (root / "posts" / "a.md").write_text("Now [@cagnie2013physiologic].\n")
    assert build(opts(root)).rendered == ["a.md"]
    # A post that is gone takes its page with it.
    (root / "posts" / "sub" / "c.md").unlink()
    r = build(opts(root))
    assert r.removed == ["sub/c.html"] and not (root / "site" / "sub" / "c.html").exists()
    # Another style renders everything.
    r = build(opts(root, link_citations=False))
    assert len(r.rendered) == 3


def test_missing_key_fails_and_writes_nothing(tmp_path):
    root = site(tmp_path, {"a.md": "ok [@ries2015ptinmotion]\n", "x.md": "\n\nbad [@kalichman2015]\n"})
    r = build(opts(root, jobs=1))
    assert not r.written and not (root / "site").exists()
    expected = (f"{root / 'posts' / 'x.md'}:3:6: error[unknown-key]: no entry 'kalichman2015' "
                "in references.bib (did you mean 'kalichman2010dryneedling'?)")
    assert [d.format() for d in r.diagnostics if d.severity == "error"] == [expected]


def test_an_entry_error_stops_each_post_citing_it_after_posts_that_did_not(tmp_path):
    # Entries found clean for one post are not checked again for the next: a post that
    # cites those and a broken one still fails, at the broken entry, as it does alone.
    bad = "\n@article{broken2019,\n  author = {Roe, Richard},\n  title = {Bad Date},\n" \
        "  journal = {J},\n  date = {sometime in 2019},\n}\n"
    posts = {"a.md": "[@ries2015ptinmotion; @cagnie2013physiologic]\n",
             "b.md": "[@cagnie2013physiologic]\n",
             "c.md": "[@ries2015ptinmotion] and [@broken2019]\n",
             "d.md": "[@kalichman2010dryneedling]\n",
             "e.md": "[@broken2019; @cagnie2013physiologic]\n"}
    root = site(tmp_path, posts)
    (root / "references.bib").write_text((root / "references.bib").read_text() + bad)
    r = build(opts(root, jobs=1, keep_going=True))
    assert sorted(r.rendered) == ["a.md", "b.md", "d.md"]
    errors = [d for d in r.diagnostics if d.severity == "error"]
    assert [(d.rule, d.line) for d in errors] == [("bad-date", 68)] * 2, errors
    (tmp_path / "alone").mkdir()
    alone = site(tmp_path / "alone", {"e.md": posts["e.md"]})
    (alone / "references.bib").write_text((root / "references.bib").read_text())
    again = [d for d in build(opts(alone, jobs=1)).diagnostics if d.severity == "error"]
    assert [d.format().replace("/alone", "") for d in again] == [errors[1].format()]


def test_parallel_build_matches_serial(tmp_path):
    posts = {f"p{i:02}.md": f"Post {i} [@ries2015ptinmotion; @cagnie2013physiologic, p. {i}]\n"
             for i in range(20)}
    root = site(tmp_path, posts)
    r = build(opts(root, jobs=2))
    assert len(r.rendered) == 20
    one = (root / "site" / "p07.html").read_text()
    assert "Cagnie et al., 2013, p. 7" in one
    shutil.rmtree(root / "site")
    build(opts(root, jobs=1))
    assert (root / "site" / "p07.html").read_text() == one


def test_a_forked_worker_keeps_what_the_build_rendered_before_the_fork(tmp_path):
    # the build renders its first post before forking; a forked worker keeps that post's
    # items and the engine's memo (a worker not forked from it makes its own)
    from biblio.site import build as b

    root = site(tmp_path)
    settings = None  # (what settings the worker keeps is not what this asks)
    b._init_worker(str(root / "references.bib"), settings, None, "h1")
    memo, items = b._W["memo"], b._W["items"]
    b._init_worker(str(root / "references.bib"), settings, None, "h1", forked=True)
    assert b._W["memo"] is memo and b._W["items"] is items
    b._init_worker(str(root / "references.bib"), settings, None, "h1")
    assert b._W["memo"] is not memo
    b._init_worker(str(root / "references.bib"), settings, None, "h2", forked=True)
    assert b._W["items"] is not items


def test_scope_site_disambiguates_across_posts(tmp_path):
    bib = (ROOT / "references.bib").read_text() + """
@article{ries2015second,
  author = {Ries, J.},
  title = {Second},
  journal = {PT in Motion},
  date = {2015-07},
}
"""
    root = site(tmp_path, {"a.md": "[@ries2015ptinmotion]\n", "b.md": "[@ries2015second]\n"})
    (root / "references.bib").write_text(bib)
    build(opts(root))
    assert "(Ries, 2015)" in (root / "site" / "a.html").read_text().replace(
        '<a href="#ref-ries2015ptinmotion" role="doc-biblioref">', "").replace("</a>", "")
    build(opts(root, scope="site"))
    a = (root / "site" / "a.html").read_text()
    b = (root / "site" / "b.html").read_text()
    assert "E. Ries, 2015" in a and "J. Ries, 2015" in b
    assert "ref-ries2015second" not in a  # each post lists only what it cites


def test_out_paths_stay_inside(tmp_path):
    out = tmp_path / "site"
    assert out_path(out, Path("x/y.md"), "html") == out / "x" / "y.html"
    import pytest

    from biblio.diagnostics import BiblioError
    with pytest.raises(BiblioError):
        out_path(out, Path("../../etc/passwd.md"), "html")


def test_cli_build_json_and_cited_by(tmp_path):
    root = site(tmp_path)
    shutil.copytree(ROOT / "styles", root / "styles")
    p = biblio(["build", "--format", "json"], cwd=root)
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert (data["posts"], data["rendered"], data["cached"], data["errors"]) == (4, 4, 0, [])
    p = biblio(["build"], cwd=root)
    assert p.stderr.startswith("4 posts: 0 rendered, 4 unchanged")
    p = biblio(["cited-by", "ries2015ptinmotion"], cwd=root)
    assert p.stdout.splitlines() == ["posts/a.md:1:8", "posts/b.md:1:39"]


def test_sample_blog_builds_at_the_repo_root(tmp_path):
    p = biblio(["build"], cwd=sample_site(tmp_path))
    assert p.returncode == 0, p.stderr
    page = (tmp_path / "site" / "dry-needling.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and 'id="ref-kalichman2010dryneedling"' in page


def test_watch_rebuilds_on_changes(tmp_path):
    import time

    root = site(tmp_path, {"a.md": "First [@ries2015ptinmotion].\n"})
    shutil.copytree(ROOT / "styles", root / "styles")
    proc = subprocess.Popen([sys.executable, "-m", "biblio", "build", "--watch"], cwd=root,
                            env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        page = root / "site" / "a.html"

        def wait_for(text: str) -> bool:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                if page.exists() and text in page.read_text(encoding="utf-8"):
                    return True
                time.sleep(0.1)
            return False

        assert wait_for("First")
        time.sleep(0.5)  # let the watcher start
        (root / "posts" / "a.md").write_text("Second [@cagnie2013physiologic].\n")
        assert wait_for("Cagnie et al., 2013")
        bib = root / "references.bib"
        bib.write_text(bib.read_text().replace("{Physiologic ", "{Physiological "))
        assert wait_for("Physiological effects")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_same_process_sees_a_changed_bib_without_the_cache(tmp_path):
    root = site(tmp_path, {"a.md": "[@ries2015ptinmotion]\n"})
    build(opts(root, use_cache=False))
    bib = root / "references.bib"
    bib.write_text(bib.read_text().replace("{Ries, E.}", "{Riesling, E.}"))
    build(opts(root, use_cache=False))
    assert "Riesling, 2015" in (root / "site" / "a.html").read_text()


def test_front_matter_bibliography_and_csl(tmp_path):
    root = site(tmp_path, {
        "a.md": "---\nbibliography: own.bib\ncsl: own.csl\n---\n[@mine2020]\n",
        "b.md": "[@ries2015ptinmotion]\n"})
    own = root / "posts" / "own.bib"
    own.write_text("@book{mine2020,\n  author = {Mine, A.},\n  title = {Mine},\n"
                   "  year = {2020},\n  publisher = {P},\n}\n")
    shutil.copy(ROOT / "styles" / "apa.csl", root / "posts" / "own.csl")
    r = build(opts(root))
    assert r.written, [d.format() for d in r.diagnostics]
    assert "(Mine, 2020)" in (root / "site" / "a.html").read_text().replace(
        '<a href="#ref-mine2020" role="doc-biblioref">', "").replace("</a>", "")
    assert build(opts(root)).rendered == []
    # The post's own .bib is part of what it depends on.
    own.write_text(own.read_text().replace("Mine, A.", "Yours, B."))
    assert build(opts(root)).rendered == ["a.md"]
    assert "Yours" in (root / "site" / "a.html").read_text()


def test_build_to_markdown_for_site_generators(tmp_path):
    root = site(tmp_path, {"a.md": "---\ntitle: A\n---\nSee [@ries2015ptinmotion].\n"})
    r = build(opts(root, to="markdown"))
    assert r.written
    out = (root / "site" / "a.md").read_text()
    assert out.startswith("---\ntitle: A\n---\nSee <span class=\"citation\"")
    assert "## References" in out and 'id="ref-ries2015ptinmotion"' in out


def test_bibliography_page_made_again_only_when_what_it_shows_changed(tmp_path, monkeypatch):
    from biblio.site import bibliography

    made = []
    real = bibliography.reference_list
    monkeypatch.setattr(bibliography, "reference_list",
                        lambda *a, **k: made.append(1) or real(*a, **k))
    root = site(tmp_path)
    page = root / "site" / "works" / "all.html"
    o = opts(root, jobs=1, bibliography="works/all.html")
    build(o)
    first = page.read_text()
    assert len(made) == 1 and "Cagnie" in first
    build(o)  # nothing changed: the page is not made again
    assert len(made) == 1 and page.read_text() == first
    page.write_text("edited by hand")  # a page that is not the one made is made again
    build(o)
    assert len(made) == 2 and page.read_text() == first
    page.unlink()
    build(o)
    assert len(made) == 3 and page.read_text() == first
    # A post's text, the .bib or an option changes it: made again, and right.
    (root / "posts" / "sub" / "c.md").write_text("---\ntitle: Third\n---\n[@cagnie2013physiologic]\n")
    build(o)
    assert len(made) == 4 and ">Third<" in page.read_text()
    bib = root / "references.bib"
    bib.write_text(bib.read_text().replace("PT in Motion", "PT in Motion Magazine"))
    build(o)
    assert len(made) == 5 and "PT in Motion Magazine" in page.read_text()
    build(opts(root, jobs=1, bibliography="works/all.html", link_citations=False))
    assert len(made) == 6
    build(opts(root, jobs=1, bibliography="works/all.html", use_cache=False))
    assert len(made) == 7
    # Without the cache's record (an older build's cache), the page is made and stays right.
    cache = root / "site" / ".biblio-cache.json"
    data = json.loads(cache.read_text())
    data.pop("bibliography", None)
    cache.write_text(json.dumps(data))
    build(opts(root, jobs=1, bibliography="works/all.html", link_citations=False))
    assert len(made) == 8 and "PT in Motion Magazine" in page.read_text()


def test_a_style_made_unusable_after_a_build_is_a_located_error(tmp_path):
    # The style is compiled only when a post renders (a no-op build never compiles it); its
    # text is in the cache's key, so a changed style re-renders, and a bad one stops the build
    # as before: located in the style, exit 2, nothing written.
    root = site(tmp_path)
    style = tmp_path / "mine.csl"
    shutil.copy(ROOT / "styles" / "apa.csl", style)
    args = ["build", "posts", "-o", "out", "--style", "mine.csl", "-j", "1"]
    assert biblio(args, cwd=root).returncode == 0
    again = biblio(args, cwd=root)
    assert again.returncode == 0 and "0 rendered" in again.stderr, again.stderr
    before = (root / "out" / "a.html").read_bytes()
    style.write_text('<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0">\n'
                     '  <info/>\n  <macro name="a"><text macro="a"/></macro>\n'
                     '  <citation><layout><text macro="a"/></layout></citation>\n</style>\n')
    bad = biblio(args, cwd=root)
    assert bad.returncode == 2, bad.stderr
    assert bad.stderr.startswith("mine.csl:3:"), bad.stderr
    assert "error[bad-style]" in bad.stderr and "Traceback" not in bad.stderr
    assert (root / "out" / "a.html").read_bytes() == before
    for cmd in (["render", "posts/a.md"], ["format", "--all"]):
        r = biblio([*cmd, "--style", "mine.csl"], cwd=root)
        assert r.returncode == 2 and r.stderr.startswith("mine.csl:3:"), (cmd, r.stderr)
    # a site with no posts yet says so too: nothing else would check the style
    shutil.rmtree(root / "posts")
    (root / "posts").mkdir()
    empty = biblio(args, cwd=root)
    assert empty.returncode == 2 and empty.stderr.startswith("mine.csl:3:"), empty.stderr


def test_the_posts_folder_as_the_output_folder_is_refused(tmp_path):
    # `build -o posts` wrote each page beside its post; the next build read the pages as posts
    # (a.html and a.md "would both be written to a.html"), and serve rebuilt in a loop.
    root = site(tmp_path)
    before = sorted(p.name for p in (root / "posts").iterdir())
    for args in (["build", "posts", "-o", "posts"], ["build", "-o", "./posts/"],
                 ["build", "posts", "-o", str(root / "posts")]):
        p = biblio(args, cwd=root)
        assert p.returncode == 2, (args, p.stderr)
        assert p.stderr.startswith("biblio: error[usage]: the output folder is the posts "
                                   "folder (posts)"), p.stderr
        assert sorted(p.name for p in (root / "posts").iterdir()) == before
