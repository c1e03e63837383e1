"""Sentence case for English titles, as APA 7 wants them (Publication Manual 6.17).

BibTeX users store titles in Title Case and protect proper nouns with braces; APA prints
article, book and chapter titles in sentence case. The rules:

- A title is read as segments: the text before and after each colon, em dash or end
  punctuation (`.`, `?`, `!` followed by a space — not the period of "Dr.", of an initial, or
  of "node.js"). A segment written in Title Case (a capitalised word besides its first, and no
  lower-case word that Title Case would capitalise) is lowered; a segment already in sentence
  case is left alone, so an unprotected proper noun in it ("A history of Paris") survives.
  ("Security Patterns: Integrating security and systems engineering" lowers only "Patterns".)
  An ALL CAPS title is lowered whole.
- Lower-case words say nothing about the case a title is typed in when Title Case often leaves
  them so too: articles, conjunctions, prepositions ("under", "using"), short verbs ("is"),
  pronouns ("its", "you"), the tail of a hyphenated word ("Pre-training"), and words with
  digits ("lme4").
- A word is lowercased only when it is capitalised and otherwise lower case ("Effects",
  "A"); words with other capitals or digits ("DNA", "iPhone", "McDonald", "COVID-19"), the
  pronoun "I" and the proper adjectives and names of `KEEP` ("Bayesian", "Python") are kept.
- The first word of every segment is capitalised; so is a title's own first word when it is a
  function word ("how to …"); a first word like "pandas" or "eBay" is a name and stays.
- Protected text is never changed: brace groups, italics (names of species and of other works:
  "*Drosophila*"), and quotations marked up as such (`\\mkbibquote{De Motu Animalium}`). A
  word partly protected (`{T}he`, `{B}ayesian`) counts as protected whole. A title braced whole
  (`{{The HiSPARC Experiment}}`) is the BibTeX habit of keeping a title from being lowercased,
  not a list of proper nouns: it is sentence-cased inside, its inner braces protected.

Pure functions, used by the BibTeX → CSL mapping and the check rules (`classify`).
"""

from __future__ import annotations

import re

from .latex import Group

# Words that Title Case leaves in lower case; their being lower case says nothing.
SMALL = frozenset(["a", "an", "the", "and", "but", "or", "nor", "for", "so", "yet", "as", "at", "by", "in", "of", "off", "on", "per", "to", "up", "via", "vs", "v", "et", "al", "from", "into", "onto", "upon", "with", "over", "than", "that", "like", "near", "past", "till", "unto", "amid", "atop", "down", "out", "sans", "versus", "van", "von", "de", "der", "den", "del", "della", "di", "da", "du", "la", "le", "las", "los", "ten", "ter", "zu", "dos", "des", "y", "e", "o", "ou", "und"])

# Lower-case words people leave in lower case when they type a title in Title Case: short verbs
# ("Language Models are Few-Shot Learners"), prepositions of any length ("Judgment under
# Uncertainty", "Data using t-SNE") and pronouns ("its Interpretation", "All you Need").
NEUTRAL = SMALL | frozenset([
    "is", "are", "was", "were", "be", "been", "am", "about", "above", "across", "after",
    "against", "along", "among", "around", "before", "behind", "below", "beneath", "beside",
    "between", "beyond", "despite", "during", "except", "inside", "outside", "since", "through",
    "throughout", "toward", "towards", "under", "underneath", "unlike", "until", "within",
    "without", "using", "via", "its", "their", "our", "his", "her", "my", "your", "it", "you",
    "we", "they", "them", "us", "me", "not"])

# A title's first word in lower case is capitalised when it is one of these ("how to use …");
# any other ("pandas", "eBay", "tidyr") is a name.
_FUNCTION = NEUTRAL | frozenset([
    "how", "what", "why", "when", "where", "who", "which", "whose", "do", "does", "did", "can",
    "should", "will", "would", "could", "this", "these", "those", "there", "here", "some", "no",
    "all", "one", "two", "three", "towards", "toward", "if", "whether", "on", "beyond"])

