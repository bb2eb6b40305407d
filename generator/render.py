"""Linked model -> {page path: Markdown text}, through the Jinja2 templates.

Editor text is data. Every editor string reaches Markdown through `inert`, which turns
each character that Markdown, its extensions or HTML could read as syntax into a numeric
character reference: the reader sees the same text, and no parser sees structure.
Links are built only from ids (to our own pages) and from validated URL fields.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import jinja2

from . import model as m
from .link import STATUSES
from .schema import (ACCESS, ACTOR_KINDS, AFFILIATION_RELATIONS, CASUALTY_QUALIFIERS, EVENT_KINDS, EVENT_RELATIONS,
                     PARTICIPANT_ROLES, POSITIONS, SOURCE_KINDS, VERDICTS, PartialDate)
from .urls import FRONT, index_path, page_path, relative

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# Syntax characters of Markdown, Python-Markdown's extensions, pymdownx and HTML. A hyphen
# or full stop between two letters or digits ("Iran-backed", "U.S") cannot start anything
# and stays readable in the generated Markdown.
_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+!|<>&:~^=$]|(?<![0-9A-Za-z])[-.]|[-.](?![0-9A-Za-z])")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


# _SYNTAX in two cheaper passes (inert runs on every editor string of every page): a
# translation table for the characters that are always syntax, then the regex for a
# hyphen or full stop at a word's edge. The first pass keeps letters and digits and
# turns syntax characters into references, which start and end with a non-alphanumeric
# character, so the second pass sees the same word edges _SYNTAX sees.
_ALWAYS = {ord(ch): f"&#{ord(ch)};" for ch in "\\`*_{}[]()#+!|<>&:~^=$"}
_EDGE = re.compile(r"(?<![0-9A-Za-z])[-.]|[-.](?![0-9A-Za-z])")
_EDGE_REFS = {"-": "&#45;", ".": "&#46;"}


def _edge_ref(mt: re.Match) -> str:
    return _EDGE_REFS[mt.group()]


def inert(value: object) -> str:
    """Editor text as inline Markdown that renders literally, on one line."""
    return _inert(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur on thousands of pages
def _inert(value: str) -> str:
    text = " ".join(value.split()).translate(_ALWAYS)
    if "-" in text or "." in text:
        text = _EDGE.sub(_edge_ref, text)
    return text


def md_url(url: str) -> str:
    """A validated URL as a Markdown link destination: characters Markdown could end it on are escaped."""
    return re.sub(r"[()<>\"'\\\[\]\s`]", lambda mt: "%{:02X}".format(ord(mt.group())), url)


def format_date(d: PartialDate | None, approximate: bool = False) -> str:
    if d is None:
        return ""
    if d.day:
        text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    elif d.month:
        text = f"{MONTHS[d.month - 1]} {d.year}"
    else:
        text = str(d.year)
    return f"c. {text}" if approximate else text


def humanize(value: str) -> str:
    return value.replace("-", " ")


class Footnotes:
    """Numbers a page's citations in order of first use; one note per distinct citation."""

    def __init__(self, page: str, shared: dict | None = None):
        self.page = page
        self.notes: list[str] = []
        self.index: dict[tuple, int] = {}
        self._shared = {} if shared is None else shared
        self._folder = page.rpartition("/")[0]

    def ref(self, cites) -> str:
        marks = []
        for c in cites:
            key = (c.source.id, c.quote, c.note)
            if key not in self.index:
                shared_key = ("note", c.source, c.quote, c.note, self._folder)
                text = self._shared.get(shared_key)
                if text is None:
                    text = self._shared[shared_key] = self._definition(c)
                self.notes.append(text)
                self.index[key] = len(self.notes)
            marks.append(f"[^{self.index[key]}]")
        return "".join(dict.fromkeys(marks))

    def _definition(self, c: m.Citation) -> str:
        s = c.source
        link = f"[{inert(s.title)}]({relative(page_path(s), self.page)})"
        bits = [link]
        if s.publisher is not None:
            bits.append(inert(s.publisher.name))
        bits.append(inert(format_date(s.published)))
        text = ", ".join(bits) + "&#46;"
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
    env.filters.update(inert=inert, md_url=md_url, date=format_date, humanize=humanize)
    env.globals.update(
        STATUSES=STATUSES, POSITIONS=POSITIONS, ACTOR_KINDS=ACTOR_KINDS, EVENT_KINDS=EVENT_KINDS, SOURCE_KINDS=SOURCE_KINDS,
        PARTICIPANT_ROLES=PARTICIPANT_ROLES, AFFILIATION_RELATIONS=AFFILIATION_RELATIONS, EVENT_RELATIONS=EVENT_RELATIONS,
        CASUALTY_QUALIFIERS=CASUALTY_QUALIFIERS, ACCESS=ACCESS, VERDICTS=VERDICTS,
    )
    return env


class PageContext:
    """What a template needs about the page it renders: links relative to it, its footnotes."""

    def __init__(self, path: str, shared: dict | None = None):
        self.path = path
        # A link or a footnote reads the same on every page of one folder, and hub entities
        # are linked from thousands of pages: render_site gives all pages one cache.
        self._shared = {} if shared is None else shared
        self._folder = path.rpartition("/")[0]
        self.notes = Footnotes(path, self._shared)

    def href(self, target) -> str:
        path = target if isinstance(target, str) else page_path(target)
        return relative(path, self.path)

    def link(self, entity, label: str | None = None) -> str:
        key = ("link", entity, label, self._folder)
        text = self._shared.get(key)
        if text is None:
            text = self._shared[key] = f"[{inert(label or entity.label)}]({self.href(entity)})"
        return text

    def prose(self, text: m.Text) -> str:
        paras = []
        for para in text.paragraphs:
            paras.append("".join(inert(s) if isinstance(s, str) else self.link(s.entity, s.text) for s in para))
        return "\n\n".join(paras)

    def cite(self, cites) -> str:
        return self.notes.ref(cites)


def render_site(model: m.Model, env: jinja2.Environment | None = None) -> dict[str, str]:
    """Every page of the site: docs-relative path -> Markdown text."""
    env = env or make_env()
    pages: dict[str, str] = {}
    shared: dict = {}

    def render(template: str, path: str, **values) -> None:
        ctx = PageContext(path, shared)
        pages[path] = env.get_template(template).render(page=ctx, model=model, site=model.site, **values)

    render("front.md.j2", FRONT)
    for kind, entities in (("actors", model.actors), ("events", model.events), ("claims", model.claims), ("sources", model.sources)):
        render(f"{kind}_index.md.j2", index_path(kind), entities=entities)
        template = f"{kind[:-1]}.md.j2"
        for entity in entities:
            render(template, page_path(entity), entity=entity)
    return dict(sorted(pages.items()))
