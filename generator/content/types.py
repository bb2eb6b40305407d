"""The validation types: each takes a YAML node and returns a typed value or reports a located
diagnostic (and raises Invalid), gives its JSON Schema for the editor, and describes itself for
the field reference in CONTRIBUTING.md. The content definitions that use them are in schema.py.
"""

from __future__ import annotations

import re
from datetime import date as _date
from typing import Any, NoReturn

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report, did_you_mean, quoted_list, show
from .patterns import (
    DATE_PATTERN,
    ID_MAX,
    ID_PATTERN,
    ID_RE,
    RESERVED_IDS,
    URL_PATTERN,
    slugify,
    url_problem,
)
from .values import KIND_SINGULAR, PartialDate, Ref
from .yamlio import STD_TAGS, Unsafe, core_type, is_plain, pos


class Ctx:
    """What a type needs while checking one node: where it is and where to report."""

    def __init__(self, file: str, report: Report):
        self.file = file
        self.report = report

    def error(self, code: str, node: Node, path: str, message: str, hint: str = "") -> None:
        line, col = pos(node)
        self.report.add(code, self.file, line, col, path, message, hint)


class Invalid(Exception):
    """Raised by a type after it has reported why a value cannot be used."""


# --- types ----------------------------------------------------------------------------


class Type:
    """A kind of value: how it is checked, how the editor's JSON Schema says it, and how the
    field reference in CONTRIBUTING.md describes it."""

    label = "value"

    def check(self, node: Node, path: str, ctx: Ctx) -> Any:
        """The typed value of `node`, or Invalid after reporting why there is none."""
        raise NotImplementedError

    def json_schema(self) -> dict:
        """The JSON Schema of a value of this type."""
        raise NotImplementedError

    def required_schema(self) -> dict:
        """What JSON Schema adds for a required field of this type: check reports an empty list or
        mapping in a required field as missing, so the editor must too."""
        return {}

    def values_doc(self) -> str:
        """The allowed values and their meanings, as a Markdown list for the editor's hover ("" for
        a type that has no list of values)."""
        return ""

    def describe(self) -> str:
        """How the field reference says a value of this type is written ("written as")."""
        return self.label

    def describe_items(self) -> str:
        """How the field reference describes a list of values of this type."""
        return "a list; each item " + self.describe()

    def element(self) -> Type:
        """The type of what a field of this type holds: itself, or for a list the type of its items."""
        return self

    def _not_scalar(self, node: Node, path: str, ctx: Ctx) -> NoReturn:
        """Report a list or mapping where this scalar type was expected. The types test
        `node.__class__ is not ScalarNode` themselves: this runs for every value."""
        got = "a list" if isinstance(node, SequenceNode) else "a mapping"
        ctx.error("wrong-type", node, path, f"expected {self.label}, got {got}")
        raise Invalid


# An empty value as is_empty sees it: nothing, text of whitespace alone (Python's whitespace,
# named one by one, since ECMA's \s differs), an empty list or mapping. Each keyword applies
# to its own JSON type only.
_SPACES = "".join(chr(c) for c in range(0x10000) if chr(c).isspace())  # none lies beyond U+FFFF
_SPACE_CLASS = "".join(f"\\u{ord(c):04x}" for c in _SPACES)
EMPTY_SCHEMA = {
    "type": ["null", "string", "array", "object"],
    "pattern": f"^[{_SPACE_CLASS}]*$",
    "maxItems": 0,
    "maxProperties": 0,
}


def filled(*names: str) -> dict:
    """JSON Schema for "these fields are given": present and not empty, as check counts them."""
    return {"required": list(names), "properties": {n: {"not": EMPTY_SCHEMA} for n in names}}


# The first characters of every scalar is_empty counts as empty: a null ('~', null, Null, NULL)
# or whitespace. A value that starts with anything else is not empty (a test before the call).
EMPTY_STARTS = frozenset("~nN" + _SPACES)


def is_empty(node: Node) -> bool:
    """Nothing (null), text of whitespace alone, or an empty list or mapping: a field left out."""
    if node.__class__ is ScalarNode:
        value = node.value
        if value and value[0] not in EMPTY_STARTS:
            return False
        # Whitespace alone is empty however it is written: quoted, or plain with a
        # no-break space YAML does not count as space (fmt may quote one as the other).
        return core_type(node) == "null" or value.strip() == ""
    return len(node.value) == 0


class Id(Type):
    label = "an id"

    def check(self, node, path, ctx):
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
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

    def describe(self):
        return "an id: lowercase letters, digits and single hyphens, at most 64 characters"

    def json_schema(self):
        return {
            "type": "string",
            "pattern": f"^{ID_PATTERN}$",
            "maxLength": ID_MAX,
            "patternErrorMessage": "An id is a lowercase slug: letters a-z, digits and single hyphens, such as kataib-hezbollah.",
        }


