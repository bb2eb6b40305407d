"""The JSON Schemas editors get: generated from the model, and as strict as `check` on shape.

Files are read the way the YAML language server reads them (generator.editors.schema_export.to_json:
YAML 1.2 core types) and validated with ECMA-262 regular expressions (regress), as the
editor runs them.
"""

from __future__ import annotations

import json
import re
from itertools import product
from pathlib import Path

import jsonschema
import pytest
import regress
from casekit import build_case, case_names

from generator.content.diagnostics import Report
from generator.content.patterns import DATE_PATTERN, ID_PATTERN, TEXT_PATTERN, URL_PATTERN, url_problem
from generator.content.text import Text
from generator.content.types import Ctx, Date, Invalid
from generator.content.validate import content_files
from generator.content.yamlio import load
from generator.editors.schema_export import SCHEMA_NAMES, schema_file, schema_text, to_json, write_schemas
from generator.pipeline import load_model

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"

# The codes that are about the shape of one file: what a schema can know.
SHAPE_CODES = {
    "missing-field",
    "unknown-field",
    "wrong-type",
    "bad-value",
    "bad-date",
    "bad-id",
    "bad-url",
    "bad-text",
    "uncited",
    "contested-role",
    "text-too-long",
    "not-a-mapping",
    "casualty-figure",
    "words-without-quote",
}

# Shape problems check sees and the editor cannot, each with the reason (CONTRIBUTING.md lists them).
KNOWN_GAPS = {
    (
        "yaml11-values",
        "wrong-type",
        "casualties[0].count",
    ): "YAML 1.2 reads 0755 as the number 755; only check sees the leading zero",
    (
        "invisible-chars",
        "bad-text",
        "aliases[0]",
    ): "Unicode tag characters lie outside the BMP: a portable pattern cannot name them",
    ("xml-chars", "bad-text", "aliases[1]"): "U+1FFFF lies outside the BMP: a portable pattern cannot name it",
    ("xml-chars", "bad-text", "summary.text"): "U+10FFFE lies outside the BMP: a portable pattern cannot name it",
}

# Cases whose shape error is about a file that does not exist: nothing for an editor to open.
NO_FILE = {"missing-site"}


def _ecma_pattern(validator, pattern, instance, schema):
    if validator.is_type(instance, "string") and regress.Regex(pattern).find(instance) is None:
        yield jsonschema.ValidationError(f"{instance!r} does not match {pattern!r}")


EditorValidator = jsonschema.validators.extend(jsonschema.Draft7Validator, {"pattern": _ecma_pattern})


def validator(kind: str) -> jsonschema.Validator:
    return EditorValidator(json.loads((SCHEMAS / schema_file(kind)).read_text(encoding="utf-8")))


def instance_of(path: Path):
    report = Report()
    doc = load(path.read_bytes(), path.name, report)
    return None if doc is None else to_json(doc.root)


def as_path(dotted: str) -> tuple:
    return tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", dotted))


def error_paths(errors) -> set[tuple]:
    found = set()
    for e in errors:
        found.add(tuple(e.absolute_path))
        found |= error_paths(e.context or ())
    return found


def test_committed_schemas_match_the_model():
    stale = write_schemas(SCHEMAS, check=True)
    assert stale == [], "run `explainer schema --out schemas` and commit the result"


@pytest.mark.parametrize("kind", sorted(SCHEMA_NAMES))
def test_schema_is_valid_draft07_with_ecma_patterns(kind):
    schema = json.loads(schema_text(kind))
    jsonschema.Draft7Validator.check_schema(schema)
    patterns = re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', schema_text(kind))
    assert patterns
    for p in patterns:
        regress.Regex(json.loads(p))  # the editor's regex engine accepts it


def _valid_files():
    for content in (ROOT / "tests" / "fixtures" / "base" / "content", ROOT / "content"):
        wanted, _ = content_files(content)
        for kind, path in wanted:
            yield pytest.param(kind, path, id=path.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("kind,path", list(_valid_files()))
def test_valid_content_passes_the_schema(kind, path):
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator(kind).iter_errors(instance_of(path))]
    assert errors == []


def _shape_cases() -> list[str]:
    """The cases whose expected report holds a shape error."""
    out = []
    for name in case_names():
        text = (Path(__file__).parent / "cases" / name / "expected.txt").read_text(encoding="utf-8")
        if set(re.findall(r"error\[([a-z-]+)\]", text)) & SHAPE_CODES and name not in NO_FILE:
            out.append(name)
    return out


