"""schema.org descriptions of entity pages, as plain dicts.

The theme writes them into the page head with Jinja's `tojson`, which escapes <, >, & and '
so that a name containing "</script>" stays inside the JSON string (overrides/main.html).
"""

from __future__ import annotations

from . import model as m

ACTOR_TYPES = {
    "person": "Person",
    "state": "Country",
    "government-body": "GovernmentOrganization",
    "media-outlet": "NewsMediaOrganization",
}
SOURCE_TYPES = {
    "news-report": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    "report": "Report",
    "social-media": "SocialMediaPosting",
}


def _named(type_: str, name: str) -> dict:
    return {"@type": type_, "name": name}


def _actor_ref(a: m.Actor) -> dict:
    return _named(ACTOR_TYPES.get(a.kind, "Organization"), a.name)


def _work(s: m.Source) -> dict:
    out = {"@type": SOURCE_TYPES.get(s.kind, "CreativeWork"), "headline": s.title, "datePublished": s.published.iso()}
    if s.publisher is not None:
        out["publisher"] = _actor_ref(s.publisher)
    if s.authors:
        out["author"] = [_actor_ref(a) for a in s.authors]
    if s.url:
        out["url"] = s.url
    return out


def actor(a: m.Actor) -> dict:
    out = {"@type": ACTOR_TYPES.get(a.kind, "Organization"), "name": a.name, "description": a.summary.text.plain()}
    if a.aliases:
        out["alternateName"] = list(a.aliases)
    if a.kind == "person":
        affiliated = [_actor_ref(f.actor) for f in a.affiliations]
        if affiliated:
            out["affiliation"] = affiliated
    else:
        parents = [_actor_ref(f.actor) for f in a.affiliations if f.relation == "part-of"]
        members = [_actor_ref(f.actor) for f in a.affiliations if f.relation == "member-of"]
        if parents:
            out["parentOrganization"] = parents
        if members:
            out["memberOf"] = members
    return out


def event(e: m.Event) -> dict:
    out = {"@type": "Event", "name": e.title, "startDate": e.date.iso(), "description": e.summary.text.plain()}
    if e.end_date is not None:
        out["endDate"] = e.end_date.iso()
    if e.place:
        out["location"] = _named("Place", e.place)
    return out


def claim(c: m.Claim) -> dict:
    # The name is what search engines and link previews show: it must read as a claim, not a fact.
    out = {"@type": "Claim", "text": c.proposition, "name": f"Claim: {c.proposition}"}
    if c.sources:
        out["appearance"] = [_work(s) for s in c.sources]
        first = min(c.sources, key=lambda s: (s.published.sort_key(), s.id))
        out["firstAppearance"] = _work(first)
    about = [_named("Event", x.title) if isinstance(x, m.Event) else _actor_ref(x) for x in c.about]
    if about:
        out["about"] = about
    return out


def source(s: m.Source) -> dict:
    out = _work(s)
    if s.cites:
        out["isBasedOn"] = [_work(r) for r in s.cites]
    return out


def jsonld(entity: m.Entity) -> dict:
    build = {"actors": actor, "events": event, "claims": claim, "sources": source}[entity.KIND]
    return {"@context": "https://schema.org", **build(entity)}
