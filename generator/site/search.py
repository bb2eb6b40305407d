"""The site's search index: Pagefind over the built HTML, written into the site folder.

Material's own search ships the whole index (search_index.json) to every reader on the
first page view: 8 MiB gzip at 10,000 entities. Pagefind splits its index into chunks and
loads only those a query needs, and only once a reader opens search (the header's search
button loads Pagefind's script; overrides/partials/header.html). Everything it writes lies
in site/pagefind/, so search works offline like the rest of the site.

Pagefind indexes each page's <article> (the page's own text, less what EXCLUDED names); the
page kind shown with each result is a data-pagefind-meta in the theme override (overrides/main.html).
This module only runs the indexer; it does not depend on MkDocs.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

BUNDLE = "pagefind"  # the folder inside the site, as the header's script expects it
# Every page is <folder>/index.html (use_directory_urls); 404.html is not a page to find.
PAGES = "**/index.html"
# What a page is found by is what it says itself, not the names and titles its lists and
# tables link to nor the quotes in its footnotes: those are other pages' words, repeated on
# hundreds of pages in a tracker. Indexed, they made the index chunk of a common word
# ("attack") 150 KB gzip at 10,000 entities, and a query for "rocket attack" fetched 624 KB;
# without them, 366 KB. Links in running prose stay, so excerpts read whole. The Updates are
# left out too: a correction quotes the wording it replaced ("1 killed"), which a search result
# would show as what the page says.
EXCLUDED = ".headerlink, .md-content__button, .md-source-file, li a, td a, .footnote, .explainer-updates"


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message is its own output, for the build to show."""


def executable() -> Path:
    """The Pagefind binary that the pagefind-bin package ships (a runtime dependency)."""
    try:
        from pagefind_bin import get_executable

        return get_executable()
    except (ImportError, FileNotFoundError) as exc:
        raise SearchIndexError(
            "the search index could not be built: Pagefind is not installed "
            "(the pagefind-bin package; `make site` installs it)"
        ) from exc


def index_site(site_dir: Path) -> None:
    """Write the search index of the HTML pages in `site_dir` to `site_dir`/pagefind/.

    The same pages give the same bytes (Pagefind names its chunks by their content), so a
    commit builds one index. Raises SearchIndexError with Pagefind's output on failure."""
    site_dir = Path(site_dir)
    # Into a fresh folder beside the old index, which it then replaces: Pagefind names chunks by
    # their content and leaves the old ones, so rebuilding in place (mkdocs serve) would keep
    # chunks of pages that are gone, and the served site would differ from a clean build.
    fresh = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir))
    cmd = [
        str(executable()),
        "--site",
        str(site_dir),
        "--output-path",
        str(fresh),
        "--silent",
        "--root-selector",
        "article",
        "--exclude-selectors",
        EXCLUDED,
        "--glob",
        PAGES,
    ]
    try:
        try:
            result = subprocess.run(cmd, capture_output=True, text=True)
        except OSError as exc:  # the binary is missing or cannot run: name it, not a traceback
            raise SearchIndexError(f"the search index could not be built: cannot run Pagefind ({exc})") from exc
        if result.returncode:
            raise SearchIndexError(f"the search index could not be built: {(result.stderr or result.stdout).strip()}")
        old = site_dir / BUNDLE
        if old.is_symlink() or old.is_file():
            old.unlink()
        elif old.exists():
            shutil.rmtree(old)
        os.replace(fresh, old)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def indexed_pages(site_dir: Path) -> dict[str, dict]:
    """What the index holds for each page: its address (from the site root, as Pagefind
    writes it) -> its metadata (`title`, `kind`). For tests and the benchmark."""
    pages = {}
    for fragment in sorted((Path(site_dir) / BUNDLE / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
        record = json.loads(data)
        pages[record["url"]] = record["meta"]
    return pages
