"""Dates: CSL-JSON date values and cs:date / cs:date-part rendering, ranges included."""

from __future__ import annotations

import re
from dataclasses import dataclass

from biblio.csl import textcase
from biblio.csl.nodes import DATE_VARS, NS, Element
from biblio.csl.rich import Node, is_empty, parse_markup

_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


@dataclass
class DateVal:
    """A date as the engine reads it: a start, an optional end, season, circa or literal text."""
    start: tuple  # (year, month, day), each int or None
    end: tuple | None = None
    season: int | str | None = None
    circa: bool = False
    literal: str | None = None

    def sort_key(self) -> str | None:
        if self.start[0] is None:
            return None  # a literal date has no date-parts: an empty key, sorted last
        return _key(self.start) + ("/" + _key(self.end) if self.end else "")


def _key(p) -> str:
    y, m, d = p
    if y is None:
        return "00000000"
    return f"{y + 50000:06d}{m or 0:02d}{d or 0:02d}"


def _int(x):
    if x in (None, ""):
        return None
    try:
        return int(str(x).strip())
    except ValueError:
        return None


def _parts(seq) -> tuple:
    seq = list(seq or []) + [None, None, None]
    y, m, d = (_int(v) for v in seq[:3])
    if y is None:
        return (None, None, None)
    if m is not None and 17 <= m <= 24:
        m = 13 + (m - 13) % 4  # EDTF seasons 21-24 (and 17-20, as citeproc-js) are 13-16
    if m is not None and not (1 <= m <= 16):
        m = None
    return (y, m if m else None, d if (m and d and m <= 12) else None)


def parse(value) -> DateVal | None:
    if value in (None, "", {}):
        return None
    if isinstance(value, str):
        return _parse_raw(value)
    if not isinstance(value, dict):
        return None
    season = value.get("season")
    circa = bool(value.get("circa"))
    literal = value.get("literal")
    dp = value.get("date-parts")
    if dp and dp[0] and any(v not in (None, "") for v in dp[0]):
        start = _parts(dp[0])
        end = _parts(dp[1]) if len(dp) > 1 and dp[1] else None
        if end is not None and end[0] == 0 and start[0]:
            end = (0, None, None)  # an open range: "1987–"
        elif end is not None and (end[0] is None or end == start):
            end = None
        if start[0] is None and literal is None:
            return None
        if start[0] is not None:
            return DateVal(start, end, season, circa, None)
    if literal:
        return DateVal((None, None, None), None, season, circa, literal)
    if value.get("raw"):
        d = _parse_raw(value["raw"])
        if d:
            d.season = d.season or season
            d.circa = d.circa or circa
        return d
    return None


def _parse_raw(s: str) -> DateVal | None:
    s = s.strip()
    if not s:
        return None
    circa = False
    if s.endswith(("~", "?")):
        circa = True
        s = s[:-1]
    halves = re.split(r"\s*/\s*|\s+-\s+|\s*\u2013\s*", s)
    if len(halves) == 2:
        a, b = _one_raw(halves[0]), _one_raw(halves[1])
        if a and b:
            return DateVal(a, b if b != a else None, None, circa)
    one = _one_raw(s)
    if one:
        return DateVal(one, None, None, circa)
    return DateVal((None, None, None), None, None, circa, s)


def _one_raw(s: str):
    m = re.fullmatch(r"(-?\d{1,4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", s.strip())
    if m:
        return _parts(m.groups())
    words = re.findall(r"[A-Za-z]+|\d+", s)
    y = m_ = d = None
    for w in words:
        if w.isdigit():
            if len(w) >= 3 or (y is None and int(w) > 31):
                y = int(w)
            elif d is None:
                d = int(w)
        else:
            key = w[:3].lower()
            if key in _MONTHS:
                m_ = _MONTHS[key]
            elif w.lower() in _SEASONS:
                m_ = 12 + _SEASONS[w.lower()]
    if y is None:
        return None
    return (y, m_, d if m_ else None)


class DatePart(Element):
    __slots__ = ("explicit", "form", "name", "range_delimiter")

    def __init__(self, el):
        super().__init__(el)
        self.name = el.get("name")
        self.form = el.get("form")
        self.range_delimiter = el.get("range-delimiter")
        self.explicit = set(el.keys())

    def merged(self, override: DatePart | None) -> DatePart:
        if override is None:
            return self
        p = DatePart.__new__(DatePart)
        for a in Element.__slots__ + DatePart.__slots__:
            setattr(p, a, getattr(self, a))
        for attr in ("form", "range_delimiter", "text_case", "strip_periods"):
            key = attr.replace("_", "-")
            if key in override.explicit:
                setattr(p, attr, getattr(override, attr))
        if override.fmt:
            p.fmt = dict(p.fmt or {}, **override.fmt)
        return p


