"""The linked model: statuses derived from stances, backlinks, reporting chains, immutability."""

from __future__ import annotations

import pytest

from conftest import BASE
from generator import model as m
from generator.diagnostics import Report
from generator.link import derive_status
from generator.pipeline import Settings, load_model


@pytest.fixture(scope="module")
def fixture_model() -> m.Model:
    report = Report()
    model = load_model(Settings(content=BASE / "content", base=BASE), report)
    assert report.diagnostics == []
    return model


def actor(kind="person"):
    a = m.Actor(id="a", file="f", kind=kind)
    return a


@pytest.mark.parametrize("positions,kinds,expected", [
    (["asserts", "denies"], ["person", "person"], "disputed"),
    (["asserts", "doubts"], ["person", "media-outlet"], "disputed"),
    (["denies"], ["armed-group"], "rejected"),
    (["asserts"], ["anonymous-group"], "unconfirmed"),
    (["asserts", "declines-to-attribute"], ["person", "government-body"], "unconfirmed"),
    (["asserts", "reports"], ["person", "media-outlet"], "unchallenged"),
    (["reports", "declines-to-attribute"], ["media-outlet", "person"], "unattributed"),
])
def test_status_is_derived_from_stances(positions, kinds, expected):
    stances = tuple(m.Stance(actor(k), p, None, None, ()) for p, k in zip(positions, kinds))
    assert derive_status(stances) == expected


def test_claim_status_and_origins(fixture_model):
    claim = fixture_model.by_id["kataib-hezbollah-behind-al-asad-attack"]
    assert claim.status == "disputed"
    # Both articles relay the officials through Politico: one origin for that stance, plus the
    # two articles' own reporting (Kirby's words in AMN, DeCamp's doubt in Antiwar.com).
    assert [o.id for o in claim.origins] == [
        "amn-2021-03-04-iran-backed-militia-behind-attack",
        "antiwar-2021-03-04-anonymous-officials-blame-militia",
        "politico-2021-03-04-officials-blame-militia",
    ]
    officials = claim.stances[0]
    assert {o.id for c in officials.cite for o in c.origins} == {"politico-2021-03-04-officials-blame-militia"}


def test_backlinks(fixture_model):
    by_id = fixture_model.by_id
    kirby = by_id["john-kirby"]
    assert [(c.id, s.position) for c, s in kirby.stances] == [("kataib-hezbollah-behind-al-asad-attack", "declines-to-attribute")]
    pentagon = by_id["us-department-of-defense"]
    assert [(a.id, f.relation) for a, f in pentagon.affiliated] == [("john-kirby", "spokesperson-for")]
    decamp = by_id["dave-decamp"]
    assert [e.id for e in decamp.mentioned_in] == ["antiwar-com"]
    assert [s.id for s in decamp.authored] == ["antiwar-2021-03-04-anonymous-officials-blame-militia"]
    politico = by_id["politico-2021-03-04-officials-blame-militia"]
    assert [s.id for s in politico.cited_by] == [
        "amn-2021-03-04-iran-backed-militia-behind-attack", "antiwar-2021-03-04-anonymous-officials-blame-militia"]
    claim = by_id["kataib-hezbollah-behind-al-asad-attack"]
    assert [(e.id, p.actor.id) for e, p in claim.alleged_in] == [("al-asad-air-base-rocket-attack-2021-03-03", "kataib-hezbollah")]


def test_a_source_knows_everything_it_is_cited_for(fixture_model):
    amn = fixture_model.by_id["amn-2021-03-04-iran-backed-militia-behind-attack"]
    whats = [(u.entity.id, u.what) for u in amn.uses]
    assert ("john-kirby", "spokesperson for US Department of Defense") in whats
    assert ("kataib-hezbollah-behind-al-asad-attack", "John Kirby's position (declines to attribute)") in whats
    assert ("index", "the answer to \u201cWhat happened?\u201d") in whats
    assert ("al-asad-air-base-rocket-attack-2021-03-03", "what happened") in whats


def test_model_is_immutable(fixture_model):
    with pytest.raises(AttributeError, match="immutable once linked"):
        fixture_model.by_id["iran"].name = "Persia"
