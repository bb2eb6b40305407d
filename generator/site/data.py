"""Open data: the whole content as CSV tables with a Frictionless data package, and as one JSON file.

The tables are relational (one row per stance, per citation, per affiliation ...) with primary
and foreign keys declared in datapackage.json, so `frictionless validate` checks that every
reference resolves. The JSON keeps the nesting of the content files, with ids for references
and the derived facts (claim status, independent origins) added. Same model, same bytes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..content.values import PartialDate
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
from ..model.link import STATUSES
from ..model.urls import DATA_DIR

PARTIAL_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"


@dataclass
class Table:
    name: str
    title: str
    fields: list[dict]
    key: list[str]
    refs: list[tuple[list[str], str, list[str]]] = field(default_factory=list)  # (fields, table, their fields)
    rows: list[list] = field(default_factory=list)

    def add(self, *values) -> None:
        assert len(values) == len(self.fields), (self.name, values)
        self.rows.append(list(values))


def _f(
    name: str, description: str, type_: str = "string", required: bool = False, enum=None, pattern: str | None = None
) -> dict:
    f: dict[str, Any] = {"name": name, "type": type_, "description": description}
    constraints: dict[str, Any] = {}
    if required:
        constraints["required"] = True
    if enum is not None:
        constraints["enum"] = list(enum)
    if pattern is not None:
        constraints["pattern"] = pattern
    if constraints:
        f["constraints"] = constraints
    return f


def _date(name: str, description: str, required: bool = False) -> dict:
    return _f(
        name,
        description + " (YYYY, YYYY-MM or YYYY-MM-DD: as precise as the sources allow)",
        required=required,
        pattern=PARTIAL_DATE,
    )


def _iso(d: PartialDate | None) -> str | None:
    return d.iso() if d is not None else None


def tables(model: m.Model, url: Callable[[m.Entity], str]) -> list[Table]:
    t = {}

    def table(name, title, fields, key, refs=()):
        t[name] = Table(name, title, fields, key, list(refs))
        return t[name]

    ents = table(
        "entities",
        "Every actor, event, claim and source: its kind, label and page",
        [
            _f("id", "Unique across all kinds", required=True),
            _f("kind", "actor, event, claim or source", required=True, enum=["actor", "event", "claim", "source"]),
            _f("label", "Name, title or proposition", required=True),
            _f("page", "The address of its page, relative to the site root", required=True),
        ],
        ["id"],
    )
    for e in model.all():
        ents.add(e.id, e.kind_singular, e.label, url(e))

    actors = table(
        "actors",
        "People, groups, states and outlets",
        [
            _f("id", "Actor id", required=True),
            _f("name", "Name", required=True),
            _f("kind", "Kind of actor", required=True, enum=ACTOR_KINDS),
            _f("aliases", "Other spellings", "array"),
            _f("summary", "Who they are (plain text; citations in citations.csv)", required=True),
        ],
        ["id"],
        [(["id"], "entities", ["id"])],
    )
    affs = table(
        "affiliations",
        "Actors' memberships, backers, offices and employers",
        [
            _f("id", "actor id/affiliation/n", required=True),
            _f("actor_id", "The affiliated actor", required=True),
            _f("relation", "How it is affiliated", required=True, enum=AFFILIATION_RELATIONS),
            _f("other_actor_id", "The actor it is affiliated with", required=True),
            _f("title", "Title or office"),
            _date("since", "Start"),
            _date("until", "End"),
            _date("as_of", "Known to hold on this date"),
        ],
        ["id"],
        [(["actor_id"], "actors", ["id"]), (["other_actor_id"], "actors", ["id"])],
    )
    events = table(
        "events",
        "Events, with dates as precise as the sources allow",
        [
            _f("id", "Event id", required=True),
            _f("title", "Title", required=True),
            _date("date", "When", required=True),
            _f("approximate", "The date is approximate", "boolean", required=True),
            _date("end_date", "When it ended"),
            _f("place", "Where"),
            _f("kind", "Kind of event", required=True, enum=EVENT_KINDS),
            _f("summary", "What happened (plain text; citations in citations.csv)", required=True),
        ],
        ["id"],
        [(["id"], "entities", ["id"])],
    )
    parts = table(
        "participants",
        "Actors' roles in events; a contested role names the claim alleging it",
        [
            _f("id", "event id/participant/n", required=True),
            _f("event_id", "The event", required=True),
            _f("actor_id", "The actor", required=True),
            _f("role", "Its role", required=True, enum=PARTICIPANT_ROLES),
            _f("claim_id", "The claim alleging the role, when it is contested"),
            _f("note", "Editors' note"),
        ],
        ["id"],
        [(["event_id"], "events", ["id"]), (["actor_id"], "actors", ["id"]), (["claim_id"], "claims", ["id"])],
    )
    cas = table(
        "casualties",
        "Casualty figures as the sources give them: killed, died or injured; none reported is not zero",
        [
            _f("id", "event id/casualty/n", required=True),
            _f("event_id", "The event", required=True),
            _f(
                "kind",
                "killed: by the violence; died: in connection with the event but not by its violence (see cause); injured",
                required=True,
                enum=CASUALTY_KINDS,
            ),
            _f(
                "reported",
                "stated: the source states the figure; reportedly: it passes the figure on as reported; "
                "none: it says none have been reported, and count is empty",
                required=True,
                enum=CASUALTY_REPORTS,
            ),
            _f(
                "count",
                "How many (empty when none are reported; 0 only when the source says there were none)",
                "integer",
            ),
            _f("qualifier", "How exact the count is (empty when none are reported)", enum=CASUALTY_QUALIFIERS),
            _f("who", "Who they were, as the source says"),
            _f("cause", "How, in the source's terms"),
            _f("statement", "The figure as the event page words it", required=True),
            _f("note", "Editors' note"),
        ],
        ["id"],
        [(["event_id"], "events", ["id"])],
    )
    rel = table(
        "event_relations",
        "How events relate to each other",
        [
            _f("id", "event id/related/n", required=True),
            _f("event_id", "The event", required=True),
            _f("relation", "How it relates", required=True, enum=EVENT_RELATIONS),
            _f("other_event_id", "The other event", required=True),
        ],
        ["id"],
        [(["event_id"], "events", ["id"]), (["other_event_id"], "events", ["id"])],
    )
    claims = table(
        "claims",
        "Claims, with the status derived from the actors' positions",
        [
            _f("id", "Claim id", required=True),
            _f("proposition", "The claim, as one sentence", required=True),
            _f("status", "Derived from the stances, not set by the editors", required=True, enum=STATUSES),
            _f("origins", "How many independent origins stand behind its stances", "integer", required=True),
            _f("verdict", "The editors' assessment, if any", enum=VERDICTS),
            _f("verdict_reason", "Why (plain text)"),
        ],
        ["id"],
        [(["id"], "entities", ["id"])],
    )
    about = table(
        "claim_about",
        "The events and actors each claim is about",
        [
            _f("claim_id", "The claim", required=True),
            _f("entity_id", "An event or actor it is about", required=True),
        ],
        ["claim_id", "entity_id"],
        [(["claim_id"], "claims", ["id"]), (["entity_id"], "entities", ["id"])],
    )
    stances = table(
        "stances",
        "Who asserts, denies, doubts, reports or declines to attribute each claim",
        [
            _f("id", "claim id/stance/n", required=True),
            _f("claim_id", "The claim", required=True),
            _f("actor_id", "The actor taking the position", required=True),
            _f("position", "Its position", required=True, enum=POSITIONS),
            _date("date", "When"),
            _f("note", "Editors' note"),
        ],
        ["id"],
        [(["claim_id"], "claims", ["id"]), (["actor_id"], "actors", ["id"])],
    )
    sources = table(
        "sources",
        "Articles, statements and reports cited",
        [
            _f("id", "Source id", required=True),
            _f("title", "Title or headline", required=True),
            _f("publisher_id", "The actor that published it", required=True),
            _date("published", "When", required=True),
            _f("kind", "Kind of source", required=True, enum=SOURCE_KINDS),
            _f("access", "Read directly or known only as relayed", required=True, enum=ACCESS),
            _f("url", "The original", "string"),
            _f("archived_url", "An archived copy", "string"),
            _f("summary", "What it says, in the editors' words (plain text; citations in citations.csv)"),
        ],
        ["id"],
        [(["id"], "entities", ["id"]), (["publisher_id"], "actors", ["id"])],
    )
    authors = table(
        "source_authors",
        "Authors and speakers of sources",
        [
            _f("source_id", "The source", required=True),
            _f("actor_id", "An author or speaker", required=True),
        ],
        ["source_id", "actor_id"],
        [(["source_id"], "sources", ["id"]), (["actor_id"], "actors", ["id"])],
    )
    relays = table(
        "source_relays",
        "Reporting chains: which source relays which",
        [
            _f("source_id", "The relaying source", required=True),
            _f("relayed_source_id", "The source it relays", required=True),
        ],
        ["source_id", "relayed_source_id"],
        [(["source_id"], "sources", ["id"]), (["relayed_source_id"], "sources", ["id"])],
    )
    cites = table(
        "citations",
        "Every citation: what it supports, the source, the exact quote",
        [
            _f("id", "n", "integer", required=True),
            _f("entity_id", "The entity whose page carries the statement (empty for the front page)"),
            _f(
                "part",
                "The statement cited",
                required=True,
                enum=[
                    "summary",
                    "affiliation",
                    "participant",
                    "casualty",
                    "event-relation",
                    "stance",
                    "assessment",
                    "lede",
                    "question",
                ],
            ),
            _f(
                "part_id",
                "Its id in the table of that part (affiliations, participants, casualties, event_relations, stances), if any",
            ),
            _f("source_id", "The source cited", required=True),
            _f("via_source_id", "The source it relays the statement from"),
            _f("quote", "The exact words, when quoted"),
            _f("note", "Editors' note on the citation"),
        ],
        ["id"],
        [
            (["entity_id"], "entities", ["id"]),
            (["source_id"], "sources", ["id"]),
            (["via_source_id"], "sources", ["id"]),
        ],
    )

    def cite(entity_id, part, part_id, cs):
        for c in cs:
            cites.add(
                len(cites.rows) + 1, entity_id, part, part_id, c.source.id, c.via.id if c.via else None, c.quote, c.note
            )

    for a in model.actors:
        actors.add(
            a.id,
            a.name,
            a.kind,
            json.dumps(list(a.aliases), ensure_ascii=False) if a.aliases else None,
            m.linked(a.summary, "an actor's summary").text.plain(),
        )
        cite(a.id, "summary", None, m.linked(a.summary, "an actor's summary").cite)
        for i, f in enumerate(a.affiliations, 1):
            key = f"{a.id}/affiliation/{i}"
            affs.add(key, a.id, f.relation, f.actor.id, f.title, _iso(f.since), _iso(f.until), _iso(f.as_of))
            cite(a.id, "affiliation", key, f.cite)
    for e in model.events:
        events.add(
            e.id,
            e.title,
            _iso(e.date),
            e.approximate,
            _iso(e.end_date),
            e.place,
            e.kind,
            m.linked(e.summary, "an event's summary").text.plain(),
        )
        cite(e.id, "summary", None, m.linked(e.summary, "an event's summary").cite)
        for i, p in enumerate(e.participants, 1):
            key = f"{e.id}/participant/{i}"
            parts.add(key, e.id, p.actor.id, p.role, p.claim.id if p.claim else None, p.note)
            cite(e.id, "participant", key, p.cite)
        for i, k in enumerate(e.casualties, 1):
            key = f"{e.id}/casualty/{i}"
            cas.add(key, e.id, k.kind, k.reported, k.count, k.qualifier, k.who, k.cause, k.statement, k.note)
            cite(e.id, "casualty", key, k.cite)
        for i, r in enumerate(e.related, 1):
            key = f"{e.id}/related/{i}"
            rel.add(key, e.id, r.relation, r.event.id)
            cite(e.id, "event-relation", key, r.cite)
    for c in model.claims:
        v = c.assessment
        claims.add(
            c.id, c.proposition, c.status, len(c.origins), v.verdict if v else None, v.reason.plain() if v else None
        )
        for x in c.about:
            about.add(c.id, x.id)
        for i, st in enumerate(c.stances, 1):
            key = f"{c.id}/stance/{i}"
            stances.add(key, c.id, st.actor.id, st.position, _iso(st.date), st.note)
            cite(c.id, "stance", key, st.cite)
        if v:
            cite(c.id, "assessment", None, v.cite)
    for s in model.sources:
        sources.add(
            s.id,
            s.title,
            m.linked(s.publisher, "a source's publisher").id,
            _iso(s.published),
            s.kind,
            s.access,
            s.url,
            s.archived_url,
            s.summary.text.plain() if s.summary else None,
        )
        if s.summary:
            cite(s.id, "summary", None, s.summary.cite)
        for author in s.authors:
            authors.add(s.id, author.id)
        for relayed in s.cites:
            relays.add(s.id, relayed.id)
    cite(None, "lede", None, model.site.lede.cite)
    for q in model.site.questions:
        cite(None, "question", None, q.cite)
    return list(t.values())


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"): such text is written with a single quote before it, which spreadsheets show
# as text and do not display. Only in the CSV files; explainer.json keeps every text exact.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_RULE = (
    "In the CSV files, a text that starts with =, +, -, @, a tab or a carriage return is written with a "
    "single quote (') before it, so that no spreadsheet runs it as a formula; explainer.json keeps every text exact."
)


def csv_cell(value) -> str | int | float:
    """One value as a CSV cell: empty for None, true/false, numbers as they are, and text that
    a spreadsheet would run as a formula neutralised with a leading single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _csv(table: Table) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([f["name"] for f in table.fields])
    for row in table.rows:
        w.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def datapackage(model: m.Model, ts: list[Table]) -> dict:
    resources = []
    for t in ts:
        schema = {"fields": t.fields, "primaryKey": t.key, "missingValues": [""]}
        if t.refs:
            schema["foreignKeys"] = [{"fields": f, "reference": {"resource": r, "fields": rf}} for f, r, rf in t.refs]
        resources.append(
            {
                "name": t.name,
                "title": t.title,
                "path": f"{t.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "explainer",
        "title": model.site.title,
        "description": "Every actor, event, claim, stance, source and citation of this explainer. "
        "The same content as one nested file: explainer.json. " + CSV_RULE,
        "resources": resources,
    }


def _cited(cs) -> list[dict]:
    return [
        {
            k: v
            for k, v in (
                ("source", c.source.id),
                ("via", c.via.id if c.via else None),
                ("quote", c.quote),
                ("note", c.note),
            )
            if v is not None
        }
        for c in cs
    ]


def _clean(d: dict) -> dict:
    return {k: v for k, v in d.items() if v not in (None, (), [], "")}


def nested(model: m.Model) -> dict:
    text = lambda ct: {"text": ct.text.plain(), "cite": _cited(ct.cite)}  # noqa: E731 (a one-line helper, read where it is used)
    return {
        "title": model.site.title,
        "lede": text(model.site.lede),
        "featured_event": model.site.featured_event.id,
        "questions": [
            {"question": q.question, "answer": q.answer.plain(), "cite": _cited(q.cite)} for q in model.site.questions
        ],
        "actors": [
            _clean(
                {
                    "id": a.id,
                    "name": a.name,
                    "kind": a.kind,
                    "aliases": list(a.aliases),
                    "summary": text(a.summary),
                    "affiliations": [
                        _clean(
                            {
                                "relation": f.relation,
                                "actor": f.actor.id,
                                "title": f.title,
                                "since": _iso(f.since),
                                "until": _iso(f.until),
                                "as_of": _iso(f.as_of),
                                "cite": _cited(f.cite),
                            }
                        )
                        for f in a.affiliations
                    ],
                }
            )
            for a in model.actors
        ],
        "events": [
            _clean(
                {
                    "id": e.id,
                    "title": e.title,
                    "date": _iso(e.date),
                    "approximate": e.approximate or None,
                    "end_date": _iso(e.end_date),
                    "place": e.place,
                    "kind": e.kind,
                    "summary": text(e.summary),
                    "participants": [
                        _clean(
                            {
                                "actor": p.actor.id,
                                "role": p.role,
                                "claim": p.claim.id if p.claim else None,
                                "note": p.note,
                                "cite": _cited(p.cite),
                            }
                        )
                        for p in e.participants
                    ],
                    "casualties": [
                        _clean(
                            {
                                "kind": c.kind,
                                "reported": c.reported,
                                "count": c.count,
                                "qualifier": c.qualifier,
                                "who": c.who,
                                "cause": c.cause,
                                "statement": c.statement,
                                "note": c.note,
                                "cite": _cited(c.cite),
                            }
                        )
                        for c in e.casualties
                    ],
                    "related": [
                        _clean({"relation": r.relation, "event": r.event.id, "cite": _cited(r.cite)}) for r in e.related
                    ],
                }
            )
            for e in model.events
        ],
        "claims": [
            _clean(
                {
                    "id": c.id,
                    "proposition": c.proposition,
                    "about": [x.id for x in c.about],
                    "status": c.status,
                    "origins": [o.id for o in c.origins],
                    "stances": [
                        _clean(
                            {
                                "actor": s.actor.id,
                                "position": s.position,
                                "date": _iso(s.date),
                                "note": s.note,
                                "cite": _cited(s.cite),
                            }
                        )
                        for s in c.stances
                    ],
                    "assessment": {
                        "verdict": c.assessment.verdict,
                        "reason": c.assessment.reason.plain(),
                        "cite": _cited(c.assessment.cite),
                    }
                    if c.assessment
                    else None,
                }
            )
            for c in model.claims
        ],
        "sources": [
            _clean(
                {
                    "id": s.id,
                    "title": s.title,
                    "publisher": m.linked(s.publisher, "a source's publisher").id,
                    "authors": [a.id for a in s.authors],
                    "published": _iso(s.published),
                    "kind": s.kind,
                    "access": s.access,
                    "url": s.url,
                    "archived_url": s.archived_url,
                    "cites": [r.id for r in s.cites],
                    "origins": [o.id for o in s.origins],
                    "summary": text(s.summary) if s.summary else None,
                }
            )
            for s in model.sources
        ],
    }


def _json(value, indent: int) -> str:
    """JSON whose strings hold no <, > or &: still the same data, and inert if a page ever embeds it."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def data_files(model: m.Model, url: Callable[[m.Entity], str]) -> dict[str, str]:
    """{path under the site: text} for data/: the CSV tables, datapackage.json and explainer.json.
    `url` gives an entity page's address relative to the site root."""
    ts = tables(model, url)
    out = {f"{DATA_DIR}/{t.name}.csv": _csv(t) for t in ts}
    out[f"{DATA_DIR}/datapackage.json"] = _json(datapackage(model, ts), indent=2)
    out[f"{DATA_DIR}/explainer.json"] = _json(nested(model), indent=1)
    return out
