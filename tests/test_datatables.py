"""The open data's table specs hold together: every foreign key names a table of the package
by its `id`, and every primary key is made of the table's own columns. (What the tables hold,
byte for byte, is tests/test_golden.py's; this is what datapackage.json promises about them.)"""

from dataclasses import replace

from generator.site.datatables import TABLES
from generator.site.tablespec import TableSpec


def problems(tables: tuple[TableSpec, ...]) -> list[str]:
    keyed_by_id = {t.name for t in tables if t.key == ("id",)}
    out = []
    for t in tables:
        names = [c.name for c in t.columns]
        out += [f"{t.name}: key {k} is not a column" for k in t.key if k not in names]
        out += [f"{t.name}.{c.name}: refers to {c.ref}" for c in t.columns if c.ref and c.ref not in keyed_by_id]
        out += [f"{t.name}: two columns named {n}" for n in sorted(set(names)) if names.count(n) > 1]
    return out


def test_the_specs_hold_together():
    assert problems(TABLES) == []
    assert [t.name for t in TABLES][:2] == ["entities", "actors"] and len(TABLES) == 14


def test_the_check_sees_a_dangling_reference_and_a_missing_key():
    actors = next(t for t in TABLES if t.name == "actors")
    broken = replace(actors, columns=(replace(actors.columns[0], name="actor", ref="people"), *actors.columns[1:]))
    assert problems((*TABLES[:1], broken, *TABLES[2:])) == [
        "actors: key id is not a column",
        "actors.actor: refers to people",
    ]


def test_the_foreign_keys_come_from_the_columns():
    stances = next(t for t in TABLES if t.name == "stances").schema()
    assert stances["primaryKey"] == ["id"]
    assert stances["foreignKeys"] == [
        {"fields": ["claim_id"], "reference": {"resource": "claims", "fields": ["id"]}},
        {"fields": ["actor_id"], "reference": {"resource": "actors", "fields": ["id"]}},
    ]
