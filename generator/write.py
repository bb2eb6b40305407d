"""Writes rendered pages into an output folder, and nowhere else.

Every path is checked to stay inside the folder, whatever an id might contain. A file
whose bytes would not change is left alone (its mtime too), so a live-reloading server
sees only the pages an edit really changed. The folder is marked as ours, so stale pages
can be removed without touching a folder that belongs to someone else.
"""

from __future__ import annotations

import os
import re
import secrets
from pathlib import Path, PurePosixPath

MARKER = ".explainer-generated"


class UnsafePath(ValueError):
    pass


class NotOurs(RuntimeError):
    pass


# A part of a page path: letters, digits, hyphens and underscores, then an optional
# extension. No backslash (a separator on Windows), colon (a drive or a stream), control
# character, leading dot or trailing dot or space (which Windows silently drops).
_PART = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9]+)?\Z")
# Device names on Windows, with or without an extension ("con.md" is the console too).
_DEVICES = re.compile(r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?\Z", re.IGNORECASE)


def check_page_path(rel: str) -> PurePosixPath:
    """A page path that stays inside any output folder on any system, or UnsafePath."""
    p = PurePosixPath(rel) if isinstance(rel, str) else PurePosixPath()
    if (not isinstance(rel, str) or p.is_absolute() or not p.parts or rel != p.as_posix()
            or not all(_PART.match(part) and not _DEVICES.match(part) for part in p.parts)):
        raise UnsafePath(f"refusing to write {rel!r}: not a plain path inside the output folder")
    return p


def safe_target(out: Path, rel: str, root: Path | None = None) -> Path:
    """The resolved file to write `rel` to; `root` is out.resolve(), when the caller has it."""
    p = check_page_path(rel)
    # Checked again on disk: a symbolic link inside the folder could point out of it.
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
    _replace(out / MARKER, "Written by `explainer render`; files here are replaced on every run.\n".encode("utf-8"))
    changed = []
    for rel, target in targets.items():
        data = pages[rel].encode("utf-8")
        try:
            if target.read_bytes() == data:
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, data)
        changed.append(rel)
    wanted = set(targets.values())
    written = {PurePosixPath(rel).as_posix() for rel in pages}
    for path in sorted(out.rglob("*.md")):
        # A page's own path resolves to its target by construction: resolve only the others.
        if path.relative_to(out).as_posix() not in written and path.resolve() not in wanted:
            path.unlink()
            changed.append(path.relative_to(out).as_posix())
    return sorted(changed)


def _replace(target: Path, data: bytes) -> None:
    """Write through a new temporary file, then rename it over the target: never through a
    link that was already there, and a reader never sees half a page."""
    tmp = target.parent / f".tmp-{os.getpid()}-{secrets.token_hex(6)}"
    # O_EXCL: a fresh file, never one (or a link) that was there; 0o666 less the umask, as any new file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        os.unlink(tmp)
        raise
