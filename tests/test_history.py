"""Updates from git history: a repository made in tmp_path, edited, renamed and deleted in
dated commits, read in a bounded number of git processes, described in `explainer diff`'s words."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import BASE

from generator.content.diagnostics import Report
from generator.content.values import Fields, Loc, PartialDate
from generator.pipeline import Settings, load_model, render_pages
from generator.site.history import History, HistoryUnavailable, Version, _other_changes, day, read_history, updates

AMN = "amn-2021-03-04-iran-backed-militia-behind-attack"


def actor(entity_id: str, name: str, kind: str = "person", extra: str = "") -> str:
    return (
        f"id: {entity_id}\nname: {name}\nkind: {kind}\n{extra}summary:\n  text: A test actor.\n  cite:\n    - {AMN}\n"
    )


def claim(beta_id: str, beta_note: str = "") -> str:
    note = f"    note: {beta_note}\n" if beta_note else ""
    return (
        f"id: test-claim\nproposition: Alpha did it.\nstances:\n"
        f"  - actor: alpha\n    position: asserts\n    cite:\n      - {AMN}\n"
        f"  - actor: {beta_id}\n    position: asserts\n{note}    cite:\n      - {AMN}\n"
    )


def git(repo: Path, *args: str, when: str = "2021-03-05T10:00:00Z") -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": when,
        "GIT_COMMITTER_DATE": when,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "HOME": str(repo.parent),
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout


def commit(repo: Path, when: str, message: str) -> None:
    git(repo, "add", "-A", when=when)
    git(repo, "commit", "-q", "-m", message, when=when)


@pytest.fixture
def repo(tmp_path) -> Path:
    """The fixture content plus three files of the test's own, through five dated commits."""
    repo = tmp_path / "repo"
    shutil.copytree(BASE / "content", repo / "content")
    actors = repo / "content" / "actors"
    git(repo, "init", "-q", "-b", "main")
    (actors / "alpha.yaml").write_text(actor("alpha", "Alpha Group", "armed-group"))
    (actors / "beta.yaml").write_text(actor("beta", "Beta Person"))
    (repo / "content" / "claims" / "test-claim.yaml").write_text(claim("beta"))
    commit(repo, "2021-03-05T10:00:00Z", "content")
    # 23:30 at UTC+5 is 18:30 UTC: the update is dated 6 March whatever the committer's zone.
    (actors / "alpha.yaml").write_text(actor("alpha", "Alpha Group", "armed-group", "aliases:\n  - AG\n"))
    (repo / "content" / "claims" / "test-claim.yaml").write_text(claim("beta", "Says so on the record."))
    iran = actors / "iran.yaml"
    iran.write_text("# a comment changes the file, not what it says\n" + iran.read_text())
    commit(repo, "2021-03-06T23:30:00+05:00", "edits")
    git(repo, "mv", "content/actors/beta.yaml", "content/actors/gamma.yaml")
    (actors / "gamma.yaml").write_text(actor("gamma", "Beta Person"))
    (repo / "content" / "claims" / "test-claim.yaml").write_text(claim("gamma", "Says so on the record."))
    commit(repo, "2021-03-07T12:00:00Z", "rename beta to gamma")
    (actors / "alpha.yaml").unlink()
    commit(repo, "2021-03-08T12:00:00Z", "delete alpha")
    (actors / "alpha.yaml").write_text(actor("alpha", "Alpha Front", "armed-group"))
    commit(repo, "2021-03-09T12:00:00Z", "a new alpha")
    return repo


def model_of(content: Path):
    report = Report()
    model = load_model(Settings(content=content, base=content.parent), report)
    assert report.errors == [], [d.text() for d in report.errors]
    return model


def as_lines(found) -> list[tuple[str, list[str]]]:
    return [(u.date.iso(), list(u.lines)) for u in found]


def test_updates_follow_edits_renames_and_deletions(repo):
    content = repo / "content"
    history = read_history(content)
    found = updates(model_of(content), history)
    # The alpha of today was added on 9 March; the alpha deleted on 8 March was another file.
    assert as_lines(found["alpha"]) == [("2021-03-09", ["added to the explainer"])]
    assert as_lines(found["gamma"]) == [
        ("2021-03-07", ["page address changed from beta to gamma"]),
        ("2021-03-05", ["added to the explainer"]),
    ]
    # The rename changed the claim's file but not what it says (the stance reads "Beta Person" before and after).
    assert as_lines(found["test-claim"]) == [
        ("2021-03-06", ["stance of Beta Person: note set to Says so on the record&#46;"]),
        ("2021-03-05", ["added to the explainer"]),
    ]
    # A comment is not a change to what the page says.
    assert as_lines(found["iran"]) == [("2021-03-05", ["added to the explainer"])]
    assert [v.path for v in history.files["actors/gamma.yaml"]] == ["actors/beta.yaml", "actors/gamma.yaml"]
    assert "actors/beta.yaml" not in history.files
    assert history.latest == 1615291200  # 2021-03-09T12:00:00Z
    assert day(1615069800) == PartialDate(2021, 3, 6)  # 2021-03-06T23:30:00+05:00