# Proper adjectives and nouns common in titles, which sentence case must keep capitalized
# (the check rules ask for braces around them; the conversion keeps them anyway).
PROPER = frozenset([
    "Bayesian", "Bayes", "Gaussian", "Markov", "Markovian", "Bernoulli", "Poisson", "Fourier",
    "Euclidean", "Newtonian", "Darwinian", "Boolean", "Cartesian", "Hilbert", "Lagrangian",
    "Hamiltonian", "Riemannian", "Laplace", "Laplacian", "Dirichlet", "Monte", "Carlo",
    "Parkinson", "Parkinson's", "Alzheimer", "Alzheimer's", "Crohn's", "Down's", "Tourette",
    "Huntington's", "Hodgkin's", "English", "American", "British", "European", "African",
    "Asian", "Chinese", "French", "German", "Japanese", "Canadian", "Australian", "Latin",
    "Greek", "Roman", "Christian", "Islamic", "Jewish", "Muslim", "Hindu", "Buddhist", "Indian",
    "Spanish", "Italian", "Russian", "Arabic", "Korean", "Mexican", "Brazilian", "Dutch",
    "Swedish", "Norwegian", "Danish", "Finnish", "Irish", "Scottish", "Welsh", "Africa",
    "America", "Europe", "Asia", "China", "France", "Germany", "Japan", "Canada", "Australia",
    "India", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "June", "July", "August", "September", "October",
    "November", "December", "Internet", "Python", "Java", "Linux", "Windows", "Twitter",
    "Facebook", "Medicare", "Medicaid",
])
# …less those that are also common words a Title Case title capitalises ("Boys May Cry",
# "Broken Windows"), and "internet", which APA 7 writes in lower case.
KEEP = PROPER - frozenset(["March", "May", "August", "Windows", "Internet", "Monte"]) | \
    frozenset(["Monte Carlo"])

# A period after these does not end a sentence.
ABBREVIATIONS = frozenset(["dr", "mr", "mrs", "ms", "mt", "st", "sr", "jr", "prof", "vs", "v", "vol", "no", "nos", "pp", "p", "ed", "eds", "eg", "ie", "etc", "al", "ca", "cf", "fig", "figs", "gen", "gov", "inc", "ltd", "co", "corp", "dept", "univ", "rev", "e.g", "i.e", "u.s", "u.k"])

_WORD = re.compile(r"[^\W_]+(?:[’'][^\W_]+)*", re.UNICODE)
_DIGIT = re.compile(r"\d")
# a colon, ?, ! or period ends a segment only when a space follows ("node.js", "arXiv:2005"
# and "10.1000" do not); an em dash always does
_BREAK = re.compile(r"[:?!.][\"”’')\]]*\s|—")
_HYPHENS = ("-", "‐", "‑")
_DOTTED = re.compile(r"\.[^\W_]")


def _is_title_word(w: str) -> bool:
    """'Effects', 'A'? — capitalised, the rest lower case, no digits. A single capital other
    than the article "A" is an initial or a label ("J. S. Bach", "Vitamin D") and stays."""
    if len(w) == 1:
        return w == "A"
    return w[0].isupper() and w[1:].islower() and _DIGIT.search(w) is None


def _is_pronoun_i(w: str) -> bool:
    return w == "I" or w.startswith(("I’", "I'"))


class _Word:
    __slots__ = ("end", "protected", "segment", "start", "tail", "text")

    def __init__(self, m: re.Match, protected: bool, segment: int, tail: bool):
        self.start, self.end, self.text = m.start(), m.end(), m.group()
        # protected: in braces (or part of a word in braces); a part of a dotted name
        # ("reddit.com", "Node.js") is a name, left as typed
        self.protected, self.segment, self.tail = protected, segment, tail


def _scan(runs: list[tuple[str, bool]]) -> tuple[str, list[_Word]]:
    """The title's text and its words, each with its segment number (a new segment starts
    after a colon, an em dash or end punctuation)."""
    full = "".join(t for t, _ in runs)
    prot_spans: list[tuple[int, int]] = []
    pos = 0
    for t, p in runs:
        if p and t:
            prot_spans.append((pos, pos + len(t)))
        pos += len(t)
    words: list[_Word] = []
    segment, last, prev = 0, 0, ""
    dotted = _DOTTED.match
    for m in _WORD.finditer(full):
        start, end = m.span()
        tail = False
        if words:
            gap = full[last:start]
            if gap != " " and _breaks(gap, prev):
                segment += 1
            tail = len(gap) == 1 and gap in _HYPHENS
        protected = (start > 1 and full[start - 1] == "." and full[start - 2].isalnum()) or \
            dotted(full, end) is not None or \
            (bool(prot_spans) and any(s < end and start < e for s, e in prot_spans))
        words.append(_Word(m, protected, segment, tail))
        last, prev = end, m.group()
    return full, words


def _breaks(gap: str, prev_word: str) -> bool:
    if not gap or gap == " ":
        return False
    m = _BREAK.search(gap + " " if gap.endswith(("—",)) else gap)
    if m is None:
        return False
    if m.group()[0] == "." and m.start() == 0 and \
            (prev_word.lower() in ABBREVIATIONS or len(prev_word) == 1):
        return _BREAK.search(gap, m.end()) is not None  # "Dr. Ma", "J. S. Bach", "e.g. this"
    return True


