"""Nothing is written outside the output folder, whatever an id (or a page path) holds."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import cli
from generator.content.diagnostics import Report
from generator.content.types import Ctx, Id, Invalid
from generator.site.write import NotOurs, UnsafePath, check_page_path, write_pages

HOSTILE = [
    "../x.md",
    "actors/../../x.md",
    "/etc/passwd",
    "//server/share/x.md",
    "actors/./x.md",
    "actors//x.md",
    "..\\x.md",
    "actors\\..\\..\\x.md",
    "c:x.md",
    "C:\\x.md",
    "actors/x.md:stream",
    "x.md.",
    "x.md ",
    " x.md",
    ".hidden.md",
    "actors/.git/config",
    "con.md",
    "actors/NUL.md",
    "aux",
    "lpt1.txt",
    "actors/x\x00.md",
    "actors/x\n.md",
    "actors/\u202ex.md",
    "",
    ".",
    "..",
    "actors/",
    "actors/x.md/",
]


def snapshot(root: Path) -> dict[str, str]:
    """Every file and link under root, with a hash of its content (or its link target)."""
    out = {}
    for dirpath, dirs, files in os.walk(root):
        for name in dirs + files:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_file():
                out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
            else:
                out[rel] = "dir"
    return out


@pytest.mark.parametrize("rel", HOSTILE)
def test_hostile_page_paths_are_refused(tmp_path, rel):
    out = tmp_path / "out"
    with pytest.raises(UnsafePath):
        write_pages({"index.md": "ok\n", rel: "pwned\n"}, out)
    assert snapshot(tmp_path) == {}  # checked before anything is written: not even the folder


def test_a_link_inside_the_folder_cannot_lead_out(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "precious.md").write_text("keep\n")
    out = tmp_path / "out"
    write_pages({"index.md": "ok\n"}, out)
    (out / "actors").symlink_to(outside, target_is_directory=True)
    (out / "claims").mkdir()
    (out / "claims" / "x.md").symlink_to(outside / "precious.md")
    before = snapshot(outside)
    for rel in ("actors/precious.md", "actors/new.md", "claims/x.md"):
        with pytest.raises(UnsafePath, match="resolves outside"):
            write_pages({"index.md": "ok\n", rel: "pwned\n"}, out)
    # Stale pages are removed, but only inside: the linked folder is not followed.
    write_pages({"index.md": "ok\n"}, out)
    assert snapshot(outside) == before


def test_a_folder_that_is_not_ours_is_left_alone(tmp_path):
    (tmp_path / "notes.md").write_text("mine\n")
    with pytest.raises(NotOurs):
        write_pages({"index.md": "ok\n"}, tmp_path)
    assert snapshot(tmp_path) == {"notes.md": hashlib.sha256(b"mine\n").hexdigest()}


# Characters that mean something to a file system somewhere.
PATHY = st.lists(
    st.sampled_from(list('aZ0-_./\\:*?"<>| \t\n\x00~$%') + ["..", "con", "\u202e", "é", "\udcff"]), max_size=8
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(PATHY, min_size=1, max_size=3))
def test_random_paths_stay_inside(parts):
    rel = "/".join(parts) + ".md"
    with tempfile.TemporaryDirectory() as tmp:
        sandbox = Path(tmp)
        (sandbox / "beside.md").write_text("keep\n")
        out = sandbox / "site" / "out"
        try:
            write_pages({rel: "x\n"}, out)
        except UnsafePath:
            assert not out.exists()
            return
        files = [p for p in sandbox.rglob("*") if p.is_file()]
        assert sorted(p.relative_to(sandbox).as_posix() for p in files) == sorted(
            ["beside.md", "site/out/.explainer-generated", f"site/out/{rel}"]
        )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.from_regex(r"[a-z0-9-]{1,70}", fullmatch=True), st.text(max_size=70)))
def test_every_id_the_schema_accepts_is_a_safe_page_name(value):
    node = yaml.compose(yaml.safe_dump(value))
    try:
        checked = Id().check(node, "id", Ctx("f.yaml", Report()))
    except Invalid:
        return
    for kind in ("actors", "events", "claims", "sources"):
        check_page_path(f"{kind}/{checked}.md")


def test_render_refuses_content_with_path_ids(tmp_path, monkeypatch, capsys):
    """End to end: ids that are paths stop `explainer render` before it writes anything."""
    from casekit import build_case

    build_case("bad-ids", tmp_path)
    (tmp_path / "content" / "actors" / "d.yaml").write_text(
        "id: /tmp/x\nname: D\nkind: state\nsummary:\n  text: A.\n  cite: [amn-2021-03-04-iran-backed-militia-behind-attack]\n"
    )
    monkeypatch.chdir(tmp_path)
    before = snapshot(tmp_path)
    assert cli.main(["render", "--content", "content", "--out", "build/markdown"]) == 1
    assert snapshot(tmp_path) == before
    assert "error[bad-id] id: the id '/tmp/x' is not a lowercase slug" in capsys.readouterr().out
