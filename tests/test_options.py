"""Every option of every command means what it says, end to end.

`test_every_option_has_a_test` walks the command line parser: an option added without a test
here fails it. Each test changes one option from its default and asserts what the reader or
the editor gets, so an option that is parsed and then ignored (as `build --content` and
`build --templates` were) fails.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import sitekit
from conftest import BASE

from generator import cli
from generator.editors.fmt import format_text, kind_of

MARK = "Template from the --templates folder"
OTHER = "Iran, from the other content folder"

# (command, option) -> the test in this module that shows it honoured
OPTION_TESTS = {
    ("check", "--content"): "test_check_content",
    ("check", "--archive"): "test_check_archive",
    ("check", "--format"): "test_check_format",
    ("render", "--content"): "test_render_content",
    ("render", "--templates"): "test_render_templates",
    ("render", "--archive"): "test_render_archive",
    ("render", "--out"): "test_render_out",
    ("build", "--content"): "test_build_content",
    ("build", "--templates"): "test_build_templates",
    ("build", "--archive"): "test_build_archive",
    ("build", "--config-file"): "test_build_config_file",
    ("build", "--site-dir"): "test_build_site_dir",
    ("build", "--engine"): "test_build_engine",
    ("build", "--verbose"): "test_build_verbose",
    ("serve", "--config-file"): "test_serve_config_file_and_dev_addr",
    ("serve", "--dev-addr"): "test_serve_config_file_and_dev_addr",
    ("new", "kind"): "test_new_kind_id_content",
    ("new", "id"): "test_new_kind_id_content",
    ("new", "--content"): "test_new_kind_id_content",
    ("diff", "ref"): "test_diff_ref_and_content",
    ("diff", "--content"): "test_diff_ref_and_content",
    ("fmt", "files"): "test_fmt_files",
    ("fmt", "--content"): "test_fmt_content",
    ("fmt", "--check"): "test_fmt_check",
    ("fmt", "--format"): "test_fmt_format",
    ("schema", "--out"): "test_schema_out",
    ("schema", "--check"): "test_schema_check",
}


def _options(parser) -> set[tuple[str, str]]:
    sub = next(a for a in parser._actions if a.dest == "command")
    found = set()
    for name, p in sub.choices.items():
        for a in p._actions:
            if a.dest == "help":
                continue
            found.add((name, max(a.option_strings, key=len) if a.option_strings else a.dest))
    return found


def test_every_option_has_a_test():
    assert _options(cli.build_parser()) == set(OPTION_TESTS)
    assert all(callable(globals().get(name)) for name in OPTION_TESTS.values())


def test_check_takes_no_templates_it_would_ignore(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["check", "--templates", "templates"])
    assert exc.value.code == 2
    assert capsys.readouterr().err.endswith("explainer: error: unrecognized arguments: --templates templates\n")


# --- a project with a second content folder, templates folder, archive and configuration ---


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    p = sitekit.make_project(tmp_path_factory.mktemp("options") / "p")
    shutil.copytree(BASE / "content", p / "other")
    iran = p / "other" / "actors" / "iran.yaml"
    iran.write_text(iran.read_text().replace("name: Iran\n", f"name: {OTHER}\n"))
    shutil.copytree(sitekit.ROOT / "templates", p / "tpl")
    actor = p / "tpl" / "actor.md.j2"
    # After the heading line (the first line that starts "# "), the marker paragraph.
    actor.write_text(
        re.sub(r"^(# .*\n)", lambda mt: mt.group(1) + f"\n{MARK}\n", actor.read_text(), count=1, flags=re.M)
    )
    (p / "empty-archive").mkdir()
    config = (p / "mkdocs.yml").read_text()
    (p / "alt.yml").write_text(
        config.replace(f"site_name: {sitekit.SITE_NAME}\n", "site_name: The alternative configuration\n")
    )
    return p


ARCHIVE_ERRORS = (
    "content/sources/amn-2021-03-04-iran-backed-militia-behind-attack.yaml:7:16: error[archive-missing] archived_text: "
    "no file '000_291e2095d0b55d64.txt' in the archive folder empty-archive; check the file name against the folder\n"
    "content/sources/antiwar-2021-03-04-anonymous-officials-blame-militia.yaml:9:16: error[archive-missing] archived_text: "
    "no file '002_d3dc0c198809111f.txt' in the archive folder empty-archive; check the file name against the folder\n"
    "2 errors, 0 warnings\n"
)


def _broken_other(project) -> Path:
    broken = project / "broken"
    shutil.rmtree(broken, ignore_errors=True)
    shutil.copytree(project / "other", broken)
    (broken / "actors" / "iran.yaml").write_text(
        (broken / "actors" / "iran.yaml").read_text().replace("kind: state", "kind: sate")
    )
    return broken


def test_check_content(project):
    _broken_other(project)
    r = sitekit.explainer(project, "check", "--content", "broken")
    assert (r.returncode, r.stdout) == (
        1,
        "broken/actors/iran.yaml:3:7: error[bad-value] kind: 'sate' is not an allowed value; "
        "did you mean 'state'?\n1 error, 0 warnings\n"
        "quotes: 0 checked, 12 not checked: no archive configured (set --archive or "
        "EXPLAINER_ARCHIVE to the folder of archived source texts)\n",
    )
    assert sitekit.explainer(project, "check").returncode == 0


def test_check_archive(project):
    r = sitekit.explainer(project, "check", "--archive", "empty-archive")
    assert (r.returncode, r.stdout) == (
        1,
        ARCHIVE_ERRORS + "quotes: 0 checked against the archive 'empty-archive', "
        "12 not checked: 12 quotes whose source's archived file is missing\n",
    )


def test_check_format(project):
    r = sitekit.explainer(project, "check", "--archive", "empty-archive", "--format", "json")
    assert r.returncode == 1
    assert [d["code"] for d in json.loads(r.stdout)["diagnostics"]] == ["archive-missing", "archive-missing"]


def test_render_content(project, tmp_path):
    assert sitekit.explainer(project, "render", "--content", "other", "--out", str(tmp_path / "md")).returncode == 0
    assert (tmp_path / "md" / "actors" / "iran.md").read_text().count(f"\n# {OTHER}\n") == 1


def test_render_templates(project, tmp_path):
    assert sitekit.explainer(project, "render", "--templates", "tpl", "--out", str(tmp_path / "md")).returncode == 0
    assert (tmp_path / "md" / "actors" / "iran.md").read_text().count(f"\n# Iran\n\n{MARK}\n") == 1
    assert MARK not in (tmp_path / "md" / "events" / "index.md").read_text()
    r = sitekit.explainer(project, "render", "--templates", "nowhere", "--out", str(tmp_path / "md2"))
    assert (r.returncode, r.stderr) == (2, "explainer: error: the templates folder nowhere does not exist\n")


def test_render_archive(project, tmp_path):
    r = sitekit.explainer(project, "render", "--archive", "empty-archive", "--out", str(tmp_path / "md"))
    assert (r.returncode, r.stdout) == (1, ARCHIVE_ERRORS)
    assert not (tmp_path / "md").exists()


def test_render_out(project, tmp_path):
    r = sitekit.explainer(project, "render", "--out", str(tmp_path / "md"))
    assert r.returncode == 0 and r.stdout.startswith("wrote ")
    assert (tmp_path / "md" / "actors" / "iran.md").read_text().count("\n# Iran\n") == 1


# --- build: one build with every option changed, then one test per option --------------------


@pytest.fixture(scope="module")
def built(project):
    """`build` with --content, --templates, --config-file and --site-dir all changed, while
    $EXPLAINER_CONTENT names the default folder: the options must win."""
    r = sitekit.explainer(
        project,
        "build",
        "--content",
        "other",
        "--templates",
        "tpl",
        "--config-file",
        "alt.yml",
        "--site-dir",
        "elsewhere",
        EXPLAINER_CONTENT=str(project / "content"),
        EXPLAINER_HISTORY="false",
    )
    assert r.returncode == 0, r.stderr
    return project / "elsewhere"


def test_build_content(built):
    html = (built / "actors" / "iran" / "index.html").read_text()
    assert f'<h1 id="iran-from-the-other-content-folder">{OTHER}<a class="headerlink"' in html


def test_build_templates(built):
    assert f"<p>{MARK}</p>" in (built / "actors" / "iran" / "index.html").read_text()


def test_build_config_file(built):
    assert "<title>The alternative configuration</title>" in (built / "index.html").read_text()


def test_build_site_dir(built, project):
    assert (built / "index.html").is_file()
    assert not (project / "site").exists()


def test_build_engine(project):
    """--engine zensical builds with Zensical, and honours the other options on the way
    (tests/test_zensical.py checks the real content's pages in depth)."""
    r = sitekit.explainer(
        project,
        "build",
        "--engine",
        "zensical",
        "--content",
        "other",
        "--templates",
        "tpl",
        "--site-dir",
        "by-zensical",
        EXPLAINER_CONTENT=str(project / "content"),
        EXPLAINER_HISTORY="false",
    )
    assert r.returncode == 0, r.stderr
    html = (project / "by-zensical" / "actors" / "iran" / "index.html").read_text()
    assert OTHER in html and f"<p>{MARK}</p>" in html
    assert "zensical" in (project / "by-zensical" / "index.html").read_text().lower()


def test_build_verbose(project):
    """-v shows MkDocs' own log (its INFO lines); without it a build prints one summary line."""
    quiet = sitekit.explainer(
        project,
        "build",
        "--site-dir",
        "quiet-out",
        EXPLAINER_HISTORY="false",
        EXPLAINER_SITE_URL="https://example.org/x/",
    )
    loud = sitekit.explainer(
        project,
        "build",
        "-v",
        "--site-dir",
        "loud-out",
        EXPLAINER_HISTORY="false",
        EXPLAINER_SITE_URL="https://example.org/x/",
    )
    assert quiet.returncode == loud.returncode == 0, loud.stderr
    assert quiet.stderr == "" and len(quiet.stdout.splitlines()) == 1
    assert "Building documentation to directory: loud-out" in loud.stderr and "Documentation built in" in loud.stderr


def test_build_archive(project):
    r = sitekit.explainer(project, "build", "--archive", "empty-archive", "--site-dir", "never")
    assert (r.returncode, r.stdout) == (1, ARCHIVE_ERRORS)
    assert not (project / "never").exists()


# --- serve ------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(port: int, path: str, deadline: float) -> str:
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            resp = conn.getresponse()
            if resp.status == 200:
                return resp.read().decode()
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing served at 127.0.0.1:{port}{path}")
        time.sleep(0.3)


def test_serve_config_file_and_dev_addr(project):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--config-file", "alt.yml", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=sitekit.env(EXPLAINER_HISTORY="false"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        html = _get(port, "/", time.monotonic() + 120)
        assert "<title>The alternative configuration</title>" in html
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


# --- editors' tools ---------------------------------------------------------------------------


def test_new_kind_id_content(tmp_path, monkeypatch, capsys):
    (tmp_path / "mine").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["new", "claim", "a-new-claim", "--content", "mine"]) == 0
    assert (
        capsys.readouterr().out
        == "created mine/claims/a-new-claim.yaml; fill in the empty fields, then run `explainer check`\n"
    )
    assert (tmp_path / "mine" / "claims" / "a-new-claim.yaml").read_text().splitlines()[:2] == [
        "# yaml-language-server: $schema=../../schemas/claim.schema.json",
        "id: a-new-claim",
    ]
    assert not (tmp_path / "content").exists()


