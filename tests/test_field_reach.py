"""Every field of the content schema reaches what is made from it: (a) the linked model, (b) the
JSON Schema editors' tools read (schemas/) and (c) the editors' field reference in CONTRIBUTING.md.

(a) means: a plain field has an attribute of its own name on the model's dataclass (the builders
copy it by name, generator/model/shapes.py), and any other field is listed in its shape's
`linked`, the one place that says what the builders make of it. A field added to the schema
alone fails here three times, once per place it does not reach (the second test shows it).
"""

from __future__ import annotations

import dataclasses
import json
import re

import pytest
from conftest import BASE, ROOT

from generator.content.diagnostics import Report
from generator.content.obj import Field, Obj
from generator.content.text import Text
from generator.content.validate import check_content
from generator.editors.schema_export import schema_file
from generator.model import entities as m
from generator.model import shapes
from generator.model.link import Linker
from generator.model.shapes import Shape

# content kind -> (its shape, its heading in CONTRIBUTING.md's field reference)
KINDS = {
    "actors": (shapes.ACTOR, "Actor"),
    "events": (shapes.EVENT, "Event"),
    "claims": (shapes.CLAIM, "Claim"),
    "sources": (shapes.SOURCE, "Source"),
    "site": (shapes.SITE_SHAPE, "Site"),
}
CITATIONS = "Citations"  # the reference documents the citation's fields once, under this heading


def committed_schemas() -> dict[str, dict]:
    return {kind: json.loads((ROOT / "schemas" / schema_file(kind)).read_text(encoding="utf-8")) for kind in KINDS}


