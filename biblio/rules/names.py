"""Names: credentials inside names, comma-joined lists, unbraced organizations, bare initials."""

from __future__ import annotations

import functools
import re

from ..tocsl.names import is_extended, name_parts, name_spans
from ._text import words, wordset
from .registry import ERROR, INFO, WARNING, Context, View, rule, set_value, simple_braced

NAME_FIELDS = ("author", "editor", "translator", "editora", "editorb", "editorc", "bookauthor",
               "commentator", "annotator", "introduction", "foreword", "afterword", "holder")

# Degrees, licences and certifications seen after names (upper case, dots and spaces removed).
CREDENTIALS = wordset("""
PT DPT MPT MSPT PTA PHD PD MD DO DC RN BSN MSN NP PA PAC OT OTR OTD MS MSC MA BA BS BSC MBA MPH
DRPH SCD EDD JD LLM DDS DMD PHARMD DVM FRCP FRCS MBBS MBCHB COMT OCS SCS FAAOMPT CSCS ATC LAT
CMT LMT LAC DACM CERTMDT MDT CMPT FAPTA FACP FACS MRCP PSYD LCSW CPT CHT NCS GCS PCS WCS CCS
""")
_PARTICLES = wordset("de da di del della der den van von ter ten du dos das la le al bin ibn "
                     "y e st")
ORG_WORDS = wordset("""
Association Society Institute Institution University College School Organization Organisation
Department Committee Council Policy Foundation Group Agency Center Centre Ministry Board Unit
Academy Federation Inc Ltd LLC Company Corporation Government Office Service Services Team
Network Consortium Alliance Commission Hospital Clinic Laboratory Laboratories Press Bureau
Administration Coalition Collaboration Initiative Trust Fund Union League Project Taskforce
""")
_ACRONYM = re.compile(r"[A-Z]{3,}")
_INITIALS = re.compile(r"(?:[A-Z]\.\s*)+")  # "P. D.": initials, or a degree after "First Last"


def _spelled(words, sep: str) -> str:
    """A pattern matching any of `words` with `sep` between their letters, as a trie: a shared
    beginning is written once ("M" of MA, MBA, MD, …), so it compiles in less time than one
    alternative per word, and matches exactly the same texts."""
    rests: dict[str, set[str]] = {}
    for w in words:
        rests.setdefault(w[0], set()).add(w[1:])
    alts = []
    for first, rest in sorted(rests.items()):
        longer = {r for r in rest if r}
        tail = sep + _spelled(longer, sep) if longer else ""
        alts.append(first + (f"(?:{tail})?" if tail and "" in rest else tail))
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


# Cheap tests on a whole name list, so the lists of most entries are never taken apart.
@functools.cache
def _cred_hint() -> re.Pattern:
    """", PhD", ", P. T. and": a credential after a comma (compiled on first use: 1 ms, which a
    command that checks no names need not pay)."""
    return re.compile(r",\s*" + _spelled(CREDENTIALS, r"\.?\s?") + r"\.?\s*(?=,|$|\s+and\s)",
                      re.IGNORECASE)
_ACRONYM_HINT = re.compile(r"[A-Z]{3}")
_WORD_SPLIT = re.compile(r"[\s~,.;:(){}]+")


def _org_hint(text: str) -> bool:
    return bool(_ACRONYM_HINT.search(text)) or not ORG_WORDS.isdisjoint(_WORD_SPLIT.split(text))
_ROMAN = re.compile(r"[IVXLC]+")


def _norm(part: str) -> str:
    return part.replace(".", "").replace(" ", "").replace("~", "").upper()


# Credentials that are written with lower-case letters (Ph.D., PharmD); others are all caps.
_MIXED = wordset("PHD PHARMD MSC BSC DRPH SCD EDD PSYD MBCHB")


def is_credential(part: str) -> bool:
    norm = _norm(part)
    if norm not in CREDENTIALS:
        return False
    return norm in _MIXED or not any(c.islower() for c in part)


def _braced_name(name: str) -> bool:
    s = name.strip()
    return s.startswith("{") and s.endswith("}") and simple_braced(s)


def _capitalized_words(part: str) -> list[str]:
    return [w for _, w in words(part)]


def _fix_names(e: View, f, names: list[str]):
    """The field's new raw value with these names (only when the value is one braced piece)."""
    if not simple_braced(f.raw) or f.raw.startswith('"'):
        return None
    return "{" + " and ".join(names) + "}"


class _Names:
    """A name list, split into names only when a rule's cheap test on the text says it may
    hold a problem (most lists never are)."""

    __slots__ = ("_split", "text")

    def __init__(self, text: str):
        self.text = text
        self._split: list[tuple[int, str]] | None = None

    def __iter__(self):
        if self._split is None:
            self._split = name_spans(self.text)
        return iter(self._split)

    def __len__(self) -> int:
        if self._split is None:
            self._split = name_spans(self.text)
        return len(self._split)


