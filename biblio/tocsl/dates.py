"""biblatex dates (ISO 8601-2 / EDTF level 1) and BibTeX year/month/day → CSL dates.

Handled: `2015`, `2015-11`, `2015-11-13`, times (dropped), negative years, seasons
(`2015-21`…`2015-24` → CSL `season` 1–4; in a range, months 21–24 at each end), `?`/`~`/`%` qualifiers (`~` and `%` → `circa`; `?`
alone is "uncertain", which CSL cannot say, so it is dropped), ranges `2015/2016` and open
ranges `2015/..` or `2015/` (end `[0]`, one zero per start part: the CSL test suite's, pandoc's
and citeproc-js's open end; rendered "2015–", or "2015–present" by styles/apa.csl), unspecified
digits `199X` (→ the literal "199X"). Anything else is an error the caller reports.
"""

from __future__ import annotations

import re

MONTH_NAMES = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}

_ONE = re.compile(
    r"(?P<y>[+-]?\d{1,4})(?:-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?)?"
    r"(?:T\d{2}(?::\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
    r"(?P<q>[?~%]*)")
_UNSPEC = re.compile(r"\d{2,3}[Xu]{1,2}(?:-[\dXu]{2}(?:-[\dXu]{2})?)?")


_YEAR = re.compile(r"(-?\d{1,4})([a-z]?)")
_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}


class BadDate(ValueError):
    pass


def _one(s: str) -> tuple[list[int], int | None, bool]:
    """'2015-11-13~' → ([2015, 11, 13], season, circa)."""
    s = s.strip()
    m = _ONE.fullmatch(s)
    if not m:
        raise BadDate(s)
    y = int(m.group("y"))
    parts = [y]
    season = None
    if m.group("m"):
        mo = int(m.group("m"))
        if 21 <= mo <= 24 and not m.group("d"):
            season = mo - 20
        elif 1 <= mo <= 12:
            parts.append(mo)
        else:
            raise BadDate(s)
        if m.group("d"):
            d = int(m.group("d"))
            if not 1 <= d <= 31:
                raise BadDate(s)
            parts.append(d)
    q = m.group("q")
    return parts, season, ("~" in q or "%" in q)


def parse_date(text: str) -> dict:
    """A biblatex `date`-style value → a CSL date object; raises BadDate."""
    s = text.strip().replace("\u00a0", "~")
    if not s:
        raise BadDate(text)
    if _UNSPEC.fullmatch(s):
        # EDTF's unspecified digits, "20uu" / "20XX": some year of the century, the range
        # 2000/2099 (as pandoc reads it); a month or day after them says nothing more
        year = s.split("-")[0]
        return {"date-parts": [[int(re.sub("[Xu]", "0", year))],
                               [int(re.sub("[Xu]", "9", year))]]}
    if "/" in s:
        a, b = s.split("/", 1)
        if not a or a == "..":
            raise BadDate(text)  # an open start: nothing CSL or APA can print
        pa, sa, ca = _one(a)
        pb, sb = None, None
        if b not in ("", "..", "open", "unknown"):  # biblatex's open ends, old and new
            pb, sb, cb = _one(b)
            ca = ca or cb
        if sa or sb:
            # CSL's one `season` cannot hold two: a season range keeps its seasons as months
            # 21–24 at each end, "2015, Spring–Summer" (pandoc and citeproc-js read it so).
            pa = pa + [20 + sa] if sa else pa
            pb = pb + [20 + sb] if sb and pb else pb
        out: dict = {"date-parts": [pa, pb if pb else [0] * len(pa)]}
        if ca:
            out["circa"] = True
        return out
    parts, season, circa = _one(s)
    out = {"date-parts": [parts]}
    if season:
        out["season"] = season
    if circa:
        out["circa"] = True
    return out


def month_number(text: str) -> int:
    t = text.strip().rstrip(".").lower()
    if t.isdigit() and 1 <= int(t) <= 12:
        return int(t)
    if t in MONTH_NAMES:
        return MONTH_NAMES[t]
    raise BadDate(text)


def from_fields(year: str | None, month: str | None, day: str | None) -> dict:
    """BibTeX `year`/`month`/`day` → a CSL date object; raises BadDate for what is not a date.

    A year such as "in press", "n.d." or "forthcoming" is not a date: the caller decides.
    """
    y = (year or "").strip()
    m = _YEAR.fullmatch(y)
    if not m:
        # "2015/2016", "2015-2016", "c. 1850"
        r = re.fullmatch(r"(\d{4})\s*(?:/|--?|–)\s*(\d{4})", y)
        if r:
            return {"date-parts": [[int(r.group(1))], [int(r.group(2))]]}
        c = re.fullmatch(r"(?:c\.|ca\.|circa|approx\.)\s*(\d{3,4})", y, re.IGNORECASE)
        if c:
            return {"date-parts": [[int(c.group(1))]], "circa": True}
        raise BadDate(y)
    parts = [int(m.group(1))]
    if month and month.strip():
        mt = month.strip()
        season = _SEASONS.get(mt.lower())
        if season:
            return {"date-parts": [parts], "season": season}
        # "jan--feb" or "January/February": a month range
        rng = re.split(r"\s*(?:--?|–|/)\s*", mt)
        if len(rng) == 2 and rng[0].lower() in _SEASONS and rng[1].lower() in _SEASONS:
            # "Spring/Summer": seasons as months 21–24 at each end, as in a biblatex date
            a, b = _SEASONS[rng[0].lower()], _SEASONS[rng[1].lower()]
            return {"date-parts": [[parts[0], 20 + a], [parts[0], 20 + b]]}
        if len(rng) == 2:
            a, b = month_number(rng[0]), month_number(rng[1])
            return {"date-parts": [[parts[0], a], [parts[0], b]]}
        parts.append(month_number(mt))
        if day and day.strip():
            d = day.strip()
            if not d.isdigit() or not 1 <= int(d) <= 31:
                raise BadDate(d)
            parts.append(int(d))
    return {"date-parts": [parts]}
