"""A post's YAML front matter: its metadata, where each key is, and the `nocite` keys."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .syntax import _KEY


@dataclass
class FrontMatter:
    meta: dict = field(default_factory=dict)
    lines: int = 0  # how many lines it takes, delimiters included
    line_of: dict = field(default_factory=dict)  # top-level key -> 1-based line


_FM_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, path: str = "<post>") -> tuple[FrontMatter, str]:
    """(front matter, body with the front matter blanked out so line numbers still hold)."""
    if not text.startswith(("---\n", "---\r\n")):
        return FrontMatter(), text
    m = _FM_END.search(text, 4)
    if m is None:
        return FrontMatter(), text
    block = text[4:m.start()]
    import yaml

    try:
        meta = yaml.safe_load(block) if block.strip() else {}
    except yaml.YAMLError as e:
        from .diagnostics import ERROR, BiblioError, Diagnostic

        mark = getattr(e, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        col = mark.column + 1 if mark else 1
        raise BiblioError(Diagnostic(path, line, col, ERROR, "front-matter",
                                     f"the YAML front matter is not valid: {e}",
                                     "fix the YAML between the --- lines")) from None
    if not isinstance(meta, dict):
        return FrontMatter(), text
    end = text.find("\n", m.end())
    end = len(text) if end < 0 else end + 1
    fm_text = text[:end]
    line_of = {}
    for n, ln in enumerate(fm_text.split("\n"), 1):
        km = re.match(r"([A-Za-z_][\w-]*)\s*:", ln)
        if km:
            line_of.setdefault(km.group(1), n)
    nlines = fm_text.count("\n")
    return FrontMatter(meta, nlines, line_of), "\n" * nlines + text[end:]


def nocite_keys(meta: dict) -> list[str]:
    """Keys named in `nocite` (a string or list of `@key`s); "*" means every entry."""
    raw = meta.get("nocite")
    if raw is None:
        return []
    if isinstance(raw, list):
        raw = " ".join(str(x) for x in raw)
    keys = []
    for m in re.finditer(r"@(?:\{([^{}]*)\}|(\*|" + _KEY + r"))", str(raw)):
        keys.append(m.group(1) if m.group(1) is not None else m.group(2))
    return keys
