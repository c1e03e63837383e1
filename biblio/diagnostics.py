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

    `message` says what is wrong; `fix` says how to fix it (may be empty).
    """

    path: str
    line: int
    col: int
    severity: str
    rule: str
    message: str
    fix: str = ""

    def format(self) -> str:
        text = f"{self.path}:{self.line}:{self.col}: {self.severity}[{self.rule}]: {self.message}"
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


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity == ERROR for d in diagnostics)
