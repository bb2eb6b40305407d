"""Facts with the sources' precision, and events in the order they happened.

Casualty figures say what the source says (a death while sheltering is not a killing;
none reported is not zero), on the event page and in the open data alike. The timeline
orders events by date and, where dates overlap, by their recorded relations, never by id;
each entry carries its summary's first sentence with the sources for it.
"""

from __future__ import annotations

import csv
import io
import json
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT

from generator.content.values import Loc, PartialDate
from generator.model import entities as m
from generator.model import timeline

AL_ASAD = "al-asad-air-base-rocket-attack-2021-03-03"
LOC = Loc("f", 1, 1, "")


# --- casualty figures ------------------------------------------------------------------


def figure(kind, count, qualifier="exactly", reported="stated", who=None, cause=None) -> m.Casualty:
    return m.Casualty(kind, count, None if reported == "none" else qualifier, reported, who, cause, None, ())


@pytest.mark.parametrize(
    "casualty,text",
    [
        (
            figure(
                "died",
                1,
                who="US contractor",
                cause="after suffering from a cardiac episode while sheltering from the attack",
            ),
            "1 died: US contractor, after suffering from a cardiac episode while sheltering from the attack",
        ),
        (
            figure("injured", None, reported="none", cause="as a direct result of rocket impacts"),
            "No injuries reported as a direct result of rocket impacts",
        ),
        (figure("killed", None, reported="none", who="US personnel"), "No deaths reported: US personnel"),
        (
            figure("injured", 100, "more-than", "reportedly", "US troops", "suffering traumatic brain injuries (TBIs)"),
            "Reportedly more than 100 injured: US troops, suffering traumatic brain injuries (TBIs)",
        ),
        (figure("killed", 0, who="US personnel"), "None killed: US personnel"),
        (
            figure("killed", 2, "at-least", who="Qassem Soleimani and Abu Mahdi al-Muhandis"),
            "At least 2 killed: Qassem Soleimani and Abu Mahdi al-Muhandis",
        ),
        (figure("injured", 6, "about", who="people"), "About 6 injured: people"),
    ],
)
def test_a_figure_reads_as_the_source_gives_it(casualty, text):
    assert casualty.statement == text


# --- timeline order ----------------------------------------------------------------------


def event(id_: str, date: PartialDate, *related: tuple[str, m.Event], approximate: bool = False) -> m.Event:
    e = m.Event(id=id_, file="", title=id_, date=date, approximate=approximate, kind="attack")
    e.related = tuple(m.Related(relation, other, ()) for relation, other in related)
    return e


def order(*events: m.Event) -> list[str]:
    model = m.Model(site=None, actors=(), events=tuple(sorted(events, key=lambda e: e.id)), claims=(), sources=())
    return [e.id for e in timeline.timeline_events(model)]


def test_relations_order_events_whose_dates_overlap_where_ids_sort_the_other_way():
    attack = event("z-attack", PartialDate(2021, 3, 3))
    statement = event("a-statement", PartialDate(2021, 3, 3), ("response-to", attack))
    inquiry = event("b-inquiry", PartialDate(2021, 3), ("investigates", attack))  # the month overlaps the day
    reprisal = event("c-reprisal", PartialDate(2021, 3, 3), ("retaliation-for", statement))
    earlier = event("y-earlier", PartialDate(2021, 2, 27))
    later = event("x-later", PartialDate(2021, 3, 4))
    assert order(attack, statement, inquiry, reprisal, earlier, later) == [
        "y-earlier",
        "z-attack",
        "b-inquiry",
        "a-statement",
        "c-reprisal",
        "x-later",
    ]


def test_approximate_months_follow_what_they_respond_to():
    rockets = event("rocket-attack", PartialDate(2019, 12))
    strikes = event("us-strikes", PartialDate(2019, 12), ("response-to", rockets), approximate=True)
    storming = event("storming", PartialDate(2019, 12), ("response-to", strikes), approximate=True)
    assert order(storming, strikes, rockets) == ["rocket-attack", "us-strikes", "storming"]


def test_a_relation_never_pulls_an_event_across_a_date_it_cannot_share():
    later = event("a-later", PartialDate(2021, 5))
    earlier = event("b-earlier", PartialDate(2020, 1), ("follows", later))  # contradicts the dates: the dates win
    assert order(later, earlier) == ["b-earlier", "a-later"]


def test_a_loop_of_relations_still_gives_every_event_once_in_a_fixed_order():
    p = event("p", PartialDate(2021, 3, 3))
    q = event("q", PartialDate(2021, 3, 3), ("follows", p))
    r = event("r", PartialDate(2021, 3, 3), ("follows", q))
    p.related = (m.Related("follows", r, ()),)
    first = event("a-first", PartialDate(2021, 3, 1))
    assert order(p, q, r, first) == ["a-first", "p", "q", "r"]
    assert order(r, q, first, p) == ["a-first", "p", "q", "r"]


