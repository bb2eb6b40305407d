"""Impersonation: text that shows nothing is refused, and names or propositions a reader cannot
tell from another entity's are reported (the cases blank-text, same-looking, duplicate-names show
the whole reports; these pin the rules one character at a time)."""

from __future__ import annotations

import pytest
from yaml.error import Mark
from yaml.nodes import ScalarNode

from generator.content.diagnostics import Report
from generator.content.sameness import key, looks
from generator.content.text import Name, Text
from generator.content.types import Ctx, Invalid


def check(value: str, type_=None) -> list[str]:
    mark = Mark("f", 0, 0, 0, "", 0)
    report = Report()
    try:
        (type_ or Name()).check(
            ScalarNode("tag:yaml.org,2002:str", value, mark, mark, style='"'), "name", Ctx("f", report)
        )
    except Invalid:
        pass
    return [f"{d.code}: {d.message}" for d in report.diagnostics]


@pytest.mark.parametrize(
    "blank, name",
    [
        ("\u3164", "HANGUL FILLER (U+3164)"),
        ("\u115f", "HANGUL CHOSEONG FILLER (U+115F)"),
        ("\u1160", "HANGUL JUNGSEONG FILLER (U+1160)"),
        ("\uffa0", "HALFWIDTH HANGUL FILLER (U+FFA0)"),
        ("\u2800", "BRAILLE PATTERN BLANK (U+2800)"),
        ("\u034f", "COMBINING GRAPHEME JOINER (U+034F)"),
        ("\ufe0f", "VARIATION SELECTOR-16 (U+FE0F)"),
        ("\U000e0100", "VARIATION SELECTOR-17 (U+E0100)"),
        ("\u180b", "MONGOLIAN FREE VARIATION SELECTOR ONE (U+180B)"),
        ("\u17b4", "KHMER VOWEL INHERENT AQ (U+17B4)"),
    ],
)
def test_text_of_blank_characters_alone_is_refused(blank, name):
    expected = [f"blank-text: the text shows nothing: it holds only blank characters such as {name}"]
    assert check(blank) == expected
    assert check(f" {blank}\u00a0{blank} ") == expected
    assert check(f"{blank}\n{blank}", Text(multiline=True)) == expected


def test_blank_characters_inside_text_are_allowed_alone():
    assert check("\u1100\u1160") == []  # an old Hangul syllable: a leading consonant and a vowel filler
    assert check("\u845b\U000e0100") == []  # a CJK ideograph variant
    assert check("Flag \u2691\ufe0f") == []


@pytest.mark.parametrize("char", ["\u206a", "\u206f", "\U0001bca0", "\U0001d173"])
def test_more_invisible_format_characters_are_bad_text(char):
    [message] = check(f"Ir{char}an")
    assert message.startswith("bad-text: the text contains the invisible character ")
    assert message.endswith(f"(U+{ord(char):04X})")


@pytest.mark.parametrize(
    "a, b",
    [
        ("Iran", "Iran\u3164"),
        ("Iran", "I\u034fran"),
        ("Iran", "Ir\ufe00an"),
        ("Iran", "\uff29\uff52\uff41\uff4e"),
        ("Al Asad", "Al\u2800Asad"),
        ("Al Asad", "Al\u3164Asad"),
        ("Al Asad", "Al \uffa0 Asad"),
        ("Iran", "Iran\U000e01ef"),
    ],
)
def test_texts_that_render_the_same_look_the_same(a, b):
    assert a != b and looks(a) == looks(b) and key(a) == key(b)


@pytest.mark.parametrize(
    "a, b",
    [("Iran", "IRAN"), ("Iran", " Iran. "), ("Kataib Hezbollah carried it out.", "kataib  hezbollah carried it out!")],
)
def test_case_space_and_punctuation_make_duplicates_not_lookalikes(a, b):
    assert looks(a) != looks(b) and key(a) == key(b)


def test_different_names_stay_different():
    assert key("Iran") != key("Iraq") and key("Al Asad") != key("AlAsad") and key("US-Iraq") == key("US Iraq")