def _git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True
    )


def test_diff_ref_and_content(tmp_path, monkeypatch, capsys):
    shutil.copytree(BASE / "content", tmp_path / "content")
    shutil.copytree(BASE / "content", tmp_path / "other")
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-q", "-m", "base")
    _git(tmp_path, "tag", "before")
    iran = tmp_path / "other" / "actors" / "iran.yaml"
    iran.write_text(iran.read_text().replace("name: Iran\n", "name: Islamic Republic of Iran\n"))
    _git(tmp_path, "commit", "-qam", "rename")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["diff", "before", "--content", "other"]) == 0
    changed = capsys.readouterr().out
    assert "Islamic Republic of Iran" in changed
    assert cli.main(["diff", "HEAD", "--content", "other"]) == 0
    assert "Islamic Republic of Iran" not in capsys.readouterr().out  # the ref is honoured: nothing changed since HEAD
    assert cli.main(["diff", "before"]) == 0
    assert "Islamic Republic of Iran" not in capsys.readouterr().out  # content/ did not change


MESSY_IRAN = "name: Iran\nid: iran\nkind: state\n"


def _fmt_project(tmp_path) -> Path:
    for folder in ("content", "other"):
        shutil.copytree(BASE / "content", tmp_path / folder)
        for path in (tmp_path / folder).rglob("*.yaml"):  # every file laid out but two
            path.write_text(format_text(path.read_bytes(), kind_of(path), path.name))
        (tmp_path / folder / "actors" / "iran.yaml").write_text(MESSY_IRAN)
        (tmp_path / folder / "actors" / "politico.yaml").write_text(
            MESSY_IRAN.replace("Iran", "Politico").replace("iran", "politico")
        )
    return tmp_path


