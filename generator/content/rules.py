"""The cross-field rules: what a mapping's fields must say together, checked once each field is
typed (Obj's `rules`), and the part of each JSON Schema can express for the editor (`schema_rules`).
"""

from __future__ import annotations

from yaml.nodes import MappingNode

from .diagnostics import show
from .types import Ctx, filled
from .values import Fields
from .vocab import CONTESTED_ROLES


def end_after_start(start: str, end: str):
    def rule(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
        if start in values and end in values and values[end].latest() < values[start].sort_key():
            loc = values.locs[end]
            ctx.report.add(
                "date-order",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"the end {values[end].iso()} is before the start {values[start].iso()}",
                f"expected {end} on or after {start}",
            )

    return rule


def words_need_quote(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
    if "words" in values and "quote" not in values:
        loc = values.locs["words"]
        ctx.report.add(
            "words-without-quote",
            loc.file,
            loc.line,
            loc.col,
            f"{path}.words",
            "'words' says whose words a quote is, but the citation has no quote",
            "add the quote, or remove 'words'",
        )


def participant_rule(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
    if values.get("role") in CONTESTED_ROLES and "claim" not in values:
        loc = values.locs["role"]
        ctx.report.add(
            "contested-role",
            loc.file,
            loc.line,
            loc.col,
            f"{path}.role",
            f"the role {show(values['role'])} is an allegation, not a fact",
            "add 'claim:' with the id of the claim that alleges it",
        )
    elif values.get("role") not in CONTESTED_ROLES and "cite" not in values:
        ctx.report.add(
            "uncited",
            values.loc.file,
            values.loc.line,
            values.loc.col,
            path,
            "the participant has no citation",
            "add at least one source id under 'cite:'",
        )


# participant_rule for the editor: a contested role names its claim; any other role is cited.
PARTICIPANT_SCHEMA = {
    "if": {"properties": {"role": {"enum": sorted(CONTESTED_ROLES)}}, "required": ["role"]},
    "then": {
        **filled("claim"),
        "errorMessage": "This role is an allegation, not a fact: add 'claim:' with the id of the claim that alleges it.",
    },
    "else": filled("cite"),
}


def casualty_rule(values: Fields, node: MappingNode, path: str, ctx: Ctx) -> None:
    """A figure says what the source says: none reported is not a count, a death not by the violence says how."""

    def err(at: str | None, message: str, hint: str) -> None:
        loc = values.locs[at] if at else values.loc
        ctx.report.add("casualty-figure", loc.file, loc.line, loc.col, loc.path if at else path, message, hint)

    if values.get("reported") == "none":
        for name in ("count", "qualifier"):
            if name in values:
                err(
                    name,
                    f"the figure is reported as none, so it has no {show(name)}",
                    f"remove {show(name)}: none reported is not a count of zero",
                )
    else:
        if "count" not in values:
            err(
                None,
                "the casualty figure has no 'count'",
                "add 'count:', or write 'reported: none' when the source says none have been reported",
            )
        if "who" not in values:
            err(None, "the casualty figure does not say who", "add 'who:' as the source describes them")
    if values.get("kind") == "died" and "cause" not in values:
        err(
            "kind",
            "the figure says 'died' without a 'cause'",
            "add 'cause:' in the source's words, or use 'killed' if the violence killed them",
        )


# casualty_rule for the editor.
CASUALTY_SCHEMA = {
    "allOf": [
        {
            "if": {"properties": {"reported": {"const": "none"}}, "required": ["reported"]},
            "then": {
                "not": {"anyOf": [filled("count"), filled("qualifier")]},
                "errorMessage": "None reported is not a count of zero: remove 'count' and 'qualifier'.",
            },
            "else": filled("count", "who"),
        },
        {
            "if": {"properties": {"kind": {"const": "died"}}, "required": ["kind"]},
            "then": {**filled("cause"), "errorMessage": "Say how they died, in the source's words, under 'cause:'."},
        },
    ]
}
