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

Where each comment belongs is fmt_comments.py's to find, the layout fmt_layout.py's to write; this
module reads a file, has it laid out, verifies the result and writes it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..content.diagnostics import Diagnostic, Report
from ..content.files import NotRegular, read_regular
from ..content.obj import Obj
from ..content.types import ListOf, Type
from ..content.validate import SITE_FILE, display_path
from ..content.values import KINDS
from ..content.yamlio import MAX_BYTES, core_type, load
from ..site.write import UnsafePath, write_file
from .fmt_comments import COMPOSED, MODELINE, Layout
from .fmt_layout import Writer, wants_text
from .schema_export import modeline, spec_for


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
    assert isinstance(node, ScalarNode), COMPOSED
    kind = core_type(node)
    if kind == "null":
        return (kind, "")  # null, ~ and nothing are one value
    if kind != "str" and wants_text(type_):
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
    layout = Layout(doc.text, doc.root)
    _no_odd_breaks(layout, file)
    writer = Writer(layout)
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


def _no_odd_breaks(layout: Layout, file: str) -> None:
    """Refuse a file where NEL, LS or PS stands outside a scalar: YAML ends a comment there,
    editors do not, so no layout could keep both readings of the comment."""
    for m in re.finditer("[\x85\u2028\u2029]", layout.text):
        if not layout.in_scalar(m.start()):
            line = layout.line_of(m.start())
            col = m.start() - layout.line_starts[line] + 1
            raise Unformattable(
                f"{_ODD_BREAKS[m.group()]} outside a value is a line break "
                "to YAML but not to editors; replace it with a real line break",
                line=line + 1,
                col=col,
            )


def _verify(doc, layout: Layout, out: str, spec: Obj, file: str) -> None:
    after = load(out.encode("utf-8"), file, Report())
    if after is None or _meaning(after.root, spec) != _meaning(doc.root, spec):
        raise Unformattable("fmt could not lay this file out without changing a value; it is left as it is")
    kept = Counter(c for c in Layout(after.text, after.root).comments if not MODELINE.match(c))
    for body, (line, col) in zip(layout.comments, layout.where, strict=False):
        if MODELINE.match(body):
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
