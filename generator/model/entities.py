"""The linked model templates receive: resolved objects, never ids.

Built once by link.py and not changed afterwards. Backlinks (who mentions whom, what a
source is cited for) are fields like any other, so templates never search.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, Protocol, TypeVar

from ..content.values import Loc, PartialDate


class Placed(Protocol):
    """What knows where a citation stood and makes the Locs when asked (a checked mapping, values.Fields)."""

    @property
    def loc(self) -> Loc: ...

    @property
    def locs(self) -> Mapping[str, Loc]: ...


class Position:
    """Where a citation and its fields stood, made into Locs only when asked: kept as the
    checked citation, which holds the parser's marks.

    It pickles as nothing, as the render cache's fingerprints take a Loc (site/incremental.py):
    no page shows where a value stood, an edit moves the lines of every value below it, and the
    marks are not the model's to serialise."""

    __slots__ = ("_placed",)

    def __init__(self, placed: Placed):
        self._placed = placed

    @property
    def loc(self) -> Loc:
        return self._placed.loc

    @property
    def locs(self) -> Mapping[str, Loc]:
        return self._placed.locs

    def __reduce__(self) -> tuple:
        return tuple, ()


@dataclass(frozen=True, eq=False)
class Citation:
    source: Source
    quote: str | None
    note: str | None
    via: Source | None  # the source relayed here: the statement's origin
    # Where the citation stood: its Loc, or the checked citation, which makes one only when a
    # diagnostic asks (loc, quote_loc below): at 10,000 entities, 60,000 Locs never made.
    at: Loc | Position
    quote_at: Loc | None  # where its quote stood, when given as a Loc; else found from `at`
    words: str | None = None  # whose words the quote is (vocab.WORDS); None without a quote

    @property
    def loc(self) -> Loc:
        """Where the citation stood."""
        return self.at if isinstance(self.at, Loc) else self.at.loc

    @property
    def quote_loc(self) -> Loc:
        """Where its quote stood (where the citation stood, for a citation without one)."""
        if self.quote_at is not None:
            return self.quote_at
        if isinstance(self.at, Loc):
            return self.at
        return self.at.locs.get("quote", self.at.loc)

    @property
    def origins(self) -> tuple[Source, ...]:
        """Where the statement ultimately comes from: the relayed source's origins, or the cited source itself."""
        return self.via.origins if self.via is not None else (self.source,)


@dataclass(frozen=True, eq=False)
class EntityLink:
    entity: Entity
    label: str | None

    @property
    def text(self) -> str:
        return self.label or self.entity.label


Segment = str | EntityLink


@dataclass(frozen=True, eq=False)
class Text:
    """Editor prose: paragraphs of plain strings and links to entities."""

    paragraphs: tuple[tuple[Segment, ...], ...]

    def plain(self) -> str:
        return "\n\n".join("".join(s if isinstance(s, str) else s.text for s in p) for p in self.paragraphs)


@dataclass(frozen=True, eq=False)
class CitedText:
    text: Text
    cite: tuple[Citation, ...]


T = TypeVar("T")
E = TypeVar("E", bound="Entity")


def linked(value: T | None, what: str) -> T:
    """A field that linking always sets in a model it returns (a required field, or a required
    reference that resolved: link.link returns None otherwise). The kinds declare such fields
    optional only because an entity is made empty and filled in once every entity exists."""
    assert value is not None, f"{what} is unset: the model was not built by link.link"
    return value


