"""The tables behind biblio.tocsl: entry types → CSL types, roles, genres (languages:
biblio.csl.language)."""

from __future__ import annotations

import re

from . import latex

TYPES = {
    "article": "article-journal", "periodical": "article-journal",
    "suppperiodical": "article-journal", "book": "book", "mvbook": "book",
    "collection": "book", "mvcollection": "book", "proceedings": "book",
    "mvproceedings": "book", "reference": "book", "mvreference": "book", "manual": "book",
    "commentary": "book", "incollection": "chapter", "inbook": "chapter", "bookinbook": "chapter",
    "suppbook": "chapter", "suppcollection": "chapter", "inreference": "entry-encyclopedia",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "booklet": "pamphlet", "online": "webpage", "electronic": "webpage", "www": "webpage",
    "report": "report", "techreport": "report", "thesis": "thesis", "phdthesis": "thesis",
    "mastersthesis": "thesis", "unpublished": "manuscript", "patent": "patent",
    "dataset": "dataset", "data": "dataset", "software": "software", "standard": "standard",
    "video": "motion_picture", "movie": "motion_picture", "audio": "song", "music": "song",
    "artwork": "graphic", "image": "graphic", "letter": "personal_communication",
    "letters": "personal_communication", "review": "review", "performance": "performance",
    "jurisdiction": "legal_case", "legislation": "legislation", "legal": "treaty",
    "misc": "document", "newsarticle": "article-newspaper", "map": "map",
}
# APA 7 10.1 treats newsletter articles as magazine articles, dated "(2015, Spring)".
SUBTYPES = {"magazine": "article-magazine", "newsletter": "article-magazine",
            "newspaper": "article-newspaper", "blog": "post-weblog"}
# CSL types biblio reads as another (no biblatex type of their own).
CSL_SYNONYMS = {"entry": "entry-encyclopedia", "entry-dictionary": "entry-encyclopedia",
                "post": "webpage", "review-book": "review", "article": "document",
                "personal_communication": "document"}


def _from_csl() -> dict[str, tuple[str, str]]:
    """CSL type → (biblatex type, entrysubtype): the inverse of TYPES (the first type listed
    for a CSL type is its own) and of SUBTYPES (an @article with a subtype), with synonyms."""
    out: dict[str, tuple[str, str]] = {}
    for sub, csl in SUBTYPES.items():
        out.setdefault(csl, ("article", sub))
    for bib, csl in TYPES.items():
        out.setdefault(csl, (bib, ""))
    out.update({alias: out[same] for alias, same in CSL_SYNONYMS.items()})
    return out


FROM_CSL = _from_csl()
ARTICLE_LIKE = frozenset({"article", "periodical", "suppperiodical", "review"})
BOOK_LIKE = frozenset({
    "book", "collection", "proceedings", "reference", "mvbook", "mvcollection",
    "mvproceedings", "mvreference", "bookinbook", "inbook", "incollection", "inproceedings",
    "inreference", "suppbook", "suppcollection", "conference", "manual"})
CHAPTER_LIKE = frozenset({"inbook", "incollection", "inproceedings", "conference", "inreference",
                          "bookinbook", "suppbook", "suppcollection"})
PERSONAL = re.compile(r"\s*(personal\s+communication|pers\.?\s*comm\.?)s?\s*", re.IGNORECASE)
# APA 7 10.6: "[Doctoral dissertation, …]", "[Master's thesis, …]"
# The bracketed description APA 7 gives audiovisual works when the entry names none (10.12):
# a motion picture is a "Film"; a @video is one only when it is online (YouTube & co.).
MEDIA_GENRES = {"movie": "Film", "video": "Video"}
THESIS_GENRES = {"phdthesis": "Doctoral dissertation", "mathesis": "Master’s thesis",
                 "mastersthesis": "Master’s thesis", "candthesis": "Candidate thesis",
                 "techreport": "Technical report", "resreport": "Research report",
                 "software": "Computer software", "datacd": "CD-ROM", "audiocd": "Audio CD",
                 # biblatex's patent keys, as APA 7 names them ("U.S. Patent No. 7,650,000")
                 "patent": "Patent", "patentus": "U.S. Patent", "patentde": "German Patent",
                 "patenteu": "European Patent", "patentfr": "French Patent",
                 "patentuk": "British Patent", "patreq": "Patent application",
                 "patrequs": "U.S. Patent application",
                 "patreqde": "German Patent application",
                 "patreqeu": "European Patent application",
                 "patreqfr": "French Patent application",
                 "patrequk": "British Patent application"}
