"""Sentence case for English titles, as APA 7 wants them (Publication Manual 6.17).

BibTeX users store titles in Title Case and protect proper nouns with braces; APA prints
article, book and chapter titles in sentence case. The rules:

- Only a title written in Title Case (every major word capitalised) or in ALL CAPS is changed;
  a title already in sentence case is left alone, so an unprotected proper noun in it
  ("A history of Paris") survives. (pandoc lowercases it whatever the title looks like.)
- A word is lowercased only when it is capitalised and otherwise lower case ("Effects",
  "A"); words with other capitals or digits ("DNA", "iPhone", "McDonald", "COVID-19") and
  the pronoun "I" are kept.
- The first word, and the first word after a colon, an em dash, or end punctuation
  (`.`, `?`, `!` — but not the period of "Dr." or an initial) keep their capital.
- Protected text (brace groups, passed as protected runs) is never changed, but it counts as
  a word for the rules above. Italic text is protected too: in a title it is nearly always
  the name of a species or of another work (pandoc lowercases it: "*drosophila*").

Pure functions, used by the BibTeX → CSL mapping and the check rules (`classify`).
"""

from __future__ import annotations

import re

from .latex import Group

# Words that Title Case leaves in lower case; their being lower case says nothing.
SMALL = frozenset(["a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per", "to", "up", "via", "vs", "v", "et", "al", "from", "into", "onto", "upon", "with", "over", "than", "that", "like", "near", "past", "till", "unto", "amid", "atop", "down", "out", "sans", "versus", "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "las", "los", "ten", "ter", "zu", "dos", "des", "y", "e", "o", "ou", "und"])

# Short verbs many people leave in lower case when they type a title in Title Case ("Language
# Models are Few-Shot Learners"): their being lower case says nothing either.
VERBS = frozenset(["is", "are", "was", "were", "be", "been", "am"])

# A period after these does not end a sentence.
ABBREVIATIONS = frozenset(["dr", "mr", "mrs", "ms", "mt", "st", "sr", "jr", "prof", "vs", "v", "vol", "no", "nos", "pp", "p", "ed", "eds", "eg", "ie", "etc", "al", "ca", "cf", "fig", "figs", "gen", "gov", "inc", "ltd", "co", "corp", "dept", "univ", "rev", "e.g", "i.e", "u.s", "u.k"])

_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*", re.UNICODE)
_DIGIT = re.compile(r"\d")
_BOUNDARY_CHAR = re.compile(r"[:?!—.]")
_BOUNDARY = re.compile(r"[:?!—]|\.(?=\s)|\.$")


def _is_title_word(w: str) -> bool:
    """'Effects', 'A'? — capitalised, the rest lower case, no digits. A single capital other
    than the article "A" is an initial or a label ("J. S. Bach", "Vitamin D") and stays."""
    if len(w) == 1:
        return w == "A"
    return w[0].isupper() and w[1:].islower() and _DIGIT.search(w) is None


def _is_pronoun_i(w: str) -> bool:
    return w == "I" or w.startswith(("I’", "I'"))


def _words(runs: list[tuple[str, bool]]):
    """(run index, match, protected, at_start) for every word, in order."""
    at_start = True
    prev_word = ""
    for ri, (text, protected) in enumerate(runs):
        if _BOUNDARY_CHAR.search(text) is None:  # most runs: no sentence break to look for
            for m in _WORD.finditer(text):
                yield ri, m, protected, at_start
                at_start = False
                prev_word = m.group()
            continue
        pos = 0
        for m in _WORD.finditer(text):
            gap = text[pos:m.start()]
            if (ri or pos) and gap != " " and _boundary_in(gap, prev_word):
                at_start = True
            yield ri, m, protected, at_start
            at_start = False
            prev_word = m.group()
            pos = m.end()
        tail = text[pos:]
        if _boundary_in(tail, prev_word):
            at_start = True
            prev_word = ""


def _boundary_in(gap: str, prev_word: str) -> bool:
    if _BOUNDARY_CHAR.search(gap) is None:
        return False
    for m in _BOUNDARY.finditer(gap):
        if m.group() != ".":
            return True
        # "Dr. Ma", "J. S. Bach", "e.g. this": not the end of a sentence
        if m.start() == 0 and (prev_word.lower() in ABBREVIATIONS or len(prev_word) == 1):
            continue
        return True
    return False


def classify(runs: list[tuple[str, bool]], words: list | None = None) -> str:
    """'title', 'caps' or 'sentence': how the (unprotected part of the) title is written."""
    free = "".join(text for text, prot in runs if not prot)
    if free.isupper() and sum(c.isalpha() for c in free) >= 8:
        # ALL CAPS — but "CVPR 2016" or "NATO SUMMIT" are names, not shouting
        alpha = [m for text, prot in runs if not prot for m in _WORD.finditer(text)
                 if not m.group().isdigit()]
        if len(alpha) >= 3:
            return "caps"
    majors = 0
    for _, m, protected, at_start in (words if words is not None else _words(runs)):
        if protected or at_start:
            continue
        w = m.group()
        if len(w) == 1 or not w[0].isalpha():
            continue
        if w.islower():
            if w not in SMALL and w not in VERBS:
                return "sentence"  # a major word in lower case: not Title Case
        elif w.lower() not in SMALL and w.lower() not in VERBS:
            majors += 1
    return "title" if majors else "sentence"


def _case_runs(runs: list[tuple[str, bool]]) -> tuple[list[str], list[str]]:
    """New texts of the runs, and the words lowercased."""
    mode = classify(runs)  # stops at the first lower-case major word: most titles are short
    if mode == "sentence" and not any(_BOUNDARY_CHAR.search(t) for t, _ in runs):
        return [t for t, _ in runs], []  # nothing to lower, no colon to capitalise after
    texts = [t for t, _ in runs]
    edits: dict[int, list[tuple[int, int, str]]] = {}
    lowered = []
    for n, (ri, m, protected, at_start) in enumerate(_words(runs)):
        if protected:
            continue
        w = m.group()
        if at_start and n and w.islower() and w[0].isalpha():
            # APA capitalizes the first word after a colon, whatever the title's case. (A
            # title's own first word in lower case is left: "pandas", "eBay" are names.)
            edits.setdefault(ri, []).append((m.start(), m.end(), w[0].upper() + w[1:]))
            continue
        if mode == "sentence":
            continue
        if mode == "caps":
            if _is_pronoun_i(w) or not w[0].isalpha():
                continue
            new = w[0] + w[1:].lower() if at_start else w.lower()
        else:
            if at_start or not _is_title_word(w) or _is_pronoun_i(w):
                continue
            new = w.lower()
        if new != w:
            edits.setdefault(ri, []).append((m.start(), m.end(), new))
            lowered.append(w)
    for ri, spans in edits.items():
        t = texts[ri]
        for start, end, new in reversed(spans):
            t = t[:start] + new + t[end:]
        texts[ri] = t
    return texts, lowered


def sentence_case(text: str) -> str:
    """`text` (plain, nothing protected) in APA sentence case."""
    return _case_runs([(text, False)])[0][0]


def lowered_words(text: str) -> list[str]:
    """The words `sentence_case` lowercases, in order."""
    return _case_runs([(text, False)])[1]


# --- on latex trees ------------------------------------------------------------------------

def sentence_case_nodes(nodes: list) -> list:
    """Sentence-case a tree from `biblio.latex.parse`; `nocase` groups are protected."""
    leaves: list[tuple[list, int, bool]] = []

    def walk(kids: list, protected: bool) -> None:
        for i, x in enumerate(kids):
            if isinstance(x, str):
                leaves.append((kids, i, protected))
            else:
                # Italics in a title are mostly names of species or of other works
                # ("*Drosophila melanogaster*", "*Ulysses*"), which keep their capitals.
                walk(x.children, protected or x.kind in ("nocase", "i"))

    nodes = _copy(nodes)
    walk(nodes, False)
    runs = [(kids[i], prot) for kids, i, prot in leaves]
    texts, _ = _case_runs(runs)
    for (kids, i, _), t in zip(leaves, texts):
        kids[i] = t
    return nodes


def _copy(nodes: list) -> list:
    return [x if isinstance(x, str) else Group(x.kind, _copy(x.children)) for x in nodes]
