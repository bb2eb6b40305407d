"""The timeline: events in an order a reader can follow, and each event's one line.

Events go in date order; where dates overlap, an event comes after those it responds to.
Past TIMELINE_PAGE_LIMIT events the timeline is a page per year. month_key files dates
under months for the matrix and the relationships page alike.
"""

from __future__ import annotations

import heapq
import re
from collections import defaultdict
from collections.abc import Iterable

from ..content.values import MONTHS, PartialDate
from ..content.vocab import AFTER_RELATIONS
from . import entities as m
from .urls import TIMELINE, timeline_year_path

TIMELINE_PAGE_LIMIT = 80  # more events than this: one timeline page per year


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


def month_key(d: PartialDate | None) -> tuple[str, str]:
    """(key, label) of the month a date falls in: "2021-03", "March 2021"; the year alone
    when the date has no month."""
    if d is None:
        return "undated", "date unknown"
    if not d.month:
        return f"{d.year:04d}", f"{d.year} (month unknown)"
    return f"{d.year:04d}-{d.month:02d}", f"{MONTHS[d.month - 1]} {d.year}"
