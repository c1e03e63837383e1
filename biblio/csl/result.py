"""What `render` returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Entry:
    """One bibliography entry: the item's id and its rendered text."""
    id: str
    text: str


@dataclass
class Result:
    """What the engine returns: rendered citations, bibliography and warnings."""
    citations: list[str] = field(default_factory=list)
    # For each cluster, the names of its narrative cite as running text ("" when it has none).
    authors: list[str] = field(default_factory=list)
    bibliography: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
