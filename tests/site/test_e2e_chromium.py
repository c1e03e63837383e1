"""End to end: `biblio build` the sample blog, open the page in headless Chromium (Debian's
`chromium`, installed by .ci/run) and check what a reader gets: every citation links to its
entry, the reference list hangs, and nothing from a hostile entry runs."""

import shutil
from pathlib import Path

import pytest
from helpers import ROOT, biblio

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]

HOSTILE = r"""
@article{hostile2020,
  author = {Evil, <script>window.__pwned = 1</script>},
  title = {"><img src=x onerror="window.__pwned = 2"> and <svg onload="window.__pwned = 3">},
  journal = {<iframe src="javascript:window.top.__pwned = 4"></iframe>},
  year = {2020},
  doi = {10.1000/x"><script>window.__pwned = 5</script>},
  url = {javascript:window.__pwned = 6},
}
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("blog")
    for name in ("posts", "styles"):
        shutil.copytree(ROOT / name, root / name)
    (root / "references.bib").write_text(
        (ROOT / "references.bib").read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    post = root / "posts" / "dry-needling.md"
    post.write_text(post.read_text(encoding="utf-8").replace(
        "## A growing practice", "A hostile source [@hostile2020].\n\n## A growing practice"),
        encoding="utf-8")
    # A build refuses entries with errors; this site lets them through on purpose, to show
    # that escaping holds even then.
    (root / "biblio.toml").write_text(
        '[check]\nseverity = { bad-doi = "warning", url-scheme = "warning" }\n',
        encoding="utf-8")
    p = biblio(["build"], cwd=root)
    assert p.returncode == 0, p.stderr
    return root / "site"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (bash .ci/run does)"
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(site, browser):
    pg = browser.new_page()
    dialogs = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto((site / "dry-needling.html").as_uri())
    pg.wait_for_load_state("load")
    pg.dialogs = dialogs
    yield pg
    pg.close()


def test_every_citation_links_to_its_entry(page):
    cites = page.evaluate("""() => [...document.querySelectorAll('span.citation')].map(s => ({
        keys: s.dataset.cites.split(' '),
        links: [...s.querySelectorAll('a')].map(a => a.getAttribute('href')),
        targets: [...s.querySelectorAll('a')].map(
            a => !!document.getElementById(a.getAttribute('href').slice(1))),
        text: s.innerText}))""")
    assert len(cites) == 10
    for c in cites:
        if c["keys"] == ["seguin2015interview"]:  # cited in the text only (APA 7 §8.9)
            assert c["links"] == []
            assert c["text"] == "(P. Seguin, personal communication, November 13, 2015)"
            continue
        assert sorted(h[len("#ref-"):] for h in c["links"]) == sorted(c["keys"]), c
        assert all(c["targets"]), c
    # Following a link lands on the entry.
    page.click("span.citation a[href='#ref-kalichman2010dryneedling']")
    assert page.evaluate("location.hash") == "#ref-kalichman2010dryneedling"
    top = page.evaluate("document.getElementById('ref-kalichman2010dryneedling')"
                        ".getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 0
    assert 0 <= top < page.evaluate("window.innerHeight")


def test_reference_list_has_a_hanging_indent(page):
    page.set_viewport_size({"width": 700, "height": 900})
    entries = page.evaluate("""() => [...document.querySelectorAll('#refs .csl-entry')].map(e => {
        // The left edge of the first line and of the first character on the next line.
        const box = e.getBoundingClientRect();
        const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
        const r = document.createRange();
        let first = null, next = null, node;
        while ((node = walker.nextNode()) && !next) {
            for (let i = 0; i < node.length && !next; i++) {
                if (!node.data[i].trim()) continue;
                r.setStart(node, i); r.setEnd(node, i + 1);
                const rect = r.getBoundingClientRect();
                if (!first) first = rect;
                else if (rect.top > first.bottom - 2) next = rect;
            }
        }
        return {box: box.left, first: first.left, next: next && next.left,
                indent: parseFloat(getComputedStyle(e).textIndent)};
    })""")
    assert len(entries) == 6  # five sources and the hostile one; not the interview
    for e in entries:
        assert e["indent"] < 0
        assert e["first"] == pytest.approx(e["box"] + e["indent"], abs=1)
    wrapped = [e for e in entries if e["next"] is not None]
    assert len(wrapped) >= 3, entries
    for e in wrapped:  # later lines start one indent to the right of the first
        assert e["next"] - e["first"] == pytest.approx(-e["indent"], abs=1)


def test_no_script_from_a_hostile_entry_runs(page):
    assert page.evaluate("window.__pwned === undefined")
    assert page.dialogs == []
    assert page.evaluate("document.scripts.length") == 0
    assert page.evaluate("document.querySelectorAll('#refs img, #refs svg, #refs iframe')"
                         ".length") == 0
    hrefs = page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)")
    assert all(h.startswith(("https://", "http://", "file://")) for h in hrefs), hrefs
    text = page.evaluate("document.getElementById('ref-hostile2020').innerText")
    assert "<script>" in text and "onerror=" in text  # shown as text


# --- a note style: the sample post's citations become footnotes --------------------------------

@pytest.fixture(scope="module")
def notes_page(tmp_path_factory, browser):
    root = tmp_path_factory.mktemp("notes-blog")
    for name in ("posts", "styles"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "references.bib", root / "references.bib")
    (root / "biblio.toml").write_text('[build]\nstyle = "chicago-notes-bibliography"\n',
                                      encoding="utf-8")
    p = biblio(["build"], cwd=root)
    assert p.returncode == 0, p.stderr
    pg = browser.new_page()
    pg.goto((root / "site" / "dry-needling.html").as_uri())
    pg.wait_for_load_state("load")
    yield pg
    pg.close()


def test_every_footnote_reference_and_back_link_works(notes_page):
    pg = notes_page
    refs = pg.evaluate("""() => [...document.querySelectorAll('a.footnote-ref')].map(a => ({
        href: a.getAttribute('href'), id: a.id, text: a.innerText,
        target: !!document.getElementById(a.getAttribute('href').slice(1))}))""")
    backs = pg.evaluate("""() => [...document.querySelectorAll('a.footnote-back')].map(a => ({
        href: a.getAttribute('href'), note: a.closest('li').id,
        target: !!document.getElementById(a.getAttribute('href').slice(1))}))""")
    # Every citation of the post is a note: nine citations, numbered in order.
    assert [r["text"] for r in refs] == [str(n) for n in range(1, 10)]
    assert [r["href"] for r in refs] == [f"#fn{n}" for n in range(1, 10)]
    assert all(r["target"] for r in refs)
    assert [(b["href"], b["note"]) for b in backs] == [
        (f"#fnref{n}", f"fn{n}") for n in range(1, 10)]
    assert all(b["target"] for b in backs)
    # No doubled period and no citation left in the running text.
    body = pg.evaluate("[...document.querySelectorAll('p')].filter(p => !p.closest('#footnotes'))"
                       ".map(p => p.innerText).join(' ')")
    assert ".." not in body and "(2013" not in body
    assert "skilled intervention that treats myofascial" in body
    # Following a reference lands on its note, and the note's back-link returns to it.
    for n in (1, 7, 9):
        pg.click(f"a#fnref{n}")
        assert pg.evaluate("location.hash") == f"#fn{n}"
        top = pg.evaluate(f"document.getElementById('fn{n}').getBoundingClientRect().top")
        assert -2 <= top < pg.evaluate("window.innerHeight")  # scrolled to it (sub-pixel)
        pg.click(f"li#fn{n} a.footnote-back")
        assert pg.evaluate("location.hash") == f"#fnref{n}"
        top = pg.evaluate(f"document.getElementById('fnref{n}').getBoundingClientRect().top")
        assert -2 <= top < pg.evaluate("window.innerHeight")  # scrolled to it (sub-pixel)
    # A note's citation links to its entry in the reference list.
    first = pg.evaluate("document.querySelector('li#fn1 a[role=doc-biblioref]')"
                        ".getAttribute('href')")
    assert first == "#ref-apta2013dryneedling"
    assert pg.evaluate("!!document.getElementById('ref-apta2013dryneedling')")
