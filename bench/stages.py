"""What the benchmark measures, one stage per fresh process: `python -m bench.stages STAGE JSON`.

A fresh process per stage keeps stages from warming caches for each other and gives each
its own peak resident memory. Imports happen before the clock starts: the numbers are the
work, not Python's start-up (the CLI's start-up is measured once, separately). The last
line of stdout is the stage's result as JSON.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _maxrss_bytes() -> int:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024  # Linux reports KiB


def _yaml_files(content: Path) -> list[Path]:
    return sorted(content.rglob("*.yaml"))


def _settings(corpus: Path):
    from generator.pipeline import Settings

    return Settings(content=corpus / "content", archive=corpus / "archive", base=corpus)


def _timed(fn, repeats: int, children: bool = False) -> tuple[list[dict], object]:
    """Run fn `repeats` times: wall and CPU seconds of each run, and the last result.

    CPU time is reported beside wall time because the machine is shared: other work
    stretches wall time, while the CPU time of a single-threaded stage barely moves.
    `children`: count the CPU time of the processes fn runs too (Zensical builds in its own).
    """
    times, result = [], None
    for _ in range(repeats):
        result = None
        gc.collect()
        wall, cpu = time.perf_counter(), time.process_time() + (_children_cpu() if children else 0)
        result = fn()
        cpu = time.process_time() + (_children_cpu() if children else 0) - cpu
        times.append({"wall": time.perf_counter() - wall, "cpu": cpu})
    return times, result


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def parse(corpus: Path, repeats: int) -> dict:
    """The floor: read every file and let libyaml's C loader build Python objects from it."""
    files = _yaml_files(corpus / "content")
    loader = yaml.CSafeLoader

    def load_all():
        return [yaml.load(f.read_bytes(), Loader=loader) for f in files]

    def compose_all():  # what generator/content/yamlio.py asks of libyaml: nodes with positions
        return [yaml.compose(f.read_bytes(), Loader=loader) for f in files]

    def paused(fn):  # as `explainer check` runs: see generator/pipeline.py, _no_cyclic_gc
        def run():
            gc.disable()
            try:
                return fn()
            finally:
                gc.enable()

        return run

    times, _ = _timed(load_all, repeats)
    paused_times, _ = _timed(paused(load_all), repeats)
    compose, _ = _timed(paused(compose_all), repeats)
    return {
        "times": times,
        "paused_times": paused_times,
        "compose_times": compose,
        "files": len(files),
        "bytes": sum(f.stat().st_size for f in files),
        "maxrss": _maxrss_bytes(),
    }


def pipeline(corpus: Path, repeats: int) -> dict:
    """`explainer check` (load, validate, link, verify quotes) then render, as the CLI runs them."""
    from generator.content.diagnostics import Report
    from generator.pipeline import load_model, render_pages
    from generator.site.write import write_pages

    settings = _settings(corpus)

    def check():
        report = Report()
        model = load_model(settings, report)
        if model is None or report.diagnostics:
            raise SystemExit(f"the corpus is not clean: {[d.text() for d in report.sorted()[:5]]}")
        return model

    check_times, model = _timed(check, repeats)
    render_times, pages = _timed(lambda: render_pages(model, settings), repeats)
    out = Path(tempfile.mkdtemp(prefix="explainer-bench-"))
    try:

        def write():
            shutil.rmtree(out / "md", ignore_errors=True)
            return write_pages(pages, out / "md")

        write_times, _ = _timed(write, repeats)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    from generator.model.urls import page_path

    entity_pages = {page_path(e) for e in model.all()}
    markdown = size_table({path: len(text.encode("utf-8")) for path, text in pages.items()}, entity_pages)
    return {
        "check_times": check_times,
        "render_times": render_times,
        "write_times": write_times,
        "pages": len(pages),
        "markdown_bytes": markdown,
        "maxrss": _maxrss_bytes(),
    }


