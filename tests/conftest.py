from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base"
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture project (content/ only)."""
    shutil.copytree(BASE / "content", tmp_path / "content")
    return tmp_path


def pytest_collection_modifyitems(items):
    # Tests that read the seed articles carry the `seeds` marker, so a runner without
    # shared/ (GitHub's) can deselect them by name, visibly, instead of skipping them.
    for item in items:
        if "seeds" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.seeds)


@pytest.fixture(scope="session")
def seeds() -> Path:
    # The seed articles are on every developer machine and in CI (shared/ beside the
    # checkout). Their absence is a broken setup, not a reason to skip.
    assert SEEDS.is_dir(), f"the seed articles are missing: expected {SEEDS}"
    return SEEDS
