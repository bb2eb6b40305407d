"""The linked model: statuses derived from stances, backlinks, reporting chains, immutability."""

from __future__ import annotations

import pytest
from conftest import BASE

from generator.content.diagnostics import Report
from generator.content.values import Fields, Loc
from generator.content.vocab import VERDICTS
from generator.model import entities as m
from generator.model.ratings import RATINGS, STATUSES, derive_status
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


SOURCES = {i: m.Source(id=i, file="f") for i in "ab"}


def cite(source_id: str) -> m.Citation:
    return m.Citation(SOURCES[source_id], None, None, None, None, None)


@pytest.mark.parametrize(
    "positions,kinds,sources,expected",
    [
        (["asserts", "denies"], ["person", "person"], ["a", "b"], "disputed"),
        (["asserts", "doubts", "denies"], ["person", "person", "armed-group"], ["a", "a", "a"], "disputed"),
        # A doubt is not a denial: "disputed" needs somebody to deny it.
        (["asserts", "doubts"], ["person", "media-outlet"], ["a", "b"], "doubted"),
        (["doubts", "reports"], ["person", "media-outlet"], ["a", "b"], "doubted"),
        (["denies"], ["armed-group"], ["a"], "denied"),
        (["denies", "doubts"], ["armed-group", "person"], ["a", "b"], "denied"),
        (["asserts"], ["anonymous-group"], ["a"], "unconfirmed"),
        (["asserts", "declines-to-attribute"], ["person", "government-body"], ["a", "b"], "unconfirmed"),
        # One writer's view that no other source addresses is not uncontested: silence is not agreement.
        (["asserts"], ["person"], ["a"], "single-source"),
        (["asserts", "reports"], ["person", "media-outlet"], ["a", "a"], "single-source"),
        (["asserts", "reports"], ["person", "media-outlet"], ["a", "b"], "uncontested"),
        (["asserts", "asserts"], ["person", "person"], ["a", "b"], "uncontested"),
        (["reports", "declines-to-attribute"], ["media-outlet", "person"], ["a", "b"], "reported-only"),
    ],
)
def test_status_is_derived_from_stances(positions, kinds, sources, expected):
    stances = tuple(
        m.Stance(actor(k), p, None, None, (cite(s),)) for p, k, s in zip(positions, kinds, sources, strict=True)
    )
    assert derive_status(stances) == expected


def test_every_status_and_rating_is_defined_in_one_sentence():
    assert list(STATUSES) == [
        "disputed",
        "denied",
        "doubted",
        "unconfirmed",
        "single-source",
        "uncontested",
        "reported-only",
    ]
    assert list(RATINGS) == list(VERDICTS) + list(STATUSES)
    for word, meaning in RATINGS.items():
        assert meaning.endswith(".") and meaning.count(". ") == 0, word


def test_claim_status_and_origins(fixture_model):
    claim = fixture_model.by_id["kataib-hezbollah-behind-al-asad-attack"]
    assert claim.status == "doubted"
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
    assert [(c.id, s.position) for c, s in kirby.stances] == [
        ("kataib-hezbollah-behind-al-asad-attack", "declines-to-attribute")
    ]
    pentagon = by_id["us-department-of-defense"]
    assert [(a.id, f.relation) for a, f in pentagon.affiliated] == [("john-kirby", "spokesperson-for")]
    decamp = by_id["dave-decamp"]
    assert [e.id for e in decamp.mentioned_in] == ["antiwar-com"]
    assert [s.id for s in decamp.authored] == ["antiwar-2021-03-04-anonymous-officials-blame-militia"]
    politico = by_id["politico-2021-03-04-officials-blame-militia"]
    assert [s.id for s in politico.cited_by] == [
        "amn-2021-03-04-iran-backed-militia-behind-attack",
        "antiwar-2021-03-04-anonymous-officials-blame-militia",
    ]
    claim = by_id["kataib-hezbollah-behind-al-asad-attack"]
    assert [(e.id, p.actor.id) for e, p in claim.alleged_in] == [
        ("al-asad-air-base-rocket-attack-2021-03-03", "kataib-hezbollah")
    ]


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


def test_actors_that_may_be_the_same_people_count_once():
    from generator.model.statements import count_actors, position_phrase

    a, b, c, d = (m.Actor(id=i, file="f", name=i, kind="anonymous-group") for i in "abcd")
    a.same_group = b.same_group = (a, b)
    for x in (c, d):
        x.same_group = (x,)
    stance = lambda actor: m.Stance(actor, "asserts", None, None, ())  # noqa: E731 (a one-line helper, read where it is used)
    assert count_actors([stance(c)]) == ("1 actor", False)
    assert count_actors([stance(c), stance(d), stance(c)]) == ("2 actors", True)  # one actor, two stances: once
    assert position_phrase("asserts", [stance(a), stance(b)]) == "2 entries, possibly the same people, assert it"
    assert (
        position_phrase("doubts", [stance(a), stance(b), stance(c)])
        == "2 actors (3 entries, some possibly the same people) doubt it"
    )


def test_same_as_groups_are_joined_both_ways(fixture_model):
    officials, told = fixture_model.by_id["two-us-defense-officials"], fixture_model.by_id["us-officials-told-politico"]
    assert officials.same_group == told.same_group == (officials, told)
    assert officials.identity == told.identity == "two-us-defense-officials"


def test_linking_clean_content_makes_no_location_and_keeps_every_one(monkeypatch):
    """Check, link and quote counting make a Loc only for a diagnostic; the model still
    answers where each field and citation stood, when a late diagnostic or a page asks."""
    from generator.content import values as values_module

    made: list[Loc] = []
    loc_at = values_module.loc_at
    monkeypatch.setattr(values_module, "loc_at", lambda *a: made.append(loc_at(*a)) or made[-1])
    report = Report()
    model = load_model(Settings(content=BASE / "content", base=BASE), report)
    assert model is not None and report.diagnostics == [] and made == []
    militia = model.by_id["kataib-hezbollah"]
    file = "content/actors/kataib-hezbollah.yaml"
    assert militia.locs["kind"] == Loc(file, 3, 7, "kind")
    (citation,) = militia.summary.cite
    assert citation.loc == Loc(file, 10, 7, "summary.cite[0]")
    assert citation.quote_loc == Loc(file, 11, 14, "summary.cite[0].quote")
    assert len(made) == 3


def test_entities_made_blank_hold_what_their_constructor_gives(fixture_model):
    blank = m.Actor.blank("a", "f", {}, name="A")
    made = m.Actor(id="a", file="f", locs={}, name="A")
    assert list(vars(blank).items()) == list(vars(made).items())
    blank.fill(kind="person", aliases=("Ay",))
    assert (blank.kind, blank.aliases) == ("person", ("Ay",))
    with pytest.raises(AttributeError, match="immutable once linked"):
        fixture_model.by_id["iran"].fill(name="Persia")


def test_where_a_citation_stood_pickles_as_nothing(fixture_model):
    """The render cache (site/incremental.py) fingerprints what pages show by pickling it, a Loc
    as nothing: a citation's lazy position must pickle alike, wherever the citation stood."""
    import pickle

    (citation,) = fixture_model.by_id["kataib-hezbollah"].summary.cite
    assert isinstance(citation.at, m.Position)
    elsewhere = m.Position(Fields({}, Loc("elsewhere.yaml", 99, 9, "x"), {}))
    assert elsewhere.loc == Loc("elsewhere.yaml", 99, 9, "x")
    assert pickle.dumps(citation.at) == pickle.dumps(elsewhere)
    assert pickle.loads(pickle.dumps(citation.at)) == ()
