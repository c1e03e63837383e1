"""Sources: what the world says about a work and its links — retracted, under an expression of
concern, corrected; a DOI that does not resolve; a link that died or moved.

These rules run only with `check --online`: the online stage (biblio/online.py) asks Crossref,
doi.org, the sites and the Internet Archive, and the rules read its `Answers` from the context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..bib.blocks import Library
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


def _notices(ctx: Context, e: View, rule_id: str):
    answers = ctx.online
    doi = doi_of(e)
    if answers is None or doi is None:
        return
    what, fix = SAYS[rule_id]
    for n in answers.notices.get(doi, []):
        if UPDATES.get(n.kind) != rule_id:
            continue
        label = n.label or n.kind.replace("-", " ")
        notice = f"notice {n.doi}" if n.doi else "a notice"
        when = f" of {n.date}" if n.date else ""
        yield e.find(None, f"{what}: {label.lower()} {notice}{when} (source: {n.source})", fix)


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
