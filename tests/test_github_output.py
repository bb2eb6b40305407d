"""`check --format github`: annotations at the right file, line and column, safe against editor
text, and every problem in the job summary too (GitHub shows only 10 annotations per step)."""

from __future__ import annotations

import shutil

import pytest
from casekit import BASE

from generator.cli import main
from generator.content.diagnostics import Diagnostic, format_github

EVENT = "content/events/al-asad-air-base-rocket-attack-2021-03-03.yaml"


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(BASE / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    monkeypatch.delenv("EXPLAINER_ARCHIVE", raising=False)
    return tmp_path


NO_ARCHIVE_ANNOTATION = (
    "::warning title=quotes::quotes: 0 checked, 12 not checked: no archive configured "
    "(set --archive or EXPLAINER_ARCHIVE to the folder of archived source texts)"
)
NO_ARCHIVE_SUMMARY = (
    "**Quotes were not verified: no quote archive is configured.** 12 quote(s) were not compared "
    "with their sources. Set the repository variable `EXPLAINER_ARCHIVE_REPO` (see CONTRIBUTING, "
    '"The quote archive").'
)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_change_is_annotated_where_it_is_wrong(project, capsys):
    edit(
        project / "content/actors/john-kirby.yaml", "actor: us-department-of-defense", "actor: us-department-of-defence"
    )
    edit(project / EVENT, "date: 2021-03-03", "date: 2021-02-30")
    edit(project / "content/actors/iran.yaml", "summary:", "sumary:")
    edit(
        project / EVENT,
        "    note: US forces at the base\n    cite:\n      - amn-2021-03-04-iran-backed-militia-behind-attack\n",
        "    note: US forces at the base\n",
    )
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=content/actors/iran.yaml,line=4,col=1,title=unknown-field::"
        "sumary: unknown field 'sumary'; did you mean 'summary'?",
        "::error file=content/actors/john-kirby.yaml,line=10,col=12,title=dangling-ref::"
        "affiliations[0].actor: no actor has the id 'us-department-of-defence'; did you mean 'us-department-of-defense'?",
        "::error file=content/events/al-asad-air-base-rocket-attack-2021-03-03.yaml,line=3,col=7,title=bad-date::"
        "date: '2021-02-30' is not a real date; expected YYYY-MM-DD, YYYY-MM or YYYY",
        "::error file=content/events/al-asad-air-base-rocket-attack-2021-03-03.yaml,line=16,col=5,title=uncited::"
        "participants[1]: the participant has no citation; add at least one source id under 'cite:'",
        # 10, not 12: the event's file has an error of its own, so its two quotes are not counted
        NO_ARCHIVE_ANNOTATION.replace(" 12 ", " 10 "),
    ]
    summary = (project / "summary.md").read_text(encoding="utf-8")
    assert summary.splitlines()[:6] == [
        "## explainer check: 4 errors, 0 warnings",
        "",
        NO_ARCHIVE_SUMMARY.replace(" 12 ", " 10 "),
        "",
        "| where | problem | how to fix |",
        "| --- | --- | --- |",
    ]
    assert "| `error[dangling-ref]` content/actors/john-kirby&#46;yaml&#58;10&#58;12 |" in summary


def test_editor_text_cannot_forge_a_workflow_command(project, capsys):
    # A reference whose text holds a line break and '::' reaches the hint as written.
    edit(
        project / "content/actors/iran.yaml",
        "    - antiwar-2021-03-04-anonymous-officials-blame-militia",
        '    - "x\\n::error file=content/site.yaml,line=1::forged, 100%"',
    )
    (project / "content/actors/notes, v2: draft.txt").write_text("x")
    assert main(["check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "::error file=content/actors/iran.yaml,line=9,col=7,title=dangling-ref::summary.cite[0]: no source has the id "
        "'x\\n::error file=content/site.yaml,line=1::forged, 100%25'; create content/sources/x\\n::error "
        "file=content/site.yaml,line=1::forged, 100%25.yaml or use an existing id",
        "::error file=content/actors/notes%2C v2%3A draft.txt,line=1,col=1,title=misplaced-file::the generator does not read "
        "this file; expected content/<actors|events|claims|sources>/<id>.yaml or content/site.yaml",
        NO_ARCHIVE_ANNOTATION,
    ]


def test_format_github_escapes_data_and_properties():
    d = Diagnostic("bad-value", "a,b:c%.yaml", 3, 4, "kind", "line one\r\nline two :: 50%", "fix\nit")
    assert (
        format_github([d])
        == "::error file=a%2Cb%3Ac%25.yaml,line=3,col=4,title=bad-value::kind: line one%0D%0Aline two :: 50%25; fix%0Ait\n"
    )


def test_every_error_reaches_the_job_summary_not_only_the_first_ten(project, capsys):
    for i in range(12):
        (project / f"content/actors/extra-{i:02d}.yaml").write_text(
            f"id: extra-{i:02d}\nname: X{i}\nkind: person\nsummary: {{text: x, cite: [nope]}}\n"
        )
    assert main(["check", "--format", "github"]) == 1
    annotations = capsys.readouterr().out.splitlines()
    rows = [ln for ln in (project / "summary.md").read_text().splitlines() if ln.startswith("| `error[")]
    assert len(annotations) - 1 == len(rows) == 12 and annotations[-1] == NO_ARCHIVE_ANNOTATION


def test_a_clean_check_says_so_in_the_summary(project, capsys):
    assert main(["check", "--format", "github"]) == 0
    assert capsys.readouterr().out == NO_ARCHIVE_ANNOTATION + "\n"
    assert (project / "summary.md").read_text() == (
        "## explainer check: 0 errors, 0 warnings\n\n" + NO_ARCHIVE_SUMMARY + "\n\nThe content is valid.\n"
    )


def test_a_summary_past_githubs_limit_is_cut_with_a_count(project, capsys, monkeypatch):
    """GitHub drops a step summary larger than 1 MiB whole: ours stops short and says how many problems it left out."""
    from generator.editors import ghsummary

    monkeypatch.setattr(ghsummary, "SUMMARY_LIMIT", 3000)
    for i in range(40):
        (project / f"content/actors/extra-{i:02d}.yaml").write_text(
            f"id: extra-{i:02d}\nname: X{i}\nkind: person\nsummary: {{text: x, cite: [nope]}}\n"
        )
    assert main(["check", "--format", "github"]) == 1
    assert len(capsys.readouterr().out.splitlines()) == 41  # every annotation still in the log
    summary = (project / "summary.md").read_text(encoding="utf-8")
    assert len(summary.encode("utf-8")) <= 3000
    rows = [ln for ln in summary.splitlines() if ln.startswith("| `error[")]
    assert 0 < len(rows) < 40
    assert summary.splitlines()[-1] == (
        f"**{40 - len(rows)} more problems not shown**: GitHub keeps a summary only up to 1 MiB. "
        "Run `explainer check` (or see this step's log) for every problem."
    )


def test_fit_keeps_what_fits_and_counts_the_rest():
    from generator.editors.ghsummary import fit

    text = "".join(f"line {i}\n" for i in range(1000))
    assert fit(text, 10_000) == text
    cut = fit(text, 1000)
    assert len(cut.encode()) <= 1000 and cut.startswith("line 0\nline 1\n")
    kept = cut.count("\nline ") + 1
    assert cut.endswith(
        f"**{1000 - kept:,} more lines not shown**: GitHub keeps a summary only up to 1 MiB. "
        "Run `explainer check` (or see this step's log) for every problem.\n"
    )
