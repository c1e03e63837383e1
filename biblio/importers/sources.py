"""Which importer a source needs, and the records it gives."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from ..diagnostics import ERROR, BiblioError, Diagnostic
from . import ImportFailed, Record, arxiv, crossref
from . import text as textmod
from .http import Client

# confirm(text, candidate) → True to take a below-threshold candidate
Confirm = Callable[[str, object], bool]

MATCH_THRESHOLD = 0.8  # at or above: taken without asking
MATCH_FLOOR = 0.5  # below: never offered


@dataclass
class Options:
    settings: dict = field(default_factory=dict)  # [tool.biblio]
    offline: bool = False
    yes: bool = False
    confirm: Confirm | None = None
    cache: bool = True
    _client: Client | None = None

    @property
    def client(self) -> Client:
        if self._client is None:
            self._client = Client.from_settings(self.settings, cache=self.cache)
        return self._client

    @property
    def threshold(self) -> float:
        try:
            return float(os.environ.get("BIBLIO_MATCH_THRESHOLD",
                                        self.settings.get("match_threshold", MATCH_THRESHOLD)))
        except ValueError:
            return MATCH_THRESHOLD


def fail(where: str, e: ImportFailed, located: bool = True) -> BiblioError:
    """The error for a source; one that is not a file (a DOI, a text) has no line to name."""
    line, col = (e.line, e.col) if located else (0, 0)
    return BiblioError(Diagnostic(where, line, col, ERROR, e.rule, e.message, e.fix),
                       exit_code=e.exit_code)


def from_identifier(source: str, opts: Options) -> list[Record]:
    """A DOI, an arXiv id, `-` (BibTeX on stdin) or a file path by its extension."""
    arxiv_id = arxiv.parse_id(source)
    doi = None if arxiv_id else crossref.parse_doi(source)
    try:
        if arxiv_id or doi:
            if opts.offline:
                raise ImportFailed("offline", f"{source} needs the network, and --offline "
                                   "was given", "add it without --offline, or paste its "
                                   "BibTeX with --bibtex -, or the reference with --text "
                                   "\"…\"", exit_code=2)
            if arxiv_id:
                return [arxiv.fetch(arxiv_id, opts.client, opts.settings)]
            return [crossref.fetch(doi, opts.client, opts.settings)]
    except ImportFailed as e:
        raise fail(source, e, located=False) from None
    if source == "-":
        return from_file("-", "bibtex")
    path = Path(source)
    kind = {".bib": "bibtex", ".bibtex": "bibtex", ".ris": "ris", ".json": "csl-json"}.get(
        path.suffix.lower())
    if kind and paths.is_file(path):
        return from_file(source, kind)
    raise BiblioError(Diagnostic(source, 1, 1, ERROR, "unknown-source",
                                 "not a DOI, an arXiv id or a .bib/.ris/.json file",
                                 "write a DOI like 10.1007/s11916-013-0348-5, or use --text "
                                 "\"…\" for a reference written out as text"), exit_code=2)


def read_source(path: str) -> str:
    import sys

    if path == "-":
        text = sys.stdin.read(paths.MAX_INPUT + 1)
        if len(text) > paths.MAX_INPUT:
            raise BiblioError(Diagnostic("<stdin>", 1, 1, ERROR, "io", "cannot read the file: "
                                         f"more than {paths.MAX_INPUT >> 20} MB",
                                         "give the entries in smaller parts"), exit_code=2)
        return text
    try:
        data = paths.read_bytes(path)
    except OSError as e:
        raise BiblioError(Diagnostic(path, 1, 1, ERROR, "io", f"cannot read the file: "
                                     f"{e.strerror}", "check the path"), exit_code=2) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise BiblioError(Diagnostic(path, line, 1, ERROR, "encoding", "not valid UTF-8",
                                     "save the file as UTF-8"), exit_code=2) from None


def from_file(path: str, kind: str) -> list[Record]:
    """Records from a BibTeX, RIS or CSL-JSON file (`-`: standard input)."""
    import importlib

    text = read_source(path)
    where = "<stdin>" if path == "-" else path
    module = {"bibtex": "bibtex", "ris": "ris", "csl-json": "csljson"}[kind]
    reader = importlib.import_module(f"{__package__}.{module}").read
    try:
        return reader(text, where)
    except ImportFailed as e:
        raise fail(where, e) from None


def from_text(text: str, opts: Options) -> Record:
    """A reference typed as text: Crossref's best match if it agrees well enough, else parsed."""
    parsed = textmod.parse(text)
    if opts.offline:
        parsed.review.append("parsed offline")
        return readable(parsed, text)
    doi = parsed.text("doi")
    if doi:
        # A DOI written in the reference names the work: its record beats any search.
        try:
            record = crossref.fetch(doi, opts.client, opts.settings)
        except ImportFailed as e:
            parsed.review.append(f"the DOI in the text could not be looked up ({e.message})")
        else:
            record.source = "text"
            record.match = {"text": text, "doi": doi, "score": 1.0, "crossref_score": 0.0,
                            "candidate": f"the DOI written in the text: {doi}", "taken": True}
            return record
    try:
        works = crossref.search(textmod.query_text(text), opts.client, opts.settings)
    except ImportFailed as e:
        parsed.review.append(f"no answer from Crossref ({e.message})")
        return readable(parsed, text)
    candidates = textmod.rank(text, works)
    if not candidates:
        parsed.review.append("Crossref found no candidate")
        return readable(parsed, text)
    best = candidates[0]
    info = {"text": text, "doi": best.message.get("DOI"), "score": best.score,
            "crossref_score": best.crossref_score, "candidate": best.summary}
    taken = best.score >= opts.threshold
    if not taken and best.score >= MATCH_FLOOR:
        taken = opts.yes or bool(opts.confirm and opts.confirm(text, best))
        info["confirmed"] = taken
    if not taken:
        parsed.review.append(f"Crossref's best candidate scored {best.score:.2f}, below "
                             f"{opts.threshold:.2f}: {best.summary}")
        parsed.match = {**info, "taken": False}
        return readable(parsed, text)
    record = crossref.to_record(best.message)
    record.source = "text"
    record.match = {**info, "taken": True}
    return record


def readable(parsed: Record, text: str) -> Record:
    """`parsed` if the text read as a reference: a DOI, or two of who, when and what (authors,
    a year, a title). Anything less would be a junk entry (a title that is the whole text), so
    it is refused."""
    has = parsed.text
    found = (any(map(has, ("author", "editor", "editora"))), has("year") or has("date"),
             has("title"))
    if has("doi") or sum(map(bool, found)) >= 2:
        return parsed
    short = text if len(text) <= 60 else text[:59] + "…"
    raise fail("biblio", ImportFailed(
        "unreadable-text", f"the text {short!r} does not read as a reference (no authors, "
        "year and title found)", "write it as 'Author, A. (2020). Title. Source.', or give its DOI, "
        "or its BibTeX with --bibtex -", exit_code=2), located=False)
