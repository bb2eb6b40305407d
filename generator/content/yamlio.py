"""The one YAML loader every command uses.

libyaml composes the file into nodes (with line and column marks and the raw text of
every scalar); nothing is constructed into Python objects here. Values are typed later
by the schema, the way YAML 1.2 would type them, so `NO` stays the text "NO" in a
text field instead of becoming false. What PyYAML's safe_load lets through silently is
an error here: duplicate keys, anchors and aliases (and with them alias bombs), tags,
several documents, non-text keys, and nesting deep enough to crash the C composer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Report, show

STR_TAG = "tag:yaml.org,2002:str"
MERGE_TAG = "tag:yaml.org,2002:merge"
# The plain scalars PyYAML's resolver gives a tag outside STD_TAGS (below): the merge key, the
# 'value' key '=', and the 'yaml' tags of '!', '&', '*'.
_OTHER_IMPLICIT = {
    "<<": MERGE_TAG,
    "=": "tag:yaml.org,2002:value",
    "!": "tag:yaml.org,2002:yaml",
    "&": "tag:yaml.org,2002:yaml",
    "*": "tag:yaml.org,2002:yaml",
}

_Loader: type
try:
    from yaml._yaml import CParser

    class _Composer(CParser):
        """libyaml's composer, with a resolver for what the tags are used for here.

        PyYAML's resolver runs a Python regular expression for every untagged scalar to find the
        tag YAML 1.1 would give it (int, bool, timestamp ...): a fifth of the check time. No tag
        of a scalar without one is read (core_type types values as YAML 1.2 does); only whether
        the tag is one of STD_TAGS, and the merge key's. So every scalar is text here, except the
        few plain ones PyYAML tags outside STD_TAGS: the same nodes are rejected as with its
        resolver (tests/test_loader_generated.py holds the two to that)."""

        def resolve(self, kind: type, value: str | None, implicit: tuple[bool, bool]) -> str:
            if kind is ScalarNode:
                # A scalar node's value is text; the signature is PyYAML's, for every kind of node.
                return _OTHER_IMPLICIT.get(value, STR_TAG) if implicit[0] else STR_TAG  # type: ignore[arg-type]
            return "tag:yaml.org,2002:seq" if kind is SequenceNode else "tag:yaml.org,2002:map"

        # The composer tells the resolver where it is, for path-dependent tags; there are none.
        def descend_resolver(self, parent: Node | None, index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    _Loader = _Composer
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 24
MAX_ITEMS = 2_000
# libyaml's composer recurses in C and crashes somewhere past 20,000 levels. A file with
# fewer structural characters than this cannot nest that deep, so only such files pay
# for the exact depth scan below.
_DEPTH_SCAN_THRESHOLD = 2_000

STD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

# YAML 1.2 core schema, applied to plain (unquoted) scalars only.
_NULL = re.compile(r"(?:null|Null|NULL|~|)\Z")
_BOOL = re.compile(r"(?:true|True|TRUE|false|False|FALSE)\Z")
_INT = re.compile(r"(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)\Z")
_NON_STR_START = frozenset("~nNtTfF+-.0123456789")
_FLOAT = re.compile(
    r"(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))\Z"
)


def pos(node: Node) -> tuple[int, int]:
    """1-based line and column of a node's first character."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def is_plain(node: ScalarNode) -> bool:
    return node.style in (None, "")


def core_type(node: ScalarNode) -> str:
    """How YAML 1.2's core schema would type this scalar: str, null, bool, int or float."""
    if not is_plain(node):
        return "str"
    value = node.value
    # Most plain scalars are words: none of the patterns below can match a value that
    # starts with anything else, and this runs for every key and value of every file.
    if value and value[0] not in _NON_STR_START:
        return "str"
    if _NULL.match(value):
        return "null"
    if _BOOL.match(value):
        return "bool"
    if _INT.match(value):
        return "int"
    if _FLOAT.match(value):
        return "float"
    return "str"


@dataclass(frozen=True)
class Document:
    file: str  # as shown in messages: relative to the project, forward slashes
    root: Node
    text: str


class Unsafe(Exception):
    """Raised by a walk over a composed tree that meets something tree_ok rejects; the caller
    then lets tree_ok report it (see validate.py)."""


def load(data: bytes, file: str, report: Report) -> Document | None:
    """Parse one file and reject what no content may hold. Returns None (with diagnostics in
    `report`) when it cannot be used."""
    doc = compose(data, file, report)
    if doc is None or not tree_ok(doc.root, file, report):
        return None
    return doc


