"""RIS → records; the tables here are read backwards by biblio.exporters.ris.

RIS lines are `TY  - JOUR`: a two-character tag, two spaces, a dash, a space, the value; a
record runs from `TY` to `ER`. Lines that are not tags continue the previous value (exporters
wrap long abstracts). A line that looks like a tag but is spaced wrongly is an error at its
line, as is text before the first `TY` or a record without `ER`.
"""

from __future__ import annotations

import re

from . import ImportFailed, Record, values

# RIS type → (biblatex type, entrysubtype)
TYPES = {
    "JOUR": ("article", ""), "JFULL": ("article", ""), "EJOUR": ("article", ""),
    "MGZN": ("article", "magazine"), "NEWS": ("article", "newspaper"),
    "BOOK": ("book", ""), "EBOOK": ("book", ""), "EDBOOK": ("collection", ""),
    "CHAP": ("incollection", ""), "ECHAP": ("incollection", ""),
    "CONF": ("proceedings", ""), "CPAPER": ("inproceedings", ""),
    "THES": ("thesis", ""), "RPRT": ("report", ""), "DATA": ("dataset", ""),
    "DBASE": ("dataset", ""), "ELEC": ("online", ""), "WEB": ("online", ""),
    "BLOG": ("online", ""), "COMP": ("software", ""), "PAT": ("patent", ""),
    "UNPB": ("unpublished", ""), "STAND": ("standard", ""), "PCOMM": ("letter", ""),
    "ENCYC": ("inreference", ""), "DICT": ("inreference", ""), "GEN": ("misc", ""),
}
# Plain one-to-one tags: RIS tag → field.
SIMPLE = {"VL": "volume", "IS": "number", "ET": "edition", "CY": "location", "AB": "abstract",
          "N1": "note", "M3": "type", "T3": "series", "LA": "language", "JA": "shortjournal",
          "C7": "eid"}
VERBATIM = {"DO": "doi", "UR": "url"}
_TAG = re.compile(r"^([A-Z][A-Z0-9])  - ?(.*)$")
_TAGLIKE = re.compile(r"^\s*[A-Z][A-Z0-9]\s*-(\s|$)")
_CONTAINER = {"article": "journal", "incollection": "booktitle", "inproceedings": "booktitle",
              "inreference": "booktitle"}
_PUBLISHER = {"thesis": "institution", "report": "institution", "online": "organization"}


def parse_records(text: str) -> list[tuple[int, list[tuple[str, str, int]]]]:
    """[(line of TY, [(tag, value, line)…])…]; raises ImportFailed at a malformed line."""
    records: list[tuple[int, list[tuple[str, str, int]]]] = []
    current: list[tuple[str, str, int]] | None = None
    start = 0
    for n, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        m = _TAG.match(line.rstrip())
        if m is None and _TAGLIKE.match(line):
            raise ImportFailed("ris-syntax", f"malformed RIS tag line {line.strip()[:30]!r}",
                               "write tags as 'XX  - value' (two spaces, a dash, a space)",
                               line=n)
        if m is None:
            if current:
                tag, value, at = current[-1]
                current[-1] = (tag, f"{value} {line.strip()}".strip(), at)
                continue
            raise ImportFailed("ris-syntax", "text outside a RIS record",
                               "start each record with 'TY  - TYPE'", line=n)
        tag, value = m.group(1), m.group(2).strip()
        if tag == "TY":
            if current is not None:
                raise ImportFailed("ris-syntax", f"a new record starts before the record of "
                                   f"line {start} ended", "end each record with 'ER  - '",
                                   line=n)
            current, start = [("TY", value, n)], n
        elif current is None:
            raise ImportFailed("ris-syntax", f"tag {tag} outside a record",
                               "start each record with 'TY  - TYPE'", line=n)
        elif tag == "ER":
            records.append((start, current))
            current = None
        else:
            current.append((tag, value, n))
    if current is not None:
        raise ImportFailed("ris-syntax", "the last record has no end",
                           "end it with a line 'ER  - '", line=start)
    if not records:
        raise ImportFailed("empty", "no RIS record found", "RIS records start with 'TY  - '")
    return records


