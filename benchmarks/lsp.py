"""`biblio lsp` over stdio on a generated 5,000-entry library and 100-post site: completion
latency after the first load, diagnostics after an edit of a post (a benchmark, not a test).

    python -m benchmarks.lsp
"""

import shutil
import statistics
import tempfile
import time
from pathlib import Path

from benchmarks.gen import keys_of, write_bib, write_site
from tests.lspclient import Client


def main() -> None:
    root = Path(tempfile.mkdtemp(prefix="lspbench"))
    try:
        run(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run(root: Path) -> None:
    write_bib(root / "references.bib", 5000)
    keys = keys_of((root / "references.bib").read_text())
    write_site(root, 100, 5, root / "references.bib")
    c = Client(root)
    t = time.perf_counter(); c.initialize(root); print("init", time.perf_counter() - t)
    post = min((root / "posts").glob("*.md"))
    text = post.read_text()
    uri = c.open(post, text, 1)
    t = time.perf_counter(); c.diagnostics(uri, 1); print("first diagnostics (loads library)", time.perf_counter() - t)
    def comp(prefix):
        c.change(uri, text + "\n[@" + prefix, v[0]); v[0] += 1
        line = text.count("\n") + 1
        t = time.perf_counter()
        r = c.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": {"line": line, "character": 2 + len(prefix)}})
        return time.perf_counter() - t, r
    v = [2]
    d, r = comp(keys[10][:3]); print("first completion", d, len(r["result"]["items"]))
    ts = []
    for k in keys[100:130]:
        ts.append(comp(k[:4])[0])
    print("completion median ms", statistics.median(ts) * 1000, "max", max(ts) * 1000)
    ts = []
    for n in range(20):
        c.change(uri, text + f"\nEdit {n} [@{keys[n]}].\n", v[0]); v[0] += 1
        t = time.perf_counter(); c.diagnostics(uri, v[0] - 1); ts.append(time.perf_counter() - t)
    print("diagnostics after edit median ms", statistics.median(ts) * 1000, "max", max(ts) * 1000)
    c.close()



if __name__ == "__main__":
    main()
