"""`make bench`: every stage at each corpus size in one run, a table, the targets, and JSON."""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from . import corpus as corpus_mod
from . import fetch, lighthouse
from . import serve as serve_mod
from .stages import size_table

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
HTML_BUDGET = 500_000  # bytes of HTML a reader's browser gets for one page

TARGETS = {
    "check_vs_parse": ("check <= 1.5x the parse floor (the faster yaml.load row)", 1.5),
    "generator_share": ("check + render <= 5% of the MkDocs build", 0.05),
    "generator_share_real": ("check + render <= 5% of the MkDocs build, corpus shaped like content/", 0.05),
    "mkdocs_page_growth": ("MkDocs time per page, largest N vs smallest N <= 1.2x", 1.2),
    "memory_growth": ("peak heap of check + render per entity, largest N vs smallest N <= 1.2x (linear)", 1.2),
    "largest_page": (f"largest page's HTML <= {HTML_BUDGET // 1000} KB", HTML_BUDGET),
    "search_bytes": (f"one search fetches <= {HTML_BUDGET // 1000} KB (gzip)", HTML_BUDGET),
    "edit_to_preview": ("edit to reloaded page with explainer serve <= 0.5 s (wall)", 0.5),
    "lighthouse": ("Lighthouse mobile: 100 in all four categories (lowest score shown)", 100),
}


class Progress:
    """One updating line on a terminal; nothing at all in a pipe or CI log."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.perf_counter()

    def __call__(self, text: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\033[K[{time.perf_counter() - self.started:6.0f} s] {text}")
            sys.stderr.flush()

    def done(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def corpus_dir(work: Path, entities: int, seed: int, progress: Progress, shape: str = "bench") -> tuple[Path, dict]:
    """The corpus for (entities, seed, shape), generated again only when the generator changed."""
    path = work / (f"corpus-{entities}-s{seed}" if shape == "bench" else f"corpus-{shape}-{entities}-s{seed}")
    stamp = hashlib.sha256(
        (inspect.getsource(corpus_mod) + inspect.getsource(corpus_mod.slugify) + f"{entities}:{seed}:{shape}").encode()
    ).hexdigest()
    stamp_file = path / "stamp.json"
    if stamp_file.exists():
        saved = json.loads(stamp_file.read_text())
        if saved.get("stamp") == stamp:
            return path, saved["counts"]
    progress(f"{entities:,} entities: generating the corpus ({shape} shape)")
    path.mkdir(parents=True, exist_ok=True)
    counts = corpus_mod.write(entities, path, seed, shape=shape)
    stamp_file.write_text(json.dumps({"stamp": stamp, "counts": counts}))
    return path, counts


def stage(name: str, corpus: Path, **args) -> dict:
    """Run one stage in a fresh interpreter and return what it measured."""
    cmd = [sys.executable, "-m", "bench.stages", name, json.dumps({"corpus": str(corpus), **args})]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0")
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"stage {name} failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def summary(times: list[dict]) -> dict:
    return {
        "wall": statistics.median(t["wall"] for t in times),
        "cpu": statistics.median(t["cpu"] for t in times),
        "runs": len(times),
    }


def html_sizes(site: Path, entity_pages: set[str]) -> tuple[dict, int, int]:
    """HTML bytes per page type, the page count, and the search bundle's size on disk."""
    sizes = {}
    for html in site.rglob("index.html"):
        rel = html.relative_to(site).as_posix()
        md = "index.md" if rel == "index.html" else rel[: -len("/index.html")] + ".md"
        if md.count("/") == 0 and md != "index.md":  # a section's own page: <kind>/index.html
            md = md[:-3] + "/index.md"
        sizes[md] = html.stat().st_size
    index = site / "pagefind"  # Pagefind's whole bundle; a reader fetches only the chunks a query needs
    return size_table(sizes, entity_pages), len(sizes), sum(f.stat().st_size for f in index.rglob("*") if f.is_file())


def _heavy(entities: int, repeats: int) -> int:
    return 1 if entities > 2000 else repeats  # MkDocs and the CLI at 10,000 entities take minutes


def _label(entities: int, shape: str) -> str:
    return f"{entities:,} entities" + ("" if shape == "bench" else f", {shape} shape")


