"""What a style asks of biblio beyond CSL: the one place that decides whether APA's own rules
apply, what is cited in the text only, and whether the style's citations are footnotes
(`Profile.note`, a style of class "note": pandoc makes each citation outside a footnote into
one).
Whether an item is English is its own language, else the output's (`Profile.english`).

APA 7 rules a CSL style cannot express: personal communications are cited in the text and left
out of the reference list (8.9); a group author that is also the publisher is not repeated as
the publisher (9.24; Chicago and IEEE repeat it); a thesis in no database, archive or web
page is "[Unpublished master's thesis]" (10.6); a signal ("see also") heads the cites after it,
sorted under it (8.12). They apply when the style is APA, whatever
the command. (That
narrative citations join two names with "and" where the parenthetical ones use "&" (8.17) is
the engine's: its "narrative" cites do so in every style.)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..styles import check_style

# Variables that make a personal communication retrievable (apa.csl's own test for them).
_RETRIEVABLE = ("archive", "archive-place", "container-title", "DOI", "number", "publisher",
                "references", "URL")
_NS = "{http://purl.org/net/xbiblio/csl}"


@dataclass(frozen=True)
class Profile:
    """What a style's XML says about how a post renders (APA, hanging indent, notes)."""
    style: str  # the style as given (CSL XML)
    is_apa: bool
    hanging: bool
    default_locale: str | None
    note: bool = False  # <style class="note">: citations are footnotes

    @property
    def signal_groups(self) -> bool:
        """Whether a signal ("see also", "cf.") heads the cites after it, which sort under it
        (APA 7 §8.12; the engine's `signal_groups`). Other styles sort each cite with its own
        prefix, as CSL 1.0.2 and citeproc-js do: no other manual the styles follow groups
        sorted cites by their signals."""
        return self.is_apa

    def in_text_only(self, item: dict) -> bool:
        """Cited in the text and never listed: an APA personal communication (APA 7 8.9)."""
        return self.is_apa and is_personal_communication(item)

    def prepared(self, item: dict) -> dict:
        """The item as the style is given it: with APA, without a publisher that is its one
        group author (APA 7 9.24: "When the author and publisher are the same, omit the
        publisher name"), and a thesis found in no database, archive or web page described as
        unpublished (10.6: "[Unpublished doctoral dissertation]. University")."""
        if not self.is_apa:
            return item
        authors = item.get("author") or []
        if len(authors) == 1 and "literal" in authors[0] and \
                item.get("publisher") == authors[0]["literal"]:
            item = {k: v for k, v in item.items() if k != "publisher"}
        genre = item.get("genre")
        # (the test is apa.csl's own for printing the university after the description)
        if item.get("type") == "thesis" and genre and _THESIS.fullmatch(genre) and \
                not any(item.get(v) for v in ("archive", "DOI", "URL")):
            item = dict(item, genre=f"Unpublished {genre[0].lower()}{genre[1:]}")
        return item

    def english(self, locale: str | None) -> bool:
        """Whether an entry that names no language of its own is English: the output's
        language is (pandoc's rule, and CSL's for text-case). An entry's own `langid` or
        `language` always decides for it (biblio.tocsl)."""
        return (locale or self.default_locale or "en-US").lower().startswith("en")


_THESIS = re.compile(r"(?i)master[’']s thesis|doctoral dissertation")


def is_personal_communication(item: dict) -> bool:
    return item.get("type") in ("personal_communication", "interview") and not any(
        item.get(v) for v in _RETRIEVABLE)


@functools.lru_cache(maxsize=16)
def profile(style: str) -> Profile:
    """The profile of a style (CSL XML), made once per style. Every rendering asks for it
    before the engine runs, so this is where a style is checked (styles.check_style): one that
    cannot be used is a located error, exit 2, wherever it is rendered with."""
    root = check_style(style).root  # the tree the compiled style was made from
    bib = root.find(f"{_NS}bibliography")
    hanging = bib is not None and bib.get("hanging-indent") == "true"
    info = root.find(f"{_NS}info")
    ident = ((info.findtext(f"{_NS}id") if info is not None else None) or "").strip().lower()
    title = ((info.findtext(f"{_NS}title") if info is not None else None) or "").strip().lower()
    is_apa = bool(re.search(r"(^|[/_-])apa($|[/_-])", ident)) or \
        title.startswith("american psychological association")
    return Profile(style, is_apa, hanging, root.get("default-locale"),
                   note=root.get("class") == "note")
