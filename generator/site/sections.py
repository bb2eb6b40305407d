"""Section indexes that stay a readable size: beyond a limit, one page per year or kind.

A section index (actors, events, claims, sources) lists every entity while the section is
short. Past INDEX_LIMIT entities it lists its parts instead, and each part has a page of its
own: events and sources by year, claims by rating, actors by kind. A part's address comes
from its key (a year, a word), never from a position in a list, so adding content never
moves a part to another address; parts only appear. Their file names hold "--", which no
entity id can (ids are slugs with single hyphens), so a part never takes an entity's page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..content.vocab import ACTOR_KINDS
from ..model.ratings import RATINGS, rating

INDEX_LIMIT = 200  # entities one section index lists itself; beyond, it lists its parts
UNDATED = "undated"


@dataclass(frozen=True, eq=False)
class Part:
    key: str  # what the address is made of: a year, a rating, a kind
    label: str  # how the part is named in headings and lists, e.g. "2021"
    path: str  # docs-relative Markdown path
    entities: tuple


def part_path(kind: str, axis: str, key: str) -> str:
    """e.g. events/year--2021.md: '--' keeps it apart from every entity page."""
    return f"{kind}/{axis}--{key}.md"


def _year(date) -> str:
    return str(date.year) if date is not None else UNDATED


def index_parts(kind: str, entities) -> list[Part]:
    """The parts of section `kind` ("actors", "events", ...), in reading order; [] while the
    section is short enough for its index to list every entity."""
    entities = list(entities)
    if len(entities) <= INDEX_LIMIT:
        return []
    if kind == "events":
        return _by(kind, "year", entities, lambda e: _year(e.date), None, reverse=False)
    if kind == "sources":  # newest first, as the list within each part
        return _by(kind, "year", entities, lambda s: _year(s.published), None, reverse=True)
    if kind == "claims":
        return _by(kind, "rated", entities, lambda c: rating(c)[0], list(RATINGS))
    if kind == "actors":
        return _by(kind, "kind", entities, lambda a: a.kind, list(ACTOR_KINDS))
    raise ValueError(f"no parts for {kind!r}")


def _by(kind: str, axis: str, entities: list, key_of, order: list[str] | None, reverse: bool = False) -> list[Part]:
    groups: dict[str, list] = {}
    for e in entities:
        groups.setdefault(key_of(e), []).append(e)
    if order is not None:
        keys = [k for k in order if k in groups]
    else:  # years in order, the undated last
        keys = sorted((k for k in groups if k != UNDATED), reverse=reverse) + ([UNDATED] if UNDATED in groups else [])
    return [Part(k, _label(axis, k), part_path(kind, axis, k.replace("_", "-")), tuple(groups[k])) for k in keys]


def _label(axis: str, key: str) -> str:
    if key == UNDATED:
        return "date unknown"
    if axis == "year":
        return key
    return key.replace("_", " ").replace("-", " ").capitalize()
