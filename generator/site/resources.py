"""Where the generator's own files are, and what every explainer's site is built with.

The templates, the theme overrides and the site's stylesheet and scripts live at the top of the
repository (templates/, overrides/, docs/stylesheets and docs/javascripts), where the design card
puts them. A wheel carries them inside the package, as generator/templates, generator/overrides
and generator/assets (pyproject.toml maps the folders there), so an installed generator needs no
checkout. A source checkout or an editable install (`make`'s .venv) has no such folders inside
the package and reads the repository's own.

The settings below are what the generated pages are written for. The MkDocs plugin and the
Zensical build add each one a project's mkdocs.yml leaves out, so a newsroom's mkdocs.yml can
stay short; this repository's mkdocs.yml spells every one out and so builds as before.
"""

from __future__ import annotations

from pathlib import Path

from ..model.urls import ABOUT, DATA, FRONT, GRAPH, MATRIX, TIMELINE, index_path

PACKAGE = Path(__file__).resolve().parents[1]


def _folder(packaged: str, in_checkout: str) -> Path:
    """The folder inside an installed package, else the repository's (a checkout or editable install)."""
    inside = PACKAGE / packaged
    return inside if inside.is_dir() else PACKAGE.parent / in_checkout


TEMPLATES = _folder("templates", "templates")  # Jinja2 templates -> Markdown (site/render.py)
OVERRIDES = _folder("overrides", "overrides")  # Material theme overrides: the <title>, JSON-LD, Pagefind search
ASSETS = _folder("assets", "docs")  # static files every site publishes: EXTRA_CSS and EXTRA_JAVASCRIPT

EXTRA_CSS = ("stylesheets/explainer.css",)
# The timeline's actor filter and the phone's folded legend (each page is complete without them).
EXTRA_JAVASCRIPT = ("javascripts/timeline-filter.js", "javascripts/legend-fold.js")

# The Markdown extensions the generated pages use (footnotes for citations, md_in_html for the
# folded lists on source pages, tables, heading anchors), as mkdocs.yml writes them.
MARKDOWN_EXTENSIONS: tuple[str | dict, ...] = ("footnotes", "md_in_html", "tables", {"toc": {"permalink": True}})

# Sections only: listing every entity makes Material's build quadratic in the page count.
NAV: tuple[dict[str, str], ...] = (
    {"Home": FRONT},
    {"Who says what": MATRIX},
    {"Timeline": TIMELINE},
    {"Relationships": GRAPH},
    {"Events": index_path("events")},
    {"Claims": index_path("claims")},
    {"Actors": index_path("actors")},
    {"Sources": index_path("sources")},
    {"Open data": DATA},
    {"About": ABOUT},
)

# Material's features the pages are laid out for: section tabs, back to top, "Edit this page"
# (to the YAML), a footnote's note on hover or focus.
THEME_FEATURES = ("navigation.tabs", "navigation.top", "content.action.edit", "content.footnote.tooltips")
