"""Mappings with documented fields (Obj) and the fields themselves: unknown and missing fields,
empty values, shorthands, and the cross-field rules each mapping runs once its fields are typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from .diagnostics import did_you_mean, quoted_list, show
from .types import EMPTY_SCHEMA, Ctx, Invalid, Type, is_empty, what_node
from .values import Fields, Loc
from .yamlio import is_plain


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

    def check(self, node, path, ctx):
        if isinstance(node, ScalarNode) and self.shorthand and not is_empty(node):
            value = self.fields[self.shorthand].type.check(node, path, ctx)
            loc = ctx.loc(node, path)
            return Fields({self.shorthand: value}, loc, {self.shorthand: loc})
        if not isinstance(node, MappingNode):
            ctx.error(
                "not-a-mapping" if not path else "wrong-type",
                node,
                path,
                f"expected {self.label}, got {what_node(node)}",
            )
            raise Invalid
        values: dict[str, Any] = {}
        locs: dict[str, Loc] = {}
        ok = True
        present = set()
        misspelt: set[str] = set()  # required fields an unknown key was probably meant to be
        for key, value in node.value:
            name = key.value
            sub = f"{path}.{name}" if path else name
            spec = self.fields.get(name)
            if spec is None:
                self._unknown(key, sub, misspelt, ctx)
                ok = False
                continue
            present.add(name)
            if is_empty(value):
                if spec.required:
                    _empty_required(spec, key, value, sub, ctx)
                    ok = False
                continue
            try:
                values[name] = spec.type.check(value, sub, ctx)
                locs[name] = ctx.loc(value, sub)
            except Invalid:
                ok = False
        if not self._all_required(present | misspelt, node, path, ctx) or not ok:
            raise Invalid
        result = Fields(values, ctx.loc(node, path), locs)
        for rule in self.rules:
            rule(result, node, path, ctx)
        return result

    def _unknown(self, key: ScalarNode, path: str, misspelt: set[str], ctx: Ctx) -> None:
        """Report a key that names no field; remember the required field it was probably meant to be,
        so that field is not reported missing as well."""
        name = key.value
        guess = did_you_mean(name, self.fields)
        if guess:
            misspelt.add(guess.split("'")[1])
        hint = guess or f"expected one of {quoted_list(self.fields)}"
        ctx.error("unknown-field", key, path, f"unknown field {show(name)}", hint)

    def _all_required(self, given: set[str], node: MappingNode, path: str, ctx: Ctx) -> bool:
        """Report each required field not among `given`; True when none is missing."""
        ok = True
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
                ok = False
        return ok

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
