"""How each object of the content schema becomes a dataclass of the model: the builders' table.

A plain field (text, date, enum, url, a count, a flag, a list of those) is copied by name from
the checked fields to the dataclass attribute of the same name, so it needs no code here or in
the builders. A field the builders turn into something else (a resolved reference, linked
prose, an object of its own) is listed in its shape's `linked`, with what it becomes; the
builders in build.py make it. tests/test_field_reach.py holds every field of the schema to one
or the other, and to the JSON Schema and the editors' field reference.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

# The one place the model reads the schema's definitions: the kinds, site.yaml, and the objects
# inside them, reached through their fields.
from ..content.obj import Obj
from ..content.schema import ENTITY_SPECS, SITE
from ..content.values import Fields
from . import entities as m


def part(spec: Obj, name: str) -> Obj:
    """The object a field of `spec` holds (the item of a list of objects)."""
    kind = spec.fields[name].type
    inner = getattr(kind, "item", kind)
    assert isinstance(inner, Obj), f"{spec.title}.{name} holds no object"
    return inner


@dataclass(frozen=True)
class Shape:
    """One object of the schema (`spec`) and the model's dataclass it becomes (`cls`)."""

    spec: Obj
    cls: type
    linked: Mapping[str, str]  # field -> what the builders make of it (so it is not copied as it is)
    plain: tuple[str, ...] = field(init=False)  # every other field: copied by name
    defaults: Mapping[str, Any] = field(init=False)  # a plain field left out gets the dataclass's default
    lists: frozenset[str] = field(init=False)  # plain fields holding a list: the model holds a tuple

    def __post_init__(self) -> None:
        plain = tuple(name for name in self.spec.fields if name not in self.linked)
        attrs = {f.name: f for f in dataclasses.fields(self.cls)}
        defaults = {name: _default(attrs[name]) if name in attrs else None for name in plain}
        lists = frozenset(name for name in plain if hasattr(self.spec.fields[name].type, "item"))
        object.__setattr__(self, "plain", plain)
        object.__setattr__(self, "defaults", defaults)
        object.__setattr__(self, "lists", lists)

    def values(self, checked: Fields) -> dict[str, Any]:
        """The plain fields as the model holds them, by attribute name (linking makes thousands
        of these: one loop, no call per field)."""
        out = dict(self.defaults)
        for name in self.plain:
            if name in checked:
                out[name] = tuple(checked[name]) if name in self.lists else checked[name]
        return out

    def copy(self, entity: m.Entity, checked: Fields) -> None:
        """Set an entity's plain fields from its checked fields (one left out keeps its default)."""
        lists = self.lists
        entity.fill(
            **{name: tuple(checked[name]) if name in lists else checked[name] for name in self.plain if name in checked}
        )


def _default(attr: dataclasses.Field) -> Any:
    if attr.default is not dataclasses.MISSING:
        return attr.default
    if attr.default_factory is not dataclasses.MISSING:
        return attr.default_factory()
    return None  # a frozen part's optional field without a default (Affiliation.title): absent is None


_MADE = "the entity's id: set when the entity is made, before any field is linked"
_CITE = "the citations: each source (and 'via') resolved, each use recorded on the source"

ACTOR = Shape(
    ENTITY_SPECS["actors"],
    m.Actor,
    {
        "id": _MADE,
        "same_as": "the actor entries named, resolved",
        "summary": "a CitedText: the prose linked, the citations resolved",
        "affiliations": "an Affiliation each, its actor resolved",
    },
)
AFFILIATION = Shape(part(ACTOR.spec, "affiliations"), m.Affiliation, {"actor": "the actor, resolved", "cite": _CITE})
CITED_TEXT = Shape(part(ACTOR.spec, "summary"), m.CitedText, {"text": "the prose, linked", "cite": _CITE})
CITATION = Shape(
    part(CITED_TEXT.spec, "cite"),
    m.Citation,
    {
        "source": "the source, resolved",
        "via": "the relayed source, resolved (and checked against the source's 'cites')",
        "words": "whose words the quote is: 'reporter' unless set, and None without a quote",
    },
)

EVENT = Shape(
    ENTITY_SPECS["events"],
    m.Event,
    {
        "id": _MADE,
        "summary": "a CitedText: the prose linked, the citations resolved",
        "participants": "a Participant each, its actor (and claim) resolved",
        "casualties": "a Casualty each, cited",
        "related": "a Related each, its event resolved",
    },
)
PARTICIPANT = Shape(
    part(EVENT.spec, "participants"),
    m.Participant,
    {"actor": "the actor, resolved", "claim": "the claim alleging the role, resolved", "cite": _CITE},
)
# 'reported' and 'qualifier' are copied, with defaults that depend on each other (build.casualty).
CASUALTY = Shape(part(EVENT.spec, "casualties"), m.Casualty, {"cite": _CITE})
RELATED = Shape(part(EVENT.spec, "related"), m.Related, {"event": "the other event, resolved", "cite": _CITE})

CLAIM = Shape(
    ENTITY_SPECS["claims"],
    m.Claim,
    {
        "id": _MADE,
        "about": "the events and actors named, resolved",
        "stances": "a Stance each, its actor resolved (the claim's status is derived from them)",
        "assessment": "an Assessment: the reason linked, the citations resolved",
    },
)
STANCE = Shape(part(CLAIM.spec, "stances"), m.Stance, {"actor": "the actor, resolved", "cite": _CITE})
ASSESSMENT = Shape(part(CLAIM.spec, "assessment"), m.Assessment, {"reason": "the prose, linked", "cite": _CITE})

SOURCE = Shape(
    ENTITY_SPECS["sources"],
    m.Source,
    {
        "id": _MADE,
        "publisher": "the publishing actor, resolved",
        "authors": "the authors' actor entries, resolved",
        "cites": "the sources it relays, resolved: its reporting chain",
        "summary": "a CitedText: the prose linked, the citations resolved",
    },
)

SITE_SHAPE = Shape(
    SITE,
    m.Site,
    {
        "lede": "a CitedText on the front page",
        "scope": "a CitedText on the about page",
        "featured_event": "the event, resolved",
        "questions": "a Question each: the answer linked, the citations resolved",
    },
)
QUESTION = Shape(part(SITE, "questions"), m.Question, {"answer": "the prose, linked", "cite": _CITE})

KIND_SHAPES: dict[str, Shape] = {"actors": ACTOR, "events": EVENT, "claims": CLAIM, "sources": SOURCE}

# Every object of the schema, each once: what tests/test_field_reach.py walks.
SHAPES: tuple[Shape, ...] = (
    ACTOR,
    AFFILIATION,
    CITED_TEXT,
    CITATION,
    EVENT,
    PARTICIPANT,
    CASUALTY,
    RELATED,
    CLAIM,
    STANCE,
    ASSESSMENT,
    SOURCE,
    SITE_SHAPE,
    QUESTION,
)
