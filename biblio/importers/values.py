"""Plain text from outside sources → BibTeX field text, and back for comparisons.

Outside text is Unicode (the .bib is UTF-8), so only the characters LaTeX treats specially
are escaped; JATS/HTML inline markup from Crossref becomes the LaTeX commands for it.
"""

from __future__ import annotations

import re

from ..tocsl import latex
from . import asciilatin

_SPECIAL = {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
            "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
            "\\": r"\textbackslash{}"}
_SPECIAL_RE = re.compile(r"[&%$#_{}~^\\]")
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)[^>]*?(/?)>")
_MARKUP = {"i": r"\textit", "em": r"\textit", "italic": r"\textit", "b": r"\textbf",
           "strong": r"\textbf", "bold": r"\textbf", "sub": r"\textsubscript",
           "sup": r"\textsuperscript", "sc": r"\textsc", "scp": r"\textsc"}


def escape(text: str) -> str:
    """Plain Unicode text → BibTeX text with LaTeX specials escaped and spaces collapsed."""
    return escape_keep_space(_SPACE.sub(" ", text).strip())


def verbatim(text: str) -> str:
    """For verbatim fields (doi, url, eprint): no escaping; the characters that would break
    the BibTeX value (braces, backslashes) are percent-encoded as in a URL."""
    text = text.strip()
    return text.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def from_markup(text: str) -> str:
    """Crossref titles may hold JATS/HTML inline markup (`<i>`, `<sub>`, `<jats:italic>`)."""
    import html  # here: its entity table is a tenth of `biblio check`'s start-up

    out: list[str] = []
    stack: list[bool] = []  # per open tag: did it emit a `{`?
    pos = 0
    for m in _TAG.finditer(text):
        out.append(escape_keep_space(html.unescape(text[pos:m.start()])))
        pos = m.end()
        closing, name, selfclosing = m.group(1), m.group(2).lower(), m.group(3)
        name = name.split(":")[-1]
        if selfclosing:
            continue
        if closing:
            if stack and stack.pop():
                out.append("}")
            continue
        if name == "span" and "nocase" in m.group(0):
            stack.append(True)
            out.append("{")  # CSL's "do not change the case of this"
            continue
        command = _MARKUP.get(name)
        stack.append(command is not None)
        if command:
            out.append(command + "{")
    out.append(escape_keep_space(html.unescape(text[pos:])))
    out.extend("}" for opened in stack if opened)
    return _SPACE.sub(" ", "".join(out)).strip()


def escape_keep_space(text: str) -> str:
    if "{" not in text and "}" not in text:
        return _SPECIAL_RE.sub(lambda m: _SPECIAL[m.group()], text)
    # BibTeX counts braces even after a backslash, so `\{` is only safe in matched pairs;
    # a lone brace is written as a command instead.
    lone, stack = set(), []
    for i, c in enumerate(text):
        if c == "{":
            stack.append(i)
        elif c == "}":
            if stack:
                stack.pop()
            else:
                lone.add(i)
    lone.update(stack)
    out = []
    for i, c in enumerate(text):
        if i in lone:
            out.append("\\textbraceleft{}" if c == "{" else "\\textbraceright{}")
        else:
            out.append(_SPECIAL.get(c, c) if _SPECIAL_RE.match(c) else c)
    return "".join(out)


_WORD = re.compile(r"[^\s\-‐–—/]+")


def protect(title: str) -> str:
    """Brace words whose capitals must survive sentence-casing: DNA, iPhone, COVID-19, McGill."""
    def wrap(m: re.Match) -> str:
        word = m.group()
        if "\\" in word or "{" in word or "}" in word:
            return word
        core = word.strip(".,:;!?()[]'\"“”‘’")
        letters = [c for c in core if c.isalpha()]
        if len(letters) < 2 or not any(c.isupper() for c in core[1:]):
            return word
        start = word.index(core)
        return word[:start] + "{" + core + "}" + word[start + len(core):]
    return _WORD.sub(wrap, title)


def title(text: str, subtitle: str = "") -> str:
    """A title (and subtitle) from markup text → protected BibTeX text."""
    main = from_markup(text)
    sub = from_markup(subtitle) if subtitle else ""
    if sub and not main.endswith((":", "?", "!", ".")):
        main = f"{main}: {sub}"
    elif sub:
        main = f"{main} {sub}"
    return protect(main)


