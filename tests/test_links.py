"""No command writes through a link planted in the repository, and check names every link.

A pull request can add symbolic links anywhere (git stores them). Each writing command is
run here against links planted where it writes: the file itself, its predictable temporary
names, the folder it writes into, and a folder above that. The file the link points at (a
stand-in for .git/hooks/pre-commit) must come out byte for byte the same.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from generator import cli
from generator.content.diagnostics import Report
from generator.content.validate import check_content
from generator.editors import editor_docs
from generator.site.write import LinkRefused, write_file, write_pages

BASE = Path(__file__).resolve().parent / "fixtures" / "base"
HOOK = b"#!/bin/sh\necho the hook the project wrote\n"


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A checkout with the fixture content and a stand-in git hook outside content/."""
    shutil.copytree(BASE / "content", tmp_path / "content")
    (tmp_path / ".git" / "hooks").mkdir(parents=True)
    (tmp_path / ".git" / "hooks" / "pre-commit").write_bytes(HOOK)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def hook_intact(project: Path) -> bool:
    return (project / ".git" / "hooks" / "pre-commit").read_bytes() == HOOK


def unformat(path: Path) -> None:
    """Make a content file need laying out (an extra blank line at the end)."""
    path.write_bytes(path.read_bytes() + b"\n\n")


def link(at: Path, to: str) -> None:
    at.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(to, at)


# --- fmt ----------------------------------------------------------------------------------


def test_fmt_ignores_its_old_temporary_name_planted_as_a_link(project, capsys):
    """The attack of the issue: .<name>.fmt-tmp -> the hook; fmt then laid the file out into the hook."""
    iran = project / "content" / "actors" / "iran.yaml"
    unformat(iran)
    link(project / "content" / "actors" / ".iran.yaml.fmt-tmp", "../../.git/hooks/pre-commit")
    assert cli.main(["fmt", "content/actors/iran.yaml"]) == 0
    assert capsys.readouterr().out == "laid out 1 file (0 already laid out)\n"
    assert hook_intact(project)
    assert not iran.read_bytes().endswith(b"\n\n")  # laid out all the same, through a fresh name
    assert os.readlink(project / "content" / "actors" / ".iran.yaml.fmt-tmp") == "../../.git/hooks/pre-commit"
    assert sorted(p.name for p in iran.parent.iterdir() if p.name.startswith(".")) == [".iran.yaml.fmt-tmp"]


def test_fmt_refuses_a_content_file_that_is_a_link(project, capsys):
    target = project / "content" / "actors" / "iran.yaml"
    (project / ".git" / "hooks" / "pre-commit").write_bytes(target.read_bytes() + b"\n\n")  # valid YAML, not laid out
    hook = (project / ".git" / "hooks" / "pre-commit").read_bytes()
    target.unlink()
    link(target, "../../.git/hooks/pre-commit")
    assert cli.main(["fmt", "content/actors/iran.yaml"]) == 1
    assert capsys.readouterr().out == (
        "content/actors/iran.yaml: cannot lay this file out: this file is a symbolic link to "
        "'../../.git/hooks/pre-commit', outside the content folder\nlaid out 0 files (0 already laid out)\n"
    )
    assert (project / ".git" / "hooks" / "pre-commit").read_bytes() == hook


def test_fmt_refuses_to_write_into_a_linked_kind_folder(project, capsys):
    """Named on the command line, the file is read through the folder link, but not written."""
    real = project / "elsewhere"
    shutil.move(project / "content" / "actors", real)
    link(project / "content" / "actors", "../elsewhere")
    unformat(real / "iran.yaml")
    before = (real / "iran.yaml").read_bytes()
    assert cli.main(["fmt", "content/actors/iran.yaml"]) == 1
    assert capsys.readouterr().out == (
        "content/actors/iran.yaml: cannot lay this file out: not written: refusing to write content/actors/iran.yaml: "
        "the folder content/actors is a symbolic link\nlaid out 0 files (0 already laid out)\n"
    )
    assert (real / "iran.yaml").read_bytes() == before
    assert sorted(p.name for p in real.iterdir() if p.name.startswith(".")) == []  # no temporary file left


# --- new ----------------------------------------------------------------------------------


def test_new_refuses_a_link_at_the_new_files_name(project, capsys):
    link(project / "content" / "actors" / "ghost.yaml", "../../.git/hooks/pre-commit-new")
    assert cli.main(["new", "actor", "ghost"]) == 1
    assert capsys.readouterr().out == (
        "content/actors/ghost.yaml:2:5: error[symlink] id: refusing to write content/actors/ghost.yaml: it is a symbolic link; "
        "remove the link (content holds regular files and folders only), then run the command again\n1 error, 0 warnings\n"
    )
    assert not (project / ".git" / "hooks" / "pre-commit-new").exists()


