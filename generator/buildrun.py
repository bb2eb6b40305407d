"""`explainer build`'s MkDocs run, reported like a tool's: a progress bar on a terminal, and
in CI and pipes only the warnings and errors and one summary line.

MkDocs runs in a child process (`python -m generator.buildrun`), as it did before, so a build
starts from a fresh interpreter. The child sends what happens as JSON lines on its standard
output: the phase it is in, each page converted and written, and MkDocs' log records at
WARNING and above (every record with `-v`). The parent draws the bar from them and prints
the records. MkDocs' own lines per page ("not included in the nav") and the staging folder's
name never reach the reader; with `-v`, MkDocs' log shows the site folder's name instead.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from .content.diagnostics import QuoteTally

PHASES = {"render": "check and render", "pages": "pages", "search": "search index"}


@dataclass
class Outcome:
    ok: bool
    pages: int = 0
    warnings: int = 0
    messages: list[str] = field(default_factory=list)


def summary(pages: int, warnings: int, seconds: float, where: str, quotes: QuoteTally | None = None) -> str:
    """The one line a build prints when it succeeds, with how far quotes were verified in the
    words `explainer check` uses (QuoteTally.sentence), so a build never hides that they were not."""
    line = (
        f"built {pages} page{'s' * (pages != 1)} into {where} in {seconds:.1f} s, "
        f"{warnings} warning{'s' * (warnings != 1)}"
    )
    return with_quotes(line, quotes)


def with_quotes(line: str, quotes: QuoteTally | None) -> str:
    """A command's summary line followed by the quote tally, on the same line."""
    return f"{line}; {quotes.sentence()}" if quotes is not None else line


class Bar:
    """A one-line progress bar on a terminal, redrawn at most ten times a second."""

    WIDTH = 30

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.label = ""
        self.done = 0
        self.total = 0
        self.drawn = 0.0

    def phase(self, label: str, total: int = 0) -> None:
        self.label, self.done, self.total = label, 0, total
        self.draw(force=True)

    def step(self) -> None:
        self.done += 1
        self.draw(force=self.done == self.total)

    def draw(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self.drawn < 0.1:
            return
        self.drawn = now
        if self.total:
            filled = self.WIDTH * self.done // self.total
            text = f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.label} {100 * self.done // self.total}%"
        else:
            text = f"[{'.' * self.WIDTH}] {self.label}"
        self.stream.write(f"\r\x1b[2K{text}")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[2K")
        self.stream.flush()


def run(
    config_file: str, staging: str, shown: str, env: dict[str, str], verbose: bool = False, err: TextIO | None = None
) -> Outcome:
    """Build the site with MkDocs (strict) into `staging`; `shown` is the folder's name for
    messages. Warnings and errors go to `err` as they come; a bar too when it is a terminal."""
    err = err or sys.stderr
    bar = Bar(err) if err.isatty() else None
    cmd = [sys.executable, "-m", "generator.buildrun", config_file, staging, shown] + (["-v"] if verbose else [])
    outcome = Outcome(ok=False)
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, text=True, encoding="utf-8") as child:
        assert child.stdout is not None  # stdout=PIPE
        for line in child.stdout:
            try:
                event = json.loads(line)
            except ValueError:  # not ours (a library printing): pass it on
                event = {"log": line.rstrip("\n")}
            if "log" in event:
                if bar:
                    bar.clear()
                print(event["log"], file=err)
                if bar:
                    bar.draw(force=True)
            elif "phase" in event and bar:
                bar.phase(PHASES[event["phase"]], event.get("total", 0))
            elif "step" in event and bar:
                bar.step()
            elif "done" in event:
                outcome = Outcome(ok=True, pages=event["done"], warnings=event["warnings"])
    if bar:
        bar.clear()
    if child.returncode:
        outcome.ok = False
    return outcome


# --- the child ------------------------------------------------------------------------------


def _emit(**event) -> None:
    sys.stdout.write(json.dumps(event) + "\n")
    sys.stdout.flush()


class _Forward(logging.Handler):
    """MkDocs' log records as lines for the parent, the staging folder named as the site."""

    def __init__(self, staging: str, shown: str):
        super().__init__()
        self.staging, self.shown = staging, shown
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.warnings += 1
        text = record.getMessage().replace(self.staging, self.shown)
        _emit(log=f"{record.levelname}: {text}" if record.levelno != logging.INFO else text)


def _progress_plugin():
    from mkdocs.plugins import BasePlugin, event_priority

    class Progress(BasePlugin):
        pages = 0

        @event_priority(100)  # before the explainer plugin checks and renders the content
        def on_pre_build(self, *, config) -> None:
            _emit(phase="render")

        @event_priority(-100)  # after the explainer plugin has added the generated pages
        def on_files(self, files, *, config):
            self.pages = len(files.documentation_pages())
            _emit(phase="pages", total=2 * self.pages)  # each page converted, then written
            return files

        def on_page_content(self, html, **kwargs):
            _emit(step=1)
            return html

        def on_post_page(self, output, **kwargs):
            _emit(step=1)
            return output

        @event_priority(100)  # before the explainer plugin indexes the site
        def on_post_build(self, *, config) -> None:
            _emit(phase="search")

    return Progress()


def child(argv: list[str]) -> int:
    """python -m generator.buildrun CONFIG STAGING SHOWN [-v]"""
    verbose = "-v" in argv
    config_file, staging, shown = [a for a in argv if a != "-v"]
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    forward = _Forward(staging, shown)
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [forward]
    logger.propagate = False
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    try:
        config = load_config(config_file, site_dir=staging, strict=True)
        progress = _progress_plugin()
        config.plugins["explainer-progress"] = progress
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as exc:
        _emit(log=f"ERROR: {str(exc).replace(staging, shown)}")
        return 1
    _emit(done=progress.pages, warnings=forward.warnings)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    raise SystemExit(child(sys.argv[1:]))
