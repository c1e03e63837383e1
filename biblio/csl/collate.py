"""Sorting by cs:sort keys, with Unicode collation (pyuca's UCA tables), empty values last."""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import chain
from operator import itemgetter

from biblio.csl import alphabets, ucatable
from biblio.csl.nodes import DATE_VARS, NAME_VARS, NUMBER_VARS
from biblio.csl.person import initialize, split_particles
from biblio.csl.rich import plain


@functools.lru_cache(maxsize=1)
def _collator():
    return ucatable.collator()


@functools.lru_cache(maxsize=1)
def _ascii_elements() -> list:
    """The collation elements of each ASCII character. DUCET has no contraction made of ASCII
    characters alone, so an ASCII string's elements are its characters' in order
    (tests/test_collate.py holds this equal to pyuca's full lookup). Kept apart from the full
    table, which only non-ASCII text loads."""
    return ucatable.ascii_elements()


# Sort keys are made from this many characters at most: no two titles or names need more to
# be told apart, and pyuca's time grows faster than linearly with the length of non-ASCII text
# (four 10 KB titles took over a minute).
COLLATE_PREFIX = 512


def uca_key(s: str) -> tuple:
    """pyuca's sort key of `s` (of its first COLLATE_PREFIX characters): the non-zero weights
    of its collation elements, level by level, a 0 between levels (ucatable.key_from_elements).
    Made word by word, each word's weights kept (names and title words recur across a list):
    DUCET has no contraction with a space in it, and a space (a starter) stops NFD's
    reordering and pyuca's look-ahead for combining marks, so a string's elements are its
    words' with the space's between (tests/csl/test_collate.py holds it equal to pyuca's)."""
    words = list(map(_word_levels, s[:COLLATE_PREFIX].split(" ")))
    if len(words) > 1:
        spaced = [_word_levels(" ")] * (2 * len(words) - 1)
        spaced[::2] = words
        words = spaced
    # (each level's weights chained without a Python step per word: keys are made per item)
    key = list(chain.from_iterable(map(_LEVEL[0], words)))
    for level in _LEVEL[1:]:
        key.append(0)
        key += chain.from_iterable(map(level, words))
    return tuple(key)


_LEVEL = tuple(itemgetter(level) for level in range(4))


def _levels(elements) -> tuple:
    """The non-zero weights of collation elements at each of the four levels."""
    return tuple(tuple(e[level] for e in elements if len(e) > level and e[level])
                 for level in range(4))


@functools.lru_cache(maxsize=1)
def _ascii_levels() -> list:
    """_levels of each ASCII character's elements: an ASCII word's levels are its
    characters', joined level by level (its elements are theirs, in order)."""
    return [_levels(e) for e in _ascii_elements()]


@functools.lru_cache(maxsize=65536)
def _word_levels(word: str) -> tuple:
    """The non-zero weights of a word's collation elements at each of the four levels; ASCII
    text skips pyuca's trie walk, most of the time it takes."""
    if word.isascii():
        table = _ascii_levels()
        l0: list = []
        l1: list = []
        l2: list = []
        l3: list = []
        for ch in word:
            a, b, c, d = table[ord(ch)]
            l0 += a
            l1 += b
            l2 += c
            l3 += d
        return (tuple(l0), tuple(l1), tuple(l2), tuple(l3))
    return _levels(_collator().collation_elements(unicodedata.normalize("NFD", word)))


_MARKUP = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=65536)
def text_key(s: str, lang: str = "") -> tuple:
    """`s`'s sort key; `lang` (alphabets.language) files its own letters where its alphabet
    puts them ("Chen" after "Hz" in Czech)."""
    # Markup and leading punctuation do not count ("[Untitled]", "“Quoted”"). A space does,
    # at the start too: a macro's " In: ZALTA" files first (the string the macro renders,
    # CSL 1.0.2 "Sorting Macros"; citeproc-js the same, its key's spaces written "|").
    s = _MARKUP.sub("", s)
    s = _PUNCT.sub("", s)
    if not lang:
        return uca_key(s)
    key = uca_key(alphabets.tailor(s, lang))
    scripts = alphabets.OWN_SCRIPT.get(lang)
    if not scripts:
        return key
    return _scripts_first(key, _script_spans(scripts, lang), alphabets.han_order(lang))


# DUCET gives a Han character (and one it leaves unassigned) two primary weights: a lead in
# FB40..FBFF, by block, and a trail holding the code point. Han's leads are FB40..FBBF.
_IMPLICIT = (0xFB00, 0xFBFF)
_HAN = (0xFB40, 0xFBBF)


@functools.cache
def _script_spans(scripts: tuple[str, ...], lang: str = "") -> tuple[tuple[int, ...], ...]:
    """(first, last, where it goes, how many weights it takes there) of each script's primary
    weights, in the order the language files them: first of all, from where Latin's letters
    start (DUCET files Latin, Greek, Cyrillic, …, kana, Han in that order). Han read in the
    language's order takes a weight per character it reads, then its own for the rest."""
    latin = _word_levels("a")[0][0]
    spans = []
    at = latin
    for script in scripts:
        first, last = _HAN if script == "Han" else _letter_span(script, latin)
        width = last - first + 1
        if script == "Han" and (read := alphabets.han_order(lang)) is not None:
            width += len(read)
        spans.append((first, last, at, width))
        at += width
    return tuple(spans)


