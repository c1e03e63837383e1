"""A local stand-in for Crossref and arXiv: serves tests/fixtures/ on 127.0.0.1.

Routes:
  /crossref/works/<doi>             fixtures/crossref/works/<doi>.json, else 404
  /crossref/works?query.bibliographic=…  the answer fixtures/crossref/queries/index.json picks
  /arxiv/query?id_list=<id>         fixtures/arxiv/<id>.xml, else arXiv's error feed
  /crossref/works?filter=doi:…,updates:…  a work-list of fixtures/crossref/works/<doi>.json
                                    and of the notices with that DOI (doi:), or of
                                    fixtures/crossref/notices/*.json whose
                                    update-to names one of the DOIs (updates:), `select` applied
  /doi/api/handles/<doi>            fixtures/doi/handles/<doi>.json, else the handle API's 404
  /site/<page>                      the pages of SITE below (status, headers)
  /wayback/available?url=…          the snapshot fixtures/wayback/index.json gives for the URL's
                                    path, else an answer with no snapshots
Error DOIs (under 10.5555/): `missing` 404, `ratelimited` 429 + Retry-After once then the
book, `always429`, `error500` always 500, `flaky500` 500 once then the book, `malformed`
broken JSON, `slow` answers after SLOW seconds; in a filter query `ratelimited` 429s the first
query, `error500`, `malformed`, `html` (a page where JSON was expected) and `enormous` (an
answer of ENORMOUS bytes) every one. Every request is logged in `server.log`.
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
ENORMOUS = 9_000_000
RETRY_AFTER = "1"
# /site/<page> → (status, Location or "", how many seconds to wait first)
SITE = {
    "ok": (200, "", 0), "gone": (404, "", 0), "removed": (410, "", 0),
    "archived-gone": (404, "", 0),
    "moved": (301, "/site/ok", 0), "moved-again": (308, "/site/moved", 0),
    "temporary": (302, "/site/ok", 0), "moved-then-gone": (301, "/site/gone", 0),
    "loop-a": (301, "/site/loop-b", 0), "loop-b": (301, "/site/loop-a", 0),
    "slow": (200, "", SLOW), "teapot": (418, "", 0),
}


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
        elif path == "/crossref/works" and "filter" in query:
            self.crossref_filter(query["filter"][0], query.get("select", [""])[0], count)
        elif path == "/crossref/works":
            self.crossref_query(query.get("query.bibliographic", [""])[0])
        elif path.startswith("/doi/api/handles/"):
            self.doi_handle(path[len("/doi/api/handles/"):])
        elif path.startswith("/site/"):
            self.site(path[len("/site/"):], count)
        elif path == "/wayback/available":
            self.wayback(query.get("url", [""])[0])
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
        file = FIXTURES / "crossref/works" / f"{doi.lower()}.json"  # DOIs ignore case
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

    def crossref_filter(self, filters: str, select: str, count: int) -> None:
        wanted: dict[str, set[str]] = {"doi": set(), "updates": set()}
        for part in filters.split(","):
            name, _, value = part.partition(":")
            wanted.setdefault(name, set()).add(value.lower())
        every = wanted["doi"] | wanted["updates"]
        if "10.5555/ratelimited" in every and count == 1:
            return self.send(429, '{"status":"error"}', headers={"Retry-After": RETRY_AFTER})
        if "10.5555/error500" in every:
            return self.send(500, "Internal Server Error", "text/plain")
        if "10.5555/malformed" in every:
            return self.send(200, '{"status": "ok", "message": {"items": [')
        if "10.5555/enormous" in every:  # more than the client reads (8 MB)
            return self.send(200, '{"status": "ok", "message": {"items": [' + " " * ENORMOUS
                             + "]}}")
        if "10.5555/html" in every:
            return self.send(200, "<html><body>Service temporarily moved</body></html>",
                             "text/html")
        items = []
        notices = [json.loads(f.read_text())["message"]
                   for f in sorted((FIXTURES / "crossref/notices").glob("*.json"))]
        for doi in sorted(wanted["doi"]):
            file = FIXTURES / "crossref/works" / f"{doi}.json"
            if file.is_file():
                items.append(json.loads(file.read_text())["message"])
            # a notice is a work too
            items += [n for n in notices if n["DOI"].lower() == doi]
        for notice in notices:
            if any(u["DOI"].lower() in wanted["updates"] for u in notice.get("update-to", [])):
                items.append(notice)
        if select:
            keep = select.split(",")
            items = [{k: v for k, v in item.items() if k in keep} for item in items]
        self.send(200, json.dumps({"status": "ok", "message-type": "work-list",
                                   "message-version": "1.0.0",
                                   "message": {"facets": {}, "total-results": len(items),
                                               "items": items, "items-per-page": len(items),
                                               "query": {"start-index": 0,
                                                         "search-terms": None}}}))

    def doi_handle(self, doi: str) -> None:
        file = FIXTURES / "doi/handles" / f"{doi.lower()}.json"
        if file.is_file():
            return self.send(200, file.read_bytes())
        self.send(404, json.dumps({"responseCode": 100, "handle": doi}))

    def site(self, page: str, count: int) -> None:
        if page == "busy" and count == 1:
            return self.send(429, "Too Many Requests", "text/plain",
                             headers={"Retry-After": RETRY_AFTER})
        status, location, delay = SITE.get(page, (200, "", 0)) if page != "busy" \
            else (200, "", 0)
        if page not in SITE and page != "busy":
            status = 404
        if delay:
            time.sleep(delay)
        headers = {"Location": self.server.url + location} if location else {}
        self.send(status, f"<html><body>{page}</body></html>", "text/html", headers)

    def wayback(self, url: str) -> None:
        index = json.loads((FIXTURES / "wayback/index.json").read_text())
        page = urllib.parse.urlsplit(url).path
        if page in index:
            return self.send(200, (FIXTURES / "wayback" / index[page]).read_bytes())
        self.send(200, json.dumps({"url": url, "archived_snapshots": {}}))

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
           "BIBLIO_DOI_URL": server.url + "/doi",
           "BIBLIO_WAYBACK_URL": server.url + "/wayback/available",
           "BIBLIO_ARXIV_URL": server.url + "/arxiv",
           "BIBLIO_CACHE_DIR": str(tmp_path / "cache"),
           "BIBLIO_HTTP_TIMEOUT": "1", "BIBLIO_HTTP_RETRIES": "2",
           "BIBLIO_HTTP_BACKOFF": "0.01", "BIBLIO_MAILTO": "tests@example.org",
           "no_proxy": "127.0.0.1,localhost", "NO_PROXY": "127.0.0.1,localhost"}
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    server.env = env
    return server
