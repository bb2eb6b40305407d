"""schema.org descriptions of entity pages, as plain dicts.

The theme writes them into the page head with Jinja's `tojson`, which escapes <, >, & and '
so that a name containing "</script>" stays inside the JSON string (overrides/main.html).

Types follow schema.org's ranges: `affiliation`, `parentOrganization`, `memberOf`, `publisher`
and `author` take an Organization (or a Person where schema.org allows one), so a state, which
is a Country (a Place) on its own page, is an Organization there; a person is left out of a
property that takes organisations only. With the site's address known, every entity carries
its page as `url` and an `@id`, and references name the same `@id`, so the descriptions link.
A claim's `firstAppearance` is the earliest of its origins (a statement relayed `via` another
source counts where that came from), not the earliest relaying article; when two or more
origins share the earliest date it is left out rather than guessed.
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import entities as m

ACTOR_TYPES = {
    "person": "Person",
    "state": "Country",
    "government-body": "GovernmentOrganization",
    "media-outlet": "NewsMediaOrganization",
}
ORGANIZATIONS = {"Organization", "GovernmentOrganization", "NewsMediaOrganization"}
SOURCE_TYPES = {
    "news-report": "NewsArticle",
    "analysis": "AnalysisNewsArticle",
    "opinion": "OpinionNewsArticle",
    "report": "Report",
    "social-media": "SocialMediaPosting",
}

UrlOf = Callable[[m.Entity], str] | None  # an entity's page as an absolute address, when the site's is known


def _ids(entity: m.Entity, url_of: UrlOf) -> dict:
    if url_of is None:
        return {}
    url = url_of(entity)
    return {"@id": f"{url}#{entity.KIND[:-1]}", "url": url}


def _type(a: m.Actor) -> str:
    return ACTOR_TYPES.get(a.kind, "Organization")


def _actor_ref(a: m.Actor, url_of: UrlOf, organization: bool = False, person_ok: bool = True) -> dict | None:
    """A reference to an actor; `organization`: where schema.org's range is Organization
    (a Country becomes an Organization; a Person stays only if `person_ok`)."""
    type_ = _type(a)
    if organization and type_ not in ORGANIZATIONS:
        if type_ == "Person" and not person_ok:
            return None
        type_ = type_ if type_ == "Person" else "Organization"
    return {"@type": type_, "name": a.name, **_ids(a, url_of)}


def _work(s: m.Source, url_of: UrlOf) -> dict:
    out = {
        "@type": SOURCE_TYPES.get(s.kind, "CreativeWork"),
        "headline": s.title,
        "datePublished": m.linked(s.published, "a source's date").iso(),
        **_ids(s, url_of),
    }
    if s.publisher is not None:
        out["publisher"] = _actor_ref(s.publisher, url_of, organization=True)
    if s.authors:
        out["author"] = [_actor_ref(a, url_of, organization=True) for a in s.authors]
    if s.url:  # the work's own address; its page here is the page about it
        if "url" in out:
            out["mainEntityOfPage"] = out["url"]
        out["url"] = s.url
    return out


def _orgs(actors, url_of: UrlOf) -> list[dict]:
    refs = (_actor_ref(a, url_of, organization=True, person_ok=False) for a in actors)
    return [r for r in refs if r is not None]


def actor(a: m.Actor, url_of: UrlOf = None) -> dict:
    out = {
        "@type": _type(a),
        "name": a.name,
        "description": m.linked(a.summary, "an actor's summary").text.plain(),
        **_ids(a, url_of),
    }
    if a.aliases:
        out["alternateName"] = list(a.aliases)
    if a.kind == "person":
        affiliated = _orgs([f.actor for f in a.affiliations], url_of)
        if affiliated:
            out["affiliation"] = affiliated
    elif out["@type"] in ORGANIZATIONS:  # a Country is a Place: it has no parent organisation or membership
        parents = _orgs([f.actor for f in a.affiliations if f.relation == "part-of"], url_of)
        members = _orgs([f.actor for f in a.affiliations if f.relation == "member-of"], url_of)
        if parents:
            out["parentOrganization"] = parents
        if members:
            out["memberOf"] = members
    return out


def event(e: m.Event, url_of: UrlOf = None) -> dict:
    out = {
        "@type": "Event",
        "name": e.title,
        "startDate": m.linked(e.date, "an event's date").iso(),
        "description": m.linked(e.summary, "an event's summary").text.plain(),
        **_ids(e, url_of),
    }
    if e.end_date is not None:
        out["endDate"] = e.end_date.iso()
    if e.place:
        out["location"] = {"@type": "Place", "name": e.place}
    return out


def _origins(c: m.Claim) -> list[m.Source]:
    """Where each statement of the claim comes from: a citation relayed `via` another source
    counts that source's origins, one cited directly its own source (chains.claim_sources: Claim.origins)."""
    return list(c.origins)


def first_appearance(c: m.Claim) -> m.Source | None:
    """The origin the claim's sources relay that was published first; None when two or more
    tie (or none is known): naming one of them would be a guess."""
    origins = _origins(c)
    if not origins:
        return None
    first = min(_published(o) for o in origins)
    earliest = [o for o in origins if _published(o) == first]
    return earliest[0] if len(earliest) == 1 else None


def _published(s: m.Source) -> tuple[int, int, int]:
    return m.linked(s.published, "a source's date").sort_key()


def claim(c: m.Claim, url_of: UrlOf = None) -> dict:
    # The name is what search engines and link previews show: it must read as a claim, not a fact.
    out = {"@type": "Claim", "text": c.proposition, "name": f"Claim: {c.proposition}", **_ids(c, url_of)}
    appearances = list(dict.fromkeys([*c.sources, *_origins(c)]))
    if appearances:
        out["appearance"] = [_work(s, url_of) for s in appearances]
    first = first_appearance(c)
    if first is not None:
        out["firstAppearance"] = _work(first, url_of)
    about = [_about(x, url_of) for x in c.about]
    if about:
        out["about"] = about
    return out


def _about(x: m.Entity, url_of: UrlOf) -> dict | None:
    if isinstance(x, m.Event):
        return {"@type": "Event", "name": x.title, **_ids(x, url_of)}
    assert isinstance(x, m.Actor), "a claim is about events and actors (schema: 'about' refers to those)"
    return _actor_ref(x, url_of)


def source(s: m.Source, url_of: UrlOf = None) -> dict:
    out = _work(s, url_of)
    if s.cites:
        out["isBasedOn"] = [_work(r, url_of) for r in s.cites]
    return out


def jsonld(entity: m.Entity, url_of: UrlOf = None) -> dict:
    return {"@context": "https://schema.org", **_node(entity, url_of)}


def _node(entity: m.Entity, url_of: UrlOf) -> dict:
    if isinstance(entity, m.Actor):
        return actor(entity, url_of)
    if isinstance(entity, m.Event):
        return event(entity, url_of)
    if isinstance(entity, m.Claim):
        return claim(entity, url_of)
    if isinstance(entity, m.Source):
        return source(entity, url_of)
    raise KeyError(entity.KIND)  # as the lookup by kind this replaces did: every entity is one of the four
