"""pandoc's own BibTeX/biblatex reader tests, run through biblio's reader and mapper.

    python benchmarks/pandoc_biblatex.py [--show] [PATH]

PATH (default ../shared/external/pandoc-biblatex/command, beside the repository) holds pandoc's
test files (GPL-licensed data: read from there, never copied into biblio). Each test gives a
.bib input and the CSL items pandoc's reader makes of it. biblio maps the same input
(`biblio.tocsl`) and the two are compared field by field, after the same normalisation (markup
dropped, names and dates as text). A test prints

    identical   every field equal
    deliberate  every difference is one biblio makes on purpose, by an APA 7 rule
                (benchmarks/pandoc_biblatex_deliberate.txt lists them, and why)
    differs     a difference no rule accounts for

`--show` prints each difference; `--write` rewrites the list of deliberate differences.
Run by hand (like the other benchmarks); pandoc is not needed.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import re
import sys
import tempfile
from pathlib import Path

import yaml

from biblio import tocsl
from biblio.bib import library

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parent.parent / "shared" / "external" / "pandoc-biblatex" / "command"
LIST = HERE / "pandoc_biblatex_deliberate.txt"

_BLOCK = re.compile(r"^```\n% pandoc (?P<args>[^\n]*)\n(?P<input>.*?)\n\^D\n(?P<output>.*?)^```",
                    re.DOTALL | re.MULTILINE)
_TAG = re.compile(r"<[^>]+>")
_SPAN = re.compile(r"\[([^\]]*)\]\{\.[a-z]+\}")
_MD = re.compile(r"(?<!\\)[*^~]")


def cases(folder: Path):
    """(test name, block number, bib text, pandoc's items) of every reader test."""
    for path in sorted(folder.glob("*.md")):
        for n, m in enumerate(_BLOCK.finditer(path.read_text(encoding="utf-8"))):
            args = m.group("args")
            if not re.search(r"-f (?:biblatex|bibtex)\b", args):
                continue
            out = m.group("output")
            if "-t csljson" in args:
                want = json.loads(out)
            elif "-t markdown" in args:
                doc = out.split("---\n")
                meta = yaml.safe_load(doc[1]) if len(doc) > 2 else {}
                want = (meta or {}).get("references", [])
            else:
                continue  # a round trip to biblatex/bibtex: not a mapping test
            yield path.stem + (f"#{n + 1}" if n else ""), m.group("input"), want


def biblio_items(bib: str) -> list[dict]:
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "in.bib"
        p.write_text(bib, encoding="utf-8")
        lib = library.load(p)
    return tocsl.library_to_csl(lib)[0]


def _date(v) -> str:
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, int):
        return _year(v)
    if isinstance(v, dict):
        if "literal" in v:
            return str(v["literal"])
        parts = v.get("date-parts") or []
        out = []
        for p in parts:
            if not p or not _year(p[0]) or not int(p[0]):
                out.append("")  # an open end
                continue
            out.append("-".join([_year(p[0])] + [f"{int(x):02d}" for x in p[1:] if int(x)]))
        text = "/".join(out) if len(out) > 1 else (out[0] if out else "")
        if v.get("season"):
            text += f"-{20 + int(v['season'])}"
        return text + ("~" if v.get("circa") else "")
    return str(v).replace("\\", "")  # pandoc's Markdown escapes EDTF's "~": "1723\~"


def _names(v) -> str:
    out = []
    for n in v:
        if not isinstance(n, dict):
            out.append(str(n))
            continue
        out.append(" ".join(_text(n[k]) for k in ("given", "dropping-particle",
                                                    "non-dropping-particle", "family",
                                                    "suffix", "literal") if n.get(k)))
    return "; ".join(out)


_TYPO = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "—": "---", "–": "--"})


def _text(v) -> str:
    """Plain text: markup dropped; curly quotes and dashes as pandoc's Markdown types them."""
    s = str(v)
    s = html.unescape(_TAG.sub("", s))
    s = _SPAN.sub(r"\1", s)
    s = _MD.sub("", s).replace("\\", "")
    return " ".join(s.translate(_TYPO).split())


def _year(y) -> str:
    try:
        n = int(y)
    except (TypeError, ValueError):
        return ""
    return f"-{-n:04d}" if n < 0 else f"{n:04d}"


DATES = {"issued", "accessed", "event-date", "original-date", "available-date", "submitted"}


def normal(item: dict) -> dict[str, str]:
    out = {}
    for k, v in item.items():
        k = k.lower()
        if k == "id":
            continue
        if k in DATES:
            out[k] = _date(v)
        elif isinstance(v, list):
            out[k] = _names(v)
        else:
            out[k] = _text(v)
    return out


# Differences biblio makes on purpose: (field, test on (pandoc's value, biblio's), APA 7 rule).
# A difference is deliberate when the first rule that names its field says so.
def _case_only(a, b):
    return a is not None and b is not None and a.lower() == b.lower()


