"""What `explainer build` prints in CI and pipes: the warnings and errors, and one summary line.

No line per page (MkDocs' list of pages "not included in the nav"), no staging folder's name,
nothing from MkDocs but its warnings and errors unless `-v` asks for its log. (On a terminal
a progress bar is drawn on standard error; these tests run in a pipe, where it never is.)
"""

from __future__ import annotations

import re

import sitekit

# The tests' builds have no quote archive: the line says so in `explainer check`'s words.
NO_ARCHIVE = (
    "quotes: 0 checked, 12 not checked: no archive configured "
    "(set --archive or EXPLAINER_ARCHIVE to the folder of archived source texts)"
)
SUMMARY = r"built 27 pages into out in \d+\.\d s, {} warnings?; " + re.escape(NO_ARCHIVE) + r"\n"


# Published builds have an address; without one the build adds a note (tests/test_site_dir.py).
SITE_URL = "https://example.org/explainer/"


def test_a_clean_build_prints_one_line(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    result = sitekit.explainer(
        project, "build", "--site-dir", "out", EXPLAINER_HISTORY="false", EXPLAINER_SITE_URL=SITE_URL
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert re.fullmatch(SUMMARY.format(0), result.stdout), result.stdout
    assert (project / "out" / "index.html").is_file()


def test_content_warnings_are_printed_and_counted(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    actor = project / "content" / "actors" / "iran.yaml"
    actor.write_text(actor.read_text(encoding="utf-8").replace("name: Iran", "name: Ir\u0430n"), encoding="utf-8")
    check = sitekit.explainer(project, "check")
    assert check.returncode == 0 and "lookalike" in check.stderr
    result = sitekit.explainer(
        project, "build", "--site-dir", "out", EXPLAINER_HISTORY="false", EXPLAINER_SITE_URL=SITE_URL
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == check.stderr  # the warning as `check` words it, once
    assert re.fullmatch(SUMMARY.format(1), result.stdout), result.stdout


def test_a_failed_build_prints_mkdocs_warnings_and_why(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    (project / "docs" / "extra.md").write_text("See [x](missing.md).\n", encoding="utf-8")
    result = sitekit.explainer(
        project, "build", "--site-dir", "out", EXPLAINER_HISTORY="false", EXPLAINER_SITE_URL=SITE_URL
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "WARNING: Doc file 'extra.md' contains a link 'missing.md', but the target is not found among documentation files.\n"
        "ERROR: Aborted with 1 warnings in strict mode!\n"
        f"explainer: the build failed; {project / 'out'} is unchanged\n"
    )


def test_verbose_shows_mkdocs_log_with_the_site_folder_not_the_staging_one(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    result = sitekit.explainer(project, "build", "-v", "--site-dir", "out", EXPLAINER_HISTORY="false")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "Building documentation to directory: out" in lines
    assert 'The following pages exist in the docs directory, but are not included in the "nav" configuration:' in lines
    assert ".building" not in result.stderr + result.stdout
    assert re.fullmatch(SUMMARY.format(0), result.stdout), result.stdout
