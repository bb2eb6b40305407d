"""The benchmark's result as a plain-text table (the JSON holds everything, this the gist)."""

from __future__ import annotations


def _s(t: dict) -> str:
    """CPU seconds, with wall seconds in brackets when other work stretched them."""
    cpu, wall = t["cpu"], t["wall"]
    text = f"{cpu:.2f}" if cpu < 100 else f"{cpu:.0f}"
    if wall > cpu * 1.15:
        text += f" ({wall:.1f})" if wall < 100 else f" ({wall:.0f})"
    return text


def _zensical(s: dict) -> str:
    """The whole build with Zensical (check, render, Zensical cold); its CPU time includes Zensical's threads."""
    return "not installed" if s.get("zensical_missing") else _s(s["zensical"])


def _kb(n: int) -> str:
    return f"{n / 1000:,.0f} KB" if n < 10_000_000 else f"{n / 1_000_000:,.1f} MB"


def _mb(n: int) -> str:
    return f"{n / 1_000_000:,.0f} MB"


def render(result: dict) -> str:
    sizes = result["sizes"]
    head = ["", *(f"{s['entities']:,} entities" for s in sizes)]
    rows: list[list[str]] = []

    def row(label, fn, when=lambda s: True):
        rows.append([label, *(fn(s) if when(s) else "-" for s in sizes)])

    has_mk = lambda s: "mkdocs" in s  # noqa: E731 (a one-line helper, read where it is used)
    row("files (YAML)", lambda s: f"{s['files']:,} ({s['yaml_bytes'] / 1e6:.1f} MB)")
    row("parse: yaml.load, CSafeLoader", lambda s: _s(s["parse_plain"]))
    row("  the same, cycle collector paused", lambda s: _s(s["parse_paused"]))
    row("  libyaml compose only (what we use)", lambda s: _s(s["compose"]))
    row("explainer check, in process", lambda s: _s(s["check"]))
    row("explainer check, new process", lambda s: _s(s["check_cli"]))
    row("render: Markdown in memory", lambda s: _s(s["render"]))
    row("  writing it (explainer render)", lambda s: _s(s["write"]))
    row("mkdocs build --strict", lambda s: _s(s["mkdocs"]), has_mk)
    row("  per page (ms)", lambda s: f"{s['mkdocs_per_page']['cpu'] * 1000:.1f} ({s['html_pages']:,} pages)", has_mk)
    row("explainer build --engine zensical", _zensical, lambda s: "zensical" in s or "zensical_missing" in s)
    row(
        "peak heap, check + render",
        lambda s: f"{_mb(s['memory']['peak'])} ({s['memory']['peak_per_entity'] / 1000:.1f} KB/entity)",
    )
    row("peak RSS, check + render", lambda s: _mb(s["pipeline_maxrss"]))
    row("peak RSS, mkdocs build", lambda s: _mb(s["mkdocs_maxrss"]), has_mk)
    row("search bundle on disk (Pagefind)", lambda s: _kb(s["search_index_bytes"]), has_mk)
    has_reader = lambda s: "reader_bytes" in s  # noqa: E731 (a one-line helper, read where it is used)
    row("a reader fetches (gzip): front page, first view", lambda s: _kb(s["reader_bytes"]["front"]), has_reader)
    row("  the largest claim page, first view", lambda s: _kb(s["reader_bytes"]["claim"]), has_reader)
    row("  one search, from opening it to results", lambda s: _kb(s["reader_bytes"]["search"]), has_reader)
    kinds = sorted({k for s in sizes if "html_bytes" in s for k in s["html_bytes"]})
    for k in kinds:
        row(
            f"HTML {k}: median / max",
            lambda s, k=k: (
                f"{_kb(s['html_bytes'][k]['median'])} / {_kb(s['html_bytes'][k]['max'])}"
                if k in s["html_bytes"]
                else "-"
            ),
            lambda s: "html_bytes" in s,
        )

    lines = [
        f"explainer benchmark · commit {result['commit'][:10] or '?'}{' + uncommitted changes' if result['uncommitted_changes'] else ''}"
        f" · {result['machine']['cpus']} CPUs · load average {result['machine']['loadavg_before'][0]:.1f} before,"
        f" {result['machine']['loadavg_after'][0]:.1f} after",
        f"seconds of CPU time, median of {result['settings']['repeats']} runs (1 run for MkDocs and the command above 2,000 entities);"
        " wall seconds in brackets where the shared machine stretched them",
        "",
    ]
    lines += _grid([head, *rows])
    lines += ["", "targets (ratios of CPU time)"]
    for t in result["targets"].values():
        values = ", ".join(f"{k}: {_ratio(v, t['limit'])}" for k, v in t["values"].items())
        lines.append(f"  [{'met' if t['met'] else 'MISSED'}] {t['what']}: {values}")
    serve = result.get("serve")
    if serve:
        lines += [
            "",
            f"edit to reloaded page, mkdocs serve at {serve['entities']:,} entities (median of {len(serve['full']['latencies'])} edits)",
        ]
        for mode in ("full", "incremental"):
            r = serve[mode]
            changed = ", ".join(f"{a} of {b}" for a, b in r["pages_changed"]) or "not logged"
            lines.append(
                f"  {r['command']}: {r['latency']:.2f} s; pages whose Markdown changed: {changed};"
                f" sampled pages changed {r['sample_pages_changed']} of {r['sample_pages']}"
            )
    return "\n".join(lines) + "\n"


def _ratio(value: float, limit: float) -> str:
    if limit > 1000:  # a size in bytes
        return _kb(int(value))
    return f"{value * 100:.1f}%" if limit < 1 else f"{value:.2f}x"


def _grid(table: list[list[str]]) -> list[str]:
    widths = [max(len(r[i]) for r in table) for i in range(len(table[0]))]
    out = []
    for j, r in enumerate(table):
        out.append("  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r)).rstrip())
        if j == 0:
            out.append("  ".join("-" * w for w in widths))
    return out
