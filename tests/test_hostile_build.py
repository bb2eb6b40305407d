"""Hostile content, built and opened in a browser: nothing an editor writes runs.

Each payload of the inert catalogue (tests/inert) goes into every text and prose field of
a copy of the fixture content (optional fields added), with hostile but valid https URLs
in every URL field. Two levels:

- every payload on its own, through the generator and Python-Markdown with the site's
  extensions (fast, in process): each page has exactly the elements and attributes of a
  control page whose fields hold plain words;
- the payloads in bundles (as many as fit a 200-character name, on one line), through MkDocs
  (strict) and Material, every page opened in headless Chromium on 127.0.0.1: no dialog may
  open, no flag may be set on window, no request may leave the host, the same elements,
  attributes and scripts as the control build, and the reader sees the text as written.
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import sitekit
from test_inert import site_markdown

from generator.content.diagnostics import Report
from generator.content.yamlio import load
from generator.pipeline import Settings, load_model
from generator.site.render import make_env, render_site

pytestmark = pytest.mark.browser

INERT = Path(__file__).resolve().parent / "inert"
# Hostile URLs that pass validation (https, a host, no spaces): they must stay one href.
HOSTILE_URLS = (
    'https://evil.example/"><script>window.__pwned=1</script>',
    "https://evil.example/x'onmouseover='window.__pwned=1'(1)[2]{3}|*_`",
)
CONTROL_URLS = ("https://example.org/original", "https://web.archive.org/web/2021/original")
CONTROL_TEXT = "Plain words"


def payloads() -> dict[str, str]:
    out = {}
    for case in sorted(INERT.iterdir()):
        if case.name.startswith("yaml11-"):
            continue  # typing surprises, not markup: they cannot run
        report = Report()
        doc = load((case / "input.yaml").read_bytes(), "input.yaml", report)
        out[case.name] = doc.root.value[0][1].value
    return out


PAYLOADS = payloads()


# --- the built HTML, as structure ---------------------------------------------------------


class Structure(HTMLParser):
    """Elements, attribute names, scripts, URL attributes and the title of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: Counter = Counter()
        self.attrs: Counter = Counter()
        self.urls: list[str] = []
        self.scripts: list[tuple[str, str, str]] = []
        self._script: list | None = None
        self._in_title = False
        self.title = ""
        self.markdown = ""  # the Markdown it was made from, when it was

    def handle_starttag(self, tag, attrs):
        self.tags[tag] += 1
        for name, value in attrs:
            self.attrs[(tag, name)] += 1
            if name in ("href", "src", "action", "formaction", "data", "poster", "xlink:href", "srcset") and value:
                self.urls.append(value)
        if tag == "script":
            a = dict(attrs)
            self._script = [a.get("type") or "", a.get("src") or "", ""]
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._script is not None:
            self._script[2] += data
        elif self._in_title:
            self.title += data


def structure(site: Path, page: str) -> Structure:
    s = Structure()
    s.feed((site / page).read_text(encoding="utf-8"))
    s.close()
    return s


def bundles(limit: int = 200) -> list[list[str]]:
    """Payload names packed (first fit, longest first) so each bundle fits a one-line field."""
    out: list[list[str]] = []
    sizes: list[int] = []
    # Measured as a title holds it (sitekit.title_safe adds a space after each '<' before a tag name).
    for name in sorted(PAYLOADS, key=lambda n: (-len(sitekit.title_safe(one_line(PAYLOADS[n]))), n)):
        size = len(sitekit.title_safe(one_line(PAYLOADS[name])))
        for i, used in enumerate(sizes):
            if used + 1 + size <= limit:
                out[i].append(name)
                sizes[i] += 1 + size
                break
        else:
            out.append([name])
            sizes.append(size)
    return out


def one_line(text: str) -> str:
    return " ".join(text.split())


def build(tmp: Path, text: str, urls: tuple[str, str]) -> Path:
    project = sitekit.make_project(tmp / "project")
    assert sitekit.inject(project / "content", text, urls) > 100
    result = sitekit.mkdocs_build(project, tmp / "site")
    assert result.returncode == 0, result.stderr
    return tmp / "site"


@pytest.fixture(scope="module")
def control(tmp_path_factory):
    return build(tmp_path_factory.mktemp("control"), CONTROL_TEXT, CONTROL_URLS)


