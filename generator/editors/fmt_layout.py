"""The canonical layout of a content file's nodes, comments kept in place (fmt_comments.py).

Keys in the order schema.py defines the fields (unknown keys after them, as written); two-space
indentation, lists indented under their key; text plain when YAML reads it back as the same
text, else double-quoted (invisible characters escaped, so a reviewer sees them); text longer
than the line width (100) folded with `>-` at word boundaries. A scalar keeps its YAML type
where the schema does not expect text. fmt.py verifies the result before it writes it.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..content.obj import Obj
from ..content.types import Bool, Count, Date, ListOf, Type
from ..content.yamlio import core_type
from .fmt_comments import COMPOSED, Entry, Layout

WIDTH = 100
STEP = 2
_STR_TAG = "tag:yaml.org,2002:str"
# Characters YAML allows in a block scalar, less the ones a reviewer could not see.
_BLOCK_OK = re.compile("[\t\n\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*\\Z")
_INVISIBLE = re.compile(
    "[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]"
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


def wants_text(type_: Type | None) -> bool:
    """Whether the schema reads this value as text whatever YAML would type it as."""
    return type_ is not None and not isinstance(type_, (Bool, Count, Date, Obj, ListOf))


def _is_str(value: str) -> bool:
    return core_type(ScalarNode(_STR_TAG, value, style=None)) == "str"


def _plain_ok(value: str) -> bool:
    return (
        value != ""
        and value == value.strip()
        and value[0] not in _INDICATORS
        and value.isprintable()
        and ": " not in value
        and " #" not in value
        and not value.endswith(":")
        and value not in ("=", "<<")  # libyaml's YAML 1.1 tags for these, which the loader refuses
        and _is_str(value)
    )


def _quoted(value: str) -> str:
    out = []
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch.isprintable() and not _INVISIBLE.match(ch):
            out.append(ch)
        elif ord(ch) <= 0xFF:
            out.append(f"\\x{ord(ch):02x}")
        elif ord(ch) <= 0xFFFF:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'


def _wrap(text: str, width: int) -> list[str]:
    """Words of one paragraph, filled to `width`; only single spaces between non-spaces are broken."""
    # A [[reference|shown text]] is kept on one line, so it reads as one thing.
    refs = [m.span() for m in re.finditer(r"\[\[[^\[\]]*\]\]", text)]
    cuts = [m.start() for m in re.finditer(r"(?<=\S) (?=\S)", text) if not any(a < m.start() < b for a, b in refs)]
    words = [text[a + 1 if a else 0 : b] for a, b in zip([0] + cuts, cuts + [len(text)], strict=True)]
    lines, current = [], ""
    for w in words:
        if current and len(current) + 1 + len(w) > width:
            lines.append(current)
            current = w
        else:
            current = f"{current} {w}" if current else w
    lines.append(current)
    return lines


def _folded(value: str, width: int) -> list[str] | None:
    """Content lines of a `>-` scalar that reads back as exactly `value`, or None."""
    if (
        not value
        or value[0] in " \t\n"
        or value[-1] in " \t\n"
        or not _BLOCK_OK.match(value)
        or _INVISIBLE.search(value)
    ):
        return None
    lines: list[str] = []
    for m in re.finditer(r"([^\n]+)|(\n+)", value):
        if m.group(2):
            lines.extend([""] * len(m.group(2)))
            continue
        para = m.group(1)
        if para[0] in " \t" or para[-1] in " \t":
            return None  # a line starting with a space would be kept, not folded
        lines.extend(_wrap(para, width))
    return lines


def _literal(value: str) -> tuple[str, list[str]] | None:
    """The chomping indicator and lines of a literal block reading back as `value`, or None."""
    if not value.strip("\n") or not _BLOCK_OK.match(value) or _INVISIBLE.search(value):
        return None
    body = value.rstrip("\n")
    trailing = len(value) - len(body)
    if trailing > 1 or body[0] in " \t":
        return None
    lines = body.split("\n")
    if any(ln != ln.rstrip() or (ln and not ln.strip()) for ln in lines):
        return None
    if next(ln for ln in lines if ln)[0] in " \t":
        return None  # the first line with text sets the indentation: its own spaces would be lost
    return ("|" if trailing else "|-"), lines


def scalar(node: ScalarNode, type_: Type | None, head: str, indent: int) -> list[str]:
    """Lines for `head` (e.g. 'key:' or '-') followed by the scalar, starting at column `indent`."""
    pad = " " * indent
    value, plain_type = node.value, core_type(node)
    if plain_type == "null":
        return [pad + head]
    keep_type = plain_type != "str" and not wants_text(type_)
    if keep_type:
        return [f"{pad}{head} {value}"]  # a number or true/false stays what YAML reads it as
    room = WIDTH - indent - len(head) - 1
    if _plain_ok(value) and len(value) <= room:
        return [f"{pad}{head} {value}"]
    if "\n" not in value and len(value) + 2 <= room:
        return [f"{pad}{head} {_quoted(value)}"]
    inner = " " * (indent + STEP)
    folded = _folded(value, WIDTH - indent - STEP)
    if folded is not None:
        return [f"{pad}{head} >-"] + [inner + ln if ln else "" for ln in folded]
    literal = _literal(value)
    if literal is not None:
        chomp, lines = literal
        return [f"{pad}{head} {chomp}"] + [inner + ln if ln else "" for ln in lines]
    return [f"{pad}{head} {_quoted(value)}"]


def _key(node: Node) -> str:
    value = node.value
    return value if _plain_ok(value) else _quoted(value)


class Writer:
    def __init__(self, layout: Layout):
        self.layout = layout

    def _comments(self, lines: list[str], bodies: list[str], indent: int) -> None:
        lines.extend(" " * indent + b for b in bodies)

    def _with_trailing(self, lines: list[str], first: int, entry: Entry) -> None:
        """The entry's end-of-line comments: the first after its first line, the others (a flow
        list over several lines, `[a,  # one` ... `b]  # two`, has one a line) on lines of their
        own just below it, indented as what follows, so a second `fmt` leaves them where they
        are. Joined on one line, '# one  # two' would read as a single comment."""
        if not entry.trailing:
            return
        lines[first] += "  " + entry.trailing[0]
        below = lines[first + 1] if first + 1 < len(lines) else lines[first]
        indent = len(below) - len(below.lstrip(" "))
        lines[first + 1 : first + 1] = [" " * indent + body for body in entry.trailing[1:]]

    def value(self, node: Node, type_: Type | None, head: str, indent: int) -> list[str]:
        """`head` and its value: inline when short, else the value on the lines below."""
        if isinstance(node, ScalarNode):
            if isinstance(type_, Obj) and type_.shorthand:
                type_ = type_.fields[type_.shorthand].type
            return scalar(node, type_, head, indent)
        pad = " " * indent
        if not node.value:
            return [pad + head + (" []" if isinstance(node, SequenceNode) else " {}")]
        if isinstance(node, MappingNode):
            spec = type_ if isinstance(type_, Obj) else None
            return [pad + head] + self.mapping(node, spec, indent + STEP)
        assert isinstance(node, SequenceNode), COMPOSED
        item = type_.item if isinstance(type_, ListOf) else None
        return [pad + head] + self.sequence(node, item, indent + STEP)

    def mapping(self, node: MappingNode, spec: Obj | None, indent: int) -> list[str]:
        order = list(spec.fields) if spec is not None else []
        pairs = sorted(
            enumerate(node.value),
            key=lambda p: (order.index(p[1][0].value) if p[1][0].value in order else len(order), p[0]),
        )
        lines: list[str] = []
        for i, (k, v) in pairs:
            entry = self.layout.by_slot[(id(node), i)]
            field_type = spec.fields[k.value].type if spec is not None and k.value in spec.fields else None
            self._comments(lines, entry.leading, indent)
            first = len(lines)
            lines.extend(self.value(v, field_type, _key(k) + ":", indent))
            self._with_trailing(lines, first, entry)
            self._comments(lines, entry.after, indent)
        return lines

    def sequence(self, node: SequenceNode, item: Type | None, indent: int) -> list[str]:
        lines: list[str] = []
        for i, v in enumerate(node.value):
            entry = self.layout.by_slot[(id(node), i)]
            self._comments(lines, entry.leading, indent)
            first = len(lines)
            if isinstance(v, MappingNode) and v.value:
                spec = item if isinstance(item, Obj) else None
                body = self.mapping(v, spec, indent + STEP)
                # Comments the first key brought along go above the dash.
                k = 0
                while body[k].lstrip().startswith("#"):
                    lines.append(" " * indent + body[k].lstrip())
                    k += 1
                first = len(lines)
                lines.append(" " * indent + "- " + body[k][indent + STEP :])
                lines.extend(body[k + 1 :])
            elif isinstance(v, ScalarNode) and isinstance(item, Obj) and item.shorthand:
                lines.extend(scalar(v, item.fields[item.shorthand].type, "-", indent))
            else:
                lines.extend(self.value(v, item, "-", indent))
            self._with_trailing(lines, first, entry)
            self._comments(lines, entry.after, indent)
        return lines