def measure_size(entities: int, args, work: Path, progress: Progress, shape: str = "bench", checkpoint=None) -> dict:
    """The figures the targets are judged on, for one corpus: parse, check, render, the MkDocs build
    and its pages; on the bench shape also the bytes a reader fetches and, at the largest size,
    Lighthouse. `checkpoint(out)` is called after each stage with the figures so far."""
    corpus, counts = corpus_dir(work, entities, args.seed, progress, shape)
    full = shape == "bench"
    repeats = args.repeats
    heavy = _heavy(entities, repeats)
    label = _label(entities, shape)
    out: dict = {"entities": entities, "shape": shape, "counts": counts}
    checkpoint = checkpoint or (lambda out: None)

    progress(f"{label}: parse floor")
    parse = stage("parse", corpus, repeats=repeats)
    out.update(files=parse["files"], yaml_bytes=parse["bytes"])
    out["parse_plain"] = summary(parse["times"])
    # The floor is the faster of the two: check runs with the cycle collector paused too.
    out["parse_paused"] = summary(parse["paused_times"])
    out["parse"] = min(out["parse_plain"], out["parse_paused"], key=lambda t: t["cpu"])
    out["compose"] = summary(parse["compose_times"])
    checkpoint(out)

    progress(f"{label}: check and render")
    pipe = stage("pipeline", corpus, repeats=repeats)
    out["check"], out["render"], out["write"] = (
        summary(pipe[k]) for k in ("check_times", "render_times", "write_times")
    )
    out["pages"] = pipe["pages"]
    out["markdown_bytes"] = pipe["markdown_bytes"]
    out["pipeline_maxrss"] = pipe["maxrss"]
    out["check_vs_parse"] = {k: out["check"][k] / out["parse"][k] for k in ("wall", "cpu")}
    checkpoint(out)

    if not args.no_mkdocs:
        measure_mkdocs(out, corpus, heavy, label, progress)
        checkpoint(out)
        site = corpus / "site"
        if full and Path(fetch.CHROMIUM).exists():
            progress(f"{label}: bytes a reader fetches (Chromium)")
            out["reader_bytes"] = reader_bytes(site)
            checkpoint(out)
        if full and entities == max(args.entities):
            out["lighthouse"] = measure_lighthouse(site, args, label, progress)
            checkpoint(out)
    return out


def measure_extras(out: dict, args, work: Path, progress: Progress, checkpoint) -> None:
    """The bench shape's other figures: `explainer check` as a command, peak memory, the Zensical build."""
    entities = out["entities"]
    corpus, _ = corpus_dir(work, entities, args.seed, progress)
    heavy, label = _heavy(entities, args.repeats), _label(entities, "bench")
    progress(f"{label}: explainer check as a command")
    out["check_cli"] = summary(stage("cli_check", corpus, repeats=heavy)["times"])
    checkpoint(out)
    progress(f"{label}: peak memory (tracemalloc)")
    mem = stage("memory", corpus, repeats=1)
    out["memory"] = {
        "peak": mem["peak"],
        "check_peak": mem["check_peak"],
        "retained": mem["retained"],
        "peak_per_entity": mem["peak"] / entities,
        "maxrss": mem["maxrss"],
    }
    checkpoint(out)
    if not args.no_zensical:
        measure_zensical(out, corpus, heavy, label, progress)
        checkpoint(out)


def measure_mkdocs(out: dict, corpus: Path, repeats: int, label: str, progress: Progress) -> None:
    """`mkdocs build --strict` (the plugin checks and renders inside it): its time, per page, the
    share check + render take of it, and the size of every HTML page it wrote."""
    progress(f"{label}: mkdocs build ({repeats} run{'s' * (repeats != 1)})")
    site = corpus / "site"
    mk = stage("mkdocs", corpus, repeats=repeats, site_dir=str(site))
    out["mkdocs"] = summary(mk["times"])
    out["mkdocs_maxrss"] = mk["maxrss"]
    entity_pages = {
        f"{p.parent.name}/{p.stem}.md"
        for kind in corpus_mod.KIND_FOLDERS
        for p in (corpus / "content" / kind).glob("*.yaml")
    }
    out["html_bytes"], out["html_pages"], out["search_index_bytes"] = html_sizes(site, entity_pages)
    out["mkdocs_per_page"] = {k: out["mkdocs"][k] / out["html_pages"] for k in ("wall", "cpu")}
    out["generator_share"] = {k: (out["check"][k] + out["render"][k]) / out["mkdocs"][k] for k in ("wall", "cpu")}
    largest = max(out["html_bytes"].values(), key=lambda v: v["max"])
    out["largest_page"] = {"bytes": largest["max"], "page": page_url(largest["max_page"])}


