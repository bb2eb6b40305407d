"""The three ways of reporting diagnostics: text for a terminal, JSON for tools, and GitHub's
workflow commands (annotations on a pull request's lines). Each takes the sorted diagnostics
and, for `check`, the quote tally; FORMATTERS names them for `--format`.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING

from .codes import ERROR

if TYPE_CHECKING:
    from .diagnostics import Diagnostic, QuoteTally


def format_text(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    lines = [d.text() for d in diags]
    n_err = sum(d.severity == ERROR for d in diags)
    n_warn = len(diags) - n_err
    lines.append(f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}")
    if quotes is not None:
        lines.append(quotes.sentence())
    return "\n".join(lines) + "\n"


def format_json(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    items = [{"severity": d.severity, **asdict(d)} for d in diags]
    doc = {"diagnostics": items, "errors": sum(d.severity == ERROR for d in diags)}
    if quotes is not None:
        doc["quotes"] = quotes.as_json()
    return json.dumps(doc, indent=2) + "\n"


def _gh_escape_data(text: str) -> str:
    # GitHub's own escaping rules for workflow commands: without them a newline in
    # editor text would start a new, forged command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    out = []
    for d in diags:
        title = _gh_escape_property(f"{d.code}")
        props = f"file={_gh_escape_property(d.file)},line={d.line},col={d.col},title={title}"
        where = f"{d.path}: " if d.path else ""
        hint = f"; {d.hint}" if d.hint else ""
        out.append(f"::{d.severity} {props}::{_gh_escape_data(where + d.message + hint)}")
    if quotes is not None:  # a warning while any quote went unchecked: it shows on the run's page
        level = "warning" if quotes.not_checked or quotes.archive is None else "notice"
        out.append(f"::{level} title=quotes::{_gh_escape_data(quotes.sentence())}")
    return "\n".join(out) + ("\n" if out else "")


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
