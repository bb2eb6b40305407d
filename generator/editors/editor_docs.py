"""The generated sections of CONTRIBUTING.md: every field (from schema.py) and every error code
(from diagnostics.CODES), so the editors' guide cannot drift from the code.

    python -m generator.editors.editor_docs            # rewrite the sections in CONTRIBUTING.md
    python -m generator.editors.editor_docs --check    # exit 1 when they are out of date (a test does this too)
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from ..content.diagnostics import CODES
from ..content.obj import Obj
from ..content.schema import CITATION, ENTITY_SPECS, SITE
from ..content.types import Enum
from ..site.write import UnsafePath, project_for, write_file
from .schema_export import NOT_IN_SCHEMA

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "CONTRIBUTING.md"
_SECTION = re.compile(
    r"(<!-- BEGIN GENERATED: (?P<name>[a-z-]+) -->\n)(?P<body>.*?)(<!-- END GENERATED: (?P=name) -->)", re.S
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(spec: Obj, prefix: str = "") -> list[str]:
    rows = []
    for f in spec.fields.values():
        path = f"{prefix}{f.name}"
        rows.append(f"| `{path}` | {'yes' if f.required else ''} | {_cell(f.doc)} | {_cell(f.type.describe())} |")
        inner = f.type.element()
        if isinstance(inner, Obj) and not inner.see:  # a mapping documented apart has its own table
            rows += _rows(inner, f"{path}[]." if inner is not f.type else f"{path}.")
    return rows


def _enum_meanings(spec: Obj) -> list[tuple[str, Enum]]:
    """(field name, its choices) for every field of `spec`, or of an object inside it, that
    holds one of a set of words or a list of them."""
    found: list[tuple[str, Enum]] = []
    for f in spec.fields.values():
        inner = f.type.element()
        if isinstance(inner, Enum):
            found.append((f.name, inner))
        elif isinstance(inner, Obj) and not inner.see:
            found += _enum_meanings(inner)
    return found


def fields_section() -> str:
    out = []
    specs = [(f"{spec.title}", f"content/{kind}/<id>.yaml", spec) for kind, spec in ENTITY_SPECS.items()]
    specs.append(("site", "content/site.yaml", SITE))
    head = "| field | required | what it holds | written as |\n| --- | --- | --- | --- |"
    for title, where, spec in specs:
        out.append(f"### {title.capitalize()}: `{where}`\n\n{spec.doc}\n\n{head}\n" + "\n".join(_rows(spec)) + "\n")
        meanings = _enum_meanings(spec)
        if meanings:
            out.append("What the values mean:\n")
            for name, enum in meanings:
                out.append(f"- `{name}`:")
                out += [f"  - `{k}`: {v}" for k, v in enum.choices.items()]
            out.append("")
    out.append(
        f"### Citations\n\n{CITATION.doc} A bare source id is the same as a mapping with only `source`.\n\n{head}\n"
        + "\n".join(_rows(CITATION))
        + "\n"
    )
    return "\n".join(out)


def codes_section() -> str:
    rows = ["| code | severity | what it means | how to fix it |", "| --- | --- | --- | --- |"]
    for code, (severity, meaning, fix) in CODES.items():
        rows.append(f"| `{code}` | {severity} | {_cell(meaning)} | {_cell(fix)} |")
    return "\n".join(rows) + "\n"


def limits_section() -> str:
    return (
        "\n".join(f"- {', '.join(f'`{c.strip()}`' for c in codes.split(','))}: {why}" for codes, why in NOT_IN_SCHEMA)
        + "\n"
    )


SECTIONS = {"fields": fields_section, "codes": codes_section, "schema-limits": limits_section}


def regenerate(text: str) -> str:
    found = set()

    def fill(m: re.Match) -> str:
        found.add(m.group("name"))
        return m.group(1) + "\n" + SECTIONS[m.group("name")]() + "\n" + m.group(4)

    out = _SECTION.sub(fill, text)
    missing = set(SECTIONS) - found
    if missing:
        raise ValueError(f"CONTRIBUTING.md lacks the generated sections {sorted(missing)}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.editors.editor_docs", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="exit 1 if the generated sections are out of date")
    parser.add_argument("file", nargs="?", type=Path, default=GUIDE)
    args = parser.parse_args(argv)
    text = args.file.read_text(encoding="utf-8")
    new = regenerate(text)
    if new == text:
        return 0
    if args.check:
        print(
            f"{args.file}: the generated sections are out of date; run `python -m generator.editors.editor_docs`",
            file=sys.stderr,
        )
        return 1
    try:
        write_file(args.file, new.encode("utf-8"), project_for(args.file, Path.cwd()))
    except (UnsafePath, OSError) as exc:
        print(f"python -m generator.editors.editor_docs: error: {exc}", file=sys.stderr)
        return 2
    print(f"updated the generated sections of {args.file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