class Bool(Type):
    label = "true or false"

    def check(self, node, path, ctx):
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        if node.value in ("true", "false") and is_plain(node):
            return node.value == "true"
        ctx.error("wrong-type", node, path, f"expected true or false, got {show(node.value)}")
        raise Invalid

    def describe(self):
        return "`true` or `false`"

    def json_schema(self):
        return {"type": "boolean"}


class Count(Type):
    label = "a whole number"

    def check(self, node, path, ctx):
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        value = node.value
        if is_plain(node) and re.fullmatch(r"0|[1-9][0-9]{0,8}", value):
            return int(value)
        ctx.error(
            "wrong-type", node, path, f"expected a whole number such as 3 (no sign, no leading zero), got {show(value)}"
        )
        raise Invalid

    def describe(self):
        return "a whole number"

    def json_schema(self):
        return {"type": "integer", "minimum": 0, "maximum": 999_999_999}


# Each real date's value, by its text: a tracker's files repeat the same dates again and again,
# and a PartialDate is immutable, so one serves them all.
_DATES: dict[str, PartialDate] = {}


class Date(Type):
    label = "a date"
    _RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?\Z")

    def check(self, node, path, ctx):
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        value = node.value.strip()
        known = _DATES.get(value)
        if known is not None:
            return known
        m = self._RE.match(value)
        if m:
            y, mo, d = m.groups()  # the year is not optional in _RE
            year, month, day = int(y), int(mo) if mo else None, int(d) if d else None
            try:
                _date(year, 1 if month is None else month, 1 if day is None else day)  # month 00 is not January
                known = PartialDate(year, month, day)
                if len(_DATES) < 100_000:  # bounded: a long-running serve reads new dates for ever
                    _DATES[value] = known
                return known
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

    def describe(self):
        return "a date: YYYY-MM-DD, YYYY-MM or YYYY"

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
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        value = node.value.strip()
        problem = url_problem(value)
        if problem:
            ctx.error(
                "bad-url", node, path, f"{show(value)} {problem}", "expected a full address starting with https://"
            )
            raise Invalid
        return value

    def describe(self):
        return "an address starting with https://"

    def json_schema(self):
        return {
            "type": "string",
            "pattern": URL_PATTERN,
            "format": "uri",
            "patternErrorMessage": "Write the full address starting with https://, without spaces, user name or password.",
        }


class Enum(Type):
    label = "one of the listed values"

    def __init__(self, choices: dict[str, str]):
        self.choices = choices  # value -> what it means, shown to editors

    def check(self, node, path, ctx):
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        value = node.value
        if value in self.choices:
            return value
        hint = did_you_mean(value, self.choices) or f"expected one of {quoted_list(self.choices)}"
        ctx.error("bad-value", node, path, f"{show(value)} is not an allowed value", hint)
        raise Invalid

    def describe(self):
        return "one of: " + ", ".join(f"`{v}`" for v in self.choices)

    def values_doc(self):
        return "\n".join(f"- `{k}`: {v}" for k, v in self.choices.items())

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
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        value = node.value.strip()
        if not value or (value[0] in "~nN" and core_type(node) == "null"):  # null is '~' or null, Null, NULL
            ctx.error("missing-field", node, path, f"expected {self.label}, got nothing")
            raise Invalid
        return Ref(value, self.kinds, ctx.file, node.start_mark, path)

    def json_schema(self):
        return {
            "type": "string",
            "pattern": f"^{ID_PATTERN}$",
            "patternErrorMessage": f"Write {self.label}: a lowercase slug such as kataib-hezbollah.",
        }


class ListOf(Type):
    def __init__(self, item: Type, max_items: int = 500):
        self.item = item
        self.max_items = max_items
        self.label = "a list"

    def check(self, node, path, ctx):
        if not isinstance(node, SequenceNode):
            ctx.error("wrong-type", node, path, f"expected a list (lines starting with '- '), got {what_node(node)}")
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
            if item.tag not in STD_TAGS:
                raise Unsafe  # see Obj.check
            try:
                out.append(self.item.check(item, f"{path}[{i}]", ctx))
            except Invalid:
                ok = False
        if not ok:
            raise Invalid
        return tuple(out)

    def describe(self):
        return self.item.describe_items()

    def element(self):
        return self.item

    def required_schema(self):
        return {"minItems": 1}

    def json_schema(self):
        return {"type": "array", "items": self.item.json_schema(), "maxItems": self.max_items}


def what_node(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    return f"the text {show(node.value)}"
