"""The relationship diagram tells the story: attribution chains drawn, bystanders left out,
no line through a box, the featured event first, and editor text kept inert on its way
through DOT into a well-formed, self-contained SVG."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from conftest import BASE, ROOT, load_content
from test_build import build

from generator.model import entities as m
from generator.site import graph

NS = "{http://www.w3.org/2000/svg}"
HREF = lambda e: f"../{e.KIND}/{e.id}/"  # noqa: E731 (a one-line helper, read where it is used)
TOLERANCE = 1.5  # a line may graze a box by this much (its stroke, rounding) without entering it


load = load_content


@pytest.fixture(scope="module")
def real() -> tuple[m.Model, str]:
    model = load(ROOT / "content")
    return model, graph.render_svg(model, HREF)


# --- reading the SVG back -------------------------------------------------------------


def _points(d: str) -> list[tuple[float, float]]:
    nums = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", d)]
    return list(zip(nums[0::2], nums[1::2], strict=False))


def boxes(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Each node's id -> its shape's bounding box (x0, y0, x1, y1), text left out."""
    out = {}
    for g in root.iter(f"{NS}g"):
        if g.get("class") == "node":
            pts = [
                p
                for el in g.iter()
                if el.tag in (f"{NS}path", f"{NS}polygon", f"{NS}polyline")
                for p in _points(el.get("d") or el.get("points"))
            ]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            out[g.get("id")] = (min(xs), min(ys), max(xs), max(ys))
    return out


def bezier_samples(d: str, steps: int = 24) -> list[tuple[float, float]]:
    """Points along a path of the form dot writes: M p0 C p1 p2 p3 [p1 p2 p3 ...]."""
    assert re.fullmatch(r"M[-\d., e]+C[-\d., e]+", d.strip()), d
    pts = _points(d)
    out = []
    for i in range(0, len(pts) - 3, 3):
        p0, p1, p2, p3 = pts[i : i + 4]
        for k in range(steps + 1):
            t = k / steps
            a, b, c, e = (1 - t) ** 3, 3 * (1 - t) ** 2 * t, 3 * (1 - t) * t**2, t**3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def lines_through_boxes(svg: str, d: graph.Diagram) -> list[str]:
    """Every (line, box) where a drawn line, or its arrowhead, enters a box it does not join."""
    root = ET.fromstring(svg)
    box = boxes(root)
    ids = {x: f"n{i}" for i, x in enumerate(d.nodes)}
    found = []
    for g in root.iter(f"{NS}g"):
        if g.get("class") != "edge":
            continue
        e = d.edges[int(g.get("id")[1:])]
        ends = {ids[e.tail], ids[e.head]}
        samples = [p for path in g.iter(f"{NS}path") for p in bezier_samples(path.get("d"))]
        samples += [p for poly in g.iter(f"{NS}polygon") for p in _points(poly.get("points"))]
        for node, (x0, y0, x1, y1) in box.items():
            if node not in ends and any(
                x0 + TOLERANCE < x < x1 - TOLERANCE and y0 + TOLERANCE < y < y1 - TOLERANCE for x, y in samples
            ):
                found.append(f"{g.find(f'{NS}title').text} enters {node}")
    return found


# --- the checker itself can fail ------------------------------------------------------


def test_the_checker_sees_a_line_through_a_box():
    a, b, c = (m.Actor(id=i, file="", name=i, kind="person") for i in "abc")
    d = graph.Diagram((a, b, c), (graph.Edge(a, c, "x", "said"),), 3)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        '<g id="n0" class="node"><polygon points="0,0 10,0 10,10 0,10"/></g>'
        '<g id="n1" class="node"><polygon points="40,0 50,0 50,10 40,10"/></g>'
        '<g id="n2" class="node"><polygon points="80,0 90,0 90,10 80,10"/></g>'
        '<g id="e0" class="edge"><title>a to c</title><path d="M10,5C30,5 60,5 80,5"/></g></svg>'
    )
    assert lines_through_boxes(svg, d) == ["a to c enters n1"]
    around = svg.replace("M10,5C30,5 60,5 80,5", "M10,5C30,40 60,40 80,5")
    assert lines_through_boxes(around, d) == []


# --- the story ------------------------------------------------------------------------


def test_no_line_passes_through_a_box(real, base_copy):
    model, svg = real
    assert lines_through_boxes(svg, graph.diagram(model)) == []
    fixture = load(base_copy / "content")
    assert lines_through_boxes(graph.render_svg(fixture, HREF), graph.diagram(fixture)) == []


def _titles(svg: str, cls: str) -> list[str]:
    return [g.find(f"{NS}title").text for g in ET.fromstring(svg).iter(f"{NS}g") if g.get("class") == cls]


