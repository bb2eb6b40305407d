"""Writes rendered pages into an output folder, and nowhere else.

Every path is checked to stay inside the folder, whatever an id might contain. A file
whose bytes would not change is left alone (its mtime too), so a live-reloading server
sees only the pages an edit really changed. The folder is marked as ours, so stale pages
can be removed without touching a folder that belongs to someone else.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
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
    if (
        not isinstance(rel, str)
        or p.is_absolute()
        or not p.parts
        or rel != p.as_posix()
        or not all(_PART.match(part) and not _DEVICES.match(part) for part in p.parts)
    ):
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


def write_pages(pages: dict[str, str], out: Path, within: Path | None = None) -> list[str]:
    """Write pages; return the paths whose contents changed (added, modified or removed).

    No page is written through a link: not one inside `out`, nor `out` itself or a folder
    between `within` (the project, when the caller names it) and `out` (LinkRefused)."""
    out = Path(out)
    top = within if within is not None and Path(os.path.abspath(out)).is_relative_to(os.path.abspath(within)) else out
    refuse_links(out / MARKER, top)
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise NotOurs(f"{out} is not empty and was not written by explainer; choose an empty or new folder")
    root = out.resolve()  # once: resolving it for every page was half of writing 10,000 pages
    targets = {rel: safe_target(out, rel, root) for rel in pages}  # check every path before writing any
    out.mkdir(parents=True, exist_ok=True)
    write_file(out / MARKER, b"Written by `explainer render`; files here are replaced on every run.\n", top)
    changed = []
    folders: set[Path] = set()  # checked once each: 10,000 pages lie in a handful of folders
    for rel in targets:
        dest = out.joinpath(*PurePosixPath(rel).parts)
        data = pages[rel].encode("utf-8")
        if dest.parent not in folders:
            _refuse_linked_folders(dest, top)  # before mkdir, which would follow a linked folder
            folders.add(dest.parent)
        st = _target_stat(dest)
        if st is not None and st.st_size == len(data) and dest.read_bytes() == data:
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write(dest, data, st)
        changed.append(rel)
    wanted = set(targets.values())
    written = {PurePosixPath(rel).as_posix() for rel in pages}
    for path in sorted(out.rglob("*.md")):
        # A page's own path resolves to its target by construction: resolve only the others.
        if path.relative_to(out).as_posix() not in written and path.resolve() not in wanted:
            path.unlink()
            changed.append(path.relative_to(out).as_posix())
    return sorted(changed)


class LinkRefused(UnsafePath):
    """A write that would go through a symbolic link, or over something that is not a file."""


def write_file(target: Path, data: bytes, within: Path | None = None) -> None:
    """Put `data` at `target` through a fresh temporary file beside it, renamed over it.

    The one way every command writes. Never through a link: the temporary file has an
    unpredictable name and is created exclusively (O_EXCL, O_NOFOLLOW), so nothing planted
    in advance is opened; the rename replaces the target's directory entry, and a target
    that is a link (or not a regular file), or any folder between `within` and it that is
    a link, is refused with LinkRefused before anything is written. A reader never sees
    half a file. A file that is replaced keeps its permission bits; a new one gets 0o666
    less the umask, as any new file would.
    """
    target = Path(target)
    _refuse_linked_folders(target, within)
    _write(target, data, _target_stat(target))


def refuse_links(target: Path, within: Path | None) -> None:
    """LinkRefused if `target`, or a folder on the way to it from `within`, is a link or no file/folder."""
    _target_stat(target)
    _refuse_linked_folders(target, within)


def _target_stat(target: Path) -> os.stat_result | None:
    """The target's own status (None when there is none yet); LinkRefused for a link or a special file."""
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(st.st_mode):
        raise LinkRefused(f"refusing to write {target}: it is a symbolic link")
    if not stat.S_ISREG(st.st_mode):
        raise LinkRefused(f"refusing to write {target}: it is not a regular file")
    return st


def _refuse_linked_folders(target: Path, within: Path | None) -> None:
    """LinkRefused if a folder from `within` (default: the target's own folder) down to the target is a link."""
    parent = Path(os.path.abspath(target.parent))
    top = Path(os.path.abspath(within if within is not None else target.parent))
    if parent != top and not parent.is_relative_to(top):
        raise LinkRefused(f"refusing to write {target}: it lies outside {within}")
    for folder in [parent, *parent.parents]:
        try:
            st = os.lstat(folder)
        except FileNotFoundError:
            st = None
        if st is not None and stat.S_ISLNK(st.st_mode):
            raise LinkRefused(f"refusing to write {target}: the folder {_shown(folder)} is a symbolic link")
        if folder == top:
            break


def _write(target: Path, data: bytes, st: os.stat_result | None) -> None:
    """The write itself, once the target (status `st`) and its folders are checked."""
    tmp = target.parent / f".{target.name[:64]}.{secrets.token_hex(8)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            if st is not None and hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), stat.S_IMODE(st.st_mode))
            f.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_new(target: Path, data: bytes, within: Path | None = None) -> None:
    """Create `target` with `data`; FileExistsError if anything (a link included) is there.

    Created exclusively (O_EXCL never follows a link at the name), after the same check
    of the folders on the way as write_file."""
    target = Path(target)
    refuse_links(target, within)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(target, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
    except BaseException:
        os.unlink(target)
        raise


def project_for(path: Path, project: Path) -> Path | None:
    """`project` when `path` lies inside it (every folder between them is then checked for
    links), else None (only the target's own folder is)."""
    return project if Path(os.path.abspath(path)).is_relative_to(os.path.abspath(project)) else None


def _shown(path: Path) -> str:
    """A path in a message: relative to the working folder when it lies inside it."""
    here = os.getcwd()
    return os.path.relpath(path, here) if Path(path).is_relative_to(here) else str(path)
