"""Zensical as a second engine: the same pages as the MkDocs build, from the same rendered Markdown.

Zensical (the successor to Material for MkDocs) reads mkdocs.yml but runs no MkDocs plugin, so
on our mkdocs.yml it would skip the explainer plugin (generator/engine_guard.py stops that build).
This edge does the plugin's part itself: it renders the pages with pipeline.py, exactly as the
plugin does (same settings, same Updates from git), lays out a throwaway project that Zensical
builds by itself, and runs `zensical build --strict` on it:

    docs/        the rendered pages and files (open data, diagram), then docs/'s own assets
                 (stylesheets/, javascripts/; not the placeholder docs/index.md)
    overrides/   the project's overrides/ without the Material-only partials: the header (a copy
                 of Material 9's with Pagefind's search button) and the search dialog; Zensical's
                 header and search are its own
    mkdocs.yml   the settings of ours that Zensical understands (ZENSICAL_KEYS), plugins
                 replaced by Zensical's own search, without the guard and the edit action

What differs from the MkDocs build is in the README ("Engines").
"""

from __future__ import annotations

import dataclasses
import importlib.util
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from .engine_guard import EXTENSION as GUARD
from .model.entities import Model
from .pipeline import Settings, read_content_history, render_assets, render_pages
from .site.write import MARKER, write_pages

# Top-level settings of mkdocs.yml that mean the same to Zensical; the rest is MkDocs' own
# (plugins, validation, strict, edit_uri) or set here (docs_dir, site_dir).
ZENSICAL_KEYS = (
    "site_name",
    "site_description",
    "site_url",
    "site_author",
    "copyright",
    "use_directory_urls",
    "repo_url",
    "repo_name",
    "extra",
    "extra_css",
    "extra_javascript",
    "nav",
    "markdown_extensions",
)
# Zensical 0.0.73 makes "Edit this page" point at the generated Markdown (it ignores a page's
# own edit link), a page that is in no repository: no edit links rather than broken ones.
DROPPED_FEATURES = ("content.action.edit",)
# Theme overrides that are copies of Material 9's partials and break Zensical's layout.
MATERIAL_ONLY_OVERRIDES = ("partials/header.html", "partials/explainer-search.html")


class ZensicalMissing(RuntimeError):
    """Zensical is not installed in this Python environment."""


def read_mkdocs_config(config_file: Path) -> dict:
    """mkdocs.yml as MkDocs reads it (!ENV resolved), without MkDocs' validation or plugins."""
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8") as f:
        return yaml_load(f) or {}


def plugin_options(mkdocs_config: dict, name: str = "explainer") -> dict:
    """The options mkdocs.yml gives the named plugin ({} when it has none or is absent)."""
    plugins = mkdocs_config.get("plugins") or []
    items = (
        plugins.items()
        if isinstance(plugins, dict)
        else (next(iter(p.items())) if isinstance(p, dict) else (p, {}) for p in plugins)
    )
    return next((dict(options or {}) for key, options in items if key == name), {})


def zensical_config(mkdocs_config: dict) -> dict:
    """The configuration Zensical builds the laid-out project with (see the module docstring)."""
    config = {key: mkdocs_config[key] for key in ZENSICAL_KEYS if mkdocs_config.get(key) is not None}
    config["markdown_extensions"] = [e for e in config.get("markdown_extensions", []) if _extension_name(e) != GUARD]
    theme = dict(mkdocs_config.get("theme") or {})
    theme["features"] = [f for f in theme.get("features", []) if f not in DROPPED_FEATURES]
    theme.setdefault("variant", "classic")  # Material's look, which explainer.css was written for
    if theme.get("custom_dir"):
        theme["custom_dir"] = "overrides"
    config.update(theme=theme, docs_dir="docs", site_dir="site", plugins=["search"])
    return config


def _extension_name(entry) -> str:
    return next(iter(entry)) if isinstance(entry, dict) else entry


def build_site(model: Model, settings: Settings, config_file: Path, out: Path, quiet: bool = True) -> bool:
    """Build the site for `model` with Zensical into the existing, empty folder `out`.

    The pages are the MkDocs plugin's: links in the data files and diagram follow mkdocs.yml's
    use_directory_urls, the about page's corrections go to its repo_url, and Updates come from
    git unless the plugin's `history` option is off. False when Zensical fails (its reason is
    on stderr); ZensicalMissing when it is not installed."""
    if importlib.util.find_spec("zensical") is None:  # it runs in its own process; only whether it is there
        raise ZensicalMissing("Zensical is not installed: `pip install zensical` (requirements-dev.lock pins it)")
    config_file = Path(config_file).resolve()
    mkdocs_config = read_mkdocs_config(config_file)
    settings = dataclasses.replace(
        settings,
        base=config_file.parent,
        directory_urls=mkdocs_config.get("use_directory_urls", True),
        repo_url=mkdocs_config.get("repo_url") or None,
    )
    history = None
    if plugin_options(mkdocs_config).get("history", True):
        history, problem = read_content_history(settings)
        if problem and not quiet:
            print(f"explainer: {problem}", file=sys.stderr)
    files = {**render_pages(model, settings, history), **render_assets(model, settings)}
    with tempfile.TemporaryDirectory(prefix="explainer-zensical.") as tmp:
        project = Path(tmp)
        lay_out(project, config_file.parent, mkdocs_config, files)
        cmd = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(project / "mkdocs.yml")]
        result = subprocess.run(cmd, cwd=project, capture_output=quiet, text=True)
        if result.returncode:
            if quiet:
                sys.stderr.write(result.stdout + result.stderr)
            return False
        shutil.copytree(project / "site", out, dirs_exist_ok=True)
    return True


def lay_out(project: Path, root: Path, mkdocs_config: dict, files: dict[str, str]) -> None:
    """Write the project Zensical builds into the empty folder `project` (see the module docstring).
    `root` is the folder of mkdocs.yml, which its docs_dir and custom_dir are relative to."""
    docs = project / "docs"
    write_pages(files, docs, within=project)
    (docs / MARKER).unlink()  # write_pages' mark of its folder, not a file of the site
    shutil.copytree(
        root / mkdocs_config.get("docs_dir", "docs"),
        docs,
        dirs_exist_ok=True,
        ignore=lambda folder, names: [n for n in names if n.endswith(".md")],
    )
    custom = (mkdocs_config.get("theme") or {}).get("custom_dir")
    if custom:
        shutil.copytree(root / custom, project / "overrides")
        for name in MATERIAL_ONLY_OVERRIDES:
            (project / "overrides" / name).unlink(missing_ok=True)
    text = yaml.safe_dump(zensical_config(mkdocs_config), sort_keys=False, allow_unicode=True)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
