"""Names and propositions a reader cannot tell apart.

An actor called "Iran" plus a filler character renders as "Iran", and a second claim with the
proposition of an existing one splits its stances over two pages with two ratings. Across the
entities of one kind (actors' names and aliases together), texts are compared by how they look:

- `same-looking` (error): they differ only by characters that show nothing (format characters,
  fillers, variation selectors: patterns.BLANK_CHARS) or by Unicode compatibility forms (fullwidth
  letters, ligatures; NFKC). No honest edit needs that; it is how one entity passes for another.
- `duplicate-proposition` (error): two claims state the same proposition, up to case, spacing and
  punctuation. One proposition is one claim; its stances belong together.
- `duplicate-name` (warning): two actors share a name or alias up to case, spacing and
  punctuation. Two people can share a name, so this is for the editor to judge (make them
  distinguishable, merge them, or mark them same_as). Events and sources are not compared this
  way: the same title on another date ("Rocket attack on Al Asad Air Base") or the same headline
  from another outlet (a wire story) is normal, and their pages show the date and publisher.

Actors that name each other in same_as may share a name: they are presented as one.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from .diagnostics import Report, show
from .patterns import BLANK_CHARS
from .validate import Checked
from .values import KIND_SINGULAR, Fields, Loc

_FIELD = {"actors": "name", "events": "title", "claims": "proposition", "sources": "title"}
_PUNCTUATION = re.compile(r"[^\w\s]|_")


class Text(NamedTuple):
    entity: str  # id
    raw: str
    checked: Fields  # the entity's checked fields: they make the Loc of the text when it is reported
    field: str
    alias: int | None = None  # its place in 'aliases', for an alias

    @property
    def loc(self) -> Loc:
        loc = self.checked.locs[self.field]  # a checked field always has its place (obj.Obj.check records both)
        return loc if self.alias is None else loc._replace(path=f"aliases[{self.alias}]")

    @property
    def path_is_main(self) -> bool:
        return self.alias is None


def _difference(a: str, b: str) -> str:
    """What tells two same-looking texts apart, named: the blank characters, or compatibility forms."""
    blanks = sorted(set(BLANK_CHARS.findall(a)) ^ set(BLANK_CHARS.findall(b)) or set(BLANK_CHARS.findall(a + b)))
    if not blanks:
        return "compatibility forms of letters (such as fullwidth letters), which look like the plain ones"
    names = [f"{unicodedata.name(ch, '?')} (U+{ord(ch):04X})" for ch in blanks[:3]]
    return "characters that show nothing: " + ", ".join(names) + (" ..." if len(blanks) > 3 else "")


def shown(text: str) -> str:
    """An editor's text in a message, its blank characters written as escapes (they show nothing)."""
    return show(
        BLANK_CHARS.sub(
            lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) < 0x10000 else f"\\U{ord(m.group()):08x}", text
        )
    )


def looks(text: str) -> str:
    """The text as it shows: compatibility forms folded (NFKC), blank characters dropped, spaces collapsed."""
    if text.isascii():
        return " ".join(text.split())
    return " ".join(BLANK_CHARS.sub(_blank, unicodedata.normalize("NFKC", text)).split())


# Blank characters that take up room (fillers, the braille blank) look like a space; the others like nothing.
_SPACING = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def _blank(match: re.Match) -> str:
    return " " if match.group() in _SPACING else ""


def key(text: str) -> str:
    """What two texts share when a reader would take them for the same: `looks`, without case or punctuation."""
    return " ".join(_PUNCTUATION.sub(" ", looks(text).casefold()).split())


def _texts(checked: Checked, kind: str) -> Iterator[Text]:
    name = _FIELD[kind]
    for entity_id, values in sorted(checked.entities[kind].items()):
        yield Text(entity_id, values[name], values, name)
        if kind == "actors" and "aliases" in values:
            for i, alias in enumerate(values["aliases"]):
                yield Text(entity_id, alias, values, "aliases", i)


def _same_as(checked: Checked) -> set[frozenset[str]]:
    pairs = set()
    for entity_id, values in checked.entities["actors"].items():
        for ref in values.get("same_as", ()):
            pairs.add(frozenset((entity_id, ref.id)))
    return pairs


def check_sameness(checked: Checked, report: Report) -> None:
    """Report every name, alias, title or proposition that a reader could take for another entity's."""
    allowed = _same_as(checked)
    for kind in ("actors", "events", "claims", "sources"):
        groups: dict[str, list[Text]] = defaultdict(list)
        for text in _texts(checked, kind):
            groups[key(text.raw)].append(text)
        for group in groups.values():
            if len({t.entity for t in group}) > 1:
                _report_group(kind, group, allowed, checked, report)


def _report_group(kind: str, group: list[Text], allowed: set[frozenset[str]], checked: Checked, report: Report) -> None:
    for text in group:
        others = [o for o in group if o.entity != text.entity and frozenset((o.entity, text.entity)) not in allowed]
        if kind in ("events", "sources"):  # only what looks the same without being the same
            others = [o for o in others if looks(o.raw) == looks(text.raw) and o.raw != text.raw]
        if not others:
            continue
        # The most alarming comparison first: a text that looks the same but is not the same.
        other = next((o for o in others if looks(o.raw) == looks(text.raw) and o.raw != text.raw), others[0])
        more = len({o.entity for o in others}) - 1
        what = f"{KIND_SINGULAR[kind]} {show(other.entity)} ({checked.files.get(other.entity, '?')})" + (
            f" and {more} other{'s' * (more != 1)}" if more else ""
        )
        loc = text.loc
        if looks(other.raw) == looks(text.raw) and other.raw != text.raw:
            report.add(
                "same-looking",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"{shown(text.raw)} looks the same as the {_FIELD[kind] if other.path_is_main else 'alias'} of the "
                f"{what}, and differs from it only by {_difference(text.raw, other.raw)}",
                "retype it with plain letters; if it is the same entity, keep one file",
            )
        elif kind == "claims":
            report.add(
                "duplicate-proposition",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"the {what} states the same proposition",
                "keep one claim and move the stances of the other to it",
            )
        else:
            report.add(
                "duplicate-name",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"{shown(text.raw)} is also the {_FIELD[kind] if other.path_is_main else 'alias'} of the "
                f"{what}; readers cannot tell them apart",
                "make the names distinguishable, or keep one file if they are the same"
                + (" (or list each in the other's same_as)" if kind == "actors" else ""),
            )
