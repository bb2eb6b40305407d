"""The relationship diagram: the story's events, who took part in them, who belongs to whom,
and how each statement reached the articles (speaker -> relayed report -> article), as SVG.

This module chooses what to draw and how it looks; Graphviz `dot`, run at build time, lays it
out (`apt-get install graphviz`). The reader's browser fetches no diagram library and runs no
layout: the output is a static SVG with no script and no external reference. Its bytes depend
on the installed Graphviz version and the fonts it measures text with, so the same commit gives
the same diagram on one machine, and may place boxes a little differently on another.

Editor text reaches the DOT source only as escaped, double-quoted strings (never HTML-like
labels), and reaches the SVG through Graphviz's XML escaping and then ElementTree, which also
checks that the result is well-formed.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..model import entities as m
from ..model.statements import claim_chains, statement_routes
from ..model.timeline import timeline_events
from .text import format_date, humanize

# Beyond this many boxes dot takes seconds and the drawing stops being readable: the diagram
# then keeps the featured event's neighbourhood (the open data and the text list keep all).
MAX_NODES = 90
CHARS = 26  # per line in a box
MAX_LINES = 3

# Edge colours (all at least 4.5:1 on white), dash pattern and what they stand for; the legend shows them.
STYLES = {
    "affiliation": ("#4b5563", "", "belongs to, speaks for or is backed by"),
    "harmed": ("#9a3412", "", "target or victim"),
    "acted": ("#1d4ed8", "", "carried out, ordered or recommended"),
    "alleged": ("#b91c1c", "dashed", "alleged role (it rests on a claim)"),
    "other": ("#047857", "", "other role"),
    "said": ("#6d28d9", "", "took a position, in the report it points to"),
    "relayed": ("#6d28d9", "dashed", "report relayed in an article"),
}
ROLE_STYLE = {
    "target": "harmed",
    "victim": "harmed",
    "carried-out": "acted",
    "ordered": "acted",
    "recommended": "acted",
}
KIND_FILL = {
    "person": "#f3f4f6",
    "anonymous-group": "#fef9c3",
    "media-outlet": "#e0f2fe",
    "state": "#ede9fe",
    "government-body": "#dbeafe",
    "armed-forces": "#dbeafe",
    "armed-group": "#fee2e2",
    "organization": "#dcfce7",
}
SOURCE_FILL = "#fff7ed"
FEATURED = "#b45309"
INK, MUTED = "#111827", "#4b5563"
SVG_NS = "http://www.w3.org/2000/svg"
XLINK = "{http://www.w3.org/1999/xlink}"


# What the diagram draws a box for (claims are drawn as the lines of their attribution chains).
Node = m.Actor | m.Event | m.Source


@dataclass(frozen=True, eq=False)
class Edge:
    tail: Node
    head: Node
    label: str
    style: str


@dataclass(frozen=True, eq=False)
class Diagram:
    nodes: tuple[Node, ...]  # the featured event first, then the other events in date order
    edges: tuple[Edge, ...]
    total: int  # boxes in the whole story, before any bound


def story_edges(model: m.Model) -> list[Edge]:
    """Roles in events, the attribution chains of all claims, and the affiliations of the actors
    those involve (whom they belong to or speak for). Actors with no part in an event or a
    claim are left out, and so are their affiliations."""
    out = []
    for e in model.events:
        for p in e.participants:
            style = "alleged" if p.claim is not None else ROLE_STYLE.get(p.role, "other")
            out.append(Edge(p.actor, e, humanize(p.role) + (", alleged" if p.claim is not None else ""), style))
    said: dict[tuple, list[str]] = {}
    relayed: dict[tuple, None] = {}
    for r in statement_routes(model):
        positions = said.setdefault((r.speaker, r.relay if r.relay is not None else r.source), [])
        positions += [p for p in r.positions if p not in positions]
        if r.relay is not None:
            relayed[(r.relay, r.source)] = None
    out += [Edge(a, b, ", ".join(map(humanize, ps)), "said") for (a, b), ps in said.items()]
    out += [Edge(a, b, "relayed in", "relayed") for a, b in relayed]
    involved = {e.tail for e in out if isinstance(e.tail, m.Actor)}
    involved |= {a for c in model.claims for a in c.about if isinstance(a, m.Actor)}
    for a in model.actors:
        for f in a.affiliations:
            if a in involved:
                out.append(Edge(a, f.actor, humanize(f.relation), "affiliation"))
    return out


def diagram(model: m.Model, limit: int = MAX_NODES) -> Diagram:
    """What the diagram draws: the whole story while it has at most `limit` boxes, else the
    featured event, the attribution chains of the claims about it, and then the boxes
    nearest those (breadth first over the drawn lines) up to `limit`."""
    edges = story_edges(model)
    featured = model.site.featured_event
    events = [featured] + [e for e in timeline_events(model) if e is not featured]
    nodes: list[Node] = list(dict.fromkeys([*events, *(x for e in edges for x in (e.tail, e.head))]))
    total = len(nodes)
    if total > limit:
        near: dict[Node, list[Node]] = {}
        for e in edges:
            near.setdefault(e.tail, []).append(e.head)
            near.setdefault(e.head, []).append(e.tail)
        chains = [
            x for c in featured.claims_about for ch in claim_chains(c) for x in (ch.speaker, ch.relay, ch.source) if x
        ]
        queue: list[Node] = list(dict.fromkeys([featured, *chains]))[:limit]
        keep = set(queue)
        for x in queue:  # breadth first: the list grows while it is walked
            for y in near.get(x, ()):
                if y not in keep and len(keep) < limit:
                    keep.add(y)
                    queue.append(y)
        nodes = [x for x in nodes if x in keep]
        edges = [e for e in edges if e.tail in keep and e.head in keep]
    return Diagram(tuple(nodes), tuple(edges), total)


def wrap(text: str, width: int = CHARS, max_lines: int = MAX_LINES) -> list[str]:
    """Words filled into lines of at most `width` characters, at most `max_lines` of them;
    an overlong word is cut and the last line ends in "…" when text is left over."""
    lines, line = [], ""
    for word in text.split():
        while len(word) > width:
            if line:
                lines.append(line)
                line = ""
            lines.append(word[: width - 1] + "-")
            word = word[width - 1 :]
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return lines or [""]


def dot_string(*lines: str) -> str:
    """The lines as one double-quoted DOT string, shown literally, one line under another.

    A backslash would start an escape (\\N is the node's name, \\n a line break) and "&name;"
    would pass into the SVG as an entity, so both are escaped along with the quote; a line
    break inside a line becomes a space."""

    def escape(text: str) -> str:
        return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")

    return '"' + "\\n".join(map(escape, lines)) + '"'


def box(entity: Node, featured: bool) -> tuple[list[str], str, dict[str, str]]:
    """A box's lines of text, its caption (the last, smaller line) and its DOT attributes."""
    if isinstance(entity, m.Event):
        caption = format_date(entity.date, entity.approximate) + (" · featured" if featured else "")
        attrs = {
            "fillcolor": "#ffffff",
            "penwidth": "3" if featured else "1.2",
            "color": FEATURED if featured else "#374151",
        }
        return wrap(entity.title), caption, attrs
    if isinstance(entity, m.Source):
        name = entity.publisher.name if entity.publisher is not None else entity.title
        kind = humanize(entity.kind) if entity.kind != "other" else ""
        caption = ", ".join(x for x in (kind, format_date(entity.published)) if x)
        return wrap(name), caption, {"shape": "note", "fillcolor": SOURCE_FILL, "color": "#9a3412"}
    return wrap(entity.label), humanize(entity.kind), {"fillcolor": KIND_FILL.get(entity.kind, "#f3f4f6")}


def to_dot(d: Diagram, featured: m.Event, href: Callable[[m.Entity], str]) -> str:
    """The DOT source, read left to right: the featured event alone in the first column, then
    the actors and other events, then the reports and articles. Every line points from actor
    to event, from a speaker to the report that carries the statement, and from a relayed
    report to the article."""
    ids = {x: f"n{i}" for i, x in enumerate(d.nodes)}
    out = [
        "digraph story {",
        '  graph [rankdir=LR, ranksep=0.7, nodesep=0.22, pad=0.15, bgcolor="#ffffff", fontname="sans-serif"];',
        f'  node [shape=box, style="rounded,filled", fontname="sans-serif", fontsize=12, fontcolor="{INK}", '
        'margin="0.12,0.06", penwidth=1];',
        '  edge [fontname="sans-serif", fontsize=10, penwidth=1.4, arrowsize=0.7];',
    ]
    for x in d.nodes:
        lines, caption, attrs = box(x, x is featured)
        out.append(f"  {ids[x]} [{_attrs({'id': ids[x], 'label': (*lines, caption), 'URL': href(x), **attrs})}];")
    # The featured event alone in the first column. Holding every event in that column, the
    # featured one on top (invisible lines within the column), cost 39 more crossing lines.
    out.append(f"  {{ rank=source; {ids[featured]} }}")
    for i, e in enumerate(d.edges):
        colour, dash, _ = STYLES[e.style]
        attrs = {"id": f"e{i}", "label": e.label, "color": colour, "fontcolor": colour}
        if dash:
            attrs["style"] = dash
        if isinstance(e.head, m.Event):  # drawn from the event's column, the arrow still pointing at the event
            out.append(f"  {ids[e.head]} -> {ids[e.tail]} [{_attrs({**attrs, 'dir': 'back'})}];")
        else:
            out.append(f"  {ids[e.tail]} -> {ids[e.head]} [{_attrs(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _attrs(attrs: Mapping[str, str | tuple[str, ...]]) -> str:
    """DOT attributes, every value quoted and escaped; a tuple is lines of one label."""
    return ", ".join(f"{k}={dot_string(*v) if isinstance(v, tuple) else dot_string(v)}" for k, v in attrs.items())


def render_svg(model: m.Model, href: Callable[[m.Entity], str]) -> str:
    """The diagram as a standalone SVG document; `href` gives each entity's page URL
    relative to the SVG file (its boxes are links when the SVG is opened on its own)."""
    d = diagram(model)
    svg = run_dot(to_dot(d, model.site.featured_event, href))
    return finish(svg, d)


def run_dot(source: str) -> str:
    dot = shutil.which("dot")
    if dot is None:
        raise RuntimeError(
            "Graphviz's `dot` draws the relationship diagram and is not installed: "
            "run `make site`, which installs it, or `apt-get install graphviz`"
        )
    proc = subprocess.run([dot, "-Tsvg"], input=source.encode("utf-8"), capture_output=True, check=False)
    if proc.returncode != 0:
        raise RuntimeError(
            f"Graphviz's `dot` failed on the relationship diagram: {proc.stderr.decode('utf-8', 'replace')}"
        )
    return proc.stdout.decode("utf-8")


LEGEND_ROW = 18
LEGEND_WIDTH = 340  # wide enough for the longest line of the key at 12px


def finish(svg: str, d: Diagram) -> str:
    """Dot's SVG made self-contained and accessible: no DOCTYPE, comments or xlink; a title
    and description for the whole; every box and line titled with what it stands for; the
    key added on top."""
    ET.register_namespace("", SVG_NS)
    ns = f"{{{SVG_NS}}}"
    dot_root = ET.fromstring(svg)
    graph = _find(dot_root, f"{ns}g")
    _retitle(graph, d, ns)
    _, _, w, h = (float(v) for v in _attr(dot_root, "viewBox").split())
    key = ET.Element(f"{ns}g")
    top = _legend(key, ns, d)
    width, height = max(w, LEGEND_WIDTH), h + top
    root = ET.Element(
        f"{ns}svg",
        {
            "width": f"{width:.0f}",
            "height": f"{height:.0f}",
            "viewBox": f"0 0 {width:.0f} {height:.0f}",
            "role": "img",
            "aria-labelledby": "diagram-title diagram-desc",
        },
    )

    def count(kind: type, one: str, many: str) -> str:
        n = sum(isinstance(x, kind) for x in d.nodes)
        return f"{n} {one if n == 1 else many}"

    ET.SubElement(root, f"{ns}title", id="diagram-title").text = (
        f"The story in relationships: {count(m.Event, 'event', 'events')}, {count(m.Actor, 'actor', 'actors')} "
        f"and {count(m.Source, 'report or article', 'reports and articles')}"
    )
    ET.SubElement(root, f"{ns}desc", id="diagram-desc").text = (
        "Who took part in which event, who belongs to whom, and how each statement reached the articles: "
        "from the speaker through any relayed report to the article that carries it."
        + (
            f" Only the {len(d.nodes)} of {d.total} boxes nearest the featured event are drawn."
            if len(d.nodes) < d.total
            else ""
        )
    )
    ET.SubElement(root, f"{ns}rect", width=f"{width:.0f}", height=f"{height:.0f}", fill="#ffffff")
    root.extend(key)
    ET.SubElement(root, f"{ns}g", transform=f"translate(0 {top:.0f})").append(graph)
    ET.indent(root, space="")
    return ET.tostring(root, encoding="unicode") + "\n"


def _retitle(graph: ET.Element, d: Diagram, ns: str) -> None:
    """Dot titles boxes and lines with internal ids: title them with what they stand for, set
    each box's caption (its last line) smaller, and make links plain `href`s."""
    for t in graph.findall(f"{ns}title"):
        graph.remove(t)
    nodes = {f"n{i}": x for i, x in enumerate(d.nodes)}
    edges = {f"e{i}": e for i, e in enumerate(d.edges)}
    for g in graph.iter(f"{ns}g"):
        if g.get("class") == "node":
            x = nodes[_attr(g, "id")]
            _find(g, f"{ns}title").text = f"{x.label} ({box(x, x is d.nodes[0])[1]})"
            caption = g.findall(f".//{ns}text")[-1]
            caption.set("font-size", "10.00")
            caption.set("fill", MUTED)
        elif g.get("class") == "edge":
            e = edges[_attr(g, "id")]
            _find(g, f"{ns}title").text = f"{e.tail.label}: {e.label} → {e.head.label}"
        for a in g.findall(f"{ns}a"):
            a.attrib = {"href": _attr(a, f"{XLINK}href")}


def _find(parent: ET.Element, path: str) -> ET.Element:
    """The child dot always writes at `path` (its SVG for a graph has a fixed shape)."""
    found = parent.find(path)
    assert found is not None, f"dot's SVG has no {path}"
    return found


def _attr(element: ET.Element, name: str) -> str:
    """An attribute dot always writes on this element."""
    value = element.get(name)
    assert value is not None, f"dot's SVG has no {name} on a {element.tag}"
    return value


def _legend(root: ET.Element, ns: str, d: Diagram) -> float:
    """The key, one item a row so a phone shows it whole; returns its height."""
    g = ET.SubElement(root, f"{ns}g", {"font-family": "sans-serif", "font-size": "12", "fill": INK})
    y = 20

    def row(text: str, bold: bool = False) -> None:
        nonlocal y
        ET.SubElement(
            g, f"{ns}text", {"x": "48" if not bold else "12", "y": str(y), **({"font-weight": "bold"} if bold else {})}
        ).text = text
        y += LEGEND_ROW

    if len(d.nodes) < d.total:
        row(
            f"Only the {len(d.nodes)} of {d.total} boxes nearest the featured event are drawn; the text lists all.",
            bold=True,
        )
    row("Lines", bold=True)
    for colour, dash, meaning in STYLES.values():
        line = {"x1": "12", "y1": str(y - 4), "x2": "40", "y2": str(y - 4), "stroke": colour, "stroke-width": "2"}
        if dash:
            line["stroke-dasharray"] = "5,2"
        ET.SubElement(g, f"{ns}line", line)
        row(meaning)
    row("Boxes", bold=True)
    for fill, stroke, width, meaning in (
        ("#ffffff", FEATURED, "2.5", "the featured event"),
        ("#ffffff", "#374151", "1", "another event"),
        (KIND_FILL["armed-group"], "#000000", "1", "an actor, coloured by kind"),
        (SOURCE_FILL, "#9a3412", "1", "a report or article, named by its publisher"),
    ):
        ET.SubElement(
            g,
            f"{ns}rect",
            {
                "x": "12",
                "y": str(y - 12),
                "width": "28",
                "height": "14",
                "rx": "3",
                "fill": fill,
                "stroke": stroke,
                "stroke-width": width,
            },
        )
        row(meaning)
    return y
