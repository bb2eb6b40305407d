"""The command line contract: exit codes 0 / 1 / 2, and the three output formats."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
    )


def break_kind(project):
    path = project / "content" / "actors" / "iran.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("kind: state", "kind: sate"), encoding="utf-8")


NO_ARCHIVE = (
    "quotes: 0 checked, 12 not checked: no archive configured "
    "(set --archive or EXPLAINER_ARCHIVE to the folder of archived source texts)"
)


def test_clean_content_exits_0(base_copy):
    r = run("check", cwd=base_copy)
    assert (r.returncode, r.stdout, r.stderr) == (0, NO_ARCHIVE + "\ncontent is valid (0 warnings)\n", "")


def test_content_errors_exit_1_with_located_text(base_copy):
    break_kind(base_copy)
    r = run("check", cwd=base_copy)
    assert r.returncode == 1
    assert r.stdout == (
        "content/actors/iran.yaml:3:7: error[bad-value] kind: 'sate' is not an allowed value; did you mean 'state'?\n"
        "1 error, 0 warnings\n" + NO_ARCHIVE + "\n"
    )


def test_github_format(base_copy):
    break_kind(base_copy)
    r = run("check", "--format", "github", cwd=base_copy)
    assert r.returncode == 1
    assert r.stdout == (
        "::error file=content/actors/iran.yaml,line=3,col=7,title=bad-value::"
        "kind: 'sate' is not an allowed value; did you mean 'state'?\n"
        "::warning title=quotes::" + NO_ARCHIVE + "\n"
    )


def test_json_format(base_copy):
    break_kind(base_copy)
    r = run("check", "--format", "json", cwd=base_copy)
    assert r.returncode == 1
    assert json.loads(r.stdout) == {
        "errors": 1,
        "diagnostics": [
            {
                "severity": "error",
                "code": "bad-value",
                "file": "content/actors/iran.yaml",
                "line": 3,
                "col": 7,
                "path": "kind",
                "message": "'sate' is not an allowed value",
                "hint": "did you mean 'state'?",
            }
        ],
        "quotes": {
            "archive": None,
            "checked": 0,
            "found": 0,
            "not_found": 0,
            "not_checked": {"no-archive": 12, "no-archived-text": 0, "archive-file-missing": 0, "source-unresolved": 0},
        },
    }


def test_usage_errors_exit_2(base_copy):
    r = run("check", "--format", "xml", cwd=base_copy)
    assert r.returncode == 2
    assert "invalid choice: 'xml'" in r.stderr
    r = run("check", "--content", "nowhere", cwd=base_copy)
    assert (r.returncode, r.stderr) == (2, "explainer: error: the content folder nowhere does not exist\n")
    r = run(cwd=base_copy)
    assert r.returncode == 2


def test_render_writes_pages_and_keeps_unchanged_bytes(base_copy):
    out = base_copy / "out"
    r = run("render", "--out", "out", cwd=base_copy)
    assert (r.returncode, r.stdout) == (0, f"wrote 27 pages and 17 other files to out (44 changed); {NO_ARCHIVE}\n")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.md")}
    path = base_copy / "content" / "actors" / "iran.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("text: >-", "text: >-\n    Persia.", 1), encoding="utf-8")
    r = run("render", "--out", "out", cwd=base_copy)
    assert (
        r.stdout == f"wrote 27 pages and 17 other files to out (3 changed); {NO_ARCHIVE}\n"
    )  # the page, actors.csv, explainer.json
    changed = [p.relative_to(out).as_posix() for p in out.rglob("*.md") if p.stat().st_mtime_ns != before[p]]
    assert changed == ["actors/iran.md"]


def test_render_refuses_a_folder_it_does_not_own(base_copy):
    (base_copy / "mine").mkdir()
    (base_copy / "mine" / "notes.md").write_text("mine", encoding="utf-8")
    r = run("render", "--out", "mine", cwd=base_copy)
    assert r.returncode == 2
    assert "was not written by explainer" in r.stderr
    assert (base_copy / "mine" / "notes.md").read_text(encoding="utf-8") == "mine"
