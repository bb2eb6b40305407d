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
from functools import partial
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
from .incremental import Memo, Recorded, RenderCache, tracking
from .page import TERMS, PageContext, position_badge, status_badge, time_tag, verdict_badge
from .resources import TEMPLATES
from .sections import index_parts
from .text import format_date, humanize, inert, md_url, source_short


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
        # A global, so that the macros need no page's context: imported without it, Jinja
        # builds _macros.md.j2's module once rather than once a page.
        views=views,
    )
    return env


_ESCAPED_IN_STRINGS = re.compile("[^A-Za-z0-9 \xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
# The same as a table for str.translate (one C pass, not a Python call per character). Every
# code point the pattern escapes lies in these ranges: below U+00A0, U+2028-9, the
# surrogates, U+FEFF and U+FFFE-F.
_ESCAPES = {
    c: f"\\u{c:04x}"
    for block in (range(0xA0), range(0x2028, 0x202A), range(0xD800, 0xE000), range(0xFEFF, 0x10000))
    for c in block
    if _ESCAPED_IN_STRINGS.match(chr(c))
}


def _json(value) -> str:
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
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
    cache: RenderCache | None = None,
) -> dict[str, str]:
    """Every page of the site: docs-relative path -> Markdown text.

    `history` (history.read_history) gives entity pages their Updates and every page its
    last-updated date; None renders neither, as for fixtures whose history is this repository's.
    `repo_url`, a checked https address, is where the about page sends corrections. `site_url`,
    where the site is published, gives the JSON-LD of each entity its `@id` and `url`.
    `cache` (incremental.RenderCache), kept between renders of the same site, renders again
    only the parts whose inputs changed; the pages are the same as without it."""
    env = env or make_env()
    setup = (env, directory_urls, history, repo_url, site_url)
    if cache is None:
        return _SiteRender(model, env, setup, Memo(None, model, setup, {})).pages()
    with tracking(model):
        chains = Recorded("chain", chains_by_source(model))
        memo = Memo(cache, model, setup, {"chain": chains})
        pages = _SiteRender(model, env, setup, memo, chains).pages()
        memo.finish()  # while tracked: the model and the site pickle as they did for the units
    return pages


# What a unit renders: (path, Markdown, the pages it links to, the entity page it belongs to), a page each.
Unit = list[tuple[str, str, frozenset[str], str | None]]


