"""The content model: every kind, field, allowed value and its documentation, in one place.

Validation (validate.py), the JSON Schema editors get, and the field reference in the
docs are all read from the definitions at the bottom of this file. A type here takes a
YAML node and either returns a typed value or reports a located diagnostic.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as _date
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report, did_you_mean, quoted_list, show
from .hosts import host_problem, numeric
from .yamlio import core_type, is_plain, pos

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_RE = re.compile(ID_PATTERN + r"\Z")
ID_MAX = 64
KINDS = ("actors", "events", "claims", "sources")
KIND_SINGULAR = {"actors": "actor", "events": "event", "claims": "claim", "sources": "source"}

# Characters that make text look other than it is: zero-width and invisible formatting
# characters (soft hyphen, word joiners, Unicode tags that smuggle hidden ASCII),
# bidirectional marks and overrides, and C0/C1 controls except newline and tab.
_INVISIBLE_BMP = (
    "\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
# The same kind of character outside the Basic Multilingual Plane: shorthand format controls and
# musical formatting marks (invisible), and Unicode tags.
_INVISIBLE_ASTRAL = "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
# Characters that show nothing but have honest uses inside text, so they are allowed there:
# Hangul fillers (old Hangul syllables), the combining grapheme joiner, Khmer inherent vowels,
# Mongolian and standard variation selectors (emoji, CJK variants), the braille blank. Text made
# of nothing else renders blank (a page with an empty title), and two names that differ only by
# them look the same: both are errors (blank-text here, same-looking in generator/content/sameness.py).
BLANK_BMP = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
BLANK_CHARS = re.compile(f"[{BLANK_BMP}\U000e0100-\U000e01ef]")
_SHOWS_SOMETHING = re.compile(f"[^\\s{BLANK_BMP}\U000e0100-\U000e01ef]")
# Characters no XML 1.0 file may hold (sitemap.xml, graph.svg: one of them and the file does
# not parse), beyond the controls above: lone surrogates, and the Unicode noncharacters
# U+FDD0 to U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE ...).
_NONCHARS_BMP = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARS_ASTRAL = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
_NOT_XML = re.compile(f"[\ud800-\udfff{_NONCHARS_BMP}{_NONCHARS_ASTRAL}]")
_BAD_CHARS = re.compile(f"[{_INVISIBLE_BMP}{_INVISIBLE_ASTRAL}\ud800-\udfff{_NONCHARS_BMP}{_NONCHARS_ASTRAL}]")

# `index` would replace a section's own page (actors/index.md); the others are device
# names on Windows, where a file called con.yaml or con.md cannot be created.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def _ecma(pattern: str) -> str:
    """A pattern with its invisible characters written as \\uXXXX, readable in JSON and valid ECMA-262."""
    return "".join(ch if " " <= ch <= "~" else f"\\u{ord(ch):04x}" for ch in pattern)


# The JSON Schema forms of the value rules below, for the editor (ECMA-262 regular expressions,
# as the YAML language server runs them). Each is tested against the Python check it mirrors.
# Unicode tag characters and the noncharacters at the end of the other planes lie outside the
# Basic Multilingual Plane, which a \uXXXX class cannot name without the regex 'u' flag the
# editor may not use; without it, a class of surrogates would refuse every emoji: the schema
# leaves these to `check`.
_BAD_SET = _ecma(_INVISIBLE_BMP + _NONCHARS_BMP)
TEXT_PATTERN = f"^(?=[\\s\\S]*[^\\s{_ecma(BLANK_BMP)}])[^{_BAD_SET}]*$"
_DAY = "(?:0[1-9]|1[0-9]|2[0-8])"
_LEAP = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
DATE_PATTERN = (
    "^(?:(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])|-(?:0[13578]|1[02])-(?:" + _DAY[3:-1] + "|29|30|31)"
    "|-(?:0[469]|11)-(?:" + _DAY[3:-1] + "|29|30)|-02-" + _DAY + ")?|" + _LEAP + "-02-29)$"
)
_URL_BAD = _BAD_SET + "\\s\\u00ad\\u061c\\u180e\\ufff9-\\ufffb"
_HOST_END = "\\.?(?::[^/?#]*)?(?:[/?#]|$)"
_NUMERIC_HOST = "(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}" + _HOST_END
_LOCALHOST = "(?:[^/?#:]*\\.)?[lL][oO][cC][aA][lL][hH][oO][sS][tT]" + _HOST_END
URL_PATTERN = (
    f"^[hH][tT][tT][pP][sS]://(?!\\[|{_NUMERIC_HOST}|{_LOCALHOST})"
    f"(?=[^/?#{_URL_BAD}]*\\.)[^/?#@{_URL_BAD}]+(?:[/?#][^{_URL_BAD}]*)?$"
)


class Loc(NamedTuple):
    """Where a value stood. A named tuple: one is made for every value checked, and a
    frozen dataclass takes twice as long to build."""

    file: str
    line: int
    col: int
    path: str


class Ctx:
    """What a type needs while checking one node: where it is and where to report."""

    def __init__(self, file: str, report: Report):
        self.file = file
        self.report = report

    def loc(self, node: Node, path: str) -> Loc:
        line, col = pos(node)
        return Loc(self.file, line, col, path)

    def error(self, code: str, node: Node, path: str, message: str, hint: str = "") -> None:
        line, col = pos(node)
        self.report.add(code, self.file, line, col, path, message, hint)


class Invalid(Exception):
    """Raised by a type after it has reported why a value cannot be used."""


# --- values the types produce -----------------------------------------------------------


# Month names as the pages write dates ("3 March 2021", "March 2021").
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day; the precision is part of the fact."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{p:02d}" for p in (self.month, self.day) if p]
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    @property
    def key(self) -> tuple[int, int, int]:
        """sort_key, as an attribute templates can sort by."""
        return self.sort_key()

    def latest(self) -> tuple[int, int, int]:
        """The last day this date could mean, for comparing an end with a start."""
        return (self.year, self.month or 12, self.day or 31)


@dataclass(frozen=True)
class Ref:
    id: str
    kinds: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True)
class ProseRef:
    id: str
    label: str | None
    loc: Loc


@dataclass(frozen=True)
class Prose:
    """Plain text in paragraphs; each paragraph a tuple of str and ProseRef segments."""

    paragraphs: tuple[tuple[str | ProseRef, ...], ...]

    def refs(self) -> list[ProseRef]:
        return [s for p in self.paragraphs for s in p if isinstance(s, ProseRef)]

    def plain(self) -> str:
        return "\n\n".join("".join(s if isinstance(s, str) else (s.label or s.id) for s in p) for p in self.paragraphs)


class Fields(dict):
    """A checked mapping: field name -> value, remembering where it and each value stood."""

    def __init__(self, values: dict[str, Any], loc: Loc, locs: dict[str, Loc]):
        super().__init__(values)
        self.loc = loc
        self.locs = locs


# --- types ----------------------------------------------------------------------------


class Type:
    label = "value"

    def check(self, node: Node, path: str, ctx: Ctx) -> Any:
        raise NotImplementedError

    def json_schema(self) -> dict:
        raise NotImplementedError

    def _scalar(self, node: Node, path: str, ctx: Ctx) -> ScalarNode:
        if not isinstance(node, ScalarNode):
            got = "a list" if isinstance(node, SequenceNode) else "a mapping"
            ctx.error("wrong-type", node, path, f"expected {self.label}, got {got}")
            raise Invalid
        return node


# An empty value as is_empty sees it: nothing, text of whitespace alone (Python's whitespace,
# named one by one, since ECMA's \s differs), an empty list or mapping. Each keyword applies
# to its own JSON type only.
_SPACE_CLASS = "".join(f"\\u{c:04x}" for c in range(0x10000) if chr(c).isspace())
EMPTY_SCHEMA = {
    "type": ["null", "string", "array", "object"],
    "pattern": f"^[{_SPACE_CLASS}]*$",
    "maxItems": 0,
    "maxProperties": 0,
}


def filled(*names: str) -> dict:
    """JSON Schema for "these fields are given": present and not empty, as check counts them."""
    return {"required": list(names), "properties": {n: {"not": EMPTY_SCHEMA} for n in names}}


def is_empty(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        # Whitespace alone is empty however it is written: quoted, or plain with a
        # no-break space YAML does not count as space (fmt may quote one as the other).
        return core_type(node) == "null" or node.value.strip() == ""
    return len(node.value) == 0


class Text(Type):
    label = "text"

    def __init__(self, max_len: int = 300, multiline: bool = False):
        self.max_len = max_len
        self.multiline = multiline

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value
        if not self.multiline:
            value = " ".join(value.split())  # a folded or wrapped one-line value
        else:
            value = value.strip()
        bad = _BAD_CHARS.search(value)
        if bad:
            ctx.error(
                "bad-text", node, path, _bad_char_message(bad.group()), "retype the text or paste it as plain text"
            )
            raise Invalid
        if not value:  # only spaces that YAML does not trim, such as no-break spaces
            ctx.error(
                "missing-field",
                node,
                path,
                "the text is empty: it holds only spaces",
                "write the text, or remove the field",
            )
            raise Invalid
        if not value.isascii() and not _SHOWS_SOMETHING.search(value):
            found = BLANK_CHARS.search(value)
            # Stripped and not empty, yet nothing shows: its first character is a blank one.
            assert found is not None, "a stripped text that shows nothing starts with a blank character"
            blank = found.group()
            code = f"U+{ord(blank):04X}"
            ctx.error(
                "blank-text",
                node,
                path,
                f"the text shows nothing: it holds only blank characters such as "
                f"{unicodedata.name(blank, code)} ({code})",
                "write the text with visible letters",
            )
            raise Invalid
        if len(value) > self.max_len:
            ctx.error(
                "text-too-long",
                node,
                path,
                f"the text has {len(value):,} characters",
                f"expected at most {self.max_len:,}",
            )
            raise Invalid
        return value

    def json_schema(self):
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_len,
            "pattern": TEXT_PATTERN,
            "patternErrorMessage": "Write some text, without invisible or direction-changing characters.",
        }


# What an HTML parser reads as the start of a tag, a comment or a declaration: '<' before an ASCII
# letter, '/', '!' or '?'. Names and titles become page titles (<title>, the h1, front matter) in
# whatever engine and theme builds the Markdown `render` writes; our own theme escapes them, a
# stock one may not. So no such text reaches a title at all.
_MARKUP = re.compile(r"<[A-Za-z/!?]")
MARKUP_FREE_PATTERN = "^(?![\\s\\S]*<[A-Za-z/!?])"


class Name(Text):
    """A name or title: one line, its letters from one script, and nothing an HTML parser reads as a tag."""

    def check(self, node, path, ctx):
        value = super().check(node, path, ctx)
        markup = _MARKUP.search(value)
        if markup:
            ctx.error(
                "markup-in-title",
                node,
                path,
                f"{show(markup.group())} at character {markup.start() + 1} would start an HTML tag in a page title",
                "write '<' with a space after it, or 'less than'; names and titles are plain text",
            )
            raise Invalid
        scripts = _scripts(value)
        if len(scripts) > 1:
            ctx.error(
                "lookalike",
                node,
                path,
                f"{show(value)} mixes {' and '.join(sorted(scripts))} letters",
                "retype it with letters from one script",
            )
        return value

    def json_schema(self):
        schema = super().json_schema()
        schema["pattern"] = MARKUP_FREE_PATTERN + schema["pattern"].removeprefix("^")
        schema["patternErrorMessage"] = (
            "Write some text, without invisible or direction-changing characters, "
            "and without '<' before a letter, '/', '!' or '?'."
        )
        return schema


def _scripts(text: str) -> set[str]:
    if text.isascii():  # most names; unicodedata.name for every letter is slow
        return {"Latin"} if any(ch.isalpha() for ch in text) else set()
    found = set()
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            found.add(script.capitalize())
    return found


class Id(Type):
    label = "an id"

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value
        if not is_plain(node) and value != value.strip():
            ctx.error(
                "bad-id",
                node,
                path,
                f"the id {show(value)} has surrounding whitespace or a line break",
                "write the id on the same line as 'id:'",
            )
            raise Invalid
        if not ID_RE.match(value) or len(value) > ID_MAX:
            why = "is longer than 64 characters" if len(value) > ID_MAX else "is not a lowercase slug"
            ctx.error(
                "bad-id",
                node,
                path,
                f"the id {show(value)} {why}",
                f"expected lowercase letters, digits and single hyphens, such as {show(slugify(value) or 'kataib-hezbollah')}",
            )
            raise Invalid
        if value in RESERVED_IDS:
            why = "is the name of each section's own page" if value == "index" else "is a device name on Windows"
            ctx.error(
                "reserved-id",
                node,
                path,
                f"the id {show(value)} {why}",
                "choose a more specific id, and name the file after it",
            )
            raise Invalid
        return value

    def json_schema(self):
        return {
            "type": "string",
            "pattern": f"^{ID_PATTERN}$",
            "maxLength": ID_MAX,
            "patternErrorMessage": "An id is a lowercase slug: letters a-z, digits and single hyphens, such as kataib-hezbollah.",
        }


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:ID_MAX].strip("-")


class Bool(Type):
    label = "true or false"

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        if node.value in ("true", "false") and is_plain(node):
            return node.value == "true"
        ctx.error("wrong-type", node, path, f"expected true or false, got {show(node.value)}")
        raise Invalid

    def json_schema(self):
        return {"type": "boolean"}


class Count(Type):
    label = "a whole number"

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value
        if is_plain(node) and re.fullmatch(r"0|[1-9][0-9]{0,8}", value):
            return int(value)
        ctx.error(
            "wrong-type", node, path, f"expected a whole number such as 3 (no sign, no leading zero), got {show(value)}"
        )
        raise Invalid

    def json_schema(self):
        return {"type": "integer", "minimum": 0, "maximum": 999_999_999}


class Date(Type):
    label = "a date"
    _RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value.strip()
        m = self._RE.match(value)
        if m:
            y, mo, d = m.groups()  # the year is not optional in _RE
            year, month, day = int(y), int(mo) if mo else None, int(d) if d else None
            try:
                _date(year, 1 if month is None else month, 1 if day is None else day)  # month 00 is not January
                return PartialDate(year, month, day)
            except ValueError:
                pass
            ctx.error(
                "bad-date", node, path, f"{show(value)} is not a real date", "expected YYYY-MM-DD, YYYY-MM or YYYY"
            )
            raise Invalid
        ctx.error(
            "bad-date",
            node,
            path,
            f"{show(value)} is not a date in the form YYYY-MM-DD, YYYY-MM or YYYY",
            "write a month or a year alone when the day is not known",
        )
        raise Invalid

    def json_schema(self):
        # A bare year is an integer to YAML; the bounds keep it to four digits.
        return {
            "type": ["string", "integer"],
            "pattern": DATE_PATTERN,
            "minimum": 1000,
            "maximum": 9999,
            "patternErrorMessage": "Write a real date as YYYY-MM-DD, or YYYY-MM / YYYY when the day or month is not known.",
        }


class Url(Type):
    label = "an https URL"

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value.strip()
        problem = url_problem(value)
        if problem:
            ctx.error(
                "bad-url", node, path, f"{show(value)} {problem}", "expected a full address starting with https://"
            )
            raise Invalid
        return value

    def json_schema(self):
        return {
            "type": "string",
            "pattern": URL_PATTERN,
            "format": "uri",
            "patternErrorMessage": "Write the full address starting with https://, without spaces, user name or password.",
        }


def _bad_char_message(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if _NOT_XML.match(ch):
        what = "a lone surrogate" if "\ud800" <= ch <= "\udfff" else "a Unicode noncharacter"
        return f"the text contains {code}, {what}, which no XML file (the sitemap, the diagram) may hold"
    return f"the text contains the invisible character {unicodedata.name(ch, code)} ({code})"


def url_problem(value: str) -> str:
    if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
        return "contains spaces or control characters"
    bad = _NOT_XML.search(value)
    if bad:
        return f"contains U+{ord(bad.group()):04X}, which no XML file (the sitemap, the diagram) may hold"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme != "https":
        return "is not an https:// URL"
    if "@" in parts.netloc:
        return "carries a user name or password"
    if parts.hostname and numeric(parts.hostname):
        return host_problem(parts.hostname)
    if not parts.hostname or "." not in parts.hostname:
        return "has no public host name such as www.example.org"
    return host_problem(parts.hostname)


class Enum(Type):
    label = "one of the listed values"

    def __init__(self, choices: dict[str, str]):
        self.choices = choices  # value -> what it means, shown to editors

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value
        if value in self.choices:
            return value
        hint = did_you_mean(value, self.choices) or f"expected one of {quoted_list(self.choices)}"
        ctx.error("bad-value", node, path, f"{show(value)} is not an allowed value", hint)
        raise Invalid

    def json_schema(self):
        return {"type": "string", "enum": list(self.choices), "enumDescriptions": list(self.choices.values())}


class RefTo(Type):
    """The id of another entity; resolved (and reported when dangling) in link.py."""

    def __init__(self, *kinds: str):
        self.kinds = kinds
        self.label = "the id of " + " or ".join(
            f"an {KIND_SINGULAR[k]}" if k[0] in "aeiou" else f"a {KIND_SINGULAR[k]}" for k in kinds
        )

    def check(self, node, path, ctx):
        node = self._scalar(node, path, ctx)
        value = node.value.strip()
        if not value or core_type(node) == "null":
            ctx.error("missing-field", node, path, f"expected {self.label}, got nothing")
            raise Invalid
        return Ref(value, self.kinds, ctx.loc(node, path))

    def json_schema(self):
        return {
            "type": "string",
            "pattern": f"^{ID_PATTERN}$",
            "patternErrorMessage": f"Write {self.label}: a lowercase slug such as kataib-hezbollah.",
        }


_PROSE_REF = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")


class ProseType(Type):
    label = "text"

    def __init__(self, max_len: int = 4000):
        self.text = Text(max_len=max_len, multiline=True)

    def check(self, node, path, ctx):
        raw = self.text.check(node, path, ctx)
        paragraphs = []
        for block in re.split(r"\n[ \t]*\n", raw):
            block = " ".join(block.split())
            if not block:
                continue
            _stray_brackets(block, node, path, ctx)
            segments: list[str | ProseRef] = []
            at = 0
            for m in _PROSE_REF.finditer(block):
                if m.start() > at:
                    segments.append(block[at : m.start()])
                ref_id, label = m.group(1).strip(), m.group(2)
                if not ID_RE.match(ref_id):
                    ctx.error(
                        "bad-prose-ref",
                        node,
                        path,
                        f"the reference {show(m.group(0))} does not name an id",
                        "write [[id]] or [[id|shown text]]",
                    )
                    raise Invalid
                if label is not None and not label.strip():
                    ctx.error(
                        "bad-prose-ref",
                        node,
                        path,
                        f"the reference {show(m.group(0))} has empty shown text",
                        "write [[id|shown text]] or [[id]]",
                    )
                    raise Invalid
                segments.append(ProseRef(ref_id, label.strip() if label else None, ctx.loc(node, path)))
                at = m.end()
            rest = block[at:]
            if rest:
                segments.append(rest)
            paragraphs.append(tuple(segments))
        if not paragraphs:
            ctx.error("missing-field", node, path, "the text is empty")
            raise Invalid
        return Prose(tuple(paragraphs))

    def json_schema(self):
        return self.text.json_schema()


_STRAY = re.compile(r"\[\[|\]\]")


def _stray_brackets(block: str, node, path: str, ctx) -> None:
    """Every '[[' or ']]' outside a complete reference is an error, each reported with the words
    around it: one broken reference must not hide behind a good one after it."""
    spans = [m.span() for m in _PROSE_REF.finditer(block)]
    stray, i = [], 0
    for m in _STRAY.finditer(block):
        while i < len(spans) and spans[i][1] <= m.start():
            i += 1
        if not (i < len(spans) and spans[i][0] <= m.start() < spans[i][1]):
            stray.append(m)
    for m in stray:
        before, after = block[max(0, m.start() - 20) : m.start()], block[m.end() : m.end() + 20]
        ctx.error(
            "bad-prose-ref",
            node,
            path,
            f"the {show(m.group())} in {show(before + m.group() + after)} is not part of a complete reference",
            "write [[id]] or [[id|shown text]]",
        )
    if stray:
        raise Invalid


class ListOf(Type):
    def __init__(self, item: Type, max_items: int = 500):
        self.item = item
        self.max_items = max_items
        self.label = "a list"

    def check(self, node, path, ctx):
        if not isinstance(node, SequenceNode):
            ctx.error("wrong-type", node, path, f"expected a list (lines starting with '- '), got {_what(node)}")
            raise Invalid
        if len(node.value) > self.max_items:
            ctx.error(
                "too-many-items",
                node,
                path,
                f"the list has {len(node.value):,} items",
                f"expected at most {self.max_items:,}",
            )
            raise Invalid
        out, ok = [], True
        for i, item in enumerate(node.value):
            try:
                out.append(self.item.check(item, f"{path}[{i}]", ctx))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid
        return tuple(out)

    def json_schema(self):
        return {"type": "array", "items": self.item.json_schema(), "maxItems": self.max_items}


def _what(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the text {show(node.value)}"


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    doc: str
    required: bool = False
    # The code reported when a required field is missing: "uncited" for citations.
    missing_code: str = "missing-field"
    example: str = ""


class Obj(Type):
    """A mapping with documented fields. `shorthand` lets a bare scalar stand for one field."""

    def __init__(
        self,
        title: str,
        fields: list[Field],
        doc: str = "",
        shorthand: str | None = None,
        rules: list[Callable[[Fields, MappingNode, str, Ctx], None]] | None = None,
        schema_rules: dict | None = None,
    ):
        self.title = title
        self.fields = {f.name: f for f in fields}
        self.doc = doc
        self.shorthand = shorthand
        self.rules = rules or []
        self.schema_rules = schema_rules or {}  # the rules JSON Schema can express (if/then), for editors
        self.label = f"a mapping ({title})"

    def check(self, node, path, ctx):
        if isinstance(node, ScalarNode) and self.shorthand and not is_empty(node):
            value = self.fields[self.shorthand].type.check(node, path, ctx)
            loc = ctx.loc(node, path)
            return Fields({self.shorthand: value}, loc, {self.shorthand: loc})
        if not isinstance(node, MappingNode):
            ctx.error(
                "not-a-mapping" if not path else "wrong-type", node, path, f"expected {self.label}, got {_what(node)}"
            )
            raise Invalid
        values: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        ok = True
        present = set()
        misspelt = set()  # required fields an unknown key was probably meant to be
        for key, value in node.value:
            name = key.value
            sub = f"{path}.{name}" if path else name
            spec = self.fields.get(name)
            if spec is None:
                guess = did_you_mean(name, self.fields)
                if guess:
                    misspelt.add(guess.split("'")[1])
                hint = guess or f"expected one of {quoted_list(self.fields)}"
                ctx.error("unknown-field", key, sub, f"unknown field {show(name)}", hint)
                ok = False
                continue
            present.add(name)
            if is_empty(value):
                if spec.required:
                    what = "has no citation" if spec.missing_code == "uncited" else "is empty"
                    if isinstance(value, ScalarNode) and value.value and not value.value.strip():
                        what = "holds only spaces"
                    bare = isinstance(value, ScalarNode) and is_plain(value) and value.value == ""
                    ctx.error(
                        spec.missing_code,
                        key if bare else value,
                        sub,
                        f"the required field {show(name)} {what}",
                        _missing_hint(spec),
                    )
                    ok = False
                continue
            try:
                values[name] = spec.type.check(value, sub, ctx)
                locs[name] = ctx.loc(value, sub)
            except Invalid:
                ok = False
        for spec in self.fields.values():
            if spec.required and spec.name not in present and spec.name not in misspelt:
                what = "citation" if spec.missing_code == "uncited" else "field"
                ctx.error(
                    spec.missing_code,
                    node,
                    path,
                    f"the required {what} {show(spec.name)} is missing",
                    _missing_hint(spec),
                )
                ok = False
        if not ok:
            raise Invalid
        result = Fields(values, ctx.loc(node, path), locs)
        for rule in self.rules:
            rule(result, node, path, ctx)
        return result

    def json_schema(self):
        props = {}
        for f in self.fields.values():
            s = dict(f.type.json_schema())
            if f.required and isinstance(f.type, ListOf):
                s["minItems"] = 1  # check reports an empty required list as missing
            if f.required and isinstance(f.type, Obj) and not f.type.shorthand:
                s["minProperties"] = 1
            if not f.required:  # check reads an empty optional field as left out: so does the editor
                s = {"anyOf": [s, EMPTY_SCHEMA]}
            s["description"] = f.doc
            if isinstance(f.type, Enum):  # hover shows the description, not the list of values
                values = "\n".join(f"- `{k}`: {v}" for k, v in f.type.choices.items())
                s["markdownDescription"] = f"{f.doc}\n\n{values}"
            if f.example:
                s["examples"] = [f.example]
            props[f.name] = s
        schema: dict[str, Any] = {
            "type": "object",
            "title": self.title,
            "additionalProperties": False,
            "properties": props,
        }
        if self.doc:
            schema["description"] = self.doc
        required = [f.name for f in self.fields.values() if f.required]
        if required:
            schema["required"] = required
        schema.update(self.schema_rules)
        if self.shorthand:
            short = self.fields[self.shorthand].type.json_schema()
            return {"anyOf": [short, schema], "description": self.doc or self.title}
        return schema


def _missing_hint(spec: Field) -> str:
    if spec.missing_code == "uncited":
        return "add at least one source id under 'cite:'"
    return f"expected {spec.type.label}"


# --- cross-field rules ------------------------------------------------------------------


def _end_after_start(start: str, end: str):
    def rule(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
        if start in values and end in values and values[end].latest() < values[start].sort_key():
            loc = values.locs[end]
            ctx.report.add(
                "date-order",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"the end {values[end].iso()} is before the start {values[start].iso()}",
                f"expected {end} on or after {start}",
            )

    return rule


# --- the content model ------------------------------------------------------------------

# Whose words a quote is. A reader must be able to tell a person's own words from an
# outlet's sentence about them: "Psaki said the strikes could be a “model”" quotes one word of hers.
WORDS = {
    "speaker": "The speaker's own words: the source prints them inside quotation marks as said or written by the actor.",
    "reporter": "The source's own sentence: a reporter's paraphrase or summary of what was said or believed.",
    "headline": "The source's headline.",
    "subheadline": "The source's subheadline: the line under its headline.",
}
DEFAULT_WORDS = "reporter"


def _words_need_quote(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
    if "words" in values and "quote" not in values:
        loc = values.locs["words"]
        ctx.report.add(
            "words-without-quote",
            loc.file,
            loc.line,
            loc.col,
            f"{path}.words",
            "'words' says whose words a quote is, but the citation has no quote",
            "add the quote, or remove 'words'",
        )


CITATION = Obj(
    "citation",
    [
        Field(
            "source",
            RefTo("sources"),
            "The id of the source that reports this.",
            required=True,
            example="amn-2021-03-04-militia-behind-attack",
        ),
        Field(
            "quote",
            Text(max_len=1200, multiline=True),
            "The exact words in the source, copied character for character. Checked against the archived text.",
        ),
        Field(
            "note",
            Text(max_len=300),
            "Where in the source, or how it says it, when that matters (for example 'headline').",
        ),
        Field(
            "words",
            Enum(WORDS),
            "Whose words the quote is (default: reporter). 'speaker' is checked: the archived text must put the words in quotation marks.",
        ),
        Field(
            "via",
            RefTo("sources"),
            "When the source only relays this from another source (one in its 'cites'), that source's id: the statement's origin.",
        ),
    ],
    doc="A source id, or a mapping with the source id and the exact quote that supports the statement.",
    shorthand="source",
    rules=[_words_need_quote],
    schema_rules={"if": filled("words"), "then": filled("quote")},
)


def cite_field(doc: str = "The sources that report this; at least one.") -> Field:
    return Field("cite", ListOf(CITATION, max_items=50), doc, required=True, missing_code="uncited")


CITED_TEXT = Obj(
    "cited text",
    [
        Field(
            "text",
            ProseType(),
            "Plain text. Blank lines separate paragraphs; [[id]] or [[id|shown text]] links to another entity.",
            required=True,
        ),
        cite_field(),
    ],
)

ACTOR_KINDS = {
    "person": "A named individual.",
    "organization": "A company, party, coalition or other organised body that is not a state organ.",
    "government-body": "A ministry, department, office or agency of a state.",
    "armed-forces": "A state's military or security forces, or a unit of them.",
    "armed-group": "A non-state armed group or militia.",
    "state": "A country, as an actor.",
    "media-outlet": "A newspaper, website, broadcaster or news agency.",
    "anonymous-group": "People who spoke without being named, as the source describes them (e.g. 'two unnamed US defense officials').",
}

AFFILIATION_RELATIONS = {
    "member-of": "Belongs to the other actor as a member.",
    "part-of": "Is a component or sub-unit of the other actor.",
    "backed-by": "Is supported (armed, funded, directed) by the other actor.",
    "allied-with": "Acts in alliance with the other actor.",
    "spokesperson-for": "Speaks officially for the other actor.",
    "leads": "Heads or commands the other actor.",
    "works-for": "Is employed by or writes for the other actor.",
    "official-of": "Holds an office in the other actor (a government, a department).",
}

ACTOR = Obj(
    "actor",
    [
        Field(
            "id",
            Id(),
            "The file name without .yaml: a lowercase slug, unique across all kinds.",
            required=True,
            example="kataib-hezbollah",
        ),
        Field(
            "name", Name(max_len=200), "The name readers know the actor by.", required=True, example="Kataib Hezbollah"
        ),
        Field("kind", Enum(ACTOR_KINDS), "What sort of actor this is.", required=True),
        Field(
            "aliases",
            ListOf(Name(max_len=200), max_items=50),
            "Other names and spellings used in sources (e.g. 'Kataeb Hezbollah').",
        ),
        Field(
            "same_as",
            ListOf(RefTo("actors"), max_items=50),
            "Other actor entries that may be the same people under another description (e.g. 'two officials told Politico' "
            "and 'US officials told Politico'): counted once wherever actors are counted.",
        ),
        Field("summary", CITED_TEXT, "Who or what the actor is, in a few cited sentences.", required=True),
        Field(
            "affiliations",
            ListOf(
                Obj(
                    "affiliation",
                    [
                        Field(
                            "relation",
                            Enum(AFFILIATION_RELATIONS),
                            "How this actor relates to the other.",
                            required=True,
                        ),
                        Field("actor", RefTo("actors"), "The id of the other actor.", required=True),
                        Field(
                            "title",
                            Text(max_len=200),
                            "The office or role held, as the source words it (e.g. 'Pentagon spokesman').",
                        ),
                        Field("since", Date(), "When the relation began, as precisely as known."),
                        Field("until", Date(), "When it ended, if it has."),
                        Field("as_of", Date(), "The date a source reports the relation as current."),
                        cite_field(),
                    ],
                    rules=[_end_after_start("since", "until")],
                )
            ),
            "Dated roles and affiliations with other actors, each cited.",
        ),
    ],
    doc="A person, organisation, state, outlet or group of unnamed officials that takes part in events or takes positions on claims.",
)

EVENT_KINDS = {
    "rocket-attack": "Rockets fired at a target.",
    "missile-attack": "Missiles fired at a target.",
    "airstrike": "A strike from the air.",
    "targeted-killing": "A strike aimed at killing named people.",
    "storming": "An attempt to break into or overrun a place.",
    "attack": "Any other attack.",
    "statement": "A public statement, briefing or announcement.",
    "investigation": "An inquiry into another event.",
    "other": "Anything else.",
}

PARTICIPANT_ROLES = {
    "target": "Was attacked or aimed at.",
    "victim": "Was killed, injured or harmed.",
    "carried-out": "Carried out the event, by its own account or beyond dispute in the sources.",
    "perpetrator": "Is alleged to have carried it out. Contested: must name the claim that alleges it.",
    "ordered": "Ordered or authorised the event.",
    "recommended": "Advised that the event take place.",
    "responder": "Responded to the event.",
    "investigator": "Investigates the event.",
    "spokesperson": "Spoke publicly about the event for one of the parties.",
    "location": "Hosts the place where it happened.",
}
CONTESTED_ROLES = frozenset({"perpetrator"})

CASUALTY_KINDS = {
    "killed": "Killed by the violence itself (the attack, strike or fighting), as the source tells it.",
    "died": "Died in connection with the event but not, as the source tells it, by its violence "
    "(e.g. a cardiac episode while sheltering): 'cause' says how.",
    "injured": "Injured.",
}
CASUALTY_QUALIFIERS = {
    "exactly": "The exact number.",
    "at-least": "At least this many.",
    "more-than": "More than this many.",
    "about": "Roughly this many.",
}
CASUALTY_REPORTS = {
    "stated": "The source states the figure itself (the default).",
    "reportedly": "The source passes the figure on as reported, without vouching for it ('reportedly').",
    "none": "The source says none have been reported ('No injuries have been reported'): not a count of zero, so no 'count'.",
}

EVENT_RELATIONS = {
    "response-to": "This event was a response to the other.",
    "retaliation-for": "This event was retaliation for the other.",
    "follows": "This event came after the other and is connected to it.",
    "part-of": "This event is part of the larger other event.",
    "investigates": "This event is an investigation of the other.",
}
# Relations that place this event after the other: the timeline orders by them within a date.
AFTER_RELATIONS = frozenset({"response-to", "retaliation-for", "follows", "investigates"})


def _participant_rule(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
    if values.get("role") in CONTESTED_ROLES and "claim" not in values:
        loc = values.locs["role"]
        ctx.report.add(
            "contested-role",
            loc.file,
            loc.line,
            loc.col,
            f"{path}.role",
            f"the role {show(values['role'])} is an allegation, not a fact",
            "add 'claim:' with the id of the claim that alleges it",
        )
    elif values.get("role") not in CONTESTED_ROLES and "cite" not in values:
        ctx.report.add(
            "uncited",
            values.loc.file,
            values.loc.line,
            values.loc.col,
            path,
            "the participant has no citation",
            "add at least one source id under 'cite:'",
        )


# _participant_rule for the editor: a contested role names its claim; any other role is cited.
_PARTICIPANT_SCHEMA = {
    "if": {"properties": {"role": {"enum": sorted(CONTESTED_ROLES)}}, "required": ["role"]},
    "then": {
        **filled("claim"),
        "errorMessage": "This role is an allegation, not a fact: add 'claim:' with the id of the claim that alleges it.",
    },
    "else": filled("cite"),
}


def _casualty_rule(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
    """A figure says what the source says: none reported is not a count, a death not by the violence says how."""

    def err(at: str | None, message: str, hint: str) -> None:
        loc = values.locs[at] if at else values.loc
        ctx.report.add("casualty-figure", loc.file, loc.line, loc.col, loc.path if at else path, message, hint)

    if values.get("reported") == "none":
        for name in ("count", "qualifier"):
            if name in values:
                err(
                    name,
                    f"the figure is reported as none, so it has no {show(name)}",
                    f"remove {show(name)}: none reported is not a count of zero",
                )
    else:
        if "count" not in values:
            err(
                None,
                "the casualty figure has no 'count'",
                "add 'count:', or write 'reported: none' when the source says none have been reported",
            )
        if "who" not in values:
            err(None, "the casualty figure does not say who", "add 'who:' as the source describes them")
    if values.get("kind") == "died" and "cause" not in values:
        err(
            "kind",
            "the figure says 'died' without a 'cause'",
            "add 'cause:' in the source's words, or use 'killed' if the violence killed them",
        )


# _casualty_rule for the editor.
_CASUALTY_SCHEMA = {
    "allOf": [
        {
            "if": {"properties": {"reported": {"const": "none"}}, "required": ["reported"]},
            "then": {
                "not": {"anyOf": [filled("count"), filled("qualifier")]},
                "errorMessage": "None reported is not a count of zero: remove 'count' and 'qualifier'.",
            },
            "else": filled("count", "who"),
        },
        {
            "if": {"properties": {"kind": {"const": "died"}}, "required": ["kind"]},
            "then": {**filled("cause"), "errorMessage": "Say how they died, in the source's words, under 'cause:'."},
        },
    ]
}

EVENT = Obj(
    "event",
    [
        Field(
            "id",
            Id(),
            "The file name without .yaml: a lowercase slug, unique across all kinds.",
            required=True,
            example="al-asad-rocket-attack-2021-03-03",
        ),
        Field("title", Name(max_len=200), "A short, neutral title.", required=True),
        Field(
            "date",
            Date(),
            "When it happened: YYYY-MM-DD, or YYYY-MM / YYYY when the sources give no more.",
            required=True,
            example="2021-03-03",
        ),
        Field("approximate", Bool(), "true when the sources only place the date roughly ('last week', 'in February')."),
        Field("end_date", Date(), "When it ended, for events that lasted."),
        Field("place", Text(max_len=200), "Where it happened, as precisely as the sources say."),
        Field("kind", Enum(EVENT_KINDS), "What sort of event this is.", required=True),
        Field("summary", CITED_TEXT, "What happened, in a few cited sentences.", required=True),
        Field(
            "participants",
            ListOf(
                Obj(
                    "participant",
                    [
                        Field("actor", RefTo("actors"), "The id of the actor.", required=True),
                        Field("role", Enum(PARTICIPANT_ROLES), "The actor's part in the event.", required=True),
                        Field("claim", RefTo("claims"), "For a contested role: the claim that alleges it."),
                        Field("note", Text(max_len=300), "A short qualification."),
                        Field(
                            "cite",
                            ListOf(CITATION, max_items=50),
                            "The sources that report this part (not needed when 'claim' carries it).",
                        ),
                    ],
                    rules=[_participant_rule],
                    schema_rules=_PARTICIPANT_SCHEMA,
                )
            ),
            "Who took part, and how.",
        ),
        Field(
            "casualties",
            ListOf(
                Obj(
                    "casualty figure",
                    [
                        Field(
                            "kind",
                            Enum(CASUALTY_KINDS),
                            "Killed by the violence, died in connection with it, or injured.",
                            required=True,
                        ),
                        Field("reported", Enum(CASUALTY_REPORTS), "How the source gives the figure (default: stated)."),
                        Field(
                            "count",
                            Count(),
                            "How many, as the source says (0 only when it says there were none). "
                            "Required unless reported: none.",
                        ),
                        Field(
                            "qualifier",
                            Enum(CASUALTY_QUALIFIERS),
                            "How exact the count is, in the source's words (default: exactly).",
                        ),
                        Field(
                            "who",
                            Text(max_len=200),
                            "Who they were, as the source says (e.g. 'US civilian contractor'). Required unless reported: none.",
                        ),
                        Field(
                            "cause",
                            Text(max_len=200),
                            "How, in the source's terms, written to follow the figure and 'who': 'after suffering from a "
                            "cardiac episode while sheltering from the attack', 'as a direct result of "
                            "rocket impacts'. Required for kind: died.",
                        ),
                        Field("note", Text(max_len=300), "A short qualification of your own."),
                        cite_field(),
                    ],
                    rules=[_casualty_rule],
                    schema_rules=_CASUALTY_SCHEMA,
                )
            ),
            "Casualty figures, each cited, with the source's precision.",
        ),
        Field(
            "related",
            ListOf(
                Obj(
                    "related event",
                    [
                        Field("relation", Enum(EVENT_RELATIONS), "How this event relates to the other.", required=True),
                        Field("event", RefTo("events"), "The id of the other event.", required=True),
                        cite_field(),
                    ],
                )
            ),
            "Connections to other events.",
        ),
    ],
    doc="Something that happened at a time and place.",
    rules=[_end_after_start("date", "end_date")],
)

POSITIONS = {
    "asserts": "States or believes the claim is true.",
    "reports": "Relays the claim without endorsing or disputing it.",
    "doubts": "Questions the claim or the evidence for it.",
    "denies": "Says the claim is false.",
    "declines-to-attribute": "Does not, or cannot yet, say who is responsible or confirm the claim.",
}
SUPPORTING = frozenset({"asserts"})
OPPOSING = frozenset({"doubts", "denies"})
WITHHOLDING = frozenset({"declines-to-attribute"})

VERDICTS = {
    "supported": "The evidence in the sources supports the claim.",
    "contradicted": "The evidence in the sources contradicts the claim.",
    "unproven": "The sources do not establish whether it is true.",
}

CLAIM = Obj(
    "claim",
    [
        Field("id", Id(), "The file name without .yaml: a lowercase slug, unique across all kinds.", required=True),
        Field(
            "proposition",
            Name(max_len=400),
            "The claim as one neutral sentence that can be true or false.",
            required=True,
            example="Kataib Hezbollah carried out the 3 March 2021 rocket attack on Al Asad Air Base.",
        ),
        Field("about", ListOf(RefTo("events", "actors"), max_items=50), "The events and actors the claim is about."),
        Field(
            "stances",
            ListOf(
                Obj(
                    "stance",
                    [
                        Field("actor", RefTo("actors"), "Who took the position.", required=True),
                        Field("position", Enum(POSITIONS), "What position they took.", required=True),
                        Field("date", Date(), "When they took it, as precisely as known."),
                        Field("note", Text(max_len=500), "How they put it, in a few of your own words."),
                        cite_field(),
                    ],
                )
            ),
            "Every position an actor took on the claim, with the citation that reports it. The claim's status is derived from these.",
            required=True,
        ),
        Field(
            "assessment",
            Obj(
                "assessment",
                [
                    Field("verdict", Enum(VERDICTS), "The site's own conclusion.", required=True),
                    Field("reason", ProseType(), "Why, in plain text.", required=True),
                    cite_field(),
                ],
            ),
            "The site's own assessment, kept apart from the stances, with a written reason.",
        ),
    ],
    doc="One proposition that actors take positions on.",
)

SOURCE_KINDS = {
    "news-report": "A news article.",
    "analysis": "An analysis or explainer.",
    "opinion": "An opinion piece or commentary.",
    "official-statement": "A statement by a government or organisation.",
    "press-briefing": "Remarks at a press briefing.",
    "social-media": "A post on social media.",
    "interview": "An interview.",
    "report": "A report by an institution or NGO.",
    "other": "Anything else.",
}
ACCESS = {
    "direct": "The editors read this source themselves.",
    "relayed": "Known only as a source the editors read reports it; the editors have not seen the original.",
}

SOURCE = Obj(
    "source",
    [
        Field("id", Id(), "The file name without .yaml: a lowercase slug, unique across all kinds.", required=True),
        Field("title", Name(max_len=300), "The title or headline, as published.", required=True),
        Field(
            "publisher", RefTo("actors"), "The id of the outlet or body that published it (an actor).", required=True
        ),
        Field("authors", ListOf(RefTo("actors"), max_items=50), "The ids of its authors or speakers (actors)."),
        Field("published", Date(), "When it was published, as precisely as known.", required=True),
        Field("kind", Enum(SOURCE_KINDS), "What sort of source this is.", required=True),
        Field(
            "access",
            Enum(ACCESS),
            "Whether the editors read it or know it only through a source that cites it.",
            required=True,
        ),
        Field("url", Url(), "Where it can be read (https)."),
        Field("archived_url", Url(), "A copy in a web archive (https)."),
        Field(
            "archived_text",
            Text(max_len=200),
            "The file name of its text in the archive folder, used to verify quotes.",
        ),
        Field(
            "cites", ListOf(RefTo("sources"), max_items=100), "The ids of sources this one relays: the reporting chain."
        ),
        Field(
            "summary",
            CITED_TEXT,
            "What it says, in one or two sentences, strictly from its text, cited (a relayed source: "
            "from the source that relays it).",
        ),
    ],
    doc="Where the site's information comes from: an article, statement, briefing or post.",
)

SITE = Obj(
    "site",
    [
        Field("title", Name(max_len=200), "The explainer's title.", required=True),
        Field(
            "as_of",
            Date(),
            "The date of the latest reporting the explainer covers; every page shows it (as of 4 March 2021).",
            required=True,
            example="2021-03-04",
        ),
        Field("lede", CITED_TEXT, "The opening paragraph on the front page, cited.", required=True),
        Field("scope", CITED_TEXT, "What the explainer covers and from which sources, cited; shown on the about page."),
        Field("featured_event", RefTo("events"), "The id of the event the explainer is about.", required=True),
        Field(
            "questions",
            ListOf(
                Obj(
                    "key question",
                    [
                        Field(
                            "question", Name(max_len=300), "A question a reader arriving cold would ask.", required=True
                        ),
                        Field("answer", ProseType(), "A short answer in plain text.", required=True),
                        cite_field(),
                    ],
                ),
                max_items=30,
            ),
            "The explainer's key questions with short cited answers.",
            required=True,
        ),
    ],
    doc="The explainer as a whole: content/site.yaml.",
)

ENTITY_SPECS: dict[str, Obj] = {"actors": ACTOR, "events": EVENT, "claims": CLAIM, "sources": SOURCE}


def json_schema(kind: str) -> dict:
    """The draft-07 JSON Schema for one kind ('site' for site.yaml)."""
    spec = SITE if kind == "site" else ENTITY_SPECS[kind]
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", **spec.json_schema()}
    return schema