# --- the browser ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Every host name but 127.0.0.1 fails to resolve: a payload that fetched from elsewhere
    # is seen (below) but never reaches the network.
    args = sitekit.CHROMIUM_ARGS + ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=sitekit.CHROMIUM, args=args)
        yield b
        b.close()


# What each page reports: whether a flag is set, its title, its heading and visible text.
PAGE_STATE = """() => {
  const h1 = document.querySelector('article h1');
  let heading = null;
  if (h1) { const c = h1.cloneNode(true); c.querySelectorAll('.headerlink').forEach(a => a.remove()); heading = c.textContent; }
  return {pwned: typeof window.__pwned !== 'undefined' || document.querySelector('[data-pwned]') !== null,
          title: document.title, heading: heading, text: document.body.innerText};
}"""


def visit_all(browser, site: Path, pages: list[str] | None = None) -> tuple[dict, list[str], list[str]]:
    """Open every page (or those named); return page -> state, the dialogs seen and the
    requests made to anywhere but the local server."""
    dialogs: list[str] = []
    offhost: list[str] = []
    states = {}
    with sitekit.serve(site) as base:
        context = browser.new_context()
        context.on("request", lambda r: None if r.url.startswith((base, "data:", "blob:")) else offhost.append(r.url))
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for rel in pages or sitekit.html_pages(site):
            page.goto(base + rel, wait_until="load")
            states[rel] = page.evaluate(PAGE_STATE)
        context.close()
    return states, dialogs, offhost


# --- every payload alone, generator + Python-Markdown -------------------------------------


ENV = make_env()  # compiled once: the templates are the same for every payload


def markdown_pages(tmp: Path, text: str, urls: tuple[str, str]) -> dict[str, Structure]:
    content = tmp / "content"
    shutil.copytree(sitekit.BASE_CONTENT, content)
    assert sitekit.inject(content, text, urls) > 100
    report = Report()
    settings = Settings(content=content, base=tmp)
    model = load_model(settings, report)
    assert model is not None, [d.text() for d in report.errors]
    extensions, configs = site_markdown()
    out = {}
    for path, md in render_site(model, ENV).items():
        s = Structure()
        s.feed(markdown.markdown(md, extensions=extensions, extension_configs=configs))
        s.close()
        s.markdown = md
        out[path] = s
    return out


@pytest.fixture(scope="module")
def control_markdown(tmp_path_factory):
    """Control pages by number of paragraphs: plain words, as many paragraphs as the payload has."""
    cache: dict[int, dict[str, Structure]] = {}

    def get(paragraphs: int) -> dict[str, Structure]:
        if paragraphs not in cache:
            text = "\n\n".join([CONTROL_TEXT] * paragraphs)
            cache[paragraphs] = markdown_pages(tmp_path_factory.mktemp("control-md"), text, CONTROL_URLS)
        return cache[paragraphs]

    return get


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_each_payload_in_every_field(name, tmp_path, control_markdown):
    payload = PAYLOADS[name]
    pages = markdown_pages(tmp_path, payload, HOSTILE_URLS)
    control = control_markdown(len([p for p in re.split(r"\n[ \t]*\n", payload) if p.strip()]))
    assert sorted(pages) == sorted(control)
    for path, got in pages.items():
        want = control[path]
        assert got.tags == want.tags, path
        assert got.attrs == want.attrs, path
        assert not [u for u in got.urls if re.match(r"\s*(javascript|data|vbscript):", u, re.I)], path
        if "<" in payload:
            assert payload not in got.markdown, path


# --- bundles, MkDocs + Material + Chromium ------------------------------------------------

BUNDLES = bundles()