def test_entity_pages_list_their_updates_and_every_page_its_date(repo):
    content = repo / "content"
    model = model_of(content)
    pages = render_pages(model, Settings(content=content, base=repo), read_history(content))
    gamma = pages["actors/gamma.md"]
    assert gamma.split("## Updates\n\n", 1)[1].split("\n\n")[0].splitlines() == [
        '- <time datetime="2021-03-07">7 March 2021</time>: Page address changed from beta to gamma',
        '- <time datetime="2021-03-05">5 March 2021</time>: Added to the explainer',
    ]
    assert gamma.endswith(
        '<small>Covers reporting as of <time datetime="2021-03-04">4 March 2021</time>. Last updated '
        '<time datetime="2021-03-07">7 March 2021</time>.</small> [How this explainer works, and how to send a '
        "correction](../about/index.md)\n"
    )
    # Overview pages: the latest change to any content file.
    assert 'Last updated <time datetime="2021-03-09">9 March 2021</time>.' in pages["timeline/index.md"]
    assert "Each page about an actor, event, claim or source lists its **Updates**" in pages["about/index.md"]


def test_without_history_no_updates_and_the_about_page_says_so(repo):
    content = repo / "content"
    pages = render_pages(model_of(content), Settings(content=content, base=repo))
    assert not any("\n## Updates\n" in text or "Last updated" in text for text in pages.values())
    assert "built without the content's history (history not available)" in pages["about/index.md"]


def test_git_runs_three_times_whatever_the_number_of_files(repo):
    calls: list[list[str]] = []

    def counting(args, **kwargs):
        calls.append(args)
        return subprocess.run(args, **kwargs)

    few = read_history(repo / "content", run=counting)
    few_calls, calls[:] = list(calls), []
    actors = repo / "content" / "actors"
    for i in range(200):
        (actors / f"extra-{i}.yaml").write_text(actor(f"extra-{i}", f"Extra {i}"))
    commit(repo, "2021-03-10T12:00:00Z", "200 more files")
    for i in range(0, 200, 2):
        (actors / f"extra-{i}.yaml").write_text(actor(f"extra-{i}", f"Extra number {i}"))
    commit(repo, "2021-03-11T12:00:00Z", "100 of them edited")
    many = read_history(repo / "content", run=counting)
    assert len(many.files) == len(few.files) + 200
    assert len(many.files["actors/extra-0.yaml"]) == 2

    def commands(log):
        return [args[3] if args[1] == "-c" else args[1] for args in log]

    # 15 + 3 files or 218: one git log for the history, one cat-file for every version's bytes.
    assert commands(few_calls) == commands(calls) == ["rev-parse", "log", "cat-file"]


def test_the_same_commit_gives_the_same_pages(repo, tmp_path):
    content = repo / "content"
    first = render_pages(model_of(content), Settings(content=content, base=repo), read_history(content))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(repo), str(clone)], check=True, env={**os.environ, "TZ": "Asia/Kolkata"})
    again = render_pages(
        model_of(clone / "content"), Settings(content=clone / "content", base=clone), read_history(clone / "content")
    )
    assert again == first


def test_no_repository_git_missing_or_shallow_clone_is_not_an_error(repo, tmp_path):
    plain = tmp_path / "plain"
    shutil.copytree(repo / "content", plain / "content")
    with pytest.raises(HistoryUnavailable, match="not a git repository"):
        read_history(plain / "content")

    def no_git(args, **kwargs):
        raise FileNotFoundError(2, "No such file or directory")

    with pytest.raises(HistoryUnavailable, match=r"^git cannot be run \(No such file or directory\)$"):
        read_history(repo / "content", run=no_git)
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)], check=True)
    with pytest.raises(HistoryUnavailable, match="the clone is shallow"):
        read_history(shallow / "content")


def test_changes_the_diff_does_not_word_are_still_listed():
    loc = Loc("f", 1, 1, "")
    old = Fields({"id": "x", "name": "X"}, loc, {})
    new = Fields({"id": "x", "name": "X", "future_field": "y"}, Loc("f", 3, 1, ""), {})
    assert _other_changes(old, new, {}) == ["changed: future field"]
    assert _other_changes(old, Fields(dict(old), Loc("f", 9, 9, ""), {}), {}) == []


def test_a_version_that_never_built_is_skipped(repo):
    model = model_of(repo / "content")
    versions = (
        Version(1614938400, "actors/gamma.yaml", "a", True, None),
        Version(1615032000, "actors/gamma.yaml", "b", False, None),
        Version(1615118400, "actors/gamma.yaml", "c", False, None),
    )
    data = {
        "a": actor("gamma", "Beta Person").encode(),
        "b": b"id: gamma\nname: [unclosed\n",
        "c": actor("gamma", "Gamma Person").encode(),
    }
    found = updates(model, History({"actors/gamma.yaml": versions}, data, 1615118400))
    assert as_lines(found["gamma"]) == [
        ("2021-03-07", ["name changed from Beta Person to Gamma Person"]),
        ("2021-03-05", ["added to the explainer"]),
    ]


