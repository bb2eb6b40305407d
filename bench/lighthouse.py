"""Lighthouse (mobile, all four categories) on pages of a built site served as GitHub Pages serves it.

Lighthouse is an npm package pinned in bench/lighthouse/package.json and package-lock.json
(12.2.3: 13 needs Node 22); `make bench` installs it there with `npm ci`, the tests never do.
It drives the Chromium at $CHROME_PATH (default /usr/bin/chromium) headless. The site is served
gzip-compressed from 127.0.0.1 (bench/gzserve.py). When Lighthouse cannot run, `run` says why
instead of giving scores, and the benchmark prints that reason in place of the figures.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import gzserve

HERE = Path(__file__).resolve().parent / "lighthouse"
CLI = HERE / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# The metrics the performance score is made of (milliseconds; CLS has no unit).
METRICS = {
    "fcp": "first-contentful-paint",
    "lcp": "largest-contentful-paint",
    "tbt": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "si": "speed-index",
}
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
# Headless without a sandbox: the machine runs as root, where Chromium's sandbox refuses to start.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"


def unavailable() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not CLI.is_file():
        return "not installed: `make bench` installs it (npm ci in bench/lighthouse)"
    if not Path(CHROME).exists():
        return f"no Chromium at {CHROME} (set CHROME_PATH)"
    return None


def run(site: Path, pages: dict[str, str], keep: Path | None = None, runs: int = 3, timeout: float = 600) -> dict:
    """Scores (0-100) per named page, {"front": {"performance": 100, ...}, ...}, plus for each
    category below 100 the audits that cost it points; or {"skipped": reason}.

    Each page is measured `runs` times and the median run (by performance score) is reported, with
    every run's performance score beside it: the simulated throttling still scales the CPU time it
    observes, which other work on a shared machine stretches. `keep`: a folder for the median run's
    whole report (lighthouse-<name>.json, to read every audit's details)."""
    reason = unavailable()
    if reason:
        return {"skipped": reason}
    out: dict = {}
    with gzserve.serve(site) as base, tempfile.TemporaryDirectory(prefix="explainer-lighthouse-") as tmp:
        for name, path in pages.items():
            try:
                reports = []
                for i in range(runs):
                    report = Path(tmp) / f"{name}-{i}.json"
                    _lighthouse(f"{base}/{path}", report, Path(tmp), timeout)
                    reports.append((scores(json.loads(report.read_text(encoding="utf-8"))), report))
            except (subprocess.SubprocessError, OSError, ValueError, KeyError) as e:
                return {"skipped": f"Lighthouse failed on {name} ({path or '/'}): {_short(e)}"}
            ranked = sorted(reports, key=lambda r: r[0]["performance"])
            median, report = ranked[len(ranked) // 2]
            out[name] = {"path": path, **median, "performance_runs": [r[0]["performance"] for r in reports]}
            if keep:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(report, keep / f"lighthouse-{name}.json")
    return out


def _lighthouse(url: str, report: Path, tmp: Path, timeout: float) -> None:
    cmd = [
        "node",
        str(CLI),
        url,
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS} --user-data-dir={tmp / 'profile'}",
        "--quiet",
    ]  # mobile (Moto G Power, slow 4G, simulated) is Lighthouse's default
    env = dict(os.environ, CHROME_PATH=CHROME)
    subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, timeout=timeout)


def scores(lhr: dict) -> dict:
    """Each category's score (0-100) and, for one under 100, its failing audits by weight."""
    out: dict = {}
    for cat in CATEGORIES:
        category = lhr["categories"][cat]
        score = round((category["score"] or 0) * 100)
        out[cat] = score
        if score < 100:
            lost = [
                (ref["weight"], ref["id"])
                for ref in category["auditRefs"]
                if ref["weight"] and (lhr["audits"][ref["id"]].get("score") or 0) < 1
            ]
            out[f"{cat}_failing"] = [i for _, i in sorted(lost, key=lambda x: (-x[0], x[1]))]
    out["metrics"] = {
        short: _metric(short, lhr["audits"][audit].get("numericValue") or 0)
        for short, audit in METRICS.items()
        if audit in lhr["audits"]
    }
    return out


def _metric(short: str, value: float) -> float:
    return round(value, 3) if short == "cls" else round(value)


def _short(e: Exception) -> str:
    text = getattr(e, "stderr", None) or str(e)
    return " ".join(str(text).split())[-300:]
