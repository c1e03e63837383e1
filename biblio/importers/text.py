"""A reference pasted as text → a record: matched at Crossref, or parsed by rule of thumb.

`match` scores Crossref's candidates against the text itself (title words, family names,
journal, year), so that a wrong year in the text (the clinic wrote 2015 for a 2010 article)
does not lose a match whose title and authors agree. `parse` reads an APA-like reference
(`Authors. (Year, Month Day). Title. Container, pages.`) without the network; what it makes
is always marked for review, with the text it came from kept in the `review` field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import Record, values

# Post-nominal credentials: degrees and certifications written after a name.
CREDENTIALS = frozenset(w.lower() for w in ["PT", "DPT", "MPT", "MSPT", "PhD", "MD", "DO", "DC",
                                            "MSc", "MS", "MA", "BSc", "BS", "BA", "RN", "NP", "PA",
                                            "PA-C", "OCS", "SCS", "NCS", "GCS", "COMT", "FAAOMPT",
                                            "CSCS", "ATC", "OTR", "OTR/L", "MBA", "MPH", "FACP",
                                            "FRCP", "FRCPC", "CMPT", "CIDN", "MHS", "DSc", "EdD",
                                            "PsyD", "LAc", "LMT", "CMT", "MPhil", "MMus", "MEd",
                                            "MMSc", "MCSP", "FCSP", "BPT", "BScPT", "MScPT",
                                            "DipMDT", "Cert", "Jr", "Sr", "CertMDT", "CSMT", "ScD",
                                            "PharmD", "DrPH", "DNP"])
_ABBREVIATIONS = frozenset(["dr", "mr", "mrs", "ms", "prof", "st", "vs", "no", "vol", "ed", "eds",
                            "et", "al", "e.g", "i.e", "jr", "sr", "inc", "ltd", "co", "fig", "pp",
                            "p"])
_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june",
                                       "july", "august", "september", "october", "november",
                                       "december"], 1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_ORG_WORDS = frozenset(["association", "society", "institute", "organization", "organisation",
                        "committee", "council", "department", "university", "agency", "board",
                        "college", "academy", "federation", "foundation", "center", "centre",
                        "group", "network", "policy", "ministry"])
_JOURNAL_WORDS = frozenset(["journal", "reports", "review", "reviews", "proceedings", "annals",
                            "letters", "bulletin", "quarterly", "medicine", "archives",
                            "transactions", "research", "science", "therapy"])
_STOP = frozenset(["a", "an", "the", "and", "or", "of", "on", "in", "at", "to", "for", "from",
                   "with", "by", "as", "is", "are", "de", "la"])
_DATE = re.compile(r"\((\d{4})[a-z]?(?:,\s*([A-Za-z]+)\.?(?:\s+(\d{1,2}))?)?\)\.?|\(n\.\s?d\.\)\.?")
_INTERVIEW = re.compile(r"\(([^()]*?),\s*Interviewer\)\.?", re.IGNORECASE)
_RETRIEVED = re.compile(r"Retrieved\b(.*)$", re.IGNORECASE)
_PAGES = re.compile(r",?\s*(?:pp?\.\s*)?(\d+\s*[-–]\s*\d+)\.?$")
_VOLUME = re.compile(r",\s*(\d+)\s*(?:\((\d+[-–\d]*)\))?\s*(?:,\s*(\d+(?:\s*[-–]\s*\d+)?))?\.?$")
# Not `\.\s*-?\s*` in the repeat: two \s* side by side split spaces in many ways per turn.
_INITIALS = re.compile(r"^(?:[A-Za-z]\.\s*(?:-\s*)?)*[A-Za-z]\.?$")
_DOI = re.compile(r"(?:https?://(?:dx\.)?doi\.org/|doi:\s*)(10\.\d{4,9}/\S+?)[.,;]?(?:\s|$)",
                  re.IGNORECASE)


# -- cleaning ---------------------------------------------------------------------------------

def _is_credential(segment: str) -> bool:
    words = segment.replace(".", "").split()
    return bool(words) and all(w.lower() in CREDENTIALS for w in words)


def strip_credentials(text: str) -> str:
    """`Leonid Kalichman, PT, PhD and Simon Vulfsons, MD.` → `Leonid Kalichman and Simon…`."""
    def drop(m: re.Match) -> str:
        return "" if _is_credential(m.group(1)) else m.group()
    previous = None
    while previous != text:
        previous = text
        text = re.sub(r",\s*([A-Za-z][A-Za-z./-]*)(?=\s*(?:,|\.\s|\.$|\s+and\s|\s*&|\s*\())",
                      drop, text)
    return text


# -- parsing ----------------------------------------------------------------------------------

def _sentences(text: str) -> list[str]:
    """Split at `. ` where the word before is not an abbreviation or an initial."""
    out, start = [], 0
    for m in re.finditer(r"[.?!]\s+(?=[A-Z(\"“])", text):
        before = text[start:m.start()].split()
        word = before[-1].lower().rstrip(".") if before else ""
        if len(word) == 1 or word in _ABBREVIATIONS:
            continue
        piece = text[start:m.start() + 1].strip()
        piece = piece.removesuffix(".")
        out.append(piece)
        start = m.end()
    tail = text[start:].strip().rstrip(".").strip()
    if tail:
        out.append(tail)
    return out


def _people(segment: str, notes: list[str]) -> list[str]:
    segment = segment.strip().rstrip(",").strip()
    if segment.endswith(".") and not re.search(r"\b[A-Za-z]\.$", segment):
        segment = segment[:-1]
    segment = re.sub(r"\s*(?:,\s*)?(?:\band\b|&)\s*", ", ", segment)
    parts = [p.strip() for p in segment.split(",") if p.strip()]
    parts = [p for p in parts if not _is_credential(p)]
    people: list[str] = []
    i = 0
    while i < len(parts):
        part = parts[i]
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        words = part.split()
        if nxt and _INITIALS.match(nxt):
            if len(words) == 1:
                people.append(f"{values.escape(part)}, {values.escape(nxt)}")
            elif _corporate(part):
                people.append(values.corporate(part))
                notes.append(f"'{nxt}' after '{part}' was dropped")
            else:
                people.append(_natural(words))
                notes.append(f"'{nxt}' after '{part}' was read as a credential and dropped")
            i += 2
            continue
        if _corporate(part):
            people.append(values.corporate(part))
        elif len(words) == 1:
            people.append(values.escape(part))
        else:
            people.append(_natural(words))
        i += 1
    return people


def _corporate(part: str) -> bool:
    words = part.split()
    return len(words) > 1 and (any(w.isalpha() and w.isupper() and len(w) > 1 for w in words)
                               or any(w.lower() in _ORG_WORDS for w in words))


def _natural(words: list[str]) -> str:
    """`Given [von] Family` → `von Family, Given`."""
    if _INITIALS.match(" ".join(words[:-1])) or len(words) == 2:
        return values.person(words[-1], " ".join(words[:-1]))
    i = len(words) - 1
    while i > 1 and words[i - 1][:1].islower():
        i -= 1
    return values.person(" ".join(words[i:]), " ".join(words[:i]))


def _month(word: str | None) -> int | None:
    return _MONTHS.get((word or "").lower()[:9]) or _MONTHS.get((word or "").lower()[:3])


def _date_text(text: str) -> str:
    """`November 14, 2015` / `2015, November 13` / `November 2015` → ISO, or ''."""
    y = re.search(r"\b(1[89]\d{2}|20\d{2})\b", text)
    if not y:
        return ""
    parts = [y.group(1)]
    m = re.search(r"\b([A-Za-z]{3,9})\b", text)
    month = _month(m.group(1)) if m else None
    if month:
        parts.append(f"{month:02d}")
        d = re.search(r"\b(\d{1,2})\b", text.replace(y.group(1), ""))
        if d and 1 <= int(d.group(1)) <= 31:
            parts.append(f"{int(d.group(1)):02d}")
    return "-".join(parts)


_VANCOUVER = re.compile(
    r"^(?P<authors>[^.]+?)\.\s+(?P<title>.+?[^A-Z])[.?!]\s+(?P<journal>[^.;]+?)\.?\s+"
    r"(?P<year>\d{4})(?:\s+[A-Za-z]{3}(?:\s+\d{1,2})?)?\s*;\s*(?P<volume>\d+)"
    r"(?:\s*\((?P<issue>[^)]+)\))?(?:\s*:\s*(?P<pages>\w+(?:\s*[-–]\s*\w+)?))?\.?\s*$")
_VANCOUVER_NAME = re.compile(r"^(?P<family>.+?)\s+(?P<initials>[A-Z]{1,4})$")


def _expand_pages(pages: str) -> str:
    """Vancouver's `640-6` → `640--646`."""
    m = re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", pages)
    if m and len(m.group(2)) < len(m.group(1)):
        first, last = m.group(1), m.group(2)
        return f"{first}--{first[:len(first) - len(last)]}{last}"
    return values.pages(pages)


