"""A plain clone, with no archive of source texts beside it, passes `make test` and says loudly
what it did not verify; CI, which sets EXPLAINER_REQUIRE_ARCHIVE, fails instead."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REQUIRE, ROOT


def run_content_tests(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("EXPLAINER_ARCHIVE", REQUIRE, "PYTEST_ADDOPTS", "PYTEST_XDIST_WORKER")
    }
    env.update(EXPLAINER_ARCHIVE=str(tmp_path / "no-archive-here"), **extra)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", "tests/test_content.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_without_an_archive_the_seed_tests_are_deselected_and_the_summary_says_so(tmp_path):
    result = run_content_tests(tmp_path)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "quote verification NOT run" in result.stdout
    assert (
        f"The real content's quotes were not checked against the source texts: no archive at {tmp_path / 'no-archive-here'}. "
        in result.stdout
    )
    assert "Set EXPLAINER_ARCHIVE=/path/to/seeds to run them; CI sets EXPLAINER_REQUIRE_ARCHIVE=1" in result.stdout
    assert " deselected" in result.stdout.splitlines()[-1] and " passed" in result.stdout.splitlines()[-1]


def test_with_the_archive_required_its_absence_fails(tmp_path):
    result = run_content_tests(tmp_path, **{REQUIRE: "1"})
    assert result.returncode == 1
    assert f"the seed articles are missing: expected {tmp_path / 'no-archive-here'}" in result.stdout
    assert "deselected" not in result.stdout.splitlines()[-1]
