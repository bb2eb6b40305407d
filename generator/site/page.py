"""What a template sees of its page: links and footnotes relative to it, the words' badges.

PageContext is the `page` every template receives: `page.link` writes a link to an entity's
page from this page (a claim's text always framed "Claim: ..."), `page.cite` a citation's
footnote, `page.prose` editor prose with its [[id]] links. The badges and time tags are the
few pieces of HTML the pages carry that the templates do not write themselves.
"""

from __future__ import annotations

import re

from ..content.values import PartialDate
from ..content.vocab import (
    ACCESS,
    POSITIONS,
    SOURCE_KINDS,
    VERDICTS,
)
from ..model import entities as m
from ..model.ratings import STATUSES
from ..model.urls import ABOUT, page_path, relative
from .text import format_date, humanize, inert, inert_segment, source_short


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


class PageContext:
    """What a template needs about the page it renders: links relative to it, its footnotes."""

    def __init__(self, path: str):
        self.path = path
        self.notes = Footnotes(path, self.href)
        self.targets: set[str] = set()  # every page this one links to, for backlinks
        self._hrefs: dict[str, str] = {}  # a page links to the same few pages again and again

    def href(self, target) -> str:
        path = target if isinstance(target, str) else page_path(target)
        href = self._hrefs.get(path)
        if href is None:
            self.targets.add(path)
            href = self._hrefs[path] = relative(path, self.path)
        return href

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
