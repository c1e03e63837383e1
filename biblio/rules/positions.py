"""Where a field (and a character of its value) sits in the file, found within the entry's text.

Working inside `entry.text` keeps this linear in the size of the entry, so locating the fields
of every entry of a 10,000-entry file costs about as much as reading it.
"""

from __future__ import annotations

import re

from ..bib.blocks import Entry

_HEAD = re.compile(r"[\s,]*([^\s=,{}()\"#]+)\s*=\s*")

# The offsets of the entry asked about last. Rules report entry by entry, so one entry's worth
# is as good a cache as every entry's, and a 50k-entry check does not keep 50k of them.
_last: tuple = (None, None, {})


def field_offsets(entry: Entry) -> dict[int, tuple[int, int]]:
    """id(field) -> (offset of its name, offset of its value) inside entry.text; -1 if unknown."""
    global _last
    last_entry, last_text, last_out = _last
    if last_entry is entry and last_text is entry.text:
        return last_out
    text = entry.text
    out: dict[int, tuple[int, int]] = {}
    cursor = text.find(",") + 1 if text else -1
    for f in entry.fields:
        if cursor <= 0:
            out[id(f)] = (-1, -1)
            continue
        m = _HEAD.match(text, cursor)
        if m is None or m.group(1) != f.name:  # a comment between fields: look further on
            m = re.compile(r"(?<![\w-])(" + re.escape(f.name) + r")\s*=\s*").search(text, cursor)
        if m is None:
            out[id(f)] = (-1, -1)
            continue
        value_at = m.end() if text.startswith(f.raw, m.end()) else text.find(f.raw, m.end())
        out[id(f)] = (m.start(1), value_at)
        cursor = value_at + len(f.raw) if value_at >= 0 else m.end()
    _last = (entry, text, out)
    return out


def line_col(entry: Entry, offset: int) -> tuple[int, int]:
    """File line and column (1-based) of an offset inside entry.text."""
    text = entry.text
    n = text.count("\n", 0, offset)
    if n == 0:
        return entry.line, entry.col + offset
    return entry.line + n, offset - text.rfind("\n", 0, offset)


def position(entry: Entry, field=None, at: int = -1) -> tuple[int, int]:
    """Line/col of the entry, of a field's name, or of character `at` of the field's raw value."""
    if field is None or not entry.text:
        return entry.line or 1, entry.col or 1
    name_at, value_at = field_offsets(entry).get(id(field), (-1, -1))
    if at >= 0 and value_at >= 0:
        return line_col(entry, value_at + at)
    if name_at >= 0:
        return line_col(entry, name_at)
    return entry.line, entry.col
