"""Golden Markdown: the fixture content renders to exactly the files in tests/golden/.

After an intended template change, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff like any other change.
"""

from __future__ import annotations

import os
import shutil

from conftest import BASE, FIXTURES

from generator.diagnostics import Report
from generator.pipeline import Settings, load_model, render_pages

GOLDEN = FIXTURES.parent / "golden"


def render_fixture() -> dict[str, str]:
    settings = Settings(content=BASE / "content", base=BASE)
    report = Report()
    model = load_model(settings, report)
    assert report.diagnostics == [], [d.text() for d in report.diagnostics]
    return render_pages(model, settings)


def test_golden_markdown():
    pages = render_fixture()
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in pages.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    on_disk = sorted(p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file())
    assert sorted(pages) == on_disk
    for rel in on_disk:
        assert pages[rel] == (GOLDEN / rel).read_text(encoding="utf-8"), rel


def test_rendering_is_deterministic():
    assert render_fixture() == render_fixture()
