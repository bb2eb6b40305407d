"""Golden output: the fixture content renders to exactly the Markdown in tests/golden/ and the
open data and diagram in tests/golden-assets/ (so a reorganisation of the code is proven
byte-identical for every file the generator writes, not only the pages).

After an intended template change, regenerate with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py
and review the diff like any other change.
"""

from __future__ import annotations

import os
import shutil

from conftest import BASE, FIXTURES

from generator.content.diagnostics import Report
from generator.pipeline import Settings, load_model, render_assets, render_pages

GOLDEN = FIXTURES.parent / "golden"
# The SVG is laid out by Graphviz: its golden copy holds for the Graphviz of this machine image.
GOLDEN_ASSETS = FIXTURES.parent / "golden-assets"


def _fixture():
    settings = Settings(content=BASE / "content", base=BASE)
    report = Report()
    model = load_model(settings, report)
    assert report.diagnostics == [], [d.text() for d in report.diagnostics]
    return model, settings


def render_fixture() -> dict[str, str]:
    return render_pages(*_fixture())


def _compare(files: dict[str, str], golden) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(golden, ignore_errors=True)
        for rel, text in files.items():
            (golden / rel).parent.mkdir(parents=True, exist_ok=True)
            (golden / rel).write_bytes(text.encode("utf-8"))  # bytes: CSV rows end in CR LF
    on_disk = sorted(p.relative_to(golden).as_posix() for p in golden.rglob("*") if p.is_file())
    assert sorted(files) == on_disk
    for rel in on_disk:
        assert files[rel] == (golden / rel).read_bytes().decode("utf-8"), rel


def test_golden_markdown():
    _compare(render_fixture(), GOLDEN)


def test_golden_open_data_and_diagram():
    _compare(render_assets(*_fixture()), GOLDEN_ASSETS)


def test_rendering_is_deterministic():
    assert render_fixture() == render_fixture()
