"""What the overview pages show, computed once in plain Python so templates only lay it out.

The who-says-what matrix is split into pages of a bounded number of claims, a section per
event, and each section into tables of a bounded number of actor columns: however large the
content grows, no page holds one giant table. Reporting chains follow each stance's
citation from the speaker through the relayed report to the article the editors read.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ..content.values import MONTHS, PartialDate
from ..content.vocab import AFTER_RELATIONS, POSITIONS, SUPPORTING
from . import entities as m
from .link import STATUSES
from .urls import MATRIX, TIMELINE, matrix_sheet_path, timeline_year_path

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
    number: int  # 1-based position among the sheets (the index is 1)
    sections: tuple[Section, ...]
    key: str = ""  # what the address is made of: "2021-03", "2021-03--2", "no-event"; "" for the index
    label: str = ""  # "March 2021", "March 2021, page 2", "Claims about no event"

    @property
    def claims(self) -> int:
        return sum(len(s.claims) for s in self.sections)


def _claim_event(claim: m.Claim) -> m.Event | None:
    return next((x for x in claim.about if isinstance(x, m.Event)), None)


NO_EVENT = "no-event"


def _month(event: m.Event | None) -> tuple[str, str]:
    """(key, label) of the month an event's claims are filed under; the year alone when the
    date has no month."""
    if event is None:
        return NO_EVENT, "Claims about no event"
    return _month_key(m.linked(event.date, "event date"))


def _pack(order, groups, status_rank) -> list[list[Section]]:
    """Sections of at most SHEET_ROWS claims each, packed onto pages of at most SHEET_ROWS."""
    pages: list[list[Section]] = [[]]
    for event in order:
        claims = sorted(groups[event], key=lambda c: (status_rank[c.status], c.id))
        chunks = [claims[i : i + SHEET_ROWS] for i in range(0, len(claims), SHEET_ROWS)]
        for part, chunk in enumerate(chunks, 1):
            if sum(len(s.claims) for s in pages[-1]) + len(chunk) > SHEET_ROWS:
                pages.append([])
            pages[-1].append(_section(event, part, len(chunks), tuple(chunk)))
    return [p for p in pages if p]


def matrix_sheets(model: m.Model) -> list[Sheet]:
    """The matrix: one page while every claim fits SHEET_ROWS; beyond, an index (no sections:
    it lists the months) and a page per month of the events' dates, claims about no event on
    their own page. A claim's page is fixed by its event's month, so adding claims never moves
    one to another address; a month with more than SHEET_ROWS claims continues on
    `<month>--2`, `--3`. Within a page: one section per event in date order."""
    groups: dict[m.Event | None, list[m.Claim]] = defaultdict(list)
    for c in model.claims:
        groups[_claim_event(c)].append(c)
    order = [e for e in timeline_events(model) if e in groups] + ([None] if None in groups else [])
    status_rank = {s: i for i, s in enumerate(STATUSES)}
    if len(model.claims) <= SHEET_ROWS:
        return [Sheet(MATRIX, 1, tuple(sections)) for sections in _pack(order, groups, status_rank)]
    months: dict[tuple[str, str], list] = {}
    for event in order:
        months.setdefault(_month(event), []).append(event)
    sheets = [Sheet(MATRIX, 1, ())]
    for (key, label), events in months.items():
        for n, sections in enumerate(_pack(events, groups, status_rank), 1):
            page_key = key if n == 1 else f"{key}--{n}"
            sheets.append(
                Sheet(
                    matrix_sheet_path(page_key),
                    len(sheets) + 1,
                    tuple(sections),
                    page_key,
                    label if n == 1 else f"{label}, page {n}",
                )
            )
    return sheets


def matrix_years(sheets: list[Sheet]) -> list[tuple[str, list[Sheet]]]:
    """The index's list: the month pages grouped by year ("" for claims about no event)."""
    years: dict[str, list[Sheet]] = {}
    for sheet in sheets[1:]:
        years.setdefault("" if sheet.key == NO_EVENT else sheet.key[:4], []).append(sheet)
    return list(years.items())


