"""The types of written text: one-line or multi-line text (Text), names and titles (Name), and
prose with links (ProseType): paragraphs in which [[id]] or [[id|shown text]] names another
entity, every broken or stray bracket reported with the words around it.
"""

from __future__ import annotations

import re
import unicodedata

from yaml.nodes import ScalarNode

from .diagnostics import show
from .patterns import (
    BLANK_CHARS,
    ID_RE,
    MARKUP,
    MARKUP_FREE_PATTERN,
    SHOWS_SOMETHING,
    TEXT_PATTERN,
    bad_char,
    bad_char_message,
    scripts_of,
)
from .types import Invalid, Type
from .values import Prose, ProseRef


class Text(Type):
    label = "text"

    def __init__(self, max_len: int = 300, multiline: bool = False):
        self.max_len = max_len
        self.multiline = multiline

    def check(self, node, path, ctx):
        if node.__class__ is not ScalarNode:
            self._not_scalar(node, path, ctx)
        value = node.value
        if not self.multiline:
            value = " ".join(value.split())  # a folded or wrapped one-line value
        else:
            value = value.strip()
        if value and len(value) <= self.max_len and bad_char(value) is None:
            if value.isascii() or SHOWS_SOMETHING.search(value):
                return value  # most text: _problem would find none of its problems
        problem = self._problem(value)
        if problem:
            code, message, hint = problem
            ctx.error(code, node, path, message, hint)
            raise Invalid
        return value

    def _problem(self, value: str) -> tuple[str, str, str] | None:
        """(code, message, hint) when `value`, stripped, cannot stand as this text."""
        bad = bad_char(value)
        if bad:
            return "bad-text", bad_char_message(bad), "retype the text or paste it as plain text"
        if not value:  # only spaces that YAML does not trim, such as no-break spaces
            return "missing-field", "the text is empty: it holds only spaces", "write the text, or remove the field"
        if not value.isascii() and not SHOWS_SOMETHING.search(value):
            found = BLANK_CHARS.search(value)
            # Stripped and not empty, yet nothing shows: its first character is a blank one.
            assert found is not None, "a stripped text that shows nothing starts with a blank character"
            blank = found.group()
            code = f"U+{ord(blank):04X}"
            return (
                "blank-text",
                f"the text shows nothing: it holds only blank characters such as "
                f"{unicodedata.name(blank, code)} ({code})",
                "write the text with visible letters",
            )
        if len(value) > self.max_len:
            return "text-too-long", f"the text has {len(value):,} characters", f"expected at most {self.max_len:,}"
        return None

    def describe(self):
        return f"text, at most {self.max_len:,} characters"

    def json_schema(self):
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_len,
            "pattern": TEXT_PATTERN,
            "patternErrorMessage": "Write some text, without invisible or direction-changing characters.",
        }


class Name(Text):
    """A name or title: one line, its letters from one script, and nothing an HTML parser reads as a tag."""

    def check(self, node, path, ctx):
        value = super().check(node, path, ctx)
        markup = MARKUP.search(value)
        if markup:
            ctx.error(
                "markup-in-title",
                node,
                path,
                f"{show(markup.group())} at character {markup.start() + 1} would start an HTML tag in a page title",
                "write '<' with a space after it, or 'less than'; names and titles are plain text",
            )
            raise Invalid
        scripts = set() if value.isascii() else scripts_of(value)  # ASCII letters are all Latin
        if len(scripts) > 1:
            ctx.error(
                "lookalike",
                node,
                path,
                f"{show(value)} mixes {' and '.join(sorted(scripts))} letters",
                "retype it with letters from one script",
            )
        return value

    def describe(self):
        return f"text on one line, at most {self.max_len:,} characters"

    def json_schema(self):
        schema = super().json_schema()
        schema["pattern"] = MARKUP_FREE_PATTERN + schema["pattern"].removeprefix("^")
        schema["patternErrorMessage"] = (
            "Write some text, without invisible or direction-changing characters, "
            "and without '<' before a letter, '/', '!' or '?'."
        )
        return schema


_PROSE_REF = re.compile(r"\[\[([^\[\]|]*)(?:\|([^\[\]]*))?\]\]")


class ProseType(Type):
    label = "text"

    def __init__(self, max_len: int = 4000):
        self.text = Text(max_len=max_len, multiline=True)

    def check(self, node, path, ctx):
        raw = self.text.check(node, path, ctx)
        paragraphs = []
        for block in re.split(r"\n[ \t]*\n", raw):
            block = " ".join(block.split())
            if not block:
                continue
            _stray_brackets(block, node, path, ctx)
            segments: list[str | ProseRef] = []
            at = 0
            for m in _PROSE_REF.finditer(block):
                if m.start() > at:
                    segments.append(block[at : m.start()])
                ref_id, label = m.group(1).strip(), m.group(2)
                if not ID_RE.match(ref_id):
                    ctx.error(
                        "bad-prose-ref",
                        node,
                        path,
                        f"the reference {show(m.group(0))} does not name an id",
                        "write [[id]] or [[id|shown text]]",
                    )
                    raise Invalid
                if label is not None and not label.strip():
                    ctx.error(
                        "bad-prose-ref",
                        node,
                        path,
                        f"the reference {show(m.group(0))} has empty shown text",
                        "write [[id|shown text]] or [[id]]",
                    )
                    raise Invalid
                segments.append(ProseRef(ref_id, label.strip() if label else None, ctx.file, node.start_mark, path))
                at = m.end()
            rest = block[at:]
            if rest:
                segments.append(rest)
            paragraphs.append(tuple(segments))
        if not paragraphs:
            ctx.error("missing-field", node, path, "the text is empty")
            raise Invalid
        return Prose(tuple(paragraphs))

    def describe(self):
        return (
            f"text, at most {self.text.max_len:,} characters; `[[id]]` or `[[id|shown text]]` links to another entity"
        )

    def json_schema(self):
        return self.text.json_schema()


_STRAY = re.compile(r"\[\[|\]\]")


def _stray_brackets(block: str, node, path: str, ctx) -> None:
    """Every '[[' or ']]' outside a complete reference is an error, each reported with the words
    around it: one broken reference must not hide behind a good one after it."""
    spans = [m.span() for m in _PROSE_REF.finditer(block)]
    stray, i = [], 0
    for m in _STRAY.finditer(block):
        while i < len(spans) and spans[i][1] <= m.start():
            i += 1
        if not (i < len(spans) and spans[i][0] <= m.start() < spans[i][1]):
            stray.append(m)
    for m in stray:
        before, after = block[max(0, m.start() - 20) : m.start()], block[m.end() : m.end() + 20]
        ctx.error(
            "bad-prose-ref",
            node,
            path,
            f"the {show(m.group())} in {show(before + m.group() + after)} is not part of a complete reference",
            "write [[id]] or [[id|shown text]]",
        )
    if stray:
        raise Invalid
