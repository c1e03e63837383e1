"""Values: DOIs, URLs, ISBN/ISSN check digits, dates, page ranges, editions, languages."""

from __future__ import annotations

import calendar
import re

from ..bib.bibvalue import MONTHS
from ..csl import language as lang
from ..tocsl.tables import pubstate_key
from .registry import ERROR, WARNING, Context, View, rule, set_value, simple_braced


def _raw_at(f, offset: int) -> int:
    """Offset in the raw value of character `offset` of its text, when that maps simply."""
    return offset + 1 if simple_braced(f.raw) else -1


def _same_delims(f, text: str) -> str:
    """A new raw value for `text`, delimited as the old one was."""
    return f'"{text}"' if f.raw.startswith('"') else "{" + text + "}"


# -- DOI ---------------------------------------------------------------------------------------
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(r"(?i)^\s*(?:https?://(?:dx\.)?doi\.org/|doi:\s*|https?://doi\.org/)")


def _doi_parts(text: str) -> tuple[str, str]:
    """(prefix a DOI is wrapped in, the bare DOI)."""
    m = _DOI_PREFIX.match(text)
    return (m.group(), text[m.end():].strip()) if m else ("", text.strip())


@rule("doi-as-url", WARNING, "values",
      "a DOI stored as a URL or with a 'doi:' prefix; biblio wants the bare DOI",
      fix=set_value, needs=("doi",))
def doi_as_url(ctx: Context, e: View):
    f = e.fields.get("doi")
    if f is None:
        return
    prefix, bare = _doi_parts(e.value("doi") or "")
    if prefix and _DOI.fullmatch(bare):
        yield e.find(f, f"the DOI of '{e.key}' is written as {prefix.strip()!r}…",
                     f"write the bare DOI: doi = {{{bare}}}", value=_same_delims(f, bare))


@rule("bad-doi", ERROR, "values", "a DOI that is not of the form 10.NNNN/suffix", needs=("doi",))
def bad_doi(ctx: Context, e: View):
    f = e.fields.get("doi")
    if f is None:
        return
    text = e.value("doi") or ""
    _, bare = _doi_parts(text)
    if not bare or _DOI.fullmatch(bare):
        return
    m = _DOI.search(bare)
    fix = f"write doi = {{{m.group()}}}" if m else \
        "a DOI starts with '10.' and a registrant number, then '/' and the suffix"
    yield e.find(f, f"'{text}' is not a DOI", fix)


# -- URL ---------------------------------------------------------------------------------------
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")


@rule("url-scheme", ERROR, "values",
      "a URL that is not http(s): javascript:, data:, file: or no scheme at all", needs=("url",))
def url_scheme(ctx: Context, e: View):
    f = e.fields.get("url")
    if f is None:
        return
    text = (e.value("url") or "").strip()
    if text.startswith("\\url{") and text.endswith("}"):
        text = text[5:-1]
    m = _SCHEME.match(text)
    if m is None:
        if text:
            yield e.find(f, f"the URL '{text}' has no scheme", f"write https://{text}"
                         if "." in text.split("/")[0] else "write the full https:// URL")
        return
    scheme = m.group(1).lower()
    if scheme in ("http", "https"):
        if " " in text:
            yield e.find(f, "the URL contains spaces", "write spaces as %20",
                         at=_raw_at(f, text.index(" ")))
        return
    yield e.find(f, f"'{scheme}:' URLs are not allowed (only http and https are linked)",
                 "use the http(s) address of the page, or remove the url field")


# -- ISBN / ISSN -------------------------------------------------------------------------------
_ISBN_CHARS = re.compile(r"[\s-]")


