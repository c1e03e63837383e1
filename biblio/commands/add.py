"""`biblio add SOURCE...`: add sources by DOI, arXiv id, BibTeX, RIS, CSL-JSON or pasted text.

Everything is fetched and parsed first; then all new entries are written in one locked
read-modify-write, or none is (a duplicate, a failed look-up: the file is left as it was).
The keys of the new entries go to stdout, one per line; everything else to stderr.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import click

from .common import bib_option, encoding_option, format_option, note, report


@dataclass
class Result:
    path: str
    outcomes: list = field(default_factory=list)  # store.Outcome
    warnings: list = field(default_factory=list)  # Diagnostic

    def to_dict(self) -> dict:
        from ..importers.values import plain

        entries = []
        for o in self.outcomes:
            item = {"key": o.key, "status": o.status, "type": o.record.type,
                    "source": o.record.source, "line": o.line,
                    "fields": {n: plain(o.record.text(n)) for n, _ in o.record.ordered()},
                    "review": o.record.review}
            if o.record.match:
                item["match"] = o.record.match
            if o.reason:
                item["reason"] = o.reason
            if o.status in ("merged", "unchanged", "duplicate"):
                item["added_fields"] = o.added
                item["differing_fields"] = {k: {"kept": a, "offered": b}
                                            for k, (a, b) in o.differs.items()}
            entries.append(item)
        return {"bib": self.path, "entries": entries,
                "warnings": [d.to_dict() for d in self.warnings]}


def gather(sources=(), *, texts=(), bibtex=(), ris=(), csljson=(), opts=None) -> list:
    """Every record the sources give, in the order given. Raises BiblioError on failure."""
    from ..importers import sources as src

    opts = opts or src.Options()
    records = []
    for s in sources:
        records.extend(src.from_identifier(s, opts))
    for path in bibtex:
        records.extend(src.from_file(path, "bibtex"))
    for path in ris:
        records.extend(src.from_file(path, "ris"))
    for path in csljson:
        records.extend(src.from_file(path, "csl-json"))
    for t in texts:
        records.append(src.from_text(t, opts))
    return records


def run(sources=(), *, bib: str | None = None, texts=(), bibtex=(), ris=(), csljson=(),
        key: str | None = None, merge: bool = False, offline: bool = False, yes: bool = False,
        confirm=None, encoding: str = "utf-8", cache: bool = True) -> Result:
    from .. import config, store
    from ..diagnostics import usage
    from ..importers import sources as src

    cfg = config.find()
    path = config.bib_path(bib, cfg)
    pattern = store.key_pattern(cfg)  # (its mistakes before anything is fetched)
    opts = src.Options(settings=cfg.settings, offline=offline, yes=yes, confirm=confirm,
                       cache=cache)
    preloaded = _known_dois(path, sources, encoding, refuse=not merge)
    records = gather(sources, texts=texts, bibtex=bibtex, ris=ris, csljson=csljson, opts=opts)
    if not records:
        raise usage("nothing to add", "give a DOI, an arXiv id, --bibtex FILE, --ris FILE, "
                    "--csl-json FILE or --text \"…\"")
    outcomes, warnings = store.add(path, records, key=key,
                                   on_duplicate=store.MERGE if merge else store.REFUSE,
                                   pattern=pattern, encoding=encoding,
                                   settings=cfg.settings, preloaded=preloaded)
    warnings += store.standing(outcomes, str(path), cfg, offline, cache)
    return Result(str(path), outcomes, warnings)


def _known_dois(path, sources, encoding: str, refuse: bool = True):
    """Refuse a DOI the library already has before asking the network for it. Returns the
    library as read (the locked write reuses it when the file has not changed since)."""
    from ..bib import library
    from ..diagnostics import ERROR, BiblioError, Diagnostic
    from ..importers import arxiv, crossref
    from ..importers.dedupe import norm_doi

    wanted = {}
    for s in sources:
        a = arxiv.parse_id(s)
        doi = f"10.48550/arXiv.{re.sub(r'v[0-9]+$', '', a)}" if a else crossref.parse_doi(s)
        if doi:
            wanted[s] = norm_doi(doi)
    if not path.exists():
        return None
    try:
        lib = library.load(path, encoding)
    except BiblioError:
        return None  # the locked pass reports it
    if not wanted or not refuse:
        return lib
    by_doi = {}
    for e in lib.entries:
        doi = e.get("doi")
        if doi:
            by_doi.setdefault(norm_doi(doi), e)
    found = []
    for s, doi in wanted.items():
        e = by_doi.get(doi)
        if e is not None:
            found.append(Diagnostic(str(path), e.line or 1, 1, ERROR, "duplicate",
                                    f"{s} is already in the library as '{e.key}' (the same "
                                    f"DOI {doi})", f"cite '{e.key}', or pass --merge to fill "
                                    "in its missing fields"))
    if found:
        raise BiblioError(found)
    return lib


def _confirm(text: str, candidate) -> bool:
    import sys

    if not sys.stdin.isatty():
        return False
    click.echo(f"text:     {text}", err=True)
    click.echo(f"Crossref: {candidate.summary}", err=True)
    click.echo(f"          match {candidate.score:.2f} (Crossref score "
               f"{candidate.crossref_score:g})", err=True)
    return click.confirm("Use this record?", default=False, err=True)


def show(result: Result, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return
    for o in result.outcomes:
        m = o.record.match
        if m:
            verdict = "taken" if m.get("taken") else "not taken"
            note(f"text: {m['text']}")
            note(f"match {m['score']:.2f} (Crossref {m['crossref_score']:g}), {verdict}: "
                       f"{m['candidate']}")
        if o.status == "added" and o.reason:
            note(f"{o.record.source}: added as '{o.key}' ({o.reason})")
        if o.status in ("merged", "unchanged"):
            note(f"{o.key}: already in the library ({o.reason}); "
                       + ("filled in:" if o.added else "nothing to add"))
            for name, raw in o.added.items():
                note(f"  + {name} = {raw}")
            for name, (kept, offered) in o.differs.items():
                note(f"  = {name} = {kept}   (kept; the source has {offered})")
        click.echo(o.key)
    report(result.warnings)


@click.command(name="add")
@click.argument("sources", nargs=-1)
@click.option("--text", "texts", multiple=True, metavar="TEXT",
              help="A reference written out as text (matched at Crossref).")
@click.option("--bibtex", multiple=True, metavar="FILE", help="BibTeX entries ('-': stdin).")
@click.option("--ris", multiple=True, metavar="FILE", help="A RIS file ('-': stdin).")
@click.option("--csl-json", "csljson", multiple=True, metavar="FILE",
              help="A CSL-JSON file ('-': stdin).")
@click.option("--key", default=None, help="The key for the new entry.")
@click.option("--merge", is_flag=True, help="Fill in missing fields of a duplicate entry.")
@click.option("--offline", is_flag=True, help="Never use the network.")
@click.option("--yes", "-y", is_flag=True, help="Take a below-threshold text match unasked.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the HTTP cache.")
@format_option(help="text (the new keys on stdout) or json (every entry added, on stdout)")
@bib_option
@encoding_option
def cli(sources, texts, bibtex, ris, csljson, key, merge, offline, yes, no_cache, fmt, bib,
        encoding) -> None:
    """Add sources: DOIs, arXiv ids, BibTeX (-), RIS, CSL-JSON, or --text references."""
    result = run(sources, bib=bib, texts=texts, bibtex=bibtex, ris=ris, csljson=csljson,
                 key=key, merge=merge, offline=offline, yes=yes, confirm=_confirm,
                 encoding=encoding, cache=not no_cache)
    show(result, fmt)
