"""The pipeline as plain functions: load -> validate -> link -> (verify quotes) -> render.

Both edges (the CLI and the MkDocs plugin) call these; neither holds logic of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .data import data_files
from .diagnostics import Report
from .graph import render_svg
from .link import link
from .model import Model
from .render import TEMPLATES, make_env, render_site
from .urls import GRAPH_SVG, page_path, page_url
from .validate import check_content, display_path
from .write import check_page_path


@dataclass
class Settings:
    content: Path = Path("content")
    templates: Path = TEMPLATES
    archive: Path | None = None  # folder of archived source texts, for quote verification
    base: Path = field(default_factory=Path.cwd)  # file names in messages are relative to this
    directory_urls: bool = True  # pages served at actors/x/ (else actors/x.html): links inside data and SVG files


def load_model(settings: Settings, report: Report) -> Model | None:
    """Check and link the content; None when there are errors (they are in `report`)."""
    checked = check_content(settings.content, report, settings.base)
    model = link(checked, report)
    if model is not None and settings.archive is not None:
        from .quotes import verify_quotes

        verify_quotes(model, settings.archive, report, display_path(settings.archive, settings.base))
    if report.errors:
        return None
    return model


def render_pages(model: Model, settings: Settings) -> dict[str, str]:
    pages = render_site(model, make_env(settings.templates), settings.directory_urls)
    for path in pages:
        check_page_path(path)  # whichever engine writes them, no page lands outside its folder
    return pages


def render_assets(model: Model, settings: Settings) -> dict[str, str]:
    """The files beside the pages: the open data (data/) and the relationship diagram (SVG)."""
    def from_svg(entity) -> str:
        return "../" + page_url(page_path(entity), settings.directory_urls)

    files = data_files(model, lambda e: page_url(page_path(e), settings.directory_urls))
    files[GRAPH_SVG] = render_svg(model, from_svg)
    for path in files:
        check_page_path(path)
    return dict(sorted(files.items()))
