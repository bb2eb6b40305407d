"""How values reach Markdown: editor text made inert, URLs, dates and names as pages write them.

Editor text is data. Every editor string reaches Markdown through `inert`, which turns
each character that Markdown, its extensions or HTML could read as syntax into a numeric
character reference: the reader sees the same text, and no parser sees structure.
render.py, describe.py and the editors' tools all write values through these functions.
"""

from __future__ import annotations

import functools
import re

from ..content.values import MONTHS, PartialDate
from ..model import entities as m

# Syntax characters of Markdown, Python-Markdown's extensions, pymdownx and HTML. A hyphen
# between two letters or digits ("Iran-backed") cannot start anything and stays readable
# in the generated Markdown, as does a full stop between digits ("3.10"). A full stop
# before a letter is escaped: "www.example.org" or "evil.example" would otherwise become a
# link under an autolinking extension (pymdownx.magiclink), and so would "@" in an address.
# The first character may stand at the start of a line (a paragraph of prose), where
# extensions have block syntax of their own ("??? note", "/// details"): unless it is a
# letter or digit, it is escaped too.
_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+!|<>&:~^=$@]|(?<![0-9A-Za-z])[-.]|[-.](?![0-9A-Za-z])|\.(?=[A-Za-z])|^[^\w\s]")


def inert(value: object) -> str:
    """Editor text as inline Markdown that renders literally, on one line."""
    return _inert(value if type(value) is str else str(value))


@functools.lru_cache(maxsize=1 << 16)  # names and titles recur on thousands of pages
def _inert(value: str) -> str:
    text = " ".join(value.split())
    return _SYNTAX.sub(lambda mt: f"&#{ord(mt.group())};", text)


def inert_segment(text: str) -> str:
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
    if d.month and d.day:
        text = f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    elif d.month:
        text = f"{MONTHS[d.month - 1]} {d.year}"
    else:
        text = str(d.year)
    return f"c. {text}" if approximate else text


def humanize(value: str) -> str:
    return value.replace("-", " ")


def short_name(actor: m.Actor) -> str:
    """The shortest name the content gives an actor ("Pentagon" for "US Department of Defense")."""
    return min((actor.name, *actor.aliases), key=lambda n: (len(n), n))


def source_short(s: m.Source) -> str:
    """A source as a citation reads it: "Antiwar.com, 4 March 2021". The headline stays on its own page.

    A statement, briefing or post names its speakers too ("White House (Jen Psaki), 3 March 2021"):
    one publisher issues many of them, often with the same imprecise date.
    """
    who = short_name(s.publisher) if s.publisher is not None else s.title
    if s.kind != "news-report" and s.authors:
        who += " (" + ", ".join(a.name for a in s.authors) + ")"
    return f"{who}, {format_date(s.published)}" if s.published is not None else who
