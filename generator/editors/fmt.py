"""`explainer fmt`: one canonical layout for content files, so review diffs show only real changes.

The layout: the schema modeline first; keys in the order schema.py defines the fields (unknown
keys after them, as written); two-space indentation, lists indented under their key; text plain
when YAML reads it back as the same text, else double-quoted (invisible characters escaped, so a
reviewer sees them); text longer than the line width (100) folded with `>-` at word boundaries.

Built on yamlio's nodes (the one loader); the layout never changes what a file says:
- every scalar keeps its exact text, and its YAML type where the schema does not expect text
  (`approximate: "true"` stays quoted and stays an error; `title: 1984` becomes `title: "1984"`,
  which is the same text to `check` and no longer a number to the editor's YAML parser);
- comments are kept. A full-line comment stays with the key or list item below it (and moves
  with it when keys are reordered); one indented deeper than the next key stays at the end of
  the block above it; a comment at the end of a line (a block scalar's header line
  `text: >-  # note` included) stays at the end of that entry's line;
- CR LF and CR-only line breaks become LF (the same to YAML); a NEL, LS or PS outside a value,
  which YAML reads as a line break and editors do not, makes fmt refuse the file at its place;
- after laying a file out, fmt reads the result back and refuses to write it unless every value
  and every comment is the same (a refusal names the comment's line and column). A file that does not load (YAML errors) is left alone.
"""

from __future__ import annotations

import bisect
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode, SequenceNode

from ..content.diagnostics import Diagnostic, Report
from ..content.files import NotRegular, read_regular
from ..content.obj import Obj
from ..content.types import Bool, Count, Date, ListOf, Type
from ..content.validate import SITE_FILE, display_path
from ..content.values import KINDS
from ..content.yamlio import MAX_BYTES, core_type, load
from ..site.write import UnsafePath, write_file
from .schema_export import modeline, spec_for

