"""The open data's tables, declared (see tablespec.py): for each CSV table its columns and how
each value is taken from the model.

data.py writes every table from its spec with one function, and derives datapackage.json's
schema (fields, primary key, foreign keys) from the same specs, so a table and its description
cannot drift apart. A table's rows are in the model's order; a part's id (`actor-id/affiliation/2`)
is its owner's id, the part's word and its place in the owner's list, in every table that names it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from ..content.vocab import (
    ACCESS,
    ACTOR_KINDS,
    AFFILIATION_RELATIONS,
    CASUALTY_KINDS,
    CASUALTY_QUALIFIERS,
    CASUALTY_REPORTS,
    EVENT_KINDS,
    EVENT_RELATIONS,
    PARTICIPANT_ROLES,
    POSITIONS,
    SOURCE_KINDS,
    VERDICTS,
)
from ..model import entities as m
from ..model.ratings import STATUSES
from .tablespec import Column, Pair, Parts, TableSpec, Url, date

AFFILIATIONS = Parts("affiliation", "affiliation", lambda a: a.affiliations)
PARTICIPANTS = Parts("participant", "participant", lambda e: e.participants)
CASUALTIES = Parts("casualty", "casualty", lambda e: e.casualties)
RELATED = Parts("related", "event-relation", lambda e: e.related)
STANCES = Parts("stance", "stance", lambda c: c.stances)


class Cited(NamedTuple):
    """One row of the citations table."""

    n: int
    entity_id: str | None
    part: str
    part_id: str | None
    citation: m.Citation


def _statements(model: m.Model) -> Iterator[tuple[str | None, str, str | None, Sequence[m.Citation]]]:
    """(entity id, part, part id, citations) for every cited statement, entity by entity."""
    for a in model.actors:
        yield a.id, "summary", None, m.linked(a.summary, "an actor's summary").cite
        yield from ((a.id, AFFILIATIONS.cited_as, p.key, p.item.cite) for p in AFFILIATIONS.of([a]))
    for e in model.events:
        yield e.id, "summary", None, m.linked(e.summary, "an event's summary").cite
        for parts in (PARTICIPANTS, CASUALTIES, RELATED):
            yield from ((e.id, parts.cited_as, p.key, p.item.cite) for p in parts.of([e]))
    for c in model.claims:
        yield from ((c.id, STANCES.cited_as, p.key, p.item.cite) for p in STANCES.of([c]))
        if c.assessment:
            yield c.id, "assessment", None, c.assessment.cite
    for s in model.sources:
        if s.summary:
            yield s.id, "summary", None, s.summary.cite
    yield None, "lede", None, model.site.lede.cite
    for q in model.site.questions:
        yield None, "question", None, q.cite


def _citations(model: m.Model, url: Url) -> Iterator[Cited]:
    n = 0
    for entity_id, part, part_id, cites in _statements(model):
        for c in cites:
            n += 1
            yield Cited(n, entity_id, part, part_id, c)


def _summary(e: Any, what: str) -> str:
    return m.linked(e.summary, what).text.plain()


def _id(entity: Any) -> str | None:
    return entity.id if entity else None


# --- the tables --------------------------------------------------------------------------

ENTITIES = TableSpec(
    "entities",
    "Every actor, event, claim and source: its kind, label and page",
    lambda model, url: (Pair(e, url(e)) for e in model.all()),
    (
        Column("id", "Unique across all kinds", lambda r: r.owner.id, required=True),
        Column(
            "kind",
            "actor, event, claim or source",
            lambda r: r.owner.kind_singular,
            required=True,
            enum=["actor", "event", "claim", "source"],
        ),
        Column("label", "Name, title or proposition", lambda r: r.owner.label, required=True),
        Column("page", "The address of its page, relative to the site root", lambda r: r.other, required=True),
    ),
)
ACTORS = TableSpec(
    "actors",
    "People, groups, states and outlets",
    lambda model, url: model.actors,
    (
        Column("id", "Actor id", lambda a: a.id, required=True, ref="entities"),
        Column("name", "Name", lambda a: a.name, required=True),
        Column("kind", "Kind of actor", lambda a: a.kind, required=True, enum=ACTOR_KINDS),
        Column(
            "aliases",
            "Other spellings",
            lambda a: json.dumps(list(a.aliases), ensure_ascii=False) if a.aliases else None,
            "array",
        ),
        Column(
            "summary",
            "Who they are (plain text; citations in citations.csv)",
            lambda a: _summary(a, "an actor's summary"),
            required=True,
        ),
    ),
)
AFFILIATION_TABLE = TableSpec(
    "affiliations",
    "Actors' memberships, backers, offices and employers",
    lambda model, url: AFFILIATIONS.of(model.actors),
    (
        Column("id", "actor id/affiliation/n", lambda p: p.key, required=True),
        Column("actor_id", "The affiliated actor", lambda p: p.owner.id, required=True, ref="actors"),
        Column(
            "relation", "How it is affiliated", lambda p: p.item.relation, required=True, enum=AFFILIATION_RELATIONS
        ),
        Column(
            "other_actor_id", "The actor it is affiliated with", lambda p: p.item.actor.id, required=True, ref="actors"
        ),
        Column("title", "Title or office", lambda p: p.item.title),
        date("since", "Start", lambda p: p.item.since),
        date("until", "End", lambda p: p.item.until),
        date("as_of", "Known to hold on this date", lambda p: p.item.as_of),
    ),
)
EVENTS = TableSpec(
    "events",
    "Events, with dates as precise as the sources allow",
    lambda model, url: model.events,
    (
        Column("id", "Event id", lambda e: e.id, required=True, ref="entities"),
        Column("title", "Title", lambda e: e.title, required=True),
        date("date", "When", lambda e: e.date, required=True),
        Column("approximate", "The date is approximate", lambda e: e.approximate, "boolean", required=True),
        date("end_date", "When it ended", lambda e: e.end_date),
        Column("place", "Where", lambda e: e.place),
        Column("kind", "Kind of event", lambda e: e.kind, required=True, enum=EVENT_KINDS),
        Column(
            "summary",
            "What happened (plain text; citations in citations.csv)",
            lambda e: _summary(e, "an event's summary"),
            required=True,
        ),
    ),
)
PARTICIPANT_TABLE = TableSpec(
    "participants",
    "Actors' roles in events; a contested role names the claim alleging it",
    lambda model, url: PARTICIPANTS.of(model.events),
    (
        Column("id", "event id/participant/n", lambda p: p.key, required=True),
        Column("event_id", "The event", lambda p: p.owner.id, required=True, ref="events"),
        Column("actor_id", "The actor", lambda p: p.item.actor.id, required=True, ref="actors"),
        Column("role", "Its role", lambda p: p.item.role, required=True, enum=PARTICIPANT_ROLES),
        Column(
            "claim_id", "The claim alleging the role, when it is contested", lambda p: _id(p.item.claim), ref="claims"
        ),
        Column("note", "Editors' note", lambda p: p.item.note),
    ),
)
CASUALTY_TABLE = TableSpec(
    "casualties",
    "Casualty figures as the sources give them: killed, died or injured; none reported is not zero",
    lambda model, url: CASUALTIES.of(model.events),
    (
        Column("id", "event id/casualty/n", lambda p: p.key, required=True),
        Column("event_id", "The event", lambda p: p.owner.id, required=True, ref="events"),
        Column(
            "kind",
            "killed: by the violence; died: in connection with the event but not by its violence (see cause); injured",
            lambda p: p.item.kind,
            required=True,
            enum=CASUALTY_KINDS,
        ),
        Column(
            "reported",
            "stated: the source states the figure; reportedly: it passes the figure on as reported; "
            "none: it says none have been reported, and count is empty",
            lambda p: p.item.reported,
            required=True,
            enum=CASUALTY_REPORTS,
        ),
        Column(
            "count",
            "How many (empty when none are reported; 0 only when the source says there were none)",
            lambda p: p.item.count,
            "integer",
        ),
        Column(
            "qualifier",
            "How exact the count is (empty when none are reported)",
            lambda p: p.item.qualifier,
            enum=CASUALTY_QUALIFIERS,
        ),
        Column("who", "Who they were, as the source says", lambda p: p.item.who),
        Column("cause", "How, in the source's terms", lambda p: p.item.cause),
        Column("statement", "The figure as the event page words it", lambda p: p.item.statement, required=True),
        Column("note", "Editors' note", lambda p: p.item.note),
    ),
)
RELATION_TABLE = TableSpec(
    "event_relations",
    "How events relate to each other",
    lambda model, url: RELATED.of(model.events),
    (
        Column("id", "event id/related/n", lambda p: p.key, required=True),
        Column("event_id", "The event", lambda p: p.owner.id, required=True, ref="events"),
        Column("relation", "How it relates", lambda p: p.item.relation, required=True, enum=EVENT_RELATIONS),
        Column("other_event_id", "The other event", lambda p: p.item.event.id, required=True, ref="events"),
    ),
)
CLAIMS = TableSpec(
    "claims",
    "Claims, with the status derived from the actors' positions",
    lambda model, url: model.claims,
    (
        Column("id", "Claim id", lambda c: c.id, required=True, ref="entities"),
        Column("proposition", "The claim, as one sentence", lambda c: c.proposition, required=True),
        Column(
            "status",
            "Derived from the stances, not set by the editors",
            lambda c: c.status,
            required=True,
            enum=STATUSES,
        ),
        Column(
            "origins",
            "How many independent origins stand behind its stances",
            lambda c: len(c.origins),
            "integer",
            required=True,
        ),
        Column(
            "verdict",
            "The editors' assessment, if any",
            lambda c: c.assessment.verdict if c.assessment else None,
            enum=VERDICTS,
        ),
        Column("verdict_reason", "Why (plain text)", lambda c: c.assessment.reason.plain() if c.assessment else None),
    ),
)
CLAIM_ABOUT = TableSpec(
    "claim_about",
    "The events and actors each claim is about",
    lambda model, url: (Pair(c, x) for c in model.claims for x in c.about),
    (
        Column("claim_id", "The claim", lambda r: r.owner.id, required=True, ref="claims"),
        Column("entity_id", "An event or actor it is about", lambda r: r.other.id, required=True, ref="entities"),
    ),
    ("claim_id", "entity_id"),
)
STANCE_TABLE = TableSpec(
    "stances",
    "Who asserts, denies, doubts, reports or declines to attribute each claim",
    lambda model, url: STANCES.of(model.claims),
    (
        Column("id", "claim id/stance/n", lambda p: p.key, required=True),
        Column("claim_id", "The claim", lambda p: p.owner.id, required=True, ref="claims"),
        Column("actor_id", "The actor taking the position", lambda p: p.item.actor.id, required=True, ref="actors"),
        Column("position", "Its position", lambda p: p.item.position, required=True, enum=POSITIONS),
        date("date", "When", lambda p: p.item.date),
        Column("note", "Editors' note", lambda p: p.item.note),
    ),
)
SOURCES = TableSpec(
    "sources",
    "Articles, statements and reports cited",
    lambda model, url: model.sources,
    (
        Column("id", "Source id", lambda s: s.id, required=True, ref="entities"),
        Column("title", "Title or headline", lambda s: s.title, required=True),
        Column(
            "publisher_id",
            "The actor that published it",
            lambda s: m.linked(s.publisher, "a source's publisher").id,
            required=True,
            ref="actors",
        ),
        date("published", "When", lambda s: s.published, required=True),
        Column("kind", "Kind of source", lambda s: s.kind, required=True, enum=SOURCE_KINDS),
        Column("access", "Read directly or known only as relayed", lambda s: s.access, required=True, enum=ACCESS),
        Column("url", "The original", lambda s: s.url),
        Column("archived_url", "An archived copy", lambda s: s.archived_url),
        Column(
            "summary",
            "What it says, in the editors' words (plain text; citations in citations.csv)",
            lambda s: s.summary.text.plain() if s.summary else None,
        ),
    ),
)
SOURCE_AUTHORS = TableSpec(
    "source_authors",
    "Authors and speakers of sources",
    lambda model, url: (Pair(s, a) for s in model.sources for a in s.authors),
    (
        Column("source_id", "The source", lambda r: r.owner.id, required=True, ref="sources"),
        Column("actor_id", "An author or speaker", lambda r: r.other.id, required=True, ref="actors"),
    ),
    ("source_id", "actor_id"),
)
SOURCE_RELAYS = TableSpec(
    "source_relays",
    "Reporting chains: which source relays which",
    lambda model, url: (Pair(s, r) for s in model.sources for r in s.cites),
    (
        Column("source_id", "The relaying source", lambda r: r.owner.id, required=True, ref="sources"),
        Column("relayed_source_id", "The source it relays", lambda r: r.other.id, required=True, ref="sources"),
    ),
    ("source_id", "relayed_source_id"),
)
CITATIONS = TableSpec(
    "citations",
    "Every citation: what it supports, the source, the exact quote",
    _citations,
    (
        Column("id", "n", lambda c: c.n, "integer", required=True),
        Column(
            "entity_id",
            "The entity whose page carries the statement (empty for the front page)",
            lambda c: c.entity_id,
            ref="entities",
        ),
        Column(
            "part",
            "The statement cited",
            lambda c: c.part,
            required=True,
            enum=[
                "summary",
                AFFILIATIONS.cited_as,
                PARTICIPANTS.cited_as,
                CASUALTIES.cited_as,
                RELATED.cited_as,
                STANCES.cited_as,
                "assessment",
                "lede",
                "question",
            ],
        ),
        Column(
            "part_id",
            "Its id in the table of that part (affiliations, participants, casualties, event_relations, stances), if any",
            lambda c: c.part_id,
        ),
        Column("source_id", "The source cited", lambda c: c.citation.source.id, required=True, ref="sources"),
        Column(
            "via_source_id", "The source it relays the statement from", lambda c: _id(c.citation.via), ref="sources"
        ),
        Column("quote", "The exact words, when quoted", lambda c: c.citation.quote),
        Column("note", "Editors' note on the citation", lambda c: c.citation.note),
    ),
)

# In the order of datapackage.json and the data page.
TABLES = (
    ENTITIES,
    ACTORS,
    AFFILIATION_TABLE,
    EVENTS,
    PARTICIPANT_TABLE,
    CASUALTY_TABLE,
    RELATION_TABLE,
    CLAIMS,
    CLAIM_ABOUT,
    STANCE_TABLE,
    SOURCES,
    SOURCE_AUTHORS,
    SOURCE_RELAYS,
    CITATIONS,
)
