"""The real explainer built with Zensical (`explainer build --engine zensical`, generator/zensical_build.py):
the pages the MkDocs build has, each reading the same, every link and anchor resolving, the reader's key
elements there (claim heading, rating, footnotes, JSON-LD, our CSS and script, the "as of" line), the open
data and diagram byte for byte the generator's, nothing from another host. And Zensical run directly on
mkdocs.yml fails with the reason instead of building an empty site (generator/engine_guard.py)."""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from htmltree import article, outline, parse
from sitecheck import broken_links, off_host_fetches
from sitekit import env, make_project
from test_build import build as mkdocs_build

from generator.content.diagnostics import Report
from generator.engine_guard import REASON
from generator.model.urls import ABOUT, FRONT, MATRIX, TIMELINE, index_path, page_path, page_url
from generator.pipeline import Settings, load_model, render_assets, render_pages
from generator.zensical_build import _excluded

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
# Zensical's theme puts the target of its "skip to content" link inside the article.
ZENSICAL_SKIP_TARGET = '<a id="__skip" tabindex="-1"></a>'


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("zensical") / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--engine", "zensical", "--site-dir", str(site)]
    result = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def mkdocs_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("mkdocs-site")
    result = mkdocs_build(ROOT / "content", site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """What `explainer render` gives for the real content: pages and files, no Updates."""
    report = Report()
    settings = Settings(content=ROOT / "content", base=ROOT)
    model = load_model(settings, report)
    assert model is not None, report.sorted()
    return {**render_pages(model, settings), **render_assets(model, settings)}


def _html_path(md: str) -> str:
    stem = md[: -len(".md")]
    return f"{stem}.html" if stem == "index" or stem.endswith("/index") else f"{stem}/index.html"


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def test_every_page_the_generator_renders_is_built(zensical_site, rendered):
    expected = sorted([_html_path(p) for p in rendered if p.endswith(".md")] + ["404.html"])
    assert _pages(zensical_site) == expected
    entities = sorted(f"{f.parent.name}/{f.stem}/index.html" for f in (ROOT / "content").glob("*/*.yaml"))
    assert len(entities) >= 15 and set(entities) <= set(expected)


def test_no_broken_link_or_anchor(zensical_site):
    assert broken_links(zensical_site) == []


def test_nothing_from_another_host(zensical_site):
    assert off_host_fetches(zensical_site) == []


def _resolved_outline(site: Path, page: str) -> str:
    """The page's content as a reader meets it (htmltree.outline), with each link written as the
    page it leads to: MkDocs writes a link to the page itself as "./", Zensical as "" or "../x/"."""

    def resolve(m: re.Match) -> str:
        href = m.group(2)
        if re.match(r"[a-z]+:", href):
            return m.group(0)
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        target = (
            target if target.endswith(".html") or target.endswith((".svg", ".csv", ".json")) else f"{target}/index.html"
        )
        return f"{m.group(1)} -> {posixpath.normpath(target)}#{fragment}"

    html = (site / page).read_text(encoding="utf-8").replace(ZENSICAL_SKIP_TARGET, "")
    text = outline(article(html))
    return re.sub(r"^(\s*a .*?) -> (.*)$", resolve, text, flags=re.M)


def test_every_page_reads_as_it_does_with_mkdocs(zensical_site, mkdocs_site):
    assert _pages(zensical_site) == _pages(mkdocs_site)
    differ = [
        p for p in _pages(mkdocs_site) if _resolved_outline(zensical_site, p) != _resolved_outline(mkdocs_site, p)
    ]
    assert differ == []
    # the comparison sees what a reader sees: a page with Updates and footnotes is not empty
    assert "\nh2: Updates\n" in _resolved_outline(zensical_site, "actors/kataib-hezbollah/index.html")


def test_a_claim_reads_as_a_claim(zensical_site):
    claims = sorted((ROOT / "content" / "claims").glob("*.yaml"))
    assert claims
    for f in claims:
        root = article((zensical_site / "claims" / f.stem / "index.html").read_text(encoding="utf-8"))
        [h1] = list(root.iter("h1"))
        assert h1.text().rstrip("¶ ").startswith("Claim: "), f.stem
        ratings = [s for s in root.iter("span") if "rating" in s.classes]
        assert len(ratings) == 1, f.stem
        notes = [d for d in root.iter("div") if "footnote" in d.classes]
        assert len(notes) == 1 and list(notes[0].iter("li")), f.stem


def test_json_ld_is_the_generators(zensical_site, rendered):
    checked = 0
    for md, text in rendered.items():
        meta = FRONT_MATTER.match(text) if md.endswith(".md") else None
        if not meta or "explainer_jsonld:" not in meta.group(1):
            continue
        expected = yaml.safe_load(meta.group(1))["explainer_jsonld"]
        html = (zensical_site / _html_path(md)).read_text(encoding="utf-8")
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        assert len(scripts) == 1, md
        assert json.loads(scripts[0]) == expected, md
        checked += 1
    assert checked >= 15


def _head_links(html: str) -> tuple[list[str], list[str]]:
    root = parse(html)
    css = [n.attrs["href"] for n in root.iter("link") if n.attrs.get("rel") == "stylesheet"]
    js = [n.attrs["src"] for n in root.iter("script") if n.attrs.get("src")]
    return css, js


def test_our_stylesheet_and_script_are_linked_and_served(zensical_site):
    for rel, css_href, js_src in [
        ("index.html", "stylesheets/explainer.css", "javascripts/timeline-filter.js"),
        ("timeline/index.html", "../stylesheets/explainer.css", "../javascripts/timeline-filter.js"),
    ]:
        css, js = _head_links((zensical_site / rel).read_text(encoding="utf-8"))
        assert css_href in map(posixpath.normpath, css) and js_src in map(posixpath.normpath, js), rel
    for name in ("stylesheets/explainer.css", "javascripts/timeline-filter.js"):
        assert (zensical_site / name).read_bytes() == (ROOT / "docs" / name).read_bytes()
    # the wide layouts of explainer.css hang on the page class the overrides add
    assert 'class="explainer-wide"' in (zensical_site / "who-says-what" / "index.html").read_text(encoding="utf-8")


def test_open_data_and_diagram_are_the_generators(zensical_site, rendered):
    files = [p for p in rendered if not p.endswith(".md")]
    assert "relationships/graph.svg" in files and "data/datapackage.json" in files
    for path in files:
        assert (zensical_site / path).read_text(encoding="utf-8") == rendered[path], path
    relationships = (zensical_site / "relationships" / "index.html").read_text(encoding="utf-8")
    assert '<img src="graph.svg"' in relationships


def test_every_page_says_as_of_when(zensical_site):
    pages = [p for p in _pages(zensical_site) if p != "404.html"]
    missing = [
        p for p in pages if "Covers reporting as of <time" not in (zensical_site / p).read_text(encoding="utf-8")
    ]
    assert missing == []
    about = article((zensical_site / "about" / "index.html").read_text(encoding="utf-8"))
    assert [h.text().rstrip("¶ ") for h in about.iter("h1")] == ["About this explainer"]


def test_the_header_is_zensicals_with_its_search(zensical_site):
    html = (zensical_site / "index.html").read_text(encoding="utf-8")
    header = re.search(r'<header class="md-header.*?</header>', html, re.S).group(0)
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in header
    assert '<button type="button" class="md-search__button">' in header
    # not the copy of Material 9's search form in overrides/partials/search.html, which breaks this header
    assert "md-search__form" not in header


def test_zensical_on_mkdocs_yml_fails_with_the_reason(tmp_path):
    project = make_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "zensical", "build"], cwd=project, env=env(), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert f"PluginNotRun: {REASON}" in result.stderr
    assert not (project / "site" / "index.html").exists()