def page_url(md: str) -> str:
    """The address of the page rendered from `md`, relative to the site: index.md -> /, a/b.md -> a/b/."""
    if md == "index.md":
        return "/"
    return md[: -len("index.md")] if md.endswith("/index.md") else md[: -len(".md")] + "/"


def measure_lighthouse(site: Path, args, label: str, progress: Progress) -> dict:
    """Lighthouse's scores for the front page and the largest claim page, or why there are none."""
    if args.no_lighthouse:
        return {"skipped": "not run: " + ("--quick" if args.quick else "--no-lighthouse")}
    progress(f"{label}: Lighthouse mobile on the front page and a claim page")
    return lighthouse.run(site, {"front": "", "claim": largest_claim(site)}, keep=site.parent)


def measure_zensical(out: dict, corpus: Path, repeats: int, label: str, progress: Progress) -> None:
    """The second engine over the same corpus; only noted as missing when Zensical is not installed."""
    if importlib.util.find_spec("zensical") is None:
        out["zensical_missing"] = True
        return
    progress(f"{label}: explainer build --engine zensical ({repeats} run{'s' * (repeats != 1)})")
    try:
        zs = stage("zensical", corpus, repeats=repeats, site_dir=str(corpus / "site-zensical"))
    except RuntimeError as e:  # a build Zensical refuses is a finding to print, not the end of the run
        errors = [line for line in str(e).splitlines() if "Error:" in line]
        out["zensical_failed"] = (errors[0] if errors else str(e).splitlines()[0])[:400]
        return
    out["zensical"] = summary(zs["times"])
    out["zensical_maxrss"] = zs["maxrss"]


SEARCH_QUERY = "rocket attack"  # words on hundreds of the corpus's pages: a query with large index chunks


def reader_bytes(site: Path) -> dict[str, int]:
    """Bytes (gzip where GitHub Pages compresses) a reader's browser fetches: a first view of the
    front page, of the largest claim page, and one search opened on the front page."""
    return fetch.measure(site, {"front": "", "claim": largest_claim(site)}, SEARCH_QUERY)


def largest_claim(site: Path) -> str:
    """The URL path of the largest claim page (the claim with most stances and citations)."""
    claims = sorted(site.glob("claims/*/index.html"), key=lambda p: (-p.stat().st_size, p.parent.name))
    claims = [p for p in claims if "--" not in p.parent.name]
    return f"claims/{claims[0].parent.name}/"


def measure_serve(entities: int, args, work: Path, progress: Progress) -> dict:
    """Edit to reloaded page with `explainer serve` (what an editor runs) and, for comparison,
    plain `mkdocs serve` (every edit rebuilds the whole site)."""
    corpus, _ = corpus_dir(work, entities, args.seed, progress)
    out: dict = {"entities": entities}
    for mode in serve_mod.MODES:
        progress(f"{entities:,} entities: {serve_mod.MODES[mode]}, {args.edits} edit(s)")
        r = serve_mod.measure(corpus, work, edits=args.edits, mode=mode)
        r["latency"] = statistics.median(r["latencies"])
        out[mode] = r
    return out


def targets(result: dict) -> dict:
    """Each target's measured value (CPU-time ratios, bytes, seconds, scores), per size or
    between the smallest and largest; a target nothing measured is left out."""
    sizes, real = result.get("sizes", []), result.get("real", [])
    res: dict = {}
    res["check_vs_parse"] = {str(s["entities"]): s["check_vs_parse"]["cpu"] for s in sizes if "check_vs_parse" in s}
    res["generator_share"] = {str(s["entities"]): s["generator_share"]["cpu"] for s in sizes if "mkdocs" in s}
    res["generator_share_real"] = {str(s["entities"]): s["generator_share"]["cpu"] for s in real if "mkdocs" in s}
    res["largest_page"] = {str(s["entities"]): s["largest_page"]["bytes"] for s in sizes if "mkdocs" in s}
    res["search_bytes"] = {str(s["entities"]): s["reader_bytes"]["search"] for s in sizes if "reader_bytes" in s}
    small, large = (sizes[0], sizes[-1]) if len(sizes) > 1 else (None, None)
    if small and large and "mkdocs" in small and "mkdocs" in large:
        res["mkdocs_page_growth"] = {
            f"{large['entities']}/{small['entities']}": large["mkdocs_per_page"]["cpu"]
            / small["mkdocs_per_page"]["cpu"]
        }
    if small and large and "memory" in small and "memory" in large:
        res["memory_growth"] = {
            f"{large['entities']}/{small['entities']}": large["memory"]["peak_per_entity"]
            / small["memory"]["peak_per_entity"]
        }
    serve = result.get("serve")
    if serve and "explainer_serve" in serve:
        res["edit_to_preview"] = {str(serve["entities"]): serve["explainer_serve"]["latency"]}
    out = {
        k: {
            "what": TARGETS[k][0],
            "limit": TARGETS[k][1],
            "values": v,
            "met": all(x <= TARGETS[k][1] for x in v.values()),
        }
        for k, v in res.items()
        if v
    }
    scored = [s for s in sizes if "lighthouse" in s]
    if scored:
        out["lighthouse"] = lighthouse_target(scored[-1])
    return out


