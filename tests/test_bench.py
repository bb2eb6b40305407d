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
import yaml
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


REAL = 200


@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory):
    """The corpus shaped like content/, as `python -m bench corpus --shape real` writes it."""
    where = tmp_path_factory.mktemp("real")
    out = subprocess.run(
        [sys.executable, "-m", "bench", "corpus", "--entities", str(REAL), "--out", str(where), "--shape", "real"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.startswith(f"wrote {REAL} entities (") and "(real shape)" in out
    return where


def test_real_shaped_corpus_passes_check_with_no_diagnostic(real_corpus):
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "check", "--content", "content", "--archive", "archive"],
        cwd=real_corpus,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "content is valid (0 warnings)" in proc.stdout + proc.stderr
    assert ", 0 not), 0 not checked" in proc.stdout + proc.stderr  # every quote found in the archived texts


def test_real_shaped_corpus_has_the_shape_of_content(real_corpus):
    report = Report()
    model = load_model(_settings(real_corpus), report)
    assert report.sorted() == [] and len(model.all()) == REAL
    stances = [s for c in model.claims for s in c.stances]
    # Many stances a claim, up to eight (content/'s largest claims have seven).
    per_claim = [len(c.stances) for c in model.claims]
    assert max(per_claim) == 8 and sum(per_claim) / len(per_claim) >= 4
    # Nearly every stance has a long note in the editor's words, and cites one to three sources.
    long_notes = [s for s in stances if s.note and 80 <= len(s.note) <= 260]
    assert len(long_notes) >= 0.9 * len(stances)
    assert max(len(s.cite) for s in stances) == 3
    # Whose words: every kind content/ uses, the speaker's printed inside quotation marks (check verified it).
    cites = [c for e in model.all() for c in _citations(e)]
    words = {c.words for c in cites if c.quote}
    assert words == {"speaker", "reporter", "headline", "subheadline"}
    assert all(c.quote == c.source.title for c in cites if c.words == "headline")
    # Anonymous groups that may be the same people, both ways.
    paired = [a for a in model.actors if a.same_as]
    assert paired and all(a in b.same_as for a in paired for b in a.same_as)
    assert any(e.casualties for e in model.events)
    site = yaml.safe_load((real_corpus / "content" / "site.yaml").read_text(encoding="utf-8"))
    assert len(site["questions"]) == 6 and all(len(q["answer"]) >= 300 for q in site["questions"])
    assert "\n\n" in site["scope"]["text"]
    summaries = [
        yaml.safe_load(p.read_text(encoding="utf-8"))["summary"]["text"] for p in _files(real_corpus, "events")
    ]
    assert all("\n\n" in text for text in summaries)  # two paragraphs each


def test_the_bench_shape_is_the_default_and_shorter(real_corpus, tmp_path):
    corpus.write(REAL, tmp_path, seed=1)
    bench = load_model(_settings(tmp_path), Report())
    assert max(len(c.stances) for c in bench.claims) == 5
    assert not any(a.same_as for a in bench.actors)
    size = {w: sum(p.stat().st_size for p in (w / "content").rglob("*.yaml")) for w in (tmp_path, real_corpus)}
    assert size[real_corpus] > 1.5 * size[tmp_path]


def _citations(entity) -> list:
    from generator.model.entities import Citation

    found: list = []

    def walk(value, depth=0):
        if isinstance(value, Citation):
            found.append(value)
        elif isinstance(value, tuple) and depth < 4:
            for v in value:
                walk(v, depth + 1)
        elif hasattr(value, "__dataclass_fields__") and depth < 4 and not hasattr(value, "KIND"):
            for name in value.__dataclass_fields__:
                walk(getattr(value, name), depth + 1)

    for name in ("summary", "stances", "participants", "casualties", "related", "affiliations", "assessment"):
        walk(getattr(entity, name, None))
    return found


def _files(where: Path, kind: str) -> list[Path]:
    return sorted((where / "content" / kind).glob("*.yaml"))


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
    assert [(s["entities"], s["shape"]) for s in result["real"]] == [(40, "real"), (80, "real")]
    assert "finished" in result
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
    for s in result["real"]:  # the real shape: check, render and the MkDocs build they are measured against
        assert s["check"]["cpu"] > 0 and s["render"]["cpu"] > 0 and s["mkdocs"]["cpu"] > 0
        assert s["generator_share"]["cpu"] == (s["check"]["cpu"] + s["render"]["cpu"]) / s["mkdocs"]["cpu"]
        assert s["largest_page"]["bytes"] == max(v["max"] for v in s["html_bytes"].values())
        assert "reader_bytes" not in s and "lighthouse" not in s
    assert set(result["targets"]) == {
        "check_vs_parse",
        "generator_share",
        "generator_share_real",
        "mkdocs_page_growth",
        "memory_growth",
        "largest_page",
        "search_bytes",
        "edit_to_preview",
        "lighthouse",
    }
    assert result["targets"]["edit_to_preview"]["values"] == {"40": result["serve"]["explainer_serve"]["latency"]}
    # Lighthouse is for `make bench` only: the quick run says it did not run it, and why.
    assert result["sizes"][-1]["lighthouse"] == {"skipped": "not run: --quick"}
    assert result["targets"]["lighthouse"]["met"] is None
    for name, t in result["targets"].items():
        assert name == "lighthouse" or (isinstance(t["met"], bool) and t["values"]), name


def test_quick_run_measures_the_serve_loop(quick):
    _, result = quick
    serve = result["serve"]
    for mode in ("explainer_serve", "mkdocs_serve"):
        r = serve[mode]
        assert len(r["latencies"]) == result["settings"]["edits"] == 1
        # The edit changed its own page and the pages that show its title, not the whole site.
        [[changed, total]] = r["pages_changed"]
        assert 1 <= changed < total
    assert (serve["explainer_serve"]["command"], serve["mkdocs_serve"]["command"]) == (
        "explainer serve",
        "mkdocs serve",
    )
    # Both serve the same bytes: explainer serve's partial rebuilds left no page stale.
    assert serve["explainer_serve"]["sample_pages_changed"] == serve["mkdocs_serve"]["sample_pages_changed"]


# Each figure `make bench` promises (issue 12), as the table labels it: (label, a value in each column).
FIGURES = [
    ("  check / parse floor", r"[0-9.]+x"),
    ("  (check + render) / MkDocs build", r"[0-9.]+%"),
    ("  MkDocs ms per page", r"[0-9.]+ \([0-9,]+ pages\)"),
    ("build with MkDocs: mkdocs build --strict", r"[0-9.]+( \([0-9.]+\))?"),
    ("build with Zensical: explainer build --engine zensical", r"[0-9.]+( \([0-9.]+\))?"),
    ("largest page (HTML)", r"[0-9,]+ KB \([a-z0-9/-]+\)"),
    ("a reader fetches (gzip): front page, first view", r"[0-9,]+ KB"),
    ("  the largest claim page, first view", r"[0-9,]+ KB"),
    ("  one search, from opening it to results", r"[0-9,]+ KB"),
    # the real shape's rows, indented under their heading
    ("    check / parse floor", r"[0-9.]+x"),
    ("    (check + render) / MkDocs build", r"[0-9.]+%"),
    ("  largest page (HTML)", r"[0-9,]+ KB \([a-z0-9/-]+\)"),
]


def test_quick_run_prints_every_figure_and_no_progress_in_a_pipe(quick):
    proc, _ = quick
    lines = proc.stdout.splitlines()
    for label, value in FIGURES:
        assert any(re.fullmatch(rf"{re.escape(label)} +{value} +{value}", line) for line in lines), label
    assert "corpus shaped like content/ (--shape real):" in lines
    assert re.search(r"^  explainer serve: [0-9.]+ s; pages whose Markdown changed: \d+ of \d+;", proc.stdout, re.M)
    assert re.search(r"^  mkdocs serve: [0-9.]+ s;", proc.stdout, re.M)
    assert (
        "Lighthouse mobile at 80 entities, served gzip from 127.0.0.1 as GitHub Pages serves: not run: --quick" in lines
    )
    assert re.search(
        r"\[(met|MISSED)\] check <= 1.5x the parse floor \(the faster yaml.load row\): 40: [0-9.]+x, 80: [0-9.]+x",
        proc.stdout,
    )
    assert re.search(
        r"\[(met|MISSED)\] edit to reloaded page with explainer serve <= 0.5 s \(wall\): 40: [0-9.]+ s", proc.stdout
    )
    assert "  [NOT RUN] Lighthouse mobile: 100 in all four categories (lowest score shown): not run: --quick" in lines
    assert "\r" not in proc.stderr and "\033[" not in proc.stderr


def test_a_run_cut_short_leaves_its_figures_and_says_so(quick, tmp_path):
    """The result is saved after each step: a run stopped during the large corpus still has the small one."""
    from bench import run, table

    _, result = quick
    cut = {k: v for k, v in result.items() if k not in ("finished", "serve", "targets")}
    stopped = {
        k: v for k, v in result["sizes"][1].items() if k in ("entities", "shape", "counts", "files", "yaml_bytes")
    }
    cut["sizes"], cut["real"] = [result["sizes"][0], stopped], []  # stopped while parsing 80 entities
    path = tmp_path / "cut.json"
    path.write_text(json.dumps(cut), encoding="utf-8")
    text = table.render(run.load(path))
    assert "the run was cut short: the figures below are those it measured before it stopped" in text
    assert "edit to reloaded page (explainer serve): not measured (the run stopped first)" in text
    assert "Lighthouse mobile (front page, a claim page): not measured (the run stopped first, or --no-mkdocs)" in text
    assert re.search(r"^files \(YAML\) +41 \(0.0 MB\) +81 \(0.1 MB\)$", text, re.M)
    assert re.search(r"^  check / parse floor +[0-9.]+x +-$", text, re.M)
    assert re.search(
        r"\[(met|MISSED)\] check <= 1.5x the parse floor \(the faster yaml.load row\): 40: [0-9.]+x$", text, re.M
    )


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


# --- the gzip server Lighthouse measures through, and Lighthouse's report ---------------------


def _get(url: str, gzip_ok: bool) -> tuple[dict, bytes]:
    import urllib.request

    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=30) as r:
        return {k.lower(): v for k, v in r.headers.items()}, r.read()


