"""The reader's pages and files without a browser: the matrix and timeline stay bounded at
scale, the data package validates (and catches a broken reference), the diagram is
well-formed XML whatever the names, and schema.org data survives hostile names."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from conftest import BASE, ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data
from test_build import build

from generator.content.diagnostics import Report
from generator.content.values import PartialDate
from generator.model import entities as m
from generator.model import matrix, timeline, views
from generator.pipeline import Settings, load_model, render_assets
from generator.site.graph import render_svg
from generator.site.jsonld import jsonld
from generator.site.render import front_matter

# As a name may hold it: '<' before a letter, '/', '!' or '?' is refused there (markup-in-title).
HOSTILE = "< /script>< script>alert(1)< /script> \"quoted\" & 'single' < b>bold< /b> ]]> --> \\u2028 <3"


def load(content: Path) -> m.Model:
    report = Report()
    model = load_model(Settings(content=content, base=content.parent), report)
    assert model is not None, [d.text() for d in report.diagnostics]
    return model


def synthetic(claims: int, actors: int, events: int) -> m.Model:
    """A large model built directly, for the view functions (no pages are rendered)."""
    people = [m.Actor(id=f"actor-{i}", file="", name=f"Actor {i:04d}", kind="person") for i in range(actors)]
    evs = [
        m.Event(id=f"event-{i}", file="", title=f"Event {i}", date=PartialDate(2000 + i % 9, 1 + i % 12), kind="attack")
        for i in range(events)
    ]
    positions = ["asserts", "denies", "doubts", "reports", "declines-to-attribute"]
    cs = []
    for i in range(claims):
        stances = tuple(
            m.Stance(people[(i * 7 + k * 13) % actors], positions[(i + k) % 5], None, None, ())
            for k in range(1 + i % 6)
        )
        about = (evs[i % events],) if i % 10 else ()  # some claims are about no event
        cs.append(
            m.Claim(id=f"claim-{i}", file="", proposition=f"Claim {i}", about=about, stances=stances, status="disputed")
        )
    site = m.Site("t", m.CitedText(m.Text(()), ()), evs[0], ())
    return m.Model(site, tuple(people), tuple(evs), tuple(cs), ())


def test_matrix_stays_bounded_and_shows_every_stance_once_at_scale():
    model = synthetic(claims=3000, actors=300, events=40)
    sheets = matrix.matrix_sheets(model)
    # The index lists the months and holds no table; every other page is a month's (or no event's).
    assert sheets[0].path == "who-says-what/index.md" and sheets[0].sections == ()
    assert all(re.fullmatch(r"who-says-what/(\d{4}-\d{2}|no-event)(--\d+)?\.md", s.path) for s in sheets[1:])
    assert len({s.path for s in sheets}) == len(sheets)
    cells, sections = [], []
    for sheet in sheets[1:]:
        assert 1 <= sheet.claims <= matrix.SHEET_ROWS
        for sec in sheet.sections:
            sections.append(sec.event)
            assert all(c.about[:1] == ((sec.event,) if sec.event else ()) for c in sec.claims)
            for table in sec.tables:
                assert 1 <= len(table.actors) <= matrix.SHEET_COLUMNS
                for _claim, row in table.rows:
                    cells += [id(s) for stances in row for s in stances]
    assert sorted(cells) == sorted(id(s) for c in model.claims for s in c.stances)
    # Events in date order, each one's claims together (in parts when they overflow a page), no event last.
    about = {c.about[0] for c in model.claims if c.about}
    assert list(dict.fromkeys(sections)) == [e for e in timeline.timeline_events(model) if e in about] + [None]
    assert sum(1 for a, b in zip(sections, sections[1:], strict=False) if a is not b) == len(about)


def _matrix_pages(model: m.Model) -> dict[str, str]:
    return {c.id: sheet.path for sheet in matrix.matrix_sheets(model) for sec in sheet.sections for c in sec.claims}


def test_matrix_page_addresses_do_not_move_when_claims_are_added():
    """A claim's matrix page is its event's month, not a page number: with more claims in
    the explainer, every claim that was on a month's first page is still there, and a claim
    only ever moves to a continuation page of its own month."""
    before = _matrix_pages(synthetic(claims=300, actors=50, events=40))
    after = _matrix_pages(synthetic(claims=900, actors=50, events=40))
    assert before and set(before) <= set(after)
    month = {c: p.removesuffix(".md").split("--")[0] for c, p in after.items()}
    assert all(p.removesuffix(".md").split("--")[0] == month[c] for c, p in before.items())
    firsts = {p for p in before.values() if "--" not in p}
    assert firsts <= set(after.values())
    assert sum(before[c] == after[c] for c in before) >= len(before) * 0.5  # most stay where they were


def test_timeline_splits_by_year_when_long():
    model = synthetic(claims=1, actors=2, events=timeline.TIMELINE_PAGE_LIMIT + 1)
    pages = timeline.timeline_pages(model)
    assert [p for p, _ in pages] == ["timeline/index.md"] + [f"timeline/{y}.md" for y in range(2000, 2009)]
    assert sum(len(evs) for _, years in pages for _, evs in years) == len(model.events)
    short = synthetic(claims=1, actors=2, events=timeline.TIMELINE_PAGE_LIMIT)
    assert [p for p, _ in timeline.timeline_pages(short)] == ["timeline/index.md"]


def test_data_package_is_valid_and_its_foreign_keys_are_checked(tmp_path):
    model = load(ROOT / "content")
    for rel, text in render_assets(model, Settings()).items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    data = tmp_path / "data"

    def validate() -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(Path(sys.executable).with_name("frictionless")), "validate", "--json", "datapackage.json"],
            cwd=data,
            capture_output=True,
            text=True,
        )

    result = validate()
    assert result.returncode == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["valid"] and {t["name"] for t in report["tasks"]} >= {
        "stances",
        "citations",
        "claims",
        "actors",
        "sources",
    }
    assert (
        json.loads((data / "explainer.json").read_text(encoding="utf-8"))["claims"][0]["status"]
        == model.claims[0].status
    )

    stances = (data / "stances.csv").read_text(encoding="utf-8").splitlines()
    stances[1] = stances[1].replace(f",{model.claims[0].stances[0].actor.id},", ",nobody-at-all,")
    (data / "stances.csv").write_text("\n".join(stances) + "\n", encoding="utf-8")
    result = validate()
    assert result.returncode != 0
    errors = [e for t in json.loads(result.stdout)["tasks"] for e in t["errors"]]
    assert [(e["type"], e["cells"]) for e in errors] == [("foreign-key", [s for s in stances[1].split(",")])]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_front_matter_reads_back_as_written_whatever_the_text(text):
    meta = {"explainer_jsonld": {"name": text, "list": [text, 1, True]}}
    _, read = get_data(front_matter(meta) + "# Page\n")
    assert read == meta


def test_svg_is_well_formed_and_escapes_names(base_copy):
    path = base_copy / "content" / "actors" / "iran.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("name: Iran", f"name: '{HOSTILE.replace(chr(39), chr(39) * 2)}'"),
        encoding="utf-8",
    )
    model = load(base_copy / "content")
    svg = render_svg(model, lambda e: f"../{e.KIND}/{e.id}/")
    root = ET.fromstring(svg)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert any(t and t.startswith("< /script><") for t in texts)  # the box wraps at the space
    assert not root.findall(".//svg:script", ns)
    linked = {a.get("href") for a in root.findall(".//svg:a", ns)}
    # Every box links: the events, the actors with a part in them or in a claim and whom those
    # belong to, and the reports and articles that carry the claims' stances.
    involved = {p.actor for e in model.events for p in e.participants} | {
        s.actor for c in model.claims for s in c.stances
    }
    involved |= {a for c in model.claims for a in c.about if isinstance(a, m.Actor)}
    involved |= {f.actor for a in involved for f in a.affiliations}
    carriers = {x for c in model.claims for s in c.stances for cite in s.cite for x in (cite.source, cite.via) if x}
    assert linked == {f"../{e.KIND}/{e.id}/" for e in involved | carriers | set(model.events)}


class _Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts: list[tuple[dict, str]] = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = (dict(attrs), [])

    def handle_data(self, data):
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.scripts.append((self._open[0], "".join(self._open[1])))
            self._open = None


def test_schema_org_data_survives_a_hostile_name(base_copy):
    path = base_copy / "content" / "actors" / "john-kirby.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "name: John Kirby", f"name: '{HOSTILE.replace(chr(39), chr(39) * 2)}'"
        ),
        encoding="utf-8",
    )
    result = build(base_copy / "content", base_copy / "site")
    assert result.returncode == 0, result.stderr
    html = (base_copy / "site" / "actors" / "john-kirby" / "index.html").read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(html)
    data = [json.loads(body) for attrs, body in parser.scripts if attrs.get("type") == "application/ld+json"]
    assert [d["name"] for d in data] == [HOSTILE]
    assert data[0] == jsonld(load(base_copy / "content").by_id["john-kirby"])
    assert "< script>alert" not in html and "<script>alert" not in html


def test_every_page_type_is_reachable_from_the_front_page(tmp_path):
    shutil.copytree(BASE / "content", tmp_path / "content")
    result = build(tmp_path / "content", tmp_path / "site")
    assert result.returncode == 0, result.stderr
    front = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    for href in ("who-says-what/", "timeline/", "relationships/", "data/", "claims/", "events/", "actors/", "sources/"):
        assert f'href="{href}"' in front, href


def test_long_timeline_pages_link_each_year(tmp_path):
    from generator.site.page import PageContext
    from generator.site.render import make_env

    model = synthetic(claims=1, actors=2, events=timeline.TIMELINE_PAGE_LIMIT + 1)
    env, pages = make_env(), timeline.timeline_pages(model)

    def render(path, years):
        return env.get_template("timeline.md.j2").render(
            page=PageContext(path), model=model, site=model.site, views=views, years=years, year_pages=pages[1:]
        )

    index = render(*pages[0])
    assert [line for line in index.splitlines() if line.startswith("- [")] == [
        f"- [{y}]({y}.md): {len(evs)} events" for _, [(y, evs)] in pages[1:]
    ]
    year = render(*pages[1])
    assert year.splitlines()[0] == "# Timeline: 2000"
    assert year.count("<time datetime=") == len(pages[1][1][0][1]) and "[All years](index.md)" in year


def test_same_content_same_bytes_in_any_process(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        result = subprocess.run(
            [sys.executable, "-m", "generator", "render", "--content", str(ROOT / "content"), "--out", str(out)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        outs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert "relationships/graph.svg" in outs[0] and "data/datapackage.json" in outs[0]
    assert outs[0] == outs[1]


def test_relative_links_match_posixpath():
    import itertools
    import posixpath

    from generator.model.urls import relative

    paths = [
        "index.md",
        "actors/x.md",
        "actors/index.md",
        "who-says-what/2.md",
        "timeline/2020.md",
        "a/b/c.md",
        "a/b/d.md",
        "a/e.md",
        "relationships/graph.svg",
        "data/actors.csv",
    ]
    for target, current in itertools.product(paths, repeat=2):
        assert relative(target, current) == posixpath.relpath(target, posixpath.dirname(current) or "."), (
            target,
            current,
        )