def _vancouver(body: str, r: Record, notes: list[str]) -> bool:
    """`Kalichman L, Vulfsons S. Title. J Am Board Fam Med. 2010;23(5):640-6.`"""
    m = _VANCOUVER.match(body)
    if not m:
        return False
    people = []
    for part in m.group("authors").split(","):
        part = part.strip()
        if part.lower() in ("et al", "et al."):
            notes.append("the reference lists only the first authors (et al.)")
            continue
        n = _VANCOUVER_NAME.match(part)
        if n is None:
            return False
        people.append(values.person(n.group("family"),
                                    " ".join(f"{c}." for c in n.group("initials"))))
    r.type = "article"
    r.set("author", values.names(people))
    r.set("title", values.protect(values.escape(m.group("title"))))
    r.set("journal", values.escape(m.group("journal")))
    r.set("year", m.group("year"))
    r.set("volume", m.group("volume"))
    r.set("number", values.escape(m.group("issue") or ""))
    if m.group("pages"):
        r.set("pages", _expand_pages(m.group("pages")))
    return True


def parse(text: str) -> Record:
    """A record with whatever can be recognised; always marked for review."""
    original = re.sub(r"\s+", " ", text).strip()
    notes: list[str] = []
    r = Record("misc", source="text")
    body = original
    doi = _DOI.search(body) or re.search(r"\bdoi:?\s*(10\.\d{4,9}/\S+?)[.,;]?(?:\s|$)", body,
                                         re.IGNORECASE)
    if doi:
        r.set("doi", values.verbatim(doi.group(1)))
        body = (body[:doi.start()] + " " + body[doi.end():]).strip()
    if _vancouver(body, r, notes):
        r.review = ["parsed from pasted text; check every field"] + notes
        r.set("review", values.escape(f"Parsed from: {original}"))
        return r
    interview = _INTERVIEW.search(body)
    if interview:
        body = (body[:interview.start()] + body[interview.end():]).strip()
        who = _people(interview.group(1), notes)
        r.set("editora", values.names(who))
        r.set("editoratype", "interviewer")
        r.set("type", "interview")
    retrieved = _RETRIEVED.search(body)
    if retrieved:
        when = retrieved.group(1).split(", from", 1)[0].split(" from ", 1)[0]
        if _date_text(when):
            r.set("urldate", _date_text(when))
        if " from " in retrieved.group(1):
            notes.append(f"'{retrieved.group().strip().rstrip(':')}' was not kept")
        body = body[:retrieved.start()].strip()

    date = _DATE.search(body)
    if date:
        authors, rest = body[:date.start()], body[date.end():]
        if date.group(1):
            y, mon, day = date.group(1), _month(date.group(2)), date.group(3)
            if mon:
                iso = f"{y}-{mon:02d}" + (f"-{int(day):02d}" if day else "")
                r.set("date", iso)
            else:
                r.set("year", y)
    else:
        y = re.search(r"\b(1[89]\d{2}|20\d{2})\b", body)
        if y:
            r.set("year", y.group(1))
        authors, rest = "", body
        notes.append("no '(year)' after the authors: authors not recognised")
    people = _people(strip_credentials(authors), notes) if authors.strip() else []
    r.set("author", values.names(people))

    sentences = _sentences(rest.strip())
    if sentences:
        first = sentences.pop(0)
        segments = [s.strip() for s in first.split(",")]
        if len(segments) > 1 and _is_credential(segments[0]):
            # A title that opens with credentials describes the person, not the work.
            kept = [s for s in segments if not _is_credential(s)]
            r.set("note", values.escape(", ".join(kept)))
        else:
            r.set("title", values.protect(values.escape(first)))
    container = ". ".join(sentences).strip()
    if container:
        pages = _PAGES.search(container)
        vol = _VOLUME.search(container)
        if vol:
            r.set("volume", vol.group(1))
            if vol.group(2):
                r.set("number", vol.group(2))
            if vol.group(3):
                r.set("pages", values.pages(vol.group(3)))
            container = container[:vol.start()].strip()
        elif pages:
            r.set("pages", values.pages(pages.group(1)))
            container = container[:pages.start()].strip()
        words = set(values.normal(container).split())
        if vol or "journal" in words or words & _JOURNAL_WORDS and not words & _ORG_WORDS:
            r.type = "article"
            r.set("journal", values.escape(container))
        elif container:
            r.set("publisher", values.escape(container))
    if not r.fields.get("title"):
        notes.append("no title recognised")
    r.review = ["parsed from pasted text; check every field"] + notes
    r.set("review", values.escape(f"Parsed from: {original}"))
    return r


