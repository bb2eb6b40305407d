"""CONTRIBUTING.md: its generated sections match the code, and its examples are real content."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from casekit import BASE, check_output

from generator.content.diagnostics import CODES, Report
from generator.content.yamlio import load
from generator.editors import editor_docs
from generator.pipeline import Settings

GUIDE = Path(__file__).resolve().parent.parent / "CONTRIBUTING.md"


def test_generated_sections_are_up_to_date():
    text = GUIDE.read_text(encoding="utf-8")
    assert editor_docs.regenerate(text) == text, "run `python -m generator.editors.editor_docs` (or `make generated`)"


def test_every_error_code_is_explained():
    text = GUIDE.read_text(encoding="utf-8")
    assert [c for c in CODES if f"| `{c}` | {CODES[c][0]} | {CODES[c][1]}" not in text] == []


def test_the_yaml_examples_are_valid_yaml():
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 6
    for block in blocks:
        report = Report()
        assert load(block.encode(), "example.yaml", report) is not None, report.sorted()


def test_the_actor_example_is_a_valid_actor(tmp_path):
    block = re.search(
        r"```yaml\n(# yaml-language-server: \$schema=\.\./\.\./schemas/actor\.schema\.json\n.*?)```",
        GUIDE.read_text(encoding="utf-8"),
        re.S,
    ).group(1)
    shutil.copytree(BASE / "content", tmp_path / "content")
    (tmp_path / "content/actors/kataib-hezbollah.yaml").write_text(block, encoding="utf-8")
    assert check_output(Settings(content=tmp_path / "content", base=tmp_path)) == "0 errors, 0 warnings\n"