def _names(e: View) -> list:
    """(field, name, text, names) for every name list of the entry, once per entry."""
    found = e.memo.get("names")
    if found is None:
        found = e.memo["names"] = []
        for field_name in NAME_FIELDS:
            f = e.fields.get(field_name)
            if f is not None:
                text = e.value(field_name) or ""
                found.append((f, field_name, text, _Names(text)))
    return found


def _raw_at(f, offset: int) -> int:
    return offset + 1 if simple_braced(f.raw) else -1


def _credentials_split(name: str, parts: list[str]) -> tuple[str, list[str]] | None:
    """(name without credentials, the credentials) when the name carries credentials."""
    if len(parts) < 2:
        return None
    creds = [p for p in parts[1:] if is_credential(p)]
    if not creds:
        return None
    kept = [parts[0]] + [p for p in parts[1:] if not is_credential(p)]
    head_words = _capitalized_words(parts[0])
    # "P. D." after "David Edwards" reads as a degree only when the head is "First Last".
    if len(kept) == 1 and all(_INITIALS.fullmatch(c) for c in creds) and (
            len(head_words) < 2 or _org_word(parts[0]) is not None):
        return None
    return ", ".join(kept), creds


@rule("name-credentials", ERROR, "names",
      "credentials or degrees inside a name (PT, PhD, MD, DPT, COMT, P. D.)",
      fix=lambda entry, finding: set_value(entry, finding), needs=NAME_FIELDS)
def name_credentials(ctx: Context, e: View):
    for f, field_name, text, names in _names(e):
        if "," not in text or not _cred_hint().search(text):
            continue
        names = [(o, n, name_parts(n)) for o, n in names]
        new, found = [], []
        for offset, name, parts in names:
            split = None if len(parts) < 2 or _braced_name(name) else \
                _credentials_split(name, parts)
            if split is None:
                new.append(name.strip())
                continue
            clean, creds = split
            new.append(clean)
            found.append((offset, name.strip(), clean, creds))
        if not found:
            continue
        value = _fix_names(e, f, new)
        for offset, name, clean, creds in found:
            yield e.find(f, f"'{', '.join(creds)}' in {field_name} '{name}' "
                         f"{'is a credential' if len(creds) == 1 else 'are credentials'}, "
                         "not part of the name", f"write the name alone: '{clean}'",
                         at=_raw_at(f, offset + name.find(creds[0]) if creds[0] in name
                                    else offset), value=value)
            value = None  # one fix rewrites the whole field


_AND_WORD = re.compile(r"(?<!\s)\s+and\s+", re.IGNORECASE)
_TWO_WORDS_COMMA = re.compile(r"(?:^|\band\s+)[^\s,]+\s+[^\s,]+\s*,\s*[^\s,]+\s+[^\s,]+")


def _maybe_list(text: str) -> bool:
    """Could a name in this list hide several names? (more commas than names, or a
    'First Last, First Last' shape)."""
    commas = text.count(",")
    if not commas:
        return False
    return commas > len(_AND_WORD.findall(text)) + 1 or bool(_TWO_WORDS_COMMA.search(text))


def _looks_like_list(parts: list[str]) -> bool:
    if len(parts) >= 3:
        return not any(p.lower().rstrip(".") in ("jr", "sr", "ii", "iii", "iv") for p in parts)
    if len(parts) == 2:
        head, tail = (_capitalized_words(p) for p in parts)
        return (len(head) >= 2 and len(tail) >= 2 and head[0].lower() not in _PARTICLES
                and not any(len(w.rstrip(".")) == 1 for w in tail))
    return False


@rule("names-comma-list", ERROR, "names",
      "several names joined with commas instead of 'and' (BibTeX reads them as one person)",
      fix=lambda entry, finding: set_value(entry, finding), needs=NAME_FIELDS)
def names_comma_list(ctx: Context, e: View):
    for f, field_name, text, names in _names(e):
        if not _maybe_list(text):
            continue
        names = [(o, n, name_parts(n)) for o, n in names]
        new, bad = [], None
        for offset, name, parts in names:
            if len(parts) < 2 or _braced_name(name) or is_extended(name):
                new.append(name.strip())
                continue
            parts = [p for p in parts if not is_credential(p)]
            if _looks_like_list(parts):
                bad = bad or (offset, name)
                new.extend(parts)
            else:
                new.append(name.strip())
        if bad is None:
            continue
        multi = all(len(_capitalized_words(p)) >= 2 for p in new)
        yield e.find(f, f"{field_name} '{bad[1].strip()}' joins names with commas; BibTeX "
                     "separates names with 'and' only",
                     "write " + field_name + " = {" + " and ".join(new) + "}" if multi else
                     "separate the names with 'and': Last, First and Last, First",
                     at=_raw_at(f, bad[0] + bad[1].find(",")),
                     value=_fix_names(e, f, new) if multi else None)


