"""`biblio serve`: a real server on an ephemeral port of 127.0.0.1, a real watcher, real
requests. Every wait is bounded (socket timeouts) only to catch a hang."""

from __future__ import annotations

import http.client
import json
import time
from pathlib import Path

import pytest
from helpers import sample_site

from biblio.commands.serve import run
from biblio.site.serve import LIVE_PATH, inject

TIMEOUT = 20  # seconds: only to catch a hang

POST = """---
title: A note
---

Needling works [@kalichman2010dryneedling].
"""


@pytest.fixture
def server(tmp_path, monkeypatch):
    sample_site(tmp_path)
    (tmp_path / "posts" / "note.md").write_text(POST, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    s = run(port=0, jobs=1)
    yield s
    s.close()


def get(server, path: str) -> tuple[int, str, dict]:
    host, port = server.httpd.server_address[:2]
    c = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        c.request("GET", path)
        r = c.getresponse()
        return r.status, r.read().decode("utf-8"), dict(r.getheaders())
    finally:
        c.close()


class Events:
    """The server-sent events a page hears."""

    def __init__(self, server):
        host, port = server.httpd.server_address[:2]
        self.conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        self.conn.request("GET", "/__biblio/events")
        self.resp = self.conn.getresponse()
        assert self.resp.status == 200
        assert self.resp.getheader("Content-Type").startswith("text/event-stream")

    def next(self) -> dict:
        name, data = None, None
        deadline = time.monotonic() + TIMEOUT  # the stream pings: a wait must end by itself
        while True:
            assert time.monotonic() < deadline, "no build event came"
            line = self.resp.fp.readline().decode("utf-8")
            assert line, "the event stream ended"
            line = line.rstrip("\n")
            if line.startswith("event: "):
                name = line[len("event: "):]
            elif line.startswith("data: "):
                data = json.loads(line[len("data: "):])
            elif not line and name:
                assert name == "build"
                return data

    def until(self, test) -> dict:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            state = self.next()
            if test(state):
                return state
        raise AssertionError("no build event of the kind awaited came")

    def close(self):
        self.conn.close()


def test_a_served_page_has_the_reload_script_and_the_built_file_does_not(server):
    status, body, headers = get(server, "/note.html")
    assert status == 200
    assert f'<script src="{LIVE_PATH}" data-version="1"></script>\n</body>' in body
    assert "Kalichman" in body
    built = (Path("site") / "note.html").read_text(encoding="utf-8")
    assert "__biblio" not in built and "<script" not in built
    assert body.replace(f'<script src="{LIVE_PATH}" data-version="1"></script>\n', "") == built
    assert headers["Cache-Control"] == "no-store"
    assert get(server, "/note")[1] == body  # the address without .html finds the page
    status, script, headers = get(server, LIVE_PATH)
    assert status == 200 and "EventSource" in script
    assert headers["Content-Type"].startswith("text/javascript")


def test_the_server_listens_on_loopback_only_by_default(server):
    assert server.httpd.server_address[0] == "127.0.0.1"


def test_nothing_outside_the_site_folder_is_served(server):
    for path in ("/../references.bib", "/%2e%2e/references.bib", "/../posts/note.md"):
        assert get(server, path)[0] == 404


@pytest.mark.parametrize("path", ["/" + "a" * 5000, "/" + "a" * 5000 + ".html", "/%00",
                                  "/a%00.html", "/%00/"])
def test_a_path_no_file_can_have_is_not_found_and_the_connection_answered(server, path):
    # A name longer than the file system takes, or with a NUL: the handler raised (OSError,
    # ValueError) and the browser's connection was dropped without an answer.
    status, body, _ = get(server, path)
    assert status == 404, (status, body[:200])
    assert get(server, "/dry-needling.html")[0] == 200


def test_a_page_not_built_yet_carries_the_script_so_it_reloads_when_it_is(server):
    status, body, _ = get(server, "/later.html")
    assert status == 404
    assert "not been built" in body and LIVE_PATH in body


def test_editing_a_post_rebuilds_it_and_tells_the_page(server):
    events = Events(server)
    try:
        first = events.next()
        assert first == {"version": 1, "errors": []}
        Path("posts/note.md").write_text(POST.replace("Needling works",
                                                      "Needling works [@cagnie2013physiologic]"),
                                         encoding="utf-8")
        state = events.until(lambda s: s["version"] > 1)
        assert state["errors"] == []
        body = get(server, "/note.html")[1]
        assert "Cagnie" in body
        assert f'data-version="{state["version"]}"' in body
    finally:
        events.close()


def test_editing_the_style_rebuilds_with_the_edited_style(server):
    # The style is read again when it changes, not kept from the server's first build.
    events = Events(server)
    try:
        assert events.next()["version"] == 1
        style = Path("styles/apa.csl")
        xml = style.read_text(encoding="utf-8")
        assert '(<a href="#ref-kalichman' in get(server, "/note.html")[1]
        style.write_text(xml.replace('<layout delimiter="; " prefix="(" suffix=")"',
                                     '<layout delimiter="; " prefix="[" suffix="]"', 1),
                         encoding="utf-8")
        state = events.until(lambda s: s["version"] > 1)
        assert state["errors"] == []
        assert '[<a href="#ref-kalichman' in get(server, "/note.html")[1]
    finally:
        events.close()


def test_a_build_error_is_sent_located_and_goes_when_fixed(server):
    events = Events(server)
    try:
        events.next()
        Path("posts/note.md").write_text(POST.replace("kalichman2010dryneedling",
                                                      "kalichman2010dryneedlin"),
                                         encoding="utf-8")
        broken = events.until(lambda s: s["errors"])
        assert broken["errors"] == [
            ("posts/note.md:5:17: error[unknown-key]: no entry 'kalichman2010dryneedlin' in "
             "references.bib (did you mean 'kalichman2010dryneedling'?)")]
        # The other posts still build, and the broken one keeps its last good page.
        assert "Kalichman" in get(server, "/note.html")[1]
        Path("posts/note.md").write_text(POST, encoding="utf-8")
        fixed = events.until(lambda s: not s["errors"])
        assert fixed["version"] > broken["version"]
    finally:
        events.close()


def test_a_bib_that_does_not_parse_is_reported_and_the_server_keeps_running(server):
    events = Events(server)
    try:
        events.next()
        good = Path("references.bib").read_text(encoding="utf-8")
        Path("references.bib").write_text("@article{kalichman2010dryneedling,\n  title = {x\n",
                                          encoding="utf-8")
        broken = events.until(lambda s: s["errors"])
        assert any("references.bib:" in e for e in broken["errors"]), broken
        assert get(server, "/note.html")[0] == 200
        Path("references.bib").write_text(good, encoding="utf-8")
        assert events.until(lambda s: not s["errors"])["errors"] == []
    finally:
        events.close()


def test_after_a_burst_of_saves_the_page_shows_the_last(server):
    for n in range(5):
        Path("posts/note.md").write_text(POST + f"\nEdit {n}.\n", encoding="utf-8")
    events = Events(server)
    try:
        events.until(lambda s: "Edit 4" in get(server, "/note.html")[1])
    finally:
        events.close()
    assert "Edit 4" in Path("site/note.html").read_text(encoding="utf-8")


def test_inject_puts_the_script_before_the_last_body_end_or_at_the_end():
    assert inject(b"<p>a</p></BODY></body>", 3) == (
        b'<p>a</p></BODY><script src="/__biblio/live.js" data-version="3"></script>\n</body>')
    assert inject(b"<p>a</p>", 1).endswith(b'data-version="1"></script>\n')


def test_the_projects_list_of_abbreviations_is_watched(tmp_path, monkeypatch):
    # (serve rebuilds when the project's citation-abbreviations file changes, as it does for
    # the .bib and the settings: it is in the build's global hash, read at each build)
    from biblio.site import build, serve

    sample_site(tmp_path)
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "abbrevs.json").write_text('{"default": {}}', encoding="utf-8")
    config = tmp_path / "pyproject.toml"
    config.write_text(config.read_text(encoding="utf-8") if config.exists() else "",
                      encoding="utf-8")
    with config.open("a", encoding="utf-8") as f:
        f.write('\n[tool.biblio.build]\ncitation-abbreviations = "lists/abbrevs.json"\n')
    monkeypatch.chdir(tmp_path)
    opts = build.options(None, None, None, None, None, None, False, None, False, None, 1, (),
                         False)
    assert opts.abbreviations == {"default": {}}
    assert (tmp_path / "lists", False, {"abbrevs.json"}) in serve.watched(opts, config)


