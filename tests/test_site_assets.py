"""What the built site carries in assets/: only files something fetches (generator/mkdocs_support.py,
drop_material_search). Search is Pagefind's, so Material's search worker and lunr stay out."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from conftest import BASE
from mkdocs.structure.files import File, Files
from test_build import build

from generator.mkdocs_support import drop_material_search

# Files nothing references that are there on purpose, each with its reason.
UNREFERENCED = {
    # Material ships the source maps of its stylesheets without a sourceMappingURL comment, so no
    # browser fetches them; they are Material's debugging aid (52 KB), not part of its search.
    # (Their names carry a hash of the Material release: matched by pattern, exactly two.)
    r"assets/stylesheets/main\.[0-9a-f]{8}\.min\.css\.map",
    r"assets/stylesheets/palette\.[0-9a-f]{8}\.min\.css\.map",
}
TEXT = {".html", ".js", ".css", ".json", ".xml", ".svg"}


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build(BASE / "content", site)
    assert result.returncode == 0, result.stderr
    return site


def _assets(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in (site / "assets").rglob("*") if p.is_file())


def test_materials_search_files_are_not_built(fixture_site):
    assert [a for a in _assets(fixture_site) if "/workers/" in a or "/lunr/" in a] == []
    assert not (fixture_site / "search" / "search_index.json").exists()


def test_every_asset_is_fetched_by_a_page_or_another_asset(fixture_site):
    texts = {p: p.read_text(encoding="utf-8") for p in fixture_site.rglob("*") if p.is_file() and p.suffix in TEXT}
    unreferenced = [
        a
        for a in _assets(fixture_site)
        if not any(Path(a).name in t for p, t in texts.items() if p != fixture_site / a)
    ]
    assert sorted(next(p for p in UNREFERENCED if re.fullmatch(p, a)) for a in unreferenced if _expected(a)) == sorted(
        UNREFERENCED
    )
    assert [a for a in unreferenced if not _expected(a)] == []


def _expected(asset: str) -> bool:
    return any(re.fullmatch(p, asset) for p in UNREFERENCED)


def test_no_page_starts_materials_search_worker(fixture_site):
    """The worker's path is still in each page's __config ("search"), from Material's base.html;
    bundle.js reads it only to start the worker for a page with Material's search form or search
    component, and no page has either (the header's search is Pagefind's)."""
    for page in sorted(fixture_site.rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        assert re.findall(r'<form[^>]*name="search"|data-md-component="search', html) == [], page
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html)[1])
        assert config["search"].endswith("assets/javascripts/workers/search.a7633da7.min.js")


@pytest.mark.parametrize("plugins", [{"explainer": None}, {"explainer": None, "material/search": None}])
def test_materials_search_files_go_only_without_its_plugin(tmp_path, plugins):
    theme, docs = tmp_path / "material", tmp_path / "docs"
    files = Files(
        [
            File("assets/javascripts/workers/search.js", str(theme), "/site", True),
            File("assets/javascripts/lunr/min/lunr.de.min.js", str(theme), "/site", True),
            File("assets/javascripts/bundle.js", str(theme), "/site", True),
            File("assets/javascripts/lunr/own.js", str(docs), "/site", True),  # the project's own
        ]
    )
    config = SimpleNamespace(plugins=plugins, theme=SimpleNamespace(dirs=[str(theme)]))
    drop_material_search(files, config)
    kept = sorted(f.src_uri for f in files)
    if "material/search" in plugins:
        assert len(kept) == 4
    else:
        assert kept == ["assets/javascripts/bundle.js", "assets/javascripts/lunr/own.js"]
