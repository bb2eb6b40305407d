"""The publish workflow gives the build the address GitHub Pages serves the site at."""

from __future__ import annotations

import subprocess

import pytest
import yaml
from conftest import ROOT


def _step():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    steps = workflow["jobs"]["build"]["steps"]
    names = [s["name"] for s in steps]
    step = steps[names.index("Where the site is published")]
    assert names.index("Where the site is published") < names.index("Build the site (check, then strict build)")
    return step


@pytest.mark.parametrize(
    "owner,repository,configured,expected",
    [
        ("example-org", "example-org/explainer", "", "https://example-org.github.io/explainer/"),
        ("Example-Org", "Example-Org/Al-Asad", "", "https://example-org.github.io/Al-Asad/"),
        ("me", "me/me.github.io", "", "https://me.github.io/"),
        ("Me", "Me/ME.github.io", "", "https://me.github.io/"),
        ("example-org", "example-org/explainer", "https://explainer.example.org/", "https://explainer.example.org/"),
    ],
)
def test_site_url_comes_from_the_repository_or_its_variable(tmp_path, owner, repository, configured, expected):
    step = _step()
    assert step["env"] == {"CONFIGURED": "${{ vars.EXPLAINER_SITE_URL }}"}
    env_file = tmp_path / "github_env"
    env_file.write_text("")
    subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        check=True,
        env={
            "PATH": "/usr/bin:/bin",
            "GITHUB_REPOSITORY_OWNER": owner,
            "GITHUB_REPOSITORY": repository,
            "CONFIGURED": configured,
            "GITHUB_ENV": str(env_file),
        },
    )
    assert env_file.read_text() == f"EXPLAINER_SITE_URL={expected}\n"


def test_mkdocs_reads_the_site_url_from_the_environment():
    assert "\nsite_url: !ENV EXPLAINER_SITE_URL\n" in (ROOT / "mkdocs.yml").read_text()