def test_the_gzip_server_answers_as_github_pages(tmp_path):
    import gzip

    from bench import gzserve

    page = "<!doctype html><title>x</title>" + "<p>a claim, its stances and citations</p>" * 200
    (tmp_path / "claims" / "x").mkdir(parents=True)
    (tmp_path / "claims" / "x" / "index.html").write_text(page, encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log(1);\n" * 100, encoding="utf-8")
    (tmp_path / "chunk.pf_index").write_bytes(b"\x1f\x8b already compressed")
    with gzserve.serve(tmp_path) as base:
        assert base.startswith("http://127.0.0.1:")
        headers, body = _get(f"{base}/claims/x/", gzip_ok=True)
        assert headers["content-encoding"] == "gzip" and headers["content-type"] == "text/html"
        assert headers["cache-control"] == "max-age=600" and headers["vary"] == "Accept-Encoding"
        assert int(headers["content-length"]) == len(body) < len(page) // 10
        assert gzip.decompress(body).decode("utf-8") == page
        headers, body = _get(f"{base}/app.js", gzip_ok=True)
        assert headers["content-encoding"] == "gzip" and gzip.decompress(body) == b"console.log(1);\n" * 100
        # Without Accept-Encoding: gzip, and for what the host does not compress, the bytes as they are.
        headers, body = _get(f"{base}/claims/x/index.html", gzip_ok=False)
        assert "content-encoding" not in headers and body.decode("utf-8") == page
        headers, body = _get(f"{base}/chunk.pf_index", gzip_ok=True)
        assert "content-encoding" not in headers and body == b"\x1f\x8b already compressed"


def test_lighthouse_scores_and_what_cost_the_points():
    from bench import lighthouse

    def audit(score, value=None):
        return {"score": score, "numericValue": value}

    lhr = {
        "categories": {
            "performance": {
                "score": 0.97,
                "auditRefs": [
                    {"id": "total-blocking-time", "weight": 30},
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "cumulative-layout-shift", "weight": 25},
                    {"id": "first-contentful-paint", "weight": 10},
                    {"id": "speed-index", "weight": 10},
                    {"id": "uses-long-cache-ttl", "weight": 0},
                ],
            },
            "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {"score": 1, "auditRefs": []},
            "seo": {"score": 0.92, "auditRefs": [{"id": "meta-description", "weight": 1}]},
        },
        "audits": {
            "total-blocking-time": audit(0.9, 310.4),
            "largest-contentful-paint": audit(0.99, 2012.6),
            "cumulative-layout-shift": audit(1, 0.00123),
            "first-contentful-paint": audit(0.98, 1500.2),
            "speed-index": audit(1, 1600),
            "uses-long-cache-ttl": audit(0.5),
            "color-contrast": audit(1),
            "meta-description": audit(0),
        },
    }
    assert lighthouse.scores(lhr) == {
        "performance": 97,
        "performance_failing": ["total-blocking-time", "largest-contentful-paint", "first-contentful-paint"],
        "accessibility": 100,
        "best-practices": 100,
        "seo": 92,
        "seo_failing": ["meta-description"],
        "metrics": {"fcp": 1500, "lcp": 2013, "tbt": 310, "cls": 0.001, "si": 1600},
    }


def test_lighthouse_says_why_it_did_not_run(monkeypatch, tmp_path):
    from bench import lighthouse

    monkeypatch.setattr(lighthouse, "CLI", tmp_path / "missing" / "index.js")
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: f"/usr/bin/{name}")
    reason = "not installed: `make bench` installs it (npm ci in bench/lighthouse)"
    assert lighthouse.run(tmp_path, {"front": ""}) == {"skipped": reason}
    monkeypatch.setattr(lighthouse.shutil, "which", lambda name: None)
    assert lighthouse.run(tmp_path, {"front": ""}) == {"skipped": "node is not installed"}


def test_lighthouse_is_pinned_and_locked_without_a_registry_address():
    here = ROOT / "bench" / "lighthouse"
    package = json.loads((here / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((here / "package-lock.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == {"lighthouse": "12.2.3"}  # 13 needs Node 22
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    assert lock["packages"]["node_modules/lighthouse"]["version"] == "12.2.3"
    assert all("resolved" not in p for p in lock["packages"].values())  # npm ci takes them from the configured registry
    assert "/bench/lighthouse/node_modules/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
