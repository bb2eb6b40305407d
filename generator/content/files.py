"""Content entries on disk: only regular files are read, and nothing through a link.

A pull request can add links, and a checkout can hold pipes and devices. Reading one could
print a secret in a diagnostic (a link to /etc/passwd), never end (/dev/zero), hang (a
FIFO), or publish a file from outside the content folder. These functions say what an entry
is without opening it, and open a file only once the open file proves to be a regular one.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .diagnostics import show

_SPECIAL = [
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
]


def entry_kind(path: Path) -> str | None:
    """'link', or what special file `path` is; None for a regular file, a folder, or one that is gone."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    if stat.S_ISLNK(mode):
        return "link"
    return next((what for test, what in _SPECIAL[:-1] if test(mode)), None)


class NotRegular(Exception):
    """A content entry that is not a regular file: code, message and hint of its diagnostic."""

    def __init__(self, code: str, message: str, hint: str):
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def read_regular(path: Path, limit: int) -> tuple[bytes, int]:
    """The bytes of a regular file and its size in bytes; past `limit`, the size alone
    (the bytes read stop at limit + 1 even for a file that grows meanwhile).

    Opened without following a link and without blocking (a pipe would hang the reader),
    then checked on the open file (no race with a swap), and read no further than the
    limit (a device such as /dev/zero never ends): NotRegular, or OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise NotRegular(*link_problem(path, path.parent.parent)) from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            what = next((what for test, what in _SPECIAL if test(st.st_mode)), "not a regular file")
            raise NotRegular("not-a-file", f"this is {what}, not a regular file", NOT_A_FILE_HINT)
        if st.st_size > limit:
            return b"", st.st_size
        # Its size, and one byte more to see that it did not grow; never past the limit.
        chunks, total, want = [], 0, st.st_size + 1
        while total <= limit:
            chunk = os.read(fd, min(want, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            want = 1 << 16
        data = b"".join(chunks)
        return data, max(len(data), st.st_size)
    finally:
        os.close(fd)


NOT_A_FILE_HINT = "remove it: content holds regular files only"


def link_problem(path: Path, content: Path) -> tuple[str, str, str]:
    """The `symlink` diagnostic (code, message, hint) for a link: where it points, said without reading it."""
    target = os.readlink(path)
    where = Path(os.path.normpath(path.parent / target))
    inside = where.is_relative_to(os.path.normpath(content)) and not os.path.isabs(target)
    thing = "folder" if os.path.isdir(path) else "file"
    message = f"this {thing} is a symbolic link to {show(target)}"
    if not os.path.lexists(where):
        message += ", which does not exist"
    elif not inside:
        message += ", outside the content folder"
    if thing == "folder":
        message += "; the generator does not read linked folders"
    return ("symlink", message, "replace the link with the file itself, or remove it: content holds regular files only")