def _org_word(name: str) -> str | None:
    for _, w in words(name):
        if w.startswith("{"):
            continue
        bare = w.strip(".,;:()")
        if bare in ORG_WORDS:
            return bare
        if _ACRONYM.fullmatch(bare) and not _ROMAN.fullmatch(bare) and not is_credential(bare):
            return bare
    return None


@rule("corporate-author", WARNING, "names",
      "an organization written as a person's name (not protected by an extra pair of braces)",
      fix=lambda entry, finding: set_value(entry, finding), needs=NAME_FIELDS)
def corporate_author(ctx: Context, e: View):
    for f, field_name, text, names in _names(e):
        if not _org_hint(text):
            continue
        names = list(names)
        for offset, name in names:
            if _braced_name(name) or _person_in_capitals(name):
                continue
            word = _org_word(name)
            if word is None:
                continue
            name = name.strip()
            shown = name if "," not in name else "Full Name of the Organization"
            value = None
            if len(names) == 1 and "," not in name and simple_braced(f.raw) \
                    and not f.raw.startswith('"'):
                value = "{{" + name + "}}"
            yield e.find(f, f"'{name}' looks like an organization ('{word}'), but BibTeX "
                         "will read it as a person's name",
                         "enclose the organization's full name in a second pair of braces: "
                         f"{field_name} = {{{{{shown}}}}}",
                         at=_raw_at(f, offset), value=value)


_NOT_LETTER = re.compile(r"[\W\d_]+")


def _person_in_capitals(name: str) -> bool:
    """'GARCIA, MARIA', 'LOPEZ, J.': a person's name typed (or exported) in capitals — a family
    name of three capitals or more and given names without a lower-case letter."""
    s = name.strip()
    if s.startswith("{") or "," not in s:
        return False
    parts = [p.strip() for p in s.split(",")]
    family, given = _NOT_LETTER.sub("", parts[0]), _NOT_LETTER.sub("", parts[-1])
    return len(family) >= 3 and family.isupper() and given != "" and not any(
        c.islower() for c in given)


@rule("name-all-caps", WARNING, "names",
      "a person's name in capitals ('GARCIA, MARIA'), which APA 7 prints as written",
      needs=NAME_FIELDS)
def name_all_caps(ctx: Context, e: View):
    for f, field_name, text, names in _names(e):
        if not any(c.isupper() for c in text) or "," not in text:
            continue
        for offset, name in names:
            if _person_in_capitals(name):
                yield e.find(f, f"'{name.strip()}' in {field_name} is in capitals; APA 7 prints "
                             "a name as written (9.7)",
                             "write it with capitals only where the name has them, as "
                             f"'{name.strip().title()}'", at=_raw_at(f, offset))


_BARE_INITIAL = re.compile(r"(?<![\w.{\\-])([A-Z])(?![\w.'’{}\\-])")  # J{\"o}rg is a word


@rule("initials-period", INFO, "names", "initials written without a period ('Ries, E')",
      fix=lambda entry, finding: set_value(entry, finding), needs=NAME_FIELDS)
def initials_period(ctx: Context, e: View):
    for f, field_name, text, names in _names(e):
        if not _BARE_INITIAL.search(text):
            continue
        fixed, hits = [], []
        for offset, name in names:
            if not _BARE_INITIAL.search(name) or _braced_name(name):
                fixed.append(name.strip())
                continue
            parts = name_parts(name)
            if len(parts) < 2:
                fixed.append(name.strip())
                continue
            given = parts[-1]
            new_given = _BARE_INITIAL.sub(r"\1.", given)
            if new_given != given:
                hits.append((offset, name.strip(), given, new_given))
                fixed.append(", ".join(parts[:-1] + [new_given]))
            else:
                fixed.append(name.strip())
        value = _fix_names(e, f, fixed) if hits else None
        for offset, name, given, new_given in hits:
            yield e.find(f, f"initials in '{name}' have no period", f"write '{new_given}'",
                         at=_raw_at(f, offset + name.rfind(given)), value=value)
            value = None


_OTHERS = re.compile(r"(?<!\s)\s+and\s+others\s*$", re.IGNORECASE)


@rule("and-others", WARNING, "names",
      "a name list that ends in 'and others': APA lists every author up to 20, and the "
      "reference list can only print 'et al.'", needs=NAME_FIELDS)
def and_others(ctx: Context, e: View):
    for f, field_name, text, _ in _names(e):
        m = _OTHERS.search(text)
        if m is None:
            continue
        yield e.find(f, f"the {field_name} list of '{e.key}' ends in 'and others', which the "
                     "reference list can only print as 'et al.': APA 7 (9.8) names up to 20 "
                     "authors and only then shortens the list",
                     "write out the remaining names (the work's DOI page lists them)",
                     at=_raw_at(f, m.start() + len(m.group()) - len(m.group().lstrip())))
