"""'Edit this page' opens the YAML file a page is made from, in the repository named by
$EXPLAINER_REPO_URL, and no page has an edit link when no repository is known."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from casekit import BASE

ROOT = Path(__file__).resolve().parent.parent
REPO = "https://github.com/example-org/explainer"


def build(tmp_path: Path, env_extra: dict[str, str]) -> Path:
    for name in ("docs", "overrides"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(BASE / "content", tmp_path / "content")
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXPLAINER_")}
    env.update(NO_MKDOCS_2_WARNING="1", **env_extra)
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    return tmp_path / "site"


def edit_links(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon"', html)


@pytest.fixture(scope="module")
def with_repo(tmp_path_factory):
    return build(tmp_path_factory.mktemp("with-repo"), {"EXPLAINER_REPO_URL": REPO})


def test_entity_pages_edit_their_yaml(with_repo):
    html = (with_repo / "actors" / "iran" / "index.html").read_text(encoding="utf-8")
    assert edit_links(html) == [f"{REPO}/edit/main/content/actors/iran.yaml"]
    claim = (with_repo / "claims" / "kataib-hezbollah-behind-al-asad-attack" / "index.html").read_text(encoding="utf-8")
    assert edit_links(claim) == [f"{REPO}/edit/main/content/claims/kataib-hezbollah-behind-al-asad-attack.yaml"]


def test_the_front_page_edits_site_yaml_and_indexes_have_no_edit_link(with_repo):
    assert edit_links((with_repo / "index.html").read_text(encoding="utf-8")) == [f"{REPO}/edit/main/content/site.yaml"]
    assert edit_links((with_repo / "actors" / "index.html").read_text(encoding="utf-8")) == []


def test_the_repository_link_asks_nothing_of_another_host(with_repo):
    html = (with_repo / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{REPO}" title="Go to repository" class="md-source">' in html
    assert 'data-md-component="source"' not in html  # Material's version fetches stars from api.github.com


def test_without_a_repository_there_is_no_edit_link(tmp_path):
    site = build(tmp_path, {})
    assert edit_links((site / "actors" / "iran" / "index.html").read_text(encoding="utf-8")) == []
    assert "md-source" not in (site / "index.html").read_text(encoding="utf-8")
