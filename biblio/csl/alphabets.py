"""Letters a language alphabetises as letters of their own, and the script it files first, for
sorting.

The Unicode collation biblio sorts with (pyuca's DUCET) files "Chen" under C, "Ørsted" with
"Orsted" and "Łukasz" with "Lukasz": right in English, German or French, wrong in Czech (CH
comes after H), Danish (Ø after Z) or Polish (Ł after L), whose bibliographies a style in
those languages sorts by their own alphabets, as citeproc-js does through the system's
collator. The tailorings here are CLDR's for these languages' letters (not every fine point
of them): each such letter is written, before the sort key is made, as the letter it follows
and a character that weighs more than any letter, so it files after every word of that letter.
"""

from __future__ import annotations

import functools
import re

# language -> groups "base: letters after it, in order"; "x=y" makes y sort as x, and "=y"
# as the base itself (Lithuanian y is i).
RULES = {
    "cs": "c: č | h: ch | r: ř | s: š | z: ž",
    "sk": "a: ä | c: č | h: ch | o: ô | s: š | z: ž",
    "pl": "a: ą | c: ć | e: ę | l: ł | n: ń | o: ó | s: ś | z: ź ż",
    "da": "z: æ=ä ø=ö å=aa",
    "no": "z: æ=ä ø=ö å=aa",
    "sv": "z: å ä=æ ö=ø",
    "fi": "z: å ä=æ ö=ø",
    "is": "a: á | d: ð | e: é | i: í | o: ó | u: ú | y: ý | z: þ æ=ä ö=ø å",
    "es": "n: ñ",
    "gl": "n: ñ",
    "tl": "n: ñ ng",
    "cy": "c: ch | d: dd | f: ff | g: ng | l: ll | p: ph | r: rh | t: th",
    "hu": "c: cs | d: dz dzs | g: gy | l: ly | n: ny | o: ö=ő | s: sz | t: ty | u: ü=ű | z: zs",
    "et": "s: š z ž | w: õ ä ö ü",
    "lt": "c: č | i: =y | s: š | z: ž",
    "lv": "a: ā | c: č | e: ē | g: ģ | i: y ī | k: ķ | l: ļ | n: ņ | o: ō | r: ŗ | s: š | u: ū"
          " | z: ž",
    "sl": "c: č ć | d: đ | s: š | z: ž",
    "vi": "a: ă â | d: đ | e: ê | o: ô ơ | u: ư",
    "tr": "c: ç | g: ğ | h: ı | o: ö | s: ş | u: ü",
    "hr": "c: č ć | d: dž đ | l: lj | n: nj | s: š | z: ž",
    "ro": "a: ă â | i: î | s: ș=ş | t: ț=ţ",
}
RULES["nb"] = RULES["nn"] = RULES["no"]
RULES["az"] = RULES["tr"]
RULES["bs"] = RULES["hr"]
# A language written in a script of its own files that script before Latin (CLDR's "reorder"
# of these languages, as ICU sorts; GOST 7.1 lists Russian sources before the others): the
# scripts' Unicode blocks, and the scripts each language files first, in order.
SCRIPTS = {
    "Latin": ((0x0041, 0x005A), (0x0061, 0x007A), (0x00C0, 0x024F), (0x1E00, 0x1EFF)),
    "Cyrillic": ((0x0400, 0x052F), (0x1C80, 0x1C8F), (0x2DE0, 0x2DFF), (0xA640, 0xA69F)),
    "Greek": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "Armenian": ((0x0530, 0x058F),),
    "Hebrew": ((0x0590, 0x05FF),),
    "Arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF)),
    "Thai": ((0x0E00, 0x0E7F),),
    "Georgian": ((0x10A0, 0x10FF),),
    "Hangul": ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3)),
    "Kana": ((0x3040, 0x30FF), (0x31F0, 0x31FF), (0xFF66, 0xFF9F)),
    # Han: DUCET's implicit weights (collate._HAN)
}
OWN_SCRIPT = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tt"), ("Cyrillic",)),
    "el": ("Greek",), "hy": ("Armenian",), "he": ("Hebrew",), "ar": ("Arabic",),
    "fa": ("Arabic",), "ur": ("Arabic",), "th": ("Thai",), "ka": ("Georgian",),
    "ko": ("Hangul", "Han"), "zh": ("Han",),
    "ja": ("Latin", "Kana", "Han"),  # (Latin stays first; kana and Han come next)
}
# A language that files Han characters by how it reads them: Chinese by pinyin (ICU's zh,
# as citeproc-js sorts; GB/T 7714-2015 9.2 files Chinese works by their authors' pinyin).
HAN_READINGS = {"zh": "pinyin"}
_TONES = {"\u0304": 1, "\u0301": 2, "\u030c": 3, "\u0300": 4}  # ā á ǎ à; none: neutral