# biblatex localisation keys a field may hold whole, or as \bibstring{key}: what they mean in
# English (biblatex's english.lbx). Genres (`type`) come from THESIS_GENRES first.
BIBSTRINGS = {
    "newseries": "new series", "oldseries": "old series", "jourser": "series",
    "countryde": "Germany", "countryeu": "European Union", "countryep": "European Union",
    "countryfr": "France", "countryuk": "United Kingdom", "countryus": "United States",
    "newedition": "new edition", "reprint": "reprint", "inpreparation": "in preparation",
    "andothers": "et al.", "andmore": "et al.", "bibliography": "bibliography",
    "techreport": "technical report", "resreport": "research report",
    "phdthesis": "doctoral dissertation", "mathesis": "master’s thesis",
    "volume": "volume", "volumes": "volumes", "number": "number", "edition": "edition",
    "series": "series", "patent": "patent", "patentus": "U.S. patent",
}
# fields whose whole value may be a localisation key
KEYED_FIELDS = frozenset({"series", "type", "location", "address", "note", "addendum",
                          "howpublished", "edition", "pubstate", "titleaddon", "origlocation"})

PUBSTATE = {"inpress": "in press", "forthcoming": "forthcoming", "submitted": "submitted",
            "inpreparation": "in preparation", "prepublished": "prepublished"}


_NOT_IN_KEY = re.compile(r"[\s.{}]")


def pubstate_key(text: str) -> str | None:
    """The biblatex pubstate key a value is written as ("in press", "In Press.", "inpress" →
    "inpress"), or None: one reading for the mapping and the checks."""
    key = _NOT_IN_KEY.sub("", text).lower()
    return key if key in PUBSTATE else None


# a chapter given by words, not by a number ("3", "IV", "12a"): BibTeX's own @inbook, whose
# `title` is the book's and whose `chapter` then holds the chapter's title
_WORDS = re.compile(r"[^\W\d_]{2,}")
_ROMAN = re.compile(r"(?i)[ivxlcdm]+")


def chapter_titled(etype: str, fields) -> bool:
    """An @inbook written for BibTeX (no `booktitle` or `maintitle`, crossref and xdata
    resolved) whose `chapter` is the chapter's title: its `title` names the book. (The
    reading of the CSL item and the `missing-field` check both ask this.)"""
    f = fields
    if etype.lower() != "inbook" or "booktitle" in f or "maintitle" in f or "title" not in f:
        return False
    words = _WORDS.findall(latex.to_text(f.get("chapter") or "")[0])
    return any(not _ROMAN.fullmatch(w) for w in words)


# accepted but not yet published: the state stands in for the year (APA 7 10.8, "in press")
UNDATED_STATES = frozenset({"in press", "forthcoming"})
# biblatex editortype values → CSL name variables
# (None: a role APA 7 does not name in a reference — a redactor, reviser, founder or
# continuator is not an editor, and is left out rather than printed as "(Ed.)")
ROLES = {"editor": "editor", "compiler": "compiler", "organizer": "organizer",
         "director": "director", "interviewer": "interviewer", "translator": "translator",
         "collaborator": "contributor", "founder": None, "continuator": None,
         "redactor": None, "reviser": None, "producer": "producer",
         "curator": "curator", "chair": "chair", "host": "host", "narrator": "narrator",
         "illustrator": "illustrator", "composer": "composer", "performer": "performer"}
EPRINT_URLS = {"arxiv": "https://arxiv.org/abs/", "jstor": "https://www.jstor.org/stable/",
               "pubmed": "https://www.ncbi.nlm.nih.gov/pubmed/", "hdl": "https://hdl.handle.net/",
               "googlebooks": "https://books.google.com?id="}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
            "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
            "twelfth": 12}
