"""Where each page lives, in one place: entities, section indexes and the front page."""

from __future__ import annotations

import posixpath

FRONT = "index.md"


def page_path(entity) -> str:
    """The generated Markdown file of an entity, relative to the docs folder."""
    if getattr(entity, "KIND", "") == "site":
        return FRONT
    return f"{entity.KIND}/{entity.id}.md"


def index_path(kind: str) -> str:
    return f"{kind}/index.md"


def relative(target: str, current: str) -> str:
    """A link from the page `current` to the page `target` (both docs-relative .md paths)."""
    # The same answer as posixpath.relpath, without its abspath and getcwd calls: it runs
    # for every link on every page, and was 40% of rendering 10,000 pages.
    if not (_plain(target) and _plain(current)):
        return posixpath.relpath(target, posixpath.dirname(current) or ".")
    start = current.split("/")[:-1]
    parts = target.split("/")
    i = 0
    for a, b in zip(start, parts):
        if a != b:
            break
        i += 1
    return "/".join([".."] * (len(start) - i) + parts[i:]) or "."


def _plain(path: str) -> bool:
    """Docs-relative and normalised: no leading or doubled slash, no part starting with '.'."""
    return bool(path) and path[0] != "/" and path[-1] != "/" and "//" not in path and "/." not in "/" + path
