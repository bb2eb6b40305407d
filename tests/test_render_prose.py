"""Prose around [[links]] keeps the spaces that separate words from the link text."""

from __future__ import annotations

from generator.model import entities as m
from generator.site.page import PageContext


def _kh() -> m.Actor:
    actor = m.Actor(id="kataib-hezbollah", file="content/actors/kataib-hezbollah.yaml")
    actor.name = "Kataib Hezbollah"
    return actor


def test_spaces_around_a_link_survive():
    text = m.Text((("officials blame ", m.EntityLink(_kh(), None), " for the attack."),))
    assert (
        PageContext("index.md").prose(text)
        == "officials blame [Kataib Hezbollah](actors/kataib-hezbollah.md) for the attack&#46;"
    )


def test_punctuation_next_to_a_link_gains_no_space():
    text = m.Text((("see (", m.EntityLink(_kh(), "the group"), ")."),))
    assert PageContext("index.md").prose(text) == "see &#40;[the group](actors/kataib-hezbollah.md)&#41;&#46;"


def test_a_lone_space_between_two_links_stays_one_space():
    kh = _kh()
    text = m.Text(((m.EntityLink(kh, "a"), " ", m.EntityLink(kh, "b")),))
    assert PageContext("index.md").prose(text) == "[a](actors/kataib-hezbollah.md) [b](actors/kataib-hezbollah.md)"
