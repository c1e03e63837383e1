"""`biblio serve` in headless Chromium (Debian's `chromium`): an open page follows the post as
it is edited on disk, shows a build error over itself with its location, and drops it when the
post is fixed — all without a manual reload. Timeouts are generous and only catch a hang."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import sample_site

from biblio.commands.serve import run

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
HANG = 20_000  # ms

POST = """---
title: A note
---

Needling works [@kalichman2010dryneedling].
"""


@pytest.fixture
def server(tmp_path, monkeypatch):
    sample_site(tmp_path, parts=("styles",))
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "note.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    s = run(port=0, jobs=1)
    yield s
    s.close()


@pytest.fixture
def page():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "install Debian's chromium (bash .ci/run does)"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        pg = browser.new_page()
        yield pg
        browser.close()


def test_the_open_page_follows_the_post_and_shows_errors_over_itself(server, page):
    page.goto(server.url + "note.html")
    assert "Kalichman" in page.inner_text("body")
    page.evaluate("window.__same_page = true")  # gone when the page reloads

    post = Path("posts/note.md")
    post.write_text(POST.replace("].", "; @cagnie2013physiologic]."), encoding="utf-8")
    page.wait_for_function("document.body.innerText.includes('Cagnie')", timeout=HANG)
    assert page.evaluate("window.__same_page === undefined")  # reloaded by the server

    post.write_text(POST.replace("kalichman2010dryneedling", "kalichman2010"), encoding="utf-8")
    overlay = page.wait_for_selector("#biblio-overlay", timeout=HANG)
    assert "posts/note.md:5:17: error[unknown-key]: no entry 'kalichman2010'" in \
        overlay.inner_text()

    post.write_text(POST, encoding="utf-8")
    page.wait_for_selector("#biblio-overlay", state="detached", timeout=HANG)
    assert "Kalichman" in page.inner_text("body")
    assert "Cagnie" not in page.inner_text("body")
