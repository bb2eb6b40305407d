"""A thin MkDocs adapter: run the pipeline, hand MkDocs the generated pages, watch the inputs.

All logic lives in the plain library (pipeline.py); this file only translates between it
and MkDocs' plugin events, so another engine can call the same library.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files

from .content.diagnostics import ERROR, Report
from .content.validate import SITE_FILE, display_path
from .mkdocs_support import (
    THEME_BYTECODE,
    GeneratedPage,
    add_what_every_explainer_needs,
    drop_material_search,
    native_watcher,
    publish_package_assets,
    quiet_dirty_notice,
    theme_stamp,
    yield_the_processor,
)
from .model.urls import FRONT, page_path
from .pipeline import Settings, load_model, read_content_history, render_assets, render_pages
from .site.history import head
from .site.incremental import RenderCache
from .site.render import TEMPLATES
from .site.search import SearchIndexError, index_site
from .site.write import write_file

log = logging.getLogger("mkdocs.plugins.explainer")
NO_SITE_URL = (
    "no site_url (set $EXPLAINER_SITE_URL, or site_url in mkdocs.yml): sitemap.xml lists no pages, "
    "and pages name no address of their own in their JSON-LD"
)


class ExplainerConfig(Config):
    content = c.Dir(exists=True, default="content")
    templates = c.Optional(c.Dir(exists=True))
    # Folder of archived source texts for quote verification; $EXPLAINER_ARCHIVE overrides it.
    archive = c.Optional(c.Type(str))
    # Updates from the content's git history (generator/site/history.py); false builds without them.
    history = c.Type(bool, default=True)


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def on_config(self, config):
        if not config.repo_url:  # no repository known (a local preview): no edit links rather than broken ones
            config.edit_uri = config.edit_uri_template = None
        if not config.site_url and not self._serving:  # info, not a warning: strict builds stop at warnings
            log.info(f"explainer: {NO_SITE_URL}")
        add_what_every_explainer_needs(config)
        if self._serving and config.validation.nav.omitted_files < logging.WARNING:
            # Entity pages are left out of the navigation by design: serving, MkDocs' list of
            # them (a line a page) would fill the terminal at every save.
            config.validation.nav.omitted_files = logging.DEBUG
        return config

    def _settings(self, config) -> Settings:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        archive = os.environ.get("EXPLAINER_ARCHIVE") or self.config.archive
        # $EXPLAINER_CONTENT builds this very configuration over another content folder
        # (the benchmark's corpus, a branch's content) without editing mkdocs.yml.
        content = os.environ.get("EXPLAINER_CONTENT") or self.config.content
        # $EXPLAINER_TEMPLATES: `explainer build --templates DIR` (absolute).
        templates = os.environ.get("EXPLAINER_TEMPLATES") or self.config.templates
        return Settings(
            content=base / content,
            templates=(base / templates) if templates else TEMPLATES,
            archive=(base / archive) if archive else None,
            base=base,
            directory_urls=config.use_directory_urls,
            repo_url=config.repo_url or None,
            site_url=config.site_url or None,
        )

    def __init__(self):
        super().__init__()
        self._serving = False
        self._dirty = False
        self._built: dict[str, str] = {}  # page -> Markdown as of the last completed build
        self._built_stamp: tuple = ()
        self._pending: tuple[dict[str, str], tuple] = ({}, ())
        self._checked: dict = {}  # checked fields of unchanged files, reused between rebuilds
        self._history: tuple = (None, None)  # (commit, History) while serving: read again when HEAD moves
        # While serving, the site folder outlives each build; what it must equal is a clean build:
        self._served: set[str] = set()  # every generated file in it, kept across failed builds
        # While serving, what is written after the page has reloaded: the open data and the
        # diagram, then the search index (run again while rebuilds keep asking for it).
        self._writer: threading.Thread | None = None
        self._indexer: threading.Thread | None = None
        self._index_lock = threading.Lock()
        self._index_wanted: Path | None = None
        self._render_cache = RenderCache()  # while serving: each part of the last render and what it read
        self._assets: dict[str, str] = {}  # while serving: the open data and the diagram as last written
        self._later: tuple = ()  # while serving: (model, settings) whose open data and diagram are still to write

    def on_startup(self, *, command, dirty) -> None:
        # Defining on_startup makes MkDocs keep this instance across the rebuilds of
        # `mkdocs serve`, so it can tell which pages an edit changed.
        self._serving = command == "serve"
        self._dirty = dirty
        if dirty:
            quiet_dirty_notice()

    def on_pre_build(self, *, config) -> None:
        if self._serving and not self._dirty:
            # `mkdocs serve` without --dirty empties the site folder next: nothing may be writing into it.
            self.wait_for_search()

    def on_files(self, files: Files, *, config) -> Files:
        self._wait_for_assets()  # the last rebuild's open data and diagram are written before this one starts
        settings = self._settings(config)
        report = Report()
        model = load_model(settings, report, self._checked if self._serving else None)
        for d in report.sorted():
            (log.error if d.severity == ERROR else log.info)(d.text())
        if model is None:
            n = len(report.errors)
            raise PluginError(
                f"explainer: the content has {n} error{'s' * (n != 1)}; run `explainer check` for the list"
            )
        edit = {page_path(e): e.file for e in model.all()}
        edit[FRONT] = display_path(settings.content / SITE_FILE, settings.base)
        history = self._read_history(settings) if self.config.history else None
        pages = render_pages(model, settings, history, self._render_cache if self._serving else None)
        pages.update(self._assets_now(model, settings))
        stamp = theme_stamp(config)
        built = self._built if stamp == self._built_stamp else {}
        changed = 0
        for path, text in pages.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            generated = GeneratedPage.generated(config, path, content=text)
            assert isinstance(generated, GeneratedPage)  # File.generated makes an instance of the class it is called on
            generated.unchanged = built.get(path) == text
            changed += path.endswith(".md") and not generated.unchanged  # pages, not data files
            if path in edit:
                generated.edit_uri = edit[path]  # "edit this page" opens the YAML, not generated Markdown
            files.append(generated)
        publish_package_assets(files, config, settings.content)
        drop_material_search(files, config)
        if self._serving:
            self._pending = (pages, stamp)
            if built:
                n_pages = sum(p.endswith(".md") for p in pages)
                cache = self._render_cache
                log.info(
                    f"explainer: {changed} of {n_pages} pages changed"
                    f" ({len(cache.rendered)} of {len(cache.units)} parts rendered again)"
                )
        return files

    def _assets_now(self, model, settings: Settings) -> dict[str, str]:
        """The open data and the diagram, made from the whole model. A rebuild while serving hands
        MkDocs the last ones (unchanged, so not written again) and writes this model's after the
        page has reloaded (_write_assets), as the search index catches up; a build makes them here."""
        if not (self._serving and self._assets):
            assets = render_assets(model, settings)
            if self._serving:
                self._assets = assets
            return assets
        self._later = (model, settings)
        return dict(self._assets)

    def _write_assets(self, config) -> None:
        """Serving: write the open data and the diagram of the model the last rebuild rendered
        where they differ, so that the site folder equals a clean build's once this returns."""
        if not self._later:
            return
        model, settings = self._later
        self._later = ()
        assets = render_assets(model, settings)
        site = Path(config.site_dir)
        for path, text in assets.items():
            if self._assets.get(path) != text:
                dest = Path(GeneratedPage.generated(config, path, content="").abs_dest_path)
                dest.parent.mkdir(parents=True, exist_ok=True)
                write_file(dest, text.encode("utf-8"), site)
        gone = self._assets.keys() - assets.keys()
        self._delete(config, gone)
        self._built = {p: t for p, t in self._built.items() if p not in gone} | assets
        self._served = (self._served - gone) | assets.keys()
        self._assets = assets

    def _read_history(self, settings: Settings):
        commit = head(settings.content) if self._serving else None
        if commit is not None and self._history[0] == commit:
            return self._history[1]
        history, problem = read_content_history(settings)
        if problem:
            log.info(f"explainer: {problem}")
        if commit is not None:
            self._history = (commit, history)
        return history

    @event_priority(-100)  # last: the search index reads the HTML every other plugin has written
    def on_post_build(self, *, config) -> None:
        if self._serving:  # the page reloads now; its open data, diagram and search catch up a moment later
            pages, stamp = self._pending
            self._remove_gone(config, pages)
            self._built, self._built_stamp = pages, stamp
            self._pending = ({}, ())
            self._index_in_background(config)
            return
        try:
            index_site(Path(config.site_dir))  # Pagefind reads the HTML MkDocs has just written
        except SearchIndexError as exc:
            raise PluginError(f"explainer: {exc}") from exc

    def _remove_gone(self, config, pages: dict[str, str]) -> None:
        """Delete what earlier builds generated and this one does not (an entity removed or
        renamed while serving), also when failed builds came in between."""
        self._delete(config, self._served - pages.keys())
        self._served = set(pages)

    @staticmethod
    def _delete(config, paths) -> None:
        site = os.path.abspath(config.site_dir)
        for gone in sorted(paths):
            dest = Path(GeneratedPage.generated(config, gone, content="").abs_dest_path)
            if dest.is_file() and not dest.is_symlink():
                dest.unlink()
            for folder in dest.parents:  # the page's folder, as a clean build would not have it
                if not str(folder).startswith(site + os.sep) or any(folder.iterdir()):
                    break
                folder.rmdir()

    def _index_in_background(self, config) -> None:
        """Serving, after the page has reloaded: the open data and the diagram (on_files waits
        for them), then the search index, which a rebuild does not wait for: one Pagefind run at
        a time, and one more after it when rebuilds came in between."""
        self._writer = threading.Thread(
            target=self._write_assets_or_warn, args=(config,), name="explainer-data", daemon=True
        )
        self._writer.start()
        with self._index_lock:
            self._index_wanted = Path(config.site_dir)
            if self._indexer is None:
                self._indexer = threading.Thread(
                    target=self._index_while_wanted, name="explainer-search-index", daemon=True
                )
                self._indexer.start()

    def _write_assets_or_warn(self, config) -> None:
        try:
            self._write_assets(config)
        except (RuntimeError, OSError) as exc:  # no Graphviz, a folder that cannot be written
            log.warning(f"explainer: {exc}")

    def _index_while_wanted(self) -> None:
        yield_the_processor()  # Pagefind (run from this thread) takes seconds; the next rebuild comes first
        while True:
            with self._index_lock:
                site_dir, self._index_wanted = self._index_wanted, None
                if site_dir is None:
                    self._indexer = None
                    return
            if self._writer is not None:
                self._writer.join()  # one thing at a time on a small machine
            try:
                index_site(site_dir)
            except SearchIndexError as exc:
                log.warning(f"explainer: {exc}")

    def _wait_for_assets(self) -> None:
        if self._writer is not None:
            self._writer.join()

    def wait_for_search(self) -> None:
        """Until the open data, diagram and search index of the last rebuild are written
        (serving writes them in the background)."""
        self._wait_for_assets()
        while True:
            with self._index_lock:
                indexer = self._indexer
            if indexer is None:
                return
            indexer.join()

    def on_shutdown(self) -> None:
        self.wait_for_search()  # leave no Pagefind writing into a folder about to go

    def on_env(self, env, *, config, files):
        if self._serving:
            # MkDocs makes a new theme environment for every rebuild, which compiles
            # Material's templates again; a bytecode cache keyed by their source skips that.
            env.bytecode_cache = THEME_BYTECODE
        return env

    def on_build_error(self, *, error) -> None:
        self._built = {}  # the site folder may be half written: rebuild every page next time

    def on_serve(self, server, *, config, builder):
        native_watcher(server)
        settings = self._settings(config)
        server.watch(str(settings.content))
        server.watch(str(settings.templates))
        custom = config.theme.custom_dir  # overrides/: MkDocs watches theme folders only with --watch-theme
        if custom and os.path.isdir(custom):
            server.watch(str(custom))
        return server
