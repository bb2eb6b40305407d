"""A strict MkDocs build of the fixture site: every entity has its page, no broken link or anchor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BASE, ROOT
from sitecheck import broken_links, off_host_fetches


def build(
    content: Path, site: Path, archive: Path | None = None, history: bool | None = None
) -> subprocess.CompletedProcess:
    """A strict MkDocs build of `content`. Updates from git only for the real content (history=None),
    unless asked: a fixture's history is this repository's, which changes with every commit."""
    if history is None:
        history = content.resolve() == (ROOT / "content").resolve()
    env = dict(
        os.environ, EXPLAINER_CONTENT=str(content), NO_MKDOCS_2_WARNING="1", EXPLAINER_HISTORY=str(history).lower()
    )
    env.pop("EXPLAINER_ARCHIVE", None)
    if archive is not None:
        env["EXPLAINER_ARCHIVE"] = str(archive)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "--quiet",
            "--config-file",
            str(ROOT / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build(BASE / "content", site)
    assert result.returncode == 0, result.stderr
    return site


def test_every_entity_has_a_page(fixture_site):
    expected = sorted(f"{p.parent.name}/{p.stem}/index.html" for p in (BASE / "content").glob("*/*.yaml"))
    assert len(expected) == 17
    for rel in expected + [
        "index.html",
        "actors/index.html",
        "events/index.html",
        "claims/index.html",
        "sources/index.html",
    ]:
        assert (fixture_site / rel).is_file(), rel


def test_no_broken_link_or_anchor(fixture_site):
    assert broken_links(fixture_site) == []


def test_nothing_from_another_host(fixture_site):
    assert off_host_fetches(fixture_site) == []


def test_broken_content_fails_the_build_with_located_errors(tmp_path):
    import shutil

    shutil.copytree(BASE / "content", tmp_path / "content")
    (tmp_path / "content" / "actors" / "iran.yaml").write_text("id: iran\nname: Iran\nkind: sate\n", encoding="utf-8")
    result = build(tmp_path / "content", tmp_path / "site")
    assert result.returncode == 1
    assert "error[bad-value] kind: 'sate' is not an allowed value; did you mean 'state'?" in result.stderr
    assert "iran.yaml:3:7:" in result.stderr
    assert "explainer: the content has 2 errors" in result.stderr