def test_the_attribution_chains_are_drawn(real):
    model, svg = real
    lines = _titles(svg, "edge")
    name = lambda i: model.by_id[i].label  # noqa: E731 (a one-line helper, read where it is used)
    politico, kirby = (
        name("politico-2021-03-04-officials-blame-militia"),
        name("pentagon-2021-03-03-kirby-remarks-on-al-asad-attack"),
    )
    amn, antiwar = (
        name("amn-2021-03-04-iran-backed-militia-behind-attack"),
        name("antiwar-2021-03-04-anonymous-officials-blame-militia"),
    )
    # Unnamed officials -> Politico -> both articles.
    assert f"{name('two-defense-officials')}: asserts → {politico}" in lines
    assert f"{name('anonymous-us-officials')}: asserts → {politico}" in lines
    assert f"{politico}: relayed in → {amn}" in lines and f"{politico}: relayed in → {antiwar}" in lines
    # Kirby -> his remarks as the Pentagon gave them -> AMN.
    assert f"John Kirby: asserts, declines to attribute → {kirby}" in lines
    assert f"{kirby}: relayed in → {amn}" in lines


def test_boxes_name_the_reports_by_publisher_kind_and_date(real):
    _, svg = real
    nodes = _titles(svg, "node")
    assert (
        "Politico report on US and Iraqi officials blaming an Iran-backed militia (news report, 4 March 2021)" in nodes
    )
    politico = next(
        g
        for g in ET.fromstring(svg).iter(f"{NS}g")
        if g.get("class") == "node" and g.find(f"{NS}title").text.startswith("Politico report")
    )
    assert [t.text for t in politico.iter(f"{NS}text")] == ["Politico", "news report, 4 March 2021"]


def test_actors_with_no_part_in_events_or_claims_stay_out(real):
    model, svg = real
    drawn = set(graph.diagram(model).nodes)
    photographer = model.by_id["matthew-w-finnerty"]
    assert not photographer.participations and not photographer.stances
    assert photographer not in drawn
    assert not any(t.startswith("Matthew W. Finnerty") for t in _titles(svg, "node"))
    involved = {a for a in drawn if isinstance(a, m.Actor) and (a.participations or a.stances or a.claims_about)}
    for a in drawn:
        if isinstance(a, m.Actor) and a not in involved:  # only whom an involved actor belongs to or speaks for
            assert any(other in involved for other, _ in a.affiliated), a


def test_the_featured_event_comes_first(real, base_copy):
    for model, svg in (real, (fixture := load(base_copy / "content"), graph.render_svg(fixture, HREF))):
        box = boxes(ET.fromstring(svg))
        assert graph.diagram(model).nodes[0] is model.site.featured_event
        # Alone in the first column: every other box starts right of it.
        assert all(b[0] > box["n0"][2] for n, b in box.items() if n != "n0"), model.site.featured_event


# --- editor text stays text ------------------------------------------------------------

HOSTILE_NAMES = [
    '"]; a -> b; "',
    "< script>alert(1)< /script> <1",  # names refuse '<' before a letter, '/', '!' or '?' (markup-in-title)
    '\\" ] ; x [label="pwned',
    "line one\nline two",
    "\\N \\G \\L \\n",
    "&foo; &amp; &#0; &lt;",
    "]]> < !-- -->",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_drawn_as_written_and_inject_nothing(base_copy, name):
    path = base_copy / "content" / "actors" / "john-kirby.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: John Kirby", "name: " + _yaml_string(name)), encoding="utf-8")
    model = load(base_copy / "content")
    d = graph.diagram(model)
    svg = graph.render_svg(model, HREF)
    root = ET.fromstring(svg)  # well-formed XML
    assert not [el for el in root.iter() if el.tag in (f"{NS}script", f"{NS}foreignObject")]
    nodes = [g for g in root.iter(f"{NS}g") if g.get("class") == "node"]
    assert sorted(g.get("id") for g in nodes) == sorted(
        f"n{i}" for i in range(len(d.nodes))
    )  # no box added by the name
    assert len([g for g in root.iter(f"{NS}g") if g.get("class") == "edge"]) == len(d.edges)
    kirby = next(g for g in nodes if g.get("id") == f"n{d.nodes.index(model.by_id['john-kirby'])}")
    written = " ".join(name.split())
    assert kirby.find(f"{NS}title").text == f"{model.by_id['john-kirby'].name} (person)"
    shown = [t.text for t in kirby.iter(f"{NS}text")]
    assert shown == graph.wrap(written) + ["person"]
    assert " ".join(shown[:-1]) == written  # every character shown, none taken as markup or escape


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def test_dot_strings_escape_quotes_backslashes_and_entities():
    assert graph.dot_string('say "hi"', "a\\nb", "A&B") == '"say \\"hi\\"\\na\\\\nb\\nA&amp;B"'


# --- a static, self-contained, reproducible file ----------------------------------------


