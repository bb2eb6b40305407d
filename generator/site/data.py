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
from dataclasses import dataclass

from ..model import entities as m
from ..model.urls import DATA_DIR
from .datatables import TABLES
from .tablespec import TableSpec, Url, iso


@dataclass(frozen=True)
class Table:
    """A table of the open data, filled from the model."""

    spec: TableSpec
    rows: list[list]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def title(self) -> str:
        return self.spec.title


def fill(spec: TableSpec, model: m.Model, url: Url) -> Table:
    """The table `spec` declares, a row for each of its rows in the model and a cell for each column."""
    return Table(spec, [[column.value(row) for column in spec.columns] for row in spec.rows(model, url)])


def tables(model: m.Model, url: Url) -> list[Table]:
    """Every table of the open data, in order; `url` gives an entity page's address relative to the site root."""
    return [fill(spec, model, url) for spec in TABLES]


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
    w.writerow([c.name for c in table.spec.columns])
    for row in table.rows:
        w.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def datapackage(model: m.Model, ts: list[Table]) -> dict:
    """The Frictionless description of the tables: each one's schema comes from its spec."""
    resources = [
        {
            "name": t.name,
            "title": t.title,
            "path": f"{t.name}.csv",
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": t.spec.schema(),
        }
        for t in ts
    ]
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


def _text(ct) -> dict:
    return {"text": ct.text.plain(), "cite": _cited(ct.cite)}


def nested(model: m.Model) -> dict:
    """The whole content as one document, nested like the content files: ids for references,
    the derived claim statuses and origins added, empty fields left out."""
    return {
        "title": model.site.title,
        "lede": _text(model.site.lede),
        "featured_event": model.site.featured_event.id,
        "questions": [
            {"question": q.question, "answer": q.answer.plain(), "cite": _cited(q.cite)} for q in model.site.questions
        ],
        "actors": [_actor(a) for a in model.actors],
        "events": [_event(e) for e in model.events],
        "claims": [_claim(c) for c in model.claims],
        "sources": [_source(s) for s in model.sources],
    }


def _actor(a: m.Actor) -> dict:
    return _clean(
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "aliases": list(a.aliases),
            "summary": _text(a.summary),
            "affiliations": [
                _clean(
                    {
                        "relation": f.relation,
                        "actor": f.actor.id,
                        "title": f.title,
                        "since": iso(f.since),
                        "until": iso(f.until),
                        "as_of": iso(f.as_of),
                        "cite": _cited(f.cite),
                    }
                )
                for f in a.affiliations
            ],
        }
    )


def _event(e: m.Event) -> dict:
    return _clean(
        {
            "id": e.id,
            "title": e.title,
            "date": iso(e.date),
            "approximate": e.approximate or None,
            "end_date": iso(e.end_date),
            "place": e.place,
            "kind": e.kind,
            "summary": _text(e.summary),
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
            "casualties": [_casualty(c) for c in e.casualties],
            "related": [
                _clean({"relation": r.relation, "event": r.event.id, "cite": _cited(r.cite)}) for r in e.related
            ],
        }
    )


def _casualty(c: m.Casualty) -> dict:
    return _clean(
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


def _claim(c: m.Claim) -> dict:
    return _clean(
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
                        "date": iso(s.date),
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


def _source(s: m.Source) -> dict:
    return _clean(
        {
            "id": s.id,
            "title": s.title,
            "publisher": m.linked(s.publisher, "a source's publisher").id,
            "authors": [a.id for a in s.authors],
            "published": iso(s.published),
            "kind": s.kind,
            "access": s.access,
            "url": s.url,
            "archived_url": s.archived_url,
            "cites": [r.id for r in s.cites],
            "origins": [o.id for o in s.origins],
            "summary": _text(s.summary) if s.summary else None,
        }
    )


def _json(value, indent: int) -> str:
    """JSON whose strings hold no <, > or &: still the same data, and inert if a page ever embeds it."""
    text = json.dumps(value, indent=indent, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


def data_files(model: m.Model, url: Url) -> dict[str, str]:
    """{path under the site: text} for data/: the CSV tables, datapackage.json and explainer.json.
    `url` gives an entity page's address relative to the site root."""
    ts = tables(model, url)
    out = {f"{DATA_DIR}/{t.name}.csv": _csv(t) for t in ts}
    out[f"{DATA_DIR}/datapackage.json"] = _json(datapackage(model, ts), indent=2)
    out[f"{DATA_DIR}/explainer.json"] = _json(nested(model), indent=1)
    return out
