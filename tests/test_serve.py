"""`explainer serve` (mkdocs serve --dirty) shows, after any sequence of edits, exactly the site a
clean build of the same files gives: every page, data file and search/search_index.json.

The served side runs MkDocs' own serve loop without the HTTP server (serve.py's builder: the
configuration loaded again for each rebuild, the plugins kept, `build(dirty=True)` into one
folder) in a process of its own; the reference is a clean `build` in a fresh process. Each
sequence applies its edits one by one and compares the two folders byte for byte after each.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import sitekit
from conftest import BASE

from generator.mkdocs_plugin import ExplainerPlugin
from generator.site.search import indexed_pages

SERVE_URL = "http://127.0.0.1:8000/"
DRIVER = r"""
import sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, BuildError, PluginError

config_file, site_dir, mode, serve_url = sys.argv[1:5]
def get_config():
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.site_url = serve_url
    return config
config = get_config()
if mode == "clean":
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    sys.exit(0)
config.plugins.on_startup(command="serve", dirty=True)
for line in sys.stdin:  # one rebuild per line, as the watcher triggers them
    try:
        config = config if config is not None else get_config()
        build(config, serve_url=serve_url, dirty=True)
        config.plugins["explainer"].wait_for_search()  # serving writes the search index in the background
        print("built", flush=True)
    except (Abort, BuildError, PluginError) as exc:
        print("failed", flush=True)
    config = None
"""


def _env(project: Path) -> dict[str, str]:
    return sitekit.env(
        EXPLAINER_CONTENT=str(project / "content"), EXPLAINER_HISTORY="false", SOURCE_DATE_EPOCH="1614729600"
    )


class Served:
    """A serving process over `project`, rebuilding into one folder on request."""

    def __init__(self, project: Path):
        self.site = project / "served"
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(project / "mkdocs.yml"), str(self.site), "serve", SERVE_URL],
            cwd=project,
            env=_env(project),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )

    def rebuild(self) -> str:
        self.proc.stdin.write("rebuild\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=60)


def _clean(project: Path, into: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project / "mkdocs.yml"), str(into), "clean", SERVE_URL],
        cwd=project,
        env=_env(project),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr


def _tree(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _folders(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


PMF = "content/actors/popular-mobilization-forces.yaml"
KH = "content/actors/kataib-hezbollah.yaml"


def rename_iran(p):  # one title that many pages show: several pages change in one rebuild
    _edit(p / "content/actors/iran.yaml", "name: Iran\n", "name: Islamic Republic of Iran\n")


def delete_a_claim(p):
    (p / "content/claims/kataib-hezbollah-has-motive-to-attack-us.yaml").unlink()


def delete_pmf_and_its_references(p):
    (p / PMF).unlink()
    text = (p / KH).read_text(encoding="utf-8")
    text = text.replace("the [[popular-mobilization-forces]]", "the Popular Mobilization Forces")
    start = text.index("affiliations:")
    end = text.find("\n", text.index("actor: popular-mobilization-forces"))
    rest = text[end + 1 :]
    while rest.startswith("    "):  # the rest of that affiliation item
        rest = rest.split("\n", 1)[1]
    text = text[:start] + (("affiliations:\n" + rest) if rest.startswith("  - ") else rest)
    (p / KH).write_text(text, encoding="utf-8")


def break_a_file(p):
    _edit(p / "content/actors/iran.yaml", "kind: state", "kind: sate")


def mend_the_file(p):
    _edit(p / "content/actors/iran.yaml", "kind: sate", "kind: state")


def edit_overrides(p):
    _edit(p / "overrides/main.html", "{% block extrahead %}", '{% block extrahead %}<meta name="x-edited" content="1">')


def add_an_actor(p):
    (p / "content/actors/a-new-actor.yaml").write_text(
        "id: a-new-actor\nname: A new actor\nkind: person\nsummary:\n  text: Someone new.\n  cite:\n"
        "    - amn-2021-03-04-iran-backed-militia-behind-attack\n",
        encoding="utf-8",
    )


def rename_a_file(p):
    old = p / "content/actors/a-new-actor.yaml"
    (p / "content/actors/a-renamed-actor.yaml").write_text(
        old.read_text().replace("id: a-new-actor", "id: a-renamed-actor")
    )
    old.unlink()


SEQUENCES = {
    "rename, delete, add, rename a file": [rename_iran, delete_a_claim, add_an_actor, rename_a_file],
    "a deletion while the content is broken": [break_a_file, delete_pmf_and_its_references, mend_the_file],
    "overrides edited, then a page deleted": [edit_overrides, delete_a_claim, rename_iran],
}


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_the_served_site_equals_a_clean_build_after_every_edit(name, tmp_path):
    project = sitekit.make_project(tmp_path / "p", BASE / "content")
    served = Served(project)
    try:
        assert served.rebuild() == "built"
        broken = False
        for n, edit in enumerate(SEQUENCES[name]):
            edit(project)
            broken = (broken or edit is break_a_file) and edit is not mend_the_file
            outcome = served.rebuild()
            if broken:
                assert outcome == "failed", edit.__name__
                continue
            assert outcome == "built", edit.__name__
            clean = tmp_path / f"clean-{n}"
            _clean(project, clean)
            expected, got = _tree(clean), _tree(served.site)
            assert sorted(got.keys() - expected.keys()) == [], edit.__name__  # nothing stale is served
            assert sorted(expected.keys() - got.keys()) == [], edit.__name__
            assert [k for k in expected if expected[k] != got[k]] == [], edit.__name__
            assert _folders(served.site) == _folders(clean)
    finally:
        served.close()


def test_the_search_index_lists_each_page_once_with_its_current_title(tmp_path):
    project = sitekit.make_project(tmp_path / "p", BASE / "content")
    served = Served(project)
    try:
        assert served.rebuild() == "built"
        rename_iran(project)
        _edit(project / KH, "name: Kataib Hezbollah", "name: Kata'ib Hezbollah Brigades")
        assert served.rebuild() == "built"
        delete_a_claim(project)
        assert served.rebuild() == "built"
        pages = indexed_pages(served.site)  # Pagefind's index: one fragment per page, with its title
    finally:
        served.close()
    urls = list(pages)
    assert len(urls) == len(set(urls)) and urls
    assert pages["/actors/iran/"]["title"] == "Islamic Republic of Iran"
    assert pages["/actors/kataib-hezbollah/"]["title"] == "Kata'ib Hezbollah Brigades"
    assert not [u for u in urls if u.startswith("/claims/kataib-hezbollah-has-motive-to-attack-us/")]
    assert not [u for u, meta in pages.items() if meta.get("title") in ("Iran", "Kataib Hezbollah")]


class _Watcher:
    def __init__(self):
        self.watched = []

    def watch(self, path):
        self.watched.append(Path(path))


def test_serve_watches_content_templates_and_overrides(tmp_path, monkeypatch):
    from mkdocs.config import load_config

    project = sitekit.make_project(tmp_path / "p", BASE / "content")
    monkeypatch.setenv("EXPLAINER_CONTENT", str(project / "content"))
    config = load_config(str(project / "mkdocs.yml"))
    plugin = ExplainerPlugin()
    plugin.load_config({})
    server = _Watcher()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [project / "content", sitekit.ROOT / "templates", project / "overrides"]