def isbn_ok(s: str) -> bool:
    s = _ISBN_CHARS.sub("", s).upper()
    if len(s) == 10 and s[:9].isdigit() and (s[9].isdigit() or s[9] == "X"):
        total = sum((10 - i) * int(c) for i, c in enumerate(s[:9]))
        total += 10 if s[9] == "X" else int(s[9])
        return total % 11 == 0
    if len(s) == 13 and s.isdigit():
        total = sum(int(c) * (1 if i % 2 == 0 else 3) for i, c in enumerate(s))
        return total % 10 == 0
    return False


def issn_ok(s: str) -> bool:
    s = _ISBN_CHARS.sub("", s).upper()
    if len(s) != 8 or not s[:7].isdigit() or not (s[7].isdigit() or s[7] == "X"):
        return False
    total = sum((8 - i) * int(c) for i, c in enumerate(s[:7]))
    check = (11 - total % 11) % 11
    return (10 if s[7] == "X" else int(s[7])) == check


def _numbers(field: str, e: View):
    f = e.fields.get(field)
    if f is None:
        return None, []
    text = e.value(field) or ""
    return f, [t for t in re.split(r"\s*[,;]\s*|\s{2,}", text) if t.strip()]


@rule("bad-isbn", ERROR, "values", "an ISBN whose check digit (or length) is wrong",
      needs=("isbn",))
def bad_isbn(ctx: Context, e: View):
    f, items = _numbers("isbn", e)
    for item in items:
        if not isbn_ok(item):
            yield e.find(f, f"'{item.strip()}' is not a valid ISBN (check digit or length)",
                         "copy the ISBN again from the book's copyright page or catalogue")


@rule("bad-issn", ERROR, "values", "an ISSN whose check digit (or length) is wrong",
      needs=("issn",))
def bad_issn(ctx: Context, e: View):
    f, items = _numbers("issn", e)
    for item in items:
        if not issn_ok(item):
            yield e.find(f, f"'{item.strip()}' is not a valid ISSN (NNNN-NNNC with a check "
                         "digit)", "copy the ISSN again from the journal's page")


# -- dates -------------------------------------------------------------------------------------
_DATE_PART = re.compile(r"(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T[\d:]+Z?)?[?~%]?")
_DATE_FIELDS = ("date", "urldate", "origdate", "eventdate")
_MONTH_NAMES = {v.lower(): k for k, v in MONTHS.items()}
_MONTH_NAMES.update({k: k for k in MONTHS})
_MONTH_NAMES.update({k + ".": k for k in MONTHS})
_MONTH_NAMES["sept"] = _MONTH_NAMES["sept."] = "sep"


def _date_ok(part: str) -> bool:
    m = _DATE_PART.fullmatch(part)
    if m is None:
        return False
    year, month, day = m.groups()
    if month is None:
        return True
    mo = int(month)
    if day is None:
        return 1 <= mo <= 12 or 21 <= mo <= 24  # 21–24: seasons (ISO 8601-2)
    if not 1 <= mo <= 12:
        return False
    return 1 <= int(day) <= calendar.monthrange(abs(int(year)) or 2000, mo)[1]


def date_ok(text: str) -> bool:
    text = text.strip()
    if "/" in text:
        start, _, end = text.partition("/")
        return all(p in ("", "..") or _date_ok(p) for p in (start, end)) and (start or end)
    return _date_ok(text)


_YEAR = re.compile(r"-?\d{1,4}")
_YEAR_LEAD = re.compile(r"\s*(\d{4})\b[\s,]*(.*)")


@rule("bad-date", ERROR, "values",
      "a year, date or month that is not valid (year = {2015, Nov}, date = {2015-13-01})",
      needs=("year", "month", *_DATE_FIELDS))
