"""`biblio check --online` on 500 entries against local stand-ins that answer every request
after 50 ms: cold (empty cache) and from the cache.

    python benchmarks/online_check.py [--rounds 3] [--entries 500] [--latency 0.05]

Every entry has a DOI that Crossref knows (one in fifty retracted); every fifth has a URL too,
spread over ten sites (ten local servers, so the per-host limit applies as it would on the web).
Times are the in-process `commands.check.run` (start-up excluded), median of the rounds.
Goals (issue 20): cold ≤ 5 s through concurrency, cached ≤ 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import localserver

from biblio.commands import check

LATENCY = 0.05


class SlowHandler(localserver.Handler):
    def do_GET(self) -> None:
        time.sleep(LATENCY)
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        if url.path == "/crossref/works" and "filter" in query:
            with self.server.lock:
                self.server.log.append((time.monotonic(), url.path, query, ""))
            return self.every_doi_known(query["filter"][0])
        super().do_GET()

    def every_doi_known(self, filters: str) -> None:
        items = []
        for part in filters.split(","):
            name, _, doi = part.partition(":")
            n = int(doi.rsplit("-", 1)[1])
            if name == "doi":
                item = {"DOI": doi}
                if n % 50 == 0:
                    item["updated-by"] = [{"updated": {"date-parts": [[2021, 6, 14]]},
                                           "DOI": f"{doi}-retraction", "type": "retraction",
                                           "source": "retraction-watch", "label": "Retraction"}]
                items.append(item)
        self.send(200, json.dumps({"status": "ok", "message-type": "work-list",
                                   "message": {"items": items}}))


class SlowServer(localserver.Server):
    def __init__(self):
        super(localserver.Server, self).__init__(("127.0.0.1", 0), SlowHandler)
        self.lock = threading.Lock()
        self.log = []


def main(argv: list[str] | None = None) -> int:
    global LATENCY
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--entries", type=int, default=500)
    ap.add_argument("--latency", type=float, default=0.05)
    args = ap.parse_args(argv)
    LATENCY = args.latency
    servers = [SlowServer() for _ in range(11)]
    for s in servers:
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
    api, sites = servers[0], servers[1:]
    work = Path(tempfile.mkdtemp(prefix="biblio-online-bench-"))
    bib, cache = work / "references.bib", work / "cache"
    bib.write_text("".join(
        f"@article{{e{i},\n  title = {{Work {i}}},\n  doi = {{10.5555/bench-{i}}},\n"
        + (f"  url = {{{sites[i % 10].url}/site/ok?p={i}}},\n" if i % 5 == 0 else "")
        + "}\n\n" for i in range(args.entries)), encoding="utf-8")
    os.environ.update({"BIBLIO_CROSSREF_URL": api.url + "/crossref",
                       "BIBLIO_DOI_URL": api.url + "/doi",
                       "BIBLIO_WAYBACK_URL": api.url + "/wayback/available",
                       "BIBLIO_CACHE_DIR": str(cache), "BIBLIO_MAILTO": "bench@example.org",
                       "no_proxy": "127.0.0.1", "NO_PROXY": "127.0.0.1"})
    os.chdir(work)
    cold, cached = [], []
    for _ in range(args.rounds):
        shutil.rmtree(cache, ignore_errors=True)
        for times in (cold, cached):
            start = time.perf_counter()
            report = check.run(str(bib), select=("sources",), online=True)
            times.append(time.perf_counter() - start)
            assert sum(d.rule == "retracted" for d in report.diagnostics) == args.entries // 50
    requests = len(api.log) + sum(len(s.log) for s in sites)
    print(f"{args.entries} entries, {args.latency * 1000:g} ms a request, "
          f"{requests // args.rounds} requests per cold check")
    print(f"cold   {statistics.median(cold):.2f} s  (goal ≤ 5 s)")
    print(f"cached {statistics.median(cached):.2f} s  (goal ≤ 0.5 s)")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
