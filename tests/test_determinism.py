"""Same commit, same bytes.

The generated Markdown is byte-identical from run to run, whatever the hash seed or the
order the file system lists content in. The site HTML is too; the only files MkDocs
stamps with the build date are sitemap.xml.gz (the gzip header's mtime) and, once
mkdocs.yml sets site_url, sitemap.xml (<lastmod>). `explainer build` sets
SOURCE_DATE_EPOCH to the time of the last commit, so even those are the same for every
build of one commit.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess

import sitekit

STAMPED = ["sitemap.xml", "sitemap.xml.gz"]
MARCH_3 = "1614729600"  # 2021-03-03T00:00:00Z
MARCH_4 = "1614816000"


def gzip_mtime(data: bytes) -> int:
    return struct.unpack("<I", data[4:8])[0]


def tree(root) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def copy_reversed(src, dst) -> None:
    """The same files, created in the opposite order (directory listings follow creation order on many file systems)."""
    for path in sorted(src.rglob("*"), reverse=True):
        if path.is_file():
            target = dst / path.relative_to(src)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)


def test_generated_markdown_is_byte_identical(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    copy_reversed(project / "content", tmp_path / "p" / "content-reversed")
    a = sitekit.explainer(project, "render", "--content", "content", "--out", str(tmp_path / "a"), PYTHONHASHSEED="1")
    b = sitekit.explainer(
        project, "render", "--content", "content-reversed", "--out", str(tmp_path / "b"), PYTHONHASHSEED="2"
    )
    assert a.returncode == 0 and b.returncode == 0, a.stderr + b.stderr
    pages = tree(tmp_path / "a")
    assert len(pages) == 45 and all(pages.values())  # 27 pages, 17 data and diagram files, the marker
    assert pages == tree(tmp_path / "b")


def test_site_differs_only_in_what_mkdocs_stamps(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    builds = {}
    for name, seed, epoch in (("a", "1", MARCH_3), ("b", "2", MARCH_3), ("c", "3", MARCH_4)):
        result = sitekit.mkdocs_build(project, tmp_path / name, PYTHONHASHSEED=seed, SOURCE_DATE_EPOCH=epoch)
        assert result.returncode == 0, result.stderr
        builds[name] = tree(tmp_path / name)
    assert len(builds["a"]) > 50
    assert builds["a"] == builds["b"]  # same date: every byte the same
    differing = sorted(f for f in builds["a"] if builds["a"][f] != builds["c"].get(f))
    assert sorted(builds["a"]) == sorted(builds["c"])
    assert "sitemap.xml.gz" in differing and set(differing) <= set(STAMPED)
    assert gzip_mtime(builds["a"]["sitemap.xml.gz"]) == int(MARCH_3)


def test_explainer_build_dates_the_site_by_its_commit(tmp_path):
    project = sitekit.make_project(tmp_path / "p")
    git = {
        "GIT_AUTHOR_DATE": "2021-03-03T12:00:00Z",
        "GIT_COMMITTER_DATE": "2021-03-03T12:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(tmp_path),
    }
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "content"]):
        subprocess.run(["git", *cmd], cwd=project, env={**os.environ, **git}, check=True)
    first = sitekit.explainer(project, "build", "--site-dir", str(tmp_path / "one"), PYTHONHASHSEED="1")
    second = sitekit.explainer(project, "build", "--site-dir", str(tmp_path / "two"), PYTHONHASHSEED="2")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    one = tree(tmp_path / "one")
    assert one == tree(tmp_path / "two")
    assert gzip_mtime(one["sitemap.xml.gz"]) == int(MARCH_3)  # the commit's day
