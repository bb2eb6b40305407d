"""Property-based tests: random content trees, valid and broken, never crash the loader,
validator, linker or renderer. Every outcome is either a model with its pages or a list
of located diagnostics.

A tree is the fixture content with a few random edits: a value replaced (by an id, an
enum value, a date, hostile text, a YAML 1.1 surprise, a nested structure), a key added
or dropped, bytes inserted or lines duplicated, a file added, renamed or deleted.

Runs with the `explainer-ci` profile (300 examples) unless HYPOTHESIS_PROFILE names
another (`explainer-dev`: 50, for quick runs while editing).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.content.diagnostics import CODES, Report
from generator.content.obj import Obj
from generator.content.patterns import ID_PATTERN
from generator.content.schema import ENTITY_SPECS, SITE
from generator.content.text import ProseType, Text
from generator.content.types import Enum, ListOf, Url
from generator.content.yamlio import load
from generator.model.urls import page_path
from generator.pipeline import Settings, load_model
from generator.site.render import TEMPLATES, make_env, render_site
from generator.site.write import check_page_path

settings.register_profile(
    "explainer-ci",
    max_examples=300,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "explainer-dev",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "explainer-ci"))

BASE = Path(__file__).resolve().parent / "fixtures" / "base" / "content"
INERT = Path(__file__).resolve().parent / "inert"
FILES = {p.relative_to(BASE).as_posix(): p.read_bytes() for p in sorted(BASE.rglob("*.yaml"))}
IDS = sorted(Path(f).stem for f in FILES if f != "site.yaml")
ENV = make_env()


def _field_names_and_choices(spec: Obj, names: set, choices: set) -> None:
    for name, field in spec.fields.items():
        names.add(name)
        t = field.type.item if isinstance(field.type, ListOf) else field.type
        if isinstance(t, Enum):
            choices.update(t.choices)
        if isinstance(t, Obj):
            _field_names_and_choices(t, names, choices)


NAMES: set = set()
CHOICES: set = set()
for _spec in (*ENTITY_SPECS.values(), SITE):
    _field_names_and_choices(_spec, NAMES, CHOICES)


def _payloads() -> list[str]:
    out = []
    for case in sorted(INERT.iterdir()):
        doc = load((case / "input.yaml").read_bytes(), "x", Report())
        out.append(doc.root.value[0][1].value)
    return out


SCALARS = st.one_of(
    st.sampled_from(IDS + ["../x", "a/b", ".hidden", "index", "con", "Iran", "iran\n", "", " "]),
    st.sampled_from(sorted(CHOICES)),
    st.sampled_from(["2021-03-03", "2021-03", "2021", "2021-02-30", "2021-13-01", "0000", "3 March 2021"]),
    st.sampled_from(
        [
            "NO",
            "yes",
            "0755",
            "3.10",
            "1:20",
            "~",
            "null",
            "true",
            ".inf",
            "0x1F",
            "[[iran]]",
            "[[nobody]]",
            "[[iran|Tehran]] and [[",
            "&a",
            "*a",
            "!!python/object:os.system",
            "%YAML 1.1",
        ]
    ),
    st.sampled_from(_payloads()),
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.booleans(),
    st.none(),
)
KEYS = st.one_of(st.sampled_from(sorted(NAMES)), st.text(min_size=1, max_size=12))
TREES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=5)),
    max_leaves=12,
)
FILE_NAMES = st.one_of(
    st.sampled_from(IDS + ["Iran", "index", "con", "new-actor", ".hidden", "a b", "café"]),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1, max_size=20
    ),
)


def _dump(data) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


def _leaves(node, path=()):
    """Paths to every value in a parsed file, containers included."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, path + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, path + (i,))


def _set(data, path, value):
    if not path:
        return value
    target = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return data


def _drop(data, path):
    if not path:
        return data
    target = data
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return data


