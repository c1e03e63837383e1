"""Which keys the posts cite: a small scanner of pandoc citation syntax.

Swap for biblio.citations once it lands on main. It skips fenced and indented code blocks and
inline code spans, and an '@' preceded by a letter or digit (an e-mail address).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..diagnostics import ERROR, BiblioError, Diagnostic

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
# pandoc: a key starts with a letter, digit or _, and may hold internal punctuation.
_KEY = re.compile(r"(?<![\w@])-?@(?:\{([^{}]+)\}|([\w](?:[\w]|[:.#$%&+?<>~/-](?=[\w]))*))")
POST_SUFFIXES = (".md", ".markdown", ".qmd", ".rmd")


def scan(text: str, path: str, out: dict[str, tuple[str, int, int]]) -> None:
    fence: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        m = _FENCE.match(line)
        if fence is not None:
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = None
            continue
        if m:
            fence = m.group(1)
            continue
        if line.startswith(("    ", "\t")):
            continue
        masked = _CODE_SPAN.sub(lambda s: " " * len(s.group()), line)
        for k in _KEY.finditer(masked):
            key = k.group(1) or k.group(2)
            out.setdefault(key, (path, lineno, k.start() + 1 + (masked[k.start()] == "-")))


def cited_keys(folder: str | Path) -> dict[str, tuple[str, int, int]]:
    """key -> (post, line, col) of its first citation, for every post under `folder`."""
    root = Path(folder)
    if not root.exists():
        raise BiblioError(Diagnostic(str(root), 1, 1, ERROR, "io", "no such folder",
                                     "point --posts at the folder of your posts"), exit_code=2)
    files = [root] if root.is_file() else sorted(
        p for p in root.rglob("*") if p.suffix.lower() in POST_SUFFIXES and p.is_file())
    out: dict[str, tuple[str, int, int]] = {}
    for p in files:
        try:
            text = p.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise BiblioError(Diagnostic(str(p), 1, 1, ERROR, "io", f"cannot read the post: {e}",
                                         "check the file"), exit_code=2) from None
        scan(text, str(p), out)
    return out