def test_mkdocs_replaces_the_placeholder(mkdocs_site):
    assert "This page is a placeholder" not in (mkdocs_site / "index.html").read_text(encoding="utf-8")
    assert "placeholder" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_zensicals_configuration_is_ours_without_what_it_cannot_do():
    from generator.zensical_build import read_mkdocs_config, zensical_config

    ours = read_mkdocs_config(ROOT / "mkdocs.yml")
    config = zensical_config(ours)
    assert "generator.engine_guard" in ours["markdown_extensions"]
    assert config["markdown_extensions"] == ["footnotes", "md_in_html", "tables", {"toc": {"permalink": True}}]
    assert config["plugins"] == ["search"] and (config["docs_dir"], config["site_dir"]) == ("docs", "site")
    assert config["theme"]["features"] == [f for f in ours["theme"]["features"] if f != "content.action.edit"]
    assert (config["theme"]["variant"], config["theme"]["custom_dir"], config["theme"]["font"]) == (
        "classic",
        "overrides",
        False,
    )
    assert (config["extra_css"], config["extra_javascript"]) == (ours["extra_css"], ours["extra_javascript"])


def test_the_benchmark_says_when_zensical_is_not_installed(monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(ROOT))  # bench/ is a folder of the project, not an installed package
    from bench import run, table

    monkeypatch.setattr(run.importlib.util, "find_spec", lambda name: None)
    out: dict = {}
    run.measure_zensical(out, tmp_path, 1, "40 entities", run.Progress(False))
    assert out == {"zensical_missing": True}
    assert table._zensical(out) == "not installed"