def test_lines_name_things_as_readers_know_them(repo):
    from generator.site.history import _for_readers

    known = model_of(repo / "content").by_id
    headline = "Report&#58; Iran-backed militia is behind rocket attack on US troops in Iraq and past attacks"
    lines = [
        "affiliation (spokesperson for US Department of Defense (`us-department-of-defense`)): "
        f"the quote from `{AMN}` changed to “x”",
        "reporting chain: no longer relays `gone-source`",
        f"summary: now also cites {headline} (`{AMN}`)",
    ]
    # Sources read as their citations do on the page (publisher and date), never by headline.
    assert _for_readers(lines, known) == [
        "affiliation (spokesperson for US Department of Defense): the quote from AMN, 4 March 2021 changed to “x”",
        "reporting chain: no longer relays gone-source",
        "summary: now also cites AMN, 4 March 2021",
    ]


def test_serve_reads_the_history_again_only_when_head_moves(repo, monkeypatch):
    from generator import mkdocs_plugin
    from generator.site.history import head

    reads = []
    real = mkdocs_plugin.read_content_history
    monkeypatch.setattr(mkdocs_plugin, "read_content_history", lambda s: reads.append(1) or real(s))
    plugin = mkdocs_plugin.ExplainerPlugin()
    plugin.load_config({})
    plugin.on_startup(command="serve", dirty=True)
    settings = Settings(content=repo / "content", base=repo)
    first = plugin._read_history(settings)
    assert plugin._read_history(settings) is first and len(reads) == 1
    (repo / "content" / "actors" / "alpha.yaml").write_text(
        actor("alpha", "Alpha Front", "armed-group", "aliases:\n  - AF\n")
    )
    commit(repo, "2021-03-10T12:00:00Z", "alias")
    again = plugin._read_history(settings)
    assert (
        len(reads) == 2
        and again.latest == 1615377600
        and head(repo / "content") == git(repo, "rev-parse", "HEAD").strip()
    )


def test_editor_text_in_updates_stays_text(repo):
    content = repo / "content"
    model = model_of(content)
    versions = (
        Version(1614938400, "actors/gamma.yaml", "a", True, None),
        Version(1615118400, "actors/gamma.yaml", "b", False, None),
    )
    data = {
        "a": actor("gamma", json.dumps("< script>alert(1)< /script> &lt;b&gt;")).encode(),
        "b": actor("gamma", json.dumps("[Beta](javascript:alert(1)) `code` *Person*")).encode(),
    }
    pages = render_pages(
        model, Settings(content=content, base=repo), History({"actors/gamma.yaml": versions}, data, 1615118400)
    )
    section = pages["actors/gamma.md"].split("## Updates\n\n", 1)[1].split("\n\n")[0]
    assert section.splitlines()[0] == (
        '- <time datetime="2021-03-07">7 March 2021</time>: Name changed from '
        "&#60; script&#62;alert&#40;1&#41;&#60; /script&#62; &#38;lt;b&#38;gt; "
        "to &#91;Beta&#93;&#40;javascript&#58;alert&#40;1&#41;&#41; &#96;code&#96; &#42;Person&#42;"
    )


def test_a_change_merged_from_a_branch_is_dated_by_its_merge(repo):
    git(repo, "checkout", "-q", "-b", "edit")
    (repo / "content" / "actors" / "gamma.yaml").write_text(actor("gamma", "Gamma Person"))
    commit(repo, "2021-03-10T12:00:00Z", "rename gamma's person")
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--no-ff", "-m", "merge", "edit", when="2021-03-12T12:00:00Z")
    found = updates(model_of(repo / "content"), read_history(repo / "content"))
    assert as_lines(found["gamma"])[0] == ("2021-03-12", ["name changed from Beta Person to Gamma Person"])


def test_updates_stay_out_of_the_search_index(repo, tmp_path):
    """A correction's line quotes the wording it replaced; a search result must not show it as
    what the page says. The built page lists its Updates; Pagefind's record of it has none."""
    from test_build import build

    site = tmp_path / "site"
    result = build(repo / "content", site, history=True)
    assert result.returncode == 0, result.stderr
    html = (site / "actors" / "gamma" / "index.html").read_text(encoding="utf-8")
    assert '<div class="explainer-updates">' in html and "Page address changed from beta to gamma" in html
    records = {}
    for fragment in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        assert data.startswith(b"pagefind_dcd")  # Pagefind's mark before the JSON of a page
        record = json.loads(data[len(b"pagefind_dcd") :])
        records[record["url"]] = record["content"]
    gamma = records["/actors/gamma/"]
    assert "Beta Person" in gamma
    assert "Page address changed" not in gamma and "Added to the explainer" not in gamma
