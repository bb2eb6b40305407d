"""The browser tests' fixtures: the real explainer, built once per session, served on
127.0.0.1 and read in headless Chromium (Debian's package; `make test` installs it where it
is missing).

Every page opened through `open_page` fails the test on a request to another host, on a
console error or uncaught exception, and on an HTTP error from our own server.

These live here, imported by the test module, rather than in a conftest.py: a second
conftest module would shadow tests/conftest.py, which other test modules import by name.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from sitekit import CHROMIUM as _CHROMIUM
from sitekit import CHROMIUM_ARGS
from test_build import build

from generator.content.diagnostics import Report
from generator.pipeline import Settings, load_model

ROOT = Path(__file__).resolve().parents[2]
# One place names the browser and its flags (sitekit, shared with the hostile-build tests).
CHROMIUM = Path(_CHROMIUM)
ARGS = CHROMIUM_ARGS
ARTIFACTS = ROOT / "test-artifacts"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


# Built as the publishing workflow builds it: with a repository, so the header's repository
# link and the pages' edit buttons are there to be checked too.
REPO_URL = "https://github.com/example/explainer"


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory, archive) -> Path:
    site = tmp_path_factory.mktemp("browser-site")
    saved = os.environ.get("EXPLAINER_REPO_URL")
    os.environ["EXPLAINER_REPO_URL"] = REPO_URL
    try:
        result = build(ROOT / "content", site, archive=archive)
    finally:
        if saved is None:
            del os.environ["EXPLAINER_REPO_URL"]
        else:
            os.environ["EXPLAINER_REPO_URL"] = saved
    assert result.returncode == 0, result.stderr
    assert REPO_URL in (site / "index.html").read_text(encoding="utf-8")
    return site


@pytest.fixture(scope="session")
def model():
    report = Report()
    loaded = load_model(Settings(content=ROOT / "content", base=ROOT), report)
    assert loaded is not None, [d.text() for d in report.diagnostics]
    return loaded


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site_dir):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


# Module scope: Playwright's sync API allows one running instance per thread, and other
# test modules (tests/test_hostile_build.py) start their own.
@pytest.fixture(scope="module")
def browser():
    assert CHROMIUM.exists(), f"{CHROMIUM} is missing: `make browser-deps` installs Debian's chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser, server):
    """open_page(path, viewport=DESKTOP, scheme="light", js=True) -> a Playwright page at that path."""
    contexts, problems = [], []

    def route(r):
        url = r.request.url
        if url.startswith(server + "/") or url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            problems.append(f"request to another host: {url}")
            r.abort()

    def open_(path: str = "", viewport=DESKTOP, scheme: str = "light", js: bool = True):
        ctx = browser.new_context(
            viewport=viewport, color_scheme=scheme, java_script_enabled=js, service_workers="block"
        )
        contexts.append(ctx)
        ctx.route("**/*", route)
        page = ctx.new_page()
        page.on(
            "console", lambda msg: problems.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        )
        page.on("pageerror", lambda exc: problems.append(f"uncaught: {exc}"))
        page.on(
            "response", lambda resp: problems.append(f"HTTP {resp.status}: {resp.url}") if resp.status >= 400 else None
        )
        page.goto(f"{server}/{path}")
        return page

    open_.base = server
    yield open_
    for ctx in contexts:
        ctx.close()
    assert problems == []


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