@pytest.mark.parametrize("names", BUNDLES, ids=[f"{i}-{b[0]}" for i, b in enumerate(BUNDLES)])
def test_payloads_stay_text_in_the_browser(names, tmp_path, browser, control):
    # One paragraph, like the control's: where each payload stands at the start of a
    # paragraph is the per-payload test's business.
    payload = " ".join(one_line(PAYLOADS[n]) for n in names)
    site = build(tmp_path, payload, HOSTILE_URLS)
    pages = sitekit.html_pages(site)
    assert pages == sitekit.html_pages(control)

    # Statically: every page has exactly the control page's elements, attributes and scripts.
    for rel in pages:
        got, want = structure(site, rel), structure(control, rel)
        assert got.tags == want.tags, rel
        assert got.attrs == want.attrs, rel
        assert [s for s in got.scripts if s[0] != "application/ld+json"] == [
            s for s in want.scripts if s[0] != "application/ld+json"
        ], rel
        for kind, _, body in got.scripts:
            if kind == "application/ld+json":
                json.loads(body)  # a name holding </script> must not end the block early
        assert not [u for u in got.urls if re.match(r"\s*(javascript|data|vbscript):", u, re.I)], rel
    # The editor's markup is nowhere in the output as markup.
    raw = [PAYLOADS[n] for n in names if "<" in PAYLOADS[n]]
    for f in site.rglob("*"):
        if f.suffix in (".html", ".json", ".xml"):
            text = f.read_text(encoding="utf-8")
            assert [p for p in raw if p in text] == [], f

    # In the browser: nothing ran, nothing was fetched from elsewhere, and the reader sees the text as written.
    states, dialogs, offhost = visit_all(browser, site)
    assert dialogs == [] and offhost == []
    assert [rel for rel, s in states.items() if s["pwned"]] == []
    shown = one_line(payload)
    for rel, s in states.items():
        if rel in ("404.html", "data/index.html"):  # pages that show no editor text
            continue
        # Index pages show names and titles only, which hold the payload as a title may (title_safe).
        assert shown in one_line(s["text"]) or sitekit.title_safe(shown) in one_line(s["text"]), rel
        if rel != "index.html":  # the home page's title is the site's name
            assert s["title"] == f"{s['heading']} - {sitekit.SITE_NAME}", rel


def test_search_results_stay_text(tmp_path, browser):
    """Pagefind builds result titles and excerpts from its index in the browser (the excerpt as
    HTML, to mark the matched words): payloads found there stay text."""
    names = ["script-tag", "img-onerror", "svg-onload"]
    payload = " ".join(one_line(PAYLOADS[n]) for n in names)
    site = build(tmp_path, payload, HOSTILE_URLS)
    with sitekit.serve(site) as base:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(base + "index.html", wait_until="load")
        page.keyboard.press("/")
        page.wait_for_selector("#explainer-search input", timeout=30_000)
        page.keyboard.type("pwned", delay=20)
        # Pagefind first draws placeholder results (". . .") and fills each in as its fragment
        # arrives: read them only once every result is loaded.
        page.wait_for_selector(".pagefind-ui__result-link", timeout=30_000)
        page.wait_for_function(
            "() => document.querySelector('.pagefind-ui__results .pagefind-ui__loading') === null", timeout=30_000
        )
        titles = page.locator(".pagefind-ui__result-title").all_inner_texts()
        excerpts = page.locator(".pagefind-ui__result-excerpt").all_inner_texts()
        markup = page.locator(".pagefind-ui__results :is(script, img, svg, iframe, object, style)").count()
        pwned = page.evaluate(
            "() => typeof window.__pwned !== 'undefined' || document.querySelector('[data-pwned]') !== null"
        )
        page.close()
    # Titles hold the payload as check lets a title hold it (sitekit.title_safe); excerpts hold it whole.
    assert sitekit.title_safe(payload) in titles and any("<script>" in e for e in excerpts)
    assert markup == 0 and not pwned and dialogs == []


def test_titles_stay_inert_even_without_the_title_override(tmp_path, browser):
    """Material writes <title> through `striptags`, which decodes the escaped editor text, so
    overrides/main.html escapes it again. Check now refuses markup in names and titles
    (markup-in-title): what reaches a title cannot run even without the override."""
    payload = PAYLOADS["close-title"]
    site = build(tmp_path / "with", payload, CONTROL_URLS)
    title = structure(site, "actors/iran/index.html").title
    assert title == f"{sitekit.title_safe(payload)} - {sitekit.SITE_NAME}"

    project = sitekit.make_project(tmp_path / "without" / "project")
    (project / "overrides" / "main.html").unlink()
    sitekit.inject(project / "content", payload, CONTROL_URLS)
    assert sitekit.mkdocs_build(project, tmp_path / "without" / "site").returncode == 0
    states, dialogs, _ = visit_all(browser, tmp_path / "without" / "site", ["actors/iran/index.html"])
    assert not states["actors/iran/index.html"]["pwned"] and dialogs == []
    assert states["actors/iran/index.html"]["title"] == f"{sitekit.title_safe(payload)} - {sitekit.SITE_NAME}"
