"""Zensical as a second engine: the same pages as the MkDocs build, from the same rendered Markdown.

Zensical (the successor to Material for MkDocs) reads mkdocs.yml but runs no MkDocs plugin, so
on our mkdocs.yml it would skip the explainer plugin (generator/engine_guard.py stops that build).
This edge does the plugin's part itself: it renders the pages with pipeline.py, exactly as the
plugin does (same settings, same Updates from git), lays out a throwaway project that Zensical
builds by itself, and runs `zensical build --strict` on it:

    docs/        the rendered pages and files (open data, diagram), the package's stylesheet and
                 scripts, then the docs folder's own files (not its Markdown, such as the
                 placeholder docs/index.md, and nothing from the content folder)
    overrides/   the project's custom_dir (else the package's overrides) without the Material-only
                 partials: the header (a copy of Material 9's with Pagefind's search button) and
                 the search dialog; Zensical's header and search are its own
    mkdocs.yml   the settings of ours that Zensical understands (ZENSICAL_KEYS), completed with
                 what every explainer needs as the MkDocs plugin completes them (site/resources.py),
                 plugins replaced by Zensical's own search, without the guard and the edit action

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
from .model.urls import ABOUT, FRONT, page_path
from .pipeline import Settings, read_content_history, render_assets, render_pages
from .site import resources
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
    _add_what_every_explainer_needs(config)
    config["markdown_extensions"] = [e for e in config["markdown_extensions"] if _extension_name(e) != GUARD]
    theme = mkdocs_config.get("theme") or {}
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme}
    features = theme.get("features") or resources.THEME_FEATURES
    theme["features"] = [f for f in features if f not in DROPPED_FEATURES]
    theme["font"] = False  # as the plugin has it: nothing from another host
    theme.setdefault("variant", "classic")  # Material's look, which explainer.css was written for
    theme["custom_dir"] = "overrides"  # the project's own or the package's (lay_out)
    config.update(theme=theme, docs_dir="docs", site_dir="site", plugins=["search"])
    return config


def _add_what_every_explainer_needs(config: dict) -> None:
    """What the MkDocs plugin adds to a short mkdocs.yml, added to Zensical's configuration."""
    css, scripts = config.get("extra_css") or [], config.get("extra_javascript") or []
    shown = {s if isinstance(s, str) else s.get("path") for s in scripts}
    config["extra_css"] = [p for p in resources.EXTRA_CSS if p not in css] + list(css)
    config["extra_javascript"] = [p for p in resources.EXTRA_JAVASCRIPT if p not in shown] + list(scripts)
    extensions = list(config.get("markdown_extensions") or [])
    names = {_extension_name(e) for e in extensions}
    config["markdown_extensions"] = extensions + [
        e for e in resources.MARKDOWN_EXTENSIONS if _extension_name(e) not in names
    ]
    config.setdefault("nav", [dict(item) for item in resources.NAV])


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
    pages = searchable_only(render_pages(model, settings, history), model)
    files = {**pages, **render_assets(model, settings)}
    with tempfile.TemporaryDirectory(prefix="explainer-zensical.") as tmp:
        project = Path(tmp)
        lay_out(project, config_file.parent, mkdocs_config, files, settings.content)
        cmd = [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(project / "mkdocs.yml")]
        result = subprocess.run(cmd, cwd=project, capture_output=quiet, text=True)
        if result.returncode:
            if quiet:
                sys.stderr.write(result.stdout + result.stderr)
            return False
        shutil.copytree(project / "site", out, dirs_exist_ok=True)
    return True


# Zensical's own search indexes each section of a page as one item and stops the build when an
# item holds more than 16,384 words (a section index part or a timeline year of a tracker does).
# Like the Pagefind index of the MkDocs build, which leaves lists' link texts out, it indexes
# the pages that say something of their own: each entity's page, the front page and the about
# page. The overview and list pages stay one click from every result.
SEARCH_EXCLUDED = "search:\n  exclude: true\n"


def searchable_only(pages: dict[str, str], model: Model) -> dict[str, str]:
    """`pages` with Zensical's search told to pass over every page that mostly lists others."""
    keep = {FRONT, ABOUT} | {page_path(e) for e in (*model.actors, *model.events, *model.claims, *model.sources)}
    return {path: text if path in keep else _excluded(text) for path, text in pages.items()}


def _excluded(text: str) -> str:
    """A page's Markdown with `search: exclude` added to its front matter (render.front_matter's block)."""
    if text.startswith("---\n"):
        return "---\n" + SEARCH_EXCLUDED + text[4:]
    return "---\n" + SEARCH_EXCLUDED + "---\n\n" + text


def lay_out(project: Path, root: Path, mkdocs_config: dict, files: dict[str, str], content: Path) -> None:
    """Write the project Zensical builds into the empty folder `project` (see the module docstring).
    `root` is the folder of mkdocs.yml, which its docs_dir and custom_dir are relative to."""
    docs = project / "docs"
    write_pages(files, docs, within=project)
    (docs / MARKER).unlink()  # write_pages' mark of its folder, not a file of the site
    for path in (*resources.EXTRA_CSS, *resources.EXTRA_JAVASCRIPT):
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(resources.ASSETS / path, docs / path)
    content = content.resolve()
    shutil.copytree(
        root / mkdocs_config.get("docs_dir", "docs"),
        docs,
        dirs_exist_ok=True,
        ignore=lambda folder, names: [
            n for n in names if n.endswith(".md") or (Path(folder) / n).resolve().is_relative_to(content)
        ],
    )
    theme = mkdocs_config.get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    shutil.copytree(root / custom if custom else resources.OVERRIDES, project / "overrides")
    for name in MATERIAL_ONLY_OVERRIDES:
        (project / "overrides" / name).unlink(missing_ok=True)
    text = yaml.safe_dump(zensical_config(mkdocs_config), sort_keys=False, allow_unicode=True)
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")
