"""CSL-JSON items → biblatex fields: the reverse of biblio.tocsl's table.

Export to CSL-JSON goes through `biblio.tocsl` itself (biblio.exporters.csljson), so that one
mapping decides what an entry means. The reverse here is chosen so that importing and exporting again
gives the same items for the types and variables tocsl maps one-to-one.
"""

from __future__ import annotations

import json
import re

from ..csl import language as lang
from ..tocsl import tables, titlecase
from ..tocsl.fields import RULES
from ..tocsl.values import name_list
from . import ImportFailed, Record, values

# CSL type → (biblatex type, entrysubtype): the inverse of the mapping tocsl reads.
TYPES = tables.FROM_CSL
CHAPTERS = {"incollection", "inproceedings", "inreference"}
ARTICLES = {"article", "review"}
BOOKS = {"book", "incollection", "inproceedings", "inreference"}
# Plain variables: CSL variable → field (the text is escaped for LaTeX).
PLAIN = {"volume": "volume", "number-of-volumes": "volumes", "number-of-pages": "pagetotal",
         "chapter-number": "chapter", "version": "version", "event-place": "venue",
         "call-number": "library", "container-title-short": "shortjournal",
         "title-short": "shorttitle", "event-title": "eventtitle",
         "original-title": "origtitle", "collection-title": "series", "keyword": "keywords",
         "note": "note", "abstract": "abstract", "annote": "annotation"}
VERBATIM = {"DOI": "doi", "URL": "url", "ISBN": "isbn", "ISSN": "issn", "PMID": "pmid",
            "PMCID": "pmcid"}
# A thesis's or report's genre → its biblatex type key: the inverse of the names tocsl prints.
GENRES = {name.lower().replace("’", "'"): key for key, name in tables.THESIS_GENRES.items()
          if key in ("phdthesis", "mathesis", "techreport", "resreport")}
# CSL name variable → the biblatex field tocsl reads it from (the inverse of its rule table),
# and the roles biblatex keeps in an editor field with its `editortype` (tables.ROLES):
# those go to editora, editorb, editorc in turn.
NAME_FIELDS = {"editor": "editor", **{r.target: r.sources[0] for r in RULES
                                      if r.convert is name_list and r.target != "author"}}
TYPED_ROLES: dict[str, str] = {}  # CSL role → editortype value
for _kind, _role in tables.ROLES.items():
    if _role and _role not in NAME_FIELDS:
        TYPED_ROLES.setdefault(_role, _kind)
_TYPED_FIELDS = ("editora", "editorb", "editorc")


def items_with_lines(text: str) -> list[tuple[int, object]]:
    """The items of a CSL-JSON array (or one object) with the line each starts on."""
    decoder = json.JSONDecoder()
    pos = _skip(text, 0)
    try:
        if text[pos:pos + 1] != "[":
            obj, _ = decoder.raw_decode(text, pos)
            if isinstance(obj, dict) and isinstance(obj.get("items"), list):
                return [(_line(text, pos), i) for i in obj["items"]]
            return [(_line(text, pos), obj)]
        out = []
        pos = _skip(text, pos + 1)
        if text[pos:pos + 1] == "]":
            return []
        while True:
            obj, end = decoder.raw_decode(text, pos)
            out.append((_line(text, pos), obj))
            pos = _skip(text, end)
            if text[pos:pos + 1] == ",":
                pos = _skip(text, pos + 1)
                continue
            if text[pos:pos + 1] == "]":
                if _skip(text, pos + 1) < len(text):
                    raise json.JSONDecodeError("Extra data", text, _skip(text, pos + 1))
                return out
            raise json.JSONDecodeError("Expecting ',' delimiter", text, pos)
    except json.JSONDecodeError as e:
        raise ImportFailed("json-syntax", f"not valid JSON: {e.msg}",
                           "fix the JSON (a missing comma or quote, a trailing comma)",
                           line=e.lineno, col=e.colno) from None
    except ValueError:  # a number longer than Python reads (4,300 digits)
        raise ImportFailed("json-syntax", "a number has more digits than can be read (4,300 "
                           "at most)", "write the number as text (in quotes)",
                           line=_line(text, pos)) from None
    except RecursionError:  # arrays in arrays past the reader's depth: no item is that deep
        raise ImportFailed("json-syntax", "the JSON is nested too deeply to be CSL-JSON items",
                           "give an array of item objects", line=_line(text, pos)) from None


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n\ufeff":
        pos += 1
    return pos


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _str(value) -> str:
    if isinstance(value, (int, float)):
        return str(value)
    return value if isinstance(value, str) else ""


