"""Located problems in content, and the three ways of reporting them.

Every stage of the pipeline reports into one `Report` instead of raising, so an
editor sees every problem in one run. The codes below are API: tests assert them,
CONTRIBUTING.md is generated from `CODES`, and CI annotations carry them.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

ERROR = "error"
WARNING = "warning"

# code -> (severity, what it means for an editor, how to fix it)
CODES: dict[str, tuple[str, str, str]] = {
    # Reading the file
    "file-unreadable": (ERROR, "The file could not be read from disk.", "Check the file's permissions."),
    "symlink": (
        ERROR,
        "A file or folder in content/ is a symbolic link. Commands read and write regular files only: a link "
        "could make them publish or overwrite a file elsewhere (a secret, a git hook).",
        "Replace the link with the file itself, or remove it.",
    ),
    "not-a-file": (
        ERROR,
        "An entry in content/ is a named pipe, a device or a socket, not a regular file: reading it could hang or never end.",
        "Remove it.",
    ),
    "file-too-large": (
        ERROR,
        "The file is larger than the generator accepts.",
        "Split the entity or shorten its text.",
    ),
    "encoding": (
        ERROR,
        "The file is not valid UTF-8 text.",
        "Save the file as UTF-8 (without odd bytes pasted from other programs).",
    ),
    "yaml-syntax": (
        ERROR,
        "The file is not valid YAML.",
        "Fix the syntax at the line shown; indent with spaces, never tabs.",
    ),
    "multiple-documents": (
        ERROR,
        "The file holds more than one YAML document (a `---` line in the middle).",
        "Keep one entity per file; remove the extra `---`.",
    ),
    "duplicate-key": (
        ERROR,
        "The same key appears twice in one mapping; YAML would silently keep only the last.",
        "Remove or rename one of the two keys.",
    ),
    "alias": (
        ERROR,
        "YAML anchors (`&name`) and aliases (`*name`) are not allowed.",
        "Write the value out in full where it is needed.",
    ),
    "tag": (ERROR, "YAML tags such as `!!python/object` are not allowed.", "Remove the tag; write plain values."),
    "bad-key": (ERROR, "A mapping key is not plain text.", "Use a field name from the documentation as the key."),
    "too-deep": (
        ERROR,
        "The file nests lists and mappings deeper than any entity needs.",
        "Flatten the structure to the documented shape.",
    ),
    "too-many-items": (
        ERROR,
        "A list holds more items than the generator accepts.",
        "Split the entity or remove items.",
    ),
    # Shape of an entity
    "not-a-mapping": (
        ERROR,
        "The file (or a list item) must be a mapping of field names to values.",
        "Start each field on its own line as `name: value`.",
    ),
    "missing-field": (ERROR, "A required field is absent, empty or null.", "Add the field with a value."),
    "unknown-field": (
        ERROR,
        "A field name is not part of the documented shape (often a typo).",
        "Use the suggested name or remove the field.",
    ),
    "wrong-type": (
        ERROR,
        "A value has the wrong type (text where a list is expected, a list where text is expected, ...).",
        "Write the value in the documented shape.",
    ),
    "bad-value": (ERROR, "A value is not one of the allowed choices.", "Use one of the listed values."),
    "bad-date": (
        ERROR,
        "A date is not a real date in the form YYYY, YYYY-MM or YYYY-MM-DD.",
        "Write the date as YYYY-MM-DD, or YYYY-MM / YYYY when the day or month is not known.",
    ),
    "date-order": (ERROR, "An end date is earlier than its start date.", "Swap or correct the dates."),
    "bad-url": (
        ERROR,
        "A URL is not a plain https:// address of a public site: user names, passwords, spaces, `localhost` "
        "and hosts written as numbers (127.0.0.1, 10.0.0.1, [::1]) are refused.",
        "Use the full https:// address by the site's name, as a reader would type it.",
    ),
    "bad-text": (
        ERROR,
        "Text contains invisible or direction-changing control characters, or characters no XML file may "
        "hold (Unicode noncharacters such as U+FFFE, which would break the sitemap and the diagram).",
        "Retype the text or paste it as plain text.",
    ),
    "blank-text": (
        ERROR,
        "Text shows nothing: it holds only characters that render blank (Hangul fillers, the braille blank, "
        "variation selectors, the combining grapheme joiner). A page would get an empty title.",
        "Write the text with visible letters.",
    ),
    "markup-in-title": (
        ERROR,
        "A name, alias, title, proposition or question holds '<' before a letter, '/', '!' or '?', which an "
        "HTML parser reads as the start of a tag. These texts become page titles in any engine or theme "
        "that builds the generated Markdown, and not every one escapes them.",
        "Write '<' with a space after it, or 'less than'.",
    ),
    "text-too-long": (ERROR, "A text value is longer than the generator accepts.", "Shorten the text."),
    "lookalike": (
        WARNING,
        "A name mixes letters from different scripts (for example a Cyrillic 'а' in a Latin name).",
        "Retype the name with letters from one script.",
    ),
    # Identity
    "bad-id": (
        ERROR,
        "An id is not a lowercase slug of letters, digits and single hyphens (at most 64 characters).",
        "Rename the file and its id to a slug such as `kataib-hezbollah`.",
    ),
    "reserved-id": (
        ERROR,
        "An id is a name the site or an operating system reserves: `index` (a section's own page) or a "
        "Windows device name such as `con`, `nul`, `aux`, `prn`, `com1` or `lpt1`.",
        "Choose a more specific id, such as `index-fund` or `con-edison`.",
    ),
    "confusable-id": (
        ERROR,
        "Two content files' names differ only by letter case or Unicode normalisation: on macOS and Windows "
        "they are the same file, and readers cannot tell them apart.",
        "Rename or remove one of them; ids are lowercase ASCII slugs.",
    ),
    "id-mismatch": (
        ERROR,
        "The `id` inside the file differs from the file name.",
        "Make the id and the file name (without .yaml) the same.",
    ),
    "duplicate-id": (ERROR, "Two entities share one id; ids are unique across all kinds.", "Rename one of them."),
    "misplaced-file": (
        ERROR,
        "A file lies outside the folders the generator reads (content/actors, events, claims, sources, and content/site.yaml).",
        "Move it into the folder of its kind, or remove it.",
    ),
    "same-looking": (
        ERROR,
        "A name, alias, title or proposition looks the same as another entity's but differs from it by "
        "characters that show nothing (format characters, fillers, variation selectors) or by "
        "compatibility forms (fullwidth letters): one entity could pass for another.",
        "Retype it with plain letters; if both are the same entity, keep one file.",
    ),
    "duplicate-proposition": (
        ERROR,
        "Two claims state the same proposition (up to case, spacing and punctuation): their stances would be "
        "split over two pages with two ratings.",
        "Keep one claim and move the other's stances to it.",
    ),
    "duplicate-name": (
        WARNING,
        "Two actors have the same name or alias up to case, spacing and punctuation, so readers cannot tell "
        "them apart. A warning, not an error: two people can share a name. (Events and sources may share "
        "titles: their pages show the date and the publisher.)",
        "Make the names distinguishable; if they are the same, keep one file (or, for actors, list each in the other's `same_as`).",
    ),
    # References and citations
    "dangling-ref": (
        ERROR,
        "A reference names an id that does not exist, or an entity of the wrong kind.",
        "Use the suggested id, or create the missing entity.",
    ),
    "bad-prose-ref": (ERROR, "A `[[...]]` reference in text is malformed.", "Write `[[id]]` or `[[id|shown text]]`."),
    "uncited": (ERROR, "A factual statement has no citation.", "Add `cite:` with at least one source id."),
    "relayed-uncited": (
        ERROR,
        "A source marked `access: relayed` is not in the `cites` list of any source that was read directly.",
        "Add it to the `cites` of the source that relays it, or mark it `access: direct`.",
    ),
    "via-not-cited": (
        ERROR,
        "A citation's `via` names a source that the cited source does not list in its `cites`.",
        "Add the source to the `cites` of the cited source, or correct `via`.",
    ),
    "self-cite": (
        ERROR,
        "A source lists itself in `cites`, or the reporting chain loops.",
        "Remove the loop from `cites`.",
    ),
    "same-as-self": (ERROR, "An actor lists itself in `same_as`.", "Remove its own id from `same_as`."),
    "casualty-figure": (
        ERROR,
        "A casualty figure's fields contradict each other: a count on a figure reported as none, no count or "
        "no 'who' on one that is not, or 'died' without a cause.",
        "Write what the source says: 'reported: none' without a count when no casualties have been reported, "
        "'cause:' for a death not caused by the violence.",
    ),
    "contested-role": (
        ERROR,
        "A contested role (such as perpetrator) is stated without pointing to the claim that alleges it.",
        "Add `claim:` naming the claim that carries the allegation.",
    ),
    # Quotes
    "quote-mismatch": (
        ERROR,
        "A quote does not appear word for word in the archived text of its source.",
        "Copy the quote exactly from the source (whitespace and curly quotes are forgiven).",
    ),
    "words-without-quote": (
        ERROR,
        "A citation says whose `words` its quote is, but has no `quote`.",
        "Add the quote, or remove `words`.",
    ),
    "speaker-words-unquoted": (
        ERROR,
        "A quote marked `words: speaker` does not stand inside quotation marks in the archived text: the "
        "source does not present it as the speaker's own words.",
        "Mark it `words: reporter` (the outlet's sentence), or quote only the words the source puts in quotation marks.",
    ),
    "quote-unverified": (
        WARNING,
        "A quote's source has no archived text, so the quote could not be checked.",
        "Add `archived_text:` to the source, or accept that the quote stays unverified.",
    ),
    "archive-missing": (
        ERROR,
        "A source's `archived_text` names a file that is not in the archive folder.",
        "Check the file name against the archive folder.",
    ),
    "direct-unarchived": (
        WARNING,
        "A source the editors read directly (`access: direct`) has no `archived_text`: no quote from it can "
        "be checked, and nothing shows what it said when it was read.",
        "Save its text in the quote archive and name the file in `archived_text:`.",
    ),
}


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


# Formatters ---------------------------------------------------------------------------


def format_text(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    lines = [d.text() for d in diags]
    n_err = sum(d.severity == ERROR for d in diags)
    n_warn = len(diags) - n_err
    lines.append(f"{n_err} error{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}")
    if quotes is not None:
        lines.append(quotes.sentence())
    return "\n".join(lines) + "\n"


def format_json(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    items = [{"severity": d.severity, **asdict(d)} for d in diags]
    doc = {"diagnostics": items, "errors": sum(d.severity == ERROR for d in diags)}
    if quotes is not None:
        doc["quotes"] = quotes.as_json()
    return json.dumps(doc, indent=2) + "\n"


def _gh_escape_data(text: str) -> str:
    # GitHub's own escaping rules for workflow commands: without them a newline in
    # editor text would start a new, forged command.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_property(text: str) -> str:
    return _gh_escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(diags: list[Diagnostic], quotes: QuoteTally | None = None) -> str:
    out = []
    for d in diags:
        title = _gh_escape_property(f"{d.code}")
        props = f"file={_gh_escape_property(d.file)},line={d.line},col={d.col},title={title}"
        where = f"{d.path}: " if d.path else ""
        hint = f"; {d.hint}" if d.hint else ""
        out.append(f"::{d.severity} {props}::{_gh_escape_data(where + d.message + hint)}")
    if quotes is not None:  # a warning while any quote went unchecked: it shows on the run's page
        level = "warning" if quotes.not_checked or quotes.archive is None else "notice"
        out.append(f"::{level} title=quotes::{_gh_escape_data(quotes.sentence())}")
    return "\n".join(out) + ("\n" if out else "")


FORMATTERS = {"text": format_text, "json": format_json, "github": format_github}
