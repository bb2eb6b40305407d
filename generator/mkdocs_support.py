"""What the MkDocs plugin adds around MkDocs, apart from the hooks that call it.

The defaults a short mkdocs.yml leaves out (site/resources.py), the files the plugin publishes
from the package and the Material files it drops, and the serve loop's parts: a native file
watcher instead of MkDocs' polling one, generated pages that say whether they changed, the
theme's compiled templates kept between rebuilds, and MkDocs' "dirty build" notice filtered.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import jinja2
from mkdocs.structure.files import File, Files
from watchdog.events import FileClosedEvent, FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent
from watchdog.observers import Observer
from watchdog.observers.polling import PollingObserver

from .site.resources import ASSETS, EXTRA_CSS, EXTRA_JAVASCRIPT, MARKDOWN_EXTENSIONS, NAV, OVERRIDES, THEME_FEATURES

log = logging.getLogger("mkdocs.plugins.explainer")


def add_what_every_explainer_needs(config) -> None:
    """Fill in what the generated pages are written for and mkdocs.yml leaves out, so a
    newsroom's mkdocs.yml can be short (README, "Use it for your own explainer"): the package's
    theme overrides when there is no custom_dir (one that is there is the project's own, whole),
    the stylesheet and scripts, the Markdown extensions, the section navigation and Material's
    features. Google Fonts are always off: the site loads nothing from another host. A
    mkdocs.yml that spells all of it out, as this repository's does, builds exactly as written."""
    if not config.theme.custom_dir and str(OVERRIDES) not in config.theme.dirs:
        config.theme.dirs.insert(0, str(OVERRIDES))
    config.theme["font"] = False
    if not config.theme.get("features"):
        config.theme["features"] = list(THEME_FEATURES)
    config.extra_css[:0] = [p for p in EXTRA_CSS if p not in config.extra_css]  # first: the project's own win
    scripts = {str(s) for s in config.extra_javascript}
    config.extra_javascript[:0] = [p for p in EXTRA_JAVASCRIPT if p not in scripts]
    for entry in MARKDOWN_EXTENSIONS:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
        if options and name not in config.mdx_configs:
            config.mdx_configs[name] = dict(options)
    if config.nav is None:
        config.nav = [dict(item) for item in NAV]


def publish_package_assets(files: Files, config, content: Path) -> None:
    """The stylesheet and scripts from the package where the docs folder has none of its own;
    nothing from the content folder as it is (a newsroom's mkdocs.yml may name content/ as its
    docs_dir: the YAML reaches readers through the pages and the open data)."""
    inside = str(content.resolve()) + os.sep
    for file in list(files):
        if not isinstance(file, GeneratedPage) and os.path.abspath(file.abs_src_path or "").startswith(inside):
            files.remove(file)
    for path in (*EXTRA_CSS, *EXTRA_JAVASCRIPT):
        if files.get_file_from_path(path) is None:
            files.append(File(path, str(ASSETS), config.site_dir, config.use_directory_urls))


# Material's own search: its worker and lunr's language files, which the worker alone loads.
MATERIAL_SEARCH_ASSETS = ("assets/javascripts/workers/", "assets/javascripts/lunr/")


def drop_material_search(files: Files, config) -> None:
    """Leave Material's search files out of the site unless Material's search plugin is on.

    Search is Pagefind's (generator/site/search.py): the header has Pagefind's button, not
    Material's search form, and Material's bundle.js starts its worker only on a page with that
    form, so nothing ever fetches these 1.2 MB. Only the theme's copies go; a file of the same
    path in the docs folder is the project's own."""
    if any(name in ("search", "material/search") for name in config.plugins):
        return
    theme_dirs = {os.path.abspath(d) for d in config.theme.dirs}
    for file in list(files):
        if file.src_uri.startswith(MATERIAL_SEARCH_ASSETS) and os.path.abspath(file.src_dir or "") in theme_dirs:
            files.remove(file)


def yield_the_processor() -> None:
    """Lowest priority for the calling thread and the processes it starts (Linux keeps a nice
    value per thread, and a child inherits its thread's); elsewhere, nothing changes."""
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    except (AttributeError, OSError):
        pass


# What a save does to a file; not opening or reading one, which the build itself does.
CHANGES = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, FileMovedEvent, FileDeletedEvent]


# watchdog picks Observer per platform at import, so mypy sees a variable, not a class.
class ChangesObserver(Observer):  # type: ignore[misc,valid-type]
    """The kernel's notifications (inotify on Linux) of the changes a save makes."""

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
        return super().schedule(
            event_handler,
            path,
            recursive=recursive,
            event_filter=event_filter or CHANGES,
            follow_symlink=follow_symlink,
        )


def native_watcher(server) -> None:
    """MkDocs' server polls what it watches every half second, and waits 0.1 s more for a
    save to settle; the kernel reports a save at once, and a save's events come within
    milliseconds. The paths MkDocs watches already (docs/, mkdocs.yml) move over to the
    native observer. (It reads LiveReloadServer's `_watched_paths`, MkDocs 1.6's; another
    server keeps polling.)"""
    watched = getattr(server, "_watched_paths", None)
    if not isinstance(getattr(server, "observer", None), PollingObserver) or not isinstance(watched, dict):
        return
    counts = dict(watched)
    for path, n in counts.items():
        for _ in range(n):
            server.unwatch(path)
    server.observer = ChangesObserver()
    for path, n in counts.items():
        for _ in range(n):
            server.watch(path)
    server.build_delay = min(server.build_delay, 0.05)


class GeneratedPage(File):
    """A generated page that knows whether its Markdown is what the last build rendered.

    MkDocs asks is_modified only in a dirty build (`mkdocs serve --dirty`, which
    `explainer serve` runs), to skip pages; the default answer for a generated page is
    always yes. Navigation lists sections only, so a page whose Markdown is unchanged
    renders to the same HTML, which is already in the site folder.
    """

    unchanged = False

    def is_modified(self) -> bool:
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


def theme_stamp(config) -> tuple:
    """What changes every page's HTML without changing its Markdown: mkdocs.yml and the theme overrides."""
    paths = [Path(config.config_file_path)] if config.config_file_path else []
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        paths += sorted(p for p in Path(custom).rglob("*") if p.is_file())
    stamp = []
    for p in paths:
        try:
            st = p.stat()
        except OSError:
            continue
        stamp.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(stamp)


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates for the life of one `mkdocs serve`; Jinja checks each
    template's source checksum, so an edited template is compiled again."""

    def __init__(self):
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


THEME_BYTECODE = MemoryBytecodeCache()


class DirtyNotice(logging.Filter):
    """Drops MkDocs' warning that a dirty build may leave navigation and links stale.

    It does not hold for this site: the navigation lists sections only, and GeneratedPage marks
    every page whose Markdown changed. In strict mode the warning would abort every rebuild.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def quiet_dirty_notice() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, DirtyNotice) for f in logger.filters):
        logger.addFilter(DirtyNotice())
