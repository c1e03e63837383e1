"""The citation label a label style prints for an item that has none ("Smit19", "SmLe19").

CSL leaves the label to the processor. biblio makes citeproc-js's "trigraph" (what Zotero
users see): up to four names' family names, cut to 4 / 2+2 / 2+1+1 / 1+1+1+1 letters, a work
without names the start of its title, then the year's last two digits. Two departures, both
pandoc's: the letters keep their case ("McDo", where citeproc-js writes "Mcdo"), and a work
without a year gets no digits ("Okaf", not "Okaf00", which reads as 2000; jgm/citeproc's
fixture issue_80).
"""

from __future__ import annotations

import re

from biblio.csl.person import split_particles

# The name lists a label reads, in the order citeproc-js tries them: the first one present.
NAME_VARS = (
    "author", "chair", "collection-editor", "compiler", "composer", "container-author",
    "contributor", "curator", "director", "editor", "editor-translator", "editorial-director",
    "executive-producer", "guest", "host", "illustrator", "interviewer", "narrator",
    "organizer", "original-author", "performer", "producer", "recipient", "reviewed-author",
    "script-writer", "series-creator", "translator", "commenter",
)
# Letters taken from each name, by how many names the work has (four or more: the last).
WIDTHS = ((4,), (2, 2), (2, 1, 1), (1, 1, 1, 1))
TITLE_WIDTH = 4
# A leading lower-case particle written into the family name ("van der Maaten"), and an
# article opening an organisation's name: neither starts a label.
_PARTICLE = re.compile(r"^[ '\u2019a-z]+\s+")
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# Letters of the scripts a label keeps from a name (Latin, Greek, Cyrillic, Hebrew, Arabic,
# Thai and the marks that join them); a name in another script adds nothing.
_NOT_KEPT = re.compile(
    "[^a-zA-Z\u00c0-\u017f\u0218-\u021b\u0370-\u03ff\u0400-\u052f\u0590-\u05d4\u05d6-\u05ff"
    "\u0600-\u06ff\u0e01-\u0e5b\u1f00-\u1fff\u200c-\u200e\u202a-\u202e]")
# Words a title's label passes over (function words: "The Lancet" → "Lanc").
SKIP = frozenset((  # noqa: SIM905 - a word list reads better as one string
    "a about above across afore after against al along alongside amid amidst among amongst an "
    "and anenst apropos apud around as aside astride at athwart atop barring before behind "
    "below beneath beside besides between beyond but by c ca circa d' de despite down during "
    "et except for forenenst from given in inside into lest like modulo near next nor "
    "notwithstanding of off on onto or out over per plus pro qua sans since so than the "
    "through throughout thruout till to toward towards under underneath until unto up upon v "
    "v. van versus via vis-à-vis von vs vs. with within without yet").split())


def _word(s: str) -> str:
    return s[:1].upper() + s[1:]


def _from_names(names: list[dict]) -> str:
    widths = WIDTHS[min(len(names), len(WIDTHS)) - 1]
    out = ""
    for name, width in zip(names, widths):
        family = split_particles(name).get("family") or ""
        text = _PARTICLE.sub("", family) if family else name.get("literal") or ""
        text = _NOT_KEPT.sub("", _ARTICLE.sub("", text))
        if not text:
            break
        out += _word(text[:width])
    return out


def _from_title(title) -> str:
    if not isinstance(title, str):
        return ""
    # (compared without case: "The hospitals…" is "Hosp", where citeproc-js makes "Theh")
    return _word("".join(w for w in title.split() if w.lower() not in SKIP)[:TITLE_WIDTH])


def label(names_of, title, year) -> str:
    """`names_of(var)`: an item's names for a variable; `year`: its issued year or None."""
    text = ""
    for var in NAME_VARS:
        names = names_of(var)
        if names:
            text = _from_names(names)
            break
    if not text:
        text = _from_title(title)
    return text + (str(year)[-2:] if year else "")
