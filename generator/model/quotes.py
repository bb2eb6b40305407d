"""Every quote must stand word for word in the archived text of the source it cites, and a quote
marked as the speaker's own words must stand inside quotation marks there."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from ..content.diagnostics import QuoteTally, Report, show
from .entities import Source

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u00a0": " ",
    }
)


def normalise(text: str) -> str:
    """Forgive what copying loses: whitespace runs, typographic quotes and dashes, Unicode forms."""
    if not text.isascii():  # ASCII text is already NFC and holds none of the characters above
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return " ".join(text.split())


_DOUBLE = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"'})
_DOUBLE_SPAN = re.compile(r'"([^"\n]*)"')
# ‘…’: the closing mark is not an apostrophe inside a word ("they’re").
_SINGLE_SPAN = re.compile(r"\u2018((?:[^\u2018\u2019\n]|\u2019(?=\w))*)\u2019(?!\w)")


def quoted_parts(text: str) -> tuple[str, ...]:
    """What a text puts inside quotation marks (“…”, "…", ‘…’), each part normalised."""
    text = unicodedata.normalize("NFC", text)
    parts = _DOUBLE_SPAN.findall(text.translate(_DOUBLE)) + _SINGLE_SPAN.findall(text)
    return tuple(normalise(p) for p in parts)


def verify_quotes(
    sources: Iterable[Source], archive: Path | None, report: Report, shown_archive: str | None, unresolved: int = 0
) -> QuoteTally:
    """Check every quote of every citation whose source resolved against that source's archived
    text, and count what could not be checked and why. `sources` may come from a model that did
    not link (other errors): a dangling reference elsewhere does not hide a wrong quote.
    `unresolved`: quotes whose citation names no valid source, counted as not checked."""
    sources = sorted(sources, key=lambda s: s.id)
    tally = QuoteTally(shown_archive if archive is not None else None, unresolved=unresolved)
    if archive is None:
        tally.no_archive = sum(1 for s in sources for use in s.uses if use.citation.quote)
        return tally
    texts: dict[str, str | None] = {}
    spoken: dict[str, tuple[str, ...]] = {}  # per source: only what it puts in quotation marks
    folder = os.fspath(archive)  # joined as strings: a Path per archived text is a tenth of this stage
    for source in sources:
        if source.archived_text is None:
            texts[source.id] = None
            continue
        name = source.archived_text
        path = os.path.join(folder, name)
        if "/" in name or "\\" in name or name.startswith(".") or not os.path.isfile(path):
            loc = source.locs["archived_text"]
            report.add(
                "archive-missing",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"no file {show(name)} in the archive folder {shown_archive}",
                "check the file name against the folder",
            )
            texts[source.id] = None
            continue
        with open(path, encoding="utf-8", errors="replace") as f:
            raw = f.read()
        texts[source.id] = normalise(raw)
        spoken[source.id] = quoted_parts(raw)
    for source in sources:
        for use in source.uses:
            c = use.citation
            if c.quote:
                _verify(c, source, texts.get(source.id), spoken.get(source.id, ()), report, tally)
    return tally


def _verify(c, source: Source, text: str | None, spoken: tuple[str, ...], report: Report, tally: QuoteTally) -> None:
    if text is None:
        if source.archived_text is None:
            tally.no_archived_text += 1
            _report(
                report,
                "quote-unverified",
                c,
                f"the quote cannot be checked: the source {show(source.id)} has no archived text",
                "add archived_text to the source",
            )
        else:
            tally.file_missing += 1  # reported once, at the source's archived_text
        return
    quote = normalise(c.quote)
    if quote not in text:
        tally.not_found += 1
        _report(
            report,
            "quote-mismatch",
            c,
            f"the quote {show(c.quote)} is not in the archived text of {show(source.id)}",
            "copy it word for word from the source",
        )
        return
    tally.found += 1
    if c.words == "speaker" and not any(quote in part for part in spoken):
        _report(
            report,
            "speaker-words-unquoted",
            c,
            f"{show(source.id)} does not put {show(c.quote)} in quotation marks, so it is not the speaker's own words there",
            "set 'words: reporter', or quote only the words inside the quotation marks",
        )


def _report(report: Report, code: str, c, message: str, hint: str) -> None:
    """A diagnostic at the citation's quote (its Loc made here: most quotes check out and never need one)."""
    loc = c.quote_loc
    report.add(code, loc.file, loc.line, loc.col, loc.path, message, hint)
