"""The package's stages import downwards only: content -> model -> site, and none of them
reaches the editors' tools or the edges (pipeline, cli, the MkDocs plugin). Read from the
source, so a lazy import inside a function counts as much as one at the top."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
STAGES = ["content", "model", "site"]  # in order; editors/ and the top-level edges may import any of them


def imports(path: Path, package: Path) -> list[tuple[int, str]]:
    """(line, dotted module inside the package) for each relative import in a module."""
    here = path.relative_to(package).parts[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(here[: len(here) - (node.level - 1)])
            target = base + (node.module.split(".") if node.module else [])
            if node.module is None:  # `from . import x`: each name is a module
                found += [(node.lineno, ".".join([*target, a.name])) for a in node.names]
            else:
                found.append((node.lineno, ".".join(target)))
    return found


def stage(dotted: str) -> int | None:
    first = dotted.split(".")[0]
    return STAGES.index(first) if first in STAGES else None


def layer_violations(package: Path = PACKAGE) -> list[str]:
    out = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package)
        own = stage(rel.parts[0]) if len(rel.parts) > 1 else None
        if own is None:
            continue
        for line, target in imports(path, package):
            theirs = stage(target)
            if theirs is None or theirs > own:
                out.append(f"generator/{rel.as_posix()}:{line}: imports {target}")
    return out


def test_stages_import_only_their_own_or_earlier_stages():
    assert layer_violations() == []


def test_the_check_sees_an_upward_import(tmp_path):
    """The check itself can fail: a site module in a copy of the package that imports an editors' tool."""
    copy = tmp_path / "generator"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    bad = copy / "site" / "history.py"
    bad.write_text(bad.read_text(encoding="utf-8") + "\n\ndef late():\n    from ..editors import changes\n")
    (problem,) = layer_violations(copy)
    assert problem.startswith("generator/site/history.py:") and problem.endswith(": imports editors")


def test_every_stage_has_modules():
    """An empty package would pass the first test; each stage holds the modules the README lists."""
    for name in STAGES:
        assert len(list((PACKAGE / name).glob("*.py"))) >= 4, name
