"""`biblio serve`: from saving one post of a 100-post site to the page reloaded with the edit
(goal ≤ 1 s). A benchmark, run by hand; no test asserts a time.

    python -m benchmarks.serve                      # 100 posts x 10 cites, 5,000 entries
    python -m benchmarks.serve --posts 100 --entries 1000 --rounds 10 --jobs 1

Data comes from gen.py (deterministic). The server is `biblio.commands.serve.run` in this
process with its real watcher (watchfiles) on an ephemeral port; a page listens to the
server-sent events as the injected script does. Each round appends a sentence with a new
citation to one post (a different one each round) and times, from the write:
  event   — the build event the page hears (the watcher noticed, the post was rebuilt);
  reload  — that, then the page fetched again and showing the edit (what the reader sees);
  build   — the build alone, as the server's report gives it.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.gen import keys_of, write_bib, write_site

TIMEOUT = 30


class Events:
    def __init__(self, host, port):
        self.conn = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
        self.conn.request("GET", "/__biblio/events")
        self.resp = self.conn.getresponse()

    def next(self) -> dict:
        data = None
        while True:
            line = self.resp.fp.readline().decode("utf-8").rstrip("\n")
            if line.startswith("data: "):
                data = json.loads(line[6:])
            elif not line and data is not None:
                return data


def get(host, port, path) -> str:
    c = http.client.HTTPConnection(host, port, timeout=TIMEOUT)
    try:
        c.request("GET", path)
        return c.getresponse().read().decode("utf-8")
    finally:
        c.close()


def run(root: Path, posts: int, entries: int, rounds: int, jobs: int | None) -> dict:
    from biblio.commands.serve import run as serve

    bib = write_bib(root / "references.bib", entries)
    keys = keys_of(bib.read_text(encoding="utf-8"))
    write_site(root, posts, 10, bib)
    shutil.copytree(Path(__file__).resolve().parent.parent / "styles", root / "styles")
    builds: list[float] = []
    os.chdir(root)
    t = time.perf_counter()
    server = serve(port=0, jobs=jobs, on_build=lambda rep, _: rep and builds.append(rep.seconds))
    first = time.perf_counter() - t
    host, port = server.httpd.server_address[:2]
    events = Events(host, port)
    seen = events.next()["version"]
    names = sorted((root / "posts").glob("*.md"))
    ev, rl, bd = [], [], []
    try:
        for n in range(rounds):
            post = names[(n * 37) % len(names)]
            key = keys[(n * 101) % len(keys)]
            mark = f"Edit {n} of the benchmark"
            text = post.read_text(encoding="utf-8").replace(
                "\n## References", f"\n{mark} [@{key}].\n\n## References", 1)
            time.sleep(0.3)  # the watcher idle again
            t = time.perf_counter()
            post.write_text(text, encoding="utf-8")
            while True:
                state = events.next()
                if state["version"] != seen:
                    break
            seen = state["version"]
            ev.append(time.perf_counter() - t)
            page = get(host, port, "/" + post.stem + ".html")
            rl.append(time.perf_counter() - t)
            assert mark in page and not state["errors"], state
            bd.append(builds[-1])
    finally:
        server.close()
    ms = lambda xs: {"median": round(statistics.median(xs) * 1000, 1),
                     "max": round(max(xs) * 1000, 1)}
    return {"posts": posts, "entries": entries, "rounds": rounds, "jobs": jobs,
            "first build s": round(first, 2), "event ms": ms(ev), "reload ms": ms(rl),
            "build ms": ms(bd)}


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--posts", type=int, default=100)
    p.add_argument("--entries", type=int, default=5000)
    p.add_argument("--rounds", type=int, default=10)
    p.add_argument("--jobs", type=int, default=None)
    a = p.parse_args(argv)
    root = Path(tempfile.mkdtemp(prefix="servebench"))
    here = os.getcwd()
    try:
        print(json.dumps(run(root, a.posts, a.entries, a.rounds, a.jobs), indent=1))
    finally:
        os.chdir(here)
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