# repr=False here and on every kind: a subclass's generated repr would replace Entity's.
@dataclass(eq=False, repr=False)
class Entity:
    KIND = ""
    _frozen = (
        False  # a class default, so the check below is a plain lookup (linking sets 270,000 fields at 10,000 entities)
    )
    id: str
    file: str
    # Where each field stood, for late diagnostics: linking passes the checked fields' own
    # mapping, which makes a Loc only for a field looked up.
    locs: Mapping[str, Loc] = field(default_factory=dict, repr=False)

    def __setattr__(self, name, value):
        if self._frozen:
            raise AttributeError(f"{type(self).__name__} is immutable once linked")
        object.__setattr__(self, name, value)

    @classmethod
    def blank(cls: type[E], id: str, file: str, locs: Mapping[str, Loc], **values: Any) -> E:
        """An entity with `values` set and every other field at its default, for linking to fill in.

        The same as cls(id=id, file=file, locs=locs, **values), without the generated __init__'s
        call to __setattr__ per field (170,000 of them at 10,000 entities). Fields are set one by
        one in their order, as __init__ sets them, not by updating __dict__: an instance whose
        __dict__ is made by hand loses the compact layout, and every page reads its attributes."""
        entity = object.__new__(cls)
        given = {"id": id, "file": file, "locs": locs, **values}
        set_field = object.__setattr__
        for name, default, factory in _field_defaults(cls):
            set_field(entity, name, given[name] if name in given else default if factory is None else factory())
        return entity

    def fill(self, **values: Any) -> None:
        """Set fields while linking, several in one call (a __setattr__ per field adds up at
        10,000 entities); refused once frozen, as setting one field is."""
        if self._frozen:
            raise AttributeError(f"{type(self).__name__} is immutable once linked")
        set_field = object.__setattr__
        for name, value in values.items():
            set_field(self, name, value)

    def freeze(self) -> None:
        object.__setattr__(self, "_frozen", True)

    def __repr__(self) -> str:
        # The generated repr would walk every backlink: minutes for a failing test to print.
        return f"<{type(self).__name__} {self.id}>"

    @property
    def label(self) -> str:
        raise NotImplementedError

    @property
    def kind_singular(self) -> str:
        return self.KIND[:-1]


# kind -> (name, default, default factory) of each of its fields, in order; worked out on a kind's first blank().
_FIELD_DEFAULTS: dict[type, tuple[tuple[str, Any, Any], ...]] = {}


def _field_defaults(cls: type) -> tuple[tuple[str, Any, Any], ...]:
    if cls not in _FIELD_DEFAULTS:
        _FIELD_DEFAULTS[cls] = tuple(
            (f.name, f.default, None if f.default_factory is MISSING else f.default_factory) for f in fields(cls)
        )
    return _FIELD_DEFAULTS[cls]


@dataclass(frozen=True, eq=False)
class Affiliation:
    relation: str
    actor: Actor
    title: str | None
    since: PartialDate | None
    until: PartialDate | None
    as_of: PartialDate | None
    cite: tuple[Citation, ...]


@dataclass(frozen=True, eq=False)
class Participant:
    actor: Actor
    role: str
    claim: Claim | None
    note: str | None
    cite: tuple[Citation, ...]


# How a figure reads: the number words and the nouns for "none reported".
_QUALIFIER_WORDS = {"exactly": "", "at-least": "at least ", "more-than": "more than ", "about": "about "}
_NONE_REPORTED = {"killed": "No deaths", "died": "No deaths", "injured": "No injuries"}


@dataclass(frozen=True, eq=False)
class Casualty:
    """One casualty figure with the source's precision: killed by the violence, died in
    connection with it, or injured; stated, passed on as 'reportedly', or none reported
    (then there is no count: none reported is not zero)."""

    kind: str
    count: int | None
    qualifier: str | None  # None when none are reported
    reported: str
    who: str | None
    cause: str | None
    note: str | None
    cite: tuple[Citation, ...]

    @property
    def statement(self) -> str:
        """The figure as one plain-text sentence in the source's terms, without the note:
        '1 died: US contractor, after suffering from a cardiac episode ...',
        'No injuries reported as a direct result of rocket impacts',
        'Reportedly more than 100 injured: US troops, suffering traumatic brain injuries (TBIs)'."""
        if self.reported == "none":
            text = f"{_NONE_REPORTED[self.kind]} reported"
        elif self.count == 0 and self.qualifier == "exactly":
            text = f"None {self.kind}"
        else:
            text = f"{_QUALIFIER_WORDS[self.qualifier or 'exactly']}{self.count} {self.kind}"
        if self.reported == "reportedly":
            text = "reportedly " + text
        if self.who:
            text += f": {self.who}"
        if self.cause:
            text += (", " if self.who else " ") + self.cause
        return text[0].upper() + text[1:]


@dataclass(frozen=True, eq=False)
class Related:
    relation: str
    event: Event
    cite: tuple[Citation, ...]


@dataclass(frozen=True, eq=False)
class Stance:
    actor: Actor
    position: str
    date: PartialDate | None
    note: str | None
    cite: tuple[Citation, ...]


@dataclass(frozen=True, eq=False)
class Assessment:
    verdict: str
    reason: Text
    cite: tuple[Citation, ...]