def _person(n: dict) -> str:
    # Every part through _str: a number is its text, anything else that is not a string is
    # left out (CSL-JSON from the wild has `"family": 5` and `"given": null`).
    n = {k: _str(n.get(k)) for k in ("literal", "family", "given", "suffix",
                                     "dropping-particle", "non-dropping-particle")}
    if n["literal"]:
        return values.corporate(n["literal"])
    family = n["family"]
    particle = " ".join(x for x in (n["dropping-particle"], n["non-dropping-particle"]) if x)
    if not family:
        return values.corporate(n["given"]) if n["given"] else ""
    return values.person(family, n["given"], n["suffix"], particle)


def _date(d) -> str:
    """A CSL date → ISO 8601 / EDTF (`2013-06-19`, `2013/2014`), or its literal text."""
    if not isinstance(d, dict):
        return ""
    parts = d.get("date-parts")
    if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
        try:
            nums = [[int(p) for p in dp if p not in (None, "")] for dp in parts[:2]
                    if isinstance(dp, list)]
        except (TypeError, ValueError):
            nums = []
        if nums and nums[0]:
            start = values.date(nums[0])
            if len(nums) > 1 and (not nums[1] or nums[1][0] == 0):
                return start + "/"  # an open range, [[2015], [0]]: "2015/" (EDTF)
            return "/".join([start] + [values.date(n) for n in nums[1:2] if n])
    return values.escape(_str(d.get("raw") or d.get("literal")))  # text, not BibTeX


def _rich(text: str) -> str:
    """CSL rich text (`<i>`, `<b>`, `<sup>`, `<span class="nocase">`) → BibTeX text."""
    return values.from_markup(text)