def _section(event, part: int, parts: int, claims: tuple[m.Claim, ...]) -> Section:
    count: dict[m.Actor, int] = defaultdict(int)
    for c in claims:
        for s in c.stances:
            count[s.actor] += 1
    # The most outspoken actors first; names break ties so the order never depends on dict order.
    actors = sorted(count, key=lambda a: (-count[a], a.name.casefold(), a.id))
    tables = []
    for i in range(0, len(actors), SHEET_COLUMNS):
        cols = tuple(actors[i : i + SHEET_COLUMNS])
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


# --- source pages ----------------------------------------------------------------------

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


# --- timeline --------------------------------------------------------------------------


def _span(e: m.Event) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    """The days an event's date could mean, first to last: "2021-03" spans all of March."""
    date = m.linked(e.date, "event date")
    last = max(date.latest(), e.end_date.latest()) if e.end_date else date.latest()
    return date.sort_key(), last


def _overlap(a: m.Event, b: m.Event) -> bool:
    (a0, a1), (b0, b1) = _span(a), _span(b)
    return a0 <= b1 and b0 <= a1


def timeline_events(model: m.Model) -> list[m.Event]:
    """The model's events in timeline order (see order_events)."""
    return order_events(model.events)


def order_events(events: Iterable[m.Event]) -> list[m.Event]:
    """Events in date order; where dates overlap (the same day, or "March 2021" beside
    "3 March 2021"), an event comes after those it responds to, retaliates for, follows or
    investigates. Id breaks the remaining ties.

    A topological sort whose queue is ordered by (date, id): an event waits only for the
    related events its date overlaps, so a relation never pulls an event across a date it
    cannot share. A loop of relations does not stop it: the earliest waiting event goes next.
    """
    events = sorted(events, key=lambda e: (m.linked(e.date, "event date").sort_key(), e.id))
    rank = {e: i for i, e in enumerate(events)}
    waits_for: dict[m.Event, set[m.Event]] = {e: set() for e in events}
    for e in events:
        for r in e.related:
            if r.relation in AFTER_RELATIONS and r.event is not e and r.event in waits_for and _overlap(e, r.event):
                waits_for[e].add(r.event)
    waiting_on: dict[m.Event, list[m.Event]] = defaultdict(list)
    for e, before in waits_for.items():
        for b in before:
            waiting_on[b].append(e)
    ready = [rank[e] for e in events if not waits_for[e]]
    heapq.heapify(ready)
    done: set[m.Event] = set()
    out: list[m.Event] = []
    earliest = 0  # every event before this rank is placed: the scan for a loop's earliest event never restarts
    while len(out) < len(events):
        if not ready:  # a loop of relations: release the earliest event still waiting
            while events[earliest] in done:
                earliest += 1
            heapq.heappush(ready, earliest)
        e = events[heapq.heappop(ready)]
        if e in done:
            continue
        done.add(e)
        out.append(e)
        for after in waiting_on[e]:
            waits_for[after].discard(e)
            if not waits_for[after] and after not in done:
                heapq.heappush(ready, rank[after])
    return out


# A full stop after these words (or after an initial, or inside "U.S.") does not end a sentence.
_ABBREVIATIONS = frozenset(
    "c ca gen lt col maj capt sgt cpl adm brig mr mrs ms dr st vs jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[^\s]|\s*$)")


def _ends_sentence(text: str, at: int) -> bool:
    """Whether the mark at text[at] ends a sentence rather than an abbreviation."""
    if text[at] != ".":
        return True
    word = text[:at].rsplit(None, 1)[-1] if text[:at].strip() else ""
    word = word.strip("()[]\"“”‘’'")
    if not word:  # after a link or a closing bracket
        return True
    return not (len(word) == 1 or "." in word or word.casefold() in _ABBREVIATIONS)


