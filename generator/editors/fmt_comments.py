"""Where each comment of a content file belongs, so `explainer fmt` can keep it while it moves keys.

A full-line comment belongs to the key or list item below it (and moves with it when keys are
reordered); one indented deeper than the next key ends the block above it; a comment at the end
of a line (a block scalar's header line `text: >-  # note` included) belongs to that line's
innermost entry. Found from the positions of yamlio's nodes in the file's text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from yaml.nodes import CollectionNode, MappingNode, Node, ScalarNode

COMPOSED = "YAML composes a node as a scalar, a sequence or a mapping, nothing else"
MODELINE = re.compile(r"#\s*yaml-language-server\s*:")


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


class Layout:
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
        assert isinstance(node, CollectionNode), COMPOSED
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

    def in_scalar(self, index: int) -> bool:
        i = bisect.bisect_right(self.scalars, (index, float("inf"))) - 1
        return i >= 0 and self.scalars[i][0] <= index < self.scalars[i][1]

    def _attach(self) -> None:
        for m in re.finditer("#", self.text):
            i = m.start()
            if self.in_scalar(i) or (i > 0 and self.text[i - 1] not in " \t\n"):
                continue
            line = self.line_of(i)
            if self._last_comment_line == line:
                continue  # a second '#' inside a comment
            end = self.text.find("\n", i)
            body = self.text[i : len(self.text) if end < 0 else end].rstrip()
            self._last_comment_line = line
            self.comments.append(body)
            self.where.append((line + 1, i - self.line_starts[line] + 1))
            if MODELINE.match(body):
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
