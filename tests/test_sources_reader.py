"""Sources a reader can follow, read from the built real site: citations read short
("Antiwar.com, 4 March 2021"), footnote marks stand apart in any engine, and links do not
crowd out the text of the central claim page."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from conftest import ROOT

from generator.content.diagnostics import Report
from generator.pipeline import Settings, load_model, render_pages

CENTRAL_CLAIM = "claims/kataib-hezbollah-behind-al-asad-attack/index.html"


class ArticleText(HTMLParser):
    """The text of a page's <article> as the DOM's textContent has it, and the text of the
    links in it; also each footnote definition's links (the citation's own link text)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.article = self.link = self.footnote = 0
        self.text: list[str] = []
        self.links: list[str] = []
        self.note_links: list[str] = []
        self._current: list[str] = []
        self._classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self.article += 1
        if tag == "div" and "footnote" in (a.get("class") or "").split():
            self.footnote = self.article
        if self.article and tag == "a":
            self.link += 1
            self._current = []
            self._classes.append(a.get("class") or "")

    def handle_endtag(self, tag):
        if tag == "article":
            self.article -= 1
        if self.article and tag == "a" and self.link:
            self.link -= 1
            text = "".join(self._current)
            self.links.append(text)
            if self.footnote and "footnote-backref" not in self._classes.pop():
                self.note_links.append(text)

    def handle_data(self, data):
        if self.article:
            self.text.append(data)
            if self.link:
                self._current.append(data)


def read(path) -> ArticleText:
    page = ArticleText()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_links_are_at_most_a_third_of_the_central_claim_page(real_site):
    page = read(real_site / CENTRAL_CLAIM)
    total = len("".join(page.text))
    linked = sum(len(t) for t in page.links)
    assert total > 3000  # the page is there, with its positions and notes
    assert linked * 3 <= total, f"{linked} of {total} characters are link text"


def test_citations_name_the_publisher_and_date_not_the_headline(real_site):
    page = read(real_site / CENTRAL_CLAIM)
    assert sorted(set(page.note_links)) == ["AMN, 4 March 2021", "Antiwar.com, 4 March 2021"]
    text = "".join(page.text)
    # The headline is on the source's page, not repeated in every note.
    assert "Anonymous US Officials Blame" not in text
    assert (
        "AMN, 4 March 2021, relaying Pentagon (John Kirby), 3 March 2021. \u201cWe cannot attribute responsibility at this time\u201d"
        in text
    )


def test_footnote_marks_are_apart_in_the_markdown_and_the_html(real_site):
    settings = Settings(content=ROOT / "content", base=ROOT)
    report = Report()
    pages = render_pages(load_model(settings, report), settings)
    joined = {path for path, text in pages.items() if re.search(r"\[\^\d+\]\[\^\d+\]", text)}
    assert joined == set()
    assert any(re.search(r"\[\^\d+\] \[\^\d+\]", text) for text in pages.values())  # the case exists
    for html in real_site.rglob("*.html"):
        assert "</sup><sup" not in html.read_text(encoding="utf-8"), html


def test_a_source_page_says_who_published_it_when_what_it_says_and_where_to_read_it(real_site):
    amn = "".join(read(real_site / "sources/amn-2021-03-04-iran-backed-militia-behind-attack/index.html").text)
    assert "News report · published by American Military News · 4 March 2021" in amn
    assert "What it says: Reports that unnamed US and Iraqi officials told Politico" in amn
    assert (
        "How the editors know it: they read it themselves, and every quotation from it on this site is checked" in amn
    )
    assert "The original: read it at its publisher (the editors know of no archived copy)." in amn
    page = (real_site / "sources/amn-2021-03-04-iran-backed-militia-behind-attack/index.html").read_text(
        encoding="utf-8"
    )
    assert (
        'href="https://americanmilitarynews.com/2021/03/report-iran-backed-militia-is-behind-rocket-attack-on-us-troops-'
        'in-iraq-and-past-attacks/"'
    ) in page

    politico = "".join(read(real_site / "sources/politico-2021-03-04-officials-blame-militia/index.html").text)
    assert (
        "How the editors know it: only through AMN, 4 March 2021 and Antiwar.com, 4 March 2021, which relay it; "
        "they have not read the original."
    ) in politico
    assert "The original: the editors have no address for it." in politico


def test_source_pages_list_uses_in_readers_words(real_site):
    amn = "".join(read(real_site / "sources/amn-2021-03-04-iran-backed-militia-behind-attack/index.html").text)
    assert "John Kirby: who they are; spokesperson for US Department of Defense" in amn
    assert "Front page: the opening summary; the answer to \u201cWhat happened?\u201d" in amn
    assert "John Kirby's position (declines to attribute)" in amn
    for page in sorted((real_site / "sources").glob("*/index.html")):
        text = "".join(read(page).text)
        # (The casualty lines read "casualties: US contractor": build.casualty belongs to the `facts` change.)
        for field_name in ("stance of ", "Front page: front page", ": summary", "Other ·"):
            assert field_name not in text, (page.parent.name, field_name)
