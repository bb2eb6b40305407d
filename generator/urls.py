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
    return posixpath.relpath(target, posixpath.dirname(current) or ".")