TITLES = ("title", "title-short", "container-title", "volume-title", "collection-title")
RULES = [
    (TITLES, lambda a, b: _case_only(a, b) and sum(map(str.isupper, b)) > sum(map(str.isupper, a)),
     ("APA 7 6.17: a title not typed in Title Case keeps its capitals (they may be proper "
     "nouns), and names of series keep theirs (6.29)")),
    (("title",), lambda a, b: _case_only(a, b) and b[:1].islower(),
     "APA 7 6.17: a title's own lower-case first word is kept: it is a name (pandas, eBay)"),
    (("genre",), lambda a, b: b == "Doctoral dissertation",
     "APA 7 10.6: a doctoral thesis is described as \"[Doctoral dissertation, …]\""),
    (("genre",), lambda a, b: _case_only(a, b) or (b or "").endswith("Patent application"),
     "APA 7 9.21: a bracketed description (and \"U.S. Patent No.\", 11.x) is capitalized"),
    (("type", "publisher", "number"), lambda a, b: b in ("article", "arXiv") or
     (b or "").startswith("arXiv:"),
     "APA 7 10.8: a preprint names its archive as publisher and its identifier"),
    (("type",), lambda a, b: a in ("", None) and b in ("webpage", "document"),
     "APA 7 10.16: a @misc with a URL is a webpage; without one a document"),
    (("type",), lambda a, b: (a, b) == ("book", "chapter"),
     "APA 7 10.3: a @bookinbook is cited as a work in a book"),
    (("number",), lambda a, b: a is None and b is not None,
     "APA 7 9.27: an article number (eid) prints as \"Article …\""),
    (("issued",), lambda a, b: b is None,
     "APA 7 10.8: an in-press work is dated \"(in press)\", without its expected year"),
    (("publisher",), lambda a, b: a is not None and b is None,
     "APA 7 9.29: a publisher that is also the author is not repeated"),
    (("edition",), lambda a, b: a in ("1", "first") and b is None,
     "APA 7 10.2: an edition is named only when it is not the first"),
    (("genre",), lambda a, b: a is None and b == "Special issue",
     "APA 7 10.1: a whole issue of a journal, cited by its own title, is a \"[Special issue]\""),
    (("genre",), lambda a, b: a is None and b == "Film",
     "APA 7 10.12: a film is described as \"[Film]\""),
    (("title-short",), lambda a, b: a is not None and b is None,
     ("APA 7 8.14: a short title shortens the title the reference prints; a volume of a "
     "multi-volume work prints its maintitle, and the volume's own title is not that")),
    (("title",), lambda a, b: "$" in (a or "") and "$" not in (b or ""),
     "APA 7 6.44: mathematical copy prints as its symbols, never as TeX source"),
    (("title",), lambda a, b: _case_only(a, b) and b[:1].isupper() and
     sum(map(str.isupper, b)) < sum(map(str.isupper, a)),
     ("APA 7 6.17: a (sub)title braced whole, {{…}}, is read as the BibTeX habit and put in "
     "sentence case inside (tests/fixtures/titles measures the policy)")),
    (("editor",), lambda a, b: a is not None and (b or "").startswith(a + "; "),
     ("biblatex's default role of editora, editorb and editorc is editor (biblatex manual, "
     "editoratype); APA 7 9.10 names every editor")),
    (("DOI", "doi", "URL", "url"), lambda a, b: a is None and b is not None,
     ("APA 7 9.34: a work's DOI or URL is always given; biblatex's doi=false and url=false "
     "options tune biblatex's own styles")),
    (("annote",), lambda a, b: "{=latex}" in (a or ""),
     "APA 7 9.x: a reference prints no annotation, and raw LaTeX is never kept as text"),
]


def judge(field: str, a, b) -> str | None:
    for fields, test, why in RULES:
        if field in fields and test(a, b):
            return why
    return None


def compare(want: list[dict], got: list[dict]):
    """(id, field, pandoc's value, biblio's value) of every difference."""
    have = {str(i.get("id")): normal(i) for i in got}
    for w in want:
        key = str(w.get("id"))
        a, b = normal(w), have.get(key, {})
        for f in sorted(set(a) | set(b)):
            if a.get(f) != b.get(f):
                yield key, f, a.get(f), b.get(f)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("folder", nargs="?", default=str(DEFAULT))
    ap.add_argument("--show", action="store_true", help="print every difference")
    ap.add_argument("--write", action="store_true", help="rewrite " + LIST.name)
    args = ap.parse_args(argv)
    folder = Path(args.folder)
    if not folder.is_dir():
        print(f"{folder}: no such folder (pandoc's tests, see ../shared/external)",
              file=sys.stderr)
        return 2
    counts = {"identical": 0, "deliberate": 0, "differs": 0}
    deliberate_lines = []
    for name, bib, want in cases(folder):
        diffs = list(compare(want, biblio_items(bib)))
        verdicts = [(d, judge(d[1], d[2], d[3])) for d in diffs]
        status = "identical" if not diffs else \
            "deliberate" if all(why for _, why in verdicts) else "differs"
        counts[status] += 1
        print(f"{status:10} {name}")
        for (key, f, a, b), why in verdicts:
            if why:
                deliberate_lines.append(f"{name}\t{key}\t{f}\t{a!r}\t{b!r}\t{why}")
            if args.show and (not why or args.show):
                print(f"    {key} {f}: pandoc {a!r}\n    {' ' * len(key)} {' ' * len(f)}  "
                      f"biblio {b!r}" + (f"\n      deliberate: {why}" if why else ""))
    total = sum(counts.values())
    print(f"\n{total} tests: {counts['identical']} identical, {counts['deliberate']} "
          f"deliberate, {counts['differs']} differ")
    if args.write:
        LIST.write_text("# pandoc's reader tests: the differences biblio makes on purpose, each with\n"
                        "# its APA 7 rule (benchmarks/pandoc_biblatex.py --write).\n"
                        "# test\tid\tfield\tpandoc\tbiblio\trule\n"
                        + "\n".join(deliberate_lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
