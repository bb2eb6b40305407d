"""What changed between two versions of one entity, in words, a line each.

`explainer diff` (editors/changes.py) prints these lines for a pull request; the Updates
section of a page (history.py) shows them to readers. Editor text in them is inert
(text.inert), as on the site; an id is set in backquotes, a name in quotation marks.
"""

from __future__ import annotations

import re

from ..model import entities as m
from .text import format_date, humanize, inert, md_url


def q(text) -> str:
    return inert(text)


def code(text: str) -> str:
    """A path or ref as code when that is safe; code spans show character references literally."""
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._/~^@{}:+-]+", text) and "`" not in text else q(text)


def named(e) -> str:
    return f"{q(e.label)} (`{e.id}`)"


def _date(d) -> str:
    return d.iso() if d is not None else "none"


def _sources(cites) -> list[str]:
    return sorted({c.source.id for c in cites})


def _citing(cites) -> str:
    names = [f"{q(c.source.title)} (`{c.source.id}`)" for c in cites]
    return f", citing {', '.join(dict.fromkeys(names))}" if names else ""


def _cite_changes(old, new, what: str) -> list[str]:
    out = []
    o, n = {c.source.id: c for c in old}, {c.source.id: c for c in new}
    for sid in sorted(n.keys() - o.keys()):
        out.append(f"{what}: now also cites {q(n[sid].source.title)} (`{sid}`)")
    for sid in sorted(o.keys() - n.keys()):
        out.append(f"{what}: no longer cites `{sid}`")
    for sid in sorted(o.keys() & n.keys()):
        if o[sid].quote != n[sid].quote:
            out.append(
                f"{what}: the quote from `{sid}` changed"
                + (f" to “{q(n[sid].quote)}”" if n[sid].quote else " (removed)")
            )
        ov, nv = o[sid].via, n[sid].via
        if (ov and ov.id) != (nv and nv.id):
            out.append(
                f"{what}: `{sid}` is now cited {'via `' + nv.id + '`' if nv else 'directly'} (was "
                f"{'via `' + ov.id + '`' if ov else 'direct'})"
            )
    return out


def value(label: str, old, new, show=q) -> list[str]:
    if old == new:
        return []
    if old in (None, "", ()):
        return [f"{label} set to {show(new)}"]
    if new in (None, "", ()):
        return [f"{label} removed (was {show(old)})"]
    return [f"{label} changed from {show(old)} to {show(new)}"]


def _date_change(label: str, old, new) -> list[str]:
    if (old and old.iso()) == (new and new.iso()):
        return []
    line = f"{label} {_date(old)} → {_date(new)}"
    if old is not None and new is not None and old.precision != new.precision:
        line += f" (precision {old.precision} → {new.precision})"
    return [line]


def _text_change(label: str, old, new) -> list[str]:
    o, n = old.plain() if old else "", new.plain() if new else ""
    if o == n:
        return []
    short = n if len(n) <= 160 else n[:157].rsplit(" ", 1)[0] + " …"
    return [f"{label} rewritten: “{q(short)}”"]


def _cited_text(label: str, old, new) -> list[str]:
    return _text_change(label, old.text, new.text) + _cite_changes(old.cite, new.cite, label)


def _keyed(old, new, key, added, removed, changed) -> list[str]:
    """Items matched by a key (the nth item with that key matches the nth)."""

    def index(items):
        seen: dict = {}
        out = {}
        for it in items:
            k = key(it)
            seen[k] = seen.get(k, -1) + 1
            out[(k, seen[k])] = it
        return out

    o, n = index(old), index(new)
    lines = []
    for k in n:
        if k not in o:
            lines += [added(n[k])]
        else:
            lines += changed(o[k], n[k])
    lines += [removed(o[k]) for k in o if k not in n]
    return lines


def _actor(o: m.Actor, n: m.Actor) -> list[str]:
    out = value("name", o.name, n.name) + value("kind", o.kind, n.kind, humanize)
    for a in sorted(set(n.aliases) - set(o.aliases)):
        out.append(f"alias added: {q(a)}")
    for a in sorted(set(o.aliases) - set(n.aliases)):
        out.append(f"alias removed: {q(a)}")
    out += _cited_text("summary", o.summary, n.summary)

    def desc(a):
        return f"{humanize(a.relation)} {named(a.actor)}"

    def changed(x, y):
        what = f"affiliation ({desc(y)})"
        return (
            value(f"{what}: title", x.title, y.title)
            + _date_change(f"{what}: since", x.since, y.since)
            + _date_change(f"{what}: until", x.until, y.until)
            + _date_change(f"{what}: as of", x.as_of, y.as_of)
            + _cite_changes(x.cite, y.cite, what)
        )

    out += _keyed(
        o.affiliations,
        n.affiliations,
        lambda a: (a.relation, a.actor.id),
        lambda a: f"affiliation added: {desc(a)}{_citing(a.cite)}",
        lambda a: f"affiliation removed: {desc(a)}",
        changed,
    )
    return out


def _event(o: m.Event, n: m.Event) -> list[str]:
    out = value("title", o.title, n.title) + _date_change("date", o.date, n.date)
    out += value("approximate date", o.approximate, n.approximate, str) + _date_change(
        "end date", o.end_date, n.end_date
    )
    out += value("place", o.place, n.place) + value("kind", o.kind, n.kind, humanize)
    out += _cited_text("summary", o.summary, n.summary)
    out += _participants(o, n) + _casualties(o, n)
    out += _keyed(
        o.related,
        n.related,
        lambda r: (r.relation, r.event.id),
        lambda r: f"now {humanize(r.relation)} {named(r.event)}",
        lambda r: f"no longer {humanize(r.relation)} {named(r.event)}",
        lambda x, y: _cite_changes(x.cite, y.cite, f"{humanize(y.relation)} {named(y.event)}"),
    )
    return out


def _participants(o: m.Event, n: m.Event) -> list[str]:
    def part(p):
        claim = f" (alleged in `{p.claim.id}`)" if p.claim else ""
        return f"{named(p.actor)} as {humanize(p.role)}{claim}"

    def part_changed(x, y):
        what = f"participant {part(y)}"
        return (
            value(f"{what}: claim", x.claim and x.claim.id, y.claim and y.claim.id, str)
            + value(f"{what}: note", x.note, y.note)
            + _cite_changes(x.cite, y.cite, what)
        )

    return _keyed(
        o.participants,
        n.participants,
        lambda p: (p.actor.id, p.role),
        lambda p: f"participant added: {part(p)}{_citing(p.cite)}",
        lambda p: f"participant removed: {part(p)}",
        part_changed,
    )


def _casualties(o: m.Event, n: m.Event) -> list[str]:
    def cas(c):
        return q(c.statement)

    def figure(c):
        if c.reported == "none":
            return "none reported"
        return f"{humanize(c.qualifier)} {c.count}" + (" (reportedly)" if c.reported == "reportedly" else "")

    def cas_changed(x, y):
        what = f"casualties ({y.kind}, {q(y.who or y.statement)})"
        lines = [] if figure(x) == figure(y) else [f"{what}: {figure(x)} → {figure(y)}"]
        return (
            lines
            + value(f"{what}: cause", x.cause, y.cause)
            + value(f"{what}: note", x.note, y.note)
            + _cite_changes(x.cite, y.cite, what)
        )

    return _keyed(
        o.casualties,
        n.casualties,
        lambda c: (c.kind, c.who or ""),
        lambda c: f"casualty figure added: {cas(c)}{_citing(c.cite)}",
        lambda c: f"casualty figure removed: {cas(c)}",
        cas_changed,
    )


def _claim(o: m.Claim, n: m.Claim) -> list[str]:
    out = value("proposition", o.proposition, n.proposition)
    for e in sorted({x.id: x for x in n.about}.keys() - {x.id for x in o.about}):
        out.append(f"now about `{e}`")
    for e in sorted({x.id for x in o.about} - {x.id for x in n.about}):
        out.append(f"no longer about `{e}`")

    def stance_changed(x, y):
        who = f"stance of {q(y.actor.label)}"
        lines = []
        if x.position != y.position:
            lines.append(f"{who} changed from {humanize(x.position)} to {humanize(y.position)}{_citing(y.cite)}")
        lines += _date_change(f"{who}: date", x.date, y.date) + value(f"{who}: note", x.note, y.note)
        return lines + _cite_changes(x.cite, y.cite, who)

    out += _keyed(
        o.stances,
        n.stances,
        lambda s: s.actor.id,
        lambda s: f"stance added: {q(s.actor.label)} {humanize(s.position)}{_citing(s.cite)}",
        lambda s: f"stance removed: {q(s.actor.label)} {humanize(s.position)}",
        stance_changed,
    )
    oa, na = o.assessment, n.assessment
    if oa is None and na is not None:
        out.append(f"assessment added: {na.verdict}{_citing(na.cite)}")
    elif oa is not None and na is None:
        out.append(f"assessment removed (was {oa.verdict})")
    elif oa is not None and na is not None:
        out += value("assessment", oa.verdict, na.verdict, str) + _text_change(
            "assessment reason", oa.reason, na.reason
        )
        out += _cite_changes(oa.cite, na.cite, "assessment")
    if o.status != n.status:
        out.append(f"status changed from {o.status} to {n.status}")
    return out


def _source(o: m.Source, n: m.Source) -> list[str]:
    out = value("title", o.title, n.title)
    out += _text_change("summary", o.summary and o.summary.text, n.summary and n.summary.text)
    out += _cite_changes(o.summary.cite if o.summary else (), n.summary.cite if n.summary else (), "summary")
    out += value("publisher", o.publisher and o.publisher.id, n.publisher and n.publisher.id, lambda v: f"`{v}`")
    out += _date_change("published", o.published, n.published) + value("kind", o.kind, n.kind, humanize)
    out += value("access", o.access, n.access, str)
    for f in ("url", "archived_url", "archived_text"):
        out += value(
            f.replace("_", " "), getattr(o, f), getattr(n, f), lambda v, f=f: f"<{md_url(v)}>" if "url" in f else q(v)
        )
    for a in sorted({x.id for x in n.authors} - {x.id for x in o.authors}):
        out.append(f"author added: `{a}`")
    for a in sorted({x.id for x in o.authors} - {x.id for x in n.authors}):
        out.append(f"author removed: `{a}`")
    for s in sorted({x.id for x in n.cites} - {x.id for x in o.cites}):
        out.append(f"reporting chain: now relays `{s}`")
    for s in sorted({x.id for x in o.cites} - {x.id for x in n.cites}):
        out.append(f"reporting chain: no longer relays `{s}`")
    return out


def added(e) -> str:
    if isinstance(e, m.Source):
        pub = f", published by {q(e.publisher.label)} {format_date(e.published)}" if e.publisher else ""
        chain = f", relaying {', '.join(f'`{c.id}`' for c in e.cites)}" if e.cites else ""
        return f"added: {named(e)}{pub}{chain}"
    if isinstance(e, m.Event):
        return f"added: {named(e)}, {_date(e.date)}"
    if isinstance(e, m.Claim):
        stances = "; ".join(f"{q(s.actor.label)} {humanize(s.position)}" for s in e.stances)
        return f"added: {named(e)} ({e.status}: {stances})"
    return f"added: {named(e)}, {humanize(e.kind)}"


def describe_site(o: m.Site, n: m.Site) -> list[str]:
    out = value("title", o.title, n.title) + _cited_text("lede", o.lede, n.lede)
    out += value("featured event", o.featured_event.id, n.featured_event.id, lambda v: f"`{v}`")
    out += _keyed(
        o.questions,
        n.questions,
        lambda q: q.question,
        lambda q: f"question added: {q(q.question)}",
        lambda q: f"question removed: {q(q.question)}",
        lambda x, y: (
            _text_change(f"answer to {q(y.question)}", x.answer, y.answer)
            + _cite_changes(x.cite, y.cite, f"answer to {q(y.question)}")
        ),
    )
    return out


def describe_entity(o: m.Entity, n: m.Entity) -> list[str]:
    """What changed between two versions of one entity (both of its kind), a line each."""
    if isinstance(o, m.Actor) and isinstance(n, m.Actor):
        return _actor(o, n)
    if isinstance(o, m.Event) and isinstance(n, m.Event):
        return _event(o, n)
    if isinstance(o, m.Claim) and isinstance(n, m.Claim):
        return _claim(o, n)
    if isinstance(o, m.Source) and isinstance(n, m.Source):
        return _source(o, n)
    raise TypeError(f"{o!r} and {n!r} are not two versions of one entity")
