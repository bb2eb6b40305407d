"""Where each page lives, in one place: entities, section indexes and the front page."""

from __future__ import annotations

FRONT = "index.md"


def page_path(entity) -> str:
    """The generated Markdown file of an entity, relative to the docs folder."""
    if getattr(entity, "KIND", "") == "site":
        return FRONT
    return f"{entity.KIND}/{entity.id}.md"


def index_path(kind: str) -> str:
    return f"{kind}/index.md"


def relative(target: str, current: str) -> str:
    """A link from the page `current` to the page `target` (both docs-relative .md paths).

    posixpath.relpath, without its trip through the working directory: both paths are
    already normalised, and pages make tens of thousands of links."""
    to, here = target.split("/"), current.split("/")[:-1]
    common = 0
    while common < min(len(here), len(to) - 1) and here[common] == to[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:])


# Overview pages and files beside the entity pages. Ids are slugs (single hyphens), so a
# name with "--" or a non-slug file name can never collide with an entity's page.
MATRIX = "who-says-what/index.md"
TIMELINE = "timeline/index.md"
GRAPH = "relationships/index.md"
GRAPH_SVG = "relationships/graph.svg"
DATA = "data/index.md"
ABOUT = "about/index.md"  # scope, method, definitions, corrections (templates/about.md.j2)
DATA_DIR = "data"


def matrix_sheet_path(key: str) -> str:
    """A page of the who-says-what matrix by its key: a month ("2021-03"), a month's
    continuation ("2021-03--2") or "no-event" (views.matrix_sheets); the folder holds no entities."""
    return f"who-says-what/{key}.md"


def timeline_year_path(year: int) -> str:
    return f"timeline/{year}.md"


def page_url(path: str, directory_urls: bool = True) -> str:
    """The address a page is served at, relative to the site root ("" for the front page)."""
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"
