"""The front page on a phone: the map of the site is in the first screen, and the story is
told once (the lede and the key questions; the featured event's summary stays on its page)."""

from __future__ import annotations

import pytest
from browserkit import PHONE, browser, model, open_page, server, site_dir  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

EXPLORE = ["Who says what", "Timeline", "Relationships", "Events", "Claims", "Actors", "Sources", "Open data"]


def test_the_map_of_the_site_is_in_the_first_screen_of_a_phone(open_page, model):
    page = open_page("", viewport=PHONE)
    nav = page.get_by_role("navigation", name="Explore the explainer")
    links = nav.locator("a")
    assert [links.nth(i).inner_text().split(" (")[0] for i in range(links.count())] == EXPLORE
    assert links.nth(3).inner_text() == f"Events ({len(model.events)})"
    for i in range(links.count()):
        box = links.nth(i).bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], links.nth(i).inner_text()
        assert box["height"] >= 24  # a target a thumb can hit
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_front_page_tells_the_story_once(open_page, model):
    page = open_page("", viewport=PHONE)
    text = page.locator("article").inner_text()
    event = model.site.featured_event
    assert event.summary.text.plain() not in " ".join(text.split())
    headings = page.locator("article h2")
    assert [headings.nth(i).inner_text().removesuffix("¶").strip() for i in range(headings.count())] == [
        "Key questions",
        "What is in question",
    ]
    questions = page.locator("article h3")
    assert questions.count() == len(model.site.questions)
