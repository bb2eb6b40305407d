"""A failed check or build leaves the previous site/ and every file in content/ as they were.

(`explainer new` never overwriting and `explainer fmt` keeping meaning are tested with
those commands.)
"""

from __future__ import annotations

import sitekit

BROKEN_TEMPLATE = '{% extends "base.html" %}\n{% block content %}{{ no_such_function() }}{% endblock %}\n'


def built_project(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    result = sitekit.explainer(project, "build")
    assert result.returncode == 0, result.stderr
    site = sitekit.snapshot(project / "site")
    assert len(site) > 50
    return project, site


def leftovers(project) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site."))


def test_content_errors_leave_site_and_content_alone(tmp_path):
    project, site = built_project(tmp_path)
    with (project / "content" / "actors" / "iran.yaml").open("a", encoding="utf-8") as f:
        f.write("bogus: 1\n")
    content = sitekit.snapshot(project / "content")
    for command in (["check"], ["check", "--format", "github"], ["render", "--out", "build/markdown"], ["build"]):
        result = sitekit.explainer(project, *command)
        assert result.returncode == 1, command
        assert "unknown field 'bogus'" in result.stdout + result.stderr
    assert sitekit.snapshot(project / "site") == site
    assert sitekit.snapshot(project / "content") == content
    assert not (project / "build").exists() and leftovers(project) == []


def test_a_build_that_fails_inside_mkdocs_leaves_the_site_alone(tmp_path):
    project, site = built_project(tmp_path)
    (project / "overrides" / "main.html").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    content = sitekit.snapshot(project / "content")
    result = sitekit.explainer(project, "build")
    assert result.returncode == 1
    assert "the build failed; " in result.stderr and "site is unchanged" in result.stderr
    assert sitekit.snapshot(project / "site") == site
    assert sitekit.snapshot(project / "content") == content
    assert leftovers(project) == []


def test_mkdocs_alone_would_have_emptied_the_site(tmp_path):
    """Why `explainer build` builds beside site/: MkDocs empties its site_dir first."""
    project, site = built_project(tmp_path)
    (project / "overrides" / "main.html").write_text(BROKEN_TEMPLATE, encoding="utf-8")
    assert sitekit.mkdocs_build(project, project / "site").returncode == 1
    pages = [f for f in sitekit.snapshot(project / "site") if f.endswith("/index.html") or f == "index.html"]
    assert pages == [] and len([f for f in site if f.endswith("index.html")]) == 27


def test_a_successful_build_replaces_the_site(tmp_path):
    project, site = built_project(tmp_path)
    (project / "site" / "stale.html").write_text("from an older build\n")
    text = (project / "content" / "actors" / "iran.yaml").read_text(encoding="utf-8")
    (project / "content" / "actors" / "iran.yaml").write_text(
        text.replace("name: Iran", "name: Islamic Republic of Iran")
    )
    assert sitekit.explainer(project, "build").returncode == 0
    after = sitekit.snapshot(project / "site")

    def pages(files):  # search chunks are named by content
        return sorted(f for f in files if not f.startswith("pagefind/"))

    assert "stale.html" not in after and pages(after) == pages(site)
    assert "Islamic Republic of Iran" in (project / "site" / "actors" / "iran" / "index.html").read_text(
        encoding="utf-8"
    )
    assert leftovers(project) == []


def test_a_missing_configuration_is_a_usage_error(tmp_path):
    project, site = built_project(tmp_path)
    result = sitekit.explainer(project, "build", "--config-file", "nope.yml")
    assert result.returncode == 2
    assert result.stderr == "explainer: error: cannot read nope.yml: Config file 'nope.yml' does not exist.\n"
    assert sitekit.snapshot(project / "site") == site and leftovers(project) == []
