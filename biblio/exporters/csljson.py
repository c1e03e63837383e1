"""Entries → CSL-JSON items, through biblio.tocsl: the mapping the site build uses."""

from __future__ import annotations

from .. import tocsl

_NOCASE = '<span class="nocase">'


def export(lib, keys: list[str] | None = None) -> tuple[list[dict], list]:
    """CSL-JSON items of the library (through biblio.tocsl) and the mapping's problems."""
    items, problems = tocsl.library_to_csl(lib, keys)
    for item in items:
        # a short title tocsl derives (the title before its colon) is for citations; the
        # data holds only one its writer gave, so that a round trip adds nothing
        entry = lib.get(item["id"])
        if "title-short" in item and entry is not None and entry.get("shorttitle") is None:
            del item["title-short"]
        # A title braced whole (a Title Case title from CSL-JSON, see
        # biblio.importers.csljson._title) comes back as one nocase span; CSL data needs no
        # such span to keep its case, so it is unwrapped.
        for var in ("title", "container-title"):
            t = item.get(var)
            if isinstance(t, str) and t.startswith(_NOCASE) and t.endswith("</span>") \
                    and t.count("<span") == 1:
                item[var] = t[len(_NOCASE):-len("</span>")]
    return items, problems
