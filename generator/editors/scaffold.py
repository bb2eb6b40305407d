"""`explainer new <kind> <id>`: a new content file in the right shape, written from schema.py.

The file has the schema modeline, the id, every required field empty (so `explainer check`
lists what is left to fill in, each at its line), and every optional field as a commented
line to uncomment. It is already in fmt's layout. An existing file is never overwritten; a
bad or taken id is refused with the same located diagnostic `check` would give.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from yaml.nodes import ScalarNode

from ..content.diagnostics import Report, show
from ..content.obj import Field, Obj
from ..content.patterns import ID_MAX
from ..content.types import Ctx, Enum, Id, Invalid, ListOf
from ..content.validate import content_files, display_path
from ..content.yamlio import load
from ..site.write import LinkRefused, refuse_links, write_new
from .fmt_layout import WIDTH, scalar
from .schema_export import modeline, spec_for

KINDS_BY_NAME = {"actor": "actors", "event": "events", "claim": "claims", "source": "sources"}


def _doc(f: Field) -> str:
    text = f.doc
    if isinstance(f.type, Enum):
        text += " One of: " + ", ".join(f.type.choices) + "."
    return text


def _comment_block(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return [
        pad + "# " + ln
        for ln in textwrap.wrap(text, WIDTH - indent - 2, break_on_hyphens=False, break_long_words=False)
    ]


def _fields(spec: Obj, indent: int, docs: bool, skip: tuple[str, ...] = ()) -> list[str]:
    """Required fields empty, optional ones commented out; nested shapes spelled out."""
    lines: list[str] = []
    for f in spec.fields.values():
        if f.name in skip:
            continue
        if docs:
            lines += _comment_block(_doc(f), indent)
        body = _field(f, indent)
        lines += body if f.required else [_commented(ln, indent) for ln in body]
    return lines


def _commented(line: str, indent: int) -> str:
    return " " * indent + "# " + line[indent:]


def _field(f: Field, indent: int) -> list[str]:
    pad = " " * indent
    t = f.type
    if isinstance(t, Obj) and not t.shorthand:
        return [f"{pad}{f.name}:"] + _fields(t, indent + 2, docs=False)
    if isinstance(t, ListOf) and isinstance(t.item, Obj) and not t.item.shorthand:
        item = _fields(t.item, indent + 4, docs=False)
        item[0] = " " * (indent + 2) + "- " + item[0][indent + 4 :]
        return [f"{pad}{f.name}:"] + item
    if isinstance(t, ListOf) and not f.required:
        return [f"{pad}{f.name}:", f"{pad}  -"]
    return [f"{pad}{f.name}:"]


def skeleton(kind: str, entity_id: str) -> str:
    spec = spec_for(kind)
    id_line = scalar(ScalarNode("tag:yaml.org,2002:str", entity_id, style='"'), Id(), "id:", 0)
    lines = [modeline(kind)] + id_line + _fields(spec, 0, docs=True, skip=("id",))
    return "\n".join(lines) + "\n"


def new_entity(content: Path, kind: str, entity_id: str, base: Path, report: Report) -> Path | None:
    """Create content/<kind>/<id>.yaml; None (with diagnostics in `report`) when the id is refused."""
    target = content / kind / f"{entity_id}.yaml"
    # Where the file would be, as given (even a refused id such as '../x' is shown as typed).
    typed = entity_id if entity_id.isprintable() else entity_id.encode("unicode_escape").decode("ascii")
    shown = f"{display_path(content / kind, base)}/{typed}.yaml"
    text = skeleton(kind, entity_id)
    doc = load(text.encode("utf-8"), shown, report)
    if doc is None:
        return None
    id_node = doc.root.value[0][1]
    try:
        Id().check(id_node, "id", Ctx(shown, report))
    except Invalid:
        return None
    taken = {p.stem: p for _, p in content_files(content)[0]} if content.is_dir() else {}
    if entity_id in taken or target.exists():
        line, col = id_node.start_mark.line + 1, id_node.start_mark.column + 1
        other = display_path(taken.get(entity_id, target), base)
        report.add(
            "duplicate-id",
            shown,
            line,
            col,
            "id",
            f"the id {show(entity_id)} is already used by {other}",
            "ids are unique across all kinds; choose another id, or edit that file",
        )
        return None
    assert len(entity_id) <= ID_MAX
    within = base if Path(os.path.abspath(content)).is_relative_to(os.path.abspath(base)) else content
    problem = _create(target, text.encode("utf-8"), within, display_path(target, base))
    if problem:
        line, col = id_node.start_mark.line + 1, id_node.start_mark.column + 1
        report.add(problem[0], shown, line, col, "id", *problem[1:])
        return None
    return target


def _create(target: Path, data: bytes, within: Path, shown: str) -> tuple[str, str, str] | None:
    """Write a new file, never over anything and never through a link: None, or (code, message, hint)."""
    try:
        refuse_links(target, within)  # before mkdir, which would follow a linked folder
        target.parent.mkdir(parents=True, exist_ok=True)
        write_new(target, data, within)  # never overwrite, even if one appeared meanwhile
    except LinkRefused as exc:
        return (
            "symlink",
            str(exc),
            "remove the link (content holds regular files and folders only), then run the command again",
        )
    except FileExistsError:
        return ("duplicate-id", f"{shown} appeared meanwhile", "choose another id")
    return None
