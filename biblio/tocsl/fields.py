"""The rule table: for each CSL variable, the BibTeX fields it comes from, a converter and an
optional condition on the entry type (citation.js's Translator shape)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .tables import ARTICLE_LIKE, BOOK_LIKE, CHAPTER_LIKE
from .values import (
    Ctx,
    date,
    doi,
    edition,
    language,
    literal_list,
    name_list,
    pages,
    periodical_title,
    publisher_list,
    pubstate,
    raw,
    rich,
    text,
    title,
    url,
)

MEDIA = ("video", "movie", "audio", "music", "artwork", "image")


# --- conditions ------------------------------------------------------------------------------

def is_article(ctx: Ctx) -> bool:
    return ctx.type in ARTICLE_LIKE


def is_book(ctx: Ctx) -> bool:
    return ctx.type in BOOK_LIKE


def is_chapter(ctx: Ctx) -> bool:
    return ctx.type in CHAPTER_LIKE


def not_article_or_book(ctx: Ctx) -> bool:
    return ctx.type not in ARTICLE_LIKE and ctx.type not in BOOK_LIKE


def is_patent(ctx: Ctx) -> bool:
    return ctx.type == "patent"


def not_patent(ctx: Ctx) -> bool:
    return ctx.type != "patent"


# --- the table ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Rule:
    """One row of the BibTeX → CSL table: a CSL variable from BibTeX fields."""
    target: str  # CSL variable
    sources: tuple[str, ...]  # BibTeX fields; the first present wins, unless `join`
    convert: Callable = text
    when: Callable[[Ctx], bool] | None = None  # looks at ctx.type only (results are cached)
    join: str | None = None  # join every present source with this separator


RULES: list[Rule] = [
    # names (the role fields editortype & co. are handled in `_roles`)
    Rule("author", ("author",), name_list),
    Rule("translator", ("translator",), name_list),
    Rule("container-author", ("bookauthor",), name_list),
    Rule("director", ("director",), name_list),
    Rule("producer", ("producer",), name_list),
    # annotator, commentator, introduction, foreword, afterword: APA 7 names none of them in a
    # reference (a book is cited by its author, not as "with" its commentator), so they stay
    # in the .bib only
    # titles
    # title-short: `_titles` (pandoc's short title: shorttitle, or the title before a colon)
    Rule("container-title", ("journaltitle", "journal"), periodical_title,
         when=lambda c: not is_chapter(c)),
    Rule("container-title-short", ("shortjournal", "journalabbr"), periodical_title),
    # names of series and of events are proper names: their capitals stay
    Rule("collection-title", ("series",), periodical_title),
    Rule("event-title", ("eventtitle",), periodical_title),
    Rule("original-title", ("origtitle",), title),
    # numbers and locators
    Rule("volume", ("volume",), text),
    Rule("number-of-volumes", ("volumes",), text),
    Rule("number-of-pages", ("pagetotal",), text),
    Rule("chapter-number", ("chapter",), text),
    Rule("edition", ("edition",), edition),
    Rule("version", ("version",), text),
    Rule("page", ("pages",), pages),
    Rule("collection-number", ("number",), text, when=is_book),
    Rule("issue", ("number", "issue"), text, when=is_article, join=", "),
    Rule("number", ("number",), text, when=not_article_or_book),
    Rule("number", ("eid",), text),
    # publisher and places (APA 7, publishers: several are separated by semicolons)
    Rule("publisher", ("school", "institution", "organization", "publisher"), publisher_list,
         join="; "),
    Rule("publisher-place", ("address", "location"), literal_list, when=not_patent),
    Rule("jurisdiction", ("location", "address"), literal_list, when=is_patent),
    Rule("event-place", ("venue",), text),
    Rule("original-publisher", ("origpublisher",), publisher_list),
    Rule("original-publisher-place", ("origlocation",), literal_list),
    # dates
    Rule("accessed", ("urldate",), date),
    Rule("event-date", ("eventdate",), date),
    Rule("original-date", ("origdate", "origyear"), date),
    # identifiers
    Rule("DOI", ("doi",), doi),
    Rule("URL", ("url",), url),
    Rule("ISBN", ("isbn",), raw),
    Rule("ISSN", ("issn",), raw),
    Rule("PMID", ("pmid",), raw),
    Rule("PMCID", ("pmcid",), raw),
    Rule("call-number", ("library",), text),
    # notes (kept; APA does not print abstract or keywords)
    Rule("note", ("note", "addendum"), rich, join=". "),
    Rule("annote", ("annotation", "annote"), rich),
    Rule("abstract", ("abstract",), rich),
    Rule("keyword", ("keywords",), text),
    Rule("status", ("pubstate",), pubstate),
    Rule("language", ("langid", "hyphenation", "language"), language),
    Rule("medium", ("howpublished",), text,
         when=lambda c: c.type in MEDIA),
    Rule("publisher", ("howpublished",), text,
         when=lambda c: c.type not in MEDIA),
]