def _letter_span(script: str, latin: int) -> tuple[int, int]:
    # (letters proper, not modifier letters that weigh like marks; not letters this DUCET
    # leaves unassigned, which take implicit weights)
    letters = (_word_levels(chr(cp))[0] for lo, hi in alphabets.SCRIPTS[script]
               for cp in range(lo, hi + 1) if unicodedata.category(chr(cp)) in ("Lu", "Ll", "Lo"))
    weights = [w for ws in letters if max(ws, default=0) < _IMPLICIT[0] for w in ws if w >= latin]
    return min(weights), max(weights)


def _scripts_first(key: tuple, spans: tuple[tuple[int, ...], ...],
                   han_order: dict[int, int] | None = None) -> tuple:
    """`key` with its primary weights moved so that the scripts' letters come first, before
    Latin's, and the letters from Latin on after them in their own order; marks, digits and
    an implicit weight's trail keep their weights. With `han_order`, a Han character the
    language reads takes its place in that order (its lead and trail become one weight)."""
    latin = spans[0][2]
    end = key.index(0) if 0 in key else len(key)
    out = []
    i = 0
    while i < end:
        w = key[i]
        i += 1
        if w < latin:
            out.append(w)
            continue
        trail = None
        if _IMPLICIT[0] <= w <= _IMPLICIT[1] and i < end:
            trail = key[i]
            i += 1
        for first, last, at, width in spans:
            if first <= w <= last:
                rank = None
                if han_order is not None and trail is not None and (first, last) == _HAN:
                    block = 0xFB80 if w >= 0xFB80 else 0xFB40  # (DUCET's implicit weights)
                    rank = han_order.get(((w - block) << 15) | (trail & 0x7FFF))
                if rank is not None:
                    out.append(at + rank)
                    trail = None
                else:
                    out.append(at + width - (last - first + 1) + w - first)
                break
        else:
            out.append(w + sum(width for first, _, _, width in spans if first > w))
        if trail is not None:
            out.append(trail)
    return tuple(out) + key[end:]


def _name_key(name: dict, demote: str, lang: str = "", initials=None) -> tuple:
    """A name's key: family, then given name (the particles where `demote` files them),
    then suffix. `initials`: (initialize-with, initialize, hyphen) when the name's given
    name is initialized."""
    if "literal" in name and not name.get("family"):
        return (text_key(name["literal"], lang),)
    n = split_particles(name)
    family = n.get("family") or ""
    ndp = (n.get("non-dropping-particle") or "").strip()
    if ndp and demote == "never":
        family = f"{ndp} {family}"
    first = n.get("given") or ""
    if initials is not None and first:
        with_, init, hyphen = initials
        first = initialize(first, with_, hyphen, init)
    given = " ".join(x for x in (first, n.get("dropping-particle") or "",
                                 ndp if demote != "never" else "") if x)
    return (text_key(family, lang), text_key(given, lang),
            text_key(n.get("suffix") or "", lang))


_NUM = re.compile(r"-?\d+")
_PUNCT = re.compile(r"[\"'\u2018\u2019\u201c\u201d\u00ab\u00bb\[\](){}.,;:!?\u00bf\u00a1*]")


def _variable_value(ctx, var, key):
    item = ctx.item
    if var in NAME_VARS:
        names = item.names(var)
        if not names:
            return None
        lang = _lang(ctx)
        # CSL 1.0.2 "Sorting Variables": the names as a list rendered in full (form "long")
        # and inverted; the other options are the style's and the section's, so an
        # inherited initialize-with initializes the key's given names too ("Smith, J." for
        # Jane and John: zitierguide-…-rechtswissenschaftlichen-arbeiten, as citeproc-js)
        opts = {**ctx.style.name_opts, **ctx.section_name_opts}
        with_ = opts.get("initialize-with")
        initials = None if with_ is None else (
            with_, opts.get("initialize", "true") != "false", ctx.style.initialize_hyphen)
        return tuple(_name_key(n, ctx.style.demote, lang, initials) for n in names)
    if var in DATE_VARS:
        d = item.date(var)
        return d.sort_key() if d else None
    v = ctx.raw(var)
    if v in (None, ""):
        return None
    if var in NUMBER_VARS or var == "citation-number":
        m = _NUM.search(str(v))
        if m:
            return (0, int(m.group(0)), text_key(str(v), _lang(ctx)))
    text = plain(v) if not isinstance(v, str) else v
    if var in ("title", "container-title", "collection-title", "title-short"):
        text = _significant(ctx, text)
    return (1, 0, text_key(text, _lang(ctx)))


