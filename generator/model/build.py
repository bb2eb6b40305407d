"""The per-kind builders: an entity's checked fields -> its model fields, references resolved.

Plain fields are copied by name (shapes.py); each builder makes only the fields its shape
lists as linked, in a fixed order: the order citations are made is the order a source page
lists where the source is cited. Dangling references are reported by the Resolver; the
builders report what only a linked entity shows (an actor the same as itself, a source
citing itself, a source read directly with no archived text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content.diagnostics import show
from ..content.values import Fields, Ref
from . import entities as m
from . import shapes
from .ratings import derive_status
from .resolve import Resolver


class _PageOwner:
    """Stands for a page of the site's own text when a source records where it is cited."""

    def __init__(self, kind: str, label: str):
        self.KIND = kind
        self.id = "index"
        self.label = label


SITE_OWNER = _PageOwner("site", "Front page")  # site.yaml's lede and answers
ABOUT_OWNER = _PageOwner("about", "About this explainer")  # site.yaml's scope (about/index.md, urls.ABOUT)


def build_actor(r: Resolver, a: m.Actor, v: Fields) -> None:
    """Fill in an actor: its summary, affiliations (each other actor resolved) and same_as."""
    shapes.ACTOR.copy(a, v)
    a.fill(
        summary=r.cited_text(
            v["summary"], a, "who they are" if a.kind in ("person", "anonymous-group") else "what it is"
        ),
        affiliations=tuple(_affiliations(r, a, v)),
        same_as=r.refs(v.get("same_as"), m.Actor),
    )
    if a in a.same_as:
        r.error(
            "same-as-self",
            v.locs["same_as"],
            f"the actor {show(a.id)} lists itself in 'same_as'",
            "remove it from its own 'same_as'",
        )


def _affiliations(r: Resolver, a: m.Actor, v: Fields) -> list[m.Affiliation]:
    out = []
    for f in v.get("affiliations", ()):
        other = r.resolve_as(f["actor"], m.Actor)
        cite = r.cites(f, a, f"{f['relation'].replace('-', ' ')} {_label(other, f['actor'])}")
        if other is not None:
            out.append(m.Affiliation(**shapes.AFFILIATION.values(f), actor=other, cite=cite))
    return out


def build_source(r: Resolver, s: m.Source, v: Fields) -> None:
    """Fill in a source: publisher, authors, the sources it cites, its summary."""
    shapes.SOURCE.copy(s, v)
    s.fill(
        publisher=r.resolve_as(v["publisher"], m.Actor),
        authors=r.refs(v.get("authors"), m.Actor),
        cites=r.refs(v.get("cites"), m.Source),
        summary=r.cited_text(v["summary"], s, "what it says") if "summary" in v else None,
    )
    if s in s.cites:
        r.error(
            "self-cite",
            v.locs["cites"],
            f"the source {show(s.id)} lists itself in 'cites'",
            "remove it from its own 'cites'",
        )
    if s.access == "direct" and s.archived_text is None:
        loc = v.locs["access"]
        r.report.add(
            "direct-unarchived",
            loc.file,
            loc.line,
            loc.col,
            loc.path,
            f"the source {show(s.id)} was read directly but has no archived_text: its quotes cannot be checked",
            "save its text in the quote archive and name the file in 'archived_text'",
        )


def build_event(r: Resolver, e: m.Event, v: Fields) -> None:
    """Fill in an event: summary, participants, casualty figures, related events."""
    shapes.EVENT.copy(e, v)
    e.fill(
        summary=r.cited_text(v["summary"], e, "what happened"),
        participants=tuple(_participants(r, e, v)),
        casualties=tuple(casualty(r, c, e) for c in v.get("casualties", ())),
        related=tuple(_related(r, e, v)),
    )


