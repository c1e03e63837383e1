"""BibTeX name lists → CSL name objects.

BibTeX's three forms (`First von Last`, `von Last, First`, `von Last, Jr, First`), names
separated by ` and ` outside braces, `{Corporate Name}` as a literal. The von part's "case" is
the case of its first letter outside braces (a brace group starting with a macro, `{\\"u}ber`,
counts by its letter), as in BibTeX itself.

Particles: biblatex's `useprefix` decides whether "van der" belongs to the family name. APA
(Publication Manual 9.8: "van der Maaten, L.") writes and sorts it with the family name, so a
particle is CSL `non-dropping-particle` unless the entry says `useprefix=false`, where it
becomes `dropping-particle`. (pandoc makes it always `dropping-particle`: "Maaten, L. van der".)
"""

from __future__ import annotations

import functools
import re

from . import latex

_BRACES = re.compile(r"[{}]")
_COMMA = re.compile(r",")
# (?<!\s): a match starts at the first space of a run; tried from every space of a long run
# that no "and" follows, the search would take quadratic time.
_AND = re.compile(r"(?<!\s)\s+and\s+", re.IGNORECASE)
_SPACE = re.compile(r"[\s~]+")
_SUFFIX = re.compile(r"\s*(?:Jr\.?|Sr\.?|Jnr\.?|Snr\.?|II|III|IV|V|VI|2nd|3rd|4th)\s*")
_INITIALS = re.compile(r"(?<![^\W\d_])([^\W\d_])\.(?=[^\W\d_])")


def _mask(text: str) -> str:
    """`text` with everything inside braces replaced by 'x' (same length), so that a plain
    regex finds separators at brace depth 0 only."""
    out, depth, last = [], 0, 0
    for m in _BRACES.finditer(text):
        if m.group() == "{":
            if depth == 0:
                out.append(text[last:m.start()])
                last = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                out.append("x" * (m.end() - last))
                last = m.end()
    out.append(text[last:] if depth == 0 else "x" * (len(text) - last))
    return "".join(out)


def _spans_depth0(text: str, sep: re.Pattern) -> list[tuple[int, int]]:
    """(start, end) of the pieces of `text` between matches of `sep` at brace depth 0."""
    spans, start = [], 0
    for m in sep.finditer(_mask(text) if "{" in text else text):
        if m.end() > m.start():
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(text)))
    return spans


