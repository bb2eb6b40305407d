"""Who says what, as the claim, source and relationship pages put it: positions counted,
contested sides, and the reporting chains that carried each statement to the reader, from the
speaker through the relayed report to the article the editors read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..content.vocab import POSITIONS, SUPPORTING
from . import entities as m

POSITION_VERBS = {  # position: (said of one actor, of several)
    "asserts": ("asserts it", "assert it"),
    "reports": ("reports it", "report it"),
    "doubts": ("doubts it", "doubt it"),
    "denies": ("denies it", "deny it"),
    "declines-to-attribute": ("declines to attribute it", "decline to attribute it"),
}
assert POSITION_VERBS.keys() == POSITIONS.keys()


def count_actors(stances) -> tuple[str, bool]:
    """How many actors take these stances, as words, and whether the verb is plural. Entries that
    may be the same people (same_as) count once, and the text says so: "2 entries, possibly the
    same people"."""
    entries = list(dict.fromkeys(s.actor for s in stances))
    people = len({a.identity for a in entries})
    if people == len(entries):
        text = f"{people} actor" if people == 1 else f"{people} actors"
    elif people == 1:
        text = f"{len(entries)} entries, possibly the same people,"
    else:
        text = f"{people} actors ({len(entries)} entries, some possibly the same people)"
    return text, len(entries) > 1


def position_phrase(position: str, stances) -> str:
    """'1 actor doubts it', '2 entries, possibly the same people, assert it'."""
    text, plural = count_actors(stances)
    return f"{text} {POSITION_VERBS[position][plural]}"


def position_counts(claim: m.Claim) -> list[str]:
    """One phrase per position taken on the claim, in the order of POSITIONS."""
    out = []
    for position in POSITIONS:
        stances = [s for s in claim.stances if s.position == position]
        if stances:
            out.append(position_phrase(position, stances))
    return out


CONTESTED_SIDES = ("asserts", "denies", "doubts", "declines-to-attribute")


def contested(claim: m.Claim) -> list[tuple[str, list[m.Stance]]]:
    """The sides of a claim when positions conflict (someone asserts it, someone else denies,
    doubts or will not attribute it) as [(phrase, stances)], each position its own side (a doubt
    is not a denial); empty when nothing is contested."""
    sides = []
    for position in CONTESTED_SIDES:
        stances = [s for s in claim.stances if s.position == position]
        if stances:
            sides.append((position_phrase(position, stances), stances))
    asserted = any(s.position in SUPPORTING for s in claim.stances)
    return sides if asserted and len(sides) > 1 else []


@dataclass(frozen=True, eq=False)
class Chain:
    """How one statement reached the reader: speaker -> (relayed report) -> cited source."""

    speaker: m.Actor
    position: str
    relay: m.Source | None
    source: m.Source
    claim: m.Claim


def claim_chains(claim: m.Claim) -> list[Chain]:
    seen, out = set(), []
    for s in claim.stances:
        for c in s.cite:
            key = (s.actor.id, s.position, c.via.id if c.via else "", c.source.id)
            if key not in seen:
                seen.add(key)
                out.append(Chain(s.actor, s.position, c.via, c.source, claim))
    return out


def origins(claim: m.Claim, positions=SUPPORTING) -> list[m.Source]:
    """The independent origins behind the stances with these positions: two articles
    relaying one report count once."""
    found = {o.id: o for s in claim.stances if s.position in positions for c in s.cite for o in c.origins}
    return [found[k] for k in sorted(found)]


def chains_by_source(model: m.Model) -> dict[m.Source, list[Chain]]:
    """Every statement a source carries, whether it is the cited article or the report relayed."""
    out: dict[m.Source, list[Chain]] = defaultdict(list)
    for claim in model.claims:
        for chain in claim_chains(claim):
            out[chain.source].append(chain)
            if chain.relay is not None:
                out[chain.relay].append(chain)
    return out


@dataclass(frozen=True, eq=False)
class Route:
    """Every statement one speaker made through one relayed report (or none) in one cited source."""

    speaker: m.Actor
    relay: m.Source | None
    source: m.Source
    positions: tuple[str, ...]  # in the schema's order of positions
    claims: tuple[m.Claim, ...]


def statement_routes(model: m.Model) -> list[Route]:
    """The reporting chains of all claims, merged per (speaker, relay, source), in the order
    they first occur in the model's claims: the attribution chains the diagram draws."""
    found: dict[tuple, tuple[set[str], list[m.Claim]]] = {}
    for claim in model.claims:
        for chain in claim_chains(claim):
            positions, claims = found.setdefault((chain.speaker, chain.relay, chain.source), (set(), []))
            positions.add(chain.position)
            if claim not in claims:
                claims.append(claim)
    order = list(POSITIONS)
    return [
        Route(speaker, relay, source, tuple(sorted(positions, key=order.index)), tuple(claims))
        for (speaker, relay, source), (positions, claims) in found.items()
    ]


# What a source page lists.
USE_GROUPS = (
    ("site", "Front page"),
    ("claims", "Claims"),
    ("events", "Events"),
    ("actors", "Actors"),
    ("sources", "Sources"),
)


def cited_for(source: m.Source) -> list[tuple[str, list[tuple[m.Entity | m.Owner, list[str]]]]]:
    """What a source is cited for, as a source page lists it: [(group, [(entity, [what, ...])])],
    groups in USE_GROUPS order, entities by name, each entity once with what it is cited for
    in the order first used. A source's own summary citing it is left out: it is the page itself."""
    by_entity: dict[int, tuple[m.Entity | m.Owner, list[str]]] = {}
    for u in source.uses:
        if u.entity is source:
            continue
        entity, whats = by_entity.setdefault(id(u.entity), (u.entity, []))
        if u.what not in whats:
            whats.append(u.what)
    out = []
    for kind, name in USE_GROUPS:
        items = [pair for pair in by_entity.values() if pair[0].KIND == kind]
        if items:
            out.append((name, sorted(items, key=lambda pair: (pair[0].label.casefold(), getattr(pair[0], "id", "")))))
    return out


def quoted_passages(source: m.Source) -> list[str]:
    """Every distinct passage quoted from a source as the cited article (not as a relayed
    report), in the order first used."""
    return list(dict.fromkeys(u.citation.quote for u in source.uses if u.citation.quote))
