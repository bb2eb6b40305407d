"""Cases whose file names cannot live in the repository: they would break a checkout on
macOS or Windows (two normalisations of one name, device names) or are not text at all
(line breaks, bytes that are not UTF-8). Each is made in a temporary copy of the fixture."""

from __future__ import annotations

import os
import unicodedata

import pytest
from casekit import check_output

from generator.pipeline import Settings

SUMMARY = "summary:\n  text: A.\n  cite: [amn-2021-03-04-iran-backed-militia-behind-attack]\n"


def actor(entity_id: str) -> str:
    return f"id: {entity_id}\nname: A\nkind: state\n" + SUMMARY


def check(base, files: dict[bytes, str]) -> list[str]:
    for name, text in files.items():
        (base / "content").joinpath(os.fsdecode(name)).write_text(text, encoding="utf-8")
    return check_output(Settings(content=base / "content", base=base)).splitlines()


def test_two_normalisations_of_one_name(base_copy):
    nfc, nfd = (unicodedata.normalize(form, "café") for form in ("NFC", "NFD"))
    assert nfc != nfd
    lines = check(
        base_copy, {f"actors/{nfc}.yaml".encode(): actor("cafe"), f"actors/{nfd}.yaml".encode(): actor("cafe")}
    )
    assert lines == [
        f"content/actors/{nfd}.yaml:1:5: error[id-mismatch] id: the id 'cafe' differs from the file name '{nfd}.yaml'; "
        "the file name is not a valid id either: rename the file to 'cafe.yaml'",
        f"content/actors/{nfc}.yaml:1:1: error[confusable-id] the file name 'caf\\xe9.yaml' differs only by letter case or "
        "Unicode normalisation from content/actors/cafe\\u0301.yaml; on macOS and Windows they are one file; rename or remove one",
        f"content/actors/{nfc}.yaml:1:5: error[id-mismatch] id: the id 'cafe' differs from the file name '{nfc}.yaml'; "
        "the file name is not a valid id either: rename the file to 'cafe.yaml'",
        "3 errors, 0 warnings",
    ]


@pytest.mark.parametrize("name", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_windows_device_names(base_copy, name):
    assert check(base_copy, {f"actors/{name}.yaml".encode(): actor(name)}) == [
        f"content/actors/{name}.yaml:1:5: error[reserved-id] id: the id '{name}' is a device name on Windows; "
        "choose a more specific id, and name the file after it",
        "1 error, 0 warnings",
    ]


def test_file_names_that_are_not_text(base_copy):
    """A line break in a file name must not start a new line of output, nor a byte that is not UTF-8 crash it."""
    lines = check(
        base_copy,
        {
            b"actors/a\n::error file=README.md::forged.yaml": actor("a"),
            b"actors/\xffbad.yaml": actor("b"),
            "actors/rtl\u202eyaml.txt".encode(): "",
        },
    )
    assert lines == [
        "content/actors/\\udcffbad.yaml:1:5: error[id-mismatch] id: the id 'b' differs from the file name '\\udcffbad.yaml'; "
        "the file name is not a valid id either: rename the file to 'b.yaml'",
        "content/actors/a\\n::error file=README.md::forged.yaml:1:5: error[id-mismatch] id: the id 'a' differs from the file name "
        "'a\\n::error file=README.md::forged.yaml'; the file name is not a valid id either: rename the file to 'a.yaml'",
        "content/actors/rtl\\u202eyaml.txt:1:1: error[misplaced-file] the generator does not read this file; "
        "expected content/<actors|events|claims|sources>/<id>.yaml or content/site.yaml",
        "3 errors, 0 warnings",
    ]
