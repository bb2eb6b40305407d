"""The MkDocs plugin stays a thin adapter: it hands over generated pages and watches the inputs."""

from __future__ import annotations

from pathlib import Path

from conftest import BASE, ROOT
from mkdocs.config import load_config
from mkdocs.structure.files import Files


class FakeServer:
    def __init__(self):
        self.watched = []

    def watch(self, path):
        self.watched.append(Path(path))


def plugin_and_config(monkeypatch):
    monkeypatch.setenv("EXPLAINER_CONTENT", str(BASE / "content"))
    monkeypatch.delenv("EXPLAINER_ARCHIVE", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins["explainer"], config


def test_serve_watches_content_and_templates(monkeypatch):
    plugin, config = plugin_and_config(monkeypatch)
    server = FakeServer()
    plugin.on_serve(server, config=config, builder=None)
    assert server.watched == [BASE / "content", ROOT / "templates", ROOT / "overrides"]


def test_files_are_generated_with_edit_links_to_the_yaml(monkeypatch):
    plugin, config = plugin_and_config(monkeypatch)
    files = config.plugins.on_files(Files([]), config=config)
    paths = sorted(f.src_uri for f in files)
    assert "claims/kataib-hezbollah-behind-al-asad-attack.md" in paths
    assert "index.md" in paths
    kirby = files.get_file_from_path("actors/john-kirby.md")
    assert kirby.edit_uri == "tests/fixtures/base/content/actors/john-kirby.yaml"