@st.composite
def edit(draw, files: dict[str, bytes]):
    name = draw(st.sampled_from(sorted(files)))
    kind = draw(
        st.sampled_from(["value", "value", "value", "drop", "add", "bytes", "lines", "new", "delete", "rename"])
    )
    data = files[name]
    if kind in ("value", "drop", "add"):
        try:
            parsed = yaml.safe_load(data)
        except yaml.YAMLError:
            return
        paths = list(_leaves(parsed))
        path = draw(st.sampled_from(paths))
        try:
            if kind == "value":
                parsed = _set(parsed, path, draw(TREES))
            elif kind == "drop":
                parsed = _drop(parsed, path)
            elif isinstance(parsed, dict):
                parsed[draw(KEYS)] = draw(TREES)
            files[name] = _dump(parsed)
        except (TypeError, KeyError, IndexError, yaml.YAMLError):
            return
    elif kind == "bytes":
        at = draw(st.integers(0, len(data)))
        files[name] = (
            data[:at]
            + draw(
                st.one_of(
                    st.binary(max_size=8),
                    st.sampled_from(
                        [
                            b"\t",
                            b"\n",
                            b": ",
                            b"- ",
                            b"&a ",
                            b"*a",
                            b"---\n",
                            b"\xff",
                            b"\xef\xbb\xbf",
                            b"\r\n",
                            b"\x00",
                            b"{",
                            b'"',
                            b"'",
                        ]
                    ),
                )
            )
            + data[at:]
        )
    elif kind == "lines":
        lines = data.split(b"\n")
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["duplicate", "delete", "indent", "dedent"]))
        if op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "delete":
            del lines[i]
        elif op == "indent":
            lines[i] = b"  " + lines[i]
        else:
            lines[i] = lines[i].lstrip()
        files[name] = b"\n".join(lines)
    elif kind == "new":
        folder = draw(st.sampled_from(["actors", "events", "claims", "sources", "actor", ""]))
        stem = draw(FILE_NAMES)
        tree = draw(TREES)
        if isinstance(tree, dict) and draw(st.booleans()):
            tree = {"id": stem, **tree}
        files[f"{folder}/{stem}.yaml".lstrip("/")] = _dump(tree)
    elif kind == "delete":
        del files[name]
    else:
        folder = name.rsplit("/", 1)[0] if "/" in name else ""
        files[f"{folder}/{draw(FILE_NAMES)}.yaml".lstrip("/")] = files.pop(name)


@st.composite
def content_trees(draw) -> dict[str, bytes]:
    files = dict(FILES)
    for _ in range(draw(st.integers(0, 4))):
        if files:
            draw(edit(files))
    return files


def _text_paths(data, spec: Obj, path=()):
    """Where the text, prose and URL values of a parsed file are, by the schema."""
    for name, field in spec.fields.items():
        if name not in data or name == "archived_text":
            continue
        t, value = field.type, data[name]
        if isinstance(t, (Text, ProseType, Url)):
            yield path + (name,), t
        elif isinstance(t, ListOf) and isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(t.item, Text):
                    yield path + (name, i), t.item
                elif isinstance(t.item, Obj) and isinstance(item, dict):
                    yield from _text_paths(item, t.item, path + (name, i))
        elif isinstance(t, Obj) and isinstance(value, dict):
            yield from _text_paths(value, t, path + (name,))


TEXT = st.one_of(
    st.sampled_from(_payloads()),
    st.text(min_size=1, max_size=120),
    st.text(alphabet="<>&;#\\`*_{}[]()!|:~^=$@-.'\" \n/?%abc", min_size=1, max_size=60),
)
URLS = st.one_of(
    st.sampled_from(["https://example.org/a", 'https://evil.example/"><script>x</script>', "javascript:alert(1)"]),
    st.from_regex(r"https://[a-z]{1,8}\.[a-z]{2,4}/[!-~]{0,30}", fullmatch=True),
)


