"""The real site as a reader meets it: an about page with the scope and every definition,
"as of" and a way to it on every page, and Updates from git on entity pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

from generator.content.vocab import ACCESS, POSITIONS, SOURCE_KINDS, VERDICTS
from generator.model.ratings import STATUSES
from generator.site.page import TERMS, PageContext, term_anchor
from generator.site.text import humanize

AS_OF = "Covers reporting as of 4 March 2021."
DATED = re.compile(r"(\d{1,2} [A-Z][a-z]+ \d{4}): \S")


class Article(HTMLParser):
    """The article's text by element: list items (with the id of a span they open with),
    the <small> lines, the h2 each list item falls under, and every link."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[dict] = []
        self.smalls: list[str] = []
        self.stamps: list[str] = []  # the paragraph that ends every page
        self.links: list[str] = []
        self.h1 = ""
        self._open: list[tuple[str, dict]] = []
        self._h2 = ""
        self._in_article = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._in_article = True
        if not self._in_article:
            return
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "div" and "footnote" in (a.get("class") or "").split():
            self._h2 = "footnotes"  # the footnotes extension puts its list after the last section
        if tag in ("li", "p", "small", "h1", "h2"):
            self._open.append((tag, {"text": "", "id": a.get("id"), "span": None, "section": self._h2}))
        if (
            tag == "span"
            and a.get("id")
            and self._open
            and self._open[-1][0] == "li"
            and not self._open[-1][1]["text"].strip()
        ):
            self._open[-1][1]["span"] = a["id"]

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article = False
        if not self._open or self._open[-1][0] != tag:
            return
        _, item = self._open.pop()
        text = " ".join(item["text"].split()).removesuffix("¶").rstrip()
        if self._open:
            self._open[-1][1]["text"] += item["text"]
        if tag == "li":
            self.items.append({**item, "text": text})
        elif tag == "small":
            self.smalls.append(text)
        elif tag == "p" and text.startswith("Covers reporting as of"):
            self.stamps.append(text)
        elif tag == "h1":
            self.h1 = text
        elif tag == "h2":
            self._h2 = item["id"] or text

    def handle_data(self, data):
        if self._open:
            self._open[-1][1]["text"] += data


def read(path: Path) -> Article:
    page = Article()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pages_of(site: Path) -> list[Path]:
    # 404.html is Material's page for a missing address, not a page of the explainer.
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def test_the_about_page_says_what_is_covered_and_up_to_when(real_site):
    about = read(real_site / "about" / "index.html")
    assert about.h1 == "About this explainer"
    text = " ".join(i["text"] for i in about.items if i["section"] == "what-it-covers")
    assert text == (
        "Report: Iran-backed militia is behind rocket attack on US troops in Iraq and past attacks, "
        "American Military News, 4 March 2021 "
        "Anonymous US Officials Blame ‘Iranian-Backed’ Militia For Latest Iraq Rocket Attack, Antiwar.com, 4 March 2021"
    )
    html = (real_site / "about" / "index.html").read_text(encoding="utf-8")
    assert 'It covers reporting published up to <time datetime="2021-03-04">4 March 2021</time>' in html


def test_every_definition_comes_from_the_code_with_its_anchor(real_site):
    about = read(real_site / "about" / "index.html")
    defined = {i["span"]: i["text"] for i in about.items if i["span"]}
    expected = {}
    for group, words in (
        ("status", STATUSES),
        ("position", POSITIONS),
        ("verdict", VERDICTS),
        ("source-kind", SOURCE_KINDS),
        ("access", ACCESS),
    ):
        for word, definition in words.items():
            expected[f"{group}-{word}"] = f"{humanize(word).capitalize()}: {definition}"
    assert defined == expected
    assert defined["status-disputed"] == f"Disputed: {STATUSES['disputed']}"


def test_a_page_links_to_a_definition_by_its_anchor():
    page = PageContext("claims/x.md")
    assert page.term("status", "disputed") == "[Disputed](../about/index.md#status-disputed)"
    assert (
        page.term("position", "declines-to-attribute", "declined")
        == "[declined](../about/index.md#position-declines-to-attribute)"
    )
    assert term_anchor("access", "relayed") == "access-relayed"
    with pytest.raises(ValueError):
        term_anchor("status", "<script>")
    with pytest.raises(ValueError):
        page.term("status", "true")
    assert sorted(TERMS) == ["access", "position", "source-kind", "status", "verdict"]


def test_every_page_says_as_of_and_links_to_the_about_page(real_site):
    pages = pages_of(real_site)
    assert len(pages) >= 70
    about = (real_site / "about" / "index.html").resolve()
    for path in pages:
        page = read(path)
        assert len(page.stamps) == 1 and page.stamps[0].startswith(AS_OF), (path, page.stamps)
        assert page.stamps[0].endswith(". How this explainer works, and how to send a correction"), path
        assert page.smalls == [
            page.stamps[0].removesuffix(" How this explainer works, and how to send a correction")
        ], path
        targets = {
            (path.parent / href.split("#")[0]).resolve() for href in page.links if not href.startswith(("http", "#"))
        }
        assert about.parent in targets or about in targets, path


def test_entity_pages_list_their_updates_from_git_and_are_dated_by_them(real_site):
    files = sorted((ROOT / "content").glob("*/*.yaml"))
    for file in files:
        page = read(real_site / file.parent.name / file.stem / "index.html")
        # One item per change, dated; a change of several lines lists them inside its item.
        updates = [i["text"] for i in page.items if i["section"] == "updates" and DATED.match(i["text"])]
        assert updates, file
        dates = [DATED.match(u).group(1) for u in updates]
        assert updates[-1] == f"{dates[-1]}: Added to the explainer", file  # the oldest: when the file was created
        assert page.smalls[0].endswith(f" Last updated {dates[0]}."), file  # the newest change dates the page


def test_site_yaml_sets_the_scope_and_no_direct_source_is_later_than_as_of():
    site = yaml.safe_load((ROOT / "content" / "site.yaml").read_text(encoding="utf-8"))
    assert str(site["as_of"]) == "2021-03-04" and site["scope"]["cite"]
    for path in (ROOT / "content" / "sources").glob("*.yaml"):
        source = yaml.safe_load(path.read_text(encoding="utf-8"))
        if source["access"] == "direct":
            assert str(source["published"]) <= str(site["as_of"]), path


def test_workflows_that_build_the_site_fetch_its_history():
    for path in sorted((ROOT / ".github" / "workflows").glob("*.yml")):
        workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, job in workflow["jobs"].items():
            runs = " ".join(step.get("run", "") for step in job.get("steps", []))
            if not re.search(r"make (site|test)|explainer build|mkdocs build|pytest", runs):
                continue
            # The repository's own checkout (not another repository's, such as the quote archive).
            checkouts = [
                s
                for s in job["steps"]
                if s.get("uses", "").startswith("actions/checkout@") and "repository" not in s.get("with", {})
            ]
            assert checkouts and all(s.get("with", {}).get("fetch-depth") == 0 for s in checkouts), (
                f"{path.name}: {name}"
            )


def test_corrections_go_to_the_repository_the_edit_links_use(monkeypatch):
    from conftest import BASE
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    monkeypatch.setenv("EXPLAINER_CONTENT", str(BASE / "content"))
    monkeypatch.setenv("EXPLAINER_REPO_URL", "https://github.com/example/al-asad-explainer")
    monkeypatch.delenv("EXPLAINER_ARCHIVE", raising=False)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    about = config.plugins.on_files(Files([]), config=config).get_file_from_path("about/index.md").content_string
    assert (
        "To send one, [open an issue](https://github.com/example/al-asad-explainer/issues/new) in the "
        "[explainer's repository](https://github.com/example/al-asad-explainer) naming the page"
    ) in about


@pytest.mark.parametrize(
    "url", [None, "", "http://github.com/x/y", "https://user:pw@github.com/x/y", "javascript:alert(1)"]
)
def test_without_a_usable_repository_the_about_page_says_how_plainly(url):
    from conftest import BASE

    from generator.content.diagnostics import Report
    from generator.pipeline import Settings, load_model, render_pages

    settings = Settings(content=BASE / "content", base=BASE, repo_url=url)
    about = render_pages(load_model(settings, Report()), settings)["about/index.md"]
    assert (
        "This copy of the site does not say which repository it was built from. To send a correction, write to" in about
    )
    assert "open an issue" not in about and "](http" not in about
