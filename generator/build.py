"""`explainer build` and `explainer serve` once the arguments are read: an edge, like cli.py.

build runs the chosen engine (MkDocs through buildrun.py, or Zensical through
zensical_build.py) on content that cli.py has already checked, into a staging folder beside the
site that replaces the site only on success (site/sitedir.py), and prints one summary line.
serve runs `mkdocs serve`. Exit codes as cli.py's: 0 built, 1 the build failed, 2 a usage problem
(an unreadable configuration, a site folder that is not ours, an unwritable folder).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from . import buildrun
from .content.diagnostics import QuoteTally
from .model.entities import Model
from .pipeline import Settings
from .site import sitedir


@dataclass(frozen=True)
class Request:
    """What `explainer build` was asked to build, and how."""

    content: Path
    templates: Path | None  # None: the project's templates/
    archive: Path | None
    config_file: str
    site_dir: str | None  # None: site_dir in the configuration
    engine: str  # mkdocs or zensical
    verbose: bool

    def settings(self) -> Settings:
        s = Settings(content=self.content, archive=self.archive)
        if self.templates is not None:
            s.templates = self.templates
        return s


def build(request: Request, model: Model, warnings: int, started: float, quotes: QuoteTally | None = None) -> int:
    """Build the checked `model` into the site folder; `warnings` the check's, `started` when
    the command began (time.monotonic) and `quotes` the check's quote tally, for the summary."""
    try:
        site_dir = _site_dir(request.config_file, request.site_dir)
    except Exception as exc:  # MkDocs' own errors for a missing or invalid configuration
        print(f"explainer: error: cannot read {request.config_file}: {exc}", file=sys.stderr)
        return 2
    refusal = sitedir.refusal(site_dir, Path(request.config_file), request.content)
    if refusal:
        print(f"explainer: error: {refusal}", file=sys.stderr)
        return 2
    # MkDocs empties its site_dir before it knows whether the build will succeed: it builds
    # into a fresh folder beside it instead, which replaces the site only on success.
    try:
        staging = sitedir.stage(site_dir)
    except OSError as exc:
        return cannot_write(site_dir, exc)
    try:
        shown = sitedir.display(site_dir)
        built = _run_engine(request, model, _engine_env(request), staging, shown)
        if not built.ok:
            print(f"explainer: the build failed; {site_dir} is unchanged", file=sys.stderr)
            return 1
        refusal = sitedir.refusal(site_dir, Path(request.config_file), request.content)  # it may have changed meanwhile
        if refusal:
            print(f"explainer: error: {refusal}", file=sys.stderr)
            return 2
        sitedir.finish(staging, site_dir)
    except OSError as exc:
        return cannot_write(site_dir, exc)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if not _site_url(request.config_file):
        from .mkdocs_plugin import NO_SITE_URL

        print(f"explainer: note: {NO_SITE_URL}", file=sys.stderr)
    print(buildrun.summary(built.pages, warnings + built.warnings, time.monotonic() - started, shown, quotes))
    return 0


def _engine_env(request: Request) -> dict[str, str]:
    """The engine's environment. The plugin builds what was checked: this content (over
    content: in mkdocs.yml and any $EXPLAINER_CONTENT), these templates, this archive."""
    env = dict(os.environ)
    env["EXPLAINER_CONTENT"] = os.path.abspath(request.content)
    env.pop("EXPLAINER_TEMPLATES", None)
    if request.templates is not None:
        env["EXPLAINER_TEMPLATES"] = os.path.abspath(request.templates)
    if request.archive is not None:
        env["EXPLAINER_ARCHIVE"] = str(request.archive)
    if "SOURCE_DATE_EPOCH" not in env:
        epoch = _commit_time(Path(request.config_file).resolve().parent)
        if epoch:  # the dates MkDocs writes into sitemap.xml: the commit's, so a commit always builds the same bytes
            env["SOURCE_DATE_EPOCH"] = epoch
    return env


def _run_engine(request: Request, model: Model, env: dict, staging: Path, shown: str) -> buildrun.Outcome:
    """Build into `staging` with the chosen engine (MkDocs with progress and a quiet log,
    or Zensical); what came of it."""
    if request.engine == "mkdocs":
        return buildrun.run(request.config_file, str(staging), shown, env, verbose=request.verbose)
    from .zensical_build import ZensicalMissing, build_site

    try:
        ok = build_site(model, request.settings(), Path(request.config_file), staging, quiet=not request.verbose)
    except ZensicalMissing as exc:
        print(f"explainer: error: {exc}", file=sys.stderr)
        return buildrun.Outcome(False)
    return buildrun.Outcome(ok, sum(1 for _ in staging.rglob("*.html")) if ok else 0)


def _site_url(config_file: str) -> str | None:
    from mkdocs.config import load_config

    return load_config(config_file=config_file).site_url or None


def _site_dir(config_file: str, override: str | None) -> Path:
    """The folder MkDocs would build into, made absolute the way MkDocs does (links are not resolved)."""
    from mkdocs.config import load_config

    kwargs = {"site_dir": override} if override else {}
    return Path(os.path.abspath(load_config(config_file=config_file, **kwargs).site_dir))


def cannot_write(folder: Path, exc: OSError, what: str = "the site") -> int:
    """An unwritable or busy output folder: a usage problem (2), not a content error (1)."""
    unchanged = f"; {folder.name} is unchanged" if what == "the site" and os.path.lexists(folder) else ""
    print(
        f"explainer: error: cannot write {what} to {sitedir.display(Path(os.path.abspath(folder)))}: "
        f"{exc.strerror or exc}{unchanged}",
        file=sys.stderr,
    )
    return 2


def _commit_time(where: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=where, capture_output=True, text=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = out.stdout.strip()
    return value if out.returncode == 0 and value.isdigit() else None


def serve(config_file: str, dev_addr: str) -> int:
    """`mkdocs serve` on the configuration; its exit code."""
    # --dirty: after an edit MkDocs rebuilds only the pages whose Markdown changed (the
    # plugin tells it which), a second or two instead of the whole site.
    return subprocess.call(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--config-file", config_file, "--dev-addr", dev_addr]
    )