def first_sentence(text: m.Text) -> m.Text:
    """The first sentence of the first paragraph, links kept; the whole paragraph when no
    full stop, question or exclamation mark ends a sentence before its end."""
    out: list[m.Segment] = []
    for seg in text.paragraphs[0]:
        if isinstance(seg, str):
            for mt in _SENTENCE_END.finditer(seg):
                if _ends_sentence(seg, mt.start()):
                    out.append(seg[: mt.end()])
                    return m.Text((tuple(out),))
        out.append(seg)
    return m.Text((tuple(out),))


def _unlink_actors(text: m.Text) -> m.Text:
    paragraphs = []
    for para in text.paragraphs:
        segs: list[m.Segment] = []
        for s in para:
            s = s.text if isinstance(s, m.EntityLink) and isinstance(s.entity, m.Actor) else s
            if isinstance(s, str) and segs and isinstance(segs[-1], str):
                segs[-1] += s
            else:
                segs.append(s)
        paragraphs.append(tuple(segs))
    return m.Text(tuple(paragraphs))


def _words(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"').split()).casefold()


def timeline_lead(e: m.Event) -> tuple[m.Text | None, tuple[m.Citation, ...]]:
    """An event's one line on the timeline: its summary's first sentence, with the summary's
    citations that support it. A quoted citation is kept when the sentence holds its words;
    the others cite the summary as a whole. When none is left, every one is kept.
    Links to actors become their text: the timeline's actor filter reads an entry's actor
    links as the actors taking part. (None for a model built without summaries, as some
    tests build it.)"""
    if e.summary is None:
        return None, ()
    lead = _unlink_actors(first_sentence(e.summary.text))
    said = _words(lead.plain())
    cites = tuple(c for c in e.summary.cite if not c.quote or _words(c.quote).rstrip(".") in said)
    return lead, cites or e.summary.cite


def timeline_years(events: list[m.Event]) -> list[tuple[int, list[m.Event]]]:
    years: dict[int, list[m.Event]] = defaultdict(list)
    for e in events:
        years[m.linked(e.date, "event date").year].append(e)
    return sorted(years.items())


def timeline_pages(model: m.Model) -> list[tuple[str, list[tuple[int, list[m.Event]]]]]:
    """[(page, [(year, events)])]: one page while it stays short, else one page per year
    (the first entry is then the index, with the years and no events)."""
    years = timeline_years(timeline_events(model))
    if len(model.events) <= TIMELINE_PAGE_LIMIT:
        return [(TIMELINE, years)]
    return [(TIMELINE, [])] + [(timeline_year_path(y), [(y, evs)]) for y, evs in years]


# --- lists that stay a readable length ---------------------------------------------------

LIST_LIMIT = 50  # entries a list shows on a page before it links to the whole list
ACTOR_LISTS = {"events": "participations", "positions": "stances", "claims": "claims_about"}
ACTOR_LIST_TITLES = {"events": "events", "positions": "positions on claims", "claims": "claims about it"}


@dataclass(frozen=True, eq=False)
class ListPart:
    """One year of a hub actor's long list, on a page of its own."""

    key: str  # "2021" or "undated"
    path: str  # actors/<id>--events--2021.md ('--' keeps it apart from every entity page)
    items: tuple


def _year_of_claim(claim: m.Claim) -> str:
    event = _claim_event(claim)
    return str(m.linked(event.date, "event date").year) if event is not None else "undated"


_LIST_YEAR = {
    "events": lambda item: str(item[0].date.year),  # (event, participation)
    "positions": lambda item: _year_of_claim(item[0]),  # (claim, stance): the year of the claim's event
    "claims": _year_of_claim,
}


def long_lists(actor: m.Actor) -> dict[str, list[ListPart]]:
    """The lists of an actor's page too long to show whole (more than LIST_LIMIT entries):
    name -> the whole list split by year, a page per year, so that no page grows with the
    explainer and a year's address never moves."""
    out = {}
    for name, attr in ACTOR_LISTS.items():
        items = getattr(actor, attr)
        if len(items) <= LIST_LIMIT:
            continue
        years: dict[str, list] = defaultdict(list)
        for item in items:
            years[_LIST_YEAR[name](item)].append(item)
        keys = sorted(years, key=lambda k: (k == "undated", k))
        out[name] = [ListPart(k, f"actors/{actor.id}--{name}--{k}.md", tuple(years[k])) for k in keys]
    return out


def most_contested(claims: list[m.Claim], limit: int = LIST_LIMIT) -> list[m.Claim]:
    """The `limit` claims on which most positions are taken (ties by id), in their given order."""
    keep = set(heapq.nsmallest(limit, claims, key=lambda c: (-len(c.stances), c.id)))
    return [c for c in claims if c in keep]


@dataclass(frozen=True, eq=False)
class RelationsPart:
    """One page of the relationships page's text list, once it is too long for one page: a
    month (roles in events of that month, statements in sources published then) or a letter
    (the affiliations of actors whose names begin with it)."""

    key: str  # "2021-03", "2021" (dates known to the year), "undated", or "a"
    label: str  # "March 2021", "A"
    path: str
    events: tuple[m.Event, ...] = ()
    routes: tuple[Route, ...] = ()
    affiliated: tuple[m.Actor, ...] = ()


def _month_key(d: PartialDate | None) -> tuple[str, str]:
    """(key, label) of the month a date falls in: "2021-03", "March 2021"; the year alone
    when the date has no month."""
    if d is None:
        return "undated", "date unknown"
    if not d.month:
        return f"{d.year:04d}", f"{d.year} (month unknown)"
    return f"{d.year:04d}-{d.month:02d}", f"{MONTHS[d.month - 1]} {d.year}"


def relationship_parts(model: m.Model, routes: list[Route]) -> list[RelationsPart]:
    """[] while the text list fits one page (at most TIMELINE_PAGE_LIMIT events); beyond, the
    affiliations a page per initial (relationships/affiliations-a.md) and roles and statements
    a page per month (relationships/2021-03.md). Keys are letters and months, so pages never
    renumber; the folder holds no entities."""
    if len(model.events) <= TIMELINE_PAGE_LIMIT:
        return []
    letters: dict[str, list[m.Actor]] = defaultdict(list)
    for a in sorted((a for a in model.actors if a.affiliations), key=lambda a: (a.name.casefold(), a.id)):
        first = a.name[:1].casefold()
        letters[first if "a" <= first <= "z" else "other"].append(a)
    parts = [
        RelationsPart(
            k, k.upper() if k != "other" else "Other", f"relationships/affiliations-{k}.md", affiliated=tuple(v)
        )
        for k, v in sorted(letters.items(), key=lambda kv: (kv[0] == "other", kv[0]))
    ]
    events: dict[tuple[str, str], list[m.Event]] = defaultdict(list)
    for e in timeline_events(model):
        if e.participants:
            events[_month_key(e.date)].append(e)
    by_month: dict[tuple[str, str], list[Route]] = defaultdict(list)
    for r in routes:
        by_month[_month_key(r.source.published)].append(r)
    for key in sorted(set(events) | set(by_month), key=lambda k: (k[0] == "undated", k[0])):
        parts.append(
            RelationsPart(
                key[0], key[1], f"relationships/{key[0]}.md", tuple(events.get(key, ())), tuple(by_month.get(key, ()))
            )
        )
    return parts


def parts_by_year(parts: list[RelationsPart]) -> list[tuple[str, list[RelationsPart]]]:
    """Month parts grouped under their year, for the index's list ("Date unknown" last)."""
    years: dict[str, list[RelationsPart]] = {}
    for p in parts:
        years.setdefault("Date unknown" if p.key == "undated" else p.key[:4], []).append(p)
    return list(years.items())
