"""Fields: names biblatex (and the common tools) do not know, with a 'did you mean'."""

from __future__ import annotations

import functools

from ._text import wordset
from .registry import INFO, Context, View, rule

# The biblatex data model's fields, BibTeX's own, and those reference managers commonly add.
KNOWN = wordset("""
abstract addendum afterword annotation annotator author authortype bookauthor bookpagination
booksubtitle booktitle booktitleaddon chapter commentator date doi edition editor editora
editorb editorc editortype editoratype editorbtype editorctype eid entrysubtype eprint
eprintclass eprinttype eventdate eventtitle eventtitleaddon file foreword holder howpublished
indextitle institution introduction isan isbn ismn isrn issn issue issuesubtitle issuetitle
issuetitleaddon iswc journalsubtitle journaltitle journaltitleaddon label language library
location mainsubtitle maintitle maintitleaddon month nameaddon note number organization
origdate origlanguage origlocation origpublisher origtitle pages pagetotal pagination part
publisher pubstate reprinttitle series shortauthor shorteditor shorthand shorthandintro
shortjournal shortseries shorttitle subtitle title titleaddon translator type url urldate
venue version volume volumes year crossref entryset execute gender langid langidopts ids
indexsortname indexsorttitle keywords options presort related relatedoptions relatedstring
relatedtype sortkey sortname sortshorthand sorttitle sortyear xdata xref
address annote journal key school archiveprefix primaryclass eventdate
month day hyphenation pmid pmcid mrnumber zbl lccn ean timestamp owner comment comments
mendeley-tags mendeley-groups groups ranking readstatus priority qualityassured printed
citeulike-article-id citeulike-linkout bibsource biburl bdsk-url-1 bdsk-url-2 bdsk-file-1
date-added date-modified copyright abstractnote rating review urlyear urlmonth
""")


@functools.cache
def known() -> frozenset[str]:
    """KNOWN and the fields the BibTeX → CSL mapping reads (origyear, …): whatever it prints
    is known. Asked for only when a field is not in KNOWN: importing the mapping (tocsl) is
    a tenth of a plain `biblio check`'s start-up, and most files use only KNOWN's fields."""
    from ..tocsl.entry import ROLE_FIELDS, TITLE_FIELDS
    from ..tocsl.fields import RULES

    return KNOWN | {s for r in RULES for s in r.sources} | set(TITLE_FIELDS) | set(ROLE_FIELDS)


def _typo(a: str, b: str) -> bool:
    """Is `a` a slip of the keys for `b`: one letter added, dropped, changed or two swapped
    (jounral, publsher, adress)? Only such a near miss is renamed by `fmt --fix`; a name that
    is merely alike (origyear, sortyear) may mean something else, and stays for its writer."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return (a[i + 1:] == b[i + 1:] or a[i + 1:] == b[i:] or a[i:] == b[i + 1:] or
            (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1]))


@rule("unknown-field", INFO, "fields",
      "a field name no style reads (with 'did you mean' for near misses: jounral → journal)",
      fix=lambda entry, finding: _rename(entry, finding))
def unknown_field(ctx: Context, e: View):
    if KNOWN.issuperset(e.fields) or known().issuperset(e.fields):
        return
    import difflib  # only for a field no style reads (it is also most of this module's import)

    for f in e.entry.fields:
        low = f.name.lower()
        if low in known():
            continue
        close = difflib.get_close_matches(low, known(), n=1, cutoff=0.75)
        if close and close[0] not in e.fields:
            yield e.find(f, f"unknown field '{f.name}' in '{e.key}'",
                         f"did you mean '{close[0]}'?",
                         value=close[0] if _typo(low, close[0]) else None)
        else:
            yield e.find(f, f"unknown field '{f.name}' in '{e.key}'; styles will ignore it",
                         "rename it to a biblatex field, or ignore this rule if it is yours")


def _rename(entry, finding) -> str:
    if not finding.value:
        return ""
    old = finding.field.name
    finding.field.name = finding.value
    entry.changed = True
    return f"renamed field {old} → {finding.value}"
