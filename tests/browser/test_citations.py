"""Citations on a phone: every footnote mark and citation link is a target of at least
24 x 24 px at 390 px wide (WCAG 2.2, 2.5.8), and a mark previews its note (Material's
footnote tooltips) with the short citation and the exact words."""

from __future__ import annotations

import pytest
from browserkit import PHONE, browser, model, open_page, server, site_dir  # noqa: F401 (fixtures)

from generator.model.urls import page_path, page_url
from generator.site.text import source_short

pytestmark = pytest.mark.browser

TARGETS = "article sup a, article .footnote li a, article blockquote a"


def busiest_claim(model):
    return max(model.claims, key=lambda c: (sum(len(s.cite) for s in c.stances), c.id))


def test_footnote_marks_and_citation_links_are_24_px_targets_on_a_phone(open_page, model):
    claim = busiest_claim(model)
    page = open_page(page_url(page_path(claim)), viewport=PHONE)
    boxes = page.evaluate(f"""() => [...document.querySelectorAll({TARGETS!r})].map(a => {{
        const r = a.getBoundingClientRect();
        return [a.closest('sup') ? 'mark' : 'link', a.textContent.trim(), r.width, r.height];
    }})""")
    marks = [b for b in boxes if b[0] == "mark"]
    assert len(marks) >= sum(len(s.cite) for s in claim.stances) // 2  # the page has its marks
    assert any(b[0] == "link" for b in boxes)
    small = [b for b in boxes if b[2] < 24 or b[3] < 24]
    assert small == []
    # Adjacent marks do not overlap: each target is its own.
    rects = page.evaluate("""() => [...document.querySelectorAll('article sup a.footnote-ref')].map(a => {
        const r = a.getBoundingClientRect(); return [r.left, r.right, r.top, r.bottom]; })""")
    overlapping = [
        (a, b)
        for i, a in enumerate(rects)
        for b in rects[i + 1 :]
        if a[0] < b[1] - 0.5 and b[0] < a[1] - 0.5 and a[2] < b[3] - 0.5 and b[2] < a[3] - 0.5
    ]
    assert overlapping == []


def test_a_footnote_mark_previews_its_note(open_page, model):
    claim = busiest_claim(model)
    page = open_page(page_url(page_path(claim)), viewport=PHONE)
    first = claim.stances[0].cite[0]
    # The first stance's first mark (the rating above the stances may carry marks of its own).
    page.locator(f"article li:has(a[href$='actors/{claim.stances[0].actor.id}/']) sup a.footnote-ref").first.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for()
    assert tooltip.inner_text().startswith(source_short(first.source))
    assert tooltip.inner_text().rstrip().endswith(f"\u201c{first.quote}\u201d")  # without the note's back arrow


def test_the_busiest_source_page_is_compact_on_a_phone_and_unfolds_without_javascript(open_page, model):
    source = max(model.sources, key=lambda s: (len(s.uses), s.id))
    page = open_page(page_url(page_path(source)), viewport=PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # 13,500 px before the uses were grouped by page and long lists folded.
    assert page.evaluate("document.documentElement.scrollHeight") < 4000

    page = open_page(page_url(page_path(source)), viewport=PHONE, js=False)
    actors = page.locator("article details.fold").filter(has=page.locator("summary", has_text="Actors ("))
    assert actors.get_attribute("open") is None
    first_actor = actors.locator("li a").first
    assert not first_actor.is_visible()
    actors.locator("summary").click()
    assert first_actor.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"  # a native control: focusable, announced
