"""CSL text-case on a rich-text tree: lowercase, uppercase, capitalize-first, capitalize-all,
sentence, title. Text inside `nocase` nodes is left alone."""

from __future__ import annotations

import re
import unicodedata

from biblio.csl.rich import Node

STOP_WORDS = frozenset(
    ["a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on", "onto", "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet", "about", "above", "across", "after", "against", "along", "amid", "among", "around", "before", "behind", "below", "beneath", "beside", "besides", "between", "beyond", "despite", "during", "except", "inside", "like", "near", "off", "out", "outside", "past", "per", "since", "than", "through", "toward", "towards", "under", "underneath", "unlike", "until", "upon", "versus", "vs", "within", "without",
     # name particles inside titles stay lower case, "John von Doe" (citeproc-js)
     "de", "d'", "d\u2019", "van", "von",
     # abbreviations: "Lessard v. Schmidt", "Smith et al."
     "v.", "vs.", "et", "al.", "ca.", "c."]
)
_TAG_TEXT = re.compile(r"</?\w+[^<>]*>")
_WORD = re.compile(r"[\w\u00C0-\u024F'\u2019.]+|[^\w\s]|\s+")
# A lone letter, or letters each with its period: "x", "n.", "e.g.", "u.s." (not words)
_LONE_LETTERS = re.compile(r"[^\W\d_](?:\.[^\W\d_])*\.?")


def _leaves(x, out: list, nocase: bool = False) -> None:
    """Collect (parent, index, nocase) of every string leaf, in order."""
    for i, c in enumerate(x.children):
        if isinstance(c, str):
            out.append((x, i, nocase))
        else:
            _leaves(c, out, nocase or c.nocase or _implicit_nocase(c))


def _implicit_nocase(node) -> bool:
    """Small caps, superscript, subscript and nodecor written in a field are left alone by
    text-case (citeproc-js): "<sc>ph</sc>", "CO<sub>2</sub>" are spelled as their writer
    meant."""
    if not node.markup and not node.nodecor:
        return False
    fmt = node.fmt or {}
    return (node.nodecor or fmt.get("font-variant") == "small-caps"
            or fmt.get("vertical-align") in ("sup", "sub"))


def apply(tree, case: str | None, english: bool = True, turkic: bool = False):
    """`turkic`: Turkish and Azeri case dotted and dotless i apart (i → İ, ı → I)."""
    if not case or tree is None:
        return tree
    if case == "title" and not english:
        return tree
    root = tree if isinstance(tree, Node) else Node([tree])
    leaves: list = []
    _leaves(root, leaves, root.nocase)
    state = {"start": True, "first_word": True, "words": 0, "last": -1, "turkic": turkic}
    if case == "sentence":
        # An upper-case string is lowercased after its first letter; in a mixed-case one
        # an all-capitals word is an acronym and keeps its case (CSL 1.0.2, "Sentence
        # Case Conversion").
        letters = [c for parent, i, nocase in leaves if not nocase
                   for c in parent.children[i] if c.isalpha()]
        state["all_upper"] = all(c.isupper() for c in letters)
    # A leaf that goes on with the word the leaf before it ends ("<nocase>Goethe</nocase>’s",
    # "<i>iPhone</i>s") starts no word of its own: its first letters keep their case.
    glued = [False] + [_ends_in_word(leaves[k][0].children[leaves[k][1]])
                       for k in range(len(leaves) - 1)]
    if case == "title":
        # The last word is capitalized even when it is a stop word.
        state["last"] = sum(_words(parent.children[i], g)
                            for (parent, i, _), g in zip(leaves, glued))
    for (parent, i, nocase), g in zip(leaves, glued):
        s = parent.children[i]
        if nocase:
            if s.strip() and not _TAG_TEXT.fullmatch(s):  # ("<i>" of a tag never closed)
                state["start"] = False
                state["first_word"] = False
                state["words"] += _words(s, g)
            continue
        state["glued"] = g
        parent.children[i] = _case(s, case, state)
    if isinstance(tree, str):
        return root.children[0] if len(root.children) == 1 else root
    return root


def _is_word(tok: str) -> bool:
    return bool(tok) and (tok[0].isalnum() or tok[0] in "'\u2019")


def _words(s: str, glued: bool = False) -> int:
    toks = _WORD.findall(s)
    return sum(map(_is_word, toks)) - (glued and bool(toks) and _is_word(toks[0]))


def _ends_in_word(s: str) -> bool:
    return s[-1:].isalnum()


def _is_upper_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) > 1 and all(c.isupper() for c in letters)


