"""Which language an item is in, and whether it is English: the one answer every stage asks
for (the BibTeX → CSL mapping's sentence case, the engine's `text-case`, the document profile).

An item says its language in biblatex's `langid`, `hyphenation` or `language` (babel names:
"english", "ngerman"; or a tag, "en-GB") or in CSL's `language` ("en-US", "German"). The output
locale does not say it: an English entry keeps its sentence case in a German document, and a
German title keeps its capitals ("Annalen der Physik") in an English one.
"""

from __future__ import annotations

import re

# babel/polyglossia language names (and the English names Zotero writes) → BCP 47 tags. Where
# several names give one tag, the first is the one biblio writes (`babel` below).
LANGS = {
    "english": "en-US", "american": "en-US", "usenglish": "en-US", "british": "en-GB",
    "ukenglish": "en-GB", "australian": "en-AU", "newzealand": "en-NZ", "canadian": "en-CA",
    "ngerman": "de-DE", "german": "de-DE", "naustrian": "de-AT", "austrian": "de-AT",
    "nswissgerman": "de-CH", "swissgerman": "de-CH", "french": "fr-FR", "spanish": "es-ES",
    "italian": "it-IT", "dutch": "nl-NL", "portuguese": "pt-PT", "brazilian": "pt-BR",
    "brazil": "pt-BR", "russian": "ru-RU", "polish": "pl-PL", "swedish": "sv-SE",
    "danish": "da-DK", "norsk": "nb-NO", "norwegian": "nb-NO", "nynorsk": "nn-NO",
    "finnish": "fi-FI", "czech": "cs-CZ", "greek": "el-GR", "turkish": "tr-TR",
    "japanese": "ja-JP", "chinese": "zh-CN", "korean": "ko-KR", "hebrew": "he-IL",
    "arabic": "ar", "catalan": "ca-AD", "magyar": "hu-HU", "hungarian": "hu-HU", "latin": "la",
    "slovak": "sk-SK", "ukrainian": "uk-UA", "romanian": "ro-RO", "croatian": "hr-HR",
    "serbian": "sr-RS", "slovene": "sl-SI", "slovenian": "sl-SI", "bulgarian": "bg-BG",
    "estonian": "et-EE", "latvian": "lv-LV", "lithuanian": "lt-LT", "icelandic": "is-IS",
    "eng": "en", "ger": "de", "deu": "de", "fre": "fr", "fra": "fr", "spa": "es", "ita": "it",
}
# The language names biblatex knows (its `langid`, `hyphenation` and `language` keys).
_NAMES = """
american australian austrian basque brazil brazilian british bulgarian canadian catalan croatian
czech danish dutch english estonian finnish french galician german greek hungarian icelandic
italian latvian latin lithuanian magyar naustrian newzealand ngerman norsk norwegian nswissgerman
nynorsk polish portuguese portuges romanian russian serbian slovak slovene slovenian spanish
swedish swissgerman turkish ukrainian uk us usenglish ukenglish arabic chinese japanese korean
hebrew hindi irish welsh scottish afrikaans albanian armenian belarusian bengali
indonesian malay persian farsi thai vietnamese
"""
NAMES = frozenset(_NAMES.split())
# tag → the name biblio writes for it: LANGS read backwards, the first name biblatex knows for
# a tag winning; a bare language ("de") takes the name of its first tag.
BABEL: dict[str, str] = {}
for _name, _tag in LANGS.items():
    if _name in NAMES:
        BABEL.setdefault(_tag.lower(), _name)
        BABEL.setdefault(_tag.split("-")[0].lower(), _name)
# ISO 639 macrolanguages → the language biblatex names ("no" is written as Bokmål, `norsk`)
_MACRO = {"no": "nb"}
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


def babel(value: str | None) -> str | None:
    """The name biblatex's `langid` takes for a language tag or name ("de" → "ngerman",
    "en-GB" → "british", "eng" → "english"); None when biblio knows no such language."""
    t = tag(value)
    if t is None:
        return None
    primary = t.split("-")[0].lower()
    return BABEL.get(t.lower()) or BABEL.get(_MACRO.get(primary, primary))


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
