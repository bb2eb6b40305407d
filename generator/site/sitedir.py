"""Where `explainer build` puts the site: beside it first, then in its place.

MkDocs empties its site_dir before it knows whether the build will succeed, so the site is
built into a fresh staging folder beside it (.<site>.<pid>.<random>.building) and swapped in
only on success. The swap takes only a folder that is recognisably a previous build (missing,
empty, or marked as `render` marks its output); on Linux it exchanges the two folders in one
step, so a complete site is in place at every instant. A staging folder left by a killed
build (its process is gone) is removed by the next build.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from .write import MARKER, write_file

MARK = b"Written by `explainer build`; the next build replaces this whole folder.\n"


def display(path: Path) -> str:
    """A path in a message: relative to the working folder when it lies inside it."""
    here = Path.cwd()
    return os.path.relpath(path, here) if path.is_relative_to(here) else str(path)


def refusal(site_dir: Path, config_file: Path, content: Path) -> str | None:
    """Why a build must not replace `site_dir` (one line), or None when it may.

    A build replaces the folder whole, so it takes only what is recognisably its own: a
    folder that is missing, empty, or marked by a previous build. Never the project, the
    content, a folder holding either, a git repository, or a link."""
    shown = display(site_dir)
    project = Path(os.path.abspath(config_file)).parent
    for name, folder in (("the project", project), ("the content folder", Path(os.path.abspath(content)))):
        if folder.is_relative_to(site_dir):
            return f"refusing to build into {shown}: it {'is' if folder == site_dir else 'holds'} {name}; choose another --site-dir"
    if site_dir.is_relative_to(os.path.abspath(content)):
        return f"refusing to build into {shown}: it lies inside the content folder; choose another --site-dir"
    for folder in [site_dir, *site_dir.parents]:
        if folder == project or (folder != site_dir and not folder.is_relative_to(project)):
            break
        if os.path.islink(folder):
            which = "it" if folder == site_dir else f"the folder {display(folder)}"
            return f"refusing to build into {shown}: {which} is a symbolic link; choose another --site-dir"
    above = next((f for f in site_dir.parents if os.path.lexists(f)), None)
    if above is not None and not above.is_dir():
        return f"refusing to build into {shown}: {display(above)} is not a folder; choose another --site-dir"
    if not os.path.lexists(site_dir):
        return None
    if not site_dir.is_dir():
        return f"refusing to build into {shown}: it is not a folder; choose another --site-dir"
    if not any(site_dir.iterdir()):
        return None
    marker = site_dir / MARKER
    if not os.path.isfile(marker) or os.path.islink(marker):
        return (
            f"refusing to replace {shown}: it is not a previous build (it has no {MARKER} file); "
            "empty or remove it yourself, or choose another --site-dir"
        )
    if os.path.lexists(site_dir / ".git"):
        return f"refusing to replace {shown}: it holds a git repository; choose another --site-dir"
    return None


def stage(site_dir: Path) -> Path:
    """A fresh, empty staging folder beside `site_dir`, after removing those of dead builds."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    clean_stale(site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.{os.getpid()}.", suffix=".building", dir=site_dir.parent))
    umask = os.umask(0o022)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # a site folder readable like any other, not mkdtemp's private one
    return staging


def _staging_pattern(site_dir: Path) -> re.Pattern:
    return re.compile(re.escape(f".{site_dir.name}.") + r"([0-9]+)\.[A-Za-z0-9_]{8}\.(?:building|old)\Z")


def clean_stale(site_dir: Path) -> list[str]:
    """Remove the staging folders beside `site_dir` whose build process is gone; return their names.

    Only real folders named as `stage` names them; a live build's folder is left alone
    (a reused process id keeps a stale folder until the next run: the safe side)."""
    pattern = _staging_pattern(site_dir)
    removed: list[str] = []
    try:
        names = sorted(os.listdir(site_dir.parent))
    except OSError:
        return removed
    for name in names:
        m = pattern.match(name)
        path = site_dir.parent / name
        if not m or os.path.islink(path) or not path.is_dir() or _alive(int(m.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(name)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, and belongs to someone else
        return True
    return True


def finish(staging: Path, site_dir: Path) -> None:
    """Mark the new build as ours, and put it in place of `site_dir` (OSError when the system refuses)."""
    write_file(staging / MARKER, MARK, staging)
    if os.path.lexists(site_dir) and _exchange(staging, site_dir):
        shutil.rmtree(staging)  # now the old site
        return
    _swap(staging, site_dir)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where the system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    fn = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(new: Path, site_dir: Path) -> None:
    """Put the new build in place of the old one with two renames; the old one is removed only once replaced."""
    old = None
    if os.path.lexists(site_dir):
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.{os.getpid()}.", suffix=".old", dir=site_dir.parent))
        os.rename(site_dir, old / site_dir.name)
    try:
        os.rename(new, site_dir)
    except OSError:
        if old is not None:
            os.rename(old / site_dir.name, site_dir)
        raise
    if old is not None:
        shutil.rmtree(old)
