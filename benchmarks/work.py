"""The work one timed process does: `python benchmarks/work.py <job> <input>`.

run.py starts a fresh process per measurement, so interpreter start and imports are counted for
biblio and the Python anchors alike. Each job prints one JSON line on stderr,
`{"ms": <time of the work itself, imports included>, ...}`, which run.py reports beside the
wall time. A biblio job whose stage is not in this checkout exits 3 with the reason on stderr;
run.py then skips it with that message (nothing is ever faked).

    bibtexparser PATH      bibtexparser 2, bare parse (no middleware)
    pybtex PATH            pybtex's BibTeX parser
    load PATH              biblio.bib.library.load
    check PATH             load + every check rule
    normalize-check PATH   load + normalize (fmt, in memory) + every check rule
    tocsl PATH             load + BibTeX → CSL-JSON items (biblio.tocsl)
    render ITEMS.json      biblio.csl.render: APA bibliography of CSL-JSON items (HTML)
    cites JOB.json         biblio.csl.render of {"items", "clusters"}: citations and list
    format PATH            load + tocsl + render: the APA bibliography of a .bib (HTML)
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

T0 = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
APA = ROOT / "styles" / "apa.csl"
MISSING = 3


class Missing(Exception):
    """The biblio stage this job needs is not in this checkout."""


def _need(module: str, *names: str):
    import importlib

    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as e:
        if e.name and (e.name == module or module.startswith(e.name + ".")):
            raise Missing(f"{module} is not in this checkout") from None
        raise
    for name in names:
        if hasattr(mod, name):
            return getattr(mod, name)
    raise Missing(f"{module} has none of {', '.join(names)}")


def bibtexparser(path: str) -> dict:
    import bibtexparser as bp

    lib = bp.parse_file(path, parse_stack=[])
    return {"entries": len(lib.entries)}


def pybtex(path: str) -> dict:
    from pybtex.database import parse_file

    data = parse_file(path, "bibtex")
    return {"entries": len(data.entries)}


def load(path: str) -> dict:
    from biblio.bib import library

    lib = library.load(path)
    return {"entries": len(lib.entries), "diagnostics": len(lib.diagnostics)}


def _check(lib) -> list:
    run_rules = _need("biblio.rules", "run")
    return list(run_rules(lib))


def check(path: str) -> dict:
    from biblio.bib import library

    lib = library.load(path)
    diags = _check(lib)
    return {"entries": len(lib.entries), "diagnostics": len(diags)}


def normalize_check(path: str) -> dict:
    """What `biblio fmt` does before writing (canonical form of every entry, the new text),
    then `biblio check`'s rules on the result."""
    from biblio.bib import library

    normalize = _need("biblio.bib.fmt", "format_library")
    lib = library.load(path)
    changed = len(normalize(lib).changed)
    text = lib.render()
    diags = _check(lib)
    return {"entries": len(lib.entries), "changed": changed, "chars": len(text),
            "diagnostics": len(diags)}


def _items(lib) -> list[dict]:
    to_csl = _need("biblio.tocsl", "library_to_csl")
    items, _problems = to_csl(lib)
    return items


def tocsl(path: str) -> dict:
    from biblio.bib import library

    return {"items": len(_items(library.load(path)))}


def _render(items: list[dict]) -> dict:
    import inspect

    from biblio.csl import render

    kwargs = {"links": True} if "links" in inspect.signature(render).parameters else {}
    res = render(APA.read_text(encoding="utf-8"), items, None, output="html", **kwargs)
    return {"entries": len(res.bibliography), "warnings": len(res.warnings)}


def render(items_path: str) -> dict:
    return _render(json.loads(Path(items_path).read_text(encoding="utf-8")))


def cites(job_path: str) -> dict:
    from biblio.csl import render

    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    style = Path(job["style"]) if job.get("style") else APA
    res = render(style.read_text(encoding="utf-8"), job["items"], job["clusters"],
                 output="html", links=True)
    return {"citations": len(res.citations), "entries": len(res.bibliography)}


def format(path: str) -> dict:
    from biblio.bib import library

    return _render(_items(library.load(path)))


JOBS = {"bibtexparser": bibtexparser, "pybtex": pybtex, "load": load, "check": check,
        "normalize-check": normalize_check, "tocsl": tocsl, "render": render, "format": format, "cites": cites}


def available(job: str) -> str | None:
    """None when `job` can run in this checkout, else why not (cheap: imports only)."""
    needs = {"check": [("biblio.rules", ("run",))],
             "normalize-check": [("biblio.rules", ("run",)), ("biblio.bib.fmt", ("format_library",))],
             "tocsl": [("biblio.tocsl", ("library_to_csl",))],
             "format": [("biblio.tocsl", ("library_to_csl",))],
             "render": [("biblio.csl", ("render",))],
             "cites": [("biblio.csl", ("render",))]}
    try:
        for module, names in needs.get(job, []):
            _need(module, *names)
    except Missing as e:
        return str(e)
    return None


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in JOBS:
        print(__doc__, file=sys.stderr)
        return 2
    if not os.environ.get("PYTHONPATH"):
        # run by hand: this checkout; run.py names the checkout (--baseline: another one)
        sys.path.insert(0, str(ROOT))
    try:
        info = JOBS[argv[0]](argv[1])
    except Missing as e:
        print(f"skipped: {e}", file=sys.stderr)
        return MISSING
    print(json.dumps({"ms": (time.perf_counter() - T0) * 1000, **info}), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
