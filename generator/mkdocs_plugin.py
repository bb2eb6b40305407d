"""A thin MkDocs adapter: run the pipeline, hand MkDocs the generated pages, watch the inputs.

All logic lives in the plain library (pipeline.py); this file only translates between it
and MkDocs' plugin events, so another engine can call the same library.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .diagnostics import ERROR, Report
from .pipeline import Settings, load_model, render_assets, render_pages
from .render import TEMPLATES
from .urls import FRONT, page_path
from .validate import SITE_FILE, display_path

log = logging.getLogger("mkdocs.plugins.explainer")


class ExplainerConfig(Config):
    content = c.Dir(exists=True, default="content")
    templates = c.Optional(c.Dir(exists=True))
    # Folder of archived source texts for quote verification; $EXPLAINER_ARCHIVE overrides it.
    archive = c.Optional(c.Type(str))


class ExplainerPlugin(BasePlugin[ExplainerConfig]):
    def on_config(self, config):
        if not config.repo_url:  # no repository known (a local preview): no edit links rather than broken ones
            config.edit_uri = config.edit_uri_template = None
        return config

    def _settings(self, config) -> Settings:
        base = Path(config.config_file_path).parent if config.config_file_path else Path.cwd()
        archive = os.environ.get("EXPLAINER_ARCHIVE") or self.config.archive
        return Settings(
            content=Path(self.config.content),
            templates=Path(self.config.templates) if self.config.templates else TEMPLATES,
            archive=(base / archive) if archive else None,
            base=base,
            directory_urls=config.use_directory_urls,
        )

    def on_files(self, files: Files, *, config) -> Files:
        settings = self._settings(config)
        report = Report()
        model = load_model(settings, report)
        for d in report.sorted():
            (log.error if d.severity == ERROR else log.info)(d.text())
        if model is None:
            n = len(report.errors)
            raise PluginError(f"explainer: the content has {n} error{'s' * (n != 1)}; run `explainer check` for the list")
        edit = {page_path(e): e.file for e in model.all()}
        edit[FRONT] = display_path(settings.content / SITE_FILE, settings.base)
        outputs = {**render_pages(model, settings), **render_assets(model, settings)}
        for path, text in outputs.items():
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            generated = File.generated(config, path, content=text)
            if path in edit:
                generated.edit_uri = edit[path]  # "edit this page" opens the YAML, not generated Markdown
            files.append(generated)
        return files

    def on_serve(self, server, *, config, builder):
        settings = self._settings(config)
        server.watch(str(settings.content))
        server.watch(str(settings.templates))
        return server