HOSTILE = "</script><script>alert(1)</script> &lt;/title&gt;<b>x</b>'\""


def test_hostile_text_stays_text_with_zensical(tmp_path):
    """Zensical renders overrides/main.html with its own template engine: the JSON-LD (`tojson`)
    and the <title> (`striptags | e`) must stay inert there too."""
    from sitekit import inject, title_safe

    project = make_project(tmp_path / "project")
    assert inject(project / "content", HOSTILE, ("https://example.org/a", "https://example.org/b")) > 100
    cmd = [sys.executable, "-m", "generator", "build", "--engine", "zensical", "--site-dir", str(project / "out")]
    result = subprocess.run(
        cmd, cwd=project, env=env(EXPLAINER_HISTORY="false"), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    values: list[str] = []
    for page in sorted((project / "out").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(1)" not in html and "<b>x</b>" not in html, page
        assert "<" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1), page
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            values += [v for v in _strings(json.loads(script)) if "alert" in v]
    # Names and titles hold the payload as check lets them (sitekit.title_safe); other text holds it whole.
    assert values and all(HOSTILE in v or title_safe(HOSTILE) in v for v in values)


def _strings(data) -> list[str]:
    if isinstance(data, str):
        return [data]
    items = data.values() if isinstance(data, dict) else data if isinstance(data, list) else []
    return [s for item in items for s in _strings(item)]


def test_zensicals_search_indexes_the_pages_that_say_something_of_their_own(zensical_site, rendered):
    """Zensical's search stops a build at an item of more than 16,384 words, which a tracker's
    list pages reach (a claims part at 10,000 entities holds 21,928): it indexes each entity's
    page, the front page and the about page, and passes over the pages that list others."""
    items = json.loads((zensical_site / "search.json").read_text(encoding="utf-8"))["items"]
    indexed = {item["location"].split("#")[0] for item in items}
    report = Report()
    model = load_model(Settings(content=ROOT / "content", base=ROOT), report)
    assert model is not None, report.sorted()
    entities = [*model.actors, *model.events, *model.claims, *model.sources]
    wanted = {page_url(p) for p in (FRONT, ABOUT, *(page_path(e) for e in entities))}
    listing = {page_url(p) for p in rendered if p.endswith(".md")} - wanted
    assert indexed == wanted
    assert {page_url(p) for p in (MATRIX, TIMELINE, index_path("claims"))} <= listing


@pytest.mark.parametrize(
    "page, want",
    [
        ("# Claims\n", "---\nsearch:\n  exclude: true\n---\n\n# Claims\n"),
        (
            '---\nhide: ["toc"]\n---\n\n# Who says what\n',
            '---\nsearch:\n  exclude: true\nhide: ["toc"]\n---\n\n# Who says what\n',
        ),
    ],
)
def test_a_list_page_is_excluded_in_its_front_matter(page, want):
    assert _excluded(page) == want
    assert yaml.safe_load(FRONT_MATTER.match(want).group(1))["search"] == {"exclude": True}