class Date(Element):
    __slots__ = ("date_parts", "form", "laid_out", "parts", "variable")

    def __init__(self, el, style):
        super().__init__(el)
        self.variable = el.get("variable")
        self.form = el.get("form")
        self.date_parts = el.get("date-parts") or "year-month-day"
        self.parts = [DatePart(p) for p in el.findall(NS + "date-part")]
        self.laid_out = None  # (locale, _layout's answer for it)

    def _layout(self, ctx):
        # The same for every item in a locale: worked out once.
        got = self.laid_out
        if got is None or got[0] is not ctx.locale:
            got = self.laid_out = (ctx.locale, self._lay_out(ctx))
        return got[1]

    def _lay_out(self, ctx):
        if not self.form:
            return self.parts, self.delimiter
        loc = ctx.locale.dates.get(self.form)
        if loc is None:
            return self.parts, self.delimiter
        wanted = {"year-month-day": ("year", "month", "day"), "year-month": ("year", "month"),
                  "year": ("year",)}[self.date_parts]
        overrides = {p.name: p for p in self.parts}
        parts = []
        for p in loc.findall(NS + "date-part"):
            dp = DatePart(p)
            if dp.name in wanted:
                parts.append(dp.merged(overrides.get(dp.name)))
        return parts, loc.get("delimiter")

    def when_empty(self):
        """For nodes.absent: with its variable empty, a date calls it and prints nothing."""
        return ({self.variable}, True) if self.variable in DATE_VARS else None

    def render(self, ctx):
        ctx.called += 1  # (printed earlier by a substitute: called, and empty here)
        if self.variable in ctx.suppressed or ctx.printed_in_substitute(self.variable):
            return None
        if ctx.ambiguity_form and self.variable == "accessed":
            return None
        d = ctx.item.date(self.variable)
        if d is None:
            return None
        if ctx.mode == "sort":
            ctx.rendered += 1
            ctx.vars_rendered.add(self.variable)
            if d.start[0] is None:
                return None  # (a literal date renders no date-parts to sort by)
            if self.form:
                wanted = {"year-month-day": 3, "year-month": 2, "year": 1}[self.date_parts]
            else:
                names = {p.name for p in self.parts}
                wanted = 3 if "day" in names else 2 if "month" in names else 1
            cut = lambda p: tuple(v if k < wanted else None for k, v in enumerate(p))
            return DateVal(cut(d.start), cut(d.end) if d.end else None).sort_key()
        if d.literal is not None and d.start[0] is None:
            # A literal stands for the whole date: it prints where the year does, formatted
            # as the style formats the year; a date of month or day alone completes a year
            # printed elsewhere, so it prints nothing (as citeproc-js). A localized date's
            # parts carry the locale's affixes ("2019年"), not the literal's.
            out = d.literal
            if not self.form:
                year = next((p for p in self.parts if p.name == "year"), None)
                if year is None:
                    return None
                out = year.finish(ctx, out)
            ctx.rendered += 1
            ctx.vars_rendered.add(self.variable)
            if ctx.in_substitute:
                ctx.substituted.add(self.variable)
            return self.finish(ctx, out, affixes=True)
        parts, delim = self._layout(ctx)
        if d.end is None:
            out = _render_parts(parts, d.start, d, ctx, delim)
        else:
            out = _render_range(parts, d, ctx, delim)
        if out is None or is_empty(out):
            return None  # only parts the date lacks (a month of a bare year): empty, as absent
        ctx.rendered += 1
        ctx.vars_rendered.add(self.variable)
        if ctx.in_substitute:
            ctx.substituted.add(self.variable)
        return self.finish(ctx, out)


def _render_parts(parts, p, d, ctx, delim, strip_first_prefix=False, strip_last_suffix=False):
    bits = []
    rendered = [(part, _render_part(part, p, d, ctx)) for part in parts]
    rendered = [(part, r) for part, r in rendered if r]
    for i, (part, r) in enumerate(rendered):
        pre = "" if (strip_first_prefix and i == 0) else part.prefix
        suf = "" if (strip_last_suffix and i == len(rendered) - 1) else part.suffix
        if part.text_case:
            # (a month's or season's name is the locale's term, cased as a term is)
            term = part.name == "month"
            r = textcase.apply(r, part.text_case, True if term else ctx.english,
                               ctx.locale_turkic if term else ctx.turkic)
        if isinstance(r, str) and "<" in r:  # a day's ordinal term may be rich text ("1<sup>er</sup>")
            r = parse_markup(r)
        if part.fmt:
            r = Node([r], fmt=part.fmt)
        if i and delim:
            bits.append(delim)
        bits.extend(x for x in (pre, r, suf) if x)
    return Node(bits) if bits else None


