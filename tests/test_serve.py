"""`explainer serve` (mkdocs serve --dirty) shows, after any sequence of edits, exactly the site a
clean build of the same files gives: every page, data file and search/search_index.json.

The served side runs MkDocs' own serve loop without the HTTP server (serve.py's builder: the
configuration loaded again for each rebuild, the plugins kept, `build(dirty=True)` into one
folder) in a process of its own; the reference is a clean `build` in a fresh process. Each
sequence applies its edits one by one and compares the two folders byte for byte after each.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import sitekit
from conftest import BASE

from generator.content.diagnostics import Report
from generator.mkdocs_plugin import ExplainerPlugin
from generator.pipeline import Settings, load_model, render_pages
from generator.site.incremental import RenderCache
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


def _clean(project: Path, into: Path, serve_url: str = SERVE_URL) -> None:
    r = subprocess.run(
        [sys.executable, "-c", DRIVER, str(project / "mkdocs.yml"), str(into), "clean", serve_url],
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


# --- `explainer serve` itself, over HTTP ---------------------------------------------------

_LIVERELOAD = re.compile(rb"<script>\s*var livereload = .*?</script>", re.S)  # MkDocs adds it to every page it serves


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str) -> bytes | None:
    """The file as a browser gets it (without the live-reload script), or None when there is none."""
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return _LIVERELOAD.sub(b"", r.read())
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def _served_differences(base: str, expected: dict[str, bytes], gone: set[str]) -> list[str]:
    """Each file of a clean build the server serves otherwise, and each page of an earlier
    state it still serves."""
    wrong = [path for path, data in expected.items() if _fetch(base + path) != data]
    return wrong + sorted(path for path in gone if _fetch(base + path) is not None)


class Server:
    """`explainer serve` over a project, on a free port of 127.0.0.1."""

    def __init__(self, project: Path):
        self.project, self.port = project, _free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = project / "serve.log"
        with open(self.log, "w", encoding="utf-8") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "-f", str(project / "mkdocs.yml")]
                + ["--dev-addr", f"127.0.0.1:{self.port}"],
                cwd=project,
                env=_env(project),
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped with mkdocs, its child
            )

    def logged(self) -> str:
        return self.log.read_text(encoding="utf-8")

    def wait_until(self, done, what: str, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            assert self.proc.poll() is None, f"explainer serve exited:\n{self.logged()[-3000:]}"
            assert time.monotonic() < deadline, f"not within {timeout:.0f} s: {what}\n{self.logged()[-3000:]}"
            time.sleep(0.3)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site folder
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def _wait_until_served(server: Server, expected: dict[str, bytes], gone: set[str], after: str) -> None:
    deadline = time.monotonic() + 120
    while wrong := _served_differences(server.base, expected, gone):
        assert server.proc.poll() is None, f"explainer serve exited:\n{server.logged()[-3000:]}"
        assert time.monotonic() < deadline, f"after {after}, served otherwise than a clean build: {wrong[:10]}"
        time.sleep(0.3)


def test_explainer_serve_serves_what_a_clean_build_makes_after_each_edit(tmp_path):
    """Through `explainer serve` and HTTP, as an editor's browser sees it: after a field is
    changed, an entity added, renamed and deleted, and a file broken and mended, every file of
    a clean build of the same content is served with the same bytes, and no page of an earlier
    state is served any more. (Serving writes the open data, the diagram and the search index
    just after the page reloads, so the comparison is repeated until they have caught up.)"""
    project = sitekit.make_project(tmp_path / "p", BASE / "content")
    server = Server(project)
    try:
        server.wait_until(lambda: "Serving on" in server.logged(), "the first build")
        served: set[str] = set()  # every file a clean build of some earlier state had
        steps = [rename_iran, add_an_actor, rename_a_file, delete_a_claim, break_a_file, mend_the_file]
        for n, edit in enumerate(steps):
            errors_before = server.logged().count("An error happened during the rebuild")
            edit(project)
            if edit is break_a_file:  # the rebuild fails; the site stays as it was until the file is mended
                server.wait_until(
                    lambda before=errors_before: server.logged().count("An error happened during the rebuild") > before,
                    "the failed rebuild",
                )
                continue
            clean = tmp_path / f"clean-{n}"
            _clean(project, clean, server.base)
            expected = {k: _LIVERELOAD.sub(b"", v) for k, v in _tree(clean).items()}
            gone = served - expected.keys()
            served |= expected.keys()
            _wait_until_served(server, expected, gone, edit.__name__)
        assert "actors/a-new-actor/index.html" in served and "actors/a-renamed-actor/index.html" in served
        assert "claims/kataib-hezbollah-has-motive-to-attack-us/index.html" in served
    finally:
        server.stop()
    assert server.proc.returncode is not None


# --- the render itself: again only what an edit changed, the same pages as a full render ----


def _render_both(project: Path, checked: dict, cache: RenderCache) -> tuple[dict[str, str], dict[str, str]]:
    settings = Settings(content=project / "content", base=project)
    model = load_model(settings, Report(), checked)
    assert model is not None
    again = render_pages(model, settings, None, cache)
    fresh = load_model(settings, Report())  # a model of its own: nothing shared with the cached render
    assert fresh is not None
    return again, render_pages(fresh, settings)


@pytest.mark.parametrize("name", sorted(SEQUENCES))
def test_rendering_again_gives_the_pages_a_full_render_gives(name, tmp_path):
    project = sitekit.make_project(tmp_path / "p", BASE / "content")
    checked: dict = {}
    cache = RenderCache()
    _render_both(project, checked, cache)
    broken = False
    for edit in SEQUENCES[name]:
        edit(project)
        broken = (broken or edit is break_a_file) and edit is not mend_the_file
        if broken:
            assert load_model(Settings(content=project / "content", base=project), Report(), checked) is None
            continue
        again, full = _render_both(project, checked, cache)
        assert sorted(again) == sorted(full), edit.__name__
        assert [p for p in full if again[p] != full[p]] == [], edit.__name__


def test_an_edit_renders_again_only_the_units_that_read_what_it_changed(tmp_path):
    project = sitekit.make_project(tmp_path / "p", BASE / "content")
    checked: dict = {}
    cache = RenderCache()
    _render_both(project, checked, cache)
    units = len(cache.units)
    assert len(cache.rendered) == units  # the first render renders everything
    _render_both(project, checked, cache)
    assert cache.rendered == []  # nothing changed, nothing rendered
    # A summary shows on its own page only, but a unit depends on a whole entity: what renders
    # again is every unit that read anything of the actor (pages that name it, lists of all actors).
    _edit(project / "content/actors/dave-decamp.yaml", "News editor of Antiwar.com.", "The news editor of Antiwar.com.")
    again, full = _render_both(project, checked, cache)
    assert again == full
    assert "The news editor of Antiwar&#46;com&#46;" in again["actors/dave-decamp.md"]
    assert ("page", "actors/dave-decamp.md") in cache.rendered and ("page", "actors/index.md") in cache.rendered
    assert ("page", "actors/iran.md") not in cache.rendered and ("page", "timeline/index.md") not in cache.rendered
    assert len(cache.rendered) < units / 2, (cache.rendered, units)
