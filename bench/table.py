"""The benchmark's result as a plain-text table (the JSON holds everything, this the gist).

Every figure `make bench` promises has a row or a line whatever was measured: a figure a run
did not measure shows "-" or says why (Lighthouse not installed, skipped by --quick ...).
"""

from __future__ import annotations

from collections.abc import Callable

CATEGORY_NAMES = {
    "performance": "performance",
    "accessibility": "accessibility",
    "best-practices": "best practices",
    "seo": "SEO",
}


def _s(t: dict) -> str:
    """CPU seconds, with wall seconds in brackets when other work stretched them."""
    cpu, wall = t["cpu"], t["wall"]
    text = f"{cpu:.2f}" if cpu < 100 else f"{cpu:.0f}"
    if wall > cpu * 1.15:
        text += f" ({wall:.1f})" if wall < 100 else f" ({wall:.0f})"
    return text


def _zensical(s: dict) -> str:
    """The whole build with Zensical (check, render, Zensical cold); its CPU time includes Zensical's threads."""
    if s.get("zensical_failed"):
        return "failed (see below)"
    return "not installed" if s.get("zensical_missing") else _s(s["zensical"])


def _kb(n: int) -> str:
    return f"{n / 1000:,.0f} KB" if n < 10_000_000 else f"{n / 1_000_000:,.1f} MB"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:,.0f} MB"


def _pct(t: dict) -> str:
    return f"{t['cpu'] * 100:.1f}%"


def _x(t: dict) -> str:
    return f"{t['cpu']:.2f}x"


def _largest(s: dict) -> str:
    return f"{_kb(s['largest_page']['bytes'])} ({s['largest_page']['page']})"


Row = tuple[str, Callable[[dict], str], Callable[[dict], bool]]


def _always(s: dict) -> bool:
    return True


def _has(key: str) -> Callable[[dict], bool]:
    return lambda s: key in s


BENCH_ROWS: list[Row] = [
    ("files (YAML)", lambda s: f"{s['files']:,} ({s['yaml_bytes'] / 1e6:.1f} MB)", _always),
    ("parse: yaml.load, CSafeLoader", lambda s: _s(s["parse_plain"]), _always),
    ("  the same, cycle collector paused", lambda s: _s(s["parse_paused"]), _always),
    ("  libyaml compose only (what we use)", lambda s: _s(s["compose"]), _always),
    ("explainer check, in process", lambda s: _s(s["check"]), _always),
    ("  check / parse floor", lambda s: _x(s["check_vs_parse"]), _always),
    ("explainer check, new process", lambda s: _s(s["check_cli"]), _has("check_cli")),
    ("render: Markdown in memory", lambda s: _s(s["render"]), _always),
    ("  writing it (explainer render)", lambda s: _s(s["write"]), _always),
    ("build with MkDocs: mkdocs build --strict", lambda s: _s(s["mkdocs"]), _has("mkdocs")),
    ("  (check + render) / MkDocs build", lambda s: _pct(s["generator_share"]), _has("mkdocs")),
    (
        "  MkDocs ms per page",
        lambda s: f"{s['mkdocs_per_page']['cpu'] * 1000:.1f} ({s['html_pages']:,} pages)",
        _has("mkdocs"),
    ),
    (
        "build with Zensical: explainer build --engine zensical",
        _zensical,
        lambda s: "zensical" in s or "zensical_missing" in s or "zensical_failed" in s,
    ),
    (
        "peak heap, check + render",
        lambda s: f"{_mb(s['memory']['peak'])} ({s['memory']['peak_per_entity'] / 1000:.1f} KB/entity)",
        _has("memory"),
    ),
    ("peak RSS, check + render", lambda s: _mb(s["pipeline_maxrss"]), _always),
    ("peak RSS, mkdocs build", lambda s: _mb(s["mkdocs_maxrss"]), _has("mkdocs")),
    ("largest page (HTML)", _largest, _has("largest_page")),
    ("search bundle on disk (Pagefind)", lambda s: _kb(s["search_index_bytes"]), _has("mkdocs")),
    (
        "a reader fetches (gzip): front page, first view",
        lambda s: _kb(s["reader_bytes"]["front"]),
        _has("reader_bytes"),
    ),
    ("  the largest claim page, first view", lambda s: _kb(s["reader_bytes"]["claim"]), _has("reader_bytes")),
    ("  one search, from opening it to results", lambda s: _kb(s["reader_bytes"]["search"]), _has("reader_bytes")),
]

REAL_ROWS: list[Row] = [
    ("files (YAML)", lambda s: f"{s['files']:,} ({s['yaml_bytes'] / 1e6:.1f} MB)", _always),
    ("explainer check, in process", lambda s: _s(s["check"]), _always),
    ("  check / parse floor", lambda s: _x(s["check_vs_parse"]), _always),
    ("render: Markdown in memory", lambda s: _s(s["render"]), _always),
    ("build with MkDocs: mkdocs build --strict", lambda s: _s(s["mkdocs"]), _has("mkdocs")),
    ("  (check + render) / MkDocs build", lambda s: _pct(s["generator_share"]), _has("mkdocs")),
    ("  MkDocs ms per page", lambda s: f"{s['mkdocs_per_page']['cpu'] * 1000:.1f}", _has("mkdocs")),
    ("largest page (HTML)", _largest, _has("largest_page")),
]