def memory(corpus: Path, repeats: int) -> dict:
    """Peak Python heap of check + render, traced (slow, so apart from the timed runs)."""
    import tracemalloc

    from generator.content.diagnostics import Report
    from generator.pipeline import load_model, render_pages

    settings = _settings(corpus)
    gc.collect()
    tracemalloc.start()
    model = load_model(settings, Report())
    after_check = tracemalloc.get_traced_memory()
    pages = render_pages(model, settings)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "peak": peak,
        "check_peak": after_check[1],
        "retained": current,
        "pages": len(pages),
        "maxrss": _maxrss_bytes(),
    }


def mkdocs(corpus: Path, repeats: int, site_dir: str) -> dict:
    """`mkdocs build --strict` of the project's mkdocs.yml over the corpus, through the MkDocs API."""
    import logging

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    os.environ["EXPLAINER_CONTENT"] = str(corpus / "content")
    os.environ["EXPLAINER_ARCHIVE"] = str(corpus / "archive")
    os.chdir(ROOT)

    def one():
        config = load_config(str(ROOT / "mkdocs.yml"), site_dir=site_dir)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()

    times, _ = _timed(one, repeats)
    return {"times": times, "maxrss": _maxrss_bytes()}


def zensical(corpus: Path, repeats: int, site_dir: str) -> dict:
    """`explainer build --engine zensical` of the project's mkdocs.yml over the corpus, the same work as
    the MkDocs stage (check with quotes, render, the site), Zensical cold in a fresh project each run."""
    from generator.content.diagnostics import Report
    from generator.pipeline import load_model
    from generator.zensical_build import build_site

    os.chdir(ROOT)

    def one():
        out = Path(site_dir)
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        settings = _settings(corpus)
        model = load_model(settings, Report())
        if model is None or not build_site(model, settings, ROOT / "mkdocs.yml", out):
            raise RuntimeError("the Zensical build failed")

    times, _ = _timed(one, repeats, children=True)
    return {
        "times": times,
        "maxrss": max(_maxrss_bytes(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024),
    }


def cli_check(corpus: Path, repeats: int) -> dict:
    """`explainer check` as an editor runs it: a new process, start-up and imports included."""
    import subprocess

    cmd = [
        sys.executable,
        "-m",
        "generator",
        "check",
        "--content",
        str(corpus / "content"),
        "--archive",
        str(corpus / "archive"),
    ]

    times = []
    for _ in range(repeats):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=corpus, stdout=subprocess.DEVNULL)
        wall = time.perf_counter() - wall
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        times.append({"wall": wall, "cpu": cpu})
    return {"times": times}


def page_type(path: str, entity_pages: set[str]) -> str:
    """front, <kind> (an entity page), <kind>-index, or <folder>-other for any other page."""
    if path == "index.md":
        return "front"
    folder = path.split("/")[0] if "/" in path else ""
    if path in entity_pages:
        return folder
    if path == f"{folder}/index.md":
        return f"{folder}-index"
    return f"{folder or 'top'}-other"


def size_table(sizes: dict[str, int], entity_pages: set[str]) -> dict[str, dict]:
    """Page sizes grouped by page type: count, median, largest (and which page), total."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for path, size in sizes.items():
        groups.setdefault(page_type(path, entity_pages), []).append((size, path))
    out = {}
    for kind, items in sorted(groups.items()):
        items.sort()
        out[kind] = {
            "count": len(items),
            "median": items[len(items) // 2][0],
            "max": items[-1][0],
            "max_page": items[-1][1],
            "total": sum(s for s, _ in items),
        }
    return out


STAGES = {
    "parse": parse,
    "pipeline": pipeline,
    "memory": memory,
    "mkdocs": mkdocs,
    "zensical": zensical,
    "cli_check": cli_check,
}


def main(argv: list[str]) -> int:
    stage, args = argv[0], json.loads(argv[1])
    corpus = Path(args.pop("corpus"))
    result = STAGES[stage](corpus, **args)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
