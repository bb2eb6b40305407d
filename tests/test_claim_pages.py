"""Claim pages as a reader gets them: the built HTML of a strict MkDocs build, of the fixture and
of the real explainer. Each position entry is its own list item with its actor outside any quote
block; a claim reads as a claim wherever it is named; one rating sits above the first section;
quote blocks hold only a speaker's own words; counts take possibly-identical actors once.

Golden outlines of the fixture's pages are in tests/golden-html/; after an intended change,
regenerate them with
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_claim_pages.py
and read the diff.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import markdown
import pytest
from conftest import BASE, ROOT, load_content
from htmltree import Node, article, claim_problems, outline, parse, positions
from test_build import build

from generator.content.vocab import POSITIONS
from generator.model import entities as m
from generator.site.search import indexed_pages

GOLDEN_HTML = ROOT / "tests" / "golden-html"
# The pages whose structure the golden outlines pin: every claim page, and every page that
# prints claim statuses with their legend.
GOLDEN_PAGES = ("claims/index.html", "who-says-what/index.html", "actors/two-us-defense-officials/index.html")


load = load_content


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> tuple[Path, m.Model]:
    site = tmp_path_factory.mktemp("claim-site")
    result = build(BASE / "content", site)
    assert result.returncode == 0, result.stderr
    return site, load(BASE / "content")


@pytest.fixture(scope="module")
def real_site(real_site) -> tuple[Path, m.Model]:
    """The shared build of the real site (conftest), with its model."""
    return real_site, load(ROOT / "content")


def page(site: Path, entity_or_rel) -> Node:
    rel = entity_or_rel if isinstance(entity_or_rel, str) else f"{entity_or_rel.KIND}/{entity_or_rel.id}/index.html"
    return article((site / rel).read_text(encoding="utf-8"))


def expected_positions(claim: m.Claim) -> list[tuple[str, list[str]]]:
    """What the "Who says what" section must show: each position taken, its actors in order."""
    out = []
    for position in POSITIONS:
        names = [s.actor.name for s in claim.stances if s.position == position]
        if names:
            out.append((position.replace("-", " ").capitalize(), names))
    return out


def shown_positions(root: Node) -> list[tuple[str, list[str]]]:
    """Each position heading with, per list item, the actor link a reader sees outside quote blocks."""
    out = []
    for heading, items in positions(root):
        names = []
        for li in items:
            actors = [
                a.text()
                for a in li.iter("a")
                if "/actors/" in a.attrs.get("href", "") and not any(p.tag == "blockquote" for p in a.ancestors())
            ]
            names.append(actors[0] if len(actors) == 1 else actors)
        out.append((heading, names))
    return out


# --- one list item per position entry --------------------------------------------------


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_every_position_entry_is_its_own_item_with_its_actor_outside_quotes(which, request):
    site, model = request.getfixturevalue(which)
    assert len(model.claims) >= (2 if which == "fixture_site" else 13)
    for claim in model.claims:
        root = page(site, claim)
        assert shown_positions(root) == expected_positions(claim), claim.id
        assert claim_problems(root) == [], claim.id


# The shape the claim template produced before this check existed: a quote block indented under
# one list item, then the next item with no blank line between. Python-Markdown continues the
# quote block lazily, so the second actor lands inside the first actor's quote.
OLD_SHAPE = """\
## Who says what

### Asserts

- [Two defense officials](../actors/two-defense-officials.md), 4 March 2021[^1]

    > &#8220;they believe the Iran-backed Kataeb Hezbollah militia was responsible&#8221; ([Report](../sources/amn.md))
- [Anonymous US officials](../actors/anonymous-us-officials.md), 4 March 2021[^2]

    > &#8220;Sources told Politico they believed Kataib Hezbollah was responsible&#8221; ([Antiwar.com](../sources/antiwar.md))