def _name(value: str) -> str:
    """RIS `Last, First, Suffix` → BibTeX `Last, Suffix, First`; no comma: a corporate name."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 1:
        return values.corporate(value)
    if len(parts) >= 3 and parts[2]:
        return values.person(parts[0], parts[1], parts[2])
    return values.person(parts[0], parts[1])


def _ris_date(value: str) -> tuple[str, str]:
    """`2013/06/19/other` or `2013` → (year, ISO date or '')."""
    bits = [b for b in value.split("/")]
    year = bits[0].strip() if bits and re.fullmatch(r"\d{4}", bits[0].strip()) else ""
    parts = [year] if year else []
    for b in bits[1:3]:
        if re.fullmatch(r"\d{1,2}", b.strip()):
            parts.append(f"{int(b):02d}")
        else:
            break
    return year, "-".join(parts) if len(parts) > 1 else ""


def to_record(lines: list[tuple[str, str, int]], path: str, line: int) -> Record:
    ris_type = lines[0][1].upper()
    btype, sub = TYPES.get(ris_type, ("misc", ""))
    r = Record(btype, source=f"{path}:{line}", line=line)
    if ris_type not in TYPES:
        r.review.append(f"RIS type {ris_type!r} is not known; imported as @misc")
    if sub:
        r.set("entrysubtype", sub)
    people: dict[str, list[str]] = {"author": [], "editor": [], "editora": []}
    keywords: list[str] = []
    start = end = ""
    ignored: list[str] = []
    for tag, value, _ in lines[1:]:
        if not value:
            continue
        if tag in ("AU", "A1"):
            people["author"].append(_name(value))
        elif tag in ("A2", "ED"):
            people["editor"].append(_name(value))
        elif tag == "A3":
            people["editora"].append(_name(value))
        elif tag in ("TI", "T1", "CT"):
            r.set("title", values.escape(value))
        elif tag in ("T2", "JO", "JF", "BT"):
            target = _CONTAINER.get(btype)
            if tag == "BT" and btype in ("book", "collection"):
                target = "title"
            if target and target not in r.fields:
                r.set(target, values.escape(value))
            elif not target:
                ignored.append(tag)
        elif tag in ("PY", "Y1"):
            year, iso = _ris_date(value)
            r.set("year", year)
            if iso:
                r.set("date", iso)
        elif tag == "DA":
            year, iso = _ris_date(value)
            r.set("date", iso or year)
        elif tag == "Y2":
            r.set("urldate", _ris_date(value)[1] or values.escape(value))
        elif tag == "SP":
            start = value
        elif tag == "EP":
            end = value
        elif tag == "SN":
            r.set("isbn" if btype in ("book", "collection", "incollection", "inproceedings",
                                      "proceedings", "inreference") else "issn",
                  values.escape(value))
        elif tag == "PB":
            r.set(_PUBLISHER.get(btype, "publisher"), values.escape(value))
        elif tag == "KW":
            keywords.append(values.escape(value))
        elif tag == "ID":
            r.key = value
        elif tag in VERBATIM:
            r.set(VERBATIM[tag], values.verbatim(value))
        elif tag in SIMPLE:
            r.set(SIMPLE[tag], values.escape(value))
        else:
            ignored.append(tag)
    if r.fields.get("date") and r.fields.get("year"):
        del r.fields["year"]  # biblatex: date wins; the year is in it
    for role, names in people.items():
        if names:
            r.set(role, values.names(names))
    if people["editora"]:
        r.set("editoratype", "serieseditor")
    if start or end:
        r.set("pages", values.pages(f"{start}-{end}") if start and end
              else values.escape(start or end))
    if keywords:
        r.set("keywords", ", ".join(keywords))
    if ignored:
        r.review.append("RIS tags not kept: " + ", ".join(sorted(set(ignored))))
    return r


def read(text: str, path: str) -> list[Record]:
    return [to_record(lines, path, line) for line, lines in parse_records(text)]
