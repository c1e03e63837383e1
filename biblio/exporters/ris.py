"""Entries → RIS, from the tables biblio.importers.ris reads RIS with (read backwards)."""

from __future__ import annotations

import re

from ..importers import values
from ..importers.ris import SIMPLE, TYPES, VERBATIM
from ..tocsl import names

# biblatex type → RIS type: the importer's table backwards (the first RIS type for an entry
# type wins), and the entry types it never makes, as the type they stand for.
_SAME = {"mvbook": "book", "inbook": "incollection", "phdthesis": "thesis",
         "mastersthesis": "thesis", "techreport": "report", "booklet": "misc",
         "manual": "book"}
TYPES_OUT: dict[str, str] = {}
SUBTYPES_OUT: dict[str, str] = {}  # an @article's entrysubtype → RIS type
for _ris, (_type, _sub) in TYPES.items():
    if _sub:
        SUBTYPES_OUT.setdefault(_sub, _ris)
    else:
        TYPES_OUT.setdefault(_type, _ris)
TYPES_OUT.update({alias: TYPES_OUT[same] for alias, same in _SAME.items()})


def _plain(value: str) -> str:
    """LaTeX → text; a value without LaTeX is written as it is (no smart quotes: a RIS
    file imported and exported again stays the same)."""
    if not re.search(r"[\\{}~$]", value):
        return re.sub(r"\s+", " ", value).strip()
    return values.plain(value)


def _ris_name(raw: str) -> str:
    n = names.parse_name(raw)[0]
    if "literal" in n:
        return n["literal"]
    family = " ".join(x for x in (n.get("non-dropping-particle"), n.get("family")) if x)
    given = " ".join(x for x in (n.get("given"), n.get("dropping-particle")) if x)
    out = f"{family}, {given}" if given else f"{family},"
    return f"{out}, {n['suffix']}" if n.get("suffix") else out


def export(entries, strings: dict[str, str] | None = None) -> str:
    """Entries → RIS text (LaTeX decoded to Unicode)."""
    out: list[str] = []
    for e in entries:
        f = e.as_dict()
        t = e.type.lower()
        ris = SUBTYPES_OUT.get(f.get("entrysubtype", "").lower()) if t == "article" \
            else None
        lines = [("TY", ris or TYPES_OUT.get(t, "GEN"))]
        for field, tag in (("author", "AU"), ("editor", "A2"), ("editora", "A3")):
            for raw in names.split_names(f.get(field, "")):
                if raw.lower() != "others":  # BibTeX's "and others": RIS has no "et al."
                    lines.append((tag, _ris_name(raw)))
        if "title" in f:
            lines.append(("TI", _plain(f["title"])))
        container = f.get("journal") or f.get("journaltitle") or f.get("booktitle")
        if container:
            lines.append(("T2", _plain(container)))
        date = f.get("date", "")
        year = f.get("year") or date[:4]
        if year:
            lines.append(("PY", _plain(year)))
        if re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", date):
            lines.append(("DA", date.replace("-", "/")))
        pages = _plain(f.get("pages", ""))
        if pages:
            bits = re.split(r"\s*[-–]+\s*", pages, maxsplit=1)
            lines.append(("SP", bits[0]))
            if len(bits) > 1:
                lines.append(("EP", bits[1]))
        for field in ("issn", "isbn"):
            if field in f:
                lines.append(("SN", _plain(f[field])))
        publisher = f.get("publisher") or f.get("institution") or f.get("organization") \
            or f.get("school")
        if publisher:
            lines.append(("PB", _plain(publisher)))
        for tag, field in SIMPLE.items():
            if field in f:
                lines.append((tag, _plain(f[field])))
        if "location" not in f and "address" in f:
            lines.append(("CY", _plain(f["address"])))
        if "urldate" in f:
            lines.append(("Y2", f["urldate"].replace("-", "/")))
        for tag, field in VERBATIM.items():
            if field in f:
                lines.append((tag, f[field]))
        for kw in re.split(r"\s*[,;]\s*", f.get("keywords", "")):
            if kw:
                lines.append(("KW", _plain(kw)))
        lines.append(("ID", e.key))
        out.extend(f"{tag}  - {value}" for tag, value in lines)
        out.append("ER  - ")
        out.append("")
    return "\n".join(out)