def test_svg_is_self_contained_accessible_and_reproducible(real):
    model, svg = real
    assert svg == graph.render_svg(model, HREF)  # same input, same bytes
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    for absent in ("<!--", "<!DOCTYPE", "xlink", "graphviz", "<script", "http://www.w3.org/1999", "@import", "url("):
        assert absent not in svg, absent
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "diagram-title diagram-desc"
    events, actors, sources = _story_counts(model)
    assert (
        root.find(f"{NS}title").text
        == f"The story in relationships: {events} events, {actors} actors and {sources} reports and articles"
    )
    assert root.find(f"{NS}desc").text.startswith("Who took part in which event, who belongs to whom")
    hrefs = [a.get("href") for a in root.iter(f"{NS}a")]
    assert len(hrefs) == len(graph.diagram(model).nodes) and all(h.startswith("../") for h in hrefs)


def _story_counts(model: m.Model) -> tuple[int, int, int]:
    """Events, actors and sources in the story, counted from the model without the diagram's code:
    actors with a part in an event or a claim and whom they belong to; the sources carrying stances."""
    involved = {p.actor for e in model.events for p in e.participants} | {
        s.actor for c in model.claims for s in c.stances
    }
    involved |= {a for c in model.claims for a in c.about if isinstance(a, m.Actor)}
    involved |= {f.actor for a in involved for f in a.affiliations}
    carriers = {x for c in model.claims for s in c.stances for cite in s.cite for x in (cite.source, cite.via) if x}
    return len(model.events), len(involved), len(carriers)


# --- bounded at scale -------------------------------------------------------------------


def test_a_large_story_keeps_the_featured_event_and_its_chains_within_the_bound(real):
    model, _ = real
    whole = graph.diagram(model)
    total = sum(_story_counts(model))
    assert len(whole.nodes) == whole.total == total
    featured = model.site.featured_event
    chains = {
        x
        for c in featured.claims_about
        for s in c.stances
        for cite in s.cite
        for x in (s.actor, cite.via, cite.source)
        if x
    }
    d = graph.diagram(model, limit=len(chains) + 3)
    assert len(d.nodes) == len(chains) + 3 and d.total == total and d.nodes[0] is featured
    assert chains <= set(d.nodes)
    kept = set(d.nodes)
    assert all(e.tail in kept and e.head in kept for e in d.edges)
    politico = model.by_id["politico-2021-03-04-officials-blame-militia"]
    assert {(e.tail.id, e.head.id) for e in d.edges if politico in (e.tail, e.head)} >= {
        ("two-defense-officials", politico.id),
        (politico.id, "amn-2021-03-04-iran-backed-militia-behind-attack"),
    }
    svg = graph.finish(graph.run_dot(graph.to_dot(d, featured, HREF)), d)
    key = [t.text for t in ET.fromstring(svg).findall(f"{NS}g/{NS}text")]
    assert key[:2] == [
        f"Only the {len(d.nodes)} of {total} boxes nearest the featured event are drawn; the text lists all.",
        "Lines",
    ]
    assert lines_through_boxes(svg, d) == []


# --- what the reader gets on the page --------------------------------------------------


class _Page(HTMLParser):
    """The relationships page's image, its description, and the chains list as text lines."""

    def __init__(self):
        super().__init__()
        self.img: dict = {}
        self.ids: dict[str, str] = {}
        self.section = ""
        self.items: list[list[str]] = []
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids[attrs["id"]] = tag
        if tag == "img" and "graph" in (attrs.get("src") or ""):
            self.img = attrs
        if tag == "h3" or (tag == "div" and "footnote" in (attrs.get("class") or "")):
            self.section = attrs.get("id", "")  # the footnotes end the last section too
        if self.section == "how-statements-reached-the-articles" and tag == "li":
            self._depth += 1
            self.items.append([f"{self._depth}:"])

    def handle_endtag(self, tag):
        if tag == "li" and self._depth:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth and self.items:
            self.items[-1].append(data)


def test_the_page_describes_the_diagram_and_lists_the_chains_as_text(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    result = build(tmp_path / "content", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = _Page()
    page.feed((tmp_path / "site" / "relationships" / "index.html").read_text(encoding="utf-8"))
    assert page.img["src"] == "graph.svg"
    assert page.ids[page.img["aria-describedby"]] == "p" and page.ids["the-same-relationships-as-text"] == "h2"
    lines = ["".join(parts).strip() for parts in page.items]
    # Sources are named short, by publisher and date (the headline is on the source's page).
    amn, antiwar, politico = "AMN, 4 March 2021", "Antiwar.com, 4 March 2021", "Politico, 4 March 2021"
    officials = "Two US defense officials familiar with the early intelligence"
    assert [line.split("\n")[0] for line in lines] == [
        f"1:In {amn}:",
        "2:American Military News: reports (1 claim)",
        "2:John Kirby: declines to attribute (1 claim)",
        f"2:{officials}: asserts (1 claim), via {politico}",
        f"1:In {antiwar}:",
        "2:Antiwar.com: reports (1 claim)",
        "2:Dave DeCamp: asserts, doubts (2 claims)",
        f"2:{officials}: asserts (1 claim), via {politico}",
        f"2:US officials who spoke to Politico: asserts (1 claim), via {politico}",
    ]
