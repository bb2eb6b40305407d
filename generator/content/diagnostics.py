"""Located problems in content, collected.

Every stage of the pipeline reports into one `Report` instead of raising, so an
editor sees every problem in one run. The codes a diagnostic may carry are in codes.py
(API: tests assert them, CONTRIBUTING.md is generated from them, CI annotations carry
them); the output formats (text, GitHub, JSON) are in reporters.py. Both are named here
too, so `diagnostics.CODES` and `diagnostics.format_text` keep working.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .codes import CODES, ERROR, WARNING
from .reporters import FORMATTERS, format_github, format_json, format_text

__all__ = [
    "CODES",
    "ERROR",
    "FORMATTERS",
    "WARNING",
    "Diagnostic",
    "QuoteTally",
    "Report",
    "Suggester",
    "did_you_mean",
    "format_github",
    "format_json",
    "format_text",
    "quoted_list",
    "show",
    "visible",
]


@dataclass(frozen=True)
class Diagnostic:
    code: str
    file: str
    line: int
    col: int
    path: str  # dotted key path inside the file, e.g. "stances[1].position"; "" for the whole file
    message: str
    hint: str = ""

    @property
    def severity(self) -> str:
        return CODES[self.code][0]

    def text(self) -> str:
        where = f"{self.path}: " if self.path else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{self.file}:{self.line}:{self.col}: {self.severity}[{self.code}] {where}{self.message}{hint}"

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.col, self.code, self.message)


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' * (count != 1)}"


@dataclass
class QuoteTally:
    """How many quotes the check compared with their sources' archived texts, and why the others
    were not: so that verification can never be off without the output saying so."""

    archive: str | None  # the archive folder as shown to the editor; None when none is configured
    found: int = 0  # checked, and found word for word
    not_found: int = 0  # checked, and not in the archived text (a quote-mismatch error each)
    no_archive: int = 0  # not checked: no archive configured
    no_archived_text: int = 0  # not checked: the source names no archived_text
    file_missing: int = 0  # not checked: the named file is not in the archive
    unresolved: int = 0  # not checked: the citation's source does not exist or has errors

    @property
    def checked(self) -> int:
        return self.found + self.not_found

    @property
    def not_checked(self) -> int:
        return self.no_archive + self.no_archived_text + self.file_missing + self.unresolved

    def sentence(self) -> str:
        """One line, the same in every output format."""
        if self.archive is None:
            return (
                f"quotes: 0 checked, {self.not_checked} not checked: no archive configured "
                "(set --archive or EXPLAINER_ARCHIVE to the folder of archived source texts)"
            )
        head = f"quotes: {self.checked} checked against the archive '{self.archive}'"
        if self.checked:
            head += f" ({self.found} found word for word, {self.not_found} not)"
        reasons = [
            f"{_n(n, 'quote')} {why}"
            for n, why in (
                (self.no_archived_text, "whose source has no archived_text"),
                (self.file_missing, "whose source's archived file is missing"),
                (self.unresolved, "whose source does not exist or has errors"),
            )
            if n
        ]
        return head + f", {self.not_checked} not checked" + (": " + ", ".join(reasons) if reasons else "")

    def as_json(self) -> dict:
        return {
            "archive": self.archive,
            "checked": self.checked,
            "found": self.found,
            "not_found": self.not_found,
            "not_checked": {
                "no-archive": self.no_archive,
                "no-archived-text": self.no_archived_text,
                "archive-file-missing": self.file_missing,
                "source-unresolved": self.unresolved,
            },
        }


@dataclass
class Report:
    """Collects diagnostics from every stage; never stops at the first."""

    diagnostics: list[Diagnostic] = field(default_factory=list)
    quotes: QuoteTally | None = None  # set by the quote stage (generator/model/quotes.py)

    def add(self, code: str, file: str, line: int, col: int, path: str, message: str, hint: str = "") -> None:
        if code not in CODES:  # a programming error, not a content error
            raise KeyError(f"unknown diagnostic code {code!r}")
        # File names and key paths come from the editor untouched; a line break in one would
        # start a forged line (and a forged CI annotation) in every output format.
        file, path, message, hint = (visible(s) for s in (file, path, message, hint))
        self.diagnostics.append(Diagnostic(code, file, line, col, path, message, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.diagnostics.extend(other)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == WARNING]

    def sorted(self) -> list[Diagnostic]:
        # One problem found twice (say by two passes) is reported once.
        return sorted(set(self.diagnostics), key=Diagnostic.sort_key)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest choice, or "" when nothing is close."""
    match = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{match[0]}'?" if match else ""


class Suggester:
    """did_you_mean over one fixed, possibly large set of choices (every id of a kind), for many
    words: a dangling reference costs about the same at 100 entities as at 10,000.

    Choices are indexed by their three-letter pieces. For a word, only the choices sharing the
    most pieces with it (at most SHORTLIST, found through its rarest pieces, at most POSTINGS
    postings read) go to difflib, which picks as did_you_mean does. A set of at most SHORTLIST
    choices goes to difflib whole, so small sets get exactly did_you_mean's answer."""

    SHORTLIST = 40
    POSTINGS = 4000

    def __init__(self, choices: Iterable[str]):
        self.choices = sorted(set(choices))
        self.index: dict[str, list[int]] = {}
        if len(self.choices) > self.SHORTLIST:
            for i, choice in enumerate(self.choices):
                for gram in _grams(choice):
                    self.index.setdefault(gram, []).append(i)

    def __call__(self, word: str) -> str:
        if len(self.choices) <= self.SHORTLIST:
            return did_you_mean(word, self.choices)
        postings = sorted((self.index[g] for g in _grams(word) if g in self.index), key=len)
        counts: Counter[int] = Counter()
        budget = self.POSTINGS
        for plist in postings:
            if len(plist) > budget:
                break
            counts.update(plist)
            budget -= len(plist)
        shortlist = [self.choices[i] for i, _ in counts.most_common(self.SHORTLIST)]
        return did_you_mean(word, shortlist)


def _grams(text: str) -> set[str]:
    padded = f"\0{text}\0"
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def quoted_list(choices: Iterable[str]) -> str:
    return ", ".join(f"'{c}'" for c in choices)


_INVISIBLE = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ud800-\udfff\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def visible(text: str) -> str:
    """Text with line breaks, control and direction-changing characters written as escapes
    (and the stand-ins Python uses for file-name bytes that are not UTF-8)."""
    return _INVISIBLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def show(value: str, limit: int = 60) -> str:
    """An editor's value inside a message: quoted, one line, control characters visible, bounded."""
    text = value.encode("unicode_escape").decode("ascii") if not value.isprintable() else value
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return f"'{text}'"
