"""BibTeX ↔ biblatex: the same entry for classic BibTeX styles or for biblatex.

biblio stores biblatex (`date`, `@online`, `location`); `--to bibtex` writes what BibTeX's
standard styles read (`year` + `month`, `@misc` with `howpublished`, `address`), and
`--to biblatex` turns BibTeX-only shapes (`@phdthesis`, `school`, `address`) into biblatex.
Values keep their LaTeX; @string macros are written out, month macros stay.
"""

from __future__ import annotations

import re

from ..bib import bibvalue

TO_BIBTEX_TYPES = {
    "online": "misc", "dataset": "misc", "software": "misc", "standard": "misc",
    "video": "misc", "audio": "misc", "artwork": "misc", "letter": "misc", "patent": "misc",
    "jurisdiction": "misc", "legislation": "misc", "legal": "misc", "map": "misc",
    "review": "article", "inreference": "incollection", "collection": "book",
    "mvbook": "book", "mvcollection": "book", "reference": "book", "mvreference": "book",
    "bookinbook": "inbook", "suppbook": "inbook", "suppcollection": "incollection",
    "mvproceedings": "proceedings", "periodical": "misc", "suppperiodical": "article",
    "report": "techreport",
}
TO_BIBLATEX_TYPES = {"phdthesis": ("thesis", "phdthesis"),
                     "mastersthesis": ("thesis", "mathesis"),
                     "techreport": ("report", "techreport"), "conference": ("inproceedings", ""),
                     "electronic": ("online", ""), "www": ("online", "")}
MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                "dec"]


def _fields(entry, strings: dict[str, str]) -> list[tuple[str, str]]:
    """(name, raw) with @string macros inlined (month macros kept)."""
    out = []
    for f in entry.fields:
        raw = f.raw
        try:
            pieces = bibvalue.split(raw)
        except bibvalue.BadValue:
            out.append((f.name.lower(), raw))
            continue
        if any(p.kind == "macro" and p.text.lower() in strings for p in pieces):
            try:
                raw = bibvalue.braced(bibvalue.resolve(pieces, strings)[0])
            except bibvalue.BadValue:  # too long once expanded: left as written
                pass
        else:
            raw = bibvalue.canonical_raw(raw)
        out.append((f.name.lower(), raw))
    return out


def _text(raw: str) -> str:
    try:
        return bibvalue.resolve(bibvalue.split(raw), {})[0]
    except bibvalue.BadValue:
        return raw


def to_bibtex(entry, strings: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    etype = entry.type.lower()
    fields = dict(_fields(entry, strings))
    out_type = TO_BIBTEX_TYPES.get(etype, etype)
    if etype == "thesis":
        kind = _text(fields.get("type", "")).lower()
        out_type = "mastersthesis" if kind in ("mathesis", "mastersthesis", "master's thesis") \
            else "phdthesis"
        if kind in ("mathesis", "phdthesis", "mastersthesis"):
            fields.pop("type")
    if etype == "report" and _text(fields.get("type", "")).lower() == "techreport":
        fields.pop("type")
    renames = {"journaltitle": "journal", "location": "address"}
    if out_type in ("phdthesis", "mastersthesis"):
        renames["institution"] = "school"
    result: dict[str, str] = {}
    for name, raw in fields.items():
        target = renames.get(name, name)
        if target not in result:
            result[target] = raw
    date = _text(result.pop("date", "")) if "date" in result else ""
    if date:
        m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", date)
        if m:
            result.setdefault("year", "{" + m.group(1) + "}")
            if m.group(2) and 1 <= int(m.group(2)) <= 12:
                result.setdefault("month", MONTH_MACROS[int(m.group(2)) - 1])
            if m.group(3):
                result.setdefault("day", "{" + str(int(m.group(3))) + "}")
        else:
            result.setdefault("year", "{" + date.replace("/", "--") + "}")
    if etype == "online" and "url" in result and "howpublished" not in result:
        result["howpublished"] = "{\\url{" + _text(result["url"]) + "}}"
    if "urldate" in result:
        accessed = "Accessed " + _text(result.pop("urldate"))
        note = _text(result["note"]) + ". " + accessed if "note" in result else accessed
        result["note"] = bibvalue.braced(note)
    return out_type, list(result.items())


def to_biblatex(entry, strings: dict[str, str]) -> tuple[str, list[tuple[str, str]]]:
    etype = entry.type.lower()
    fields = dict(_fields(entry, strings))
    out_type, kind = TO_BIBLATEX_TYPES.get(etype, (etype, ""))
    result: dict[str, str] = {}
    renames = {"address": "location", "school": "institution"}
    for name, raw in fields.items():
        target = renames.get(name, name)
        if target not in result:
            result[target] = raw
    if kind and "type" not in result:
        result["type"] = "{" + kind + "}"
    return out_type, list(result.items())


def render(etype: str, key: str, fields: list[tuple[str, str]]) -> str:
    lines = [f"@{etype}{{{key},"]
    lines += [f"  {name} = {raw}," for name, raw in fields]
    lines.append("}")
    return "\n".join(lines)