class Owner(Protocol):
    """What a citation is made on: an entity, or a page that stands for the site's own text
    (the front page's lede and answers, the about page's scope: build.SITE_OWNER, ABOUT_OWNER)."""

    @property
    def KIND(self) -> str: ...  # noqa: N802 (the name Entity and the stand-ins give it)

    @property
    def id(self) -> str: ...

    @property
    def label(self) -> str: ...


@dataclass(frozen=True, eq=False)
class Use:
    """One place a source is cited: on which entity or page, for what, with which citation."""

    entity: Entity | Owner
    what: str
    citation: Citation


@dataclass(eq=False, repr=False)
class Actor(Entity):
    KIND = "actors"
    name: str = ""
    kind: str = ""
    aliases: tuple[str, ...] = ()
    same_as: tuple[Actor, ...] = ()  # as declared in this actor's file
    summary: CitedText | None = None
    affiliations: tuple[Affiliation, ...] = ()
    # backlinks
    affiliated: tuple[tuple[Actor, Affiliation], ...] = ()  # other actors' affiliations naming this one
    participations: tuple[tuple[Event, Participant], ...] = ()
    stances: tuple[tuple[Claim, Stance], ...] = ()
    published: tuple[Source, ...] = ()
    authored: tuple[Source, ...] = ()
    claims_about: tuple[Claim, ...] = ()
    mentioned_in: tuple[Entity, ...] = ()
    # derived: every entry that may be the same people (same_as, both ways, transitively), itself included, by id
    same_group: tuple[Actor, ...] = ()

    @property
    def label(self) -> str:
        return self.name

    @property
    def identity(self) -> str:
        """One key for all entries that may be the same people: count actors by this, never by entry."""
        return self.same_group[0].id if self.same_group else self.id


@dataclass(eq=False, repr=False)
class Event(Entity):
    KIND = "events"
    title: str = ""
    date: PartialDate | None = None
    approximate: bool = False
    end_date: PartialDate | None = None
    place: str | None = None
    kind: str = ""
    summary: CitedText | None = None
    participants: tuple[Participant, ...] = ()
    casualties: tuple[Casualty, ...] = ()
    related: tuple[Related, ...] = ()
    # backlinks
    related_from: tuple[tuple[Event, Related], ...] = ()
    claims_about: tuple[Claim, ...] = ()
    mentioned_in: tuple[Entity, ...] = ()

    @property
    def label(self) -> str:
        return self.title


@dataclass(eq=False, repr=False)
class Claim(Entity):
    KIND = "claims"
    proposition: str = ""
    about: tuple[Entity, ...] = ()
    stances: tuple[Stance, ...] = ()
    assessment: Assessment | None = None
    # derived
    status: str = ""
    sources: tuple[Source, ...] = ()  # every source cited for a stance
    origins: tuple[Source, ...] = ()  # independent origins behind those sources
    # backlinks
    alleged_in: tuple[tuple[Event, Participant], ...] = ()
    mentioned_in: tuple[Entity, ...] = ()

    @property
    def label(self) -> str:
        return self.proposition


@dataclass(eq=False, repr=False)
class Source(Entity):
    KIND = "sources"
    title: str = ""
    publisher: Actor | None = None
    authors: tuple[Actor, ...] = ()
    published: PartialDate | None = None
    kind: str = ""
    access: str = ""
    url: str | None = None
    archived_url: str | None = None
    archived_text: str | None = None
    cites: tuple[Source, ...] = ()
    summary: CitedText | None = None  # what it says, in the editors' words, cited
    # derived and backlinks
    cited_by: tuple[Source, ...] = ()
    origins: tuple[
        Source, ...
    ] = ()  # where the information it relays ultimately comes from (itself if it relays nothing)
    uses: tuple[Use, ...] = ()
    mentioned_in: tuple[Entity, ...] = ()

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, eq=False)
class Question:
    question: str
    answer: Text
    cite: tuple[Citation, ...]


@dataclass(frozen=True, eq=False)
class Site:
    title: str
    lede: CitedText
    featured_event: Event
    questions: tuple[Question, ...]
    as_of: PartialDate | None = None  # required in site.yaml; None only for a model built by hand
    scope: CitedText | None = None


@dataclass(frozen=True, eq=False)
class Model:
    site: Site
    actors: tuple[Actor, ...]
    events: tuple[Event, ...]
    claims: tuple[Claim, ...]
    sources: tuple[Source, ...]
    by_id: dict[str, Entity] = field(repr=False, default_factory=dict)

    def all(self) -> tuple[Entity, ...]:
        return self.actors + self.events + self.claims + self.sources
