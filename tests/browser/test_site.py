"""The site as a reader meets it: navigation, search, the timeline and the matrix on a phone,
the relationship diagram, schema.org data, and zero axe violations on every page type in
the light and dark schemes. A screenshot of each page type goes to test-artifacts/."""

from __future__ import annotations

import json
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from browserkit import AXE_TAGS, DESKTOP, PHONE, artifacts, browser, model, open_page, server, site_dir  # noqa: F401 (fixtures)

from generator.content.vocab import POSITIONS
from generator.model import matrix, timeline
from generator.model.urls import page_path, page_url
from generator.site.jsonld import jsonld
from generator.site.text import source_short

pytestmark = pytest.mark.browser

PAGE_TYPES = [
    "front",
    "claims",
    "claim",
    "events",
    "event",
    "actors",
    "actor",
    "sources",
    "source",
    "matrix",
    "timeline",
    "relationships",
    "data",
    "about",
    "not-found",
]


def url(entity_or_path) -> str:
    path = entity_or_path if isinstance(entity_or_path, str) else page_path(entity_or_path)
    return page_url(path)


def example_paths(model) -> dict[str, str]:
    """One page of each type, the busiest of its kind, so the check covers the most markup."""
    claim = max(model.claims, key=lambda c: (len(c.stances), c.id))
    actor = max(model.actors, key=lambda a: (len(a.stances) + len(a.participations) + len(a.affiliations), a.id))
    source = max(model.sources, key=lambda s: (len(s.uses), s.id))
    return {
        "front": "",
        "claims": "claims/",
        "claim": url(claim),
        "events": "events/",
        "event": url(model.site.featured_event),
        "actors": "actors/",
        "actor": url(actor),
        "sources": "sources/",
        "source": url(source),
        "matrix": "who-says-what/",
        "timeline": "timeline/",
        "relationships": "relationships/",
        "data": "data/",
        "about": "about/",
        "not-found": "404.html",
    }


