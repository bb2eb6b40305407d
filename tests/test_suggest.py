"""'Did you mean' for dangling references: the indexed Suggester gives did_you_mean's answer while
handing difflib a short list, so thousands of dangling references stay cheap at 10,000 ids
(measured with bench/corpus.py: see the commit; no timed test here)."""

from __future__ import annotations

import random

from generator.content import diagnostics
from generator.content.diagnostics import Suggester, did_you_mean

WORDS = (
    "attack",
    "base",
    "rocket",
    "militia",
    "iran",
    "iraq",
    "kataib",
    "hezbollah",
    "officials",
    "report",
    "al-asad",
    "anbar",
    "erbil",
    "baghdad",
    "claim",
    "strike",
    "drone",
    "convoy",
    "brigade",
    "front",
    "2021",
    "2023",
)


def ids(n: int, seed: int = 1) -> list[str]:
    r = random.Random(seed)
    return sorted({"-".join(r.sample(WORDS, r.randint(2, 5))) for _ in range(n)})


def typo(r: random.Random, s: str) -> str:
    i = r.randrange(len(s))
    return r.choice(
        (s[:i] + s[i + 1 :], s[:i] + r.choice("abcdefghijklmnopqrstuvwxyz") + s[i + 1 :], s + "s", s[:i] + "-" + s[i:])
    )


def test_the_same_answers_as_difflib_over_every_choice():
    choices = ids(5000)
    suggest = Suggester(choices)
    r = random.Random(2)
    words = [typo(r, r.choice(choices)) for _ in range(200)] + ["zzz", "iran", "x", "kataib-hezbolah-attack"]
    assert [suggest(w) for w in words] == [did_you_mean(w, choices) for w in words]
    assert sum(suggest(w) != "" for w in words) > 150


def test_difflib_sees_a_short_list_only(monkeypatch):
    seen: list[int] = []
    real = diagnostics.did_you_mean
    monkeypatch.setattr(diagnostics, "did_you_mean", lambda w, c: (seen.append(len(c)), real(w, c))[1])
    suggest = Suggester(ids(5000))
    for w in ("attack-base-iran", "rocket-militia-x", "nothing-like-it"):
        suggest(w)
    assert seen and max(seen) <= Suggester.SHORTLIST


def test_small_sets_get_exactly_did_you_mean():
    choices = ["iran", "iraq", "kataib-hezbollah", "politico"]
    for w in ("irn", "kataib-hezbolah", "politco", "zzz"):
        assert Suggester(choices)(w) == did_you_mean(w, choices)