@st.composite
def text_edits(draw) -> dict[str, bytes]:
    """The fixture with its text and URLs replaced, and entities cloned under new ids: mostly valid trees."""
    files = dict(FILES)
    for _ in range(draw(st.integers(1, 6))):
        name = draw(st.sampled_from(sorted(files)))
        kind = name.split("/")[0] if "/" in name else "site"
        spec = SITE if kind == "site" else ENTITY_SPECS[kind]
        data = yaml.safe_load(files[name])
        if draw(st.integers(0, 4)) == 0 and kind != "site":
            new_id = draw(st.from_regex(ID_PATTERN, fullmatch=True).filter(lambda i: len(i) <= 64))
            data["id"] = new_id
            files[f"{kind}/{new_id}.yaml"] = _dump(data)
            continue
        paths = list(_text_paths(data, spec))
        path, t = draw(st.sampled_from(paths))
        _set(data, path, draw(URLS if isinstance(t, Url) else TEXT))
        files[name] = _dump(data)
    return files


# Tags the templates themselves write; any other tag in the Markdown came from an editor.
# Tags the templates write, and the few the site modules write themselves (badges, time tags).
TEMPLATE_TAGS = {
    t
    for p in [
        *TEMPLATES.glob("*.j2"),
        *(TEMPLATES.parent / "generator" / "site" / n for n in ("render.py", "page.py", "text.py")),
    ]
    for t in re.findall(r"</?[A-Za-z!?][^\s>/]*", p.read_text(encoding="utf-8"))
}
LINK = re.compile(r"\]\(([^)\s]*)\)")


def run(files: dict[str, bytes]):
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            path = root / "content" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        report = Report()
        model = load_model(Settings(content=root / "content", base=root), report)
    return model, report


@PROFILE
@given(content_trees())
def test_every_tree_gives_pages_or_located_diagnostics(files):
    check_outcome(files)


@PROFILE
@given(text_edits())
def test_any_text_gives_inert_pages_or_located_diagnostics(files):
    check_outcome(files)


def check_outcome(files: dict[str, bytes]) -> None:
    model, report = run(files)
    lines = {f"content/{name}": data.count(b"\n") + 1 for name, data in files.items()}
    for d in report.diagnostics:
        assert d.code in CODES
        assert d.file in lines or d.file == "content/site.yaml" or "\\" in d.file, d.text()
        assert d.line >= 1 and d.col >= 1, d.text()
        if d.file in lines:  # a file name with escaped characters is not looked up
            assert d.line <= lines[d.file] + 1, d.text()
        assert d.message and "\n" not in d.text() and "\r" not in d.text()
    if model is None:
        assert report.errors, "no model, and no error saying why"
        event("diagnostics: " + ", ".join(sorted({d.code for d in report.errors})[:2]))
        return
    event("a model and its pages")
    assert report.errors == []
    pages = render_site(model, ENV)
    overviews = {"index.md", "data/index.md", "relationships/index.md", "about/index.md"} | {
        f"{k}/index.md" for k in ("actors", "events", "claims", "sources")
    }
    assert set(pages) - {p for p in pages if p.startswith(("who-says-what/", "timeline/"))} == overviews | {
        page_path(e) for e in model.all()
    }
    for path, text in pages.items():
        check_page_path(path)
        for tag in re.findall(r"</?[A-Za-z!?][^\s>/]*", text):
            assert tag in TEMPLATE_TAGS, (path, tag)
        for dest in LINK.findall(text):
            assert dest.startswith("https://") or not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", dest), (path, dest)


@PROFILE
@given(st.one_of(st.binary(max_size=400), TREES.map(_dump)))
def test_the_loader_takes_any_bytes(data):
    report = Report()
    doc = load(data, "f.yaml", report)
    assert (doc is None) == bool(report.diagnostics)
    for d in report.diagnostics:
        assert d.line >= 1 and d.col >= 1 and "\n" not in d.text()


def test_the_fixture_itself_builds():
    """The starting point of every tree is valid: the properties are about what edits do to it."""
    model, report = run(FILES)
    assert model is not None and report.errors == []


@pytest.mark.parametrize("name", ["explainer-ci", "explainer-dev"])
def test_profiles_are_registered(name):
    assert settings.get_profile(name).max_examples >= 50
