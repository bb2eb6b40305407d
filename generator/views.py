"""What the overview pages show, computed once in plain Python so templates only lay it out.

The who-says-what matrix is split into pages of a bounded number of claims, a section per
event, and each section into tables of a bounded number of actor columns: however large the
content grows, no page holds one giant table. Reporting chains follow each stance's
citation from the speaker through the relayed report to the article the editors read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import model as m
from .link import STATUSES
from .schema import POSITIONS, SUPPORTING
from .urls import TIMELINE, matrix_sheet_path, timeline_year_path

SHEET_ROWS = 25  # claims per matrix page
SHEET_COLUMNS = 6  # actors per table: one table fits a desktop column and scrolls on a phone
TIMELINE_PAGE_LIMIT = 80  # more events than this: one timeline page per year


# --- who says what ---------------------------------------------------------------------

@dataclass(frozen=True, eq=False)
class MatrixTable:
    actors: tuple[m.Actor, ...]
    rows: tuple[tuple[m.Claim, tuple[tuple[m.Stance, ...], ...]], ...]  # per claim: the stances of each actor
    first: int  # 1-based numbers of its actors among the sheet's, for the caption
    last: int


@dataclass(frozen=True, eq=False)
class Section:
    """The claims about one event (or about none), or one part of them when they are many."""

    event: m.Event | None
    part: int
    parts: int
    claims: tuple[m.Claim, ...]
    actors: int  # how many actors take a position on these claims
    tables: tuple[MatrixTable, ...]


@dataclass(frozen=True, eq=False)
class Sheet:
    path: str
    number: int
    sections: tuple[Section, ...]

    @property
    def claims(self) -> int:
        return sum(len(s.claims) for s in self.sections)


def _claim_event(claim: m.Claim) -> m.Event | None:
    return next((x for x in claim.about if isinstance(x, m.Event)), None)


def matrix_sheets(model: m.Model) -> list[Sheet]:
    """The matrix as pages of at most SHEET_ROWS claims: one section per event in date order
    (claims about no event last), consecutive events sharing a page while they fit."""
    groups: dict[m.Event | None, list[m.Claim]] = defaultdict(list)
    for c in model.claims:
        groups[_claim_event(c)].append(c)
    order = [e for e in timeline_events(model) if e in groups] + ([None] if None in groups else [])
    status_rank = {s: i for i, s in enumerate(STATUSES)}
    pages: list[list[Section]] = [[]]
    for event in order:
        claims = sorted(groups[event], key=lambda c: (status_rank[c.status], c.id))
        chunks = [claims[i:i + SHEET_ROWS] for i in range(0, len(claims), SHEET_ROWS)]
        for part, chunk in enumerate(chunks, 1):
            if sum(len(s.claims) for s in pages[-1]) + len(chunk) > SHEET_ROWS:
                pages.append([])
            pages[-1].append(_section(event, part, len(chunks), tuple(chunk)))
    return [Sheet(matrix_sheet_path(n), n, tuple(sections)) for n, sections in enumerate(pages, 1) if sections]


def _section(event, part: int, parts: int, claims: tuple[m.Claim, ...]) -> Section:
    count: dict[m.Actor, int] = defaultdict(int)
    for c in claims:
        for s in c.stances:
            count[s.actor] += 1
    # The most outspoken actors first; names break ties so the order never depends on dict order.
    actors = sorted(count, key=lambda a: (-count[a], a.name.casefold(), a.id))
    tables = []
    for i in range(0, len(actors), SHEET_COLUMNS):
        cols = tuple(actors[i:i + SHEET_COLUMNS])
        rows = []
        for c in claims:
            cells = tuple(tuple(s for s in c.stances if s.actor is a) for a in cols)
            if any(cells):
                rows.append((c, cells))
        tables.append(MatrixTable(cols, tuple(rows), i + 1, i + len(cols)))
    return Section(event, part, parts, claims, len(actors), tuple(tables))


# --- what is contested and how it reached us -------------------------------------------

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


# --- timeline --------------------------------------------------------------------------

def timeline_events(model: m.Model) -> list[m.Event]:
    return sorted(model.events, key=lambda e: (e.date.sort_key(), e.id))


def timeline_years(events: list[m.Event]) -> list[tuple[int, list[m.Event]]]:
    years: dict[int, list[m.Event]] = defaultdict(list)
    for e in events:
        years[e.date.year].append(e)
    return sorted(years.items())


def timeline_pages(model: m.Model) -> list[tuple[str, list[tuple[int, list[m.Event]]]]]:
    """[(page, [(year, events)])]: one page while it stays short, else one page per year
    (the first entry is then the index, with the years and no events)."""
    years = timeline_years(timeline_events(model))
    if len(model.events) <= TIMELINE_PAGE_LIMIT:
        return [(TIMELINE, years)]
    return [(TIMELINE, [])] + [(timeline_year_path(y), [(y, evs)]) for y, evs in years]
