"""Long sections split by keys that do not move (generator/site/sections.py, lists.long_lists).

An entity's part is decided by its own data (its year, rating or kind), never by its rank in
a list, so adding entities only ever adds parts: no entity already listed changes page.
"""

from __future__ import annotations

from generator.content.values import PartialDate
from generator.model import entities as m
from generator.model.lists import LIST_LIMIT, long_lists
from generator.site.sections import INDEX_LIMIT, index_parts


def events(n: int) -> list[m.Event]:
    return [
        m.Event(id=f"event-{i}", file="", title=f"Event {i}", date=PartialDate(2010 + i % 7, 1 + i % 12), kind="attack")
        for i in range(n)
    ]


def where(parts) -> dict[str, str]:
    return {e.id: p.path for p in parts for e in p.entities}


def test_a_short_section_lists_every_entity_on_its_index():
    assert index_parts("events", events(INDEX_LIMIT)) == []


def test_a_long_section_goes_a_year_a_page_and_adding_events_moves_none():
    before = index_parts("events", events(INDEX_LIMIT + 1))
    assert [p.path for p in before] == [f"events/year--{y}.md" for y in range(2010, 2017)]
    assert [p.label for p in before] == [str(y) for y in range(2010, 2017)]
    assert sum(len(p.entities) for p in before) == INDEX_LIMIT + 1
    after = index_parts("events", events(3 * INDEX_LIMIT))
    moved = {e: (path, where(after)[e]) for e, path in where(before).items() if where(after)[e] != path}
    assert moved == {}


def test_a_hub_actors_long_list_goes_a_year_a_page():
    evs = events(LIST_LIMIT + 1)
    actor = m.Actor(id="hub", file="", name="Hub", kind="armed-group")
    object.__setattr__(actor, "participations", tuple((e, None) for e in evs))
    lists = long_lists(actor)
    assert list(lists) == ["events"]
    assert [p.path for p in lists["events"]] == [f"actors/hub--events--{y}.md" for y in range(2010, 2017)]
    assert sum(len(p.items) for p in lists["events"]) == len(evs)