def _case(s: str, case: str, state: dict) -> str:
    if case == "lowercase":
        return (s.replace("I", "ı").replace("İ", "i") if state["turkic"] else s).lower()
    if case == "uppercase":
        return _greek_upper(s) if _GREEK.search(s) else (
            s.replace("i", "İ") if state["turkic"] else s).upper()
    out = []
    toks = _WORD.findall(s)
    if state.get("glued") and toks and _is_word(toks[0]):
        out.append(toks.pop(0))  # the end of the word the leaf before began
        state["start"] = False
    for k, tok in enumerate(toks):
        if not _is_word(tok):
            out.append(tok)
            if tok in _DASHES and _dash_word_ends(toks, k):
                # a run of dashes standing alone is a word: subsequent-author-substitute's
                # "---" is the names, so "---, en ---" keeps its "en" under capitalize-first
                # (a dash joined to what follows is not: Basque "-(E)k elkarrizketatua")
                state["start"] = False
            if tok in (":", "?", "!") and case == "title":
                state["first_word"] = True
            continue
        # CSL: capitalize-first/-all change only lower-case words ("arXiv:2005.14165" stays)
        if case == "capitalize-first":
            if state["start"] and tok == tok.lower():
                tok = _cap(tok, state)
        elif case == "capitalize-all":
            if tok == tok.lower():
                tok = _cap(tok, state)
        elif case == "sentence":
            if _is_upper_word(tok):
                if state["all_upper"]:
                    tok = _cap(tok.lower(), state) if state["start"] else tok.lower()
            elif state["start"]:
                tok = _cap(tok, state)
            elif tok[:1].isupper() and tok[1:] == tok[1:].lower():
                tok = tok.lower()
        elif case == "title":
            low = tok.lower()
            state["words"] += 1
            # Only all-lowercase words change in title case; a lone letter ("07-x"), with its
            # abbreviating period too ("serendipity, n.", "e.g."), only first.
            word = not _LONE_LETTERS.fullmatch(tok)
            last = state["words"] == state["last"] and word
            if tok == low and (state["first_word"] or last
                               or (word and low not in STOP_WORDS)):
                tok = _cap(tok, state)
            state["first_word"] = False
        state["start"] = False
        out.append(tok)
    return "".join(out)


def _dash_word_ends(toks: list, k: int) -> bool:
    """Whether the dashes from toks[k] on are a word of their own: followed by a space, a
    mark other than an opening bracket, or nothing."""
    while k < len(toks) and toks[k] in _DASHES:
        k += 1
    nxt = toks[k] if k < len(toks) else ""
    return not nxt or nxt.isspace() or not (nxt[0].isalnum() or nxt in "([{'\u2018\u201c")


_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015")
_GREEK = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
# The accents and breathings Greek drops in capitals (the diaeresis stays; the iota
# subscript becomes a capital iota through str.upper).
_GREEK_ACCENTS = frozenset("\u0300\u0301\u0342\u0313\u0314\u0343")


def _greek_upper(s: str) -> str:
    """Greek in capitals, as CLDR's Greek upper-case mapping writes it: without accents
    ("Παπαδόπουλος" → "ΠΑΠΑΔΟΠΟΥΛΟΣ"), a diaeresis on the ι or υ an accent kept from forming
    a diphthong with the vowel before ("Μάιος" → "ΜΑΪΟΣ"); the disjunctive "ή" keeps its
    accent ("Ή"). Other scripts in `s` are upper-cased as usual."""
    out = []
    for word in re.split(r"(\W+)", unicodedata.normalize("NFC", s)):
        if word == "\u03ae":
            out.append("\u0389")
            continue
        bases: list[list[str]] = []  # a letter and the marks it keeps
        accented_before = False
        for ch in unicodedata.normalize("NFD", word):
            if unicodedata.combining(ch) and bases:
                if ch in _GREEK_ACCENTS and _GREEK.match(bases[-1][0]):
                    accented_before = True
                    continue
                bases[-1].append(ch)
                continue
            prev = bases[-1] if bases else None
            mark = []
            if (accented_before and prev is not None and len(prev) == 1
                    and prev[0].lower() in "\u03b1\u03b5\u03b7\u03bf\u03c5"
                    and ch.lower() in "\u03b9\u03c5"):
                mark = ["\u0308"]  # the accent said "two syllables"; the diaeresis says it now
            accented_before = False
            bases.append([ch] + mark)
        out.append(unicodedata.normalize("NFC", "".join("".join(b) for b in bases)).upper())
    return "".join(out)


def _cap(w: str, state: dict | None = None) -> str:
    if len(w) == 1 and "\u0370" <= w <= "\u03ff":
        return w  # a lone Greek letter is a symbol ("β-carotene"), not a word
    for i, c in enumerate(w):
        if c.isdigit():
            return w  # "16s", "3rd": a word that starts with a number keeps its letters
        if c.isalpha():
            up = "İ" if c == "i" and state and state["turkic"] else c.upper()
            return w[:i] + up + w[i + 1:]
    return w