@pytest.mark.parametrize("name", _shape_cases())
def test_every_shape_error_check_finds_the_schema_finds_too(name, tmp_path):
    report = Report()
    load_model(build_case(name, tmp_path), report)
    by_file: dict[str, list] = {}
    for d in report.diagnostics:
        if d.code in SHAPE_CODES and (tmp_path / d.file).is_file():
            by_file.setdefault(d.file, []).append(d)
    assert by_file
    for file, diags in by_file.items():
        rel = Path(file).relative_to("content")
        kind = "site" if rel == Path("site.yaml") else rel.parts[0]
        errors = list(validator(kind).iter_errors(instance_of(tmp_path / file)))
        assert errors, f"{file}: check rejects it, the schema accepts it"
        paths = error_paths(errors)
        for d in diags:
            if (name, d.code, d.path) in KNOWN_GAPS:
                assert as_path(d.path) not in paths  # still a gap; if the schema learns it, drop the entry
                continue
            want = as_path(d.path)
            near = (
                {want, want[:-1]}
                if d.code in ("unknown-field", "contested-role", "words-without-quote", "casualty-figure")
                else {want}
            )
            assert near & paths, f"{d.text()}\n  schema errors at: {sorted(map(str, paths))}"


def test_cases_cover_the_shape_codes():
    """The comparison above is only as good as the cases: every shape code occurs in one."""
    seen = set()
    for name in _shape_cases():
        text = (Path(__file__).parent / "cases" / name / "expected.txt").read_text(encoding="utf-8")
        seen.update(re.findall(r"error\[([a-z-]+)\]", text))
    assert SHAPE_CODES <= seen


# --- each pattern against the Python check it mirrors ---------------------------------------


def _checks(type_, value: str) -> bool:
    from yaml.error import Mark
    from yaml.nodes import ScalarNode

    mark = Mark("f", 0, 0, 0, "", 0)
    try:
        type_.check(ScalarNode("tag:yaml.org,2002:str", value, mark, mark, style='"'), "x", Ctx("f", Report()))
        return True
    except Invalid:
        return False


def test_date_pattern_accepts_exactly_the_real_dates():
    years = ["0000", "0001", "0400", "1900", "1999", "2000", "2021", "2023", "2024", "2100", "2400", "9999"]
    parts = [f"{n:02d}" for n in range(0, 33)]
    samples = years + [f"{y}-{m}" for y, m in product(years, parts[:14])]
    samples += [f"{y}-{m}-{d}" for y, m, d in product(years, parts[:14], parts)]
    samples += ["202", "20210", "2021-3", "2021-03-3", "2021/03/03", "3 March 2021", "2021-03-03T00:00", ""]
    regex = regress.Regex(DATE_PATTERN)
    wrong = [s for s in samples if (regex.find(s) is not None) != _checks(Date(), s)]
    assert len(samples) > 5000 and wrong == []


URLS = [
    "https://www.politico.com/news/2021/03/04/",
    "https://web.archive.org/web/2021/https://example.com/a?b=c#d",
    "https://example.com",
    "https://example.com:443/x",
    "https://example.com/a@b",
    "https://ex.com/%20x",
    "http://example.com/",
    "https://localhost/",
    "https://user:pw@example.com/",
    "https://a@b.com",
    "https://example.com/a b",
    "https://example.com/\u202ex",
    "https://example.com/\x00",
    "javascript:alert(1)",
    "https://",
    "https:///x",
    "ftp://example.com",
    "HTTPS://example.com",
    "https://example.com/\u00adx",
    # hosts that are not public names: loopback, private, link-local, metadata, any number, localhost
    "https://127.0.0.1/",
    "https://127.0.0.1./x",
    "https://169.254.169.254/latest/",
    "https://10.0.0.1:8443/",
    "https://127.1/",
    "https://0x7f.0.0.1/",
    "https://0177.0.0.1/",
    "https://8.8.8.8/",
    "https://999.1.1.1/",
    "https://[::1]/",
    "https://[::ffff:10.0.0.1]/",
    "https://admin.localhost/",
    "https://LocalHost./",
    "https://localhost:8000/",
    # names that only look like those
    "https://1.2.3.4.5/",
    "https://127.0.0.1.nip.io/",
    "https://localhost.example.com/",
    "https://mylocalhost.org/",
    "https://1x.example.org/",
    "https://2021.example.org/",
]


@pytest.mark.parametrize("url", URLS)
def test_url_pattern_agrees_with_check(url):
    assert (regress.Regex(URL_PATTERN).find(url) is not None) == (url_problem(url) == "")


TEXTS = [
    "Iran",
    "  padded  ",
    "two\nlines",
    "tab\there",
    "",
    "   ",
    "\n",
    "Ir\u202ean",
    "zero\u200bwidth",
    "bell\x07",
    "bom\ufeff",
    "nbsp\u00a0ok",
    "curly ‘quotes’",
    "Кириллица",
    "non\ufffe",
    "non\uffff",
    "non\ufdd0",
    "non\ufdef",
    "fine\ufdcf\ufdf0\ufffd",
    "emoji 🚀",
    "astral 𝔸",
    "\u3164",
    "\u115f\u1160",
    " \u2800 ",
    "\u034f\ufe0f",
    "\uffa0\n\u180b",
    "Iran\u3164",
    "\u2800x",
    "\u206a",
    "\u206f",
]


