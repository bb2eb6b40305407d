"""Editor text in diagnostics cannot forge lines of output: not in the terminal, not in a
GitHub Actions log (where any line starting with '::' is a workflow command), not in JSON."""

from __future__ import annotations

import json

from casekit import build_case

from generator import cli
from generator.content.diagnostics import Report, format_github
from generator.pipeline import load_model

FORGED_FILE = "actors/a\n::error file=README.md::forged.yaml"


def run_check(tmp_path, monkeypatch, capsys, fmt: str) -> str:
    build_case("annotation-forgery", tmp_path)
    (tmp_path / "content" / FORGED_FILE).write_text("id: a\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EXPLAINER_ARCHIVE", raising=False)  # `make test` sets it where the seeds are
    assert cli.main(["check", "--content", "content", "--format", fmt]) == 1
    return capsys.readouterr().out


def test_github_format(tmp_path, monkeypatch, capsys):
    out = run_check(tmp_path, monkeypatch, capsys, "github")
    assert out.splitlines() == [
        "::error file=content/actors/a\\n%3A%3Aerror file=README.md%3A%3Aforged.yaml,line=1,col=1,title=missing-field::"
        "the required field 'kind' is missing; expected one of the listed values",
        "::error file=content/actors/a\\n%3A%3Aerror file=README.md%3A%3Aforged.yaml,line=1,col=1,title=missing-field::"
        "the required field 'name' is missing; expected text",
        "::error file=content/actors/a\\n%3A%3Aerror file=README.md%3A%3Aforged.yaml,line=1,col=1,title=missing-field::"
        "the required field 'summary' is missing; expected a mapping (cited text)",
        "::error file=content/actors/iran.yaml,line=3,col=7,title=bad-value::kind: 'state\\n::error file=README.md,line=1::forged' "
        "is not an allowed value; expected one of 'person', 'organization', 'government-body', 'armed-forces', 'armed-group', "
        "'state', 'media-outlet', 'anonymous-group'",
        "::error file=content/actors/iran.yaml,line=4,col=1,title=unknown-field::x\\n::error::forged: unknown field "
        "'x\\n::error::forged'; expected one of 'id', 'name', 'kind', 'aliases', 'same_as', 'summary', 'affiliations'",
        "::warning title=quotes::quotes: 0 checked, 12 not checked: no archive configured "
        "(set --archive or EXPLAINER_ARCHIVE to the folder of archived source texts)",
    ]


def test_text_format_has_one_line_per_problem(tmp_path, monkeypatch, capsys):
    out = run_check(tmp_path, monkeypatch, capsys, "text")
    lines = out.splitlines()
    assert len(lines) == 7 and lines[-2] == "5 errors, 0 warnings"
    assert lines[-1].startswith("quotes: 0 checked, ")
    assert all(line.startswith("content/actors/") for line in lines[:-2])


def test_json_keeps_the_text(tmp_path, monkeypatch, capsys):
    data = json.loads(run_check(tmp_path, monkeypatch, capsys, "json"))
    assert data["errors"] == 5
    assert data["diagnostics"][0]["file"] == "content/actors/a\\n::error file=README.md::forged.yaml"
    assert data["diagnostics"][4]["path"] == "x\\n::error::forged"


def test_github_escapes_what_reaches_it_raw():
    """The formatter's own escaping, for a diagnostic made without Report.add."""
    from generator.content.diagnostics import Diagnostic

    d = Diagnostic("bad-value", "a,b:c%.yaml", 1, 2, "", "100% wrong\r\n::error::forged")
    assert (
        format_github([d])
        == "::error file=a%2Cb%3Ac%25.yaml,line=1,col=2,title=bad-value::100%25 wrong%0D%0A::error::forged\n"
    )


def test_every_line_of_every_case_is_a_command(tmp_path):
    """Across all fixture cases: one annotation per problem, never a stray line."""
    from casekit import case_names

    for name in case_names():
        into = tmp_path / name
        report = Report()
        load_model(build_case(name, into), report)
        diags = report.sorted()
        lines = format_github(diags).splitlines()
        assert diags and len(lines) == len(diags), name
        assert all(line.startswith(("::error ", "::warning ")) for line in lines), name
