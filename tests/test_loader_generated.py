"""Loader cases whose input is generated (too large, binary, or a broken link to keep as a file)."""

from __future__ import annotations

import os

import pytest
import yaml

from generator.content.diagnostics import Report
from generator.content.yamlio import MAX_BYTES, core_type, load

GOOD = b"id: iran\nname: Iran\n"

# (name, bytes, exact diagnostic lines)
CASES = [
    (
        "too-large",
        b"a: " + b"x" * MAX_BYTES + b"\n",
        [f"f.yaml:1:1: error[file-too-large] the file has {MAX_BYTES + 4:,} bytes; expected at most {MAX_BYTES:,}"],
    ),
    (
        "invalid-utf8",
        b"id: iran\nname: Ir\xe2n\n",
        ["f.yaml:2:9: error[encoding] byte 0xe2 is not valid UTF-8; save the file as UTF-8"],
    ),
    (
        "deep-flow",
        b"a: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
        ["f.yaml:1:27: error[too-deep] values nest more than 24 levels deep; flatten the structure"],
    ),
    (
        "deep-block",
        b"a:\n" + b"".join(b" " * (2 * i + 2) + b"b:\n" for i in range(30)) + b" " * 62 + b"c: 1\n",
        ["f.yaml:26:51: error[too-deep] values nest more than 24 levels deep; flatten the structure"],
    ),
    (
        "long-list",
        b"a:\n" + b"  - x\n" * 2001,
        ["f.yaml:2:3: error[too-many-items] the list has 2,001 items; expected at most 2,000"],
    ),
    (
        "control-char",
        b"id: iran\nname: Ir\x07n\n",
        ["f.yaml:2:9: error[yaml-syntax] unacceptable character #x0007: control characters are not allowed"],
    ),
]

# symlink and not-a-file: tests/test_links.py and tests/test_file_types.py (git keeps no FIFO, and a link
# case would be followed by the tools that copy cases).
GENERATED_CODES = {
    "file-too-large",
    "encoding",
    "too-deep",
    "too-many-items",
    "file-unreadable",
    "symlink",
    "not-a-file",
}


@pytest.mark.parametrize("name,data,expected", CASES, ids=[c[0] for c in CASES])
def test_generated_case(name, data, expected):
    report = Report()
    assert load(data, "f.yaml", report) is None
    assert [d.text() for d in report.sorted()] == expected


def test_bom_and_crlf_are_accepted():
    report = Report()
    doc = load(b"\xef\xbb\xbfid: iran\r\nname: Iran\r\n", "f.yaml", report)
    assert report.diagnostics == []
    assert [(k.value, v.value) for k, v in doc.root.value] == [("id", "iran"), ("name", "Iran")]


def test_values_keep_their_text():
    """YAML 1.1 would read these as false, 493, 3.1 and 80 (sexagesimal); we keep the text."""
    report = Report()
    doc = load(b"a: NO\nb: 0755\nc: 3.10\nd: 1:20\ne: 2021-03-03\n", "f.yaml", report)
    assert [v.value for _, v in doc.root.value] == ["NO", "0755", "3.10", "1:20", "2021-03-03"]
    assert [core_type(v) for _, v in doc.root.value] == ["str", "int", "float", "str", "str"]


def test_safe_load_would_have_hidden_these():
    """The reasons for our own loader, shown against PyYAML's safe_load."""
    text = "a: 1\na: 2\nb: NO\n"
    assert yaml.safe_load(text) == {"a": 2, "b": False}
    report = Report()
    assert load(text.encode(), "f.yaml", report) is None
    assert [d.code for d in report.diagnostics] == ["duplicate-key"]


def test_unreadable_file(base_copy, monkeypatch):
    """A file the system will not open (permissions; the tests run as root, who may read anything)."""
    from generator.content import validate

    real_open = os.open

    def refuse(path, flags, *args, **kwargs):
        if str(path).endswith("iran.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(validate.os, "open", refuse)
    report = Report()
    validate.check_content(base_copy / "content", report, base_copy)
    assert [d.text() for d in report.sorted()] == [
        "content/actors/iran.yaml:1:1: error[file-unreadable] cannot read the file (Permission denied)"
    ]