def test_part_of_places_nothing():
    whole = event("z-whole", PartialDate(2021, 3, 3))
    part = event("a-part", PartialDate(2021, 3, 3), ("part-of", whole))
    assert order(whole, part) == ["a-part", "z-whole"]


# --- timeline entries ----------------------------------------------------------------------


def text(*segments) -> m.Text:
    return m.Text((tuple(segments),))


def test_first_sentence_skips_abbreviations_and_keeps_links():
    kh = m.Actor(id="kataib-hezbollah", file="", name="Kataib Hezbollah")
    lead = timeline.first_sentence(
        text("The U.S. and Gen. Smith met c. 1 May in St. Louis with ", m.EntityLink(kh, None), ". They talked. More")
    )
    assert lead.plain() == "The U.S. and Gen. Smith met c. 1 May in St. Louis with Kataib Hezbollah."
    assert isinstance(lead.paragraphs[0][1], m.EntityLink)
    assert timeline.first_sentence(text("No full stop at all")).plain() == "No full stop at all"
    assert timeline.first_sentence(text("Iran said no. Then more.")).plain() == "Iran said no."
    assert timeline.first_sentence(text("He asked “Why?” Nobody knew.")).plain() == "He asked “Why?”"
    assert (
        timeline.first_sentence(text("A claim (", m.EntityLink(kh, "the claim"), "). The next.")).plain()
        == "A claim (the claim)."
    )
    two = m.Text((("First paragraph, no stop",), ("Second.",)))
    assert timeline.first_sentence(two).plain() == "First paragraph, no stop"


def test_the_lead_keeps_the_citations_that_support_its_sentence():
    amn, aw = (m.Source(id=i, file="", title=i) for i in ("amn", "aw"))
    cite = lambda source, quote=None: m.Citation(source, quote, None, None, LOC, LOC)  # noqa: E731 (a one-line helper, read where it is used)
    whole, unrelated, quoted = (
        cite(amn),
        cite(amn, "we do not have a complete picture"),
        cite(aw, "Ten rockets were fired."),
    )
    e = event("e", PartialDate(2021, 3, 3))
    e.summary = m.CitedText(
        text("Ten rockets were fired. We do not have a complete picture, he said."), (whole, unrelated, quoted)
    )
    lead, cites = timeline.timeline_lead(e)
    assert lead.plain() == "Ten rockets were fired." and cites == (whole, quoted)
    kh = m.Actor(id="kh", file="", name="Kataib Hezbollah")
    claim = m.Claim(id="c", file="", proposition="KH did it.")
    e.summary = m.CitedText(
        text("Blamed on ", m.EntityLink(kh, None), " (", m.EntityLink(claim, "the claim"), "). More."), (whole,)
    )
    lead = timeline.timeline_lead(e)[0]
    assert lead.paragraphs == (("Blamed on Kataib Hezbollah (", lead.paragraphs[0][1], ")."),)
    assert lead.paragraphs[0][1].entity is claim  # links to claims and events stay links
    e.summary = m.CitedText(text("Ten rockets. Then more."), (unrelated,))
    assert timeline.timeline_lead(e)[1] == (unrelated,)  # never uncited


# --- the real site, as a reader gets it ------------------------------------------------