WIDTH = 100
STEP = 2
_COMPOSED = "YAML composes a node as a scalar, a sequence or a mapping, nothing else"
_STR_TAG = "tag:yaml.org,2002:str"
_MODELINE = re.compile(r"#\s*yaml-language-server\s*:")
# Characters YAML allows in a block scalar, less the ones a reviewer could not see.
_BLOCK_OK = re.compile("[\t\n\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*\\Z")
_INVISIBLE = re.compile(
    "[\u00a0\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]"
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")


class Unformattable(Exception):
    """The file cannot be laid out: it does not load, or the layout would change it.

    `line` and `col` (1-based) locate the reason when it has one place, such as a comment
    fmt could not keep; None when the reason is the whole file."""

    def __init__(
        self, message: str, diagnostics: list[Diagnostic] | None = None, line: int | None = None, col: int | None = None
    ):
        super().__init__(message)
        self.diagnostics = diagnostics or []
        self.line, self.col = line, col


# --- comments ---------------------------------------------------------------------------


@dataclass
class Entry:
    """A mapping pair or a list item: the unit comments attach to and keys are ordered by."""

    start: int  # text index of the key, or of the item's dash
    line: int
    col: int
    last_line: int
    depth: int
    parent: Entry | None
    in_flow: bool  # inside a [..] or {..} collection
    leading: list[str] = field(default_factory=list)
    trailing: list[str] = field(default_factory=list)
    after: list[str] = field(default_factory=list)


class _Layout:
    """Where each comment of a file belongs, found from the nodes' positions."""

    def __init__(self, text: str, root: Node):
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.entries: list[Entry] = []
        self.by_slot: dict[tuple[int, int], Entry] = {}
        self.scalars: list[tuple[int, int]] = []
        self._walk(root, None, 0)
        self.scalars.sort()
        self.head: list[str] = []  # comments above the first entry
        self.end: list[str] = []  # comments after the last entry
        self.comments: list[str] = []
        self.where: list[tuple[int, int]] = []  # (line, column) of each comment, 1-based
        self._last_comment_line = -1
        self._attach()

    def line_of(self, index: int) -> int:
        return bisect.bisect_right(self.line_starts, index) - 1

    def _entry(self, parent: Entry | None, start: int, depth: int, in_flow: bool) -> Entry:
        line = self.line_of(start)
        e = Entry(start, line, start - self.line_starts[line], line, depth, parent, in_flow)
        self.entries.append(e)  # before its children: the list is in text order
        return e

    def _close(self, e: Entry, end: int) -> None:
        e.last_line = max(e.line, self.line_of(max(e.start, end - 1)))

    def _walk(self, node: Node, parent: Entry | None, depth: int, in_flow: bool = False) -> int:
        """Record entries and scalar ranges; return where the node's last content ends."""
        if isinstance(node, ScalarNode):
            start = node.start_mark.index
            if node.style in (">", "|"):
                # The header line (`>-  # note`) may end in a comment; the text starts below it.
                nl = self.text.find("\n", start)
                start = node.end_mark.index if nl < 0 else min(nl, node.end_mark.index)
            if node.end_mark.index > start:
                self.scalars.append((start, node.end_mark.index))
            return node.end_mark.index
        assert isinstance(node, CollectionNode), _COMPOSED
        in_flow = in_flow or bool(node.flow_style)
        last = node.start_mark.index
        if isinstance(node, MappingNode):
            for i, (k, v) in enumerate(node.value):
                e = self._entry(parent, k.start_mark.index, depth, in_flow)
                self.by_slot[(id(node), i)] = e
                key_end = self._walk(k, e, depth + 1, in_flow)
                value_end = self._walk(v, e, depth + 1, in_flow)
                empty = isinstance(v, ScalarNode) and v.value == "" and v.style in (None, "")
                end = key_end if empty else max(key_end, value_end)
                self._close(e, end)
                last = max(last, end)
        else:
            for i, v in enumerate(node.value):
                start = v.start_mark.index if in_flow else self._dash(v.start_mark.index)
                e = self._entry(parent, start, depth, in_flow)
                self.by_slot[(id(node), i)] = e
                end = max(self._walk(v, e, depth + 1, in_flow), start + 1)
                self._close(e, end)
                last = max(last, end)
        # A block collection's end mark lies at the next token, lines later; a flow one's is its bracket.
        return node.end_mark.index if node.flow_style else last

    def _dash(self, index: int) -> int:
        i = index - 1
        while i >= 0 and self.text[i] in " \t\r\n":
            i -= 1
        return i if i >= 0 and self.text[i] == "-" else index

    def _in_scalar(self, index: int) -> bool:
        i = bisect.bisect_right(self.scalars, (index, float("inf"))) - 1
        return i >= 0 and self.scalars[i][0] <= index < self.scalars[i][1]

    def _attach(self) -> None:
        for m in re.finditer("#", self.text):
            i = m.start()
            if self._in_scalar(i) or (i > 0 and self.text[i - 1] not in " \t\n"):
                continue
            line = self.line_of(i)
            if self._last_comment_line == line:
                continue  # a second '#' inside a comment
            end = self.text.find("\n", i)
            body = self.text[i : len(self.text) if end < 0 else end].rstrip()
            self._last_comment_line = line
            self.comments.append(body)
            self.where.append((line + 1, i - self.line_starts[line] + 1))
            if _MODELINE.match(body):
                continue  # replaced by the canonical modeline
            col = i - self.line_starts[line]
            if self.text[self.line_starts[line] : i].strip():
                self._trailing(line, body)
            else:
                self._full_line(line, col, body)

    def _trailing(self, line: int, body: str) -> None:
        # The innermost block entry on that line: `- actor: x  # c` belongs to `actor`, and
        # `cite: [a, b]  # c` to `cite`, whose flow items become lines of their own.
        holders = [e for e in self.entries if e.line <= line <= e.last_line and not e.in_flow]
        if holders:
            max(holders, key=lambda e: (e.start, e.depth)).trailing.append(body)
        else:
            self._full_line(line, 0, body)

    def _full_line(self, line: int, col: int, body: str) -> None:
        nxt = next((e for e in self.entries if e.line > line), None)
        prev = [e for e in self.entries if e.line < line]
        if not prev:
            self.head.append(body)
        elif nxt is not None and nxt.col >= col:
            nxt.leading.append(body)
        elif nxt is None and col == 0:
            self.end.append(body)
        else:
            # Indented deeper than what follows: it ends the block above it.
            holder = prev[-1]
            while holder.parent is not None and holder.col > col:
                holder = holder.parent
            holder.after.append(body)


# --- scalars ----------------------------------------------------------------------------


def _wants_text(type_: Type | None) -> bool:
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


def _scalar(node: ScalarNode, type_: Type | None, head: str, indent: int) -> list[str]:
    """Lines for `head` (e.g. 'key:' or '-') followed by the scalar, starting at column `indent`."""
    pad = " " * indent
    value, plain_type = node.value, core_type(node)
    if plain_type == "null":
        return [pad + head]
    keep_type = plain_type != "str" and not _wants_text(type_)
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


# --- collections ------------------------------------------------------------------------


class _Writer:
    def __init__(self, layout: _Layout):
        self.layout = layout

    def _comments(self, lines: list[str], bodies: list[str], indent: int) -> None:
        lines.extend(" " * indent + b for b in bodies)

    def _with_trailing(self, lines: list[str], first: int, entry: Entry) -> None:
        if entry.trailing:
            lines[first] += "  " + "  ".join(entry.trailing)

    def value(self, node: Node, type_: Type | None, head: str, indent: int) -> list[str]:
        """`head` and its value: inline when short, else the value on the lines below."""
        if isinstance(node, ScalarNode):
            if isinstance(type_, Obj) and type_.shorthand:
                type_ = type_.fields[type_.shorthand].type
            return _scalar(node, type_, head, indent)
        pad = " " * indent
        if not node.value:
            return [pad + head + (" []" if isinstance(node, SequenceNode) else " {}")]
        if isinstance(node, MappingNode):
            spec = type_ if isinstance(type_, Obj) else None
            return [pad + head] + self.mapping(node, spec, indent + STEP)
        assert isinstance(node, SequenceNode), _COMPOSED
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
                lines.extend(_scalar(v, item.fields[item.shorthand].type, "-", indent))
            else:
                lines.extend(self.value(v, item, "-", indent))
            self._with_trailing(lines, first, entry)
            self._comments(lines, entry.after, indent)
        return lines


# --- the file ---------------------------------------------------------------------------


def _meaning(node: Node, type_: Type | None):
    """What a node says, as fmt must keep it: values and their YAML types, key order aside."""
    if isinstance(node, MappingNode):
        spec = type_ if isinstance(type_, Obj) else None
        return (
            "map",
            frozenset(
                (k.value, _meaning(v, spec.fields[k.value].type if spec and k.value in spec.fields else None))
                for k, v in node.value
            ),
            len(node.value),
        )
    if isinstance(node, SequenceNode):
        item = type_.item if isinstance(type_, ListOf) else None
        return ("seq", tuple(_meaning(v, item) for v in node.value))
    if isinstance(type_, Obj) and type_.shorthand:
        type_ = type_.fields[type_.shorthand].type
    assert isinstance(node, ScalarNode), _COMPOSED
    kind = core_type(node)
    if kind == "null":
        return (kind, "")  # null, ~ and nothing are one value
    if kind != "str" and _wants_text(type_):
        kind = "str"
    return (kind, node.value)


def format_text(data: bytes, kind: str, file: str) -> str:
    """The canonical layout of one content file; raises Unformattable."""
    report = Report()
    doc = load(data, file, report)
    if doc is None:
        raise Unformattable("the file does not load; fix the errors `explainer check` reports first", report.sorted())
    spec = spec_for(kind)
    original = doc
    doc = _unix_lines(doc, file)
    layout = _Layout(doc.text, doc.root)
    _no_odd_breaks(layout, file)
    writer = _Writer(layout)
    root = doc.root
    if isinstance(root, MappingNode) and root.value:
        body = writer.mapping(root, spec, 0)
    elif isinstance(root, SequenceNode) and root.value:
        body = writer.sequence(root, None, 0)
    else:
        body = writer.value(root, spec, "", 0)
        body = [ln[1:] if ln.startswith(" ") and i == 0 else ln for i, ln in enumerate(body)]
    lines = [modeline(kind)] + layout.head + body + layout.end
    out = "\n".join(lines) + "\n"
    _verify(original, layout, out, spec, file)
    return out


def _unix_lines(doc, file: str):
    """The document with CR LF and lone CR line breaks as LF: the same to YAML (every scalar
    reads the same; _verify checks it), and the one line break the layout and editors share."""
    if "\r" not in doc.text:
        return doc
    report = Report()
    again = load(doc.text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8"), file, report)
    if again is None:
        raise Unformattable("the file does not load with its line breaks as LF", report.sorted())
    return again


_ODD_BREAKS = {"\x85": "U+0085 NEXT LINE", "\u2028": "U+2028 LINE SEPARATOR", "\u2029": "U+2029 PARAGRAPH SEPARATOR"}


def _no_odd_breaks(layout: _Layout, file: str) -> None:
    """Refuse a file where NEL, LS or PS stands outside a scalar: YAML ends a comment there,
    editors do not, so no layout could keep both readings of the comment."""
    for m in re.finditer("[\x85\u2028\u2029]", layout.text):
        if not layout._in_scalar(m.start()):
            line = layout.line_of(m.start())
            col = m.start() - layout.line_starts[line] + 1
            raise Unformattable(
                f"{_ODD_BREAKS[m.group()]} outside a value is a line break "
                "to YAML but not to editors; replace it with a real line break",
                line=line + 1,
                col=col,
            )


def _verify(doc, layout: _Layout, out: str, spec: Obj, file: str) -> None:
    after = load(out.encode("utf-8"), file, Report())
    if after is None or _meaning(after.root, spec) != _meaning(doc.root, spec):
        raise Unformattable("fmt could not lay this file out without changing a value; it is left as it is")
    kept = Counter(c for c in _Layout(after.text, after.root).comments if not _MODELINE.match(c))
    for body, (line, col) in zip(layout.comments, layout.where, strict=False):
        if _MODELINE.match(body):
            continue
        if kept[body] <= 0:
            raise Unformattable(
                f"fmt could not keep the comment {body[:40]!r} in place; "
                "the file is left as it is (move the comment to a line of its own)",
                line=line,
                col=col,
            )
        kept[body] -= 1
    if sum(kept.values()):
        raise Unformattable("fmt would add a comment the file does not have; it is left as it is")


# --- files ------------------------------------------------------------------------------


def kind_of(path: Path) -> str | None:
    """The kind of a content file from where it lies (content/<kind>/<id>.yaml, content/site.yaml)."""
    if path.suffix != ".yaml":
        return None
    if path.parent.name in KINDS:
        return path.parent.name
    if path.name == SITE_FILE:
        return "site"
    return None


@dataclass
class Outcome:
    path: Path
    shown: str
    changed: bool = False
    problem: Unformattable | None = None


def _project(path: Path, base: Path) -> Path:
    """The folder no link may lie under on the way to `path`: the project (`base`) when the
    file lies in it, else the content folder that holds it."""
    where = Path(os.path.abspath(path))
    return base if where.is_relative_to(os.path.abspath(base)) else where.parent.parent


def format_files(files: list[tuple[str, Path]], base: Path, write: bool, progress=None) -> list[Outcome]:
    """Lay out each (kind, path); write the changed ones when `write`. Never writes a file it cannot verify."""
    out = []
    for n, (kind, path) in enumerate(files, 1):
        shown = display_path(path, base)
        outcome = Outcome(path, shown)
        try:
            data, size = read_regular(path, MAX_BYTES)
            if size > MAX_BYTES:
                raise Unformattable(f"the file has {size:,} bytes; expected at most {MAX_BYTES:,}")
            text = format_text(data, kind, shown)
        except Unformattable as exc:
            outcome.problem = exc
        except NotRegular as exc:
            outcome.problem = Unformattable(exc.message)
        except OSError as exc:
            outcome.problem = Unformattable(f"cannot read the file ({exc.strerror})")
        else:
            new = text.encode("utf-8")
            outcome.changed = new != data
            if outcome.changed and write:
                try:
                    write_file(path, new, _project(path, base))
                except UnsafePath as exc:
                    outcome.changed, outcome.problem = False, Unformattable(f"not written: {exc}")
                except OSError as exc:
                    outcome.changed, outcome.problem = False, Unformattable(f"not written: {exc.strerror or exc}")
        out.append(outcome)
        if progress is not None:
            progress(n, len(files))
    return out