def test_new_refuses_a_linked_kind_folder(project, capsys):
    (project / "content" / "claims").rename(project / "claims-real")
    link(project / "content" / "claims", "../.git/hooks")
    assert cli.main(["new", "claim", "ghost"]) == 1
    assert capsys.readouterr().out == (
        "content/claims/ghost.yaml:2:5: error[symlink] id: refusing to write content/claims/ghost.yaml: "
        "the folder content/claims is a symbolic link; remove the link (content holds regular files and "
        "folders only), then run the command again\n1 error, 0 warnings\n"
    )
    assert sorted(os.listdir(project / ".git" / "hooks")) == ["pre-commit"]


# --- schema -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "planted,expected",
    [
        ("schemas/actor.schema.json", "refusing to write schemas/actor.schema.json: it is a symbolic link"),
        ("schemas", "refusing to write schemas/actor.schema.json: the folder schemas is a symbolic link"),
    ],
)
def test_schema_refuses_links(project, capsys, planted, expected):
    if planted != "schemas":
        (project / "schemas").mkdir()
    link(project / planted, str(project / ".git" / "hooks" / ("pre-commit" if planted.endswith(".json") else "")))
    assert cli.main(["schema", "--out", "schemas"]) == 2
    assert capsys.readouterr().err == f"explainer: error: {expected}\n"
    assert hook_intact(project)
    assert sorted(os.listdir(project / ".git" / "hooks")) == ["pre-commit"]


# --- render -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "planted,to,expected",
    [
        ("out/index.md", "../.git/hooks/pre-commit", "refusing to write 'index.md': it resolves outside out"),
        ("out/index.md", "other.md", "refusing to write out/index.md: it is a symbolic link"),
        (
            "out/actors",
            ".",
            "refusing to write out/actors/american-military-news.md: the folder out/actors is a symbolic link",
        ),
        ("out", ".git/hooks", "refusing to write out/.explainer-generated: the folder out is a symbolic link"),
        (
            "build",
            ".git/hooks",
            "refusing to write build/out/.explainer-generated: the folder build is a symbolic link",
        ),
    ],
)
def test_render_refuses_links(project, capsys, planted, to, expected):
    out = "build/out" if planted == "build" else "out"
    if planted != "out" and planted != "build":
        assert cli.main(["render", "--out", out]) == 0
    capsys.readouterr()
    if (project / planted).exists():
        (project / planted).unlink() if (project / planted).is_file() else shutil.rmtree(project / planted)
    link(project / planted, to)
    assert cli.main(["render", "--out", out]) == 2
    assert capsys.readouterr().err == f"explainer: error: {expected}\n"
    assert hook_intact(project)
    assert sorted(os.listdir(project / ".git" / "hooks")) == ["pre-commit"]


# --- the CONTRIBUTING writer --------------------------------------------------------------


def test_editor_docs_refuses_a_linked_guide(project, capsys):
    (project / "guide.md").write_text("<!-- BEGIN GENERATED: fields -->\n<!-- END GENERATED: fields -->\n")
    link(project / "CONTRIBUTING.md", ".git/hooks/pre-commit")
    (project / ".git" / "hooks" / "pre-commit").write_bytes(Path(editor_docs.GUIDE).read_bytes() + b"\nstale\n")
    hook = (project / ".git" / "hooks" / "pre-commit").read_bytes()
    # Out of date on purpose: the generated sections are rewritten, so a write is attempted.
    text = hook.decode().replace("| `bad-id` |", "| `bad-id-old` |")
    (project / ".git" / "hooks" / "pre-commit").write_text(text)
    assert editor_docs.main(["CONTRIBUTING.md"]) == 2
    assert capsys.readouterr().err == (
        "python -m generator.editors.editor_docs: error: refusing to write CONTRIBUTING.md: it is a symbolic link\n"
    )
    assert (project / ".git" / "hooks" / "pre-commit").read_text() == text


# --- the helper ---------------------------------------------------------------------------


