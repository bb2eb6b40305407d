"""Diagnostic test cases as data: tests/cases/<name>/ holds files laid over the fixture
content (content/...), optionally archive/ (source texts) and delete.txt (fixture files
to remove), and expected.txt: the exact text `explainer check` prints."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.content.diagnostics import Report, format_text
from generator.pipeline import Settings, load_model

CASES = Path(__file__).resolve().parent / "cases"
BASE = Path(__file__).resolve().parent / "fixtures" / "base"


def case_names() -> list[str]:
    return sorted(p.name for p in CASES.iterdir() if (p / "expected.txt").exists())


def build_case(name: str, into: Path) -> Settings:
    case = CASES / name
    shutil.copytree(BASE / "content", into / "content")
    for rel in (case / "delete.txt").read_text().split() if (case / "delete.txt").exists() else []:
        (into / rel).unlink()
    if (case / "content").exists():
        shutil.copytree(case / "content", into / "content", dirs_exist_ok=True)
    archive = None
    if (case / "archive").exists():
        archive = into / "archive"
        shutil.copytree(case / "archive", archive)
    return Settings(content=into / "content", archive=archive, base=into)


def check_output(settings: Settings) -> str:
    report = Report()
    load_model(settings, report)
    # A case with an archive also shows how far quotes were verified (the line `check` prints).
    return format_text(report.sorted(), report.quotes if settings.archive is not None else None)