def pages(text: str) -> str:
    """`640-646`, `640–646` → `640--646`; other shapes pass through."""
    text = text.strip()
    # (the end may be an online page: "144-152.e2")
    m = re.fullmatch(r"([A-Za-z]*\d+[A-Za-z]*)\s*[-‐‑‒–—]+\s*([A-Za-z]*\d+(?:[A-Za-z]*|\.[A-Za-z]+\d*))",
                     text)
    if m:
        return f"{m.group(1)}--{m.group(2)}"
    return escape(text)


def person(family: str, given: str = "", suffix: str = "", particle: str = "") -> str:
    """One person in BibTeX form: `von Last, Jr, First`."""
    family = escape(family)
    if particle:
        family = f"{escape(particle)} {family}"
    parts = [family]
    if suffix:
        parts.append(escape(suffix))
    if given:
        parts.append(escape(given))
    elif suffix:
        parts.append("")
    return ", ".join(parts)


def corporate(name: str) -> str:
    return "{" + escape(name) + "}"


def names(people: list[str]) -> str:
    return " and ".join(p for p in people if p)


def date(parts: list[int]) -> str:
    """[2013, 6, 19] → `2013-06-19`; [2013] → `2013`."""
    out = [f"{parts[0]:04d}"]
    out.extend(f"{p:02d}" for p in parts[1:3])
    return "-".join(out)


# -- comparisons -----------------------------------------------------------------------------

def plain(text: str) -> str:
    """BibTeX text → readable plain text: accents decoded, commands and braces dropped."""
    return latex.to_text(text)[0]


def year_of(entry) -> str:
    """The entry's year as listed and searched: `year`, else the year `date` starts with."""
    year = entry.get("year") or ""
    if not year:
        m = re.match(r"\s*(-?\d{1,4})", entry.get("date") or "")
        year = m.group(1) if m else ""
    return re.sub(r"[{}\s]+", "", year)


def finding(entry) -> dict[str, str]:
    """What a writer finds an entry by (`biblio search`, the editor's completion), readable:
    its authors (else its editors), its title (else its journal) and its year."""
    people = entry.get("author") or entry.get("editor") or ""
    return {"author": plain(people.replace(" and ", "; ")) if people else "",
            "title": plain(entry.get("title") or entry.get("journal") or ""),
            "year": year_of(entry)}


def fold(text: str) -> str:
    """Readable text as it is matched: ASCII, lower case, and every run of characters other
    than letters, digits and a DOI's ./:- one space (`Müller-Lyer` → `muller-lyer`)."""
    return re.sub(r"[^a-z0-9./:-]+", " ", ascii_fold(text).lower()).strip()


def ascii_fold(text: str) -> str:
    """Unicode → ASCII by transliteration (Ł → L, ß → ss, 北京 → BeiJing): anyascii's, one
    character at a time. Latin letters and punctuation come from its table written into
    asciilatin, so most .bib files need no anyascii (its import is 4 ms of a `biblio check`)."""
    if text.isascii():
        return text
    text = text.translate(asciilatin.TABLE)
    if text.isascii():
        return text
    from anyascii import anyascii

    return anyascii(text)


def latin_module() -> str:
    """The text of biblio/importers/asciilatin.py for the anyascii installed (a test holds the
    file equal to it)."""
    from anyascii import anyascii

    cps = [cp for first, end in asciilatin.RANGES for cp in range(first, end)]
    rows = "".join(f"    {cp:#06x}: {anyascii(chr(cp))!r},"
                   + (f"  # {chr(cp)}\n" if chr(cp).isprintable() and not chr(cp).isspace()
                      else "\n") for cp in cps)
    return ('"""anyascii\'s ASCII for each character of Latin-1 Supplement, Latin '
            "Extended-A and -B\nand General Punctuation (dashes, quotes), for "
            "biblio.importers.values.ascii_fold.\n"
            'Written by biblio.importers.values.latin_module; do not edit."""\n\n'
            "RANGES = (" + ", ".join(f"({a:#x}, {b:#x})" for a, b in asciilatin.RANGES) + ")\n\n"
            f"TABLE = {{  # for str.translate\n{rows}}}\n")


def normal(text: str) -> str:
    """Text reduced for matching: plain, ASCII, lower-case, letters and digits only."""
    text = re.sub(r"['’]s\b", " s", ascii_fold(plain(text)).lower())  # possessive: Ma's
    text = re.sub(r"[.'’]", "", text)  # D.N.A., O'Brien
    return re.sub(r"[^a-z0-9]+", " ", text).strip()