[^1]: One.
[^2]: Two.
"""


def test_the_old_markdown_shape_fails_the_check():
    root = parse(markdown.markdown(OLD_SHAPE, extensions=["footnotes", "tables", "toc"]))
    assert shown_positions(root) == [("Asserts", ["Two defense officials"])]  # the second actor is gone
    assert claim_problems(root) == [
        "quote block '“they believe the Iran-backed Kataeb Hezbollah mil': holds ['p', 'p'], not one paragraph",
        "quote block '“they believe the Iran-backed Kataeb Hezbollah mil': holds an actor link ['Anonymous US officials']",
        "quote block '“they believe the Iran-backed Kataeb Hezbollah mil': is not a quotation alone",
    ]


# --- a claim reads as a claim ------------------------------------------------------------


def _title(html: str) -> str:
    return next(parse(html).iter("title")).text()


def _jsonld(html: str) -> dict:
    script = next(s for s in parse(html).iter("script") if s.attrs.get("type") == "application/ld+json")
    return json.loads(script.text())


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_heading_title_search_and_schema_name_begin_with_claim(which, request):
    site, model = request.getfixturevalue(which)
    index = {url: meta["title"] for url, meta in indexed_pages(site).items()}
    for claim in model.claims:
        html = (site / "claims" / claim.id / "index.html").read_text(encoding="utf-8")
        proposition = " ".join(claim.proposition.split())
        h1 = next(article(html).iter("h1")).text()
        assert h1 == f"Claim: {proposition}¶"
        assert _title(html) == f"Claim: {proposition} - {model.site.title}"
        assert index[f"/claims/{claim.id}/"] == f"Claim: {proposition}"
        assert _jsonld(html)["name"] == f"Claim: {proposition}"


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_one_rating_sits_above_the_first_section(which, request):
    site, model = request.getfixturevalue(which)
    for claim in model.claims:
        root = page(site, claim)
        top = root.elements()[root.elements().index(next(root.iter("h1"))) + 1 :]
        top = top[: next(i for i, el in enumerate(top) if el.tag == "h2")]
        ratings = [s for el in top for s in el.iter("span") if "rating" in s.classes]
        assert len(ratings) == 1 and top[0].elements()[0] is ratings[0], claim.id
        assert not [
            s for el in root.iter("h2") for s in el.parent.iter("span") if "rating" in s.classes and s not in ratings
        ]
        word = claim.assessment.verdict if claim.assessment else claim.status
        assert ratings[0].text() == word.replace("-", " ").capitalize()
        assert ratings[0].classes == (
            ["verdict", f"verdict-{word}", "rating"] if claim.assessment else ["status", f"status-{word}", "rating"]
        )


def test_every_link_to_a_claim_reads_as_a_claim(fixture_site):
    site, model = fixture_site
    seen = 0
    for html in sorted(site.rglob("*.html")):
        for a in article(html.read_text(encoding="utf-8")).iter("a"):
            if re.search(r"claims/[a-z0-9-]+/(#.*)?$", a.attrs.get("href", "")) and "headerlink" not in a.classes:
                assert a.text().startswith("Claim: "), (html, a.text())
                seen += 1
    assert seen >= 10


# --- whose words -------------------------------------------------------------------------


def test_whose_words_each_quote_is(fixture_site):
    site, model = fixture_site
    root = page(site, model.by_id["kataib-hezbollah-behind-al-asad-attack"])
    texts = [p.text() for li in (li for _, items in positions(root) for li in items) for p in li.elements()]
    assert texts[1:3] == [
        "As American Military News puts it, relaying Politico: “two defense officials familiar with the early intelligence said "
        "they believe the Iran-backed Kataeb Hezbollah militia was responsible”",
        "As Antiwar.com puts it, relaying Politico: “Two officials told Politico that they believe Kataib Hezbollah or an "
        "affiliated group was involved in the attack.”",
    ]
    assert (
        "Antiwar.com’s subheadline, relaying Politico: “Sources told Politico they believed Kataib Hezbollah was responsible”"
        in texts
    )
    assert (
        "American Military News’s headline: “Report: Iran-backed militia is behind rocket attack on US troops in Iraq and past attacks”"
        in texts
    )
    kirby = next(items for heading, items in positions(root) if heading == "Declines to attribute")[0]
    assert [(el.tag, el.text()) for el in kirby.elements()][1:] == [
        ("p", "In John Kirby’s words, as quoted by American Military News:"),
        (
            "blockquote",
            "“We cannot attribute responsibility at this time, and we do not have a complete picture of the extent of the damage.”",
        ),
        ("p", "In John Kirby’s words, as quoted by American Military News:"),
        ("blockquote", "“Let’s let our Iraqi partners investigate.”"),
    ]


@pytest.mark.parametrize("which", ["fixture_site", "real_site"])
def test_only_a_speakers_own_words_stand_in_a_quote_block(which, request):
    site, model = request.getfixturevalue(which)
    for claim in model.claims:
        root = page(site, claim)
        spoken = [c.quote for s in claim.stances for c in s.cite if c.words == "speaker"]
        quotes = list(root.iter("blockquote"))
        assert [q.text() for q in quotes] == [f"“{' '.join(t.split())}”" for t in spoken], claim.id
        for q in quotes:
            before = q.parent.elements()[q.parent.elements().index(q) - 1]
            assert re.match(r"^In .+’s? words, as quoted by .+:$", before.text()), (claim.id, before.text())


# --- counts ------------------------------------------------------------------------------


def test_possibly_identical_actors_count_once(fixture_site):
    site, model = fixture_site
    claim = model.by_id["kataib-hezbollah-behind-al-asad-attack"]
    top = page(site, claim).elements()[2]
    assert top.text() == (
        "Doubted The positions: 2 entries, possibly the same people, assert it; 2 actors report it; "
        "1 actor doubts it; 1 actor declines to attribute it; no one denies it."
    )
    index = page(site, "claims/index.html")
    assert [li.text() for li in index.iter("li")][:2] == [
        "Claim: Kataib Hezbollah carried out the 3 March 2021 rocket attack on Al Asad Air Base. — positions Doubted: "
        "2 entries, possibly the same people, assert it; 2 actors report it; 1 actor doubts it; 1 actor declines to attribute it",
        "Claim: Kataib Hezbollah has a motive to fire on the US after the February 2021 US airstrikes in Syria. — 1 actor asserts it",
    ]
    actor = page(site, model.by_id["two-us-defense-officials"])
    assert (
        "Two US defense officials familiar with the early intelligence and US officials who spoke to Politico may be the "
        "same people under two descriptions: wherever actors are counted, they count once."
    ) in [p.text() for p in actor.iter("p")]


# --- the legend ----------------------------------------------------------------------------


@pytest.mark.parametrize("rel", ["claims/index.html", "who-says-what/index.html"])
def test_every_status_and_position_shown_is_defined_on_the_page(fixture_site, rel):
    site, _ = fixture_site
    root = page(site, rel)
    badges = {(kind, s.text()) for s in root.iter("span") for kind in ("status", "position") if kind in s.classes}
    if rel.startswith("who-says-what"):
        # The matrix folds its legend into a native <details>, open in the HTML (complete without JavaScript).
        folds = [d for d in root.iter("details") if "legend" in d.classes]
        assert len(folds) == 1 and "open" in folds[0].attrs
        assert folds[0].elements()[0].tag == "summary" and folds[0].elements()[0].text() == "What the words mean"
        items = folds[0].elements()[1]
    else:
        legend = next(h for h in root.iter("h2") if h.text().startswith("What the words mean"))
        items = legend.parent.elements()[legend.parent.elements().index(legend) + 1]
    defined = {
        (kind, li.elements()[0].text())
        for li in items.iter("li")
        for kind in ("status", "position")
        if kind in li.elements()[0].classes
    }
    assert badges and badges <= defined


# --- golden outlines -------------------------------------------------------------------------


def test_golden_html_outlines(fixture_site):
    site, model = fixture_site
    rels = [f"claims/{c.id}/index.html" for c in model.claims] + list(GOLDEN_PAGES)
    outlines = {rel: outline(page(site, rel)) for rel in rels}
    if os.environ.get("UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN_HTML, ignore_errors=True)
        for rel, text in outlines.items():
            path = GOLDEN_HTML / rel.replace("/index.html", ".txt")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    on_disk = sorted(p.relative_to(GOLDEN_HTML).as_posix() for p in GOLDEN_HTML.rglob("*.txt"))
    assert on_disk == sorted(rel.replace("/index.html", ".txt") for rel in rels)
    for rel, text in outlines.items():
        assert text == (GOLDEN_HTML / rel.replace("/index.html", ".txt")).read_text(encoding="utf-8"), rel