def _split_depth0(text: str, sep: re.Pattern) -> list[str]:
    """Split on `sep` where braces are balanced (depth 0); `_spans_depth0` without the spans,
    which parse_names, being hot, cannot afford."""
    if "{" not in text:
        return sep.split(text)
    out, start = [], 0
    for m in sep.finditer(_mask(text)):
        if m.end() > m.start():
            out.append(text[start:m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def split_names(text: str) -> list[str]:
    """The names of a name list: split at ' and ' outside braces, stripped, empty ones dropped."""
    return [s.strip() for s in _split_depth0(text.strip(), _AND) if s.strip()]


def name_spans(text: str) -> list[tuple[int, str]]:
    """The names of a name list as written, each with its offset in `text` (the checks point
    at one name); on stripped text, the names `split_names` gives, before their own strip."""
    return [(a, text[a:b]) for a, b in _spans_depth0(text, _AND)]


def name_parts(name: str) -> list[str]:
    """A name's comma-separated parts (outside braces), stripped."""
    return [p.strip() for p in _split_depth0(name, _COMMA)]


def _is_lower(word: str) -> bool:
    """BibTeX's 'von' test: the first letter at brace depth 0 is lower case."""
    if word[0].isalpha():
        return word[0].islower()
    depth = 0
    i, n = 0, len(word)
    while i < n:
        c = word[i]
        if c == "{":
            # `{\"u}ber`: a special character, judged by its letter
            if depth == 0 and word.startswith("{\\", i):
                decoded = latex.to_text(word[i:])[0]
                for ch in decoded:
                    if ch.isalpha():
                        return ch.islower()
                return False
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and c.isalpha():
            return c.islower()
        elif depth == 0 and c == "\\":
            decoded = latex.to_text(word[i:])[0]
            for ch in decoded:
                if ch.isalpha():
                    return ch.islower()
            return False
        i += 1
    return False


def _text(parts: list[str], problems: list[str]) -> str:
    raw = " ".join(parts)
    if latex.is_simple(raw):
        return raw
    text, p = latex.to_text(raw)
    problems.extend(p)
    return text.replace("\u00a0", " ").strip()


def parse_name(raw: str, useprefix: bool = True) -> tuple[dict, list[str]]:
    """One BibTeX name → a CSL name dict, and LaTeX problems met."""
    name, problems = _parse_name(raw, useprefix)
    return dict(name), list(problems)


@functools.lru_cache(maxsize=1 << 16)
def _parse_name(raw: str, useprefix: bool) -> tuple[dict, tuple[str, ...]]:
    name, problems = _parse_name_uncached(raw, useprefix)
    return name, tuple(problems)


# biblatex's extended name format: "family=Gogh, given=Vincent, prefix=van, useprefix=true"
EXTENDED = re.compile(r"\s*(?:family|given|prefix|suffix|useprefix|familyi|giveni|prefixi|"
                      r"suffixi)\s*=", re.IGNORECASE)
_KEYS = {"family": "family", "given": "given", "prefix": "von", "suffix": "jr"}


def is_extended(name: str) -> bool:
    return EXTENDED.match(name) is not None


def _parse_extended(raw: str, useprefix: bool, problems: list[str]) -> tuple[dict, list[str]]:
    got: dict[str, list[str]] = {}
    for part in _split_depth0(raw, _COMMA):
        key, eq, value = part.partition("=")
        key = key.strip().lower()
        if not eq:
            continue
        value = value.strip()
        if value.startswith("{") and _closing(value) == len(value) - 1:
            value = value[1:-1]
        if key == "useprefix":
            useprefix = value.strip().lower() in ("true", "")
        elif key in _KEYS:
            got[_KEYS[key]] = [value]
    return _build(got.get("given", []), got.get("von", []), got.get("family", []),
                  got.get("jr", []), raw, useprefix, problems)


def _parse_name_uncached(raw: str, useprefix: bool) -> tuple[dict, list[str]]:
    problems: list[str] = []
    raw = raw.strip().strip(",").strip()
    if "=" in raw and is_extended(raw):
        return _parse_extended(raw, useprefix, problems)
    if raw.count(",") == 1 and latex.is_simple(raw):
        # The common "Family, Given" with one capitalised family word: no parser needed.
        family, given = raw.split(",")
        family, given = family.strip(), " ".join(given.split())
        if family and " " not in family and family[0].isupper() and \
                not _SUFFIX.fullmatch(given):
            name = {"family": family}
            if given:
                name["given"] = _INITIALS.sub(r"\1. ", given) if "." in given else given
            return name, problems
    if raw.startswith("{") and raw.endswith("}") and _closing(raw) == len(raw) - 1:
        return {"literal": _text([raw[1:-1]], problems)}, problems
    parts = [p.strip() for p in _split_depth0(raw, _COMMA)]
    if len(parts) == 1:
        words = [w for w in _split_depth0(parts[0], _SPACE) if w]
        if len(words) == 1:
            return {"family": _text(words, problems)}, problems
        # First von Last: von starts at the first lower-case word (not the last word)
        lower = [i for i, w in enumerate(words[:-1]) if _is_lower(w)]
        if lower:
            v0, v1 = lower[0], lower[-1]
            first, von, last = words[:v0], words[v0:v1 + 1], words[v1 + 1:]
        else:
            first, von, last = words[:-1], [], words[-1:]
        jr: list[str] = []
    else:
        head = [w for w in _split_depth0(parts[0], _SPACE) if w]
        if len(parts) == 2 and _SUFFIX.fullmatch(parts[1]) and len(head) >= 2:
            # "Martin Luther King, Jr.": BibTeX would make "Jr." the given name
            lower = [i for i, w in enumerate(head[:-1]) if _is_lower(w)]
            v0 = lower[0] if lower else len(head) - 1
            v1 = lower[-1] if lower else len(head) - 2
            first, von, last, jr = head[:v0], head[v0:v1 + 1], head[v1 + 1:], [parts[1]]
            return _build(first, von, last, jr, raw, useprefix, problems)
        if len(parts) == 2:
            jr, first = [], [w for w in _split_depth0(parts[1], _SPACE) if w]
        else:
            jr = [w for w in _split_depth0(parts[1], _SPACE) if w]
            first = [w for w in _split_depth0(",".join(parts[2:]), _SPACE) if w]
        lower = [i for i, w in enumerate(head[:-1]) if _is_lower(w)]
        if lower and lower[0] == 0:
            v1 = lower[-1]
            von, last = head[:v1 + 1], head[v1 + 1:]
        else:
            von, last = [], head
    return _build(first, von, last, jr, raw, useprefix, problems)


def _build(first, von, last, jr, raw, useprefix, problems) -> tuple[dict, list[str]]:
    name: dict[str, str] = {}
    family = _text(last, problems)
    if family:
        name["family"] = family
    given = _text(first, problems)
    if given:
        name["given"] = _INITIALS.sub(r"\1. ", given) if "." in given else given
    if von:
        name["non-dropping-particle" if useprefix else "dropping-particle"] = \
            _text(von, problems)
    if jr:
        name["suffix"] = _text(jr, problems)
    if not family and not given:
        return {"literal": _text([raw], problems)}, problems
    return name, problems


def _closing(raw: str) -> int:
    depth = 0
    for i, c in enumerate(raw):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
    return -1


def parse_names(text: str, useprefix: bool = True) -> tuple[list[dict], list[str], bool]:
    """A name list → (CSL names, problems, whether it ended in `and others`)."""
    out, problems, others = [], [], False
    # `{\"O}zt{\"u}rk` → `Öztürk` first: most names then have no braces left to split around
    for raw in split_names(latex.presubstitute(text)):
        if raw.lower() == "others":
            others = True
            continue
        name, p = parse_name(raw, useprefix)
        out.append(name)
        problems.extend(p)
    return out, problems, others