def test_a_style_kept_outside_the_styles_folder_is_watched_too(tmp_path, monkeypatch):
    sample_site(tmp_path)
    (tmp_path / "posts" / "note.md").write_text(POST, encoding="utf-8")
    (tmp_path / "house").mkdir()
    style = tmp_path / "house" / "clinic.csl"
    style.write_text((tmp_path / "styles" / "apa.csl").read_text(encoding="utf-8"),
                     encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.biblio]\nstyle = "house/clinic.csl"\n',
                                             encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    s = run(port=0, jobs=1)
    events = Events(s)
    try:
        assert events.next()["version"] == 1
        assert '(<a href="#ref-kalichman' in get(s, "/note.html")[1]
        style.write_text(style.read_text(encoding="utf-8").replace(
            '<layout delimiter="; " prefix="(" suffix=")"',
            '<layout delimiter="; " prefix="[" suffix="]"', 1), encoding="utf-8")
        state = events.until(lambda st: st["version"] > 1)
        assert state["errors"] == []
        assert '[<a href="#ref-kalichman' in get(s, "/note.html")[1]
    finally:
        events.close()
        s.close()


@pytest.mark.parametrize("port", ["-1", "65536", "99999"])
def test_a_port_that_is_no_port_is_a_usage_error_before_anything_is_built(tmp_path, monkeypatch,
                                                                           cli, port):
    # bind() raised OverflowError, which is not an OSError: exit 3 after the site was built.
    sample_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    r = cli(["serve", "--port", port, "-j", "1"])
    assert r.exit_code == 2, r.stderr
    assert r.stderr.startswith("biblio: error[usage]: invalid value for '--port'"), r.stderr
    assert "0<=x<=65535" in r.stderr and not (tmp_path / "site").exists()


