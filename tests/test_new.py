"""`explainer new`: a file in the right shape, refused when the id is bad or taken."""

from __future__ import annotations

import re
import shutil

import pytest
from casekit import BASE, check_output

from generator.cli import main
from generator.content.diagnostics import Report
from generator.editors.fmt import format_text
from generator.editors.scaffold import KINDS_BY_NAME, skeleton
from generator.pipeline import Settings, load_model

SRC = "amn-2021-03-04-iran-backed-militia-behind-attack"

# What an editor types into the empty fields, by field name (and kind where it differs).
FILL = {
    "name": "Test Actor",
    "title": "A test title",
    "text": "A cited sentence.",
    "cite": f"[{SRC}]",
    "date": "2021-03-05",
    "proposition": "Iran ordered the attack.",
    "actor": "iran",
    "position": "denies",
    "publisher": "politico",
    "published": "2021-03-04",
    "access": "direct",
    "relation": "member-of",
    ("actors", "kind"): "person",
    ("events", "kind"): "statement",
    ("sources", "kind"): "news-report",
}


def fill(text: str, kind: str) -> str:
    def value(m):
        key = m.group(3)
        filled = FILL.get((kind, key), FILL.get(key))
        return m.group(0) if filled is None else f"{m.group(1)}{m.group(2) or ''}{key}: {filled}"  # headers stay

    return re.sub(r"^(\s*)(- )?([a-z_]+):$", value, text, flags=re.M)


@pytest.fixture
def project(tmp_path, monkeypatch):
    shutil.copytree(BASE / "content", tmp_path / "content")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_claim_then_check_lists_what_is_left_to_fill_in(project, capsys):
    assert main(["new", "claim", "iran-ordered-attack"]) == 0
    assert (
        capsys.readouterr().out
        == "created content/claims/iran-ordered-attack.yaml; fill in the empty fields, then run `explainer check`\n"
    )
    assert check_output(Settings(content=project / "content", base=project)) == (
        "content/claims/iran-ordered-attack.yaml:4:1: error[missing-field] proposition: the required field "
        "'proposition' is empty; expected text\n"
        "content/claims/iran-ordered-attack.yaml:11:5: error[missing-field] stances[0].actor: the required "
        "field 'actor' is empty; expected the id of an actor\n"
        "content/claims/iran-ordered-attack.yaml:12:5: error[missing-field] stances[0].position: the "
        "required field 'position' is empty; expected one of the listed values\n"
        "content/claims/iran-ordered-attack.yaml:15:5: error[uncited] stances[0].cite: the required field "
        "'cite' has no citation; add at least one source id under 'cite:'\n"
        "4 errors, 0 warnings\n"
    )


@pytest.mark.parametrize("kind", sorted(KINDS_BY_NAME))
def test_new_fill_in_check_round_trip(project, kind, capsys):
    plural = KINDS_BY_NAME[kind]
    assert main(["new", kind, "test-entity"]) == 0
    path = project / "content" / plural / "test-entity.yaml"
    text = path.read_text()
    if kind == "actor":  # uncomment an optional block too: its shape is right as written
        head, block = text.split("# affiliations:\n")
        text = head + "affiliations:\n" + re.sub(r"^# ", "", block, flags=re.M)
    path.write_text(fill(text, plural))
    settings = Settings(content=project / "content", base=project)
    # A source read directly names its archived text (direct-unarchived); the template leaves it to fill in.
    expected = "0 errors, 0 warnings\n"
    if kind == "source":
        expected = (
            "content/sources/test-entity.yaml:17:9: warning[direct-unarchived] access: the source 'test-entity' was read "
            "directly but has no archived_text: its quotes cannot be checked; save its text in the quote archive "
            "and name the file in 'archived_text'\n0 errors, 1 warning\n"
        )
    assert check_output(settings) == expected
    model = load_model(settings, Report())
    entity = model.by_id["test-entity"]
    assert entity.KIND == plural
    if kind == "claim":
        assert [(s.actor.id, s.position, [c.source.id for c in s.cite]) for s in entity.stances] == [
            ("iran", "denies", [SRC])
        ]
    if kind == "actor":
        assert [(a.relation, a.actor.id) for a in entity.affiliations] == [("member-of", "iran")]


@pytest.mark.parametrize("kind", sorted(KINDS_BY_NAME.values()))
def test_new_files_are_already_laid_out(kind):
    text = skeleton(kind, "x")
    assert text.startswith(f"# yaml-language-server: $schema=../../schemas/{kind[:-1]}.schema.json\nid: x\n")
    assert format_text(text.encode(), kind, "x.yaml") == text


@pytest.mark.parametrize(
    "args,expected",
    [
        (
            ["actor", "Iran"],
            "content/actors/Iran.yaml:2:5: error[bad-id] id: the id 'Iran' is not a lowercase slug; expected "
            "lowercase letters, digits and single hyphens, such as 'iran'",
        ),
        (
            ["source", "../../x"],
            "content/sources/../../x.yaml:2:5: error[bad-id] id: the id '../../x' is not a lowercase slug; "
            "expected lowercase letters, digits and single hyphens, such as 'x'",
        ),
        (
            ["actor", "a\nb"],
            "content/actors/a\\nb.yaml:2:5: error[bad-id] id: the id 'a\\nb' is not a lowercase slug; "
            "expected lowercase letters, digits and single hyphens, such as 'a-b'",
        ),
        (
            ["event", "iran"],
            "content/events/iran.yaml:2:5: error[duplicate-id] id: the id 'iran' is already used by "
            "content/actors/iran.yaml; ids are unique across all kinds; choose another id, or edit that file",
        ),
        (
            ["actor", "iran"],
            "content/actors/iran.yaml:2:5: error[duplicate-id] id: the id 'iran' is already used by "
            "content/actors/iran.yaml; ids are unique across all kinds; choose another id, or edit that file",
        ),
    ],
)
def test_new_refuses_a_bad_or_taken_id(project, capsys, args, expected):
    before = sorted((p, p.read_bytes()) for p in (project / "content").rglob("*") if p.is_file())
    assert main(["new", *args]) == 1
    assert capsys.readouterr().out == expected + "\n1 error, 0 warnings\n"
    assert sorted((p, p.read_bytes()) for p in (project / "content").rglob("*") if p.is_file()) == before


def test_new_needs_the_content_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "actor", "iran"]) == 2
    assert capsys.readouterr().err == "explainer: error: the content folder content does not exist\n"
