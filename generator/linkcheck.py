"""The weekly link check: which sources' addresses no longer answer, and their archived copies.

    python -m generator.linkcheck [--content DIR]

Prints a Markdown report (also to the GitHub job summary, with a warning annotation at each
dead `url:`). It reports and never fails: a dead link is a job for an editor, not a broken
build, and the check runs on a schedule, never on a pull request.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from . import model as m
from .diagnostics import Report
from .ghsummary import annotation, append_summary
from .pipeline import Settings, load_model
from .render import inert, md_url

USER_AGENT = "explainer-linkcheck/1 (+https://github.com; checks that cited sources are still online)"
# Answers that say "not for robots" rather than "gone": reported apart, not as dead.
BLOCKED = {401, 403, 429}


@dataclass(frozen=True)
class Status:
    state: str  # "ok", "dead" or "blocked"
    detail: str


def fetch(url: str, timeout: float = 20.0) -> Status:
    """HEAD, then GET when a server does not do HEAD; redirects are followed."""
    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Range": "bytes=0-0"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - https URLs checked by the schema
                return Status("ok", str(resp.status))
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (400, 403, 405, 501):
                continue
            return Status("blocked" if exc.code in BLOCKED else "dead", f"HTTP {exc.code}")
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return Status("dead", f"no answer ({reason})")
    return Status("dead", "no answer")


@dataclass(frozen=True)
class Result:
    source: m.Source
    field: str
    url: str
    status: Status


def check_sources(model: m.Model, get: Callable[[str], Status] = fetch, workers: int = 4) -> list[Result]:
    todo = [(s, f, getattr(s, f)) for s in model.sources for f in ("url", "archived_url") if getattr(s, f)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        statuses = list(pool.map(lambda t: get(t[2]), todo))
    return [Result(s, f, url, st) for (s, f, url), st in zip(todo, statuses)]


def report(results: list[Result]) -> str:
    dead = [r for r in results if r.status.state == "dead"]
    blocked = [r for r in results if r.status.state == "blocked"]
    out = [f"## Link check: {len(dead)} dead, {len(blocked)} not checkable, {len(results) - len(dead) - len(blocked)} fine\n"]
    if dead:
        out.append("| source | address | problem | archived copy |\n| --- | --- | --- | --- |")
        for r in dead:
            archived = r.source.archived_url if r.field == "url" else None
            copy = f"<{md_url(archived)}>" if archived else ("none: add `archived_url`" if r.field == "url" else "this is the archived copy")
            out.append(f"| {inert(r.source.title)} (`{r.source.id}`) | `{r.field}` <{md_url(r.url)}> | {inert(r.status.detail)} | {copy} |")
        out.append("")
    if blocked:
        out.append("Not checkable (the site turns automated requests away; open them by hand):\n")
        out += [f"- {inert(r.source.title)} (`{r.source.id}`): <{md_url(r.url)}> ({inert(r.status.detail)})" for r in blocked]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def annotations(results: list[Result]) -> list[str]:
    lines = []
    for r in results:
        if r.status.state != "dead":
            continue
        loc = r.source.locs.get(r.field)
        line, col = (loc.line, loc.col) if loc else (1, 1)
        archived = r.source.archived_url if r.field == "url" else None
        hint = f"; archived copy: {archived}" if archived else ("; add archived_url" if r.field == "url" else "")
        lines.append(annotation("warning", r.source.file, line, col, "dead link", f"{r.field}: {r.url} is dead ({r.status.detail}){hint}"))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.linkcheck", description="Check the sources' addresses.")
    parser.add_argument("--content", type=Path, default=Path("content"))
    args = parser.parse_args(argv)
    problems = Report()
    model = load_model(Settings(content=args.content), problems)
    if model is None:
        print(f"the content does not build ({len(problems.errors)} errors); run `explainer check`", file=sys.stderr)
        return 0
    results = check_sources(model)
    text = report(results)
    sys.stdout.write(text)
    if append_summary(text):
        for line in annotations(results):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
