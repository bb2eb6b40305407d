"""The CI workflows, pre-commit hooks and editor settings: valid, pinned, least privilege."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import build_parser
from generator.content.diagnostics import Report
from generator.content.yamlio import load
from generator.editors.schema_export import SCHEMA_NAMES, schema_file, to_json

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def read_yaml(path: Path):
    doc = load(path.read_bytes(), path.name, Report())
    assert doc is not None
    return to_json(doc.root)


def flow(name: str) -> dict:
    return read_yaml(ROOT / ".github" / "workflows" / name)


def steps(job: dict) -> list[dict]:
    return job["steps"]


def test_the_three_workflows_exist():
    assert [p.name for p in WORKFLOWS] == ["links.yml", "publish.yml", "pull-request.yml"]


def test_workflows_match_githubs_schema():
    proc = subprocess.run(
        [BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_zizmor_finds_nothing_even_as_an_auditor():
    proc = subprocess.run(
        [BIN / "zizmor", "--offline", "--persona=auditor", "--no-progress", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "No findings to report" in proc.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_are_pinned_by_commit_and_inputs_never_reach_a_shell(path):
    text = path.read_text()
    uses = re.findall(r"uses: (\S+)(.*)", text)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: name the release in a comment"
    for job in read_yaml(path)["jobs"].values():
        for step in steps(job):
            assert "${{" not in step.get("run", ""), step["run"]
    assert "secrets." not in text and "pull_request_target" not in text


def test_pull_requests_get_a_read_only_token_and_every_check():
    wf = flow("pull-request.yml")
    assert wf["on"] == {"pull_request": None}
    assert wf["permissions"] == {"contents": "read"}
    [job] = wf["jobs"].values()
    assert "permissions" not in job
    runs = [s.get("run", "") for s in steps(job)]
    for command in (
        ".venv/bin/explainer check --format github",
        ".venv/bin/explainer fmt --check --format github",
        "make test",
        ".venv/bin/explainer build",
        """.venv/bin/explainer diff 'HEAD^1' >> "$GITHUB_STEP_SUMMARY\"""",
    ):
        assert command in runs
    upload = [s for s in steps(job) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert [u["with"]["path"] for u in upload] == ["site/"]
    checkout = steps(job)[0]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["persist-credentials"] is False
    # every command parses with the real CLI
    for run in runs:
        if run.startswith(".venv/bin/explainer "):
            build_parser().parse_args(run.split(">>")[0].replace("'", "").split()[1:])


def test_only_the_deploy_job_writes_and_only_to_pages():
    wf = flow("publish.yml")
    assert wf["on"]["push"] == {"branches": ["main"]}
    assert wf["permissions"] == {}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert build["permissions"] == {"contents": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in steps(deploy)] == ["actions/deploy-pages"]
    pages = [s for s in steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@")]
    assert [p["with"]["path"] for p in pages] == ["site/"]
    assert "make site" in [s.get("run") for s in steps(build)]


def test_the_link_check_is_weekly_and_never_fails():
    wf = flow("links.yml")
    assert set(wf["on"]) == {"schedule", "workflow_dispatch"}
    assert re.fullmatch(r"\d+ \d+ \* \* \d", wf["on"]["schedule"][0]["cron"])
    [job] = wf["jobs"].values()
    [check] = [s for s in steps(job) if "generator.editors.linkcheck" in s.get("run", "")]
    assert check["continue-on-error"] is True


def test_pre_commit_runs_the_projects_own_check_and_fmt():
    config = read_yaml(ROOT / ".pre-commit-config.yaml")
    [repo] = config["repos"]
    assert repo["repo"] == "local"
    hooks = {h["id"]: h for h in repo["hooks"]}
    assert hooks["explainer-fmt"]["entry"] == ".venv/bin/explainer fmt"
    assert hooks["explainer-check"]["entry"] == ".venv/bin/explainer check"
    fmt_files = re.compile(hooks["explainer-fmt"]["files"])
    assert fmt_files.search("content/actors/iran.yaml") and not fmt_files.search("mkdocs.yml")
    for h in hooks.values():
        assert h["language"] == "system"
        words = h["entry"].split()
        if words[0] == ".venv/bin/explainer":
            build_parser().parse_args(words[1:])


def test_vscode_recommends_the_yaml_extension_and_maps_every_schema():
    assert json.loads((ROOT / ".vscode/extensions.json").read_text())["recommendations"] == ["redhat.vscode-yaml"]
    settings = json.loads((ROOT / ".vscode/settings.json").read_text())
    assert settings["yaml.yamlVersion"] == "1.2"  # the YAML the schema tests read files as
    mapped = settings["yaml.schemas"]
    assert sorted(mapped) == sorted(f"./schemas/{schema_file(k)}" for k in SCHEMA_NAMES)
    for schema in mapped:
        assert (ROOT / schema).is_file()
