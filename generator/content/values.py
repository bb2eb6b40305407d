"""The values checking produces: where a value stood (Loc), dates with their precision, references
to other entities, text with links (Prose), and checked mappings (Fields). The model and the
pages read these; nothing here knows YAML.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

KINDS = ("actors", "events", "claims", "sources")
KIND_SINGULAR = {"actors": "actor", "events": "event", "claims": "claim", "sources": "source"}


class Loc(NamedTuple):
    """Where a value stood. A named tuple: one is made for every value checked, and a
    frozen dataclass takes twice as long to build."""

    file: str
    line: int
    col: int
    path: str


# Month names as the pages write dates ("3 March 2021", "March 2021").
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; the precision is part of the fact."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @property
    def key(self) -> tuple[int, int, int]:
        """sort_key, as an attribute templates can sort by."""
        return self.sort_key()

    def latest(self) -> tuple[int, int, int]:
        """The last day this date could mean, for comparing an end with a start."""
        return (self.year, self.month or 12, self.day or 31)


@dataclass(frozen=True)
class Ref:
    id: str
    kinds: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True)
class ProseRef:
    id: str
    label: str | None
    loc: Loc


@dataclass(frozen=True)
class Prose:
    """Plain text in paragraphs; each paragraph a tuple of str and ProseRef segments."""

    paragraphs: tuple[tuple[str | ProseRef, ...], ...]

    def refs(self) -> list[ProseRef]:
        return [s for p in self.paragraphs for s in p if isinstance(s, ProseRef)]

    def plain(self) -> str:
        return "\n\n".join("".join(s if isinstance(s, str) else (s.label or s.id) for s in p) for p in self.paragraphs)


class Fields(dict):
    """A checked mapping: field name -> value, remembering where it and each value stood."""

    def __init__(self, values: dict[str, Any], loc: Loc, locs: dict[str, Loc]):
        super().__init__(values)
        self.loc = loc
        self.locs = locs
