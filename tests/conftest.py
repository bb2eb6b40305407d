from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
BASE = FIXTURES / "base"
# The archive of the real content's source texts: $EXPLAINER_ARCHIVE (the Makefile sets it
# when ../shared/seeds exists), else shared/seeds beside the checkout. A plain clone has none.
SEEDS = Path(os.environ.get("EXPLAINER_ARCHIVE") or ROOT.parent / "shared" / "seeds")
HAVE_SEEDS = SEEDS.is_dir()
# CI sets this, so that it can never pass without verifying the real content's quotes.
REQUIRE = "EXPLAINER_REQUIRE_ARCHIVE"


@pytest.fixture
def base_copy(tmp_path: Path) -> Path:
    """A writable copy of the small valid fixture project (content/ only)."""
    shutil.copytree(BASE / "content", tmp_path / "content")
    return tmp_path


def pytest_collection_modifyitems(config, items):
    # Tests that read the seed articles carry the `seeds` marker. Without an archive they are
    # deselected (not skipped: nothing is counted as passing) and the summary says so loudly;
    # with $EXPLAINER_REQUIRE_ARCHIVE set, as in CI, they run and fail on the missing archive.
    needs = [item for item in items if "seeds" in getattr(item, "fixturenames", ())]
    for item in needs:
        item.add_marker(pytest.mark.seeds)
    if needs and not HAVE_SEEDS and not os.environ.get(REQUIRE):
        config.hook.pytest_deselected(items=needs)
        items[:] = [item for item in items if item not in set(needs)]
        config.stash[_UNVERIFIED] = len(needs)


_UNVERIFIED = pytest.StashKey[int]()


def pytest_terminal_summary(terminalreporter, config):
    n = config.stash.get(_UNVERIFIED, 0)
    if n:
        terminalreporter.section("quote verification NOT run", sep="!", red=True, bold=True)
        terminalreporter.write_line(
            f"The real content's quotes were not checked against the source texts: no archive at {SEEDS}. "
            f"{n} tests that need it were deselected. Set EXPLAINER_ARCHIVE=/path/to/seeds to run them; "
            f"CI sets {REQUIRE}=1, which makes a missing archive a failure.",
            red=True,
        )


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The archive folder of the real content's source texts (tests that need it are deselected without one)."""
    assert HAVE_SEEDS, f"the seed articles are missing: expected {SEEDS} (set EXPLAINER_ARCHIVE, or unset {REQUIRE})"
    return SEEDS


@pytest.fixture(scope="session")
def archive() -> Path | None:
    """The archive when there is one: builds of the real site verify quotes with it, and build without it."""
    if os.environ.get(REQUIRE):
        assert HAVE_SEEDS, (
            f"the seed articles are missing: expected {SEEDS} (set EXPLAINER_ARCHIVE, or unset {REQUIRE})"
        )
    return SEEDS if HAVE_SEEDS else None


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, archive) -> Path:
    """The real explainer, built once per test process (a strict MkDocs build with its git
    history, quotes verified when the archive is there). Tests read it and never write to it."""
    from test_build import build

    site = tmp_path_factory.mktemp("real-site")
    result = build(ROOT / "content", site, archive=archive)
    assert result.returncode == 0, result.stderr
    return site


def load_content(content: Path):
    """The linked model of a content folder that must check clean (its diagnostics otherwise)."""
    from generator.content.diagnostics import Report
    from generator.pipeline import Settings, load_model

    report = Report()
    model = load_model(Settings(content=content, base=content.parent), report)
    assert model is not None, [d.text() for d in report.diagnostics]
    return model
