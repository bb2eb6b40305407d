"""Backlinks: what refers to an entity, as fields of the entity, so templates never search.

One table says which field of which kind makes which backlink and in what order; a new
backlink is a row here and an attribute on the entity (entities.py). Two kinds of backlink
come from no field but from linking itself: where an entity's prose mentions another
(`mentioned_in`) and where a source is cited (`uses`), recorded by the Resolver.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from . import entities as m
from .timeline import order_events

When = dict[m.Event, int]  # an event's place on the timeline
Order = Callable[[When, m.Entity, Any], Any]  # (when, the referring entity, its item) -> sort key


def _by_id(when: When, referrer: m.Entity, item: Any) -> Any:
    return referrer.id


def _in_time(when: When, referrer: Any, item: Any) -> Any:
    return when[referrer]


def _in_time_then_relation(when: When, referrer: Any, item: Any) -> Any:
    return when[referrer], item.relation


@dataclass(frozen=True)
class Backlink:
    """Entities of `kind` refer to others through `field`: either directly (`ref` None: the
    field holds the entities referred to, one or a tuple) or through its items' attribute
    `ref` (the field holds Participants, Stances...). Each entity referred to gets, as its
    attribute `backlink`, the referring entities (or (entity, item) pairs when `ref` is set),
    sorted by `order`; ties keep the order of the content (entities by id, items as written)."""

    kind: type[m.Entity]
    field: str
    ref: str | None
    backlink: str
    order: Order


BACKLINKS = (
    Backlink(m.Actor, "affiliations", "actor", "affiliated", _by_id),  # (actor, affiliation) naming an actor
    Backlink(m.Event, "participants", "actor", "participations", _in_time),  # (event, participant), in time
    Backlink(m.Event, "participants", "claim", "alleged_in", _by_id),  # (event, participant) a claim alleges
    Backlink(m.Event, "related", "event", "related_from", _in_time_then_relation),  # (event, related)
    Backlink(m.Claim, "stances", "actor", "stances", _by_id),  # (claim, stance) an actor took
    Backlink(m.Claim, "about", None, "claims_about", _by_id),  # claims about an event or an actor
    Backlink(m.Source, "publisher", None, "published", _by_id),
    Backlink(m.Source, "authors", None, "authored", _by_id),
    Backlink(m.Source, "cites", None, "cited_by", _by_id),  # sources relaying a source
)


def set_backlinks(
    ents: list[m.Entity], mentions: dict[m.Entity, list[m.Entity]], uses: dict[m.Source, list[m.Use]]
) -> None:
    """Set every backlink of BACKLINKS, and `mentioned_in` (by id) and `uses` (in the order
    the citations were made) from what the Resolver recorded."""
    when = {e: i for i, e in enumerate(order_events(e for e in ents if isinstance(e, m.Event) and e.date is not None))}
    of_kind: defaultdict[type, list[m.Entity]] = defaultdict(list)  # each backlink reads one kind's entities
    for e in ents:
        of_kind[type(e)].append(e)
    for b in BACKLINKS:
        found: defaultdict[m.Entity, list[tuple[Any, Any]]] = defaultdict(list)
        for referrer, item, target in _references(b, of_kind[b.kind]):
            found[target].append((b.order(when, referrer, item), referrer if b.ref is None else (referrer, item)))
        for target, entries in found.items():
            target.fill(**{b.backlink: tuple(entry for _, entry in sorted(entries, key=lambda t: t[0]))})
    for e in ents:
        mentioned_in = tuple(sorted(mentions[e], key=lambda x: x.id))
        if isinstance(e, m.Source):
            e.fill(mentioned_in=mentioned_in, uses=tuple(uses[e]))
        else:
            e.fill(mentioned_in=mentioned_in)


def _references(b: Backlink, ents: Iterable[m.Entity]) -> Iterable[tuple[m.Entity, Any, m.Entity]]:
    """(referring entity, item, entity referred to) for each reference `b` follows (`ents`: of b.kind)."""
    for e in ents:
        value = getattr(e, b.field)
        for item in value if isinstance(value, tuple) else (value,):
            target = item if b.ref is None else getattr(item, b.ref)
            if target is not None:
                yield e, item, target