# English titles sort by their first significant word: "The zebra study" under Z (APA 7
# 9.47 and 9.48, MLA, Chicago 16.54 all pass over a leading "A", "An" or "The").
_ARTICLE = re.compile(r"(?:a|an|the)\s+(?=\S)", re.IGNORECASE)


def _lang(ctx) -> str:
    return alphabets.language(ctx.locale.lang)


def _significant(ctx, s: str) -> str:
    if ctx.item.english:
        m = _ARTICLE.match(s)
        if m:
            return s[m.end():]
    return s


_TITLES = ("title", "title-short", "container-title", "collection-title")


def _opens_with_a_title(ctx, s: str) -> bool:
    """Whether a macro's text opens with one of the item's titles (a title key, an unsigned
    work's title standing for its author), not with the style's own text ("A " before an
    archive's name, a code that files archives first)."""
    def words(x):
        return _PUNCT.sub("", _MARKUP.sub("", x)).casefold().split()[:2]

    head = words(s)
    return any(isinstance(t := ctx.item.data.get(v), str) and words(t) == head
               for v in _TITLES)


def _macro_value(ctx, name, key):
    macro = ctx.style.macros.get(name)
    if macro is None:
        return None
    ctx.sort_opts = dict(key.opts)
    out = macro.render(ctx)
    ctx.sort_opts = None
    s = plain(out)
    if not s:
        return None
    if ctx.item.english and _ARTICLE.match(s) and _opens_with_a_title(ctx, s):
        s = _significant(ctx, s)
    return text_key(s, _lang(ctx))


class LazyKey:
    """An item's sort key, each part computed the first time a comparison reaches it: most
    items differ at the first key, so later ones (a title macro, a date) are rendered only for
    the items that tie before them."""

    __slots__ = ("item", "run", "section", "values")

    def __init__(self, run, item, section):
        self.run, self.item, self.section = run, item, section
        self.values: list = [_UNSET] * len(section.sort)

    def __getitem__(self, i):
        v = self.values[i]
        if v is _UNSET:
            v = self.values[i] = _key_part(self.run, self.item, self.section, self.section.sort[i])
        return v

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self):
        return (self[i] for i in range(len(self.values)))


_UNSET = object()


def item_key(run, item, section, mode) -> LazyKey:
    cache = run.sort_keys
    got = cache.get((item.id, mode))
    if got is None:
        got = cache[(item.id, mode)] = LazyKey(run, item, section)
    return got


def _key_part(run, item, section, key):
    shared = run.memo_key(item, "sort", id(section), id(key))  # (the style's own objects)
    if shared is not None and (got := run.memo.get(shared)) is not None:
        return got[0]
    ctx = run.ctx(item, None, "sort", section)
    value = None
    if key.macro:
        value = _macro_value(ctx, key.macro, key)
    elif key.variable:
        value = _variable_value(ctx, key.variable, key)
    if shared is not None:
        run.memo.put(shared, (value,))
    return value


def _cmp(a, b) -> int:
    return (a > b) - (a < b)


def compare(section, ka, kb) -> int:
    for i, key in enumerate(section.sort):
        x, y = ka[i], kb[i]
        if x is None and y is None:
            continue
        if x is None:
            return 1
        if y is None:
            return -1
        try:
            c = _cmp(x, y)
        except TypeError:
            c = _cmp(str(x), str(y))
        if c:
            return -c if key.descending else c
    return 0


def sort_items(run, items, section, mode):
    keys = [item_key(run, it, section, mode) for it in items]
    try:
        order = _by_levels(section, keys, list(range(len(items))), 0)
    except _Mixed:
        # values of one key that do not compare (compare() falls back to their text): one
        # comparison at a time
        order = sorted(range(len(items)), key=functools.cmp_to_key(
            lambda a, b: compare(section, keys[a], keys[b]) or _cmp(a, b)))
    return [items[i] for i in order]


class _Mixed(Exception):
    """A key's values are of kinds that do not compare with each other."""


def _by_levels(section, keys, idx, level):
    """The order compare() gives (ties in input order), one key at a time: `idx` sorted by
    key `level` in Python's own sort, each run of equal values then by the next key only,
    so a later key is computed only for the items that tie before it."""
    if len(idx) < 2 or level == len(section.sort):
        return idx
    present, empty = [], []
    for i in idx:
        (empty if keys[i][level] is None else present).append(i)
    kinds = {type(keys[i][level]) for i in present}
    if len(kinds) > 1:
        raise _Mixed
    try:
        # (stable, in reverse too: equal values keep their order)
        present.sort(key=lambda i: keys[i][level], reverse=section.sort[level].descending)
    except TypeError:
        raise _Mixed from None
    out: list = []
    j = 0
    while j < len(present):
        value = keys[present[j]][level]
        k = j + 1
        while k < len(present) and keys[present[k]][level] == value:
            k += 1
        out += _by_levels(section, keys, present[j:k], level + 1)
        j = k
    # empty values last, whatever the direction
    return out + _by_levels(section, keys, empty, level + 1)
