"""The rule registry: every check `biblio check` runs, with its id, severity and fix.

A rule is a function registered with `@rule(...)`. Entry rules get a `View` of one entry and
yield `Finding`s; file rules get the `Context` and yield findings or ready `Diagnostic`s.
A rule with a `fix` can repair what it found; `fmt --fix` applies those fixes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..bib import bibvalue
from ..bib.blocks import Entry, Field, Library
from ..diagnostics import ERROR, INFO, SEVERITIES, WARNING, Diagnostic

__all__ = [
    "ERROR",
    "INFO",
    "REGISTRY",
    "WARNING",
    "Context",
    "Finding",
    "Rule",
    "View",
    "rule",
    "set_value",
]


@dataclass
class Finding:
    """One problem found by a rule. `at` is an offset inside the field's raw value (or -1)."""

    message: str
    fix: str = ""
    field: Field | None = None
    at: int = -1
    entry: Entry | None = None
    value: Any = None  # what the rule's fix needs, e.g. the field's new raw value
    line: int = 0  # set directly by file rules that know the position
    col: int = 0


@dataclass(frozen=True)
class Rule:
    """A registered check: its id, severity, what it checks and its optional fix."""
    id: str
    severity: str
    family: str
    description: str
    check: Callable[..., Iterable[Finding | Diagnostic]]
    fix: Callable[[Entry, Finding], str] | None = None  # applies the fix, returns what it did
    scope: str = "entry"  # "entry", "file", or "online" (an entry rule run by check --online)
    needs: frozenset[str] = frozenset()  # an entry rule runs only on entries with one of these


REGISTRY: dict[str, Rule] = {}
FAMILIES = ("syntax", "references", "required", "values", "names", "style", "fields", "sources")


def ordered() -> list[Rule]:
    """The rules family by family (in FAMILIES order), each family in registration order."""
    rank = {f: i for i, f in enumerate(FAMILIES)}
    return sorted(REGISTRY.values(), key=lambda r: rank.get(r.family, len(rank)))


def rule(id: str, severity: str, family: str, description: str, *, scope: str = "entry",
         fix: Callable[[Entry, Finding], str] | None = None,
         needs: tuple[str, ...] = ()) -> Callable:
    """Register the decorated function as the check of rule `id`."""
    assert severity in SEVERITIES, severity

    def register(check: Callable) -> Callable:
        if id in REGISTRY:
            raise ValueError(f"rule {id!r} is registered twice")
        REGISTRY[id] = Rule(id, severity, family, description, check, fix, scope,
                            frozenset(needs))
        return check
    return register


def set_value(entry: Entry, finding: Finding) -> str:
    """The common fix: give the finding's field the raw value the rule worked out."""
    f = finding.field
    assert f is not None and finding.value is not None
    old = f.raw
    f.raw = finding.value
    entry.changed = True
    return f"{f.name}: {_short(old)} → {_short(f.raw)}"


def _short(raw: str, n: int = 60) -> str:
    raw = " ".join(raw.split())
    return raw if len(raw) <= n else raw[: n - 1] + "…"


class View:
    """One entry as the rules see it: fields by lower-case name, values resolved once."""

    __slots__ = ("_values", "entry", "fields", "key", "memo", "type")

    def __init__(self, entry: Entry):
        self.entry = entry
        self.type = entry.type.lower()
        self.key = entry.key
        self.fields: dict[str, Field] = {}
        for f in entry.fields:
            self.fields.setdefault(f.name.lower(), f)
        self._values: dict[str, str | None] = {}
        self.memo: dict = {}  # work several rules share (split names, title style)

    def __contains__(self, name: str) -> bool:
        return name in self.fields

    def value(self, name: str) -> str | None:
        """The field's text (macros resolved, outer delimiters removed), None when absent."""
        if name in self._values:
            return self._values[name]
        f = self.fields.get(name)
        text = None if f is None else value_of(f.raw, self.entry.strings)
        self._values[name] = text
        return text

    def find(self, f: Field | None, message: str, fix: str = "", at: int = -1,
             value: Any = None) -> Finding:
        return Finding(message, fix, f, at, self.entry, value)


def value_of(raw: str, strings: dict[str, str]) -> str:
    # `{…}` with no '#' is one braced piece (a malformed one is the reader's to report, and
    # the rules skip entries it reported).
    if raw.startswith("{") and raw.endswith("}") and "#" not in raw:
        return raw[1:-1]
    try:
        return bibvalue.resolve(bibvalue.split(raw), strings)[0]
    except bibvalue.BadValue:
        return raw


_BRACE = re.compile(r"[{}]")


def simple_braced(raw: str) -> bool:
    """True when raw is one `{…}` or `"…"` piece, so offsets in the text map onto the raw."""
    if len(raw) < 2:
        return False
    if raw[0] == "{":
        if raw[-1] != "}":
            return False
        depth = 0
        for m in _BRACE.finditer(raw):
            if m.group() == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return m.end() == len(raw)
        return False
    return raw[0] == '"' and raw[-1] == '"' and raw.count('"') == 2


@dataclass
class Context:
    """What the rules may look at besides the entry: the library, its text, the posts."""

    library: Library
    text: str
    cited: dict[str, tuple[str, int, int]] | None = None  # key -> where a post cites it
    today_year: int = 0
    by_key: dict[str, Entry] = field(default_factory=dict)
    online: Any = None  # biblio.online.Answers when check --online asked; the online rules run
    inherited: dict = field(default_factory=dict)  # biblio.bib.inherit's ancestors, resolved once

    def __post_init__(self) -> None:
        if not self.today_year:
            import datetime
            self.today_year = datetime.date.today().year
        if not self.by_key:
            for e in self.library.entries:
                self.by_key.setdefault(e.key.lower(), e)


