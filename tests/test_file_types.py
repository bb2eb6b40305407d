"""content/ holds regular files only: every other kind of entry is a located error, and
nothing is read from it (no line of /etc/passwd in a message, no endless /dev/zero, no
hanging on a pipe, no file from outside published, no folder read through a link).

Built in tmp_path because git keeps no pipes or devices (and links in tests/cases would be
followed by the tools that copy the cases)."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from generator import cli
from generator.content.diagnostics import Report
from generator.content.files import NotRegular, read_regular
from generator.content.validate import check_content
from generator.content.yamlio import MAX_BYTES
from generator.pipeline import Settings, load_model

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
LINK_HINT = "replace the link with the file itself, or remove it: content holds regular files only"


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(BASE / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(project: Path) -> list[str]:
    report = Report()
    load_model(Settings(content=project / "content", base=project), report)
    return [d.text() for d in report.sorted()]


def test_a_fifo_is_reported_and_never_opened_for_a_blocking_read(project):
    os.mkfifo(project / "content" / "actors" / "pipe.yaml")
    os.mkfifo(project / "content" / ".hidden-pipe")
    assert check(project) == [
        "content/.hidden-pipe:1:1: error[not-a-file] this is a named pipe (FIFO), not a regular file; remove "
        "it: content holds regular files only",
        "content/actors/pipe.yaml:1:1: error[not-a-file] this is a named pipe (FIFO), not a regular file; "
        "remove it: content holds regular files only",
    ]


def test_a_device_node_is_reported(project):
    try:
        os.mknod(project / "content" / "events" / "zero.yaml", stat.S_IFCHR | 0o666, os.makedev(1, 5))
    except PermissionError:
        pytest.fail("the tests need to create a device node (they run as root in CI and here)")
    assert check(project) == [
        "content/events/zero.yaml:1:1: error[not-a-file] this is a character device, not a regular file; "
        "remove it: content holds regular files only",
    ]


def test_links_to_secrets_devices_and_outside_files_are_reported_without_reading_them(project, tmp_path):
    outside = tmp_path / "outside.yaml"
    outside.write_text((project / "content" / "actors" / "iran.yaml").read_text().replace("id: iran", "id: smuggled"))
    os.symlink("/etc/passwd", project / "content" / "actors" / "passwd.yaml")
    os.symlink("/dev/zero", project / "content" / "claims" / "zero.yaml")
    os.symlink("../../outside.yaml", project / "content" / "actors" / "smuggled.yaml")
    lines = check(project)
    assert lines == [
        f"content/actors/passwd.yaml:1:1: error[symlink] this file is a symbolic link to '/etc/passwd', "
        f"outside the content folder; {LINK_HINT}",
        f"content/actors/smuggled.yaml:1:1: error[symlink] this file is a symbolic link to "
        f"'../../outside.yaml', outside the content folder; {LINK_HINT}",
        f"content/claims/zero.yaml:1:1: error[symlink] this file is a symbolic link to '/dev/zero', outside "
        f"the content folder; {LINK_HINT}",
    ]
    assert "root:" not in "\n".join(lines)


def test_a_linked_kind_folder_is_one_error_not_a_cascade_of_dangling_references(project, tmp_path):
    shutil.move(project / "content" / "actors", tmp_path / "actors-elsewhere")
    os.symlink("../actors-elsewhere", project / "content" / "actors")
    assert check(project) == [
        f"content/actors:1:1: error[symlink] this folder is a symbolic link to '../actors-elsewhere', outside the content folder; "
        f"the generator does not read linked folders; {LINK_HINT}",
    ]


def test_render_and_build_stop_on_a_planted_link(project, capsys):
    os.symlink("/etc/passwd", project / "content" / "sources" / "passwd.yaml")
    assert cli.main(["render", "--out", "out"]) == 1
    assert not (project / "out").exists()
    out = capsys.readouterr()
    assert "content/sources/passwd.yaml:1:1: error[symlink] this file is a symbolic link to '/etc/passwd'" in out.out
    assert "root:" not in out.out + out.err


def test_reads_stop_at_the_limit(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 5000))
    assert read_regular(big, MAX_BYTES) == (b"", MAX_BYTES + 5003)  # its size says enough: nothing is read
    small = tmp_path / "small.yaml"
    small.write_bytes(b"id: iran\n")
    assert read_regular(small, MAX_BYTES) == (b"id: iran\n", 9)
    assert read_regular(small, 4) == (b"", 9)
    with pytest.raises(NotRegular, match=r"\Athis is a character device, not a regular file\Z"):
        read_regular(Path("/dev/zero"), MAX_BYTES)
    os.symlink("big.yaml", tmp_path / "link.yaml")
    with pytest.raises(NotRegular, match=r"\Athis file is a symbolic link to 'big.yaml'\Z"):
        read_regular(tmp_path / "link.yaml", MAX_BYTES)


def test_a_too_large_file_is_reported_with_its_true_size(project):
    path = project / "content" / "actors" / "iran.yaml"
    path.write_bytes(path.read_bytes() + b"# " + b"x" * MAX_BYTES + b"\n")
    size = path.stat().st_size
    report = Report()
    check_content(project / "content", report, project)
    assert [d.text() for d in report.sorted()] == [
        f"content/actors/iran.yaml:1:1: error[file-too-large] the file has {size:,} bytes; expected at most {MAX_BYTES:,}"
    ]


def test_fmt_does_not_hang_on_a_fifo(project, capsys):
    os.mkfifo(project / "content" / "actors" / "pipe.yaml")
    assert cli.main(["fmt", "--check", "content/actors/pipe.yaml"]) == 1
    assert capsys.readouterr().out == (
        "content/actors/pipe.yaml: cannot lay this file out: this is a named pipe (FIFO), not a regular file\n"
    )


def test_a_linked_content_folder_is_not_read(project, tmp_path):
    shutil.move(project / "content", tmp_path / "real-content")
    os.symlink("real-content", project / "content")
    report = Report()
    check_content(project / "content", report, project)
    assert [d.text() for d in report.sorted()] == [
        f"content:1:1: error[symlink] this folder is a symbolic link to 'real-content'; the generator does "
        f"not read linked folders; {LINK_HINT}",
    ]
