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
                                     f"cannot read the settings: {e.strerror}", ""),
                          exit_code=2) from None


def find(start: Path | None = None) -> Config:
    """The nearest biblio.toml or pyproject.toml with [tool.biblio], from `start` upwards."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        own = folder / "biblio.toml"
        if own.is_file():
            data = _read_toml(own)
            return Config(folder, data.get("tool", {}).get("biblio", data), own)
        py = folder / "pyproject.toml"
        if py.is_file():
            data = _read_toml(py)
            table = data.get("tool", {}).get("biblio")
            if table is not None:
                return Config(folder, table, py)
    return Config(start)


def bib_path(option: str | None, config: Config | None = None) -> Path:
    """The .bib to use: `--bib` when given, else the configured one, else ./references.bib."""
    from .paths import shown

    if option:
        return shown(option)
    config = config or find()
    if config.source is None:
        return Path(DEFAULT_BIB)
    return shown(config.bib)
