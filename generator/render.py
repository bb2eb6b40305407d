"""Linked model -> {page path: Markdown text}, through the Jinja2 templates.

Editor text is data. Every editor string reaches Markdown through `inert`, which turns
each character that Markdown, its extensions or HTML could read as syntax into a numeric
character reference: the reader sees the same text, and no parser sees structure.
Links are built only from ids (to our own pages) and from validated URL fields.
"""

from __future__ import annotations

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
# between two letters or digits ("Iran-backed") cannot start anything and stays readable
# in the generated Markdown, as does a full stop between digits ("3.10"). A full stop
# before a letter is escaped: "www.example.org" or "evil.example" would otherwise become a
# link under an autolinking extension (pymdownx.magiclink), and so would "@" in an address.
# The first character may stand at the start of a line (a paragraph of prose), where
# extensions have block syntax of their own ("??? note", "/// details"): unless it is a
# letter or digit, it is escaped too.
_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+!|<>&:~^=$@]|(?<![0-9A-Za-z])[-.]|[-.](?![0-9A-Za-z])|\.(?=[A-Za-z])|^[^\w\s]")

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def inert(value: object) -> str:
    """Editor text as inline Markdown that renders literally, on one line."""
    text = " ".join(str(value).split())
    return _SYNTAX.sub(lambda mt: f"&#{ord(mt.group())};", text)


def _inert_segment(text: str) -> str:
    """A piece of prose between links: `inert`, keeping the space that separates it from a link."""
    core = inert(text)
    if not core:
        return " " if text else ""
    return (" " if text[0].isspace() else "") + core + (" " if text[-1].isspace() else "")


# What may stand in a link destination as it is: RFC 3986's unreserved and reserved
# characters, minus those Markdown or its extensions could read as syntax around a link:
# ( ) for its end, [ ] and ' for titles and references, * for emphasis, and { } | < > " `
# \ ^ and spaces, which are not valid in a URL anyway. Non-ASCII is sent as UTF-8 bytes.
_URL_KEEP = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&+,;=%]")


def md_url(url: str) -> str:
    """A validated URL as a Markdown link destination: every other character percent-encoded."""
    return "".join(ch if _URL_KEEP.match(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in url)


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

    def __init__(self, page: str):
        self.page = page
        self.notes: list[str] = []
        self.index: dict[tuple, int] = {}

    def ref(self, cites) -> str:
        marks = []
        for c in cites:
            key = (c.source.id, c.quote, c.note)
            if key not in self.index:
                self.notes.append(self._definition(c))
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

    def __init__(self, path: str):
        self.path = path
        self.notes = Footnotes(path)

    def href(self, target) -> str:
        path = target if isinstance(target, str) else page_path(target)
        return relative(path, self.path)

    def link(self, entity, label: str | None = None) -> str:
        return f"[{inert(label or entity.label)}]({self.href(entity)})"

    def prose(self, text: m.Text) -> str:
        paras = []
        for para in text.paragraphs:
            paras.append("".join(_inert_segment(s) if isinstance(s, str) else self.link(s.entity, s.text) for s in para))
        return "\n\n".join(paras)

    def cite(self, cites) -> str:
        return self.notes.ref(cites)


def render_site(model: m.Model, env: jinja2.Environment | None = None) -> dict[str, str]:
    """Every page of the site: docs-relative path -> Markdown text."""
    env = env or make_env()
    pages: dict[str, str] = {}

    def render(template: str, path: str, **values) -> None:
        ctx = PageContext(path)
        pages[path] = env.get_template(template).render(page=ctx, model=model, site=model.site, **values)

    render("front.md.j2", FRONT)
    for kind, entities in (("actors", model.actors), ("events", model.events), ("claims", model.claims), ("sources", model.sources)):
        render(f"{kind}_index.md.j2", index_path(kind), entities=entities)
        template = f"{kind[:-1]}.md.j2"
        for entity in entities:
            render(template, page_path(entity), entity=entity)
    return dict(sorted(pages.items()))
