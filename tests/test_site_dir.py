"""`explainer build` replaces only a folder that is recognisably a previous build.

A build swaps its output in whole, so the folder it replaces is lost. It takes a folder
that is missing, empty, or marked by a previous build (.explainer-generated, as `render`
marks its output); anything else is refused with exit 2, one line, and left as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import pytest
import sitekit

from generator.mkdocs_plugin import NO_SITE_URL

NOTE = f"explainer: note: {NO_SITE_URL}\n"  # these builds have no site_url, and say so
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
    refused(
        project,
        "content/actors",
        "refusing to build into content/actors: it lies inside the content folder; choose another --site-dir",
    )
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
    refused(
        project,
        "x",
        "refusing to replace x: it is not a previous build (it has no .explainer-generated file); "
        "empty or remove it yourself, or choose another --site-dir",
    )


def test_uncommitted_work_is_refused_even_with_a_planted_marker(project):
    work = project / "work"
    work.mkdir()
    subprocess.run(["git", "init", "-q", str(work)], check=True)
    (work / "draft.md").write_text("not committed yet\n")
    refused(
        project,
        "work",
        "refusing to replace work: it is not a previous build (it has no .explainer-generated file); "
        "empty or remove it yourself, or choose another --site-dir",
    )
    (work / ".explainer-generated").write_text(MARK)
    refused(project, "work", "refusing to replace work: it holds a git repository; choose another --site-dir")


def test_a_marker_that_is_a_link_does_not_count(project):
    (project / "y").mkdir()
    (project / "y" / "notes.txt").write_text("mine\n")
    os.symlink("../site/.explainer-generated", project / "y" / ".explainer-generated")
    refused(
        project,
        "y",
        "refusing to replace y: it is not a previous build (it has no .explainer-generated file); "
        "empty or remove it yourself, or choose another --site-dir",
    )


def test_a_linked_site_folder_is_refused(project, tmp_path):
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / ".explainer-generated").write_text(MARK)
    (tmp_path / "elsewhere" / "precious.txt").write_text("keep\n")
    os.symlink(tmp_path / "elsewhere", project / "linked")
    refused(project, "linked", "refusing to build into linked: it is a symbolic link; choose another --site-dir")
    os.symlink(tmp_path, project / "up")
    refused(
        project,
        "up/elsewhere",
        "refusing to build into up/elsewhere: the folder up is a symbolic link; choose another --site-dir",
    )
    assert (tmp_path / "elsewhere" / "precious.txt").read_text() == "keep\n"


def test_an_empty_folder_then_a_previous_build_are_replaced(project):
    (project / "out").mkdir()
    result = sitekit.explainer(project, "build", "--site-dir", "out")
    assert (result.returncode, result.stderr) == (0, NOTE)
    assert (project / "out" / ".explainer-generated").read_text() == MARK
    first = sitekit.snapshot(project / "out")
    assert "index.html" in first and "actors/iran/index.html" in first
    (project / "out" / "stale.html").write_text("from an older build\n")
    result = sitekit.explainer(project, "build", "--site-dir", "out")
    assert (result.returncode, result.stderr) == (0, NOTE)
    assert sorted(sitekit.snapshot(project / "out")) == sorted(first)
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".")) == []


# --- what a killed or refused build leaves ------------------------------------------------


def content_of(folder) -> dict[str, str]:
    return {name: digest for name, (digest, _) in sitekit.snapshot(folder).items()}


def test_stale_staging_of_dead_builds_is_removed_and_live_ones_kept(project):
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale = [f".out2.{dead.pid}.abcd1234.building", f".out2.{dead.pid}.efgh5678.old"]
    live = f".out2.{os.getpid()}.ijkl9012.building"  # this test's own process: alive
    for name in [*stale, live]:
        (project / name / "assets").mkdir(parents=True)
        (project / name / "assets" / "half.js").write_text("half a build\n")
    (project / "unrelated.1.abcd1234.building").mkdir()
    os.symlink("unrelated.1.abcd1234.building", project / f".out2.{dead.pid}.mnop3456.building")
    result = sitekit.explainer(project, "build", "--site-dir", "out2")
    assert (result.returncode, result.stderr) == (0, NOTE)
    assert sorted(p.name for p in project.iterdir() if ".building" in p.name or p.name.endswith(".old")) == sorted(
        [f".out2.{dead.pid}.mnop3456.building", live, "unrelated.1.abcd1234.building"]
    )
    for name in (f".out2.{dead.pid}.mnop3456.building", live, "unrelated.1.abcd1234.building"):
        (project / name).unlink() if (project / name).is_symlink() else shutil.rmtree(project / name)


def test_staging_folders_are_ignored_by_git():
    root = sitekit.ROOT
    names = [".site.123.abcd1234.building/x", ".site.123.abcd1234.old/x"]
    result = subprocess.run(["git", "check-ignore", "--no-index", *names], cwd=root, capture_output=True, text=True)
    assert result.stdout.splitlines() == names


@pytest.mark.parametrize(
    "site_dir,expected",
    [
        (
            "mkdocs.yml/site",
            "explainer: error: refusing to build into mkdocs.yml/site: mkdocs.yml is not a folder; choose another --site-dir\n",
        ),
        (
            "/sys/explainer-site",
            r"explainer: error: cannot write the site to /sys/explainer-site: "
            r"(Operation not permitted|Permission denied|Read-only file system)\n",
        ),
    ],
)
def test_an_unwritable_site_folder_is_a_usage_error_with_a_reason(project, site_dir, expected):
    result = sitekit.explainer(project, "build", "--site-dir", site_dir)
    assert result.returncode == 2
    assert re.fullmatch(expected, result.stderr) if site_dir.startswith("/") else result.stderr == expected
    assert "Traceback" not in result.stderr


def test_a_build_killed_at_any_moment_leaves_a_complete_site(project):
    """Killed (SIGKILL, the whole process group) at moments spread over a build: the site
    is always the old build or the new one, whole; the next build removes what was left."""
    assert sitekit.explainer(project, "build", "--site-dir", "k").returncode == 0
    iran = project / "content" / "actors" / "iran.yaml"
    original = iran.read_text(encoding="utf-8")
    states = [content_of(project / "k")]
    try:
        iran.write_text(original.replace("name: Iran\n", "name: Islamic Republic of Iran\n"), encoding="utf-8")
        started = time.monotonic()
        assert sitekit.explainer(project, "build", "--site-dir", "new-k").returncode == 0
        took = time.monotonic() - started
        states.append(content_of(project / "new-k"))
        assert states[0] != states[1]
        # How far each build got depends on the machine's load: what is asserted is that
        # wherever it was killed, the site is one whole build (and the next build cleans up).
        for fraction in (0.05, 0.5, 0.75, 0.85, 0.95):
            delay = took * fraction
            proc = subprocess.Popen(
                [sys.executable, "-m", "generator", "build", "--site-dir", "k"],
                cwd=project,
                env=sitekit.env(),
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            time.sleep(delay)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            assert content_of(project / "k") in states, delay
        result = sitekit.explainer(project, "build", "--site-dir", "k")
        assert (result.returncode, result.stderr) == (0, NOTE)
        assert content_of(project / "k") == states[1]
        assert sorted(p.name for p in project.iterdir() if p.name.startswith(".k.")) == []
    finally:
        iran.write_text(original, encoding="utf-8")


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path):
    """On Linux there is no moment without a site: renameat2 swaps the two folders at once."""
    from generator.site.sitedir import _exchange, finish

    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old\n")
    (tmp_path / "staging").mkdir()
    (tmp_path / "staging" / "new.html").write_text("new\n")
    assert _exchange(tmp_path / "staging", tmp_path / "site") is True
    assert os.listdir(tmp_path / "site") == ["new.html"] and os.listdir(tmp_path / "staging") == ["old.html"]
    finish(tmp_path / "staging", tmp_path / "site")
    assert sorted(os.listdir(tmp_path / "site")) == [".explainer-generated", "old.html"]
    assert not (tmp_path / "staging").exists()