def _evidence(words: list[_Word]) -> dict[int, tuple[int, int]]:
    """Segment → (capitalised words, lower-case words that Title Case would capitalise),
    counted over the unprotected words that do not start a segment."""
    out: dict[int, list[int]] = {}
    seen: set[int] = set()
    for w in words:
        counts = out.setdefault(w.segment, [0, 0])
        first = w.segment not in seen
        seen.add(w.segment)
        t = w.text
        if first or w.protected or len(t) == 1 or not t[0].isalpha() or _DIGIT.search(t):
            continue
        if t.islower():
            if not w.tail and t not in NEUTRAL and t.split("’")[0].split("'")[0] not in NEUTRAL:
                counts[1] += 1
        elif _is_title_word(t):
            counts[0] += 1
    return {k: (v[0], v[1]) for k, v in out.items()}


def _is_caps(runs: list[tuple[str, bool]]) -> bool:
    free = "".join(text for text, prot in runs if not prot)
    if not (free.isupper() and sum(c.isalpha() for c in free) >= 8):
        return False
    # ALL CAPS — but "CVPR 2016" or "NATO SUMMIT" are names, not shouting
    alpha = [m for text, prot in runs if not prot for m in _WORD.finditer(text)
             if not m.group().isdigit()]
    return len(alpha) >= 3


def _modes(runs: list[tuple[str, bool]], words: list[_Word]) -> dict[int, str]:
    """Segment → 'title', 'sentence' or 'mixed' (capitalised words among lower-case ones: a
    sentence-case title with proper nouns, or a title typed half in Title Case)."""
    if _is_caps(runs):
        return {w.segment: "caps" for w in words}
    ev = _evidence(words)
    caps, lows = sum(c for c, _ in ev.values()), sum(lo for _, lo in ev.values())
    if caps and not lows:
        return dict.fromkeys(ev, "title")
    return {s: "title" if c and not lo else "mixed" if c else "sentence"
            for s, (c, lo) in ev.items()}


def classify(runs: list[tuple[str, bool]], words: list | None = None) -> str:
    """'title', 'caps', 'mixed' or 'sentence': how the (unprotected part of the) title is
    written. 'title' when any segment is in Title Case (it will be lowered)."""
    _, ws = _scan(runs)
    modes = set(_modes(runs, ws).values())
    for m in ("caps", "title", "mixed"):
        if m in modes:
            return m
    return "sentence"


def _keep(w: _Word, words: list[_Word], i: int, form=lambda s: s) -> bool:
    """A capitalised word that sentence case keeps: a name of `KEEP` ("Bayesian", and "Monte"
    before "Carlo"). `form`: how to read an ALL CAPS word (str.capitalize)."""
    t = form(w.text)
    if t in KEEP or t.split("’")[0].split("'")[0] in KEEP:
        return True
    nxt = form(words[i + 1].text) if i + 1 < len(words) else ""
    prv = form(words[i - 1].text) if i else ""
    return f"{t} {nxt}" in KEEP or f"{prv} {t}" in KEEP


def _edits(runs: list[tuple[str, bool]]) -> tuple[str, list[tuple[int, int, str]], list[str]]:
    full, words = _scan(runs)
    if not words:
        return full, [], []
    modes = _modes(runs, words)
    edits: list[tuple[int, int, str]] = []
    lowered: list[str] = []
    seen: set[int] = set()
    for i, w in enumerate(words):
        first = w.segment not in seen
        seen.add(w.segment)
        if w.protected:
            continue
        t = w.text
        mode = modes[w.segment]
        if first:
            if t.islower() and t[0].isalpha() and (i or t in _FUNCTION):
                # APA capitalizes the first word after a colon, whatever the title's case
                edits.append((w.start, w.end, t[0].upper() + t[1:]))
            elif mode == "caps" and t.isupper() and len(t) > 1 and not _is_pronoun_i(t):
                new = t[0] + t[1:].lower()
                if new != t:  # ("A中文": nothing to lower but the capital it keeps)
                    edits.append((w.start, w.end, new))
                    lowered.append(t)
            continue
        if mode == "caps":
            if _is_pronoun_i(t) or not t[0].isalpha():
                continue
            new = t.lower()
            if _keep(w, words, i, str.capitalize):
                new = new.capitalize()
        elif mode == "title":
            if not _is_title_word(t) or _is_pronoun_i(t) or _keep(w, words, i):
                continue
            new = t.lower()
        else:
            continue
        if new != t:
            edits.append((w.start, w.end, new))
            lowered.append(t)
    return full, edits, lowered


def _already_sentence_case(runs: list[tuple[str, bool]]) -> bool:
    """True when `_edits` has nothing to do, told without reading word by word: a first word
    that is not a function word to capitalise, and no capital in the unprotected text but
    the first letter and that of a word after a colon, a question or exclamation mark or an
    em dash (a period may end an abbreviation, so a title with one is read in full). Most
    titles stored in sentence case are such."""
    full = "".join(t for t, _ in runs)
    first = _WORD.search(full)
    if first is not None and first.group() in _FUNCTION:
        return False
    starts = {0}  # where a capital may stand
    after = None  # the first word after the break last looked at
    for m in _BREAK.finditer(full):
        if m.group()[0] == ".":
            return False
        if after is None or after.start() < m.end():
            # (searched afresh only past the word found last: each stretch is read once,
            # however many breaks stand before a word)
            after = _WORD.search(full, m.end())
            if after is None:
                break  # no word after it: nothing to capitalise
            word = after.group()
            if word[0].isalpha() and word.islower():
                return False  # (its capital is to be added)
            starts.add(after.start())
    pos = 0
    for t, p in runs:
        if not p and t.lower() != t and \
                any(c != c.lower() and pos + i not in starts for i, c in enumerate(t)):
            return False
        pos += len(t)
    return True


def _case_runs(runs: list[tuple[str, bool]], quick: bool = True
               ) -> tuple[list[str], list[str]]:
    """New texts of the runs, and the words lowercased. (`quick=False` reads every title
    word by word: the tests hold the quick answer to it.)"""
    texts = [t for t, _ in runs]
    if quick and _already_sentence_case(runs):
        return texts, []
    _, edits, lowered = _edits(runs)
    if not edits:
        return texts, lowered
    # apply each edit to the runs it covers (an edit keeps the length of the word it changes,
    # but for the odd letter whose case changes its length: then the first run takes it all)
    bounds, pos = [], 0
    for t in texts:
        bounds.append((pos, pos + len(t)))
        pos += len(t)
    chars = [list(t) for t in texts]
    for start, end, new in edits:
        same = len(new) == end - start
        for ri, (s, e) in enumerate(bounds):
            if e <= start or s >= end:
                continue
            a, b = max(s, start), min(e, end)
            if same:
                chars[ri][a - s:b - s] = list(new[a - start:b - start])
            else:
                chars[ri][a - s:b - s] = list(new) if a == start else []
    return ["".join(c) for c in chars], lowered


def sentence_case(text: str) -> str:
    """`text` (plain, nothing protected) in APA sentence case."""
    return _case_runs([(text, False)])[0][0]


def lowered_words(text: str) -> list[str]:
    """The words `sentence_case` lowercases, in order."""
    return _case_runs([(text, False)])[1]


# --- on latex trees ------------------------------------------------------------------------

# Groups whose text sentence case leaves alone: braces, italics (names of species and of other
# works: "*Drosophila melanogaster*", "*Ulysses*") and quotations marked up as such.
PROTECTING = frozenset(["nocase", "i", "quote"])


def braced_whole(nodes: list) -> list | None:
    """The inside of a title braced whole (`{{Title}}`), else None."""
    solid = [x for x in nodes if not (isinstance(x, str) and not x.strip())]
    if len(solid) == 1 and isinstance(solid[0], Group) and solid[0].kind == "nocase":
        return solid[0].children
    return None


def sentence_case_nodes(nodes: list) -> list:
    """Sentence-case a tree from `biblio.tocsl.latex.parse`; `nocase` groups are protected."""
    leaves: list[tuple[list, int, bool]] = []
    italic_only: set[int] = set()  # leaves kept only by italics, not by braces or quotes

    def walk(kids: list, protected: bool, braced: bool) -> None:
        for i, x in enumerate(kids):
            if isinstance(x, str):
                if protected and not braced:
                    italic_only.add(len(leaves))
                leaves.append((kids, i, protected))
            else:
                walk(x.children, protected or x.kind in PROTECTING,
                     braced or x.kind in ("nocase", "quote"))

    nodes = _copy(nodes)
    inner = braced_whole(nodes)
    walk(inner if inner is not None else nodes, False, False)
    runs = [(kids[i], prot) for kids, i, prot in leaves]
    texts, _ = _case_runs(runs)
    # APA 7 6.17: the first word after a colon has a capital, in italics too
    # ("The title: *Italics*"); braces still keep a word as typed ("{eBay}")
    before = ""
    for n, t in enumerate(texts):
        if n in italic_only and t[:1].islower() and _AFTER_COLON.search(before):
            texts[n] = t[0].upper() + t[1:]
        before = (before + t)[-8:]
    for (kids, i, _), t in zip(leaves, texts):
        kids[i] = t
    return nodes


_AFTER_COLON = re.compile(r":\s+$")


def _copy(nodes: list) -> list:
    return [x if isinstance(x, str) else Group(x.kind, _copy(x.children)) for x in nodes]