@pytest.mark.parametrize("text", TEXTS)
def test_text_pattern_agrees_with_check(text):
    # check reads an empty value as missing (missing-field), the schema as not matching: both reject it.
    assert (regress.Regex(TEXT_PATTERN).find(text) is not None) == (
        text.strip() != "" and _checks(Text(multiline=True), text)
    )


def test_id_pattern_is_anchored_in_ecma():
    regex = regress.Regex(f"^{ID_PATTERN}$")
    assert regex.find("kataib-hezbollah") is not None
    assert [s for s in ("iraq\n", "Iraq", "a--b", "-a", "a-", "a b") if regex.find(s) is not None] == []


# --- empty values: `note:` left empty is what `explainer new` writes; editor and check agree ----

EMPTIES = {
    "nothing": None,
    "empty text": "",
    "spaces": "  ",
    "no-break space": "\u00a0",
    "empty list": [],
    "empty mapping": {},
}


def _field_slots(instance: dict, spec, path: tuple = ()):
    """(path of a field, its spec) for every field of every object in the file, present or not:
    nested objects and the first item of each list of objects are walked too."""
    from generator.content.obj import Obj
    from generator.content.types import ListOf

    for name, field in spec.fields.items():
        yield path + (name,), field
        value = instance.get(name)
        inner = field.type.item if isinstance(field.type, ListOf) else field.type
        if not isinstance(inner, Obj):
            continue
        if isinstance(field.type, ListOf) and isinstance(value, list) and value and isinstance(value[0], dict):
            yield from _field_slots(value[0], inner, path + (name, 0))
        elif isinstance(value, dict):
            yield from _field_slots(value, inner, path + (name,))


def _set(instance, path: tuple, value):
    import copy

    out = copy.deepcopy(instance)
    node = out
    for p in path[:-1]:
        node = node[p]
    node[path[-1]] = value
    return out


def _check_rejects(kind: str, instance) -> bool:
    import yaml as pyyaml

    from generator.editors.schema_export import spec_for

    report = Report()
    doc = load(pyyaml.safe_dump(instance, allow_unicode=True, sort_keys=False).encode(), "x.yaml", report)
    assert doc is not None
    try:
        spec_for(kind).check(doc.root, "", Ctx("x.yaml", report))
    except Invalid:
        pass
    return any(d.code in SHAPE_CODES for d in report.diagnostics)


def _empty_value_cases():
    from generator.editors.schema_export import spec_for

    base = ROOT / "tests" / "fixtures" / "base" / "content"
    files = {
        "actors": "actors/kataib-hezbollah.yaml",
        "events": "events/al-asad-air-base-rocket-attack-2021-03-03.yaml",
        "claims": "claims/kataib-hezbollah-behind-al-asad-attack.yaml",
        "sources": "sources/amn-2021-03-04-iran-backed-militia-behind-attack.yaml",
        "site": "site.yaml",
    }
    for kind, rel in files.items():
        instance = instance_of(base / rel)
        for path, field in _field_slots(instance, spec_for(kind)):
            yield pytest.param(kind, instance, path, field.required, id=f"{kind}:{'.'.join(map(str, path))}")


@pytest.mark.parametrize("kind,instance,path,required", list(_empty_value_cases()))
def test_an_empty_value_is_accepted_or_rejected_by_both(kind, instance, path, required):
    assert not _check_rejects(kind, instance)
    wrong = []
    for name, empty in EMPTIES.items():
        mutated = _set(instance, path, empty)
        by_check = _check_rejects(kind, mutated)
        by_schema = any(True for _ in validator(kind).iter_errors(mutated))
        if by_check != by_schema:
            wrong.append(
                f"{name}: check {'rejects' if by_check else 'accepts'}, the schema {'rejects' if by_schema else 'accepts'}"
            )
        if not required and not by_check:  # an empty optional field is the field left out...
            assert by_check == _check_rejects(kind, _without(instance, path)), name
    assert wrong == []  # ...unless a rule needs it (a casualty's count or `reported`): then both say so


def _without(instance, path: tuple):
    import copy

    out = copy.deepcopy(instance)
    node = out
    for p in path[:-1]:
        node = node[p]
    node.pop(path[-1], None)
    return out


NAMES = ["Iran", "a < b", "3<4", "<b>", "x</title>", "<!-- c -->", "<?xml?>", "< img>", "&lt;b&gt;", "<1", "<", "Ир<ан"]


@pytest.mark.parametrize("text", NAMES)
def test_name_pattern_agrees_with_check(text):
    from generator.content.text import Name

    assert (regress.Regex(Name().json_schema()["pattern"]).find(text) is not None) == _checks(Name(), text)
