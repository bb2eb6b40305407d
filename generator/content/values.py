"""The values checking produces: where a value stood (Loc), dates with their precision, references
to other entities, text with links (Prose), checked mappings (Fields), and the four kinds of
entity. The model and the pages read these. Where a value stood is kept as the parser's mark and
made a Loc only when asked for (a diagnostic): most values never get one.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

KINDS = ("actors", "events", "claims", "sources")
KIND_SINGULAR = {"actors": "actor", "events": "event", "claims": "claim", "sources": "source"}


class Loc(NamedTuple):
    """Where a value stood: file, 1-based line and column, and its path in the file."""

    file: str
    line: int
    col: int
    path: str


class Mark(Protocol):
    """Where the parser saw a node (yaml.error.Mark, or libyaml's), 0-based."""

    line: int
    column: int


_new_loc = tuple.__new__  # Loc(...) without the Python __new__ a named tuple adds: half the time


def loc_at(file: str, mark: Mark, path: str) -> Loc:
    """The Loc of the value whose node starts at `mark`.

    Check keeps the parser's marks, and a value's Loc is made only when something asks where
    it stood, which is to say for a diagnostic: most values never get one."""
    return _new_loc(Loc, (file, mark.line + 1, mark.column + 1, path))


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


class _Placed:
    """A value that knows where it stood, as the parser's mark; its Loc is made when asked for."""

    __slots__ = ("_file", "_mark", "_path")

    def __init__(self, file: str, mark: Mark, path: str):
        self._file = file
        self._mark = mark
        self._path = path

    @property
    def loc(self) -> Loc:
        return loc_at(self._file, self._mark, self._path)

    def _key(self) -> tuple:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"{type(self).__name__}{self._key()!r}"


class Ref(_Placed):
    """The id of another entity, and the kinds it may name; resolved (and reported when dangling)
    in model/link.py."""

    __slots__ = ("id", "kinds")

    def __init__(self, id: str, kinds: tuple[str, ...], file: str, mark: Mark, path: str):
        self.id = id
        self.kinds = kinds
        self._file, self._mark, self._path = file, mark, path  # not super().__init__: one is made per reference

    def _key(self) -> tuple:
        return (self.id, self.kinds, self.loc)


class ProseRef(_Placed):
    """A [[id]] or [[id|label]] link inside prose."""

    __slots__ = ("id", "label")

    def __init__(self, id: str, label: str | None, file: str, mark: Mark, path: str):
        self.id = id
        self.label = label
        self._file, self._mark, self._path = file, mark, path

    def _key(self) -> tuple:
        return (self.id, self.label, self.loc)


@dataclass(frozen=True)
class Prose:
    """Plain text in paragraphs; each paragraph a tuple of str and ProseRef segments."""

    paragraphs: tuple[tuple[str | ProseRef, ...], ...]

    def refs(self) -> list[ProseRef]:
        return [s for p in self.paragraphs for s in p if isinstance(s, ProseRef)]

    def plain(self) -> str:
        return "\n\n".join("".join(s if isinstance(s, str) else (s.label or s.id) for s in p) for p in self.paragraphs)


class Fields(dict):
    """A checked mapping: field name -> value, remembering where it and each value stood.

    Check makes it with `Fields.read`, from the parser's marks: `loc` and the Locs in `locs`
    are made only when asked for. Made directly, it holds the Locs it is given."""

    __slots__ = ("_loc", "_locs", "_at")  # no __dict__ per mapping: check makes 70,000 at 10,000 entities

    def __init__(self, values: dict[str, Any], loc: Loc | None, locs: Mapping[str, Loc] | None, at: tuple = ()):
        super().__init__(values)
        self._loc = loc
        self._locs = locs
        self._at = at  # (file, the mapping's mark, its path, each value's mark, shorthand?)

    @classmethod
    def filling(cls) -> Fields:
        """Empty fields for the walk to fill in place (no copy of a finished dict), then to
        place with `_at` as `read` would."""
        fields = dict.__new__(cls)
        fields._loc = fields._locs = None
        fields._at = ()
        return fields

    @classmethod
    def read(
        cls, values: dict[str, Any], file: str, mark: Mark, path: str, marks: dict[str, Mark], shorthand: bool = False
    ) -> Fields:
        """Fields checked from a mapping at `mark` (or, `shorthand`, from a scalar standing for its one field)."""
        return cls(values, None, None, (file, mark, path, marks, shorthand))

    @property
    def loc(self) -> Loc:
        if self._loc is None:
            file, mark, path, _, _ = self._at
            self._loc = loc_at(file, mark, path)
        return self._loc

    @property
    def locs(self) -> Mapping[str, Loc]:
        if self._locs is None:
            self._locs = _MarkedLocs(*self._at)
        return self._locs


class _MarkedLocs(Mapping[str, Loc]):
    """Each field's Loc, made from its value's mark when looked up."""

    __slots__ = ("_file", "_path", "_marks", "_shorthand")

    def __init__(self, file: str, mark: Mark, path: str, marks: dict[str, Mark], shorthand: bool):
        self._file = file
        self._path = path
        self._marks = marks
        self._shorthand = shorthand  # the field a scalar stood for stood where the mapping would

    def __getitem__(self, name: str) -> Loc:
        mark = self._marks[name]
        path = self._path if self._shorthand else f"{self._path}.{name}" if self._path else name
        return loc_at(self._file, mark, path)

    def get(self, name: str, default: Any = None) -> Any:  # Mapping's goes through a KeyError
        return self[name] if name in self._marks else default

    def __contains__(self, name: object) -> bool:
        return name in self._marks

    def __iter__(self) -> Iterator[str]:
        return iter(self._marks)

    def __len__(self) -> int:
        return len(self._marks)