class _Items(HTMLParser):
    """The text of each <li> inside the article (nested lists excluded), footnote marks dropped."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self.depth = 0  # open <li> elements
        self.in_article = self.in_sup = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.in_article = True
        elif tag == "li" and self.in_article:
            self.depth += 1
            if self.depth == 1:
                self.items.append({"text": "", "hrefs": [], "notes": 0, "id": a.get("id") or ""})
        elif tag == "sup" and self.depth:
            self.in_sup = True
            self.items[-1]["notes"] += 1
        elif tag == "a" and self.depth == 1 and not self.in_sup:
            self.items[-1]["hrefs"].append(a.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article = False
        elif tag == "li" and self.depth:
            self.depth -= 1
        elif tag == "sup":
            self.in_sup = False

    def handle_data(self, data):
        if self.depth == 1 and not self.in_sup:
            self.items[-1]["text"] += data


def items(page: Path) -> list[dict]:
    p = _Items()
    p.feed(page.read_text(encoding="utf-8"))
    return [dict(i, text=" ".join(i["text"].split())) for i in p.items if not i["id"].startswith("fn:")]


def article_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    body = html[html.index("<article") : html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_al_asad_page_says_died_and_none_reported_never_killed_or_zero(real_site):
    page = real_site / "events" / AL_ASAD / "index.html"
    html = page.read_text(encoding="utf-8")
    section = html[html.index('id="casualties"') : html.index('id="related-events"')]
    lis = [
        " ".join(unescape(re.sub(r"<sup.*?</sup>|<[^>]+>", "", li)).split())
        for li in re.findall(r"<li>(.*?)</li>", section, re.S)
    ]
    assert lis == [
        "1 died: US contractor, after suffering from a cardiac episode while sheltering from the attack",
        "No injuries reported as a direct result of rocket impacts",
    ]
    assert section.count('class="footnote-ref"') == 2
    text = article_text(page)
    # The Updates list records corrections, the old figure included ("Casualty figure removed:
    # 1 killed: ..."): what the page states is everything above it.
    stated, _, corrections = text.partition("Updates ¶")
    assert not re.search(r"\bkilled\b", stated, re.I) and not re.search(r"\b0 injured", stated)
    assert all(
        "removed" in line or "changed" in line for line in re.findall(r"[^.]*\bkilled\b[^.]*", corrections, re.I)
    )


def test_the_casualty_data_carries_cause_and_none_reported(real_site):
    rows = list(csv.DictReader(io.StringIO((real_site / "data" / "casualties.csv").read_text(encoding="utf-8"))))
    al_asad = [r for r in rows if r["event_id"] == AL_ASAD]
    assert [{k: r[k] for k in ("kind", "reported", "count", "qualifier", "who", "cause")} for r in al_asad] == [
        {
            "kind": "died",
            "reported": "stated",
            "count": "1",
            "qualifier": "exactly",
            "who": "US contractor",
            "cause": "after suffering from a cardiac episode while sheltering from the attack",
        },
        {
            "kind": "injured",
            "reported": "none",
            "count": "",
            "qualifier": "",
            "who": "",
            "cause": "as a direct result of rocket impacts",
        },
    ]
    tbi = next(r for r in rows if r["reported"] == "reportedly")
    assert (tbi["count"], tbi["qualifier"], tbi["statement"]) == (
        "100",
        "more-than",
        "Reportedly more than 100 injured: US troops, suffering traumatic brain injuries (TBIs)",
    )
    package = json.loads((real_site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "casualties" for f in r["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"] == ["killed", "died", "injured"]
    assert fields["reported"]["constraints"]["enum"] == ["stated", "reportedly", "none"]
    assert "required" not in fields["count"].get("constraints", {})
    nested = json.loads((real_site / "data" / "explainer.json").read_text(encoding="utf-8"))
    figures = next(e for e in nested["events"] if e["id"] == AL_ASAD)["casualties"]
    assert [(f["kind"], f["reported"], f.get("count"), f["cause"]) for f in figures] == [
        ("died", "stated", 1, "after suffering from a cardiac episode while sheltering from the attack"),
        ("injured", "none", None, "as a direct result of rocket impacts"),
    ]
    # Nothing said about the attack in the data counts a killing or zero injured.
    events = list(csv.DictReader(io.StringIO((real_site / "data" / "events.csv").read_text(encoding="utf-8"))))
    said = [json.dumps(r) for r in al_asad] + [json.dumps(r) for r in events if r["id"] == AL_ASAD]
    said.append(json.dumps(next(e for e in nested["events"] if e["id"] == AL_ASAD)))
    assert len(said) == 4 and [x for x in said if re.search(r"\bkilled\b|\b0 injured", x)] == []


def test_the_timeline_shows_responses_after_what_they_answer(real_site):
    entries = items(real_site / "timeline" / "index.html")
    ids = [next(h.split("/")[-2] for h in e["hrefs"] if "/events/" in h) for e in entries]
    assert ids.index("us-airstrikes-on-kataib-hezbollah-2019-12") < ids.index("storming-of-us-embassy-baghdad-2019-12")
    assert ids.index("rocket-attack-2019-12") < ids.index("us-airstrikes-on-kataib-hezbollah-2019-12")
    assert ids.index(AL_ASAD) < ids.index("iraqi-investigation-of-al-asad-attack-2021-03")
    assert ids == sorted(ids, key=ids.index) and len(ids) == len(set(ids)) == len(
        list((ROOT / "content" / "events").glob("*.yaml"))
    )


def test_each_timeline_entry_has_its_first_sentence_and_sources(real_site):
    entries = {
        next(h.split("/")[-2] for h in e["hrefs"] if "/events/" in h): e
        for e in items(real_site / "timeline" / "index.html")
    }
    al_asad = entries[AL_ASAD]
    assert (
        "Featured event On Wednesday 3 March 2021 a rocket attack hit Al Asad Air Base in Iraq. Rocket attack,"
        in al_asad["text"]
    )
    assert al_asad["notes"] == 2 and not re.search(r"\bkilled\b", al_asad["text"])
    storming = entries["storming-of-us-embassy-baghdad-2019-12"]
    assert (
        "American Military News reports that Kataib Hezbollah and other pro-Iranian militias responded to the US airstrikes "
        "by attempting to storm the US Embassy in Baghdad. Storming,"
    ) in storming["text"]
    assert all(e["notes"] >= 1 for e in entries.values())
    # Actors in the sentence are text, not links: the actor filter reads only the participants' links.
    assert sum("actors/us-embassy-baghdad/" in h for h in storming["hrefs"]) == 1
    december = entries["rocket-attack-2019-12"]
    assert "A rocket attack in December 2019. Rocket attack." in december["text"]
    # Links to events in the sentence stay links.
    assert any(h.endswith("events/us-airstrikes-on-kataib-hezbollah-2019-12/") for h in storming["hrefs"])