def lighthouse_target(size: dict) -> dict:
    """The lowest of the four scores for each page, or the reason Lighthouse did not run."""
    lh = size["lighthouse"]
    what, limit = TARGETS["lighthouse"]
    if "skipped" in lh:
        return {"what": what, "limit": limit, "values": {}, "met": None, "skipped": lh["skipped"]}
    values = {
        f"{size['entities']} {page}": min(scores[c] for c in lighthouse.CATEGORIES) for page, scores in lh.items()
    }
    return {"what": what, "limit": limit, "values": values, "met": all(v >= limit for v in values.values())}


def git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def run(args, path: Path | None = None) -> dict:
    """Measure everything `args` asks for. With `path`, the result so far is saved there after each
    step, so a run cut short (a time box, a busy machine) still leaves what it measured."""
    progress = Progress(sys.stderr.isatty() and not args.quiet)
    work = Path(args.work).resolve()
    work.mkdir(parents=True, exist_ok=True)
    result: dict = {
        "format": 2,
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git("rev-parse", "HEAD"),
        "uncommitted_changes": bool(
            git("status", "--porcelain", "--", "generator", "templates", "bench", "mkdocs.yml")
        ),
        "machine": machine(),
        "settings": {
            "entities": args.entities,
            "shapes": args.shape,
            "repeats": args.repeats,
            "seed": args.seed,
            "edits": args.edits,
            "serve_entities": args.serve_entities,
        },
        "sizes": [],
        "real": [],
    }

    def step(key: str, value) -> None:
        if isinstance(result.get(key), list):
            if not any(v is value for v in result[key]):
                result[key].append(value)
        else:
            result[key] = value
        result["machine"]["loadavg_after"] = os.getloadavg()
        result["targets"] = targets(result)
        if path:
            save(result, path)

    try:
        # Smallest size first, and at each size the figures the targets are judged on before the
        # others: a run cut short has the most telling figures in.
        for n in args.entities:
            if "bench" in args.shape:
                bench = measure_size(n, args, work, progress, checkpoint=lambda out: step("sizes", out))
            if "real" in args.shape:
                measure_size(n, args, work, progress, shape="real", checkpoint=lambda out: step("real", out))
            if "bench" in args.shape:
                measure_extras(bench, args, work, progress, checkpoint=lambda out: step("sizes", out))
            if args.serve_entities and n >= args.serve_entities and "serve" not in result:
                step("serve", measure_serve(args.serve_entities, args, work, progress))
        if args.serve_entities and "serve" not in result:
            step("serve", measure_serve(args.serve_entities, args, work, progress))
    finally:
        progress.done()
    step("finished", datetime.now(UTC).isoformat(timespec="seconds"))
    return result


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError):
        memory = 0
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "loadavg_before": os.getloadavg(),
    }


def result_path(out: str | None) -> Path:
    """Where the result goes: `out`, or bench/results/<time>-<commit>.json."""
    if out:
        return Path(out)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    return RESULTS / f"{stamp}-{(git('rev-parse', 'HEAD') or 'nocommit')[:10]}.json"


def load(path: Path) -> dict:
    """A saved result, with its targets judged again (a result cut short has them as of its last step)."""
    result = json.loads(path.read_text(encoding="utf-8"))
    result["targets"] = targets(result)
    return result


def save(result: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return path
