"""Sources: what the world says about a work and its links — retracted, under an expression of
concern, corrected; a DOI that does not resolve; a link that died or moved.

These rules run only with `check --online`: the online stage (biblio/online.py) asks Crossref,
doi.org, the sites and the Internet Archive, and the rules read its `Answers` from the context.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable

from ..bib.blocks import Library
from ..diagnostics import Diagnostic
from .registry import ERROR, INFO, WARNING, Context, View, rule
from .values import _DOI, _doi_parts

# Crossref's update types (hyphens for its underscores) → the rule that reports them.
# new_version and new_edition are not problems with what was cited, so they are absent.
UPDATES = {
    "retraction": "retracted", "partial-retraction": "retracted",
    "withdrawal": "retracted", "removal": "retracted",
    "expression-of-concern": "expression-of-concern",
    "correction": "corrected", "corrigendum": "corrected", "erratum": "corrected",
    "addendum": "corrected", "clarification": "corrected",
}
# rule → (what happened, how to fix it)
SAYS = {
    "retracted": ("the work was retracted",
                  ("do not cite it as evidence; if the post discusses it, say it was "
                   "retracted and cite the notice too")),
    "expression-of-concern": ("the editors published an expression of concern about the work",
                              "read the notice; say so in the post or cite other evidence"),
    "corrected": ("a correction to the work was published",
                  "check that the corrected version still says what the post cites it for"),
}
_URL = re.compile(r"\\url\{([^{}]+)\}|(https?://[^\s{}\\]+)")


def doi_of(e: View) -> str | None:
    """The entry's DOI in lower case (as Crossref and doi.org compare them), if it has one."""
    _, bare = _doi_parts(e.value("doi") or "")
    return bare.lower() if _DOI.fullmatch(bare) else None  # else bad-doi says what is wrong


def urls_of(e: View) -> list[tuple[str, str]]:
    """(field name, URL) for the entry's url and each URL in its howpublished."""
    out = []
    url = (e.value("url") or "").strip()
    if url.startswith(("http://", "https://")):
        out.append(("url", url))
    for m in _URL.finditer(e.value("howpublished") or ""):
        found = (m.group(1) or m.group(2)).strip().rstrip(".,;")
        if found.startswith(("http://", "https://")) and ("howpublished", found) not in out:
            out.append(("howpublished", found))
    return out


def wanted(library: Library, keys: Iterable[str] | None = None
           ) -> tuple[list[str], dict[str, str]]:
    """The DOIs and the URLs (→ the entry's urldate) to ask about; `keys` narrows it to those
    entries (what the posts cite)."""
    only = None if keys is None else {k.lower() for k in keys}
    dois: list[str] = []
    urls: dict[str, str] = {}
    for entry in library.entries:
        if only is not None and entry.key.lower() not in only:
            continue
        view = View(entry)
        doi = doi_of(view)
        if doi:
            dois.append(doi)
        for _, url in urls_of(view):
            urls.setdefault(url, view.value("urldate") or "")
    return dois, urls


def standing(notices, rule_id: str) -> list:
    """The notices that make `rule_id` true of a work (`retracted`: its retractions,
    withdrawals, removals): the one answer to "is this work retracted" that check, add and
    build all ask."""
    return [n for n in notices if UPDATES.get(n.kind) == rule_id]


def describe(n, rule_id: str) -> tuple[str, str]:
    """What a notice means for a writer, and what to do: (message, fix)."""
    what, fix = SAYS[rule_id]
    label = n.label or n.kind.replace("-", " ")
    notice = f"notice {n.doi}" if n.doi else "a notice"
    when = f" of {n.date}" if n.date else ""
    return f"{what}: {label.lower()} {notice}{when} (source: {n.source})", fix


def _notices(ctx: Context, e: View, rule_id: str):
    answers = ctx.online
    doi = doi_of(e)
    if answers is None or doi is None:
        return
    for n in standing(answers.notices.get(doi, []), rule_id):
        yield e.find(None, *describe(n, rule_id))


@rule("retracted", ERROR, "sources",
      "the work was retracted, withdrawn or removed (Crossref, Retraction Watch)",
      scope="online", needs=("doi",))
