"""Which language an item is in, and whether it is English: the one answer every stage asks
for (the BibTeX → CSL mapping's sentence case, the engine's `text-case`, the document profile).

An item says its language in biblatex's `langid`, `hyphenation` or `language` (babel names:
"english", "ngerman"; or a tag, "en-GB") or in CSL's `language` ("en-US", "German"). The output
locale does not say it: an English entry keeps its sentence case in a German document, and a
German title keeps its capitals ("Annalen der Physik") in an English one.
"""

from __future__ import annotations

import re

# babel/polyglossia language names (and the English names Zotero writes) → BCP 47 tags
LANGS = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "australian": "en-AU", "newzealand": "en-NZ", "canadian": "en-CA",
    "german": "de-DE", "ngerman": "de-DE", "austrian": "de-AT", "naustrian": "de-AT",
    "swissgerman": "de-CH", "nswissgerman": "de-CH", "french": "fr-FR", "spanish": "es-ES",
    "italian": "it-IT", "dutch": "nl-NL", "portuguese": "pt-PT", "brazil": "pt-BR",
    "brazilian": "pt-BR", "russian": "ru-RU", "polish": "pl-PL", "swedish": "sv-SE",
    "danish": "da-DK", "norwegian": "nb-NO", "norsk": "nb-NO", "nynorsk": "nn-NO",
    "finnish": "fi-FI", "czech": "cs-CZ", "greek": "el-GR", "turkish": "tr-TR",
    "japanese": "ja-JP", "chinese": "zh-CN", "korean": "ko-KR", "hebrew": "he-IL",
    "arabic": "ar", "catalan": "ca-AD", "hungarian": "hu-HU", "latin": "la",
    "eng": "en", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es", "ita": "it",
}
_TAG = re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*")
# the fields that name an entry's language, in the order biblatex reads them
BIBTEX_FIELDS = ("langid", "hyphenation", "language")


def tag(value: str | None) -> str | None:
    """A language name or tag as a BCP 47 tag ("ngerman" → "de-DE", "en_GB" → "en-GB");
    None when it names no language. biblatex's `language` may list several ("english and
    german"): the first is the item's."""
    if not value or not isinstance(value, str):
        return None
    v = re.split(r"\s+and\s+|[,;]", value.strip(), maxsplit=1)[0].strip().strip("{}").lower()
    if v in LANGS:
        return LANGS[v]
    if _TAG.fullmatch(v):
        head, _, rest = v.replace("_", "-").partition("-")
        return head + ("-" + rest.upper() if len(rest) == 2 else "-" + rest if rest else "")
    return None


def of_fields(fields: dict[str, str]) -> str | None:
    """The language tag a BibTeX entry's fields give (`langid`, `hyphenation`, `language`)."""
    for name in BIBTEX_FIELDS:
        t = tag(fields.get(name))
        if t:
            return t
    return None


def is_english(language: str | None, unmarked: bool = True) -> bool:
    """Is an item whose language is `language` (a CSL `language`, or a biblatex `langid`) in
    English? `unmarked`: the answer for an item that names no language it can be read as
    (the document's or the locale's language decides those)."""
    if not language or not isinstance(language, str) or not language.strip():
        return unmarked
    t = tag(language)
    if t is None:  # named, but not as a language biblio knows: English only if it says so
        return language.strip().lower().startswith("en")
    return t == "en" or t.startswith("en-")