def test_fmt_files(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_fmt_project(tmp_path))
    assert cli.main(["fmt", "content/actors/iran.yaml"]) == 0
    assert capsys.readouterr().out == "laid out 1 file (0 already laid out)\n"
    assert (tmp_path / "content/actors/iran.yaml").read_text().splitlines()[1] == "id: iran"
    assert (tmp_path / "content/actors/politico.yaml").read_text() != MESSY_IRAN and (
        tmp_path / "content/actors/politico.yaml"
    ).read_text().startswith("name: Politico")
    assert cli.main(["fmt", "content/actors/iran.yaml", "--content", "other"]) == 2
    assert capsys.readouterr().err == "explainer fmt: error: give content files or --content, not both\n"


def test_fmt_content(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_fmt_project(tmp_path))
    assert cli.main(["fmt", "--content", "other"]) == 0
    assert capsys.readouterr().out == "laid out 2 files (16 already laid out)\n"
    assert (tmp_path / "other/actors/iran.yaml").read_text().splitlines()[1] == "id: iran"
    assert (tmp_path / "content/actors/iran.yaml").read_text() == MESSY_IRAN


def test_fmt_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_fmt_project(tmp_path))
    assert cli.main(["fmt", "--check", "--content", "other"]) == 1
    assert capsys.readouterr().out == (
        "other/actors/iran.yaml: not in the canonical layout; run `explainer fmt --content other` to lay it out\n"
        "other/actors/politico.yaml: not in the canonical layout; run `explainer fmt --content other` to lay it out\n"
        "2 files not laid out; run `explainer fmt --content other` to fix them\n"
    )
    assert (tmp_path / "other/actors/iran.yaml").read_text() == MESSY_IRAN