def _participants(r: Resolver, e: m.Event, v: Fields) -> list[m.Participant]:
    out = []
    for p in v.get("participants", ()):
        actor = r.resolve_as(p["actor"], m.Actor)
        claim = r.resolve_as(p["claim"], m.Claim) if "claim" in p else None
        cite = r.cites(p, e, f"{_possessive(_label(actor, p['actor']))} role ({p['role'].replace('-', ' ')})")
        if actor is None or ("claim" in p and claim is None):
            continue
        out.append(m.Participant(**shapes.PARTICIPANT.values(p), actor=actor, claim=claim, cite=cite))
    return out


def casualty(r: Resolver, c: Fields, e: m.Event) -> m.Casualty:
    """One figure; 'reported' is 'stated' unless set, and a figure reported as none has no qualifier."""
    values = shapes.CASUALTY.values(c)
    values["reported"] = reported = c.get("reported", "stated")
    values["qualifier"] = None if reported == "none" else c.get("qualifier", "exactly")
    return m.Casualty(**values, cite=r.cites(c, e, f"casualties: {values['who'] or 'none reported'}"))


def _related(r: Resolver, e: m.Event, v: Fields) -> list[m.Related]:
    out = []
    for x in v.get("related", ()):
        other = r.resolve_as(x["event"], m.Event)
        cite = r.cites(x, e, f"{x['relation'].replace('-', ' ')} {_label(other, x['event'])}")
        if other is not None:
            out.append(m.Related(**shapes.RELATED.values(x), event=other, cite=cite))
    return out


def build_claim(r: Resolver, c: m.Claim, v: Fields) -> None:
    """Fill in a claim: what it is about, its stances, the status they add up to, the assessment."""
    shapes.CLAIM.copy(c, v)
    about = r.refs(v.get("about"), m.Entity)  # events or actors
    stances = tuple(_stances(r, c, v))
    c.fill(about=about, stances=stances, status=derive_status(stances))
    if "assessment" in v:
        a = v["assessment"]
        reason = r.prose(a["reason"], c)
        c.fill(
            assessment=m.Assessment(
                **shapes.ASSESSMENT.values(a), reason=reason, cite=r.cites(a, c, "the editors' assessment")
            )
        )


def _stances(r: Resolver, c: m.Claim, v: Fields) -> list[m.Stance]:
    out = []
    for s in v["stances"]:
        actor = r.resolve_as(s["actor"], m.Actor)
        cite = r.cites(s, c, f"{_possessive(_label(actor, s['actor']))} position ({s['position'].replace('-', ' ')})")
        if actor is not None:
            out.append(m.Stance(**shapes.STANCE.values(s), actor=actor, cite=cite))
    return out


def build_site(r: Resolver, v: Fields) -> m.Site | None:
    """site.yaml linked; None when its featured event did not resolve (reported)."""
    lede = r.cited_text(v["lede"], SITE_OWNER, "the opening summary")
    featured = r.resolve_as(v["featured_event"], m.Event)
    questions = tuple(
        m.Question(
            **shapes.QUESTION.values(q),
            answer=r.prose(q["answer"], SITE_OWNER),
            cite=r.cites(q, SITE_OWNER, f"the answer to \u201c{q['question']}\u201d"),
        )
        for q in v["questions"]
    )
    scope = r.cited_text(v["scope"], ABOUT_OWNER, "what the explainer covers") if "scope" in v else None
    if featured is None:
        return None
    return m.Site(**shapes.SITE_SHAPE.values(v), lede=lede, featured_event=featured, questions=questions, scope=scope)


# kind -> its builder: (resolver, the entity made for it, its checked fields)
BUILDERS: dict[str, Callable[[Resolver, Any, Fields], None]] = {
    "actors": build_actor,
    "events": build_event,
    "claims": build_claim,
    "sources": build_source,
}


def _label(target: m.Entity | None, ref: Ref) -> str:
    """How a citation's description names the entity a reference points to, or its id when it did not resolve."""
    return target.label if target is not None else ref.id


def _possessive(name: str) -> str:
    """ "John Kirby's", "US armed forces'": how a source page says whose role or position a citation supports."""
    return name + ("'" if name.endswith("s") else "'s")
