"""Every diagnostic case in tests/cases gives exactly the expected report."""

from __future__ import annotations

import re

import pytest
from casekit import CASES, build_case, case_names, check_output
from test_loader_generated import GENERATED_CODES

from generator.content.diagnostics import CODES


@pytest.mark.parametrize("name", case_names())
def test_case(name, tmp_path):
    settings = build_case(name, tmp_path)
    expected = (CASES / name / "expected.txt").read_text(encoding="utf-8")
    assert check_output(settings) == expected


def test_every_code_has_a_case():
    covered = set(GENERATED_CODES)
    for name in case_names():
        covered.update(
            re.findall(r"(?:error|warning)\[([a-z-]+)\]", (CASES / name / "expected.txt").read_text(encoding="utf-8"))
        )
    assert sorted(set(CODES) - covered) == []
