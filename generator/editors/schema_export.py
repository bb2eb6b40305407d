"""The JSON Schemas editors' tools read, written from schema.py (never edited by hand).

`explainer schema --out schemas` writes schemas/<kind>.schema.json; a test fails when the
committed files differ from what the model gives. Each content file names its schema in a
modeline, so the YAML language server (VS Code, and other editors) offers completion, hover
documentation and the allowed values, and marks shape errors as the editor types.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..content.obj import Obj
from ..content.schema import ENTITY_SPECS, SITE, json_schema
from ..content.values import KIND_SINGULAR
from ..content.yamlio import core_type
from ..site.write import refuse_links, write_file

# content kind ("actors", ..., "site") -> schema file name stem
SCHEMA_NAMES = {**KIND_SINGULAR, "site": "site"}


def schema_file(kind: str) -> str:
    return f"{SCHEMA_NAMES[kind]}.schema.json"


def spec_for(kind: str) -> Obj:
    return SITE if kind == "site" else ENTITY_SPECS[kind]


def modeline(kind: str) -> str:
    """The first line of a content file: which schema the editor applies (paths from the content folder's files)."""
    up = "../" if kind == "site" else "../../"
    return f"# yaml-language-server: $schema={up}schemas/{schema_file(kind)}"


def schema_text(kind: str) -> str:
    schema = json_schema(kind)
    schema = {
        "$schema": schema.pop("$schema"),
        "$comment": "Generated from generator/content/schema.py by `explainer schema --out schemas`; do not edit.",
        **schema,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write_schemas(out: Path, check: bool = False, within: Path | None = None) -> list[Path]:
    """Write (or with check=True only compare) every schema; return the files that differ.

    Never through a link in `out` or between `within` (the project) and it: LinkRefused."""
    stale = []
    for kind in SCHEMA_NAMES:
        path = out / schema_file(kind)
        text = schema_text(kind)
        try:
            current = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = None
        if current == text:
            continue
        stale.append(path)
        if not check:
            refuse_links(path, within)  # before mkdir, which would follow a linked folder
            out.mkdir(parents=True, exist_ok=True)
            write_file(path, text.encode("utf-8"), within)
    return stale


def to_json(node: Node) -> Any:
    """A node as the YAML language server sees it: YAML 1.2 core types, no schema applied.

    This is what editors validate, so the tests validate this too: `approximate: NO` is the
    text "NO" (not false), `date: 2021-03-03` is text, `count: 0755` is the number 755.
    """
    if isinstance(node, MappingNode):
        return {k.value: to_json(v) for k, v in node.value}
    if isinstance(node, SequenceNode):
        return [to_json(v) for v in node.value]
    assert isinstance(node, ScalarNode)
    kind, value = core_type(node), node.value
    if kind == "null":
        return None
    if kind == "bool":
        return value.lower() == "true"
    if kind == "int":
        if value.startswith(("0o", "0x")):
            return int(value[2:], 8 if value[1] == "o" else 16)
        return int(value)
    if kind == "float":
        low = value.lower().lstrip("+")
        if low.endswith(".inf"):
            return -math.inf if low.startswith("-") else math.inf
        if low == ".nan":
            return math.nan
        return float(value)
    return value


# What the editor cannot show, because JSON Schema cannot express it or cannot see it; the
# text of CONTRIBUTING.md's section on the subject is generated from this list.
NOT_IN_SCHEMA = [
    ("dangling-ref", "whether an id names an entity that exists (that needs every other file)"),
    ("duplicate-id, id-mismatch", "whether an id is unique and matches the file name"),
    ("date-order", "whether an end date falls after its start date (JSON Schema cannot compare two values)"),
    ("relayed-uncited, via-not-cited, self-cite", "the reporting chain between sources"),
    ("quote-mismatch", "whether a quote is word for word in the archived source"),
    ("bad-prose-ref", "the `[[id]]` links inside text"),
    ("lookalike", "names that mix letters from different scripts"),
    (
        "bad-text",
        "invisible Unicode tag characters (U+E0000 to U+E007F) and the noncharacters at the end of planes 1 "
        "to 16 (U+1FFFE, U+1FFFF ...): a pattern the editor runs cannot name characters beyond U+FFFF",
    ),
    ("wrong-type", "a count written with a leading zero (`0755`): YAML itself reads it as the number 755"),
    (
        "yaml-syntax, duplicate-key, alias, tag",
        "YAML problems: the editor's YAML parser reports these itself, in its own words",
    ),
]
