"""Project settings: `[tool.biblio]` in pyproject.toml, or biblio.toml, found from the cwd up."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import ERROR, BiblioError, Diagnostic

DEFAULT_BIB = "references.bib"


@dataclass
class Config:
    """The project's settings: the [tool.biblio] table and the folder it was found in."""
    root: Path  # folder the settings were found in (or the cwd)
    settings: dict = field(default_factory=dict)  # the [tool.biblio] table
    source: Path | None = None

    @property
    def bib(self) -> Path:
        return self.root / self.settings.get("bib", DEFAULT_BIB)

    def section(self, name: str) -> dict:
        value = self.settings.get(name, {})
        return value if isinstance(value, dict) else {}


def _read_toml(path: Path) -> dict:
    # Imported only when there is a settings file to read: a folder without one (a blog
    # that keeps biblio's defaults) does not pay its ~2 ms.
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib

    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise BiblioError(Diagnostic(str(path), getattr(e, "lineno", 1) or 1,
                                     getattr(e, "colno", 1) or 1, ERROR, "config",
                                     f"not valid TOML: {e}", "fix the TOML syntax"),
                          exit_code=2) from None
    except OSError as e:
        raise BiblioError(Diagnostic(str(path), 1, 1, ERROR, "io",
                                     f"cannot read the settings: {e.strerror}",
                                     "check the file and its permissions"),
                          exit_code=2) from None


def find(start: Path | None = None) -> Config:
    """The nearest biblio.toml or pyproject.toml with [tool.biblio], from `start` upwards."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        own = folder / "biblio.toml"
        if own.is_file():
            data = _read_toml(own)
            tool = _table(data, "tool", own, "")
            table = data if tool.get("biblio") is None else _table(tool, "biblio", own, "tool")
            return Config(folder, _checked(table, own), own)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _read_toml(py)
            table = _table(data, "tool", py, "").get("biblio")
            if table is not None:
                return Config(folder, _checked(_table({"biblio": table}, "biblio", py, "tool"),
                                               py), py)
    return Config(start)


# The kinds of value the other modules take for granted, checked once here: a setting of
# another TOML type (`bib = 5`, `locale = 1`, `check = "x"`) is a located config error (exit 2)
# when the settings are read, not a crash wherever it is used. What a value means (a style
# that exists, a rule id, a choice) is the module's own to check.
_SECTIONS = ("check", "fmt", "build")
_TEXTS = {
    "": ("bib", "style", "locale", "posts", "key_pattern", "crossref_url", "arxiv_url",
         "mailto"),
    "build": ("src", "out", "style", "locale", "bibliography", "to", "scope"),
}  # (citation-abbreviations: biblio.document.settings.abbreviations_file says it, as before)
_TEXT_LISTS = {"build": ("patterns",)}


def _checked(table: dict, path: Path) -> dict:
    for name in _SECTIONS:
        section = _table(table, name, path, "tool.biblio")
        for key in _TEXTS.get(name, ()):
            if key in section and not _text(section[key]):
                raise _wrong(path, f"tool.biblio.{name}", key, section[key], _kind(section[key]),
                             f'write {key} = "…" (in quotes)')
        for key in _TEXT_LISTS.get(name, ()):
            value = section.get(key)
            if key in section and not (isinstance(value, list) and all(map(_text, value))):
                raise _wrong(path, f"tool.biblio.{name}", key, value, "a list of text",
                             f'write {key} = ["…", "…"]')
    for key in _TEXTS[""]:
        if key in table and not _text(table[key]):
            raise _wrong(path, "tool.biblio", key, table[key], _kind(table[key]),
                         f'write {key} = "…" (in quotes)')
    return table


def _text(value) -> bool:
    """A text setting: a string, and one no file name can refuse (a NUL character)."""
    return isinstance(value, str) and "\x00" not in value


def _kind(value) -> str:
    return "text" if not isinstance(value, str) else "text a file name can hold (it has a NUL)"


def _table(data: dict, name: str, path: Path, parent: str) -> dict:
    """data[name] when it is a table ({} when absent); a config error when it is not."""
    value = data.get(name, {})
    if isinstance(value, dict):
        return value
    where = f"{parent}.{name}" if parent else name
    raise _wrong(path, parent, name, value, "a table",
                 f"write the settings under a [{where}] header")


def _wrong(path: Path, table: str, key: str, value, kind: str, fix: str) -> BiblioError:
    """`[table] key is value, which is not kind`, at the value in the file."""
    from .paths import shown

    shown_value = repr(value) if len(repr(value)) < 40 else type(value).__name__
    line, col = _locate(path, _section(table), key)
    where = f"[{table}] " if table else ""
    return BiblioError(Diagnostic(str(shown(path)), line, col, ERROR, "config",
                                  f"{where}{key} is {shown_value}, which is not {kind}", fix),
                       exit_code=2)


def _section(table: str) -> str:
    """The part of a table's name after tool.biblio: "build" for [tool.biblio.build] (or a
    biblio.toml's [build]), "" for [tool.biblio] itself."""
    return table.removeprefix("tool.biblio").removeprefix("tool").strip(".")


def _locate(path: Path, section: str, key: str) -> tuple[int, int]:
    """Line and column of `key = …`'s value in the settings file: the first such line under a
    header naming the section (or, failing that, anywhere); 1:1 when it cannot be found."""
    import re

    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1, 1
    assign = re.compile(r"\s*(?:[\w.-]+\.)?[\"']?" + re.escape(key) + r"[\"']?\s*=\s*")
    header = re.compile(r"\s*\[+([^\]]*)\]")  # (no lazy group between spaces: linear)
    current, anywhere = "", None
    for n, text in enumerate(lines, 1):
        h = header.match(text)
        if h:
            current = _section(h.group(1).strip())
            continue
        m = assign.match(text)
        if m:
            if current == section:
                return n, m.end() + 1
            anywhere = anywhere or (n, m.end() + 1)
    return anywhere or (1, 1)


def bib_path(option: str | None, config: Config | None = None) -> Path:
    """The .bib to use: `--bib` when given, else the configured one, else ./references.bib."""
    from .paths import shown

    if option:
        return shown(option)
    config = config or find()
    if config.source is None:
        return Path(DEFAULT_BIB)
    return shown(config.bib)