class _SiteRender:
    """One render of the site, unit by unit (incremental.Memo decides which units to render again)."""

    def __init__(self, model: m.Model, env: jinja2.Environment, setup: tuple, memo: Memo, chains=None):
        self.model, self.env, self.memo = model, env, memo
        self.site = model.site  # read once here: a page depends on the site only through what it reads of it
        _, self.directory_urls, self.history, self.repo_url, site_url = setup
        self.url_of = _url_of(site_url, self.directory_urls)
        self.chains = chains if chains is not None else chains_by_source(model)
        self.changes = updates(model, self.history) if self.history is not None else {}
        latest = self.history.latest if self.history is not None else None
        self.latest = day(latest) if latest is not None else None
        self.text: dict[str, str] = {}
        self.targets: dict[str, frozenset[str]] = {}
        self.list_owner: dict[str, str] = {}  # whole-list page -> the entity page it belongs to

    def pages(self) -> dict[str, str]:
        self._one("front.md.j2", FRONT)
        for kind in ("actors", "events", "claims", "sources"):
            self._section(kind)
        self._overviews()
        self._method_pages()
        self._mentions()
        self._stamps()
        return dict(sorted(self.text.items()))

    def page(self, template: str, path: str, meta: dict | None = None, **values) -> tuple[str, str, frozenset, None]:
        ctx = PageContext(path)
        text = self.env.get_template(template).render(page=ctx, model=self.model, site=self.site, views=views, **values)
        return path, front_matter(meta or {}) + text, frozenset(ctx.targets), None

    def _add(self, unit: Unit) -> None:
        for path, text, targets, owner in unit:
            self.text[path], self.targets[path] = text, targets
            if owner is not None:
                self.list_owner[path] = owner

    def _one(self, template: str, path: str, meta: dict | None = None, **values) -> None:
        """A page made from its template and `values` alone (and what it reads of the model)."""
        self._add(
            self.memo.unit(
                ("page", path), (template, meta, values), lambda: [self.page(template, path, meta, **values)]
            )
        )

    def _section(self, kind: str) -> None:
        """A section's index (a long one lists parts, each with its own page) and its entities' pages."""
        entities = getattr(self.model, kind)
        parts = index_parts(kind, entities)
        self._one(f"{kind}_index.md.j2", index_path(kind), entities=() if parts else entities, parts=parts, part=None)
        for part in parts:
            self._one(f"{kind}_index.md.j2", part.path, entities=part.entities, parts=parts, part=part)
        template = f"{kind[:-1]}.md.j2"
        for entity in entities:
            self._add(self.memo.unit(("page", page_path(entity)), (entity,), partial(self._entity, template, entity)))

    def _entity(self, template: str, entity: m.Entity) -> Unit:
        """An entity's page, and a hub's long lists whole, a page per year."""
        path = page_path(entity)
        lists = long_lists(entity) if isinstance(entity, m.Actor) else {}
        meta = {"explainer_jsonld": jsonld.jsonld(entity, self.url_of)}
        unit: Unit = [self.page(template, path, meta, entity=entity, chains=self.chains, lists=lists)]
        for only, list_parts in lists.items():
            for list_part in list_parts:
                values = dict(entity=entity, chains=self.chains, only=only, part=list_part, parts=list_parts)
                unit.append((*self.page(template, list_part.path, None, **values)[:3], path))
        return unit

    def _overviews(self) -> None:
        """Who says what, the timeline and the relationships, each on as many pages as it needs."""
        sheets = matrix_sheets(self.model)
        for sheet in sheets or [Sheet(MATRIX, 1, ())]:
            self._one("matrix.md.j2", sheet.path, WIDE, sheet=sheet, sheets=sheets)
        timeline = timeline_pages(self.model)
        for path, years in timeline:
            self._one("timeline.md.j2", path, {"explainer_page": "timeline"}, years=years, year_pages=timeline[1:])
        relations = relationship_parts(self.model, statement_routes(self.model))  # [] while one page holds it all
        self._one("relationships.md.j2", GRAPH, WIDE, svg=relative(GRAPH_SVG, GRAPH), parts=relations)
        for part in relations:
            self._one(
                "relationships.md.j2",
                part.path,
                WIDE,
                svg=relative(GRAPH_SVG, part.path),
                parts=relations,
                part=part,
            )

    def _method_pages(self) -> None:
        """The open data page and the about page."""
        model, directory_urls = self.model, self.directory_urls

        def data() -> Unit:
            return [
                self.page("data.md.j2", DATA, tables=tables(model, lambda e: page_url(page_path(e), directory_urls)))
            ]

        def about() -> Unit:
            # The tab says "About"; the browser title says what the page is, as its heading does.
            return [
                self.page(
                    "about.md.j2",
                    ABOUT,
                    {"title": "About this explainer"},
                    terms=list(TERMS.values()),
                    history=self.history is not None,
                    latest=self.latest,
                    repo=_repo_links(self.repo_url),
                    direct=sorted(
                        (s for s in model.sources if s.access == "direct"), key=lambda s: (s.published.sort_key(), s.id)
                    ),
                    relayed=[s for s in model.sources if s.access != "direct"],
                )
            ]

        self._add(self.memo.unit(("page", DATA), (), data))
        self._add(self.memo.unit(("page", ABOUT), (self.latest,), about))

    def _mentions(self) -> None:
        """Appended to each entity page: every page whose content links to it, whatever the link
        is for ("Mentioned in"), and its Updates."""
        linked_from: dict[str, set[str]] = defaultdict(set)
        content = [FRONT] + [page_path(e) for e in self.model.all()]
        for path in content + list(self.list_owner):
            owner = self.list_owner.get(path, path)  # a whole list's links count as its entity page's
            for target in self.targets[path] - {path, owner}:
                linked_from[target].add(owner)
        owners = {page_path(e): e for e in self.model.all()}
        updates_template = self.env.get_template("_updates.md.j2")
        history = self.history is not None
        no_updates = updates_template.render(updates=(), history=history)  # most pages, without history all
        for mentioned in self.model.all():
            path = page_path(mentioned)
            linking = sorted(linked_from[path])
            section, unit = self.memo.unit(
                ("mentioned", path), (linking,), partial(self._mentioned, mentioned, linking, owners)
            )
            self._add(unit)
            changes = self.changes.get(mentioned.id, ())
            if changes:
                section += self.memo.unit(
                    ("updates", path),
                    (changes, history),
                    partial(updates_template.render, updates=changes, history=history),
                )
            else:
                section += no_updates
            self.text[path] += section

    def _mentioned(self, mentioned: m.Entity, linking: list[str], owners: dict[str, m.Entity]) -> tuple[str, Unit]:
        """An entity page's "Mentioned in", and a page of its own for each group too long to show whole."""
        path = page_path(mentioned)
        groups: dict[str, list] = defaultdict(list)
        for p in sorted(
            set(linking) - _listed_on_page(mentioned),
            key=lambda p: (owners[p].label.casefold(), p) if p in owners else ("", p),
        ):
            if p in owners:
                groups[MENTION_GROUPS[owners[p].KIND]].append((owners[p], None))
            else:
                groups["Front page"].append((p, "Front page"))
        ordered = [(g, groups[g]) for g in MENTION_GROUPS.values() if g in groups]
        whole = {g: mentions_path(path, g) for g, items in ordered if len(items) > LIST_LIMIT}
        section = self.env.get_template("_mentioned.md.j2").render(
            page=PageContext(path), mentions=ordered, whole=whole, limit=LIST_LIMIT
        )
        unit: Unit = [
            self.page(
                "_mentioned.md.j2", target, mentions=[(group, groups[group])], whole={}, limit=None, owner=mentioned
            )
            for group, target in whole.items()  # a long group whole on a page of its own
        ]
        return section, unit

    def _stamps(self) -> None:
        """Every page ends with how current it is and the way to the method and corrections."""
        stamp = self.env.get_template("_stamp.md.j2")
        as_of = self.site.as_of
        entity_pages = {page_path(e): e for e in self.model.all()}
        updated = {page_path(e): self.changes[e.id][0].date for e in self.model.all() if self.changes.get(e.id)}
        made: dict[tuple, str] = {}  # the stamp reads as the same on every page of a folder (its template says so)
        for path, text in list(self.text.items()):
            last = updated.get(path) if path in entity_pages else self.latest
            key = (path.rpartition("/")[0], as_of, last)
            tail = made.get(key)
            if tail is None:
                tail = made[key] = _stamp(stamp, path, as_of, last)
            # A paragraph of its own, whatever the page ends with (a list would take it in).
            self.text[path] = text.rstrip("\n") + "\n\n" + tail


def _stamp(template: jinja2.Template, path: str, as_of: PartialDate | None, updated: PartialDate | None) -> str:
    return template.render(page=PageContext(path), as_of=as_of, updated=updated)


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