def render(result: dict) -> str:
    bench = {s["entities"]: s for s in result.get("sizes", [])}
    real = {s["entities"]: s for s in result.get("real", [])}
    columns = sorted(bench.keys() | real.keys() | set(result["settings"]["entities"]))
    head = ["", *(f"{n:,} entities" for n in columns)]
    rows: list[list[str]] = []

    def add(rowset: list[Row], sizes: dict[int, dict], prefix: str = "") -> None:
        for label, fn, when in rowset:
            rows.append([prefix + label, *(_cell(fn, when, sizes.get(n)) for n in columns)])

    add(BENCH_ROWS, bench)
    kinds = sorted({k for s in bench.values() if "html_bytes" in s for k in s["html_bytes"]})
    for k in kinds:
        rows.append(
            [
                f"HTML {k}: median / max",
                *(
                    f"{_kb(bench[n]['html_bytes'][k]['median'])} / {_kb(bench[n]['html_bytes'][k]['max'])}"
                    if n in bench and k in bench[n].get("html_bytes", {})
                    else "-"
                    for n in columns
                ),
            ]
        )
    rows.append(["corpus shaped like content/ (--shape real):", *("" for _ in columns)])
    add(REAL_ROWS, real, "  ")

    machine = result["machine"]
    lines = [
        f"explainer benchmark · commit {result['commit'][:10] or '?'}{' + uncommitted changes' if result['uncommitted_changes'] else ''}"
        f" · {machine['cpus']} CPUs{' (' + machine['cpu'] + ')' if machine.get('cpu') else ''}"
        f" · load average {machine['loadavg_before'][0]:.1f} before, {machine.get('loadavg_after', [0.0])[0]:.1f} after",
        f"seconds of CPU time, median of {result['settings']['repeats']} runs (1 run for MkDocs and the command above 2,000 entities);"
        " wall seconds in brackets where the shared machine stretched them",
        "",
    ]
    if "finished" not in result:
        lines.insert(1, "the run was cut short: the figures below are those it measured before it stopped")
    lines += _grid([head, *rows])
    lines += ["", *_serve(result.get("serve"), result["settings"])]
    lines += [
        f"Zensical failed at {n:,} entities: {s['zensical_failed']}" for n, s in bench.items() if "zensical_failed" in s
    ]
    lines += ["", *_lighthouse(bench)]
    lines += ["", "targets"]
    for key, t in result["targets"].items():
        if t["met"] is None:
            lines.append(f"  [NOT RUN] {t['what']}: {t['skipped']}")
            continue
        values = ", ".join(f"{k}: {_value(key, v)}" for k, v in t["values"].items())
        lines.append(f"  [{'met' if t['met'] else 'MISSED'}] {t['what']}: {values}")
    return "\n".join(lines) + "\n"


def _cell(fn: Callable[[dict], str], when: Callable[[dict], bool], size: dict | None) -> str:
    """The figure, or "-" where the run did not measure it (a size or stage it did not reach)."""
    if size is None or not when(size):
        return "-"
    try:
        return fn(size)
    except KeyError:
        return "-"


def _serve(serve: dict | None, settings: dict) -> list[str]:
    if not serve:
        reason = "--serve-entities 0" if not settings.get("serve_entities") else "not measured (the run stopped first)"
        return [f"edit to reloaded page (explainer serve): {reason}"]
    lines = [
        f"edit to reloaded page at {serve['entities']:,} entities (save one event's title, poll its page;"
        f" median of {len(next(iter(v for k, v in serve.items() if k != 'entities'))['latencies'])} edits)"
    ]
    for mode in ("explainer_serve", "mkdocs_serve"):
        if mode not in serve:
            continue
        r = serve[mode]
        changed = ", ".join(f"{a} of {b}" for a, b in r["pages_changed"]) or "not logged"
        lines.append(
            f"  {r['command']}: {r['latency']:.2f} s; pages whose Markdown changed: {changed};"
            f" sampled pages changed {r['sample_pages_changed']} of {r['sample_pages']}"
        )
    return lines


def _lighthouse(bench: dict[int, dict]) -> list[str]:
    scored = [s for s in bench.values() if "lighthouse" in s]
    if not scored:
        return ["Lighthouse mobile (front page, a claim page): not measured (the run stopped first, or --no-mkdocs)"]
    s = scored[-1]
    lh = s["lighthouse"]
    head = f"Lighthouse mobile at {s['entities']:,} entities, served gzip from 127.0.0.1 as GitHub Pages serves"
    if "skipped" in lh:
        return [f"{head}: {lh['skipped']}"]
    lines = [f"{head} (performance / accessibility / best practices / SEO):"]
    for page, scores in lh.items():
        figures = " / ".join(str(scores[c]) for c in CATEGORY_NAMES)
        m = scores.get("metrics", {})
        metrics = ", ".join(
            f"{k.upper()} {m[k]:.3f}"
            if k == "cls"
            else f"{k.upper()} {m[k] / 1000:.1f} s"
            if k != "tbt"
            else f"TBT {m[k]} ms"
            for k in ("fcp", "lcp", "tbt", "cls", "si")
            if k in m
        )
        runs = scores.get("performance_runs", [])
        runs_text = f" (median of {len(runs)} runs: performance {', '.join(map(str, runs))})" if len(runs) > 1 else ""
        lines.append(f"  {page} page (/{scores.get('path', '')}): {figures}; {metrics}{runs_text}")
        for c, name in CATEGORY_NAMES.items():
            if scores.get(f"{c}_failing"):
                lines.append(f"    {name} short of 100 by: {', '.join(scores[f'{c}_failing'][:6])}")
    return lines


def _value(target: str, value: float) -> str:
    """A target's measured value in its unit."""
    if target == "lighthouse":
        return str(value)
    if target in ("largest_page", "search_bytes"):
        return _kb(int(value))
    if target == "edit_to_preview":
        return f"{value:.2f} s"
    return f"{value * 100:.1f}%" if target.startswith("generator_share") else f"{value:.2f}x"


def _grid(table: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    out = []
    for j, r in enumerate(table):
        out.append("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r)).rstrip())
        if j == 0:
            out.append("  ".join("-" * w for w in widths))
    return out