def tree_ok(root: Node, file: str, report: Report) -> bool:
    """Report everything in the tree no content file may hold: tags, keys that are not names,
    duplicate keys, the merge key, nesting past MAX_DEPTH, more than MAX_ITEMS. True when none."""
    before = len(report.diagnostics)
    _check_tree(root, file, report, depth=0)
    return len(report.diagnostics) == before


def compose(data: bytes, file: str, report: Report) -> Document | None:
    """Parse one file into nodes, rejecting what the parse itself shows (size, encoding, syntax,
    several documents, anchors and aliases, nesting deep enough to crash libyaml), but without
    walking the tree: a caller that walks it anyway checks what tree_ok would on the way and
    calls tree_ok only when it meets a problem (validate.py), so a file's nodes are walked once.
    Returns None (with diagnostics in `report`) when it cannot be used."""
    if len(data) > MAX_BYTES:
        report.add(
            "file-too-large", file, 1, 1, "", f"the file has {len(data):,} bytes", f"expected at most {MAX_BYTES:,}"
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = _line_col(data[: exc.start].decode("utf-8", "replace"))
        report.add(
            "encoding",
            file,
            line,
            col,
            "",
            f"byte 0x{data[exc.start]:02x} is not valid UTF-8",
            "save the file as UTF-8",
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark from a Windows editor carries no meaning

    if _may_nest_deeply(text) and not _depth_ok(text, file, report):
        return None
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.composer.ComposerError as exc:
        if exc.problem and "another document" in exc.problem:
            line, col = _position(exc.problem_mark)
            report.add(
                "multiple-documents",
                file,
                line,
                col,
                "",
                "a second YAML document starts here",
                "keep one entity per file",
            )
            return None
        _syntax_error(exc, file, report, text)
        return None
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, file, report, text)
        return None
    except yaml.YAMLError as exc:  # reader errors (control characters) carry a position too
        line, col = _reader_position(exc, text)
        report.add("yaml-syntax", file, line, col, "", _first_line(str(exc)))
        return None
    if root is None:
        report.add("not-a-mapping", file, 1, 1, "", "the file is empty", "expected a mapping of field names to values")
        return None
    if ("&" in text or "*" in text) and not _no_anchors(text, file, report):
        return None
    return Document(file, root, text)


# --- helpers ---------------------------------------------------------------------------


def _line_col(prefix: str) -> tuple[int, int]:
    line = prefix.count("\n") + 1
    col = len(prefix) - (prefix.rfind("\n") + 1) + 1
    return line, col


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "invalid YAML"


def _syntax_error(exc: yaml.MarkedYAMLError, file: str, report: Report, text: str) -> None:
    mark = exc.problem_mark or exc.context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = exc.problem or "invalid YAML"
    at = mark.index if mark else -1
    context = exc.context or ""
    opened = exc.context_mark
    if "\t" in problem or (0 <= at < len(text) and text[at] == "\t"):
        message, hint = "a tab character is used for indentation", "indent with spaces"
    elif "quoted scalar" in context and "end of stream" in problem and opened is not None:
        # libyaml points at the end of the file; the editor needs the quote that was left open.
        line, col = opened.line + 1, opened.column + 1
        message, hint = "the quoted text that starts here is never closed", "end it with the same quote mark"
    elif "flow sequence" in context or "flow mapping" in context:
        bracket = "]" if "sequence" in context else "}"
        message = problem
        hint = (
            f"the {'list' if bracket == ']' else 'mapping'} opened on line {opened.line + 1}, column "
            f"{opened.column + 1} needs a ',' between items and a closing '{bracket}'"
            if opened
            else ""
        )
    elif "mapping values are not allowed" in problem:
        message, hint = (
            "a ': ' where no field can start",
            "put a value that contains ': ' in quotes, or check this line's indentation",
        )
    else:
        message = problem
        hint = context
    report.add("yaml-syntax", file, line, col, "", message, hint)
    return None


def _reader_position(exc: yaml.YAMLError, text: str) -> tuple[int, int]:
    position = getattr(exc, "position", None)
    if isinstance(position, int):
        return _line_col(text[:position])
    return 1, 1


class _Mark(Protocol):
    """Where PyYAML saw something (yaml.error.Mark, or libyaml's yaml._yaml.Mark), 0-based."""

    line: int
    column: int


def _position(mark: _Mark | None) -> tuple[int, int]:
    """The 1-based line and column of a mark PyYAML always sets here: on every parser event,
    and on a composer error's problem."""
    assert mark is not None, "PyYAML marks every event and composer problem with its position"
    return mark.line + 1, mark.column + 1


def _may_nest_deeply(text: str) -> bool:
    if len(text) <= _DEPTH_SCAN_THRESHOLD:  # too short to hold that many structural characters: most files
        return False
    structural = text.count("[") + text.count("{") + text.count("-") + text.count(":") + text.count("?")
    return structural > _DEPTH_SCAN_THRESHOLD


def _depth_ok(text: str, file: str, report: Report) -> bool:
    """Walk libyaml's event stream (iterative, no recursion) to find the nesting depth."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line, col = _position(event.start_mark)
                    report.add(
                        "too-deep",
                        file,
                        line,
                        col,
                        "",
                        f"values nest more than {MAX_DEPTH} levels deep",
                        "flatten the structure",
                    )
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        pass  # compose reports the syntax error with its position
    return True


def _no_anchors(text: str, file: str, report: Report) -> bool:
    """Report the first anchor or alias, with a count: a bomb holds hundreds."""
    first: yaml.NodeEvent | None = None
    anchors = aliases = 0
    for event in yaml.parse(text, Loader=_Loader):
        if not isinstance(event, yaml.NodeEvent):  # only node events (scalars, collections, aliases) have anchors
            continue
        if isinstance(event, yaml.AliasEvent):
            aliases += 1
        elif event.anchor:
            anchors += 1
        else:
            continue
        if first is None:
            first = event
    if first is None:
        return True
    what = f"alias '*{first.anchor}'" if isinstance(first, yaml.AliasEvent) else f"anchor '&{first.anchor}'"
    counts = f"{anchors} anchor{'s' * (anchors != 1)} and {aliases} alias{'es' * (aliases != 1)} in this file"
    line, col = _position(first.start_mark)
    report.add("alias", file, line, col, "", f"{what} is not allowed ({counts})", "write the value out in full")
    return False


def _check_tree(node: Node, file: str, report: Report, depth: int) -> None:
    """Report everything in the tree no content file may hold (see _node_problem and _key_problem),
    depth first; a node with a problem is not entered."""
    problem = _node_problem(node, depth)
    if problem:
        _add(report, file, node, problem)
        return
    if isinstance(node, SequenceNode):
        for item in node.value:
            _check_tree(item, file, report, depth + 1)
    elif isinstance(node, MappingNode):
        seen: dict[str, ScalarNode] = {}
        for key, value in node.value:
            problem = _key_problem(key, seen)
            if problem:
                _add(report, file, key, problem)
                continue
            seen[key.value] = key
            _check_tree(value, file, report, depth + 1)


Problem = tuple[str, str, str]  # code, message, hint


def _add(report: Report, file: str, node: Node, problem: Problem) -> None:
    code, message, hint = problem
    line, col = pos(node)
    report.add(code, file, line, col, "", message, hint)


def _node_problem(node: Node, depth: int) -> Problem | None:
    """Nesting past MAX_DEPTH, a tag, or a list or mapping of more than MAX_ITEMS."""
    if depth > MAX_DEPTH:
        return "too-deep", f"values nest more than {MAX_DEPTH} levels deep", "flatten the structure"
    if node.tag not in STD_TAGS:
        tag = show(node.tag.replace("tag:yaml.org,2002:", "!!"))
        return "tag", f"the tag {tag} is not allowed", "remove the tag"
    if isinstance(node, ScalarNode) or len(node.value) <= MAX_ITEMS:
        return None
    count = f"the list has {len(node.value):,} items" if isinstance(node, SequenceNode) else None
    return (
        "too-many-items",
        count or f"the mapping has {len(node.value):,} keys",
        f"expected at most {MAX_ITEMS:,}",
    )


def _key_problem(key: Node, seen: dict[str, ScalarNode]) -> Problem | None:
    """A merge key, a key that is not a name, or one `seen` already in the same mapping."""
    if key.tag == MERGE_TAG:
        return "alias", "the merge key '<<' is not allowed", "write the fields out in full"
    if not isinstance(key, ScalarNode):
        return "bad-key", "a key must be a plain name, not a list or mapping", "use a documented field name"
    typed = core_type(key)
    if typed != "str":
        return "bad-key", f"the key {show(key.value)} is read as {typed}, not as a name", "use a documented field name"
    if key.value in seen:
        first = seen[key.value].start_mark.line + 1
        return "duplicate-key", f"the key {show(key.value)} appears again (first on line {first})", "remove one of them"
    return None
