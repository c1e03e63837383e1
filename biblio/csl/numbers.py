"""Numbers, labels and page ranges: is-numeric, ordinals, roman numerals, plurals."""

from __future__ import annotations

import re

_TOKEN = r"[A-Za-z]*\d+[A-Za-z]*"
_SEP = r"\s*(?:[-\u2013,&]|and)\s*"
NUMERIC = re.compile(rf"^\s*{_TOKEN}(?:{_SEP}{_TOKEN})*\s*$")
_SPLIT = re.compile(r"(\s*(?:[-\u2013,&]|\band\b)\s*)")
_MULTI = re.compile(rf"{_TOKEN}(?:\s*(?:[\u2013,&]|(?<!\\)-|\band\b)\s*)+{_TOKEN}")


def is_numeric(value) -> bool:
    if isinstance(value, int):
        return True
    if value is None:
        return False
    return bool(NUMERIC.match(str(value)))


def is_plural(value) -> bool:
    if isinstance(value, int):
        return False
    return bool(_MULTI.search(str(value)))


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
    parts = _SPLIT.split(s)
    out = []
    for i, p in enumerate(parts):
        if i % 2:
            p = p.strip()
            if p in ("-", "\u2013"):
                out.append("-" if variable not in ("page", "locator") else "\u2013")
            elif p == ",":
                out.append(", ")
            elif p == "&":
                out.append(" & ")
            else:
                out.append(f" {p} ")
        else:
            out.append(_one(p, form, ctx, gender))
    return "".join(out)


_LABEL_TERM = {"number-of-pages": "page", "page-first": "page", "chapter-number": "chapter",
               "number-of-volumes": "volume", "collection-number": "collection-number"}


def label_for(ctx, variable: str | None, form: str, plural: str) -> str | None:
    if variable == "locator":
        value = ctx.cite.get("locator")
        if value in (None, ""):
            return None
        term = ctx.cite.get("label") or "page"
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
    else:
        many = is_plural(value)
    return ctx.locale.term(term, form, many)


# --- page ranges ---------------------------------------------------------------------------

_RANGE = re.compile(r"([A-Za-z]*)(\d+)\s*(?:-|\u2013|\u2014|--)\s*([A-Za-z]*)(\d+)")


def _minimal(first: str, last: str, keep: int) -> str:
    if len(last) < len(first):
        return last
    i = 0
    while i < len(first) - 1 and first[i] == last[i] and len(first) - i > keep:
        i += 1
    return last[i:]


def _chicago(first: str, last: str, edition16: bool = False) -> str:
    f = int(first)
    if f < 100 or f % 100 == 0:
        return last
    if f % 100 < 10 and not edition16:
        return _minimal(first, last, 1)
    if len(first) == 4 and not edition16 and len(last) == 4 and first[0] != last[0]:
        return last
    if len(first) == 4 and not edition16 and len(last) == 4 and first[:2] != last[:2]:
        return last
    return _minimal(first, last, 2)


def format_range(s: str, fmt: str | None, delimiter: str = "\u2013") -> str:
    def repl(m):
        p1, n1, p2, n2 = m.groups()
        if p1 != p2 or len(n2) > len(n1) or int(n2) < int(n1) and len(n2) == len(n1):
            return f"{p1}{n1}{delimiter}{p2}{n2}"
        if len(n2) < len(n1):
            n2 = n1[: len(n1) - len(n2)] + n2
        if fmt == "minimal":
            n2 = _minimal(n1, n2, 1)
        elif fmt == "minimal-two":
            n2 = _minimal(n1, n2, 2) if len(n1) > 1 else n2
        elif fmt in ("chicago", "chicago-15"):
            n2 = _chicago(n1, n2)
        elif fmt == "chicago-16":
            n2 = _chicago(n1, n2, True)
        return f"{p1}{n1}{delimiter}{p2}{n2}"

    if fmt is None:
        return _RANGE.sub(lambda m: f"{m.group(1)}{m.group(2)}{delimiter}{m.group(3)}{m.group(4)}"
                          , s)
    return _RANGE.sub(repl, s)
