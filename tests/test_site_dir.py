"""`explainer build` replaces only a folder that is recognisably a previous build.

A build swaps its output in whole, so the folder it replaces is lost. It takes a folder
that is missing, empty, or marked by a previous build (.explainer-generated, as `render`
marks its output); anything else is refused with exit 2, one line, and left as it was.
"""

from __future__ import annotations

import os
import subprocess

import pytest

import sitekit

MARK = "Written by `explainer build`; the next build replaces this whole folder.\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return sitekit.make_project(tmp_path_factory.mktemp("site-dir") / "p")


def refused(project, site_dir: str, expected: str) -> None:
    """The build exits 2 with exactly `expected` and changes nothing in the project."""
    before = sitekit.snapshot(project)
    links = {p: os.readlink(p) for p in project.rglob("*") if p.is_symlink()}
    result = sitekit.explainer(project, "build", "--site-dir", site_dir)
    assert (result.returncode, result.stderr, result.stdout) == (2, f"explainer: error: {expected}\n", "")
    assert sitekit.snapshot(project) == before
    assert {p: os.readlink(p) for p in project.rglob("*") if p.is_symlink()} == links
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site") or p.name.startswith(".x")) == []


def test_the_content_folder_is_refused(project):
    refused(project, "content", "refusing to build into content: it is the content folder; choose another --site-dir")


def test_a_folder_inside_content_or_holding_the_project_is_refused(project):
    refused(project, "content/actors", "refusing to build into content/actors: it lies inside the content folder; choose another --site-dir")
    # A folder holding the project holds its docs/ too: MkDocs refuses it before we are asked.
    for above in (".", ".."):
        before = sitekit.snapshot(project)
        result = sitekit.explainer(project, "build", "--site-dir", above)
        assert result.returncode == 2
        assert result.stderr.endswith("explainer: error: cannot read mkdocs.yml: Aborted with a configuration error!\n")
        assert sitekit.snapshot(project) == before


def test_a_folder_with_a_hidden_file_is_refused(project):
    (project / "x").mkdir()
    (project / "x" / ".env").write_text("TOKEN=keep-me\n")
    refused(project, "x", "refusing to replace x: it is not a previous build (it has no .explainer-generated file); "
                          "empty or remove it yourself, or choose another --site-dir")


def test_uncommitted_work_is_refused_even_with_a_planted_marker(project):
    work = project / "work"
    work.mkdir()
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    (work / "draft.md").write_text("not committed yet\n")
    refused(project, "work", "refusing to replace work: it is not a previous build (it has no .explainer-generated file); "
                             "empty or remove it yourself, or choose another --site-dir")
    (work / ".explainer-generated").write_text(MARK)
    refused(project, "work", "refusing to replace work: it holds a git repository; choose another --site-dir")


def test_a_marker_that_is_a_link_does_not_count(project):
    (project / "y").mkdir()
    (project / "y" / "notes.txt").write_text("mine\n")
    os.symlink("../site/.explainer-generated", project / "y" / ".explainer-generated")
    refused(project, "y", "refusing to replace y: it is not a previous build (it has no .explainer-generated file); "
                          "empty or remove it yourself, or choose another --site-dir")


def test_a_linked_site_folder_is_refused(project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / ".explainer-generated").write_text(MARK)
    (tmp_path / "elsewhere" / "precious.txt").write_text("keep\n")
    os.symlink(tmp_path / "elsewhere", project / "linked")
    refused(project, "linked", "refusing to build into linked: it is a symbolic link; choose another --site-dir")
    os.symlink(tmp_path, project / "up")
    refused(project, "up/elsewhere", "refusing to build into up/elsewhere: the folder up is a symbolic link; choose another --site-dir")
    assert (tmp_path / "elsewhere" / "precious.txt").read_text() == "keep\n"


def test_an_empty_folder_then_a_previous_build_are_replaced(project):
    (project / "out").mkdir()
    result = sitekit.explainer(project, "build", "--site-dir", "out")
    assert (result.returncode, result.stderr) == (0, "")
    assert (project / "out" / ".explainer-generated").read_text() == MARK
    first = sitekit.snapshot(project / "out")
    assert "index.html" in first and "actors/iran/index.html" in first
    (project / "out" / "stale.html").write_text("from an older build\n")
    result = sitekit.explainer(project, "build", "--site-dir", "out")
    assert (result.returncode, result.stderr) == (0, "")
    assert sorted(sitekit.snapshot(project / "out")) == sorted(first)
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []
