"""Linked model -> {page path: Markdown text}, through the Jinja2 templates.

Editor text is data. Every editor string reaches Markdown through `inert`, which turns
each character that Markdown, its extensions or HTML could read as syntax into a numeric
character reference: the reader sees the same text, and no parser sees structure.
Links are built only from ids (to our own pages) and from validated URL fields.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import jinja2

from ..content.patterns import url_problem
from ..content.values import PartialDate
from ..content.vocab import (
    ACCESS,
    ACTOR_KINDS,
    AFFILIATION_RELATIONS,
    CASUALTY_QUALIFIERS,
    EVENT_KINDS,
    EVENT_RELATIONS,
    PARTICIPANT_ROLES,
    POSITIONS,
    SOURCE_KINDS,
    VERDICTS,
)
from ..model import entities as m
from ..model import views
from ..model.lists import LIST_LIMIT, long_lists, relationship_parts
from ..model.matrix import Sheet, matrix_sheets
from ..model.ratings import RATINGS, STATUSES, rating
from ..model.statements import chains_by_source, statement_routes
from ..model.timeline import timeline_pages
from ..model.urls import ABOUT, DATA, FRONT, GRAPH, GRAPH_SVG, MATRIX, index_path, page_path, page_url, relative
from . import jsonld
from .data import tables
from .history import History, day, updates
from .resources import TEMPLATES
from .sections import index_parts
from .text import format_date, humanize, inert, inert_segment, md_url, source_short


class Footnotes:
    """Numbers a page's citations in order of first use; one note per distinct citation."""

    def __init__(self, page: str, href=None):
        self.page = page
        self.href = href or (lambda target: relative(page_path(target), page))
        self.notes: list[str] = []
        self.index: dict[tuple, int] = {}

    def ref(self, cites) -> str:
        """The marks for these citations, each separated from the next by a space in the Markdown
        itself, so that every engine shows "1 2", never "12"."""
        marks = []
        for c in cites:
            key = (c.source.id, c.quote, c.note, c.via.id if c.via is not None else None)
            if key not in self.index:
                self.notes.append(self._definition(c))
                self.index[key] = len(self.notes)
            marks.append(f"[^{self.index[key]}]")
        return " ".join(dict.fromkeys(marks))

    def _link(self, s: m.Source) -> str:
        return f"[{inert(source_short(s))}]({self.href(s)})"

    def _definition(self, c: m.Citation) -> str:
        """Short: the source as "Publisher, date" linked to its page (which carries the headline),
        the report it relays, the editors' note and the exact words."""
        text = self._link(c.source)
        if c.via is not None:  # named, not linked: one link a note keeps a page of notes readable
            text += f", relaying {inert(source_short(c.via))}"
        text += "&#46;"
        if c.note:
            text += f" {inert(c.note)}&#46;"
        if c.quote:
            text += f" &#8220;{inert(c.quote)}&#8221;"
        return text

    def definitions(self) -> str:
        return "\n".join(f"[^{i}]: {text}" for i, text in enumerate(self.notes, 1))


def make_env(templates: Path = TEMPLATES) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; `inert` does the escaping that matters
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment serves one build: without this, every get_template and import
        # stats the template file again (tens of thousands of times at 10,000 pages).
        auto_reload=False,
    )
    env.filters.update(
        inert=inert,
        md_url=md_url,
        date=format_date,
        humanize=humanize,
        source_short=source_short,
        status_badge=status_badge,
        position_badge=position_badge,
        verdict_badge=verdict_badge,
        time_tag=time_tag,
        lower_first=lambda t: t[:1].lower() + t[1:],
        capitalize_first=lambda t: t[:1].upper() + t[1:],
    )
    env.tests["rated"] = lambda claim, word: rating(claim)[0] == word
    env.globals.update(
        STATUSES=STATUSES,
        POSITIONS=POSITIONS,
        ACTOR_KINDS=ACTOR_KINDS,
        EVENT_KINDS=EVENT_KINDS,
        SOURCE_KINDS=SOURCE_KINDS,
        PARTICIPANT_ROLES=PARTICIPANT_ROLES,
        AFFILIATION_RELATIONS=AFFILIATION_RELATIONS,
        EVENT_RELATIONS=EVENT_RELATIONS,
        CASUALTY_QUALIFIERS=CASUALTY_QUALIFIERS,
        ACCESS=ACCESS,
        VERDICTS=VERDICTS,
        RATINGS=RATINGS,
        rating=rating,
        ABOUT=ABOUT,
    )
    return env


class PageContext:
    """What a template needs about the page it renders: links relative to it, its footnotes."""

    def __init__(self, path: str):
        self.path = path
        self.notes = Footnotes(path, self.href)
        self.targets: set[str] = set()  # every page this one links to, for backlinks

    def href(self, target) -> str:
        path = target if isinstance(target, str) else page_path(target)
        self.targets.add(path)
        return relative(path, self.path)

    def link(self, entity, label: str | None = None) -> str:
        """A link to an entity's page. A source reads as a citation ("Antiwar.com, 4 March 2021")
        unless the template gives its headline: the headline is on the source's own page; a claim
        reads as a claim ("Claim: ...")."""
        if label is None:
            label = source_short(entity) if isinstance(entity, m.Source) else link_text(entity)
        return f"[{inert(label)}]({self.href(entity)})"

    def prose(self, text: m.Text) -> str:
        paras = []
        for para in text.paragraphs:
            paras.append("".join(inert_segment(s) if isinstance(s, str) else self.link(s.entity, s.text) for s in para))
        return "\n\n".join(paras)

    def cite(self, cites) -> str:
        return self.notes.ref(cites)

    def term(self, group: str, key: str, label: str | None = None) -> str:
        """A link to the about page's definition of a word from a closed list, e.g.
        term("status", "disputed") -> [Disputed](../about/index.md#status-disputed)."""
        return f"[{inert(label or TERMS[group].label(key))}]({self.href(ABOUT)}#{term_anchor(group, key)})"


class Terms:
    """One closed list of words the site uses (statuses, positions, ...), defined on the about page."""

    def __init__(self, group: str, title: str, definitions: dict[str, str]):
        self.group, self.title, self.definitions = group, title, definitions

    def label(self, key: str) -> str:
        if key not in self.definitions:
            raise ValueError(f"not a {self.group}: {key!r}")
        return humanize(key).capitalize()

    def items(self) -> list[tuple[str, str, str, str]]:
        """(anchor, word, label, definition) for each word, in the list's own order."""
        return [(term_anchor(self.group, k), k, self.label(k), d) for k, d in self.definitions.items()]


# The about page defines these, each under an anchor other pages link to (about/#status-disputed).
# The definitions are the dictionaries the generator itself uses, so page and code cannot drift.
TERMS = {
    t.group: t
    for t in (
        Terms("status", "Claim statuses", STATUSES),
        Terms("position", "Positions", POSITIONS),
        Terms("verdict", "The editors' verdicts", VERDICTS),
        Terms("source-kind", "Kinds of source", SOURCE_KINDS),
        Terms("access", "How the editors know a source", ACCESS),
    )
}
_ANCHOR = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def term_anchor(group: str, key: str) -> str:
    """The id of a definition on the about page; built from the closed lists only, never from editor text."""
    anchor = f"{group}-{key}"
    if group not in TERMS or key not in TERMS[group].definitions or not _ANCHOR.match(anchor):
        raise ValueError(f"no definition for {group} {key!r}")
    return anchor


def link_text(entity) -> str:
    """What a link to an entity says by default. A claim's reads as a claim ("Claim: ..."), so a
    reader who meets only the link never takes an allegation for a fact."""
    return f"Claim: {entity.proposition}" if isinstance(entity, m.Claim) else entity.label


def status_badge(status: str, rating: bool = False) -> str:
    """A claim's derived status as a badge (larger as the page's rating). The value comes from a
    closed list, never from an editor."""
    if status not in STATUSES:
        raise ValueError(f"not a status: {status!r}")
    extra = " rating" if rating else ""
    return f'<span class="status status-{status}{extra}">{humanize(status).capitalize()}</span>'


def verdict_badge(verdict: str, rating: bool = False) -> str:
    """The editors' verdict as a badge (larger as the page's rating); a closed list, never an editor's text."""
    if verdict not in VERDICTS:
        raise ValueError(f"not a verdict: {verdict!r}")
    extra = " rating" if rating else ""
    return f'<span class="verdict verdict-{verdict}{extra}">{verdict.capitalize()}</span>'


def position_badge(position: str) -> str:
    if position not in POSITIONS:
        raise ValueError(f"not a position: {position!r}")
    return f'<span class="position position-{position}">{humanize(position).capitalize()}</span>'


def time_tag(d: PartialDate, approximate: bool = False) -> str:
    """A date as <time>: its precision stays honest ("March 2021", "c. 2019"), machines get ISO."""
    return f'<time datetime="{d.iso()}">{format_date(d, approximate)}</time>'


# Inside a front matter string, every ASCII character but letters, digits and spaces is
# written as a JSON escape, and so is whatever PyYAML refuses or reads as a line break.
# What is left is JSON that YAML reads back as the same value, and that stays plain text
# even for an engine that does not strip front matter and renders it as Markdown.
_ESCAPED_IN_STRINGS = re.compile("[^A-Za-z0-9 \xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")


def _json(value) -> str:
    if isinstance(value, str):
        return '"' + _ESCAPED_IN_STRINGS.sub(lambda mt: f"\\u{ord(mt.group()):04x}", value) + '"'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_json(str(k))}: {_json(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_json(v) for v in value) + "]"
    return json.dumps(value)  # numbers, booleans, null


def front_matter(meta: dict) -> str:
    """Page metadata as a YAML front matter block, each value written as one line of JSON."""
    if not meta:
        return ""
    return "\n".join(["---"] + [f"{key}: {_json(value)}" for key, value in meta.items()] + ["---", "", ""])


WIDE = {"hide": ["navigation", "toc"], "explainer_page": "wide"}  # tables and diagrams get the whole width
MENTION_GROUPS = {
    "site": "Front page",
    "events": "Events",
    "claims": "Claims",
    "actors": "Actors",
    "sources": "Sources",
}


def _listed_on_page(entity) -> set[str]:
    """Pages an entity's own page already lists as linking to it: a source page's "What the
    explainer cites it for" and reporting chain. "Mentioned in" does not list them again."""
    if not isinstance(entity, m.Source):
        return set()
    pages = {FRONT if u.entity.KIND == "site" else page_path(u.entity) for u in entity.uses}
    return pages | {page_path(x) for x in entity.cites + entity.cited_by + entity.origins}


def render_site(
    model: m.Model,
    env: jinja2.Environment | None = None,
    directory_urls: bool = True,
    history: History | None = None,
    repo_url: str | None = None,
    site_url: str | None = None,
) -> dict[str, str]:
    """Every page of the site: docs-relative path -> Markdown text.

    `history` (history.read_history) gives entity pages their Updates and every page its
    last-updated date; None renders neither, as for fixtures whose history is this repository's.
    `repo_url`, a checked https address, is where the about page sends corrections. `site_url`,
    where the site is published, gives the JSON-LD of each entity its `@id` and `url`."""
    env = env or make_env()
    pages: dict[str, str] = {}
    contexts: dict[str, PageContext] = {}
    changes = updates(model, history) if history is not None else {}
    latest = day(history.latest) if history is not None and history.latest is not None else None

    def render(template: str, path: str, meta: dict | None = None, **values) -> None:
        ctx = PageContext(path)
        text = env.get_template(template).render(page=ctx, model=model, site=model.site, views=views, **values)
        pages[path] = front_matter(meta or {}) + text
        contexts[path] = ctx

    chains = chains_by_source(model)
    url_of = _url_of(site_url, directory_urls)
    list_owner: dict[str, str] = {}  # whole-list page -> the entity page it belongs to
    render("front.md.j2", FRONT)
    for kind, entities in (
        ("actors", model.actors),
        ("events", model.events),
        ("claims", model.claims),
        ("sources", model.sources),
    ):
        parts = index_parts(kind, entities)  # a long section: its index lists parts, each with its own page
        render(f"{kind}_index.md.j2", index_path(kind), entities=() if parts else entities, parts=parts, part=None)
        for part in parts:
            render(f"{kind}_index.md.j2", part.path, entities=part.entities, parts=parts, part=part)
        template = f"{kind[:-1]}.md.j2"
        for entity in entities:
            lists = long_lists(entity) if isinstance(entity, m.Actor) else {}
            render(
                template,
                page_path(entity),
                {"explainer_jsonld": jsonld.jsonld(entity, url_of)},
                entity=entity,
                chains=chains,
                lists=lists,
            )
            for only, list_parts in lists.items():  # a hub's long lists, whole, a page per year
                for list_part in list_parts:
                    render(
                        template,
                        list_part.path,
                        entity=entity,
                        chains=chains,
                        only=only,
                        part=list_part,
                        parts=list_parts,
                    )
                    list_owner[list_part.path] = page_path(entity)

    sheets = matrix_sheets(model)
    for sheet in sheets or [Sheet(MATRIX, 1, ())]:
        render("matrix.md.j2", sheet.path, WIDE, sheet=sheet, sheets=sheets)
    timeline = timeline_pages(model)
    for path, years in timeline:
        render("timeline.md.j2", path, {"explainer_page": "timeline"}, years=years, year_pages=timeline[1:])
    relations = relationship_parts(model, statement_routes(model))  # [] while one page holds it all
    render("relationships.md.j2", GRAPH, WIDE, svg=relative(GRAPH_SVG, GRAPH), parts=relations)
    for relations_part in relations:
        render(
            "relationships.md.j2",
            relations_part.path,
            WIDE,
            svg=relative(GRAPH_SVG, relations_part.path),
            parts=relations,
            part=relations_part,
        )
    render("data.md.j2", DATA, tables=tables(model, lambda e: page_url(page_path(e), directory_urls)))
    # The tab says "About"; the browser title says what the page is, as its heading does.
    render(
        "about.md.j2",
        ABOUT,
        {"title": "About this explainer"},
        terms=list(TERMS.values()),
        history=history is not None,
        latest=latest,
        repo=_repo_links(repo_url),
        direct=sorted((s for s in model.sources if s.access == "direct"), key=lambda s: (s.published.sort_key(), s.id)),
        relayed=[s for s in model.sources if s.access != "direct"],
    )

    # Backlinks: every page whose content links to an entity, whatever the link is for.
    linked_from: dict[str, set[str]] = defaultdict(set)
    content = [FRONT] + [page_path(e) for e in model.all()]
    for path in content + list(list_owner):
        owner = list_owner.get(path, path)  # a whole list's links count as its entity page's
        for target in contexts[path].targets - {path, owner}:
            linked_from[target].add(owner)
    owners = {page_path(e): e for e in model.all()}
    mentioned_template = env.get_template("_mentioned.md.j2")
    updates_template = env.get_template("_updates.md.j2")
    for mentioned in model.all():
        path = page_path(mentioned)
        groups: dict[str, list] = defaultdict(list)
        for p in sorted(
            linked_from[path] - _listed_on_page(mentioned),
            key=lambda p: (owners[p].label.casefold(), p) if p in owners else ("", p),
        ):
            if p in owners:
                groups[MENTION_GROUPS[owners[p].KIND]].append((owners[p], None))
            else:
                groups["Front page"].append((p, "Front page"))
        ordered = [(g, groups[g]) for g in MENTION_GROUPS.values() if g in groups]
        whole = {g: mentions_path(path, g) for g, items in ordered if len(items) > LIST_LIMIT}
        pages[path] += mentioned_template.render(
            page=PageContext(path), mentions=ordered, whole=whole, limit=LIST_LIMIT
        )
        for group, target in whole.items():  # a long group whole on a page of its own
            render("_mentioned.md.j2", target, mentions=[(group, groups[group])], whole={}, limit=None, owner=mentioned)
        pages[path] += updates_template.render(updates=changes.get(mentioned.id, ()), history=history is not None)

    # Every page ends with how current it is and the way to the method and corrections.
    stamp = env.get_template("_stamp.md.j2")
    updated = {page_path(e): changes[e.id][0].date for e in model.all() if changes.get(e.id)}
    for path in pages:
        last = updated.get(path) if path in owners else latest
        # A paragraph of its own, whatever the page ends with (a list would take it in).
        pages[path] = (
            pages[path].rstrip("\n")
            + "\n\n"
            + stamp.render(page=PageContext(path), as_of=model.site.as_of, updated=last)
        )
    return dict(sorted(pages.items()))


def _url_of(site_url: str | None, directory_urls: bool):
    """An entity's page as an absolute address, or None when the site's address is unknown
    (or is not a web address: then no page may claim it)."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or url_problem(site_url.replace("http://", "https://", 1)).startswith("contains")
    ):
        return None
    base = site_url if site_url.endswith("/") else site_url + "/"
    return lambda entity: base + page_url(page_path(entity), directory_urls)


def mentions_path(path: str, group: str) -> str:
    """actors/x.md, "Claims" -> actors/x--mentioned-in-claims.md ('--': never an entity's page)."""
    return f"{path[:-3]}--mentioned-in-{group.lower().replace(' ', '-')}.md"


def _repo_links(repo_url: str | None) -> dict[str, str] | None:
    """The repository's address and where to report a problem, for the about page; None without
    a usable address (an https URL that passes the same check as the content's URL fields)."""
    if not repo_url or url_problem(repo_url):
        return None
    repo = repo_url.rstrip("/")
    host = (urlsplit(repo).hostname or "").lower()
    issues = f"{repo}/issues/new" if host in ("github.com", "gitlab.com", "codeberg.org") else repo
    return {"repo": md_url(repo), "issues": md_url(issues)}
