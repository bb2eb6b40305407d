"""The relationship diagram: actors, their affiliations and their roles in events, as SVG.

Laid out and drawn at build time by this module: the reader's browser fetches no diagram
library and runs no layout. Events stand in the right-hand column in date order; each actor
stands in a column by how deep it sits in the affiliation hierarchy (a spokesman left of his
department, a militia left of its backer), so every line runs left to right. The order within
a column is refined by barycentre sweeps to cut crossings. Editor text enters the SVG only
through XML escaping.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Callable
from xml.sax.saxutils import escape, quoteattr

from . import model as m
from .render import format_date, humanize

COL_W = 190
GAP = 125  # wide enough for an edge's label beside the box it leaves
PAD = 16
LINE = 15
PORT = 14  # vertical spacing of the lines leaving or entering one box
CHARS = 25  # per line at 12px in a 190px box
MAX_LINES = 3
V_GAP = 14
TOP = 86  # room for the legend

# Edge colours (all at least 4.5:1 on white) and what they stand for; the legend shows them.
STYLES = {
    "affiliation": ("#4b5563", "", "affiliation"),
    "harmed": ("#9a3412", "", "target or victim"),
    "acted": ("#1d4ed8", "", "carried out, ordered or recommended"),
    "alleged": ("#b91c1c", "6 4", "alleged role (a disputed claim)"),
    "other": ("#047857", "", "other role"),
}
ROLE_STYLE = {"target": "harmed", "victim": "harmed", "carried-out": "acted", "ordered": "acted", "recommended": "acted"}
KIND_FILL = {
    "person": "#f3f4f6", "anonymous-group": "#fef9c3", "media-outlet": "#e0f2fe", "state": "#ede9fe",
    "government-body": "#dbeafe", "armed-forces": "#dbeafe", "armed-group": "#fee2e2", "organization": "#dcfce7",
}


@dataclass(frozen=True, eq=False)
class Relation:
    source: m.Actor
    target: m.Entity  # an actor (affiliation) or an event (role)
    label: str
    style: str
    claim: m.Claim | None = None  # the claim alleging a contested role


def relations(model: m.Model) -> list[Relation]:
    out = []
    for a in model.actors:
        for f in a.affiliations:
            out.append(Relation(a, f.actor, humanize(f.relation), "affiliation"))
    for e in model.events:
        for p in e.participants:
            style = "alleged" if p.claim is not None else ROLE_STYLE.get(p.role, "other")
            label = humanize(p.role) + (", alleged" if p.claim is not None else "")
            out.append(Relation(p.actor, e, label, style, p.claim))
    return out


@dataclass(eq=False)
class Node:
    entity: m.Entity
    col: int
    lines: list[str]
    caption: str
    ports: int = 0  # the most lines on one side: the box grows so they stay apart
    x: float = 0
    y: float = 0

    @property
    def h(self) -> float:
        return max(14 + LINE * len(self.lines) + 13, PORT * self.ports + 8)


def wrap(text: str, width: int = CHARS, max_lines: int = MAX_LINES) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        while len(word) > width:  # a single overlong word is cut, not allowed to overflow the box
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width - 1] + "-")
            word = word[width - 1:]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:width - 1].rstrip() + "…"
    return lines or [""]


def _depths(actors: list[m.Actor], rels: list[Relation]) -> dict[m.Actor, int]:
    up: dict[m.Actor, list[m.Actor]] = defaultdict(list)
    for r in rels:
        if r.style == "affiliation":
            up[r.source].append(r.target)
    depth: dict[m.Actor, int] = {}
    visiting: set[m.Actor] = set()

    def d(a: m.Actor) -> int:
        if a in depth:
            return depth[a]
        if a in visiting:  # an affiliation loop (allies of each other): cut it here
            return -1
        visiting.add(a)
        depth[a] = 1 + max((d(b) for b in up[a]), default=-1)
        visiting.discard(a)
        return depth[a]

    for a in actors:
        d(a)
    return depth


def layout(model: m.Model, rels: list[Relation]) -> tuple[list[Node], float, float]:
    involved = {r.source for r in rels} | {r.target for r in rels if isinstance(r.target, m.Actor)}
    actors = [a for a in model.actors if a in involved]
    depth = _depths(actors, rels)
    top = max(depth.values(), default=0)
    events = sorted(model.events, key=lambda e: (e.date.sort_key(), e.id))
    nodes: dict[m.Entity, Node] = {}
    for a in sorted(actors, key=lambda a: (a.kind, a.name.casefold(), a.id)):
        nodes[a] = Node(a, top - depth[a], wrap(a.name), humanize(a.kind))
    for e in events:
        nodes[e] = Node(e, top + 1, wrap(e.title), format_date(e.date, e.approximate))
    outs, ins = defaultdict(int), defaultdict(int)
    for r in rels:
        outs[r.source] += 1
        ins[r.target] += 1
    columns: dict[int, list[Node]] = defaultdict(list)
    for n in nodes.values():
        n.ports = max(outs[n.entity], ins[n.entity])
        columns[n.col].append(n)
    _order(columns, nodes, rels)
    _place(columns, nodes, rels)
    height = max((n.y + n.h for n in nodes.values()), default=TOP)
    width = PAD * 2 + (top + 2) * COL_W + (top + 1) * GAP
    return list(nodes.values()), width, height + PAD


def _order(columns: dict[int, list[Node]], nodes: dict[m.Entity, Node], rels: list[Relation]) -> None:
    """Barycentre sweeps; events keep their date order, which the reader relies on."""
    near: dict[Node, list[Node]] = defaultdict(list)
    for r in rels:
        a, b = nodes[r.source], nodes[r.target]
        near[a].append(b)
        near[b].append(a)
    event_col = max(columns)
    for _ in range(4):
        for col in sorted(columns, reverse=True):
            if col == event_col:
                continue
            pos = {n: i / max(1, len(columns[n.col]) - 1) for c in columns.values() for i, n in enumerate(c)}
            current = list(columns[col])

            def key(n: Node, current=current, pos=pos):
                ns = [pos[x] for x in near[n] if x.col != col]
                return (sum(ns) / len(ns) if ns else pos[n], current.index(n))

            columns[col] = sorted(current, key=key)


def _place(columns: dict[int, list[Node]], nodes: dict[m.Entity, Node], rels: list[Relation]) -> None:
    """Events stack down the right; every other column, from right to left, sets each box
    level with the boxes it links to on its right, as far as the boxes above it allow."""
    right: dict[Node, list[Node]] = defaultdict(list)
    for r in rels:
        a, b = nodes[r.source], nodes[r.target]
        if b.col > a.col:
            right[a].append(b)
    for col in sorted(columns, reverse=True):
        y = TOP
        for n in columns[col]:
            n.x = PAD + col * (COL_W + GAP)
            targets = right[n]
            wanted = sum(t.y + t.h / 2 for t in targets) / len(targets) - n.h / 2 if targets else y
            n.y = max(y, wanted)
            y = n.y + n.h + V_GAP


def render_svg(model: m.Model, href: Callable[[m.Entity], str]) -> str:
    """The diagram as a standalone SVG document; `href` gives each entity's page URL
    relative to the SVG file (its boxes are links when the SVG is opened on its own)."""
    rels = relations(model)
    nodes, width, height = layout(model, rels)
    at = {n.entity: n for n in nodes}
    featured = model.site.featured_event
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="t" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="t">Relationships between {len([n for n in nodes if isinstance(n.entity, m.Actor)])} actors '
        f'and {len([n for n in nodes if isinstance(n.entity, m.Event)])} events</title>',
        f'<rect width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    out += _legend()
    # Each line gets its own point on the side of the boxes it joins, in the order of the
    # boxes at its other end, so lines fan out instead of crossing at the box.
    centre = lambda n: n.y + n.h / 2  # noqa: E731
    start, end = {}, {}
    out_of, into = defaultdict(list), defaultdict(list)
    for r in rels:
        out_of[r.source].append(r)
        into[r.target].append(r)
    for n in nodes:
        leaving = sorted(out_of[n.entity], key=lambda r: (centre(at[r.target]), at[r.target].x))
        for i, r in enumerate(leaving):
            start[r] = n.y + n.h * (i + 1) / (len(leaving) + 1)
        entering = sorted(into[n.entity], key=lambda r: (centre(at[r.source]), at[r.source].x))
        for i, r in enumerate(entering):
            end[r] = n.y + n.h * (i + 1) / (len(entering) + 1)
    labels = []
    for r in rels:
        a, b = at[r.source], at[r.target]
        colour, dash, _ = STYLES[r.style]
        x1, y1 = a.x + COL_W, start[r]
        x2, y2 = b.x, end[r]
        if x2 <= x1:  # an affiliation loop within one column: bow out to the right
            x2, bend = b.x + COL_W, GAP / 2
            d = f"M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 + bend:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        else:
            mid = x1 + min(GAP * 0.9, (x2 - x1) / 2)
            d = f"M{x1:.1f},{y1:.1f} C{mid:.1f},{y1:.1f} {x2 - GAP * 0.5:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<path d="{d}" fill="none" stroke="{colour}" stroke-width="1.6"{dash_attr} marker-end="url(#arrow-{r.style})">'
                   f'<title>{escape(f"{r.source.label}: {r.label} {r.target.label}")}</title></path>')
        # The label sits just after the line leaves its box, where lines are still apart.
        labels.append(f'<text x="{x1 + 6:.1f}" y="{y1 - 3:.1f}" font-size="10" fill="{colour}" '
                      f'stroke="#ffffff" stroke-width="3" paint-order="stroke">{escape(_short(r.label))}</text>')
    out += labels
    for n in nodes:
        out += _box(n, href(n.entity), n.entity is featured)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _short(label: str, width: int = 21) -> str:
    return label if len(label) <= width else label[:width - 1].rstrip() + "…"


def _legend() -> list[str]:
    out = ["<defs>"]
    for name, (colour, _, _) in STYLES.items():
        out.append(f'<marker id="arrow-{name}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
                   f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>')
    out.append("</defs>")
    x, y = PAD, 22
    out.append(f'<text x="{x}" y="{y}" font-weight="bold" fill="#111827">Lines:</text>')
    x += 50
    for i, (name, (colour, dash, meaning)) in enumerate(STYLES.items()):
        if i == 3:
            x, y = PAD + 50, y + 22
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<line x1="{x}" y1="{y - 4}" x2="{x + 28}" y2="{y - 4}" stroke="{colour}" stroke-width="2"{dash_attr}/>')
        out.append(f'<text x="{x + 34}" y="{y}" fill="#111827">{escape(meaning)}</text>')
        x += 40 + 7 * len(meaning)
    out.append(f'<text x="{PAD}" y="{y + 24}" fill="#374151">Actors stand left of the bodies they belong to; events, in date order, on the right.</text>')
    return out


def _box(n: Node, url: str, featured: bool) -> list[str]:
    fill = KIND_FILL.get(getattr(n.entity, "kind", ""), "#f3f4f6") if isinstance(n.entity, m.Actor) else "#ffffff"
    stroke, width = ("#b45309", 3) if featured else ("#374151", 1)
    out = [f"<a href={quoteattr(url)}>",
           f'<rect x="{n.x:.1f}" y="{n.y:.1f}" width="{COL_W}" height="{n.h:.1f}" rx="6" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>']
    weight = ' font-weight="bold"' if featured else ""
    for i, line in enumerate(n.lines):
        out.append(f'<text x="{n.x + 8:.1f}" y="{n.y + 18 + i * LINE:.1f}" fill="#111827"{weight}>{escape(line)}</text>')
    caption = n.caption + (" · featured" if featured else "")
    out.append(f'<text x="{n.x + 8:.1f}" y="{n.y + n.h - 8:.1f}" font-size="10" fill="#4b5563">{escape(caption)}</text>')
    out.append("</a>")
    return out
