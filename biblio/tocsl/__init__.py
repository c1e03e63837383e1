"""BibTeX/biblatex entries → CSL-JSON items, as a table of rules.

`biblio.tocsl.tables.TYPES` maps entry types to CSL types; `fields.RULES` lists, for each CSL
variable, the fields it comes from, a converter and an optional condition (citation.js's
Translator shape). `to_csl` applies them to one entry; `library_to_csl` to a library, with
`crossref`/`xdata` inheritance.

The stages, one module each: `values` (a field value → a CSL value), `fields` (the rules),
`entry` (one entry → one item), `converter` (a library's entries → items); beside them what
only the mapping uses: `latex`, `names`, `dates`, `titlecase`, and `tables`.

Conventions (documented for users in the README):
- personal communication: `type = {personal communication}` (or `howpublished`, or a keyword
  `personal communication`) on any entry, or a biblatex `@letter`, gives CSL
  `personal_communication`, which APA cites in the text only.
- magazine, newsletter and newspaper articles: `@article` with
  `entrysubtype = {magazine|newsletter|newspaper}` (a newsletter maps like a magazine).
- article numbers: `eid`, or `pages` holding a single eLocator such as `e0227773`, give CSL
  `number` (APA: "Article e0227773").
"""

import importlib

__all__ = ["Converter", "library_to_csl", "to_csl"]

# The mapping (entry, fields, values, converter: most of this package's import time) is
# imported when one of these is first asked for (PEP 562), not by every import of a helper
# such as biblio.tocsl.names: `biblio check` uses the helpers, never the mapping.
_MAPPING = {"Converter": "converter", "library_to_csl": "converter", "to_csl": "entry"}


def __getattr__(name: str):
    if name in _MAPPING:
        return getattr(importlib.import_module(f"{__name__}.{_MAPPING[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