def to_record(item: dict, path: str, line: int) -> Record:
    csl_type = _str(item.get("type")) or "document"
    btype, sub = TYPES.get(csl_type, ("misc", ""))
    r = Record(btype, source=f"{path}:{line}", key=_key(item), line=line)
    if csl_type not in TYPES:
        r.review.append(f"CSL type {csl_type!r} is not known; imported as @misc")
    if sub:
        r.set("entrysubtype", sub)
    if csl_type == "personal_communication":
        r.set("type", "personal communication")
    free = list(_TYPED_FIELDS)
    for role in ("author", *NAME_FIELDS, *TYPED_ROLES):
        people = item.get(role)
        if not isinstance(people, list):
            continue
        people = [p for p in people if isinstance(p, dict)]
        # a last {"literal": "others"} is BibTeX's own "and others" (as tocsl writes it)
        others = bool(people) and people[-1] == {"literal": "others"}
        text = values.names([_person(p) for p in people[:-1]] + ["others"] if others
                            else [_person(p) for p in people])
        if role in TYPED_ROLES:
            if not (text and free):
                continue
            field = free.pop(0)
            r.set(field, text)
            r.set(field + "type", TYPED_ROLES[role])
        else:
            r.set(NAME_FIELDS.get(role, role), text)
    if item.get("title"):
        r.set("title", _title(_str(item["title"])))
    container = _str(item.get("container-title"))
    if container:
        if btype in CHAPTERS:
            r.set("booktitle", _title(container))
        else:
            r.set("journal", _rich(container))
    issued = _date(item.get("issued"))
    if re.fullmatch(r"\d{4}", issued):
        r.set("year", issued)
    elif issued:
        r.set("date", issued)
    accessed = _date(item.get("accessed"))
    if accessed:
        r.set("urldate", accessed)
    if item.get("event-date"):
        r.set("eventdate", _date(item["event-date"]))
    if item.get("original-date"):
        r.set("origdate", _date(item["original-date"]))
    if item.get("page"):
        r.set("pages", values.pages(_str(item["page"])))
    issue, number = _str(item.get("issue")), _str(item.get("number"))
    if btype in ARTICLES:
        r.set("number", values.escape(issue))
        r.set("eid", values.escape(number))
    elif btype in BOOKS:
        r.set("number", values.escape(_str(item.get("collection-number"))))
        r.set("eid", values.escape(number))
    else:
        r.set("number", values.escape(number or issue))
    if item.get("edition"):
        r.set("edition", values.escape(_str(item["edition"])))
    publisher = _str(item.get("publisher"))
    if publisher:
        field = {"thesis": "institution", "report": "institution"}.get(btype, "publisher")
        r.set(field, values.escape(publisher))
    place = _str(item.get("publisher-place"))
    if place:
        r.set("location", values.escape(place))
    for var, field in PLAIN.items():
        value = _str(item.get(var))
        if var == "note":
            value = _BBT_KEY.sub("", value).strip()
        if value:
            rich = var in ("note", "abstract", "annote")
            r.set(field, _rich(value) if rich else _title(value) if "title" in var
                  and var != "container-title-short" else values.escape(value))
    for var, field in VERBATIM.items():
        if item.get(var):
            r.set(field, values.verbatim(_str(item[var])))
    genre = _str(item.get("genre"))
    if genre and csl_type != "personal_communication":
        r.set("type", GENRES.get(genre.lower().replace("’", "'"), values.escape(genre)))
    status = _str(item.get("status"))
    if status:
        r.set("pubstate", values.escape(status))
    language = _str(item.get("language")).lower()
    if language:
        r.set("langid", lang.babel(language) or values.escape(language))
    return r


# A key a writer chose and can type after "@": Zotero's item URIs
# (http://zotero.org/users/1/items/ABCD1234), "12345/ABCD" or a bare number are not one.
_USABLE_KEY = re.compile(r"[^\W\d][\w:.+-]*")
_BBT_KEY = re.compile(r"^\s*Citation Key:\s*(\S+)\s*$", re.MULTILINE | re.IGNORECASE)


def _key(item: dict) -> str | None:
    """The item's citation key: Better BibTeX's (`citation-key`, or "Citation Key: …" in the
    note Zotero exports), else its id when that is a usable BibTeX key; None: one is made."""
    bbt = _BBT_KEY.search(_str(item.get("note")))
    for k in (_str(item.get("citation-key")), _str(item.get("citationKey")),
              bbt.group(1) if bbt else "", _str(item.get("id"))):
        if k and _USABLE_KEY.fullmatch(k):
            return k
    return None


def _title(text: str) -> str:
    """A CSL title → BibTeX: a title not in sentence case is braced whole twice, so that
    tocsl's sentence-casing (APA) leaves it exactly as the CSL item had it (one pair of braces
    around a whole title is read as the BibTeX habit, and sentence-cased inside)."""
    converted = _rich(text)
    if "<" not in text and titlecase.sentence_case(text) != text:
        return "{{" + converted + "}}"
    return converted


def read(text: str, path: str) -> list[Record]:
    records = []
    for line, item in items_with_lines(text):
        if not isinstance(item, dict):
            raise ImportFailed("csl-json", "a CSL-JSON item must be an object {…}",
                               "each item looks like {\"id\": …, \"type\": …}", line=line)
        records.append(to_record(item, path, line))
    if not records:
        raise ImportFailed("empty", "no CSL-JSON item found", "give an array of items [{…}]")
    return records