def retracted(ctx: Context, e: View):
    yield from _notices(ctx, e, "retracted")


@rule("expression-of-concern", WARNING, "sources",
      "the editors published an expression of concern about the work", scope="online",
      needs=("doi",))
def expression_of_concern(ctx: Context, e: View):
    yield from _notices(ctx, e, "expression-of-concern")


@rule("corrected", INFO, "sources",
      "a correction, erratum or addendum to the work was published", scope="online",
      needs=("doi",))
def corrected(ctx: Context, e: View):
    yield from _notices(ctx, e, "corrected")


@rule("doi-unresolved", ERROR, "sources", "doi.org does not know the DOI", scope="online",
      needs=("doi",))
def doi_unresolved(ctx: Context, e: View):
    doi = doi_of(e)
    if ctx.online is None or doi is None or ctx.online.resolves.get(doi, True):
        return
    yield e.find(e.fields["doi"], f"the DOI {doi} does not resolve: doi.org has no record of it",
                 "check it against the publisher's page; remove it if the work has no DOI")


@rule("dead-link", WARNING, "sources",
      "the URL is gone (404, 410, no such host, a redirect loop)", scope="online",
      needs=("url", "howpublished"))
def dead_link(ctx: Context, e: View):
    if ctx.online is None:
        return
    for name, url in urls_of(e):
        link = ctx.online.links.get(url)
        if link is None or not link.dead:
            continue
        if link.archive:
            fix = f"use the archived copy of {link.archived}: {link.archive}"
        elif link.archive_error:
            fix = f"the Internet Archive could not be asked ({link.archive_error}); find " \
                  "where the page moved, or remove the link"
        else:
            fix = "the Internet Archive has no copy; find where the page moved, or remove " \
                  "the link"
        yield e.find(e.fields[name], f"the link {url} is dead: {link.dead}", fix)


@rule("moved-link", INFO, "sources", "the URL redirects permanently to another",
      scope="online", needs=("url", "howpublished"))
def moved_link(ctx: Context, e: View):
    if ctx.online is None:
        return
    for name, url in urls_of(e):
        link = ctx.online.links.get(url)
        if link is not None and link.moved and not link.dead and link.moved != url:
            yield e.find(e.fields[name], f"the link {url} has moved permanently to "
                         f"{link.moved}", f"replace it with {link.moved}")


# How to go on when a question got no answer, by the kind of failure.
_UNANSWERED_FIX = {"offline": "check the connection and run the check again",
                   "no-host": "check the connection and run the check again",
                   "timeout": "try again later, or raise BIBLIO_HTTP_TIMEOUT / online_budget",
                   "unavailable": "try again in a few minutes",
                   "malformed": "try again later; if it persists the service is broken",
                   "too-large": "the address does not serve what was expected; check it"}


def unanswered(lib: Library, failures) -> list[Diagnostic]:
    """One line per host and kind of failure, at the first entry it left unchecked."""
    from . import positions

    where: dict[str, tuple[int, int]] = {}
    for entry in lib.entries:
        view = View(entry)
        subjects = [(doi_of(view), "doi")] + [(u, n) for n, u in urls_of(view)]
        for subject, name in subjects:
            if subject and subject not in where:
                where[subject] = positions.position(entry, view.fields.get(name))
    groups: dict[tuple[str, str], list] = {}
    for f in failures:
        host = urllib.parse.urlsplit(f.error.url).netloc or f.error.url
        groups.setdefault((host, f.error.kind), []).append(f)
    out = []
    for (_, kind), group in groups.items():
        first = group[0]
        line, col = where.get(first.subject, (1, 1))
        more = len({f.subject for f in group}) - 1
        also = f" (and {more} more {'entry' if more == 1 else 'entries'} left unchecked)" \
            if more else ""
        out.append(Diagnostic(lib.path, line, col, ERROR, "network",
                              f"could not check {first.subject}: {first.error.message}{also}",
                              _UNANSWERED_FIX.get(kind, "try again later")))
    return sorted(out, key=lambda d: d.sort_key)