def reference_rows() -> dict[str, dict[str, str]]:
    """CONTRIBUTING.md's generated field reference: heading -> {field path: what it holds}."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    body = text.split("<!-- BEGIN GENERATED: fields -->", 1)[1].split("<!-- END GENERATED: fields -->", 1)[0]
    sections: dict[str, dict[str, str]] = {}
    for block in re.split(r"^### ", body, flags=re.M)[1:]:
        heading = block.split(":", 1)[0].split("\n", 1)[0]
        rows = sections.setdefault(heading, {})
        for line in block.splitlines():
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)]
            if len(cells) == 6 and cells[1].startswith("`"):
                rows[cells[1].strip("`")] = cells[3]
    return sections


def _cell(doc: str) -> str:
    return doc.replace("|", "\\|").replace("\n", " ")


def _properties(schema: dict) -> dict:
    """The properties of the object a JSON Schema describes, looking through anyOf and items
    (an optional field, a list, a citation's shorthand) but not into if/then rules."""
    todo = [schema]
    while todo:
        s = todo.pop(0)
        if "properties" in s and "additionalProperties" in s:
            return s["properties"]
        todo += [x for x in s.get("anyOf", ()) if isinstance(x, dict)]
        if isinstance(s.get("items"), dict):
            todo.append(s["items"])
    return {}


def field_reach(kinds: dict[str, tuple[Shape, str]], schemas: dict[str, dict], docs: dict[str, dict[str, str]]):
    """Every problem, as 'kind: path: what is missing', for the fields of `kinds` and of every
    object inside them (each shape found by its schema object in shapes.SHAPES)."""
    shape_of = {id(s.spec): s for s in shapes.SHAPES}
    shape_of.update((id(shape.spec), shape) for shape, _ in kinds.values())
    citation = shapes.CITATION.spec
    problems: list[str] = []
    walked: set[int] = set()

    def walk(kind: str, spec: Obj, path: str, schema: dict, rows: dict[str, str]) -> None:
        walked.add(id(spec))
        shape = shape_of.get(id(spec))
        if shape is None:
            problems.append(f"{kind}: {path or spec.title}: no shape in generator/model/shapes.py for {spec.title!r}")
            return
        attrs = {f.name for f in dataclasses.fields(shape.cls)}
        problems.extend(
            f"{kind}: {path}{name}: shapes.py lists it as linked, but the schema has no such field"
            for name in shape.linked
            if name not in spec.fields
        )
        props = _properties(schema)
        for f in spec.fields.values():
            where = f"{path}{f.name}"
            if f.name not in shape.linked and f.name not in attrs:
                problems.append(
                    f"{kind}: {where}: not in the model: {shape.cls.__name__} has no attribute {f.name!r}, "
                    "and shapes.py does not list it as linked"
                )
            if props.get(f.name, {}).get("description") != f.doc:
                problems.append(f"{kind}: {where}: not in schemas/{schema_file(kind)} with its documentation")
            if rows.get(f.name if spec is citation else where) != _cell(f.doc):
                problems.append(f"{kind}: {where}: not in CONTRIBUTING.md's field reference with its documentation")
            inner = getattr(f.type, "item", f.type)
            if isinstance(inner, Obj) and not (inner is citation and id(inner) in walked):
                nested = f"{where}[]." if inner is not f.type else f"{where}."
                walk(
                    kind,
                    inner,
                    "citation." if inner is citation else nested,
                    props.get(f.name, {}),
                    docs.get(CITATIONS, {}) if inner is citation else rows,
                )

    for kind, (shape, heading) in kinds.items():
        walk(kind, shape.spec, "", schemas[kind], docs.get(heading, {}))
    return problems


def test_every_field_reaches_the_model_the_json_schema_and_the_reference():
    assert field_reach(KINDS, committed_schemas(), reference_rows()) == []


def test_a_field_only_in_the_schema_is_found_missing_from_all_three():
    """A copy of the actor's definition with one field more, as if someone added it to schema.py
    and nothing else: the check names it once for each place it does not reach."""
    actor = shapes.ACTOR.spec
    nickname = Field("nickname", Text(max_len=100), "What the actor's own people call it.")
    grown = Obj(actor.title, [*actor.fields.values(), nickname], doc=actor.doc)
    kinds = {**KINDS, "actors": (Shape(grown, m.Actor, shapes.ACTOR.linked), "Actor")}
    assert field_reach(kinds, committed_schemas(), reference_rows()) == [
        "actors: nickname: not in the model: Actor has no attribute 'nickname', and shapes.py does not list it as linked",
        "actors: nickname: not in schemas/actor.schema.json with its documentation",
        "actors: nickname: not in CONTRIBUTING.md's field reference with its documentation",
    ]


def test_a_linked_entry_the_schema_lacks_is_found():
    """The table cannot name a field that is gone: its entry would hide nothing and mislead."""
    kinds = {**KINDS, "claims": (Shape(shapes.CLAIM.spec, m.Claim, {**shapes.CLAIM.linked, "topic": "x"}), "Claim")}
    assert field_reach(kinds, committed_schemas(), reference_rows()) == [
        "claims: topic: shapes.py lists it as linked, but the schema has no such field"
    ]


def _model_value(value):
    return tuple(value) if isinstance(value, list) else value


@pytest.mark.parametrize("content", [BASE / "content", ROOT / "content"], ids=["fixture", "real"])
def test_plain_fields_arrive_as_written_and_linked_ones_are_made(content):
    """Linking a content folder: every plain field an entity (or an object in it) sets has that
    value in the model, and every linked field it sets is made (not left empty)."""
    report = Report()
    checked = check_content(content, report, content.parent)
    model = Linker(checked, report).link()
    assert model is not None and checked.site is not None
    seen: set[str] = set()
    for kind, values in checked.entities.items():
        for entity_id, v in values.items():
            _compare(shapes.KIND_SHAPES[kind], v, model.by_id[entity_id], kind, seen)
    _compare(shapes.SITE_SHAPE, checked.site, model.site, "site", seen)
    # The content gives the check something to hold: plain fields of kinds and of objects inside them.
    assert {"actors.name", "events.date", "claims.proposition", "sources.access", "site.as_of"} <= seen
    assert {"claims.stances.position", "events.casualties.who", "actors.summary.cite.quote"} <= seen


def _compare(shape: Shape, checked, made, where: str, seen: set[str]) -> None:
    for name in shape.plain:
        if name in checked:
            assert getattr(made, name) == _model_value(checked[name]), f"{where}.{name}"
            seen.add(f"{where}.{name}")
    for name in shape.linked:
        if name not in checked or name == "id":
            continue
        value = getattr(made, name)
        assert value not in (None, ()), f"{where}.{name} was not made"
        inner = _inner_shape(shape, name)
        if inner is None:
            continue
        given = checked[name]
        if isinstance(given, dict):
            _compare(inner, given, value, f"{where}.{name}", seen)
        elif len(given) == len(value):  # objects inside, item by item where every item was kept
            for c, x in zip(given, value, strict=True):
                _compare(inner, c, x, f"{where}.{name}", seen)


def _inner_shape(shape: Shape, name: str) -> Shape | None:
    kind = shape.spec.fields[name].type
    inner = getattr(kind, "item", kind)
    return next((s for s in shapes.SHAPES if s.spec is inner), None)
