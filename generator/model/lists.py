"""Lists that stay a readable length: a hub actor's long lists a year per page, the most
contested claims, and the relationships page's text list a month (or a letter) per page.
Keys are years, months and letters, so a page's address never moves as content grows.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from . import entities as m
from .matrix import claim_event
from .statements import Route
from .timeline import TIMELINE_PAGE_LIMIT, month_key, timeline_events

LIST_LIMIT = 50  # entries a list shows on a page before it links to the whole list
ACTOR_LISTS = {"events": "participations", "positions": "stances", "claims": "claims_about"}
ACTOR_LIST_TITLES = {"events": "events", "positions": "positions on claims", "claims": "claims about it"}


@dataclass(frozen=True, eq=False)
class ListPart:
    """One year of a hub actor's long list, on a page of its own."""

    key: str  # "2021" or "undated"
    path: str  # actors/<id>--events--2021.md ('--' keeps it apart from every entity page)
    items: tuple


def _year_of_claim(claim: m.Claim) -> str:
    event = claim_event(claim)
    return str(m.linked(event.date, "event date").year) if event is not None else "undated"


_LIST_YEAR = {
    "events": lambda item: str(item[0].date.year),  # (event, participation)
    "positions": lambda item: _year_of_claim(item[0]),  # (claim, stance): the year of the claim's event
    "claims": _year_of_claim,
}


def long_lists(actor: m.Actor) -> dict[str, list[ListPart]]:
    """The lists of an actor's page too long to show whole (more than LIST_LIMIT entries):
    name -> the whole list split by year, a page per year, so that no page grows with the
    explainer and a year's address never moves."""
    out = {}
    for name, attr in ACTOR_LISTS.items():
        items = getattr(actor, attr)
        if len(items) <= LIST_LIMIT:
            continue
        years: dict[str, list] = defaultdict(list)
        for item in items:
            years[_LIST_YEAR[name](item)].append(item)
        keys = sorted(years, key=lambda k: (k == "undated", k))
        out[name] = [ListPart(k, f"actors/{actor.id}--{name}--{k}.md", tuple(years[k])) for k in keys]
    return out


def most_contested(claims: list[m.Claim], limit: int = LIST_LIMIT) -> list[m.Claim]:
    """The `limit` claims on which most positions are taken (ties by id), in their given order."""
    keep = set(heapq.nsmallest(limit, claims, key=lambda c: (-len(c.stances), c.id)))
    return [c for c in claims if c in keep]


@dataclass(frozen=True, eq=False)
class RelationsPart:
    """One page of the relationships page's text list, once it is too long for one page: a
    month (roles in events of that month, statements in sources published then) or a letter
    (the affiliations of actors whose names begin with it)."""

    key: str  # "2021-03", "2021" (dates known to the year), "undated", or "a"
    label: str  # "March 2021", "A"
    path: str
    events: tuple[m.Event, ...] = ()
    routes: tuple[Route, ...] = ()
    affiliated: tuple[m.Actor, ...] = ()


def relationship_parts(model: m.Model, routes: list[Route]) -> list[RelationsPart]:
    """[] while the text list fits one page (at most TIMELINE_PAGE_LIMIT events); beyond, the
    affiliations a page per initial (relationships/affiliations-a.md) and roles and statements
    a page per month (relationships/2021-03.md). Keys are letters and months, so pages never
    renumber; the folder holds no entities."""
    if len(model.events) <= TIMELINE_PAGE_LIMIT:
        return []
    letters: dict[str, list[m.Actor]] = defaultdict(list)
    for a in sorted((a for a in model.actors if a.affiliations), key=lambda a: (a.name.casefold(), a.id)):
        first = a.name[:1].casefold()
        letters[first if "a" <= first <= "z" else "other"].append(a)
    parts = [
        RelationsPart(
            k, k.upper() if k != "other" else "Other", f"relationships/affiliations-{k}.md", affiliated=tuple(v)
        )
        for k, v in sorted(letters.items(), key=lambda kv: (kv[0] == "other", kv[0]))
    ]
    events: dict[tuple[str, str], list[m.Event]] = defaultdict(list)
    for e in timeline_events(model):
        if e.participants:
            events[month_key(e.date)].append(e)
    by_month: dict[tuple[str, str], list[Route]] = defaultdict(list)
    for r in routes:
        by_month[month_key(r.source.published)].append(r)
    for key in sorted(set(events) | set(by_month), key=lambda k: (k[0] == "undated", k[0])):
        parts.append(
            RelationsPart(
                key[0], key[1], f"relationships/{key[0]}.md", tuple(events.get(key, ())), tuple(by_month.get(key, ()))
            )
        )
    return parts


def parts_by_year(parts: list[RelationsPart]) -> list[tuple[str, list[RelationsPart]]]:
    """Month parts grouped under their year, for the index's list ("Date unknown" last)."""
    years: dict[str, list[RelationsPart]] = {}
    for p in parts:
        years.setdefault("Date unknown" if p.key == "undated" else p.key[:4], []).append(p)
    return list(years.items())
