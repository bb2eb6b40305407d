"""What a reader's browser fetches: a page view and one search, in bytes as served.

GitHub Pages compresses text (HTML, CSS, JavaScript, JSON, SVG) with gzip; Pagefind's index
chunks and WebAssembly are already compressed and go as they are. `measure` opens pages in
headless Chromium over bench/gzserve.py's server and records every response; the sizes are those of
the files in site/, gzip-compressed where the host would compress them.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .gzserve import COMPRESSED, serve

CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")


def served_bytes(site: Path, url_path: str) -> int:
    """The bytes of the file behind `url_path` as the host sends it (gzip for text)."""
    rel = unquote(url_path).lstrip("/")
    path = site / rel
    if path.is_dir() or rel == "" or rel.endswith("/"):
        path = path / "index.html"
    data = path.read_bytes()
    return len(gzip.compress(data, 6, mtime=0)) if path.suffix in COMPRESSED else len(data)


def page_view(page, base: str, path: str) -> list[str]:
    """Open `path` in a fresh context's page and return the local paths it fetched."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path) if r.url.startswith(base) else None)
    page.goto(f"{base}/{path}")
    page.wait_for_load_state("networkidle")
    return fetched


def search(page, base: str, query: str) -> list[str]:
    """On an open page: open search, run one query (set whole, as a paste), wait for the
    results; return the local paths fetched from opening search on."""
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path) if r.url.startswith(base) else None)
    page.keyboard.press("/")
    field = page.locator("#explainer-search input.pagefind-ui__search-input")
    field.wait_for()
    field.fill(query)
    page.locator(".pagefind-ui__result").first.wait_for(timeout=60_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the UI loads the first results' fragments just after
    return fetched


def measure(site: Path, pages: dict[str, str], query: str) -> dict[str, int]:
    """Bytes a reader fetches: for each named page a first view (empty cache), and for one
    search opened on the front page. {"front": ..., "claim": ..., "search": ...}."""
    from playwright.sync_api import sync_playwright

    out = {}
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            for name, path in pages.items():
                ctx = browser.new_context(service_workers="block")
                out[name] = sum(served_bytes(site, u) for u in set(page_view(ctx.new_page(), base, path)))
                ctx.close()
            ctx = browser.new_context(service_workers="block")
            page = ctx.new_page()
            page_view(page, base, "")
            out["search"] = sum(served_bytes(site, u) for u in set(search(page, base, query)))
            ctx.close()
        finally:
            browser.close()
    return out
