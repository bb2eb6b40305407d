"""Writes rendered pages into an output folder, and nowhere else.

Every path is checked to stay inside the folder, whatever an id might contain. A file
whose bytes would not change is left alone (its mtime too), so a live-reloading server
sees only the pages an edit really changed. The folder is marked as ours, so stale pages
can be removed without touching a folder that belongs to someone else.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath

MARKER = ".explainer-generated"


class UnsafePath(ValueError):
    pass


class NotOurs(RuntimeError):
    pass


def safe_target(out: Path, rel: str, root: Path | None = None) -> Path:
    """The resolved file to write `rel` to; `root` is out.resolve(), when the caller has it."""
    p = PurePosixPath(rel)
    if p.is_absolute() or ".." in p.parts or not p.parts or any(part.startswith(".") for part in p.parts):
        raise UnsafePath(f"refusing to write {rel!r}: not a plain path inside the output folder")
    target = (out / Path(*p.parts)).resolve()
    if not target.is_relative_to(root or out.resolve()):
        raise UnsafePath(f"refusing to write {rel!r}: it resolves outside {out}")
    return target


def write_pages(pages: dict[str, str], out: Path) -> list[str]:
    """Write pages; return the paths whose contents changed (added, modified or removed)."""
    out = Path(out)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise NotOurs(f"{out} is not empty and was not written by explainer; choose an empty or new folder")
    root = out.resolve()  # once: resolving it for every page was half of writing 10,000 pages
    targets = {rel: safe_target(out, rel, root) for rel in pages}  # check every path before writing any
    out.mkdir(parents=True, exist_ok=True)
    (out / MARKER).write_text("Written by `explainer render`; files here are replaced on every run.\n", encoding="utf-8")
    changed = []
    for rel, target in targets.items():
        data = pages[rel].encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        changed.append(rel)
    wanted = set(targets.values())
    written = {PurePosixPath(rel).as_posix() for rel in pages}
    for path in sorted(out.rglob("*.md")):
        # A page's own path resolves to its target by construction: resolve only the others.
        if path.relative_to(out).as_posix() not in written and path.resolve() not in wanted:
            path.unlink()
            changed.append(path.relative_to(out).as_posix())
    return sorted(changed)
