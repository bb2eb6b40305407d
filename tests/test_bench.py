"""The benchmark keeps working (small N), its corpus is valid and deterministic, the serve
loop rebuilds only what an edit changed, and the speed-ups changed no output.

Nothing here asserts a time: speed is measured by `make bench`, not by tests.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # bench/ is a folder of the project, not an installed package

from bench import corpus  # noqa: E402 (after the sys.path entry for bench/)
from generator.content.diagnostics import Report  # noqa: E402 (after the sys.path entry for bench/)
from generator.model.urls import relative  # noqa: E402 (after the sys.path entry for bench/)
from generator.pipeline import Settings, load_model, render_pages  # noqa: E402 (after the sys.path entry for bench/)
from generator.site.text import _SYNTAX, inert  # noqa: E402 (after the sys.path entry for bench/)


def _settings(where: Path) -> Settings:
    return Settings(content=where / "content", archive=where / "archive", base=where)


# --- the corpus -----------------------------------------------------------------------


def _tree(where: Path) -> dict[str, bytes]:
    return {p.relative_to(where).as_posix(): p.read_bytes() for p in sorted(where.rglob("*")) if p.is_file()}


def test_corpus_is_deterministic_for_a_seed(tmp_path):
    corpus.write(60, tmp_path / "a", seed=7)
    corpus.write(60, tmp_path / "b", seed=7)
    corpus.write(60, tmp_path / "c", seed=8)
    a, b, c = (_tree(tmp_path / x) for x in "abc")
    assert len(a) > 60  # 60 entities, site.yaml and the archived texts
    assert a == b
    assert a != c


def test_corpus_is_valid_with_every_shape(tmp_path):
    counts = corpus.write(120, tmp_path, seed=3)
    assert sum(counts.values()) == 120
    report = Report()
    model = load_model(_settings(tmp_path), report)
    assert [d.text() for d in report.sorted()] == []  # clean, quotes verified against archive/
    assert len(model.all()) == 120
    roles = [p for e in model.events for p in e.participants]
    assert any(p.role == "perpetrator" and p.claim is not None for p in roles)
    assert any(a.aliases for a in model.actors) and any(a.affiliations for a in model.actors)
    assert any(not alias.isascii() for a in model.actors for alias in a.aliases)
    assert any(e.casualties for e in model.events) and any(e.related for e in model.events)
    assert any(len({s.position for s in c.stances}) >= 2 for c in model.claims)
    assert {c.status for c in model.claims} >= {"disputed", "unconfirmed"}
    cites = [u.citation for s in model.sources for u in s.uses]
    assert any(c.quote for c in cites) and any(c.via is not None for c in cites)
    assert any(s.access == "relayed" for s in model.sources) and any(s.cites for s in model.sources)
    assert any(e.mentioned_in for e in model.all())
    text = next((tmp_path / "content" / "claims").glob("*.yaml")).read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/claim.schema.json\n")


def test_corpus_command(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "bench", "corpus", "--entities", "40", "--out", str(tmp_path), "--seed", "2"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith("wrote 40 entities (")
    assert len(list((tmp_path / "content").rglob("*.yaml"))) == 41


# --- the benchmark itself, at a small N ----------------------------------------------------


@pytest.fixture(scope="module")
def quick(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--work", str(tmp / "work"), "--out", str(tmp / "result.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc, json.loads((tmp / "result.json").read_text())


def test_quick_run_measures_every_stage(quick):
    _, result = quick
    assert [s["entities"] for s in result["sizes"]] == [40, 80]
    for s in result["sizes"]:
        assert sum(s["counts"].values()) == s["entities"]
        assert s["files"] == s["entities"] + 1  # and site.yaml
        assert s["parse"] in (s["parse_plain"], s["parse_paused"])
        for stage in ("parse_plain", "parse_paused", "compose", "check", "check_cli", "render", "write", "mkdocs"):
            assert s[stage]["runs"] >= 1 and s[stage]["cpu"] > 0 and s[stage]["wall"] > 0, stage
        assert s["pages"] > s["entities"] and s["html_pages"] >= s["pages"]
        assert {"front", "actors", "events", "claims", "sources"} <= s["html_bytes"].keys()
        assert sum(v["count"] for k, v in s["html_bytes"].items() if k in corpus.KIND_FOLDERS) == s["entities"]
        assert s["memory"]["peak"] > s["memory"]["retained"] > 0 and s["search_index_bytes"] > 0
        # What a reader fetches: the page and its assets, and for search Pagefind's code (over
        # 100 KB gzip whatever the site's size) with the index chunks of the query's words.
        assert s["reader_bytes"]["front"] > 50_000 and s["reader_bytes"]["claim"] > 50_000
        assert s["reader_bytes"]["search"] > 100_000
    assert set(result["targets"]) == {
        "check_vs_parse",
        "generator_share",
        "mkdocs_page_growth",
        "memory_growth",
        "largest_page",
        "search_bytes",
    }
    for t in result["targets"].values():
        assert isinstance(t["met"], bool) and t["values"]


def test_quick_run_measures_the_serve_loop(quick):
    _, result = quick
    serve = result["serve"]
    for mode in ("full", "incremental"):
        r = serve[mode]
        assert len(r["latencies"]) == result["settings"]["edits"] == 1
        # The edit changed its own page and the pages that show its title, not the whole site.
        [[changed, total]] = r["pages_changed"]
        assert 1 <= changed < total
    assert serve["incremental"]["command"] == "mkdocs serve --dirty"
    # Both modes serve the same bytes: the dirty build left no page stale.
    assert serve["incremental"]["sample_pages_changed"] == serve["full"]["sample_pages_changed"]


def test_quick_run_prints_the_table_and_no_progress_in_a_pipe(quick):
    proc, _ = quick
    assert "parse: yaml.load, CSafeLoader" in proc.stdout
    assert re.search(
        r"\[(met|MISSED)\] check <= 2x the parse floor \(the faster yaml.load row\): 40: [0-9.]+x, 80: [0-9.]+x",
        proc.stdout,
    )
    assert "mkdocs serve --dirty: " in proc.stdout
    assert "\r" not in proc.stderr and "\033[" not in proc.stderr


# --- mkdocs serve --dirty rebuilds exactly the pages an edit changed -------------------------


def _build(site: Path, *, dirty: bool, serving: bool) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site))
    config.site_url = "http://127.0.0.1:8000/"
    config.plugins.on_startup(command="serve" if serving else "build", dirty=dirty)
    build(config, serve_url="http://127.0.0.1:8000/", dirty=dirty)


def _html(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) for p in site.rglob("*.html")}


def test_dirty_rebuild_rewrites_only_changed_pages_and_matches_a_clean_build(tmp_path, monkeypatch, caplog):
    corpus.write(40, tmp_path, seed=5)
    monkeypatch.setenv("EXPLAINER_CONTENT", str(tmp_path / "content"))
    monkeypatch.setenv("EXPLAINER_ARCHIVE", str(tmp_path / "archive"))
    monkeypatch.chdir(ROOT)
    caplog.set_level(logging.INFO, logger="mkdocs")
    served = tmp_path / "served"
    _build(served, dirty=True, serving=True)
    before = _html(served)
    event = sorted((tmp_path / "content" / "events").glob("*.yaml"))[3]
    text = event.read_text(encoding="utf-8")
    event.write_text(re.sub(r"^title: (.*)$", r"title: \1 renamed", text, count=1, flags=re.M), encoding="utf-8")
    caplog.clear()
    _build(served, dirty=True, serving=True)  # the same plugin instance: MkDocs caches it
    after = _html(served)
    [(changed, total)] = [
        tuple(map(int, m)) for m in re.findall(r"explainer: (\d+) of (\d+) pages changed", caplog.text)
    ]
    assert "dirty" not in caplog.text.lower()  # strict mode would abort on MkDocs' notice

    rewritten = {p for p in after if after[p][1] != before[p][1]}
    assert f"events/{event.stem}/index.html" in rewritten
    assert 1 <= len(rewritten - {"404.html"}) == changed < total
    assert all(after[p][0] == before[p][0] for p in after.keys() - rewritten)

    clean = tmp_path / "clean"
    _build(clean, dirty=False, serving=False)
    assert {p: b for p, (b, _) in _html(clean).items()} == {p: b for p, (b, _) in after.items()}


# --- the speed-ups left every result as it was ------------------------------------------------


def _inert_reference(value: object) -> str:
    return _SYNTAX.sub(lambda mt: f"&#{ord(mt.group())};", " ".join(str(value).split()))


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("\\`*_{}[]()#+!|<>&:~^=$-.;aZ09 \t\né’")) | st.characters(), max_size=30))
def test_inert_matches_the_single_regex_it_replaces(text):
    assert inert(text) == _inert_reference(text)


def test_relative_matches_posixpath_relpath():
    # Page paths as check_page_path admits them: normalised, no '.', '..' or hidden parts.
    # A page is a file: its name never doubles as a folder on another page's path.
    rng = random.Random(0)
    folders, names = ["a", "b", "actors", "who-says-what"], ["index.md", "x.md", "c.d.md"]
    paths = {
        "/".join([rng.choice(folders) for _ in range(rng.randint(0, 3))] + [rng.choice(names)]) for _ in range(3000)
    }
    for target in sorted(paths)[:400]:
        for current in sorted(paths)[::7]:
            try:
                expected = posixpath.relpath(target, posixpath.dirname(current) or ".")
            except ValueError:
                continue
            assert relative(target, current) == expected, (target, current)


def test_check_cache_reuses_only_identical_files(tmp_path):
    corpus.write(40, tmp_path, seed=4)
    cache: dict = {}
    first = render_pages(load_model(_settings(tmp_path), Report(), cache), _settings(tmp_path))
    assert len(cache) == 41
    actor = sorted((tmp_path / "content" / "actors").glob("*.yaml"))[0]
    actor.write_text(actor.read_text(encoding="utf-8").replace("\nname: ", "\nname: Renamed ", 1), encoding="utf-8")
    report = Report()
    again = render_pages(load_model(_settings(tmp_path), report, cache), _settings(tmp_path))
    fresh = render_pages(load_model(_settings(tmp_path), Report()), _settings(tmp_path))
    assert again == fresh != first
    assert len(cache) == 41  # the old version of the edited file is gone
    actor.write_text("id: [broken\n", encoding="utf-8")
    report = Report()
    assert load_model(_settings(tmp_path), report, cache) is None
    assert [d.code for d in report.errors] == ["yaml-syntax"]
