"""CSL locales: terms, date formats and options, from citeproc-py's bundled locale files merged
with a style's own <locale> overrides."""

from __future__ import annotations

import functools
import html
import os
import re
from dataclasses import dataclass, field

from biblio.csl import xmltree

NS = "{http://purl.org/net/xbiblio/csl}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PRIMARY = {
    "af": "af-ZA", "ar": "ar", "bg": "bg-BG", "ca": "ca-AD", "cs": "cs-CZ", "cy": "cy-GB",
    "da": "da-DK", "de": "de-DE", "el": "el-GR", "en": "en-US", "es": "es-ES", "et": "et-EE",
    "eu": "eu", "fa": "fa-IR", "fi": "fi-FI", "fr": "fr-FR", "he": "he-IL", "hr": "hr-HR",
    "hu": "hu-HU", "id": "id-ID", "is": "is-IS", "it": "it-IT", "ja": "ja-JP", "km": "km-KH",
    "ko": "ko-KR", "la": "la", "lt": "lt-LT", "lv": "lv-LV", "mn": "mn-MN", "nb": "nb-NO",
    "nl": "nl-NL", "nn": "nn-NO", "pl": "pl-PL", "pt": "pt-PT", "ro": "ro-RO", "ru": "ru-RU",
    "sk": "sk-SK", "sl": "sl-SI", "sr": "sr-RS", "sv": "sv-SE", "th": "th-TH", "tr": "tr-TR",
    "uk": "uk-UA", "vi": "vi-VN", "zh": "zh-CN",
}


@functools.lru_cache(maxsize=1)
def locales_dir() -> str:
    """The folder of CSL locale files (citeproc-py's bundled set): the one place biblio looks.
    Found without importing citeproc-py, which biblio does not otherwise run (~30 ms)."""
    import importlib.util

    spec = importlib.util.find_spec("citeproc")
    folder = (spec.submodule_search_locations or [""])[0] if spec else ""
    return os.path.join(folder, "data", "locales")


@functools.lru_cache(maxsize=64)
def locale_file(lang: str) -> xmltree.XmlElement | None:
    """The tree of the locale file for `lang` (`locales-{lang}.xml`), without its comments;
    None when there is no such file. What the engine and the locator syntax read."""
    path = os.path.join(locales_dir(), f"locales-{lang}.xml")
    if not os.path.exists(path):
        return None
    with open(path, "rb") as f:
        return xmltree.load("locale", f.read(), _parse)


def _parse(data: bytes):
    from lxml import etree  # here: a locale read before comes from the cache, without lxml

    return etree.fromstring(data, etree.XMLParser(remove_comments=True))


# The CSL locator labels (CSL 1.0.2, appendix "Locators"), each also a term of the locale.
LOCATOR_LABELS = (
    "act", "appendix", "article-locator", "book", "canon", "chapter", "column", "elocation",
    "equation", "figure", "folio", "issue", "line", "note", "opus", "page", "paragraph", "part",
    "rule", "scene", "section", "sub-verbo", "supplement", "table", "timestamp",
    "title-locator", "verse", "volume",
)


