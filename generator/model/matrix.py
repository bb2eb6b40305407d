"""The who-says-what matrix, split so that no page holds one giant table.

Pages of a bounded number of claims (SHEET_ROWS), a section per event, and each section
into tables of a bounded number of actor columns (SHEET_COLUMNS), however large the
content grows. Past one page, a page per month of the events' dates, at addresses that
never move.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import entities as m
from .ratings import STATUSES
from .timeline import month_key, timeline_events
from .urls import MATRIX, matrix_sheet_path

SHEET_ROWS = 25  # claims per matrix page
SHEET_COLUMNS = 6  # actors per table: one table fits a desktop column and scrolls on a phone


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


def claim_event(claim: m.Claim) -> m.Event | None:
    """The event a claim is filed under: the first event it is about, if any."""
    return next((x for x in claim.about if isinstance(x, m.Event)), None)


NO_EVENT = "no-event"


def _month(event: m.Event | None) -> tuple[str, str]:
    """(key, label) of the month an event's claims are filed under; the year alone when the
    date has no month."""
    if event is None:
        return NO_EVENT, "Claims about no event"
    return month_key(m.linked(event.date, "event date"))


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
        groups[claim_event(c)].append(c)
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