@functools.cache
def han_order(lang: str) -> dict[int, int] | None:
    """Each Han character's place (code point → rank) in `lang`'s reading order: its most
    common pinyin, toneless syllable first ("lu" before "lü", written "lv"), then the tone,
    then the code point; None for a language that files Han in DUCET's radical-stroke order.
    The readings are pypinyin's table, read alone (the package itself takes 140 ms)."""
    if HAN_READINGS.get(lang) != "pinyin":
        return None
    import importlib.util
    import os
    import unicodedata

    found = importlib.util.find_spec("pypinyin")
    if found is None or not found.submodule_search_locations:
        return None  # (a dependency; without it, Han keeps DUCET's order)
    path = os.path.join(next(iter(found.submodule_search_locations)), "pinyin_dict.py")
    spec = importlib.util.spec_from_file_location("_biblio_pinyin_dict", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def reading(cp: int) -> tuple[str, int, int]:
        letters, tone = [], 5
        for ch in unicodedata.normalize("NFD", module.pinyin_dict[cp].split(",")[0]):
            if ch in _TONES:
                tone = _TONES[ch]
            elif ch == "\u0308" and letters:  # ü
                letters[-1] = "v"
            elif not unicodedata.combining(ch):
                letters.append(ch)
        return "".join(letters), tone, cp

    return {cp: rank for rank, cp in enumerate(sorted(module.pinyin_dict, key=reading))}


# Characters whose weight is above every letter's (unassigned: DUCET's implicit weights),
# in ascending order: the first, second, … letter after a base.
_AFTER = "\ufdd0\ufdd1\ufdd2\ufdd3"


def _variants(letters: str) -> list[tuple[str, bool]]:
    """The ways a letter (or a digraph) is written: (text, whether it is upper case)."""
    if len(letters) == 1:
        return [(letters, False), (letters.upper(), True)]
    return [(letters, False), (letters.capitalize(), True), (letters.upper(), True),
            (letters[0] + letters[1:].upper(), False)]


@functools.cache
def _table(lang: str) -> tuple[re.Pattern, dict[str, str]] | None:
    rules = RULES.get(lang)
    if rules is None:
        return None
    out: dict[str, str] = {}
    for group in rules.split("|"):
        base, _, letters = group.partition(":")
        base = base.strip()
        specs = letters.split()
        for spec in (s for s in specs if s.startswith("=")):
            for text, upper in _variants(spec[1:]):
                out.setdefault(text, base.upper() if upper else base)
        for rank, spec in enumerate(s for s in specs if not s.startswith("=")):
            for letter in spec.split("="):
                for text, upper in _variants(letter):
                    out.setdefault(text, (base.upper() if upper else base) + _AFTER[rank])
    if lang in ("tr", "az"):  # dotless ı's capital is I; dotted İ is i's
        out["I"], out["İ"] = "H" + _AFTER[0], "I"
    pattern = re.compile("|".join(map(re.escape, sorted(out, key=len, reverse=True))))
    return pattern, out


def tailor(text: str, lang: str) -> str:
    """`text` written so that DUCET sorts it by `lang`'s alphabet ("Chen" after "Hz" in
    Czech); unchanged for a language without rules here."""
    table = _table(lang)
    if table is None:
        return text
    pattern, out = table
    return pattern.sub(lambda m: out[m.group(0)], text)


@functools.lru_cache(maxsize=64)
def language(tag: str | None) -> str:
    """The language of a locale tag ("cs-CZ" → "cs") when it has rules here, else "" (asked
    for every sort key: kept per tag)."""
    lang = (tag or "").split("-")[0].split("_")[0].lower()
    return lang if lang in RULES or lang in OWN_SCRIPT else ""