@dataclass
class Locale:
    """A CSL locale's terms, date formats and options for one language."""
    lang: str
    terms: dict = field(default_factory=dict)  # (name, form) -> {"single", "multiple", "gender"}
    gendered: dict = field(default_factory=dict)  # (name, form, gender) -> term
    ordinal_terms: dict = field(default_factory=dict)  # name -> (match, {gender: text})
    dates: dict = field(default_factory=dict)  # "text"/"numeric" -> list of date-part elements
    punctuation_in_quote: bool = False
    limit_day_ordinals: bool = False
    # (name, form) -> 1 when the locale's own language defines it, 0 for the en-US fallback
    layer: dict = field(default_factory=dict)
    label_words: dict | None = None  # locator term as written -> label, made when first asked

    def term(self, name: str, form: str = "long", plural: bool = False,
             gender: str | None = None) -> str | None:
        # A form falls back to another form of the same term in the locale's own language
        # before en-US is asked (a Spanish style's own "from" = "de" serves
        # `form="short"`, not en-US's "fr."); within one language the forms' order rules.
        best, best_layer = None, -1
        for f in _FALLBACK[form]:
            t = None
            if gender:
                t = self.gendered.get((name, f, gender))
            if t is None:
                t = self.terms.get((name, f))
            if t is not None:
                layer = self.layer.get((name, f), 0)
                if layer > best_layer:
                    best, best_layer = t, layer
        if best is None:
            return None
        if isinstance(best, str):
            return best
        return best["multiple"] if plural else best["single"]

    def locator_label(self, locator: str) -> tuple[str, str] | None:
        """(label, rest) when a locator typed without a label starts with a locator term of
        this locale ("vol. 1, fol. 186" -> ("volume", "1, fol. 186")), as pandoc and
        citeproc-js read it; None when its first word is no such term."""
        m = _LABEL_WORD.match(locator)
        if m is None:
            return None
        if self.label_words is None:
            words: dict[str, str] = {}
            for name in LOCATOR_LABELS:
                for form in ("long", "short", "symbol"):
                    for plural in (False, True):
                        t = self.term(name, form, plural)
                        if t:
                            words.setdefault(t.lower(), name)
            self.label_words = words
        name = self.label_words.get(m.group(1).lower())
        return None if name is None else (name, locator[m.end():])

    def term_gender(self, name: str) -> str | None:
        t = self.terms.get((name, "long"))
        return t.get("gender") if isinstance(t, dict) else None

    @property
    def quotes(self) -> tuple[str, str, str, str]:
        return (self.term("open-quote") or "\u201c", self.term("close-quote") or "\u201d",
                self.term("open-inner-quote") or "\u2018",
                self.term("close-inner-quote") or "\u2019")

    def ordinal(self, n: int, gender: str | None = None) -> str:
        # CSL 1.0.1 ordinals: ordinal-NN terms with match rules, else the generic "ordinal".
        if "ordinal" not in self.ordinal_terms and all(
                f"ordinal-0{k}" in self.ordinal_terms for k in range(1, 5)):
            # CSL 1.0.2 "Ordinal Suffixes": no "ordinal" but ordinal-01 to -04 is the CSL 1.0
            # scheme, -04 for every number not ending in 1, 2, 3 (nor in 11, 12, 13)
            last = n % 10 if n % 100 not in (11, 12, 13) else 0
            texts = self.ordinal_terms[f"ordinal-0{last if 1 <= last <= 3 else 4}"][1]
            return texts.get(gender) or texts.get(None) or ""
        candidates = []
        last2 = n % 100
        last1 = n % 10
        for name in (f"ordinal-{last2:02d}" if last2 >= 10 else None, f"ordinal-{last1:02d}"):
            if name is None:
                continue
            entry = self.ordinal_terms.get(name)
            if entry is None:
                continue
            match, texts = entry
            num = int(name[-2:])
            if name.endswith(f"{last1:02d}") and num < 10:
                if match == "whole-number" and n != num:
                    continue
                if match == "last-two-digits" and last2 != num:
                    continue
            else:
                if match == "whole-number" and n != num:
                    continue
            candidates.append(texts)
        for texts in candidates:
            t = texts.get(gender) or texts.get(None)
            if t is not None:
                return t
        generic = self.ordinal_terms.get("ordinal")
        if generic:
            return generic[1].get(gender) or generic[1].get(None) or ""
        return ""


# A label word before the locator's value: "vol.", "fol.", "chap.", "§", "pp." then a space.
_LABEL_WORD = re.compile(r"([^\W\d_]+\.?|§§?|¶¶?)\s+(?=\S)")

_FALLBACK = {
    "long": ("long",),
    "short": ("short", "long"),
    "verb": ("verb", "long"),
    "verb-short": ("verb-short", "verb", "long"),
    "symbol": ("symbol", "short", "long"),
}


def _term_text(el) -> str:
    """A term element's text. Only the line breaks and indentation of the XML layout
    (`<term name="and others">` then its close tag on the next line) make an empty term;
    a space typed as a term's text (" [et al.]") is kept."""
    text = el.text or ""
    return "" if not text.strip() and "\n" in text else text


