"""How an open-data table is declared: its columns (name, description, type, allowed values,
the table a column refers to), where its rows come from in the model, and how each cell is taken
from a row. datatables.py declares the tables with these; data.py writes any of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from ..content.values import PartialDate
from ..model import entities as m

PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"

Url = Callable[[m.Entity], str]


@dataclass(frozen=True)
class Column:
    """One column: its name and description in datapackage.json, and `value`, which takes the
    column's value from one row of the table's `rows` (None: an empty cell)."""

    name: str
    description: str
    value: Callable[[Any], Any]
    type: str = "string"
    required: bool = False
    enum: Iterable[str] | None = None
    pattern: str | None = None
    ref: str | None = None  # the table whose `id` this column names: a foreign key

    def field(self) -> dict:
        """The column as a Frictionless field descriptor."""
        f: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        constraints: dict[str, Any] = {}
        if self.required:
            constraints["required"] = True
        if self.enum is not None:
            constraints["enum"] = list(self.enum)
        if self.pattern is not None:
            constraints["pattern"] = self.pattern
        if constraints:
            f["constraints"] = constraints
        return f


def date(name: str, description: str, value: Callable[[Any], PartialDate | None], required: bool = False) -> Column:
    """A column of partial dates, written as precisely as the sources give them."""
    return Column(
        name,
        description + " (YYYY, YYYY-MM or YYYY-MM-DD: as precise as the sources allow)",
        lambda row: iso(value(row)),
        required=required,
        pattern=PARTIAL_DATE,
    )


def iso(d: PartialDate | None) -> str | None:
    """A partial date as YYYY, YYYY-MM or YYYY-MM-DD; None for none."""
    return d.iso() if d is not None else None


@dataclass(frozen=True)
class TableSpec:
    """One table: `rows` yields its rows from the model (and the page addresses), `columns`
    takes each cell from a row; `key` is the primary key."""

    name: str
    title: str
    rows: Callable[[m.Model, Url], Iterable[Any]]
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ("id",)

    def schema(self) -> dict:
        """The table's schema in datapackage.json: fields, primary key and foreign keys."""
        schema: dict[str, Any] = {
            "fields": [c.field() for c in self.columns],
            "primaryKey": list(self.key),
            "missingValues": [""],
        }
        refs = [c for c in self.columns if c.ref]
        if refs:
            schema["foreignKeys"] = [
                {"fields": [c.name], "reference": {"resource": c.ref, "fields": ["id"]}} for c in refs
            ]
        return schema


# --- rows ------------------------------------------------------------------------------


class Part(NamedTuple):
    """One item of an entity's list (an affiliation, a stance ...), with its row id."""

    owner: Any
    key: str
    item: Any


class Pair(NamedTuple):
    """An entity and another it names (a claim and what it is about, a source and an author)."""

    owner: Any
    other: Any


@dataclass(frozen=True)
class Parts:
    """A list that entities of one kind hold, as a table of its own."""

    word: str  # in the row id: <owner id>/<word>/<n>
    cited_as: str  # the citations table's `part` for a citation of one of them
    items: Callable[[Any], Sequence[Any]]

    def of(self, owners: Iterable[Any]) -> Iterator[Part]:
        for owner in owners:
            for n, item in enumerate(self.items(owner), 1):
                yield Part(owner, f"{owner.id}/{self.word}/{n}", item)
