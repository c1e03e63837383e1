"""Diagnostics: one problem found in the user's data, located and explained."""

from __future__ import annotations

from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Diagnostic:
    """A problem at `path:line:col` (both 1-based), named by a rule id.

    `message` says what is wrong; `fix` says how to fix it (may be empty). Line 0 means the
    problem has no place in a file (a usage error): it prints as `path: severity[rule]: …`.
    """

    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str
    fix: str = ""

    def format(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line > 0 else self.path
        text = f"{where}: {self.severity}[{self.rule}]: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def sort_key(self) -> tuple:
        return (self.path, self.line, self.col, self.rule)


class BiblioError(Exception):
    """An error the user can act on; carries the diagnostics that explain it."""

    def __init__(self, diagnostics: list[Diagnostic] | Diagnostic, exit_code: int = 1):
        if isinstance(diagnostics, Diagnostic):
            diagnostics = [diagnostics]
        self.diagnostics = diagnostics
        self.exit_code = exit_code
        super().__init__("\n".join(d.format() for d in diagnostics))


def usage(message: str, fix: str = "", rule: str = "usage") -> BiblioError:
    """A mistake in how biblio was called (exit 2): `biblio: error[usage]: message — fix`,
    with no file location, since no file is at fault."""
    return BiblioError(Diagnostic("biblio", 0, 0, ERROR, rule, message, fix), exit_code=2)


def count(n: int, word: str, many: str = "") -> str:
    """`1 post`, `2 posts`, `0 entries` (`many` for a plural that is not word + s): every
    count a message prints is worded here."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)