def _read_terms(loc: Locale, root, ordinals: dict, layer: int) -> None:
    for terms in root.iter(NS + "terms"):
        for t in terms.iter(NS + "term"):
            name = t.get("name")
            form = t.get("form", "long")
            single = t.find(NS + "single")
            multiple = t.find(NS + "multiple")
            if single is not None or multiple is not None:
                s = _term_text(single) if single is not None else ""
                m = _term_text(multiple) if multiple is not None else s
                if single is None:
                    s = m
                val = {"single": s, "multiple": m}
            else:
                val = {"single": _term_text(t), "multiple": _term_text(t)}
            if "'" in val["single"] + val["multiple"] and not name.endswith("-quote"):
                # an apostrophe in a term is typographic, as in field text ("à l’adresse",
                # nl-NL "pagina’s"), whatever prints it: cs:text, cs:label, a date's month
                val = {k: v.replace("'", "\u2019") for k, v in val.items()}
            if any("&lt;" in v for v in val.values()):
                # Tags written escaped ("&amp;lt;sup&amp;gt;e&amp;lt;/sup&amp;gt;") are the
                # term's rich text, as in a field: "2<sup>e</sup>", never "2&lt;sup&gt;".
                val = {k: html.unescape(v) for k, v in val.items()}
            if name.startswith("ordinal"):
                match = t.get("match") or ("last-digit" if name[-2] == "0" else "last-two-digits")
                if name == "ordinal":
                    match = None
                texts = ordinals.setdefault(name, [match, {}])
                texts[0] = match
                texts[1][t.get("gender-form")] = val["single"]
                continue
            gform = t.get("gender-form")
            if gform:
                loc.gendered[(name, form, gform)] = val
                continue
            if t.get("gender"):
                val["gender"] = t.get("gender")
            loc.terms[(name, form)] = val
            loc.layer[(name, form)] = layer


def _read(loc: Locale, root, layer: int) -> None:
    ordinals: dict = {}
    _read_terms(loc, root, ordinals, layer)
    if ordinals:
        # A locale that defines any ordinal term replaces all inherited ones (CSL 1.0.1).
        loc.ordinal_terms = {k: (v[0], v[1]) for k, v in ordinals.items()}
    for d in root.findall(NS + "date"):
        loc.dates[d.get("form")] = d
    for opt in root.findall(NS + "style-options"):
        if opt.get("punctuation-in-quote") is not None:
            loc.punctuation_in_quote = opt.get("punctuation-in-quote") == "true"
        if opt.get("limit-day-ordinals-to-day-1") is not None:
            loc.limit_day_ordinals = opt.get("limit-day-ordinals-to-day-1") == "true"


def _matches(style_lang: str | None, lang: str) -> int:
    """Priority of a style <locale xml:lang>: 3 exact, 2 language, 1 none, 0 other."""
    if not style_lang:
        return 1
    if style_lang == lang:
        return 3
    if style_lang == lang.split("-")[0]:
        return 2
    return 0


@functools.lru_cache(maxsize=1)
def primary_dialects() -> dict[str, str]:
    """Each language's primary dialect: the locale set's own list (locales.json's
    "primary-dialects": "gl" is gl-ES, "sr" sr-Latn-RS), over biblio's table where the
    set names a file it has."""
    import json

    table = dict(_PRIMARY)
    try:
        with open(os.path.join(locales_dir(), "locales.json"), encoding="utf-8") as f:
            listed = json.load(f).get("primary-dialects", {})
    except (OSError, ValueError):
        listed = {}
    for language, dialect in listed.items():
        if os.path.exists(os.path.join(locales_dir(), f"locales-{dialect}.xml")):
            table[language] = dialect
    return table


def normalize_tag(lang: str) -> str:
    """A locale tag as the locale files are named: the language in lower case, a script in
    title case, a region in upper case ("sr-latn-rs" and "sr_Latn_RS" are "sr-Latn-RS")."""
    parts = [p for p in re.split(r"[-_]", lang) if p]
    if not parts:
        return "en-US"
    out = [parts[0].lower()]
    for p in parts[1:]:
        out.append(p.title() if len(p) == 4 and p.isalpha() else p.upper() if len(p) <= 3
                   else p)
    return "-".join(out)


def load(lang: str, style_locales: list) -> Locale:
    lang = normalize_tag(lang or "en-US")
    loc = Locale(lang)
    files = []
    primaries = primary_dialects()
    base = lang if "-" in lang else primaries.get(lang, lang)
    if lang != "en-US":
        files.append("en-US")
    primary = primaries.get(base.split("-")[0])
    if primary and primary != base:
        files.append(primary)
    files.append(base)
    for name in files:
        root = locale_file(name)
        if root is not None:
            # The locale's own language is one layer; en-US under another language only
            # stands in for a term that language lacks in every form.
            _read(loc, root, 0 if name == "en-US" and base != "en-US" else 1)
    ranked = sorted(
        (el for el in style_locales if _matches(el.get(XML_LANG), lang)),
        key=lambda el: _matches(el.get(XML_LANG), lang),
    )
    for el in ranked:
        _read(loc, el, 1)
    loc.lang = lang
    return loc
