"""BibTeX/biblatex entries → CSL-JSON items, as a table of rules.

`TYPES` maps entry types to CSL types; `RULES` lists, for each CSL variable, the fields it comes
from, a converter and an optional condition (citation.js's Translator shape). `to_csl` applies
them to one entry; `library_to_csl` to a library, with `crossref`/`xdata` inheritance.

The stages, one module each: `values` (a field value → a CSL value), `table` (the rules),
`entry` (one entry → one item), `converter` (a library's entries → items).

Conventions (documented for users in the README):
- personal communication: `type = {personal communication}` (or `howpublished`, or a keyword
  `personal communication`) on any entry, or a biblatex `@letter`, gives CSL
  `personal_communication`, which APA cites in the text only.
- magazine, newsletter and newspaper articles: `@article` with
  `entrysubtype = {magazine|newsletter|newspaper}` (a newsletter maps like a magazine).
- article numbers: `eid`, or `pages` holding a single eLocator such as `e0227773`, give CSL
  `number` (APA: "Article e0227773").
"""

from ..csltables import (
    ARTICLE_LIKE,
    BOOK_LIKE,
    CHAPTER_LIKE,
    EPRINT_URLS,
    LANGS,
    ORDINALS,
    PERSONAL,
    PUBSTATE,
    ROLES,
    SUBTYPES,
    THESIS_GENRES,
    TYPES,
    UNDATED_STATES,
)
from .converter import NOT_REFERENCES, Converter, entry_fields, library_to_csl
from .entry import ROLE_FIELDS, TITLE_FIELDS, to_csl
from .table import (
    MEDIA,
    RULES,
    Rule,
    is_article,
    is_book,
    is_chapter,
    is_patent,
    not_article_or_book,
    not_patent,
)
from .values import (
    Ctx,
    Problem,
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

__all__ = [
    "ARTICLE_LIKE", "BOOK_LIKE", "CHAPTER_LIKE", "EPRINT_URLS", "LANGS", "MEDIA",
    "NOT_REFERENCES", "ORDINALS", "PERSONAL", "PUBSTATE", "ROLES", "ROLE_FIELDS", "RULES",
    "SUBTYPES", "THESIS_GENRES", "TITLE_FIELDS", "TYPES", "UNDATED_STATES", "Converter", "Ctx",
    "Problem", "Rule", "date", "doi", "edition", "entry_fields", "is_article", "is_book",
    "is_chapter", "is_patent", "language", "library_to_csl", "literal_list", "name_list",
    "not_article_or_book", "not_patent", "pages", "periodical_title", "publisher_list",
    "pubstate", "raw", "rich", "text", "title", "to_csl", "url",
]
