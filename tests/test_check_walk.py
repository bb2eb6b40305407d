"""The check's one walk over a file's nodes (validate._fields): the types check every value and
stop at anything the loader rejects; only then does the loader's own walk (yamlio.tree_ok) run,
and what it reports is all that is reported, as when the loader walked every file first.
Locations are made only for values that get a diagnostic, from the parser's marks."""

from __future__ import annotations

import pytest
import yaml
from yaml.nodes import MappingNode, SequenceNode

from generator.content import values as values_module
from generator.content import yamlio
from generator.content.diagnostics import Report
from generator.content.patterns import BAD_CHARS, bad_char
from generator.content.validate import Checked, check_file
from generator.content.values import Loc

FILE = "content/actors/iran.yaml"
ACTOR = "id: iran\nname: Iran\nkind: state\nsummary:\n  text: A state.\n  cite: [amn]\n"


def check(text: str) -> tuple[list[str], Checked]:
    report, checked = Report(), Checked()
    check_file("actors", text.encode("utf-8"), FILE, "iran", report, checked)
    return [d.text() for d in report.sorted()], checked


# (name, file text, every diagnostic it gets)
CASES = [
    (
        "a tag deep inside a known field",
        ACTOR.replace("cite: [amn]", "cite: [!foo amn]"),
        [f"{FILE}:6:10: error[tag] the tag '!foo' is not allowed; remove the tag"],
    ),
    (
        "a tag, and a wrong value the types would report",
        ACTOR.replace("kind: state", "kind: nonsense").replace("name: Iran", "name: !!binary aGk="),
        [f"{FILE}:2:7: error[tag] the tag '!!binary' is not allowed; remove the tag"],
    ),
    (
        "a field given empty, then again",
        ACTOR.replace("name: Iran", "name:\nname: Iran"),
        [f"{FILE}:3:1: error[duplicate-key] the key 'name' appears again (first on line 2); remove one of them"],
    ),
    (
        "an optional field given twice, each time a good value",
        ACTOR + "aliases: [Persia]\naliases: [Iran]\n",
        [f"{FILE}:8:1: error[duplicate-key] the key 'aliases' appears again (first on line 7); remove one of them"],
    ),
    (
        "a known field merged in by its tag",
        ACTOR.replace("name: Iran", "!!merge name: Iran"),
        [f"{FILE}:2:1: error[alias] the merge key '<<' is not allowed; write the fields out in full"],
    ),
    (
        "a tag inside an unknown field",
        ACTOR + "extra: {a: !foo 1}\n",
        [f"{FILE}:7:12: error[tag] the tag '!foo' is not allowed; remove the tag"],
    ),
    (
        "a tag on the file's mapping",
        "!!omap\n" + ACTOR,
        [f"{FILE}:1:1: error[tag] the tag '!!omap' is not allowed; remove the tag"],
    ),
    (
        "a wrong value and nothing the loader rejects",
        ACTOR.replace("kind: state", "kind: nonsense"),
        [
            f"{FILE}:3:7: error[bad-value] kind: 'nonsense' is not an allowed value; expected one of 'person', "
            "'organization', 'government-body', 'armed-forces', 'armed-group', 'state', 'media-outlet', "
            "'anonymous-group'"
        ],
    ),
    (
        "a warning on a file with no error",
        ACTOR.replace("name: Iran", "name: Irаn"),  # a Cyrillic а
        [
            f"{FILE}:2:7: warning[lookalike] name: 'Irаn' mixes Cyrillic and Latin letters; retype it with letters from one script"
        ],
    ),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_what_the_one_walk_reports(text, expected):
    assert check(text)[0] == expected


def test_the_loaders_walk_does_not_run_on_a_clean_file(monkeypatch):
    def walked(*args):
        raise AssertionError("the loader's walk ran")

    monkeypatch.setattr(yamlio, "_check_tree", walked)
    diagnostics, checked = check(ACTOR)
    assert diagnostics == [] and list(checked.entities["actors"]) == ["iran"]


def test_locations_are_made_only_when_asked_for(monkeypatch):
    made: list[Loc] = []
    loc_at = values_module.loc_at

    def counted(*args):
        made.append(loc_at(*args))
        return made[-1]

    monkeypatch.setattr(values_module, "loc_at", counted)
    diagnostics, checked = check(ACTOR)
    assert diagnostics == [] and made == []
    fields = checked.entities["actors"]["iran"]
    assert fields.locs["kind"] == Loc(FILE, 3, 7, "kind")
    assert made == [Loc(FILE, 3, 7, "kind")]
    (citation,) = fields["summary"]["cite"]
    assert citation["source"].loc == Loc(FILE, 6, 10, "summary.cite[0]")
    assert citation.loc == citation.locs["source"] == Loc(FILE, 6, 10, "summary.cite[0]")  # a shorthand
    assert fields["summary"].locs["text"] == Loc(FILE, 5, 9, "summary.text")
    assert fields.loc == Loc(FILE, 1, 1, "")
    assert dict(fields.locs) == {
        "id": Loc(FILE, 1, 5, "id"),
        "name": Loc(FILE, 2, 7, "name"),
        "kind": Loc(FILE, 3, 7, "kind"),
        "summary": Loc(FILE, 5, 3, "summary"),
    }


SNIPPETS = [
    "<<", "=", "~", "", "null", "NULL", "true", "yes", "No", "0x1F", "0o17", "1e3", ".inf", "2021-03-03",
    "2021-03-03T10:00:00Z", "12:30", "+1", "'<<'", '"="', "! x", "!foo x", "!!str x", "!!merge x", "!!int 5",
    "!<tag:yaml.org,2002:str> y", "!!map {}", "!!set {a}", "!!binary aGk=", "[a, <<]", "{<<: a}",
]  # fmt: skip


def _tags(node, out: list) -> list:
    out.append(node.tag if node.tag not in yamlio.STD_TAGS else "std")
    if isinstance(node, SequenceNode):
        for item in node.value:
            _tags(item, out)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            _tags(key, out)
            _tags(value, out)
    return out


def _composed(text: str, loader: type) -> list | str | None:
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError:
        return "error"
    return None if root is None else _tags(root, [])


@pytest.mark.parametrize("form", ["k: {}\n", "- {}\n", "{}: v\n", "{}\n"])
def test_the_composer_rejects_the_tags_pyyaml_would(form):
    """The loader's resolver calls every untagged scalar text; a tag outside STD_TAGS (the merge
    key's, '=''s) it gives exactly where PyYAML's resolver would."""
    compared = 0
    for snippet in SNIPPETS:
        text = form.format(snippet)
        ours = _composed(text, yamlio._Loader)
        assert ours == _composed(text, yaml.CSafeLoader), text
        compared += isinstance(ours, list) and any(t != "std" for t in ours)
    assert compared >= 5  # each form puts several of the snippets' tags in a tree


def test_every_character_check_refuses_is_one_isprintable_refuses():
    """bad_char clears printable text without BAD_CHARS: sound only while this holds."""
    refused = [c for c in range(0x110000) if BAD_CHARS.match(chr(c)) and chr(c).isprintable()]
    assert refused == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("plain text", None),
        ("two\n\nparagraphs\twith a tab", None),
        ("“curly” and a no-break\u00a0space", None),
        ("a soft\u00adhyphen", "\u00ad"),
        ("line\nthen a \u202eright-to-left override", "\u202e"),
        ("a tag character \U000e0041", "\U000e0041"),
        ("a bell \x07", "\x07"),
    ],
)
def test_bad_char_finds_what_the_pattern_finds(text, found):
    assert bad_char(text) == found
    match = BAD_CHARS.search(text)
    assert (match.group() if match else None) == found
