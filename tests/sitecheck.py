"""Checks a built site the way a reader's browser would meet it: every internal link and
anchor resolves, and nothing is fetched from another host."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.fetches: list[str] = []  # src/href of things the browser loads by itself

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video") and a.get("src"):
            self.fetches.append(a["src"])
        if tag == "link" and a.get("href") and (a.get("rel") or "") not in ("canonical",):
            self.fetches.append(a["href"])


def parse(path: Path) -> _Page:
    p = _Page()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def _target(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, unquote(parts.fragment)
    # Root-absolute links (the 404 page uses them: it is served at any path) resolve from the site root.
    base = site if parts.path.startswith("/") else page.parent
    target = (base / unquote(parts.path).lstrip("/")).resolve()
    if target.is_dir() or parts.path.endswith("/"):
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    site = site.resolve()
    pages = {p.resolve(): parse(p) for p in site.rglob("*.html")}
    problems = []
    for page, parsed in sorted(pages.items()):
        for href in parsed.links:
            target, fragment = _target(site, page, href)
            if target is None:
                continue
            rel = page.relative_to(site).as_posix()
            if not target.exists():
                problems.append(f"{rel}: link to missing {href}")
            elif fragment and target.suffix == ".html" and fragment not in pages[target.resolve()].ids:
                problems.append(f"{rel}: link to missing anchor {href}")
    return problems


def off_host_fetches(site: Path) -> list[str]:
    out = []
    for page in sorted(site.rglob("*.html")):
        for url in parse(page).fetches:
            if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
                out.append(f"{page.relative_to(site).as_posix()}: {url}")
    return out