# -- matching ---------------------------------------------------------------------------------

@dataclass
class Candidate:
    message: dict  # the Crossref work
    score: float  # biblio's agreement score, 0..1
    crossref_score: float
    summary: str


def _tokens(text: str) -> set[str]:
    return {t for t in values.normal(text).split() if t not in _STOP}


def score(text: str, work: dict) -> float:
    """How well a Crossref work agrees with the text: title 0.55, authors 0.25, journal 0.1,
    year 0.1."""
    words = _tokens(text)
    title = _tokens(" ".join((work.get("title") or [""])[:1]))
    if not title:
        return 0.0
    t = len(title & words) / len(title)
    families = [values.normal(a.get("family") or a.get("name") or "")
                for a in (work.get("author") or [])[:5] if isinstance(a, dict)]
    families = [f for f in families if f]
    normal_text = " " + values.normal(text) + " "
    a = (sum(1 for f in families if f" {f} " in normal_text) / len(families)) if families else 0
    container = _tokens(" ".join((work.get("container-title") or [""])[:1]))
    c = len(container & words) / len(container) if container else 0
    issued = ((work.get("issued") or {}).get("date-parts") or [[None]])[0]
    y = 1.0 if issued and issued[0] and str(issued[0]) in text else 0.0
    return round(0.55 * t + 0.25 * a + 0.1 * c + 0.1 * y, 3)


def summary(work: dict) -> str:
    people = [a.get("family") or a.get("name") or "" for a in (work.get("author") or [])
              if isinstance(a, dict)]
    who = ", ".join(people[:3]) + (" et al." if len(people) > 3 else "")
    issued = ((work.get("issued") or {}).get("date-parts") or [[None]])[0]
    year = issued[0] if issued and issued[0] else "n.d."
    title = re.sub(r"<[^>]+>", "", " ".join((work.get("title") or [""])[:1]))
    journal = " ".join((work.get("container-title") or [""])[:1])
    out = f"{who} ({year}). {title}."
    if journal:
        out += f" {journal}."
    return out + f" doi:{work.get('DOI', '')}"


def rank(text: str, works: list[dict]) -> list[Candidate]:
    out = [Candidate(w, score(text, w), float(w.get("score") or 0), summary(w)) for w in works]
    return sorted(out, key=lambda c: -c.score)


def query_text(text: str) -> str:
    """What is sent to Crossref: the text without credentials and 'Retrieved from' notes."""
    text = strip_credentials(re.sub(r"\s+", " ", text).strip())
    return _RETRIEVED.sub("", text).strip()


