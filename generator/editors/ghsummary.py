"""GitHub Actions output: workflow-command annotations and the job summary.

GitHub shows only the first 10 annotations of each kind per step, so everything a command
reports also goes into the job summary ($GITHUB_STEP_SUMMARY), where nothing is cut off.
Editor text in the summary is Markdown-inert (text.inert), as on the site.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..content.diagnostics import ERROR, Diagnostic, QuoteTally
from ..content.reporters import _gh_escape_data, _gh_escape_property
from ..site.text import inert


def annotation(level: str, file: str, line: int, col: int, title: str, message: str) -> str:
    props = f"file={_gh_escape_property(file)},line={line},col={col},title={_gh_escape_property(title)}"
    return f"::{level} {props}::{_gh_escape_data(message)}"


# GitHub drops a step's summary whole when it is larger than 1 MiB; what we write stays below,
# with room for a closing line.
SUMMARY_LIMIT = 1024 * 1024 - 4096


def append_summary(markdown: str) -> bool:
    """Add to the job summary when running in GitHub Actions; False elsewhere. Past the size
    GitHub accepts, the text is cut at a line and says how many lines were left out."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return False
    path = Path(target)
    used = path.stat().st_size if path.exists() else 0
    with path.open("a", encoding="utf-8") as f:
        f.write(fit(markdown if markdown.endswith("\n") else markdown + "\n", SUMMARY_LIMIT - used))
    return True


def fit(markdown: str, limit: int, unit: str = "line") -> str:
    """`markdown` if it fits `limit` bytes (UTF-8), else its first lines that fit and a closing
    line saying how many were left out."""
    if len(markdown.encode("utf-8")) <= limit:
        return markdown
    lines = markdown.splitlines(keepends=True)
    kept, size = [], 0
    for line in lines:
        size += len(line.encode("utf-8"))
        if size > limit - 200:  # room for the closing line
            break
        kept.append(line)
    left = len(lines) - len(kept)
    return "".join(kept) + (
        f"\n**{left:,} more {unit}{'s' * (left != 1)} not shown**: GitHub keeps a summary only up to "
        "1 MiB. Run `explainer check` (or see this step's log) for every problem.\n"
    )


def _cell(text: str) -> str:
    return inert(text) if text else ""


def quotes_line(quotes: QuoteTally) -> str:
    """The summary's paragraph on quote verification; plain about an archive that is not configured."""
    if quotes.archive is None:
        return (
            f"**Quotes were not verified: no quote archive is configured.** {quotes.no_archive} quote(s) "
            "were not compared with their sources. Set the repository variable `EXPLAINER_ARCHIVE_REPO` "
            '(see CONTRIBUTING, "The quote archive").\n'
        )
    return f"**Quotes:** {inert(quotes.sentence().removeprefix('quotes: '))}.\n"


def check_summary(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    n_err = sum(d.severity == ERROR for d in diags)
    n_warn = len(diags) - n_err
    head = f"## explainer check: {n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}\n"
    if quotes is not None:
        head += "\n" + quotes_line(quotes)
    if not diags:
        return head + "\nThe content is valid.\n"
    rows = []
    for d in diags:
        where = f"`{d.severity}[{d.code}]` {_cell(f'{d.file}:{d.line}:{d.col}')}"
        what = _cell(f"{d.path}: {d.message}" if d.path else d.message)
        rows.append(f"| {where} | {what} | {_cell(d.hint)} |\n")
    table = fit("".join(rows), SUMMARY_LIMIT - len(head.encode("utf-8")) - 100, "problem")
    return head + "\n| where | problem | how to fix |\n| --- | --- | --- |\n" + table
