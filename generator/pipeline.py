"""The pipeline as plain functions: load -> validate -> link -> (verify quotes) -> render.

Both edges (the CLI and the MkDocs plugin) call these; neither holds logic of its own.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .content.diagnostics import Report
from .content.sameness import check_sameness
from .content.validate import check_content, display_path
from .model.entities import Model
from .model.link import Linker
from .model.quotes import verify_quotes
from .model.urls import GRAPH_SVG, page_path, page_url
from .site.data import data_files
from .site.graph import render_svg
from .site.history import History, HistoryUnavailable, read_history
from .site.incremental import RenderCache
from .site.render import TEMPLATES, make_env, render_site
from .site.write import check_page_path


@dataclass
class Settings:
    content: Path = Path("content")
    templates: Path = TEMPLATES
    archive: Path | None = None  # folder of archived source texts, for quote verification
    base: Path = field(default_factory=Path.cwd)  # file names in messages are relative to this
    directory_urls: bool = True  # pages served at actors/x/ (else actors/x.html): links inside data and SVG files
    repo_url: str | None = None  # the repository corrections go to (the about page); checked before use
    site_url: str | None = None  # where the site is published: JSON-LD @id and url (None: left out)


@contextmanager
def _no_cyclic_gc():
    """Pause Python's cycle collector while a stage builds many long-lived objects.

    Checking 10,000 entities makes millions of small objects that all stay alive; the
    collector rescans them again and again as they pile up (a quarter of the check time)
    and finds nothing to free. On the way out, freeze-then-unfreeze files everything with
    the oldest generation: the model is meant to live, and otherwise the collector scans
    it twice more on its way there (about a second at 10,000 entities). Garbage cycles
    are still collected, by the next full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def load_model(settings: Settings, report: Report, cache: dict | None = None) -> Model | None:
    """Check and link the content; None when there are errors (they are in `report`).

    `cache`: see check_content; for a caller that checks the same content repeatedly."""
    with _no_cyclic_gc():
        checked = check_content(settings.content, report, settings.base, cache)
        check_sameness(checked, report)
        linker = Linker(checked, report)
        model = linker.link()
        # Every quote whose source and citation resolved, even when something else did not link.
        shown = display_path(settings.archive, settings.base) if settings.archive is not None else None
        report.quotes = verify_quotes(
            linker.quoted_sources(), settings.archive, report, shown, linker.unresolved_quotes
        )
    if report.errors:
        return None
    return model


def render_pages(
    model: Model, settings: Settings, history: History | None = None, cache: RenderCache | None = None
) -> dict[str, str]:
    """Every page's Markdown. `history` (read_content_history) adds the Updates and last-updated
    dates; without it the pages depend on the content alone, as golden and fixture tests need.
    `cache`, kept between renders of the same content (serving), renders again only what changed."""
    # No pause of the cycle collector here: rendering leaves cyclic garbage (Jinja
    # contexts) rather than live objects, and pausing gained no time for 24 MB more at 10,000.
    pages = render_site(
        model,
        _env(settings.templates),
        settings.directory_urls,
        history,
        settings.repo_url,
        settings.site_url,
        cache,
    )
    checked = cache.paths if cache is not None else set()  # serving: each path checked once
    for path in pages:
        if path not in checked:
            check_page_path(path)  # whichever engine writes them, no page lands outside its folder
    checked |= pages.keys()
    return pages


def read_content_history(settings: Settings) -> tuple[History | None, str]:
    """The content folder's git history, or None and the reason it is not available
    (no git, not a repository, a shallow clone): the build goes on without Updates."""
    try:
        return read_history(settings.content), ""
    except HistoryUnavailable as exc:
        return None, f"history not available: {exc}; pages have no Updates"


def render_assets(model: Model, settings: Settings) -> dict[str, str]:
    """The files beside the pages: the open data (data/) and the relationship diagram (SVG)."""

    def from_svg(entity) -> str:
        return "../" + page_url(page_path(entity), settings.directory_urls)

    files = data_files(model, lambda e: page_url(page_path(e), settings.directory_urls))
    files[GRAPH_SVG] = render_svg(model, from_svg)
    for path in files:
        check_page_path(path)
    return dict(sorted(files.items()))


_ENVS: dict[Path, tuple[tuple, object]] = {}


def _env(templates: Path):
    """The Jinja environment for a templates folder, compiled once while its files stay the same.

    `mkdocs serve` renders the site again after every edit; compiling the templates anew
    each time was a tenth of that rebuild at 1,000 entities.
    """
    files = sorted(p for p in Path(templates).rglob("*") if p.is_file())
    stamp = tuple((str(p), st.st_mtime_ns, st.st_size) for p in files for st in (p.stat(),))
    cached = _ENVS.get(templates)
    if cached is None or cached[0] != stamp:
        cached = _ENVS[templates] = (stamp, make_env(templates))
    return cached[1]
