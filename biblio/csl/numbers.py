"""Numbers, labels and page ranges: is-numeric, ordinals, roman numerals, plurals."""

from __future__ import annotations

import re

# A number with a prefix and a suffix ("D2", "2b", "L2d", CSL 1.0.2 "is-numeric"); the prefix
# may hold digits, as a Bekker line's column does ("1094a1": line 1 of 1094a; citeproc-js too)
_TOKEN = r"(?:\d*[A-Za-z]+)?\d+[A-Za-z]*"
_RTOKEN = (r"(?:[A-Za-z]*\d+[A-Za-z]*|\b(?=[ivxlcdm])m{0,4}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})"
           r"(?:ix|iv|v?i{0,3})\b)")
# "and" separates numbers as a word ("2 and 3"): glued to letters ("2aandand3") it could be
# read as a token's letters or as the separator, and the ways to read a long value multiply.
_SEP = r"(?:\s*[-\u2013,&]\s*|\s+and\s+)"
NUMERIC = re.compile(rf"^\s*{_TOKEN}(?:{_SEP}{_TOKEN})*\s*$")
_SPLIT = re.compile(r"(\s*(?:[-\u2013,&]|\band\b)\s*)")
_NUMBER_TOKEN = re.compile(_TOKEN)
# A roman numeral is a number too ("iv", "XII"): one case, the form of 1-399 that pages,
# chapters and volumes use, with an i, v or x in it (a lone "c" or "l" is a letter).
_ROMAN_NUMBER = re.compile(r"(?=[clxvi]*[ivx])c{0,3}(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3})"
                           r"|(?=[CLXVI]*[IVX])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# (?:\s*X)+\s*, not (?:\s*X\s*)+: the spaces between two separators belong to one of them.
_MULTI = re.compile(rf"{_RTOKEN}(?:\s*(?:[\u2013,&]|(?<!\\)-|\band\b))+\s*{_RTOKEN}")


# A number written with thousands separators ("10,123,456", a US patent's; "1,200" pages) is
# one number, not a list: a comma then exactly three digits, no space, in groups from the
# first 1-3 digits ("2,3", "3,45" and "1,2345" stay lists, as the specification's "2,3").
_THOUSANDS = re.compile(r"(?<![\w,])\d{1,3}(?:,\d{3})+(?![\w,])")
_GROUP = "\ue000"  # a thousands comma while a value is split at its separators


def _grouped(s: str) -> str:
    return _THOUSANDS.sub(lambda m: m.group().replace(",", _GROUP), s) if "," in s else s


def is_numeric(value) -> bool:
    if isinstance(value, int):
        return True
    if value is None:
        return False
    s = str(value)
    if NUMERIC.match(s):
        return True
    # With roman numerals: every piece between the separators a number, one of them roman
    # (token by token, not one pattern of alternatives repeated: tests/test_regex_safety.py)
    pieces = _SPLIT.split(s.strip())[::2]
    return any(_ROMAN_NUMBER.fullmatch(p) for p in pieces) and all(
        _NUMBER_TOKEN.fullmatch(p) or _ROMAN_NUMBER.fullmatch(p) for p in pieces)


def is_plural(value) -> bool:
    if isinstance(value, int):
        return False
    return bool(_MULTI.search(_grouped(str(value)).replace(_GROUP, "")))


_FIRST = re.compile(r"\s*([^\s\-\u2013,&]+)")


def first_page(page: str) -> str | None:
    """The first page of a page field ("S12" of "S12-S18"; "13,101" of "13,101-13,105": a
    number with thousands separators is one number)."""
    m = _FIRST.match(_grouped(page))
    return m.group(1).replace(_GROUP, ",") if m else None


def ampersand(locale) -> str:
    """The "&" between numbers ("213 & 235"): the locale's symbol form of "and"."""
    t = locale.terms.get(("and", "symbol"))
    if isinstance(t, dict):
        t = t.get("single")
    return t if isinstance(t, str) and t else "&"


def roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                 (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _one(tok: str, form: str, ctx, gender) -> str:
    if not tok.isdigit():
        return tok
    n = int(tok)
    if form == "ordinal":
        return f"{n}{ctx.locale.ordinal(n, gender)}"
    if form == "long-ordinal":
        if 1 <= n <= 10:
            t = ctx.locale.term(f"long-ordinal-{n:02d}", "long", False, gender)
            if t:
                return t
        return f"{n}{ctx.locale.ordinal(n, gender)}"
    if form == "roman":
        return roman(n)
    return str(n)


def render_number(value, form: str, ctx, variable: str | None = None):
    if isinstance(value, int):
        value = str(value)
    s = str(value).strip()
    if not is_numeric(s):
        return s
    gender = ctx.locale.term_gender(variable) if variable else None
    parts = _SPLIT.split(_grouped(s))
    out = []
    for i, p in enumerate(parts):
        if i % 2:
            p = p.strip()
            if p in ("-", "\u2013"):
                # a range of numbers takes the locale's range delimiter; a report's or
                # patent's number is one identifier, hyphen and all ("1999-66")
                out.append("-" if variable == "number" else range_delimiter(ctx.locale))
            elif p == ",":
                out.append(", ")
            elif p == "&":
                out.append(f" {ampersand(ctx.locale)} ")
            else:
                out.append(f" {p} ")
        else:
            out.append(_one(p, form, ctx, gender).replace(_GROUP, ","))
    return "".join(out)


_LABEL_TERM = {"number-of-pages": "page", "page-first": "page", "chapter-number": "chapter",
               "number-of-volumes": "volume", "collection-number": "collection-number"}


def label_for(ctx, variable: str | None, form: str, plural: str) -> str | None:
    if variable == "locator":
        value = ctx.cite.get("locator")
        if value in (None, ""):
            return None
        term = (ctx.cite.get("label") or "page").replace(" ", "-")  # "sub verbo"
        value = _own_part(str(value), ctx.locale)
    else:
        value = ctx.raw(variable)
        if value in (None, "", []):
            return None
        if isinstance(value, list):  # names: the role term
            term = variable
            value = "1, 2" if len(value) > 1 else "1"
        else:
            term = _LABEL_TERM.get(variable, variable)
    if isinstance(value, str):
        and_term = ctx.locale.term("and")
        if and_term and and_term != "and":
            value = value.replace(f" {and_term} ", " and ")
    if plural == "always":
        many = True
    elif plural == "never":
        many = False
    elif variable in ("number-of-pages", "number-of-volumes"):
        try:
            many = int(str(value).strip()) > 1
        except ValueError:
            many = is_plural(value)
    elif variable == "number":
        # a report's or patent's number is one identifier, hyphen and all ("No. 1999-66"):
        # only a list ("12, 14", "12 & 14") makes it "Nos."
        many = is_plural(str(value).replace("-", "\\-"))
    else:
        many = is_plural(value)
    return ctx.locale.term(term, form, many)


def _own_part(locator: str, locale) -> str:
    """The part of a locator its label counts: up to the next labelled part ("1" of "1, fol.
    186, 8 April 1544", where "fol." labels what follows, so the label is "vol." not "vols.")."""
    pieces = locator.split(",")
    for i, piece in enumerate(pieces[1:], 1):
        if locale.locator_label(piece.strip()) is not None:
            return ",".join(pieces[:i])
    return locator


# --- page ranges ---------------------------------------------------------------------------

_PIECE = re.compile(r"(\s*(?:,|&|\band\b)\s*)")
_HYPHEN = re.compile(r"\s*(?:--|-|\u2013|\u2014)\s*")
_PREFIXED = re.compile(r"^(.*?)(\d+)$")
_LETTERED = re.compile(r"^\d+[A-Za-z]*$")  # a number, maybe with letters after it ("23r")
# an online page after a printed one: "152.e2", Elsevier's pages after an article's last
_ONLINE = re.compile(r"^(.*\d)(\.[A-Za-z]+\d*)$")
_ROMAN = re.compile(r"^[ivxlcdm]+$|^[IVXLCDM]+$")


def _minimal(first: str, last: str, keep: int) -> str:
    """The changed digits of `last` (at least `keep` of them)."""
    if len(last) != len(first):
        return last
    i = 0
    while i < len(first) and first[i] == last[i]:
        i += 1
    return last[min(i, max(len(last) - keep, 0)):]


def _chicago(first: str, last: str, edition16: bool = False) -> str:
    f = int(first)
    if f < 100 or f % 100 == 0:
        return last
    if f % 100 < 10:
        return _minimal(first, last, 1)
    if not edition16 and len(first) == 4 and len(_minimal(first, last, 1)) >= 3:
        return last
    return _minimal(first, last, 2)


def _one_range(a: str, b: str, fmt: str | None, delimiter: str) -> str | None:
    online = _ONLINE.match(b)
    if online and not _ONLINE.match(a):
        # "144-152.e2", "S1-S10.e4": a range to an online page, as written (its digits are not
        # abbreviated or expanded: the page after the dot is not a number of the range)
        if _ONLINE.match(online.group(1)):
            return None  # ("152.e1.e2": no page anyone numbers so; left as written)
        done = _one_range(a, online.group(1), None, delimiter)
        return None if done is None else done + online.group(2)
    if _LETTERED.match(a) and _LETTERED.match(b) and not (a.isdigit() and b.isdigit()):
        # Leaves and parts of a page ("23r-24v", "12a-12c") are a range too; the letters
        # make abbreviating its digits ambiguous, so it keeps them.
        return f"{a}{delimiter}{b}"
    ma, mb = _PREFIXED.match(a), _PREFIXED.match(b)
    if ma and mb:
        pa, na = ma.groups()
        pb, nb = mb.groups()
        if pa != pb:
            return f"{a}-{b}"  # "N110-5", "110-N6": not a range we can reason about
        if fmt is None:
            return f"{a}{delimiter}{b}"
        if len(nb) < len(na):
            nb = na[: len(na) - len(nb)] + nb  # "321-25" means 321-325
        if int(nb) <= int(na) or fmt == "expanded":
            return f"{pa}{na}{delimiter}{pb}{nb}"
        if fmt == "minimal":
            short = _minimal(na, nb, 1)
        elif fmt == "minimal-two":
            short = _minimal(na, nb, 2)
        elif fmt in ("chicago", "chicago-15"):
            short = _chicago(na, nb)
        elif fmt == "chicago-16":
            short = _chicago(na, nb, True)
        else:
            short = nb
        return f"{pa}{na}{delimiter}{short if short != nb else pb + nb}"
    if _ROMAN.match(a) and _ROMAN.match(b):
        return f"{a}{delimiter}{b}"
    return None


def range_delimiter(locale) -> str:
    """What joins the two ends of a range of numbers: the locale's (or the style's)
    page-range-delimiter, else an en dash. CSL names it for pages; a style that sets it
    ("-" in AMA's) means its ranges of issues, volumes and locators too, as citeproc-js reads
    it."""
    return locale.term("page-range-delimiter") or "\u2013"


def format_range(s: str, fmt: str | None, delimiter: str = "\u2013") -> str:
    """Page ranges: en dash, and the style's page-range-format; odd ranges stay as written."""
    out = []
    for k, piece in enumerate(_PIECE.split(s)):
        if k % 2:
            out.append(piece)
            continue
        halves = _HYPHEN.split(piece)
        if len(halves) == 2 and halves[0] and halves[1] and "\\" not in piece:
            done = _one_range(halves[0].strip(), halves[1].strip(), fmt, delimiter)
            out.append(done if done is not None else piece)
        else:
            out.append(piece)
    return "".join(out)