def test_fmt_format(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(_fmt_project(tmp_path))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    assert cli.main(["fmt", "--check", "--format", "github"]) == 1
    assert capsys.readouterr().out.splitlines()[:2] == [
        "::error file=content/actors/iran.yaml,line=1,col=1,title=fmt::not in the canonical layout; run `explainer fmt` to lay it out",
        "::error file=content/actors/politico.yaml,line=1,col=1,title=fmt::not in the canonical layout; run `explainer fmt` to lay it out",
    ]


def test_schema_out(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["schema", "--out", "mine"]) == 0
    assert capsys.readouterr().out == "wrote 5 schemas to mine (0 unchanged)\n"
    assert sorted(p.name for p in (tmp_path / "mine").iterdir()) == sorted(
        p.name for p in (sitekit.ROOT / "schemas").iterdir()
    )


def test_schema_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert cli.main(["schema", "--out", "mine"]) == 0
    (tmp_path / "mine" / "actor.schema.json").write_text("{}\n")
    capsys.readouterr()
    assert cli.main(["schema", "--out", "mine", "--check"]) == 1
    assert (
        capsys.readouterr().err == "mine/actor.schema.json: differs from the model in generator/content/schema.py\n"
        "run `explainer schema --out mine` to update\n"
    )
    assert (tmp_path / "mine" / "actor.schema.json").read_text() == "{}\n"
