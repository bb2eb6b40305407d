"""Mappings with documented fields (Obj) and the fields themselves: unknown and missing fields,
empty values, shorthands, and the cross-field rules each mapping runs once its fields are typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from .diagnostics import did_you_mean, quoted_list, show
from .types import EMPTY_SCHEMA, EMPTY_STARTS, Ctx, Invalid, Type, is_empty, what_node
from .values import Fields, Mark
from .yamlio import MERGE_TAG, STD_TAGS, STR_TAG, Unsafe, is_plain


@dataclass(frozen=True)
class Field:
    """One field of a mapping: its name, type and documentation (the editors' reference)."""

    name: str
    type: Type
    doc: str
    required: bool = False
    # The code reported when a required field is missing: "uncited" for citations.
    missing_code: str = "missing-field"
    example: str = ""


class Obj(Type):
    """A mapping with documented fields. `shorthand` lets a bare scalar stand for one field.
    `see`: the heading of the section of the field reference that documents this mapping apart
    (citations), where a field holding a list of them points instead of repeating its fields."""

    def __init__(
        self,
        title: str,
        fields: list[Field],
        doc: str = "",
        shorthand: str | None = None,
        rules: list[Callable[[Fields, MappingNode, str, Ctx], None]] | None = None,
        schema_rules: dict | None = None,
        see: str = "",
    ):
        self.title = title
        self.fields = {f.name: f for f in fields}
        self.doc = doc
        self.shorthand = shorthand
        self.rules = rules or []
        self.schema_rules = schema_rules or {}  # the rules JSON Schema can express (if/then), for editors
        self.see = see
        self.label = f"a mapping ({title})"
        self.required = frozenset(f.name for f in fields if f.required)
        self._checks = {f.name: f.type.check for f in fields}  # what _values calls, looked up once

    def check(self, node, path, ctx):
        """The checked fields of a mapping (or of the scalar a shorthand lets stand for one), and
        then the mapping's rules. Also the one walk over the nodes: see _values."""
        if node.__class__ is not MappingNode:
            return self._not_mapping(node, path, ctx)
        result, marks = self._values(node, path, ctx)
        result._at = (ctx.file, node.start_mark, path, marks, False)  # as Fields.read places it
        for rule in self.rules:
            rule(result, node, path, ctx)
        return result

    def _values(self, node: MappingNode, path: str, ctx: Ctx) -> tuple[Fields, dict[str, Mark]]:
        """Each field's checked value, and the mark of its node; Invalid after reporting every
        problem. A key or value yamlio.tree_ok would reject (a tag, a key that is not a name, a
        key given twice, the merge key) raises Unsafe instead, for the caller to let tree_ok
        report it: this walk is the only one over a file that has no problem."""
        checks = self._checks
        values = Fields.filling()
        marks: dict[str, Mark] = {}
        ok = True
        misspelt: set[str] = set()  # required fields an unknown key was probably meant to be
        for key, value in node.value:
            if key.__class__ is not ScalarNode:
                raise Unsafe
            name = key.value
            sub = f"{path}.{name}" if path else name
            check = checks.get(name)
            if check is None:
                self._unknown(key, sub, misspelt, ctx)
                ok = False
                continue
            if name in marks or value.tag not in STD_TAGS or (key.tag is not STR_TAG and key.tag == MERGE_TAG):
                raise Unsafe
            marks[name] = value.start_mark
            held = value.value
            if (not held or (held.__class__ is str and held[0] in EMPTY_STARTS)) and is_empty(value):
                if self.fields[name].required:
                    _empty_required(self.fields[name], key, value, sub, ctx)
                    ok = False
                continue
            try:
                values[name] = check(value, sub, ctx)
            except Invalid:
                ok = False
        if not ok or not self.required <= marks.keys():
            self._report_missing(marks.keys() | misspelt, node, path, ctx)
            raise Invalid
        if len(marks) != len(values):  # an optional field left empty: not a value, so no place
            marks = {k: marks[k] for k in values}
        return values, marks

    def _not_mapping(self, node: Node, path: str, ctx: Ctx) -> Fields:
        """The fields of a scalar that stands for the shorthand field; else report the wrong type."""
        if isinstance(node, ScalarNode) and self.shorthand and not is_empty(node):
            value = self.fields[self.shorthand].type.check(node, path, ctx)
            mark = node.start_mark
            return Fields({self.shorthand: value}, None, None, (ctx.file, mark, path, {self.shorthand: mark}, True))
        code = "not-a-mapping" if not path else "wrong-type"
        ctx.error(code, node, path, f"expected {self.label}, got {what_node(node)}")
        raise Invalid

    def _unknown(self, key: ScalarNode, path: str, misspelt: set[str], ctx: Ctx) -> None:
        """Report a key that names no field; remember the required field it was probably meant to be,
        so that field is not reported missing as well."""
        name = key.value
        guess = did_you_mean(name, self.fields)
        if guess:
            misspelt.add(guess.split("'")[1])
        hint = guess or f"expected one of {quoted_list(self.fields)}"
        ctx.error("unknown-field", key, path, f"unknown field {show(name)}", hint)

    def _report_missing(self, given: set[str], node: MappingNode, path: str, ctx: Ctx) -> None:
        """Report each required field not among `given`."""
        for spec in self.fields.values():
            if spec.required and spec.name not in given:
                what = "citation" if spec.missing_code == "uncited" else "field"
                ctx.error(
                    spec.missing_code,
                    node,
                    path,
                    f"the required {what} {show(spec.name)} is missing",
                    _missing_hint(spec),
                )

    def json_schema(self):
        schema: dict[str, Any] = {
            "type": "object",
            "title": self.title,
            "additionalProperties": False,
            "properties": {f.name: _field_schema(f) for f in self.fields.values()},
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

    def required_schema(self):
        return {} if self.shorthand else {"minProperties": 1}

    def describe(self):
        return f"a mapping ({self.title}) with the fields below"

    def describe_items(self):
        if self.see:
            return f"a list of {self.title}s (see [{self.see}](#{self.see.lower()}))"
        return super().describe_items()


def _field_schema(f: Field) -> dict:
    """One field's JSON Schema, with its documentation for the editor's hover."""
    s = dict(f.type.json_schema())
    if f.required:
        s.update(f.type.required_schema())
    else:  # check reads an empty optional field as left out: so does the editor
        s = {"anyOf": [s, EMPTY_SCHEMA]}
    s["description"] = f.doc
    values = f.type.values_doc()
    if values:  # hover shows the description, not the list of values
        s["markdownDescription"] = f"{f.doc}\n\n{values}"
    if f.example:
        s["examples"] = [f.example]
    return s


def _empty_required(spec: Field, key: ScalarNode, value: Node, path: str, ctx: Ctx) -> None:
    """Report a required field given with an empty value (at the key when nothing follows it)."""
    what = "has no citation" if spec.missing_code == "uncited" else "is empty"
    if isinstance(value, ScalarNode) and value.value and not value.value.strip():
        what = "holds only spaces"
    bare = isinstance(value, ScalarNode) and is_plain(value) and value.value == ""
    ctx.error(
        spec.missing_code,
        key if bare else value,
        path,
        f"the required field {show(spec.name)} {what}",
        _missing_hint(spec),
    )


def _missing_hint(spec: Field) -> str:
    """The hint for a required field that is missing or empty."""
    if spec.missing_code == "uncited":
        return "add at least one source id under 'cite:'"
    return f"expected {spec.type.label}"