def axe_violations(page) -> str:
    """Every WCAG 2.1 A/AA violation on the page as it is now, one per line ('' when none)."""
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return "\n".join(
        f"{v['id']}: {n['target']} {' '.join(n['failureSummary'].split())}"
        for v in result.response["violations"]
        for n in v["nodes"]
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("kind", PAGE_TYPES)
def test_no_axe_violations(open_page, model, artifacts, kind, scheme):
    page = open_page(example_paths(model)[kind], scheme=scheme)
    assert page.locator("body").get_attribute("data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
    assert page.locator("article h1").count() == 1
    assert axe_violations(page) == ""
    if scheme == "light":
        page.screenshot(path=artifacts / f"{kind}-desktop.png", full_page=True)
        page.set_viewport_size(PHONE)
        page.screenshot(path=artifacts / f"{kind}-phone.png", full_page=True)
        assert axe_violations(page) == ""
    else:
        page.screenshot(path=artifacts / f"{kind}-desktop-dark.png", full_page=True)


def results_loaded(page) -> None:
    """Wait until Pagefind has filled in every result: it first draws placeholders (". . .")."""
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.wait_for_function("() => document.querySelector('.pagefind-ui__results .pagefind-ui__loading') === null")


def open_search(page):
    """Open search as a reader does from the keyboard ("/"); return its query field once loaded."""
    page.keyboard.press("/")
    field = page.locator("#explainer-search input.pagefind-ui__search-input")
    field.wait_for()
    return field


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_dialog_has_a_name_and_no_violations(open_page, model, scheme):
    page = open_page("", scheme=scheme)
    page.locator("header button[aria-controls='explainer-search']").click()
    page.locator("#explainer-search input").wait_for()
    assert page.evaluate("document.activeElement.matches('#explainer-search input')")  # focus goes to the query
    page.keyboard.type(model.site.featured_event.title.split()[0])
    results_loaded(page)
    dialog = page.locator("dialog#explainer-search[open]")
    assert dialog.get_attribute("aria-labelledby") == "explainer-search-title"
    assert page.locator("#explainer-search-title").inner_text() == "Search"
    assert axe_violations(page) == ""
    page.keyboard.press("Escape")  # closes, and focus returns to the button that opened it
    assert page.locator("dialog#explainer-search[open]").count() == 0
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "explainer-search"


def test_search_index_is_not_fetched_on_page_load(open_page, model):
    """A page view fetches nothing for search; opening it fetches Pagefind's script, and a
    query only the index chunks it needs (nothing from another host: open_page fails on that)."""
    requests: list[str] = []
    page = open_page("", js=True)
    page.on("request", lambda r: requests.append(r.url.removeprefix(open_page.base)))
    page.goto(open_page.base + "/" + url(model.claims[0]))  # a second page view, with the recorder on
    page.wait_for_load_state("networkidle")
    assert [r for r in requests if "pagefind" in r or "search" in r] == []
    assert page.locator("header button[aria-controls='explainer-search']").count() == 1
    open_search(page).type(model.claims[0].proposition.split()[0])
    page.locator(".pagefind-ui__result").first.wait_for()
    fetched = [r for r in requests if "/pagefind/" in r]
    assert "/pagefind/pagefind-ui.js" in fetched and any(r.startswith("/pagefind/index/") for r in fetched)


def test_front_to_claim_to_citation_to_source_and_back(open_page, model):
    page = open_page("")
    assert heading(page) == model.site.title
    link = page.locator("article a[href*='claims/']").filter(has_not_text="Claims").first
    claim_id = re.search(r"claims/([a-z0-9-]+)/", link.get_attribute("href")).group(1)
    claim = model.by_id[claim_id]
    link.click()
    page.wait_for_url(f"**/claims/{claim_id}/")
    assert heading(page) == f"Claim: {claim.proposition}"
    assert page.locator("article .status").first.inner_text() == claim.status.capitalize()

    # The first stance's footnote: the exact words and a link to the source they come from.
    stance = claim.stances[0]
    ref = page.locator(f"article li:has(a[href$='actors/{stance.actor.id}/']) sup a.footnote-ref").first
    note_id = ref.get_attribute("href").lstrip("#")
    ref.click()
    page.wait_for_url(f"**#{note_id}")
    note = page.locator(f"[id='{note_id}']")
    assert source_short(stance.cite[0].source) in note.inner_text()
    note.locator("a[href*='sources/']").first.click()
    source = stance.cite[0].source
    page.wait_for_url(f"**/sources/{source.id}/")
    assert heading(page) == source.title
    assert page.locator(f"article a[href$='claims/{claim_id}/']").count() >= 1  # the way back, as a backlink

    page.go_back()
    page.wait_for_url(f"**/claims/{claim_id}/#{note_id}")
    assert heading(page) == f"Claim: {claim.proposition}"


def test_search_finds_an_actor_offline(open_page, model):
    """Search runs from site/ alone (open_page fails on any request to another host), and
    each result says what kind of page it leads to."""
    actor = max(model.actors, key=lambda a: (len(a.stances), a.id))
    page = open_page("")
    open_search(page).type(actor.name.split()[-1])
    hit = page.locator(".pagefind-ui__result").filter(has=page.locator(f"a[href$='/actors/{actor.id}/']")).first
    hit.wait_for()
    assert hit.locator(".pagefind-ui__result-tag").inner_text().strip() == "Kind: Actor"
    hit.locator("a").first.click()
    page.wait_for_url(f"**/actors/{actor.id}/**")
    assert heading(page) == actor.name


def heading(page) -> str:
    return page.locator("article h1").inner_text().removesuffix("¶").strip()


def _no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_timeline_on_a_phone_in_date_order_and_filterable(open_page, model):
    page = open_page("timeline/", viewport=PHONE)
    events = timeline.timeline_events(model)
    items = page.locator("article li:has(time)")
    assert items.count() == len(events)
    titles = [items.nth(i).locator("strong a").inner_text() for i in range(items.count())]
    assert titles == [e.title for e in events]
    featured = page.locator("article li:has(.featured-badge)")
    assert featured.count() == 1 and model.site.featured_event.title in featured.inner_text()
    assert _no_sideways_scroll(page)

    # Filter by the actor involved in the most events: only their events stay visible.
    actor = max(model.actors, key=lambda a: (len(a.participations), a.id))
    involved = [e for e in events if any(p.actor is actor for p in e.participants)]
    page.get_by_label("Show the events involving").select_option(actor.id)
    visible = [items.nth(i).locator("strong a").inner_text() for i in range(items.count()) if items.nth(i).is_visible()]
    assert visible == [e.title for e in involved]
    assert (
        page.get_by_role("status").inner_text()
        == f"Showing {len(involved)} of {len(events)} events involving {actor.name}."
    )
    assert page.url.endswith(f"?actor={actor.id}")
    page.reload()
    assert page.get_by_label("Show the events involving").input_value() == actor.id


def test_timeline_is_complete_without_javascript(open_page, model):
    page = open_page("timeline/", viewport=PHONE, js=False)
    assert page.locator("article li:has(time)").count() == len(model.events)
    assert page.locator("#timeline-filter").is_hidden()


def test_matrix_on_a_phone(open_page, model):
    """On a phone the matrix is one card per claim listing its actors by position: no sideways
    scrolling; the grid is hidden (display:none, so nothing is read twice)."""
    page = open_page("who-says-what/", viewport=PHONE)
    assert _no_sideways_scroll(page)
    # The legend is folded on a phone (one line, one tap to open), so the first card is on the first screen.
    legend = page.locator("article details.legend")
    assert legend.get_attribute("open") is None
    assert legend.locator("summary").inner_text() == "What the words mean"
    assert page.locator("article .matrix-cards > ul > li").first.bounding_box()["y"] < PHONE["height"]
    legend.locator("summary").click()
    assert legend.locator("li").first.is_visible()
    sheet = matrix.matrix_sheets(model)[0]
    sections = page.locator("article h2")
    assert [sections.nth(i).inner_text().removesuffix("¶").strip() for i in range(len(sheet.sections))] == [
        s.event.title if s.event else "Claims about no particular event" for s in sheet.sections
    ]
    assert page.locator("article table").first.is_hidden()
    cards = page.locator("article .matrix-cards > ul > li")
    claims = [c for s in sheet.sections for c in s.claims]
    assert cards.count() == len(claims)
    for i, claim in enumerate(claims):
        card = cards.nth(i)
        assert card.is_visible()
        assert card.locator("a").first.inner_text() == f"Claim: {claim.proposition}"
        rows = card.locator(":scope > ul > li")
        expected = [(p, [s.actor.name for s in claim.stances if s.position == p]) for p in POSITIONS]
        expected = [(p, names) for p, names in expected if names]
        assert rows.count() == len(expected)
        for j, (position, names) in enumerate(expected):
            row = rows.nth(j)
            assert row.locator(".position").inner_text() == position.replace("-", " ").capitalize()
            assert [row.locator("a[href*='actors/']").nth(k).inner_text() for k in range(len(names))] == names
            assert row.locator("sup a.footnote-ref").count() >= len(names)  # each position cited
        box = card.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_matrix_on_a_desktop_is_the_grid(open_page, model):
    page = open_page("who-says-what/", viewport=DESKTOP)
    assert page.locator("article .matrix-cards").first.is_hidden()
    legend = page.locator("article details.legend")
    assert legend.get_attribute("open") is not None and legend.locator("li").first.is_visible()
    sheet = matrix.matrix_sheets(model)[0]
    busiest = max(sheet.sections, key=lambda s: (s.actors, len(s.claims)))
    table = page.locator("article table").nth(
        sum(len(s.tables) for s in sheet.sections[: sheet.sections.index(busiest)])
    )
    first = busiest.tables[0]
    assert table.is_visible()
    header = [table.locator("th").nth(i).inner_text() for i in range(table.locator("th").count())]
    assert header == ["Claim"] + [a.name for a in first.actors]
    assert table.locator("tbody tr").count() == len(first.rows)
    cells = table.locator("td .position")
    assert cells.count() == sum(len(s) for _, row in first.rows for s in row)
    assert table.locator("td sup a.footnote-ref").count() >= cells.count()


def test_relationship_diagram_is_readable_on_a_phone(open_page, model):
    page = open_page("relationships/", viewport=PHONE)
    img = page.locator("article .graph-scroll img")
    img.wait_for()
    page.wait_for_function("document.querySelector('article .graph-scroll img').complete")
    natural, shown = img.evaluate("i => [i.naturalWidth, i.getBoundingClientRect().width]")
    assert natural > PHONE["width"] and shown == natural  # full size, scrolled sideways, never shrunk to illegible
    assert _no_sideways_scroll(page)
    box = page.locator("article .graph-scroll")
    assert box.get_attribute("tabindex") == "0"
    # The text alternative lists every affiliation and every role.
    affiliations = sum(len(a.affiliations) for a in model.actors)
    roles = sum(len(e.participants) for e in model.events)
    text = page.locator("article")
    assert text.locator("h3:has-text('Affiliations') + ul > li").count() == affiliations
    assert text.locator("h3:has-text('Roles in events') + ul > li > ul > li").count() == roles


def test_diagram_opened_on_its_own_links_every_box(open_page, model):
    page = open_page("relationships/graph.svg", viewport=DESKTOP)
    links = page.locator("svg a")
    hrefs = {links.nth(i).get_attribute("href") for i in range(links.count())}
    assert f"../{url(model.site.featured_event)}" in hrefs
    for href in sorted(hrefs):
        response = page.request.get(page.url.rsplit("/", 1)[0] + "/" + href)
        assert response.ok, href


@pytest.mark.parametrize("kind", ["claim", "event", "source", "actor"])
def test_entity_pages_carry_schema_org_data(open_page, model, kind):
    path = example_paths(model)[kind]
    entity = model.by_id[path.rstrip("/").rsplit("/", 1)[-1]]
    page = open_page(path)
    scripts = page.locator("script[type='application/ld+json']")
    assert scripts.count() == 1
    assert json.loads(scripts.first.text_content()) == jsonld(entity)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_rating_panel_badges_are_one_design_on_a_desktop(open_page, model, scheme):
    """Where the editors' verdict leads the rating panel, it and the derived status under it are
    badges of one design (size, border, a coloured background), in both schemes. A stylesheet
    rule once left unclosed put every badge colour inside a phone-only media query."""
    claim = next(c for c in model.claims if c.assessment)
    page = open_page(url(claim), viewport=DESKTOP, scheme=scheme)
    style = "e => { const s = getComputedStyle(e); return [s.fontSize, s.borderTopWidth, s.paddingLeft, s.backgroundColor]; }"
    verdict = page.locator("article p > .verdict.rating").first.evaluate(style)
    status = page.locator("article p:has(> .verdict.rating) + p > .status").first.evaluate(style)
    assert verdict[:3] == status[:3]
    assert verdict[1] == "2px"
    transparent = "rgba(0, 0, 0, 0)"
    assert verdict[3] != transparent and status[3] != transparent
