"""A local stand-in for Crossref and arXiv: serves tests/fixtures/ on 127.0.0.1.

Routes:
  /crossref/works/<doi>             fixtures/crossref/works/<doi>.json, else 404
  /crossref/works?query.bibliographic=…  the answer fixtures/crossref/queries/index.json picks
  /arxiv/query?id_list=<id>         fixtures/arxiv/<id>.xml, else arXiv's error feed
Error DOIs (under 10.5555/): `missing` 404, `ratelimited` 429 + Retry-After once then the
book, `always429`, `error500` always 500, `flaky500` 500 once then the book, `malformed`
broken JSON, `slow` answers after SLOW seconds. Every request is logged in `server.log`.
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SLOW = 3.0
RETRY_AFTER = "1"


class Handler(BaseHTTPRequestHandler):
    server: Server

    def log_message(self, *args) -> None:  # keep pytest output quiet
        pass

    def send(self, status: int, body: bytes | str, ctype: str = "application/json",
             headers: dict | None = None) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        path = urllib.parse.unquote(url.path)
        with self.server.lock:
            self.server.log.append((time.monotonic(), path, query,
                                    self.headers.get("User-Agent", "")))
            count = sum(1 for _, p, _, _ in self.server.log if p == path)
        if path.startswith("/crossref/works/"):
            self.crossref(path[len("/crossref/works/"):], count)
        elif path == "/crossref/works":
            self.crossref_query(query.get("query.bibliographic", [""])[0])
        elif path == "/arxiv/query":
            self.arxiv(query.get("id_list", [""])[0])
        else:
            self.send(404, "Resource not found.", "text/plain")

    def crossref(self, doi: str, count: int) -> None:
        book = (FIXTURES / "crossref/works/10.5555/trigger-point-manual.json").read_bytes()
        special = doi.lower().removeprefix("10.5555/")
        if special == "ratelimited" and count == 1 or special == "always429":
            return self.send(429, '{"status":"error"}', headers={"Retry-After": RETRY_AFTER})
        if special == "error500" or special == "flaky500" and count == 1:
            return self.send(500, "Internal Server Error", "text/plain")
        if special in ("ratelimited", "flaky500"):
            return self.send(200, book)
        if special == "malformed":
            return self.send(200, '{"status": "ok", "message": {"DOI": "10.5555/malformed",')
        if special == "slow":
            time.sleep(SLOW)
            return self.send(200, book)
        file = FIXTURES / "crossref/works" / f"{doi}.json"
        if file.is_file():
            return self.send(200, file.read_bytes())
        self.send(404, "Resource not found.", "text/plain")

    def crossref_query(self, text: str) -> None:
        folder = FIXTURES / "crossref/queries"
        for rule in json.loads((folder / "index.json").read_text()):
            if rule["contains"].lower() in text.lower():
                return self.send(200, (folder / rule["file"]).read_bytes())
        empty = {"status": "ok", "message-type": "work-list", "message-version": "1.0.0",
                 "message": {"facets": {}, "total-results": 0, "items": [],
                             "items-per-page": 5, "query": {"start-index": 0,
                                                            "search-terms": text}}}
        self.send(200, json.dumps(empty))

    def arxiv(self, arxiv_id: str) -> None:
        file = FIXTURES / "arxiv" / f"{re.sub(r'v[0-9]+$', '', arxiv_id)}.xml"
        if not file.is_file():
            file = FIXTURES / "arxiv/error.xml"
        self.send(200, file.read_bytes(), "application/atom+xml")


class Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.lock = threading.Lock()
        self.log: list = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def requests(self, path_part: str = "") -> list:
        with self.lock:
            return [entry for entry in self.log if path_part in entry[1]]


@pytest.fixture
def server():
    s = Server()
    thread = threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield s
    s.shutdown()
    s.server_close()


@pytest.fixture
def net(server, tmp_path, monkeypatch):
    """Point biblio at the local server, with a per-test cache and fast retries."""
    env = {"BIBLIO_CROSSREF_URL": server.url + "/crossref",
           "BIBLIO_ARXIV_URL": server.url + "/arxiv",
           "BIBLIO_CACHE_DIR": str(tmp_path / "cache"),
           "BIBLIO_HTTP_TIMEOUT": "1", "BIBLIO_HTTP_RETRIES": "2",
           "BIBLIO_HTTP_BACKOFF": "0.01", "BIBLIO_MAILTO": "tests@example.org",
           "no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    server.env = env
    return server
