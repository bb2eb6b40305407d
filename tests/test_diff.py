"""`explainer diff <ref>`: what a change does to the explainer, from two linked models."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from casekit import BASE

from generator.cli import main

CLAIM = "content/claims/kataib-hezbollah-behind-al-asad-attack.yaml"
EVENT = "content/events/al-asad-air-base-rocket-attack-2021-03-03.yaml"


def git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args], cwd=cwd, check=True, capture_output=True
    )


@pytest.fixture
def repo(tmp_path, monkeypatch):
    shutil.copytree(BASE / "content", tmp_path / "content")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def commit_of(repo):
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout[
        :12
    ]


def test_diff_says_what_changed_in_plain_language(repo, capsys):
    edit(repo / CLAIM, "position: doubts", "position: denies")
    edit(
        repo / CLAIM,
        "  - actor: john-kirby\n    position: declines-to-attribute\n    date: 2021-03-03\n",
        "  - actor: john-kirby\n    position: declines-to-attribute\n    date: 2021-03-04\n",
    )
    edit(repo / EVENT, "date: 2021-03-03\n", "date: 2021-03\n")
    edit(repo / EVENT, "    count: 1\n", "    count: 2\n    qualifier: at-least\n")
    (repo / "content/sources/reuters-2021-03-05.yaml").write_text(
        "id: reuters-2021-03-05\ntitle: Iraq says *militia* < b>behind< /b> &lt;i&gt; attack\npublisher: politico\n"
        "published: 2021-03-05\nkind: news-report\naccess: direct\nurl: https://www.reuters.com/x\n"
        "cites:\n  - politico-2021-03-04-officials-blame-militia\n"
    )
    (repo / "content/actors/politico.yaml").unlink()
    edit(
        repo / "content/sources/politico-2021-03-04-officials-blame-militia.yaml",
        "publisher: politico",
        "publisher: antiwar-com",
    )
    edit(repo / "content/sources/reuters-2021-03-05.yaml", "publisher: politico", "publisher: antiwar-com")
    text = (repo / CLAIM).read_text()
    a, b = text.index("  - actor: two-us-defense-officials"), text.index("  - actor: john-kirby")
    (repo / CLAIM).write_text(text[:a] + text[b:])  # both assertions go: the claim is denied
    assert main(["diff", "main"]) == 0
    assert (
        capsys.readouterr().out
        == f"""\
## What this change does to the explainer

Compared with `main` ({commit_of(repo)}).

Changes to 1 claim, 1 event, 1 actor, 2 sources.

### Claims

- changed: Kataib Hezbollah carried out the 3 March 2021 rocket attack on Al Asad Air Base&#46; (`kataib-hezbollah-behind-al-asad-attack`)
  - stance of John Kirby: date 2021-03-03 → 2021-03-04
  - stance of Dave DeCamp changed from doubts to denies, citing Anonymous US Officials Blame ‘Iranian-Backed’ Militia For Latest Iraq Rocket Attack (`antiwar-2021-03-04-anonymous-officials-blame-militia`)
  - stance removed: Two US defense officials familiar with the early intelligence asserts
  - stance removed: US officials who spoke to Politico asserts
  - status changed from doubted to denied

### Events

- changed: Rocket attack on Al Asad Air Base (`al-asad-air-base-rocket-attack-2021-03-03`)
  - date 2021-03-03 → 2021-03 (precision day → month)
  - casualties (died, US contractor): exactly 1 → at least 2

### Actors

- removed: Politico (`politico`)

### Sources

- added: Iraq says &#42;militia&#42; &#60; b&#62;behind&#60; /b&#62; &#38;lt;i&#38;gt; attack (`reuters-2021-03-05`), published by Antiwar&#46;com 5 March 2021, relaying `politico-2021-03-04-officials-blame-militia`
- changed: Politico report on US and Iraqi officials blaming an Iran-backed militia (`politico-2021-03-04-officials-blame-militia`)
  - publisher changed from `politico` to `antiwar-com`
"""
    )


def test_no_change(repo, capsys):
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out.endswith("\nNo change to what the explainer says.\n")


def test_a_broken_working_tree_lists_the_changed_files(repo, capsys):
    edit(repo / EVENT, "kind: rocket-attack", "kind: rocket")
    (repo / "content/actors/new-actor.yaml").write_text("id: new-actor\n")
    assert main(["diff", "HEAD"]) == 0
    assert capsys.readouterr().out.split("\n", 4)[4] == (
        "The content of this change does not build (4 errors; `explainer check` lists them), so only the "
        "files that changed can be listed.\n"
        "\n"
        "- added: `actors/new-actor.yaml`\n"
        "- changed: `events/al-asad-air-base-rocket-attack-2021-03-03.yaml`\n"
    )


@pytest.mark.parametrize(
    "ref,message",
    [
        ("nope", "explainer diff: error: 'nope' is not a commit in this repository\n"),
        ("--output=x", "explainer diff: error: '--output=x' is not a git revision\n"),
    ],
)
def test_bad_refs_are_usage_errors(repo, capsys, ref, message):
    assert main(["diff", "--", ref]) == 2
    assert capsys.readouterr().err == message


def test_rewritten_text_is_quoted_and_cut_at_a_word(repo, capsys):
    long = " ".join(["Tehran backs many Iraqi Shia militias"] * 6)
    edit(repo / "content/actors/iran.yaml", "  text: >-\n", f"  text: {long}\n  old: >-\n")
    text = (repo / "content/actors/iran.yaml").read_text()
    a = text.index("  old: >-\n")
    b = text.index("  cite:")
    (repo / "content/actors/iran.yaml").write_text(text[:a] + text[b:])
    assert main(["diff", "HEAD"]) == 0
    out = capsys.readouterr().out
    assert "  - summary rewritten: “" + " ".join(["Tehran backs many Iraqi Shia militias"] * 4) + " …”\n" in out
