"""The diagnostic codes: each one's severity, what it means for an editor and how to fix it.

The codes are API: tests assert them, CONTRIBUTING.md's list of error codes is generated from
`CODES` (editors/editor_docs.py), and CI annotations carry them. diagnostics.Report accepts no
code that is not here.
"""

from __future__ import annotations

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
