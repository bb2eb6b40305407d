"""What text, ids, dates and addresses may hold: the regular expressions the checks in types.py
run, and their ECMA-262 forms for the JSON Schema editors get (each tested against the check it
mirrors, in tests/test_jsonschema.py).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .hosts import host_problem, numeric

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ID_RE = re.compile(ID_PATTERN + r"\Z")
ID_MAX = 64

# Characters that make text look other than it is: zero-width and invisible formatting
# characters (soft hyphen, word joiners, Unicode tags that smuggle hidden ASCII),
# bidirectional marks and overrides, and C0/C1 controls except newline and tab.
_INVISIBLE_BMP = (
    "\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
)
# The same kind of character outside the Basic Multilingual Plane: shorthand format controls and
# musical formatting marks (invisible), and Unicode tags.
_INVISIBLE_ASTRAL = "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f"
# Characters that show nothing but have honest uses inside text, so they are allowed there:
# Hangul fillers (old Hangul syllables), the combining grapheme joiner, Khmer inherent vowels,
# Mongolian and standard variation selectors (emoji, CJK variants), the braille blank. Text made
# of nothing else renders blank (a page with an empty title), and two names that differ only by
# them look the same: both are errors (blank-text here, same-looking in generator/content/sameness.py).
BLANK_BMP = "\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180d\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
BLANK_CHARS = re.compile(f"[{BLANK_BMP}\U000e0100-\U000e01ef]")
SHOWS_SOMETHING = re.compile(f"[^\\s{BLANK_BMP}\U000e0100-\U000e01ef]")
# Characters no XML 1.0 file may hold (sitemap.xml, graph.svg: one of them and the file does
# not parse), beyond the controls above: lone surrogates, and the Unicode noncharacters
# U+FDD0 to U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE ...).
_NONCHARS_BMP = "\ufdd0-\ufdef\ufffe\uffff"
_NONCHARS_ASTRAL = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17))
NOT_XML = re.compile(f"[\ud800-\udfff{_NONCHARS_BMP}{_NONCHARS_ASTRAL}]")
BAD_CHARS = re.compile(f"[{_INVISIBLE_BMP}{_INVISIBLE_ASTRAL}\ud800-\udfff{_NONCHARS_BMP}{_NONCHARS_ASTRAL}]")

# `index` would replace a section's own page (actors/index.md); the others are device
# names on Windows, where a file called con.yaml or con.md cannot be created.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)


def _ecma(pattern: str) -> str:
    """A pattern with its invisible characters written as \\uXXXX, readable in JSON and valid ECMA-262."""
    return "".join(ch if " " <= ch <= "~" else f"\\u{ord(ch):04x}" for ch in pattern)


# The JSON Schema forms of the value rules below, for the editor (ECMA-262 regular expressions,
# as the YAML language server runs them). Each is tested against the Python check it mirrors.
# Unicode tag characters and the noncharacters at the end of the other planes lie outside the
# Basic Multilingual Plane, which a \uXXXX class cannot name without the regex 'u' flag the
# editor may not use; without it, a class of surrogates would refuse every emoji: the schema
# leaves these to `check`.
_BAD_SET = _ecma(_INVISIBLE_BMP + _NONCHARS_BMP)
TEXT_PATTERN = f"^(?=[\\s\\S]*[^\\s{_ecma(BLANK_BMP)}])[^{_BAD_SET}]*$"
_DAY = "(?:0[1-9]|1[0-9]|2[0-8])"
_LEAP = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
DATE_PATTERN = (
    "^(?:(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])|-(?:0[13578]|1[02])-(?:" + _DAY[3:-1] + "|29|30|31)"
    "|-(?:0[469]|11)-(?:" + _DAY[3:-1] + "|29|30)|-02-" + _DAY + ")?|" + _LEAP + "-02-29)$"
)
_URL_BAD = _BAD_SET + "\\s\\u00ad\\u061c\\u180e\\ufff9-\\ufffb"
_HOST_END = "\\.?(?::[^/?#]*)?(?:[/?#]|$)"
_NUMERIC_HOST = "(?:0[xX][0-9a-fA-F]*|[0-9]+)(?:\\.(?:0[xX][0-9a-fA-F]*|[0-9]+)){0,3}" + _HOST_END
_LOCALHOST = "(?:[^/?#:]*\\.)?[lL][oO][cC][aA][lL][hH][oO][sS][tT]" + _HOST_END
URL_PATTERN = (
    f"^[hH][tT][tT][pP][sS]://(?!\\[|{_NUMERIC_HOST}|{_LOCALHOST})"
    f"(?=[^/?#{_URL_BAD}]*\\.)[^/?#@{_URL_BAD}]+(?:[/?#][^{_URL_BAD}]*)?$"
)


# What an HTML parser reads as the start of a tag, a comment or a declaration: '<' before an ASCII
# letter, '/', '!' or '?'. Names and titles become page titles (<title>, the h1, front matter) in
# whatever engine and theme builds the Markdown `render` writes; our own theme escapes them, a
# stock one may not. So no such text reaches a title at all.
MARKUP = re.compile(r"<[A-Za-z/!?]")
MARKUP_FREE_PATTERN = "^(?![\\s\\S]*<[A-Za-z/!?])"


def scripts_of(text: str) -> set[str]:
    """The scripts of a text's letters, by Unicode name ('Latin', 'Cyrillic' ...)."""
    if text.isascii():  # most names; unicodedata.name for every letter is slow
        return {"Latin"} if any(ch.isalpha() for ch in text) else set()
    found = set()
    for ch in text:
        if ch.isalpha():
            script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
            found.add(script.capitalize())
    return found


def slugify(text: str) -> str:
    """An id made from a name: ASCII letters and digits, single hyphens, at most ID_MAX characters."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:ID_MAX].strip("-")


def bad_char(value: str) -> str | None:
    """The first character of `value` that BAD_CHARS matches, or None.

    Every such character is one str.isprintable refuses (tests/test_check_walk.py holds them to
    that), so text that is printable apart from its line breaks and tabs, which is most text, is
    cleared without the regular expression: a class with ranges beyond U+FFFF costs about 40 ns
    a character, isprintable 2."""
    if value.isprintable() or value.replace("\n", " ").replace("\t", " ").isprintable():
        return None
    bad = BAD_CHARS.search(value)
    return bad.group() if bad else None


def bad_char_message(ch: str) -> str:
    """Why `ch`, a character BAD_CHARS matched, may not stand in a text."""
    code = f"U+{ord(ch):04X}"
    if NOT_XML.match(ch):
        what = "a lone surrogate" if "\ud800" <= ch <= "\udfff" else "a Unicode noncharacter"
        return f"the text contains {code}, {what}, which no XML file (the sitemap, the diagram) may hold"
    return f"the text contains the invisible character {unicodedata.name(ch, code)} ({code})"


def url_problem(value: str) -> str:
    """Why `value` is not a public https address a reader may follow, or "" when it is one."""
    if not (value.isascii() and value.isprintable() and " " not in value):  # else none of these two
        if any(ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf") for ch in value):
            return "contains spaces or control characters"
        bad = NOT_XML.search(value)
        if bad:
            return f"contains U+{ord(bad.group()):04X}, which no XML file (the sitemap, the diagram) may hold"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "is not a valid URL"
    if parts.scheme != "https":
        return "is not an https:// URL"
    if "@" in parts.netloc:
        return "carries a user name or password"
    host = parts.hostname  # worked out anew on every read
    if host and numeric(host):
        return host_problem(host)
    if not host or "." not in host:
        return "has no public host name such as www.example.org"
    return host_problem(host)
