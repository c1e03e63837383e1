"""The site's bibliography page: every work the posts cite, each entry linking back to the
posts that cite it, opened in headless Chromium (Debian's chromium, as the other end-to-end
test): every back-link reaches its post."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, biblio

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


def _build(root: Path, *args: str) -> subprocess.CompletedProcess:
    return biblio(["build", *args], cwd=root)


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample")
    for name in ("posts", "styles"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    (root / "posts" / "second.md").write_text(
        "---\ntitle: A second <post> & more\n---\nAgain [@cagnie2013physiologic, p. 3].\n\n"
        "And @kalichman2010dryneedling.\n")
    p = _build(root, "--bibliography", "works/bibliography.html")
    assert p.returncode == 0, p.stderr
    return root / "site"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import gen

    root = tmp_path_factory.mktemp("gen")
    bib = gen.write_bib(root / "gen.bib", 300, seed=2)
    gen.write_site(root, 100, 6, bib, seed=2)
    (root / "biblio.toml").write_text('bib = "references.bib"\n[build]\n'
                                      'bibliography = "bibliography.html"\n')
    p = _build(root)
    assert p.returncode == 0, p.stderr
    return root / "site"


def _backlinks(page_path: Path) -> list[tuple[str, str]]:
    from playwright.sync_api import sync_playwright

    out = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page()
        pg.goto(page_path.as_uri())
        links = pg.evaluate("""() => [...document.querySelectorAll('.cited-in a')]
            .map(a => [a.href, a.textContent])""")
        assert links
        seen = {}
        for href, title in links:
            if href not in seen:  # follow each distinct back-link once
                pg.goto(href)
                seen[href] = pg.evaluate("document.title")
            out.append((seen[href], title))
        browser.close()
    return out


def test_the_sample_blog_bibliography(sample):
    page = sample / "works" / "bibliography.html"
    html = page.read_text()
    assert html.count('class="csl-entry"') == 5  # the personal communication is not listed
    assert "A second &lt;post&gt; &amp; more" in html  # escaped like every page
    assert 'href="../dry-needling.html"' in html  # relative to the page's own folder
    assert "(lines 36, 43)" in html  # where dry-needling.md cites cagnie2013physiologic
    followed = _backlinks(page)
    assert len(followed) >= 6
    for landed, title in followed:
        assert landed == title  # the page the link reached is the post it names


def test_a_hundred_post_site_bibliography(generated):
    page = generated / "bibliography.html"
    followed = _backlinks(page)
    assert len({t for _, t in followed}) >= 90  # nearly every post cites a listed work
    for landed, title in followed:
        assert landed == title