def bad_date(ctx: Context, e: View):
    f = e.fields.get("year")
    if f is not None:
        text = (e.value("year") or "").strip()
        if not _YEAR.fullmatch(text) and pubstate_key(text) is None:
            m = _YEAR_LEAD.match(text)
            rest = m.group(2).strip() if m else ""
            if m and rest and rest.split()[0].lower().rstrip(".,") in _MONTH_NAMES:
                fix = f"write year = {{{m.group(1)}}} and month = " \
                      f"{_MONTH_NAMES[rest.split()[0].lower().rstrip('.,')]}"
            elif m:
                fix = f"write year = {{{m.group(1)}}}"
            else:
                fix = "write the four-digit year, e.g. year = {2015}"
            yield e.find(f, f"year = {{{text}}} is not a year", fix)
    for name in _DATE_FIELDS:
        f = e.fields.get(name)
        if f is not None and not date_ok(e.value(name) or ""):
            yield e.find(f, f"{name} = {{{e.value(name)}}} is not a date",
                         f"write {name} = {{YYYY-MM-DD}} (or YYYY-MM, or YYYY)")
    f = e.fields.get("month")
    if f is not None:
        text = (e.value("month") or "").strip().lower()
        if not (text.isdigit() and 1 <= int(text) <= 12) and text not in _MONTH_NAMES:
            yield e.find(f, f"month = {{{e.value('month')}}} is not a month",
                         "write the month as a number 1–12 or a macro: month = nov")


def _move_to_pubstate(entry, finding) -> str:
    f = finding.field
    if finding.value is None:
        return ""
    old = f.raw
    f.name, f.raw = "pubstate", finding.value
    entry.changed = True
    return f"year = {old} → pubstate = {f.raw}"


@rule("year-pubstate", WARNING, "values",
      "a publication state written as the year (year = {in press}); biblatex's pubstate",
      fix=_move_to_pubstate, needs=("year",))
def year_pubstate(ctx: Context, e: View):
    f = e.fields.get("year")
    if f is None:
        return
    text = (e.value("year") or "").strip()
    state = pubstate_key(text)
    if state is None:
        return
    if "pubstate" in e.fields:
        yield e.find(f, f"year = {{{text}}} is a publication state, and pubstate gives it",
                     "remove year")
        return
    # (biblio prints it as APA's "(in press)" either way; biblatex and BibTeX styles read a
    # year as a number)
    yield e.find(f, f"year = {{{text}}} is a publication state, not a year",
                 f"write pubstate = {{{state}}} instead of year", value=f"{{{state}}}")


@rule("month-format", WARNING, "values",
      "a month written as text (month = {November}); biblatex wants a number or macro",
      fix=set_value, needs=("month",))
def month_format(ctx: Context, e: View):
    f = e.fields.get("month")
    if f is None or not (f.raw.startswith("{") or f.raw.startswith('"')):
        return
    text = (e.value("month") or "").strip().lower()
    macro = _MONTH_NAMES.get(text)
    if macro is not None:
        yield e.find(f, f"month = {f.raw} is text; biblatex reads months as numbers or "
                     "the macros jan…dec", f"write month = {macro}", value=macro)


@rule("future-year", WARNING, "values",
      "a year far in the future (more than a year ahead) without pubstate", needs=("year", "date"))
def future_year(ctx: Context, e: View):
    if "pubstate" in e.fields:
        return
    for name in ("year", "date"):
        f = e.fields.get(name)
        if f is None:
            continue
        m = re.match(r"\s*(\d{4})", e.value(name) or "")
        if m and int(m.group(1)) > ctx.today_year + 1:
            yield e.find(f, f"{name} {m.group(1)} is in the future",
                         "correct the year, or add pubstate = {forthcoming} for work "
                         "not yet published")


# -- pages -------------------------------------------------------------------------------------
_RANGE = re.compile(r"([A-Za-z]*)(\d+)\s*(-{1,3}|–|—|‐|‑)\s*([A-Za-z]*)(\d+)")


def _pages_fixed(text: str) -> str:
    return _RANGE.sub(lambda m: f"{m.group(1)}{m.group(2)}--{m.group(4)}{m.group(5)}", text)


@rule("pages-dash", WARNING, "values",
      "a page range written with '-' or a Unicode dash instead of '--'",
      fix=lambda entry, finding: set_value(entry, finding), needs=("pages",))
