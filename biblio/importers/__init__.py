"""Importers: outside sources (Crossref, arXiv, BibTeX, RIS, CSL-JSON, pasted text) → records.

A `Record` is an entry not yet in the library: its type, its fields as raw BibTeX values
(`{…}`, ready for `Entry.set_raw`), where it came from, and why a person should look at it.
Nothing here touches the .bib file; `biblio.commands.add` does that through `library.edit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..bib import bibvalue

# The order fields are written in, so that added entries look like the hand-written ones.
FIELD_ORDER = [
    "author", "editor", "title", "subtitle", "journal", "journaltitle", "booktitle",
    "maintitle", "series", "edition", "year", "date", "month", "volume", "number", "pages",
    "eid", "chapter", "type", "entrysubtype", "institution", "organization", "school",
    "publisher", "location", "address", "howpublished", "version", "issn", "isbn", "doi",
    "eprint", "eprinttype", "eprintclass", "url", "urldate", "note", "langid",
]


@dataclass
class Record:
    """One imported reference, as BibTeX fields, with where it came from."""
    type: str
    fields: dict[str, str] = field(default_factory=dict)  # name → raw BibTeX value
    source: str = ""  # what it came from: "doi:10.…", "refs.ris:12", "text"
    key: str | None = None  # a key the source itself gave (BibTeX ID, RIS ID)
    review: list[str] = field(default_factory=list)  # why a person should check it
    line: int = 1  # where in the source file it starts
    match: dict | None = None  # for pasted text: the candidate that was taken
    # Crossref's `updated-by` of the work (retractions, corrections…) when the record came
    # from Crossref; None when the source could not say (a .bib, RIS, CSL-JSON file).
    updates: list[dict] | None = None

    def set(self, name: str, text: str | None) -> None:
        """Set a field from plain text (already LaTeX-safe); empty text sets nothing."""
        text = (text or "").strip()
        if text:
            self.fields[name.lower()] = bibvalue.braced(text)

    def text(self, name: str) -> str:
        raw = self.fields.get(name.lower())
        if raw is None:
            return ""
        try:
            return bibvalue.resolve(bibvalue.split(raw), {})[0]
        except bibvalue.BadValue:
            return raw

    def ordered(self) -> list[tuple[str, str]]:
        rank = {name: i for i, name in enumerate(FIELD_ORDER)}
        return sorted(self.fields.items(), key=lambda kv: (rank.get(kv[0], len(rank)), kv[0]))


class ImportFailed(Exception):
    """A source could not be turned into records; `rule`, `message` and `fix` explain why."""

    def __init__(self, rule: str, message: str, fix: str = "", line: int = 1, col: int = 1,
                 exit_code: int = 1):
        super().__init__(message)
        self.rule, self.message, self.fix = rule, message, fix
        self.line, self.col, self.exit_code = line, col, exit_code
