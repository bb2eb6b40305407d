"""The Zensical build (`explainer build --engine zensical`) as a reader meets it in headless Chromium:
its own search finds an actor offline, our timeline filter works, a claim page reads as a claim. Every
page opened fails the test on a request to another host or a console error (browserkit.open_page)."""

from __future__ import annotations

import functools
import http.server
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from browserkit import ROOT, browser, model, open_page  # noqa: F401 (fixtures; `server` is this module's own)
from sitekit import env

from generator.model import timeline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("zensical-browser") / "site"
    cmd = [sys.executable, "-m", "generator", "build", "--engine", "zensical", "--site-dir", str(site)]
    result = subprocess.run(cmd, cwd=ROOT, env=env(), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(zensical_site):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(zensical_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def heading(page) -> str:
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def test_zensicals_search_finds_an_actor_offline(open_page, model):
    actor = max(model.actors, key=lambda a: (len(a.stances), a.id))
    page = open_page("")
    page.locator(".md-search__button").click()
    page.keyboard.type(actor.name.split()[-1])
    hit = page.locator(f"a[role='option'][href*='actors/{actor.id}/']").first
    hit.wait_for()
    hit.click()
    page.wait_for_url(f"**/actors/{actor.id}/**")
    assert heading(page) == actor.name


def test_the_timeline_filter_works(open_page, model):
    page = open_page("timeline/")
    events = timeline.timeline_events(model)
    actor = max(model.actors, key=lambda a: (len(a.participations), a.id))
    involved = [e for e in events if any(p.actor is actor for p in e.participants)]
    page.get_by_label("Show the events involving").select_option(actor.id)
    items = page.locator("article li:has(time)")
    visible = [items.nth(i).locator("strong a").inner_text() for i in range(items.count()) if items.nth(i).is_visible()]
    assert visible == [e.title for e in involved]
    # Zensical's theme has a status region of its own (its dialog), so ours is named by its class
    assert (
        page.locator("p[role='status'].timeline-filter__status").inner_text()
        == f"Showing {len(involved)} of {len(events)} events involving {actor.name}."
    )


def test_a_claim_page_reads_as_a_claim(open_page, model):
    claim = max(model.claims, key=lambda c: (len(c.stances), c.id))
    page = open_page(f"claims/{claim.id}/")
    assert heading(page) == f"Claim: {claim.proposition}"
    assert page.locator("article span.rating").count() == 1
    [data] = [json.loads(s) for s in page.locator("script[type='application/ld+json']").all_text_contents()]
    assert data["@type"] == "Claim" and data["text"] == claim.proposition