def test_write_file_keeps_the_mode_and_leaves_no_temporary_file(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("old\n")
    path.chmod(0o640)
    write_file(path, b"new\n", tmp_path)
    assert path.read_bytes() == b"new\n"
    assert oct(path.stat().st_mode & 0o777) == "0o640"
    assert os.listdir(tmp_path) == ["a.yaml"]


def test_write_file_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(LinkRefused, match=r"it is not a regular file\Z"):
        write_file(tmp_path / "pipe", b"x", tmp_path)
    with pytest.raises(LinkRefused, match=r"it lies outside"):
        write_file(tmp_path / "x", b"x", tmp_path / "sub")


def test_write_pages_under_a_project_checks_the_folders_above_the_output(tmp_path):
    (tmp_path / "real").mkdir()
    os.symlink("real", tmp_path / "build")
    with pytest.raises(LinkRefused, match="the folder .*build is a symbolic link"):
        write_pages({"index.md": "x\n"}, tmp_path / "build" / "out", within=tmp_path)
    assert os.listdir(tmp_path / "real") == []


# --- check names every planted link -------------------------------------------------------


def test_check_reports_a_link_anywhere_in_content(project):
    content = project / "content"
    link(content / "actors" / ".iran.yaml.fmt-tmp", "../../.git/hooks/pre-commit")
    link(content / ".hidden" / "hook", "../../.git/hooks/pre-commit")
    link(content / "notes.txt", "/etc/passwd")
    link(content / "actors" / "twin.yaml", "iran.yaml")
    link(content / "sources" / "gone.yaml", "nowhere.yaml")
    link(content / "media", "../.git")
    report = Report()
    check_content(content, report, project)
    hint = "replace the link with the file itself, or remove it: content holds regular files only"
    assert [d.text() for d in report.sorted()] == [
        f"content/.hidden/hook:1:1: error[symlink] this file is a symbolic link to "
        f"'../../.git/hooks/pre-commit', outside the content folder; {hint}",
        f"content/actors/.iran.yaml.fmt-tmp:1:1: error[symlink] this file is a symbolic link to "
        f"'../../.git/hooks/pre-commit', outside the content folder; {hint}",
        f"content/actors/twin.yaml:1:1: error[symlink] this file is a symbolic link to 'iran.yaml'; {hint}",
        f"content/media:1:1: error[symlink] this folder is a symbolic link to '../.git', outside the content "
        f"folder; the generator does not read linked folders; {hint}",
        f"content/notes.txt:1:1: error[symlink] this file is a symbolic link to '/etc/passwd', outside the content folder; {hint}",
        f"content/sources/gone.yaml:1:1: error[symlink] this file is a symbolic link to 'nowhere.yaml', which does not exist; {hint}",
    ]


# --- an output folder the system will not write -------------------------------------------

UNWRITABLE = r"(Operation not permitted|Permission denied|Read-only file system)"


@pytest.mark.parametrize(
    "args,expected",
    [
        (
            ["render", "--out", "/sys/explainer-out"],
            rf"explainer: error: cannot write the pages to /sys/explainer-out: {UNWRITABLE}\n",
        ),
        (
            ["schema", "--out", "/sys/explainer-out"],
            rf"explainer: error: cannot write the schemas to /sys/explainer-out: {UNWRITABLE}\n",
        ),
        (
            ["new", "actor", "ghost", "--content", "/sys/kernel"],
            rf"explainer: error: cannot write the new file to /sys/kernel/actors: {UNWRITABLE}\n",
        ),
    ],
)
def test_an_unwritable_output_folder_is_a_usage_error_with_a_reason(project, capsys, args, expected):
    """Exit 2 (the command was asked the impossible), not 1 (content errors) or a traceback."""
    assert cli.main(args) == 2
    assert re.fullmatch(expected, capsys.readouterr().err)


def test_fmt_reports_a_file_it_cannot_replace(project, capsys, monkeypatch):
    """The folder refuses the new file (as a read-only one would for a user other than root)."""
    from generator.site import write

    iran = project / "content" / "actors" / "iran.yaml"
    unformat(iran)
    before = iran.read_bytes()

    real_open = os.open

    def refuse_creating(path, flags, *args, **kwargs):
        if flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(write.os, "open", refuse_creating)
    assert cli.main(["fmt", "content/actors/iran.yaml"]) == 1
    assert capsys.readouterr().out == (
        "content/actors/iran.yaml: cannot lay this file out: not written: Permission denied\n"
        "laid out 0 files (0 already laid out)\n"
    )
    assert iran.read_bytes() == before


def test_schema_and_render_write_outside_the_project_when_asked(project, tmp_path_factory, capsys):
    """The link checks stop at the project's edge; a folder named outside it is the operator's choice."""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert cli.main(["schema", "--out", str(elsewhere / "schemas")]) == 0
    assert cli.main(["render", "--out", str(elsewhere / "pages")]) == 0
    assert sorted(os.listdir(elsewhere / "schemas")) == [
        "actor.schema.json",
        "claim.schema.json",
        "event.schema.json",
        "site.schema.json",
        "source.schema.json",
    ]
    assert (elsewhere / "pages" / "index.md").is_file()