def pages_dash(ctx: Context, e: View):
    f = e.fields.get("pages")
    if f is None:
        return
    text = e.value("pages") or ""
    for m in _RANGE.finditer(text):
        if m.group(3) != "--":
            fixed = _pages_fixed(text)
            yield e.find(f, f"page range '{m.group()}' uses {m.group(3)!r}",
                         f"write pages = {{{fixed}}}", at=_raw_at(f, m.start(3)),
                         value=_same_delims(f, fixed) if simple_braced(f.raw) else None)
            return


@rule("pages-reversed", ERROR, "values", "a page range that ends before it starts (7--1)",
      needs=("pages",))
def pages_reversed(ctx: Context, e: View):
    f = e.fields.get("pages")
    if f is None:
        return
    for m in _RANGE.finditer(e.value("pages") or ""):
        a, b = m.group(2), m.group(5)
        if int(b) < int(a) and len(b) >= len(a):
            yield e.find(f, f"page range '{m.group()}' ends before it starts",
                         "swap the numbers, or correct the typo", at=_raw_at(f, m.start()))


# -- edition, language -------------------------------------------------------------------------
_ORDINAL = re.compile(r"(?i)\s*(\d+)\s*(?:st|nd|rd|th)?\.?(?:\s+(?:ed\.?|edn\.?|edition))?\s*")
_ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth")
_WORD_ORDINALS = {w: i for i, w in enumerate(_ORDINAL_WORDS, 1)}


@rule("edition-not-number", WARNING, "values",
      "an edition written as '2nd' or 'Second edition' instead of a number",
      fix=lambda entry, finding: set_value(entry, finding), needs=("edition",))
def edition_not_number(ctx: Context, e: View):
    f = e.fields.get("edition")
    if f is None:
        return
    text = (e.value("edition") or "").strip()
    if text.isdigit():
        return
    m = _ORDINAL.fullmatch(text)
    number = m.group(1) if m else None
    if number is None:
        first = text.lower().split()[0] if text.split() else ""
        rest = text.lower().split()[1:]
        if first in _WORD_ORDINALS and all(w.rstrip(".") in ("ed", "edn", "edition")
                                           for w in rest):
            number = str(_WORD_ORDINALS[first])
    if number is not None:
        yield e.find(f, f"edition = {{{text}}} should be a number", f"write edition = {{{number}}}",
                     value=_same_delims(f, number))
    elif not re.search(r"(?i)\b(ed|edn|edition|rev|revised|updated|expanded)\b", text):
        yield e.find(f, f"edition = {{{text}}} is neither a number nor an edition statement",
                     "write the edition's number, e.g. edition = {2}")


@rule("bad-language", WARNING, "values",
      "a langid or hyphenation that is not a language name biblatex knows (en → english)",
      fix=lambda entry, finding: set_value(entry, finding), needs=("langid", "hyphenation"))
def bad_language(ctx: Context, e: View):
    import difflib

    for name in ("langid", "hyphenation"):
        f = e.fields.get(name)
        if f is None:
            continue
        text = (e.value(name) or "").strip()
        low = text.lower().replace("_", "-")
        if low in lang.NAMES and text == low:
            continue
        if low in lang.NAMES:
            yield e.find(f, f"{name} = {{{text}}}: language names are lower case",
                         f"write {name} = {{{low}}}", value=_same_delims(f, low))
        elif lang.babel(low):
            babel = lang.babel(low)
            yield e.find(f, f"{name} = {{{text}}} is a language code; biblatex wants the "
                         f"language's name", f"write {name} = {{{babel}}}",
                         value=_same_delims(f, babel))
        else:
            close = difflib.get_close_matches(low, lang.NAMES, n=1)
            yield e.find(f, f"{name} = {{{text}}} is not a language biblatex knows",
                         f"did you mean '{close[0]}'?" if close
                         else "write a babel language name such as english")
