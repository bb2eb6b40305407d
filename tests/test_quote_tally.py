"""Quote verification is never off silently: every output format of `check` says how many quotes
it compared with their sources' archived texts and why the others were not, and the workflows
verify quotes whenever the repository names a quote archive."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import sitekit
from casekit import BASE, CASES, build_case
from test_workflows import flow, steps

from generator.cli import main
from generator.content.diagnostics import Report
from generator.editors.ghsummary import check_summary
from generator.pipeline import load_model

MIXED = (
    "quotes: 10 checked against the archive 'archive' (6 found word for word, 4 not), 7 not checked: "
    "6 quotes whose source's archived file is missing, 1 quote whose source does not exist or has errors"
)


def check(tmp_path, monkeypatch, capsys, case: str, *args: str) -> tuple[int, str]:
    build_case(case, tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main(["check", *args])
    return code, capsys.readouterr().out


def test_text_says_what_was_not_checked_and_why(tmp_path, monkeypatch, capsys):
    code, out = check(tmp_path, monkeypatch, capsys, "quotes-despite-link-errors", "--archive", "archive")
    assert code == 1
    assert out.splitlines()[-2:] == ["9 errors, 0 warnings", MIXED]


def test_without_an_archive_a_valid_check_still_says_no_quote_was_checked(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("EXPLAINER_ARCHIVE", raising=False)
    code, out = check(tmp_path, monkeypatch, capsys, "direct-unarchived")
    assert code == 0
    assert out == (
        "quotes: 0 checked, 12 not checked: no archive configured (set --archive or EXPLAINER_ARCHIVE "
        "to the folder of archived source texts)\ncontent is valid (2 warnings)\n"
    )


def test_json_carries_the_tally(tmp_path, monkeypatch, capsys):
    code, out = check(tmp_path, monkeypatch, capsys, "quotes", "--archive", "archive", "--format", "json")
    assert code == 1
    assert json.loads(out)["quotes"] == {
        "archive": "archive",
        "checked": 8,
        "found": 7,
        "not_found": 1,
        "not_checked": {"no-archive": 0, "no-archived-text": 1, "archive-file-missing": 7, "source-unresolved": 0},
    }


def test_github_annotates_and_summarises_the_tally(tmp_path, monkeypatch, capsys):
    code, out = check(
        tmp_path, monkeypatch, capsys, "quotes-despite-link-errors", "--archive", "archive", "--format", "github"
    )
    assert code == 1
    assert out.splitlines()[-1] == "::warning title=quotes::" + MIXED
    report = Report()
    load_model(build_case("whose-words", tmp_path / "w"), report)
    assert check_summary(report.sorted(), report.quotes).splitlines()[:3] == [
        "## explainer check: 2 errors, 0 warnings",
        "",
        "**Quotes:** 11 checked against the archive 'archive' &#40;11 found word for word, 0 not&#41;, 0 not checked.",
    ]


def test_a_link_error_elsewhere_does_not_hide_a_wrong_quote(tmp_path):
    """Quotes in a stance whose actor is missing, in a citation whose 'via' is missing, and in
    an affiliation with a missing actor are all still checked, in the same run."""
    report = Report()
    assert load_model(build_case("quotes-despite-link-errors", tmp_path), report) is None
    mismatched = sorted((d.file.split("/")[-1], d.path) for d in report.diagnostics if d.code == "quote-mismatch")
    assert mismatched == [
        ("ghost-brigade.yaml", "affiliations[0].cite[0].quote"),
        ("ghost-brigade.yaml", "summary.cite[0].quote"),
        ("rockets-came-from-iran.yaml", "stances[0].cite[0].quote"),
        ("rockets-came-from-iran.yaml", "stances[1].cite[0].quote"),
    ]


def test_workflows_verify_quotes_whenever_the_repository_names_an_archive():
    for name, job, before in (
        ("pull-request.yml", "check", ".venv/bin/explainer check --format github"),
        ("publish.yml", "build", ".venv/bin/explainer check --format github"),
    ):
        ss = steps(flow(name)["jobs"][job])
        [i] = [n for n, s in enumerate(ss) if s.get("id") == "archive"]
        archive, use = ss[i], ss[i + 1]
        assert archive["uses"].startswith("actions/checkout@")
        assert "vars.EXPLAINER_ARCHIVE_REPO != ''" in archive["if"]
        assert archive["with"] == {
            "repository": "${{ vars.EXPLAINER_ARCHIVE_REPO }}",
            "path": ".quote-archive",
            "persist-credentials": False,
        }
        assert use["if"] == "${{ steps.archive.outcome == 'success' }}"
        assert use["run"] == 'echo "EXPLAINER_ARCHIVE=$GITHUB_WORKSPACE/.quote-archive" >> "$GITHUB_ENV"'
        runs = [s.get("run") for s in ss]
        assert runs.index(before) > i + 1, name  # the check (and the build after it) see the archive


# render and build end their one summary line with the tally, in check's words.
PARTLY = (
    "quotes: 6 checked against the archive 'archive' (6 found word for word, 0 not), "
    "6 not checked: 6 quotes whose source has no archived_text"
)
NO_ARCHIVE = (
    "quotes: 0 checked, 12 not checked: no archive configured "
    "(set --archive or EXPLAINER_ARCHIVE to the folder of archived source texts)"
)


def partly_archived(into: Path) -> Path:
    """The fixture content with one source's text in the archive and the other's not named."""
    shutil.copytree(BASE / "content", into / "content")
    (into / "archive").mkdir()
    shutil.copy(CASES / "quotes" / "archive" / "000_291e2095d0b55d64.txt", into / "archive")
    antiwar = into / "content" / "sources" / "antiwar-2021-03-04-anonymous-officials-blame-militia.yaml"
    text = antiwar.read_text(encoding="utf-8")
    antiwar.write_text(text.replace("archived_text: 002_d3dc0c198809111f.txt\n", ""), encoding="utf-8")
    return into


def test_render_says_how_far_quotes_were_verified_in_checks_words(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(partly_archived(tmp_path))
    assert main(["check", "--archive", "archive"]) == 0
    assert capsys.readouterr().out == f"{PARTLY}\ncontent is valid (7 warnings)\n"
    assert main(["render", "--archive", "archive", "--out", "out"]) == 0
    assert capsys.readouterr().out == f"wrote 27 pages and 17 other files to out (44 changed); {PARTLY}\n"
    monkeypatch.delenv("EXPLAINER_ARCHIVE", raising=False)
    assert main(["render", "--out", "out"]) == 0
    assert capsys.readouterr().out == f"wrote 27 pages and 17 other files to out (0 changed); {NO_ARCHIVE}\n"


def test_build_says_how_far_quotes_were_verified_on_its_summary_line(tmp_path):
    project = sitekit.make_project(tmp_path / "p", partly_archived(tmp_path / "c") / "content")
    shutil.copytree(tmp_path / "c" / "archive", project / "archive")
    options = dict(EXPLAINER_HISTORY="false", EXPLAINER_SITE_URL="https://example.org/explainer/")
    check = sitekit.explainer(project, "check", "--archive", "archive")
    result = sitekit.explainer(project, "build", "--archive", "archive", "--site-dir", "out", **options)
    assert result.returncode == 0, result.stderr
    assert result.stderr == check.stderr  # the seven quote-unverified and direct-unarchived warnings, once
    assert re.fullmatch(rf"built 27 pages into out in \d+\.\d s, 7 warnings; {re.escape(PARTLY)}\n", result.stdout)
