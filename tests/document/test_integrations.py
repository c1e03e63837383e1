"""The Python-Markdown extension and the MkDocs plugin, run in the real host libraries.

The packages find plug-ins through entry points; an installed biblio declares them in
pyproject.toml. So that these tests also run from a plain checkout, they register the same
entry points through a throw-away .dist-info folder on the path of a subprocess.
"""

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import markdown
from helpers import ROOT

POST = "Dry needling [@kalichman2010dryneedling, p. 642]; `[@code]` stays.\n\n::: {#refs}\n:::\n"


def test_markdown_extension_object():
    from biblio.integrations.markdown_ext import BiblioExtension

    html = markdown.markdown(POST, extensions=[BiblioExtension(bib=str(ROOT / "references.bib"))])
    assert '<span class="citation" data-cites="kalichman2010dryneedling">(<a ' in html
    assert "Kalichman &#38; Vulfsons, 2010, p. 642" in html
    assert "<code>[@code]</code>" in html
    assert '<div id="refs" class="references csl-bib-body hanging-indent" role="list">' in html
    assert ":::" not in html


def entry_points(tmp_path: Path) -> dict:
    dist = tmp_path / "ep" / "biblio_plugins-0.dist-info"
    dist.mkdir(parents=True)
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: biblio-plugins\nVersion: 0\n")
    (dist / "entry_points.txt").write_text(
        "[markdown.extensions]\nbiblio = biblio.integrations.markdown_ext:BiblioExtension\n\n"
        "[mkdocs.plugins]\nbiblio = biblio.integrations.mkdocs_plugin:BiblioPlugin\n")
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), str(tmp_path / "ep")])}


def test_markdown_extension_by_entry_point_name(tmp_path):
    code = textwrap.dedent(f"""
        import markdown
        print(markdown.markdown({POST!r}, extensions=["biblio"],
              extension_configs={{"biblio": {{"bib": {str(ROOT / "references.bib")!r}}}}}))
    """)
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=entry_points(tmp_path), cwd=ROOT, check=False)
    assert p.returncode == 0, p.stderr
    assert 'href="#ref-kalichman2010dryneedling"' in p.stdout
    assert 'id="ref-kalichman2010dryneedling"' in p.stdout


def test_mkdocs_plugin_builds_a_site(tmp_path):
    site = tmp_path / "docs-site"
    (site / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "references.bib", site)
    shutil.copytree(ROOT / "styles", site / "styles")
    (site / "mkdocs.yml").write_text("site_name: Clinic\nplugins:\n  - biblio\n")
    (site / "docs" / "index.md").write_text("# Home\n\n" + POST +
                                            "\nNarrative: @cagnie2013physiologic.\n")
    env = entry_points(tmp_path)
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site,
                       capture_output=True, text=True, env=env, check=False)
    assert p.returncode == 0, p.stderr
    page = (site / "site" / "index.html").read_text(encoding="utf-8")
    assert '<span class="citation" data-cites="kalichman2010dryneedling">' in page
    # As pandoc: a narrative cite links its year part, not the author's name.
    assert ('Cagnie et al. (<a href="#ref-cagnie2013physiologic" role="doc-biblioref">2013</a>)'
            in page)
    assert 'id="ref-cagnie2013physiologic"' in page
    # An unknown key fails the MkDocs build with biblio's message.
    (site / "docs" / "index.md").write_text("# Home\n\n[@kalichman2015]\n")
    p = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site,
                       capture_output=True, text=True, env=env, check=False)
    assert p.returncode != 0
    assert "index.md:3:2: error[unknown-key]: no entry 'kalichman2015'" in p.stderr + p.stdout


def test_entry_points_are_declared():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'biblio = "biblio.integrations.markdown_ext:BiblioExtension"' in text
    assert 'biblio = "biblio.integrations.mkdocs_plugin:BiblioPlugin"' in text


def test_pages_sharing_one_memo_render_as_each_alone():
    # The MkDocs plugin and the extension keep one Memo for a site's pages (and the build one
    # per worker): each page must be the one render_post gives without it.
    from biblio.api import items_of, render_post
    from biblio.csl.memo import Memo

    items = items_of(ROOT / "references.bib")
    keys = list(items)  # (the sample blog's six)
    pages = [" ".join(f"[@{k}]" for k in keys[:4]),
             " ".join(f"[@{k}]" for k in reversed(keys[2:])),
             f"[@{keys[5]}; @{keys[0]}] and @{keys[3]}",
             " ".join(f"[@{k}]" for k in keys[:4])]
    memo = Memo()
    for style in (None, "chicago-author-date", "ieee"):
        for page in pages:
            alone = render_post(page, items, style=style)
            shared = render_post(page, items, style=style, memo=memo)
            assert shared.text == alone.text and shared.diagnostics == alone.diagnostics
    assert len(memo) > 20