@pytest.mark.parametrize("host, shown", [("0.0.0.0", "0.0.0.0"), ("", "every interface")])
def test_a_public_preview_is_a_warning_in_the_one_format(tmp_path, monkeypatch, cli, host, shown):
    # "biblio: warning: listening on : …" had no rule id, and an empty host named nothing.
    import biblio.commands.serve as serve_cmd
    from biblio.diagnostics import usage

    def stop(*a, **k):
        raise usage("stopped here")

    monkeypatch.setattr(serve_cmd, "run", stop)
    monkeypatch.chdir(tmp_path)
    r = cli(["serve", "--host", host])
    assert r.stderr.splitlines()[0] == (
        f"biblio: warning[public-preview]: listening on {shown}: other machines can see the "
        "preview — serve on 127.0.0.1 (the default) to keep it to this machine")


def test_a_port_in_use_is_an_error_that_names_no_file(tmp_path, monkeypatch, cli):
    # It printed "biblio:1:1: error[serve]", a place in a file called "biblio".
    import socket

    sample_site(tmp_path)
    monkeypatch.chdir(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = cli(["serve", "--port", str(port), "-j", "1"])
    assert r.exit_code == 2, r.stderr
    assert f"\nbiblio: error[serve]: cannot listen on 127.0.0.1:{port}: " in "\n" + r.stderr