def _render_part(part, p, d, ctx):
    y, m, day = p
    name = part.name
    if name == "year":
        if y is None:
            return None
        if ctx.year_as_suffix:
            # the suffix alone stands for the year; a style that prints the suffix itself
            # (cs:text variable="year-suffix") still does
            return ctx.year_suffix_text() if ctx.want_year_suffix() else None
        if part.form == "short":
            s = f"{y % 100:02d}"
        elif y < 0:
            s = f"{-y}{ctx.locale.term('bc') or 'BC'}"
        elif y == 0:
            return None
        elif y < 1000:
            s = f"{y}{ctx.locale.term('ad') or 'AD'}"
        else:
            s = str(y)
        if ctx.want_year_suffix():
            s += ctx.year_suffix_text()
        return s
    if name == "month":
        if m is not None and 13 <= m <= 16:
            return ctx.locale.term(f"season-{m - 12:02d}") or ""
        if m is None:
            if d.season and p is d.start or (d.season and d.end and p is d.end):
                season = d.season
                try:
                    n = int(season)
                    return ctx.locale.term(f"season-{n:02d}") or ""
                except (TypeError, ValueError):
                    return str(season)
            return None
        form = part.form or "long"
        if form == "numeric":
            return str(m)
        if form == "numeric-leading-zeros":
            return f"{m:02d}"
        if not 1 <= m <= 12:
            return None
        t = ctx.locale.term(f"month-{m:02d}", "short" if form == "short" else "long") or str(m)
        if part.strip_periods:
            t = t.replace(".", "")
        return t
    if name == "day":
        if day is None:
            return None
        form = part.form or "numeric"
        if form == "numeric-leading-zeros":
            return f"{day:02d}"
        if form == "ordinal":
            if ctx.locale.limit_day_ordinals and day != 1:
                return str(day)
            gender = ctx.locale.term_gender(f"month-{m:02d}") if m else None
            return f"{day}{ctx.locale.ordinal(day, gender)}"
        return str(day)
    return None


_SIZE = {"year": 0, "month": 1, "day": 2}


def _render_range(parts, d, ctx, delim):
    a, b = d.start, d.end
    if b[0] == 0:
        # an open range: "1987–" (CSL test suite); a locale term "present", which no CSL locale
        # has but a style may define (styles/apa.csl does), ends it: "2015–present" (APA 7).
        # The open end belongs to the year: a date showing only month and day (apa.csl prints
        # them apart from the year) shows the start alone, "(2015–present, March)".
        first = _render_parts(parts, a, d, ctx, delim)
        if not first or not any(p.name == "year" for p in parts):
            return first
        rd = next((p.range_delimiter for p in parts if p.name == "year" and p.range_delimiter),
                  "\u2013")
        return Node([x for x in (first, rd, ctx.locale.term("present")) if x])
    if a[0] != b[0]:
        diff = "year"
    elif a[1] != b[1]:
        diff = "month"
    else:
        diff = "day"
    level = _SIZE[diff]
    present = [p for p in parts if _render_part_peek(p, a, d) or _render_part_peek(p, b, d)]
    if not present:
        return None
    differing = [p for p in present if _SIZE.get(p.name, 0) >= level]
    rd = "\u2013"
    for p in parts:
        if p.name == diff and p.range_delimiter:
            rd = p.range_delimiter
    if not differing:
        return _render_parts(present, a, d, ctx, delim)
    idx = [present.index(p) for p in differing]
    lo, hi = min(idx), max(idx)
    if diff == "year" or hi - lo + 1 != len(differing):
        lo, hi = 0, len(present) - 1
    before, run, after = present[:lo], present[lo:hi + 1], present[hi + 1:]
    bits = []
    if before:
        bits.append(_render_parts(before, a, d, ctx, delim))
        if delim:
            bits.append(delim)
    first = _render_parts(run, a, d, ctx, delim, strip_last_suffix=True)
    second = _render_parts(run, b, d, ctx, delim, strip_first_prefix=True)
    bits += [first, rd, second]
    if after:
        if delim:
            bits.append(delim)
        bits.append(_render_parts(after, a, d, ctx, delim))
    return Node([x for x in bits if x])


def _render_part_peek(part, p, d) -> bool:
    y, m, day = p
    return {"year": y, "month": m or d.season, "day": day}.get(part.name) is not None
