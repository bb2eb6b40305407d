"""`fmt --check` prints file names as `check` does: control and direction-changing characters
escaped, so a file name in a pull request cannot rewrite the terminal or forge CI output."""

from __future__ import annotations

from generator.cli import main

NAMES = {
    "a\x1b[2Jb.yaml": "a\\x1b[2Jb.yaml",
    "c\rd.yaml": "c\\rd.yaml",
    "e\u202ef.yaml": "e\\u202ef.yaml",
    "g\nh.yaml": "g\\nh.yaml",
    "i\x07j.yaml": "i\\x07j.yaml",
    "k`l.yaml": "k`l.yaml",
}


def test_control_characters_in_file_names_are_escaped(tmp_path, monkeypatch, capsys):
    (tmp_path / "content" / "actors").mkdir(parents=True)
    for name in NAMES:
        (tmp_path / "content" / "actors" / name).write_text("name:   X\nid: x\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert main(["fmt", "--check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sorted(out[:-1]) == sorted(
        f"content/actors/{shown}: not in the canonical layout; run `explainer fmt` to lay it out"
        for shown in NAMES.values()
    )
    assert main(["fmt", "--check", "--format", "github"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert sorted(out[:-1]) == sorted(
        f"::error file=content/actors/{shown},line=1,col=1,title=fmt::not in the canonical layout; "
        "run `explainer fmt` to lay it out"
        for shown in NAMES.values()
    )
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert not any(ch in summary for ch in "\x1b\r\u202e\x07")
    assert "- content/actors/k&#96;l&#46;yaml" in summary.splitlines()  # a backtick would end a code span
    assert "- `content/actors/a\\x1b[2Jb.yaml`" in summary.splitlines()
