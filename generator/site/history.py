"""The Updates on each entity page, from the git history of its content file.

read_history reads the whole content folder's history in one pass: a single `git log` over
the folder (following renames) and a single `git cat-file --batch` for the file versions it
names, whatever the number of files; with the `git rev-parse` that checks the clone is
complete, three git processes in all. It returns plain data (History), so rendering never
runs git: the render pipeline takes a History or None (no Updates section), and only the real
build reads one.

updates() turns each file's versions into dated lines in `explainer diff`'s words: every
version is checked and linked on its own (link.link_entity) and compared with the one before
by changes.describe_entity, the functions the diff uses. Dates are commit times in UTC, so a
commit always builds the same pages. The log follows first parents: a change made on a branch
is dated by the merge that brought it to the published site.
"""

from __future__ import annotations

import re
import subprocess
from collections import ChainMap
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from ..content.diagnostics import Report
from ..content.validate import Checked, check_file
from ..content.values import KINDS, Fields, PartialDate, Prose, ProseRef, Ref
from ..model import entities as m
from ..model.link import link_entity
from .describe import describe_entity, q, value
from .text import source_short

# The newest changes kept per file: a page lists at most this many, and the build reads no
# older versions of a file that has more (a tracker's busiest files change hundreds of times).
MAX_UPDATES = 50


class HistoryUnavailable(Exception):
    """Why the content's history cannot be read; the build goes on without Updates."""


@dataclass(frozen=True)
class Version:
    """One committed state of a content file."""

    time: int  # the commit's committer time, seconds since the epoch (UTC)
    path: str  # the file's path in the content folder at that commit, e.g. "actors/john-kirby.yaml"
    blob: str  # the git object id of its bytes
    added: bool  # this commit created the file (rather than changing or renaming it)
    renamed_from: str | None  # the path it had before this commit, when the commit renamed it


@dataclass(frozen=True)
class History:
    """What git knows of the content folder: each current file's versions, oldest first."""

    files: dict[str, tuple[Version, ...]]  # path in the content folder now -> versions
    data: dict[str, bytes]  # blob id -> bytes, for every version in `files`
    latest: int | None  # the newest commit time that touched the content folder


@dataclass(frozen=True)
class Update:
    date: PartialDate
    lines: tuple[str, ...]  # Markdown, editor text already inert (changes.py's wording)


# --- reading git --------------------------------------------------------------------------


def _run(run, args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    try:
        proc = run(["git", *args], cwd=cwd, input=data, capture_output=True)
    except OSError as exc:  # no git on this machine
        raise HistoryUnavailable(f"git cannot be run ({exc.strerror or exc})") from None
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise HistoryUnavailable(message[0] if message else f"git {args[0]} failed")
    return proc.stdout


def read_history(content: Path, run=subprocess.run) -> History:
    """The history of every file in `content`, from the repository it lies in.

    Raises HistoryUnavailable when there is none to read: not a git repository, git
    missing, or a shallow clone (whose oldest commit would claim to add every file).
    `run` is subprocess.run, replaceable so tests can count the git processes."""
    if not content.is_dir():
        raise HistoryUnavailable(f"the content folder {content} does not exist")
    shallow = _run(run, ["rev-parse", "--is-shallow-repository"], content).decode().strip()
    if shallow != "false":
        raise HistoryUnavailable("the clone is shallow (fetch it with its full history, e.g. fetch-depth: 0)")
    log = _run(
        run,
        [
            "-c",
            "core.quotePath=false",
            "log",
            "-z",
            "--first-parent",
            "--diff-merges=first-parent",
            "--raw",
            "--find-renames",
            "--no-abbrev",
            "--no-color",
            "--relative",
            "--format=%x01%ct",
            "--",
            ".",
        ],
        content,
    )
    commits = _commits(log)
    files = _versions(commits)
    blobs = sorted({v.blob for versions in files.values() for v in versions})
    data = _cat(run, blobs, content) if blobs else {}
    latest = max((time for time, _ in commits), default=None)
    return History({path: tuple(vs) for path, vs in sorted(files.items())}, data, latest)


def head(content: Path, run=subprocess.run) -> str | None:
    """The commit checked out where `content` lies (None without one): history changes only
    with it, so `mkdocs serve` reads the history again only when it moves."""
    try:
        return _run(run, ["rev-parse", "--verify", "--quiet", "HEAD"], content).decode().strip() or None
    except HistoryUnavailable:
        return None


def _commits(log: bytes) -> list[tuple[int, list[tuple[str, str, str, str | None]]]]:
    """`git log -z --raw` output -> [(time, [(status, blob, path, old path)])], newest first."""
    commits: list = []
    tokens = log.split(b"\0")
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip(b"\n")
        i += 1
        if token.startswith(b"\x01"):
            commits.append((int(token[1:]), []))
        elif token.startswith(b":") and commits:
            meta = token[1:].split()
            blob, status = meta[3].decode(), meta[4][:1].decode()
            if status in "RC":
                old, new = (t.decode("utf-8", "surrogateescape") for t in tokens[i : i + 2])
                i += 2
            else:
                old, new = None, tokens[i].decode("utf-8", "surrogateescape")
                i += 1
            commits[-1][1].append((status, blob, new, old))
    return commits


def _versions(commits) -> dict[str, list[Version]]:
    """Each file that exists now -> its versions oldest first, following renames back.

    Walking from the newest commit back: a path first seen deleted belongs to a file that
    is gone; a path seen added has no earlier history of its own (an older file of that
    name was another file); a rename hands the file's history on to its old path."""
    owner: dict[str, str | None] = {}  # path at the commit being read -> the file's path now (None: a gone file)
    found: dict[str, list[Version]] = {}
    for time, changes in commits:
        for status, blob, path, old in changes:
            if status == "D":
                owner.setdefault(path, None)
                continue
            if status == "C":  # a copy is a new file; its source keeps its own history
                status, old = "A", None
            now = owner.setdefault(path, path)
            if now is None:
                if old is not None:
                    owner.setdefault(old, None)
                continue
            versions = found.setdefault(now, [])
            if len(versions) <= MAX_UPDATES:
                versions.append(Version(time, path, blob, status == "A", old))
            if status in "AR":
                owner[path] = None  # before this commit, the path was not this file's
            if status == "R" and old is not None:
                owner[old] = now
    return {path: versions[::-1] for path, versions in found.items() if PurePosixPath(path).parts[0] in KINDS}


def _cat(run, blobs: list[str], cwd: Path) -> dict[str, bytes]:
    out = _run(run, ["cat-file", "--batch"], cwd, "".join(f"{b}\n" for b in blobs).encode())
    data: dict[str, bytes] = {}
    at = 0
    for blob in blobs:
        end = out.index(b"\n", at)
        header = out[at:end].split()
        if len(header) < 3:  # "<id> missing"
            raise HistoryUnavailable(f"git cannot read the object {blob}")
        size = int(header[2])
        data[blob] = out[end + 1 : end + 1 + size]
        at = end + 1 + size + 1
    return data


# --- describing it ------------------------------------------------------------------------


def day(time: int) -> PartialDate:
    """A commit time as the day it fell on in UTC, whatever the build machine's time zone."""
    d = datetime.fromtimestamp(time, UTC)
    return PartialDate(d.year, d.month, d.day)


def updates(model: m.Model, history: History) -> dict[str, tuple[Update, ...]]:
    """Entity id -> its Updates, newest first (entities without history have none)."""
    known = ChainMap(model.by_id, _renamed(model, history))
    out = {}
    for entity in model.all():
        versions = history.files.get(f"{entity.KIND}/{entity.id}.yaml")
        if versions:
            out[entity.id] = tuple(reversed(_describe(entity.KIND, versions, history.data, known)))
    return out


def _renamed(model: m.Model, history: History) -> dict[str, m.Entity]:
    """Ids that files had before a rename -> the entity now, so that an earlier version
    naming `beta` reads "Beta Person" once beta.yaml has become gamma.yaml."""
    out: dict[str, m.Entity] = {}
    for path, versions in history.files.items():
        entity = model.by_id.get(PurePosixPath(path).stem)
        if entity is None:
            continue
        for v in versions:
            old = PurePosixPath(v.path).stem
            if old != entity.id and old not in model.by_id:
                out.setdefault(old, entity)
    return out


def _describe(kind: str, versions, data: dict[str, bytes], known) -> list[Update]:
    if len(versions) == 1:  # most files of a tracker: nothing to compare, nothing to parse
        return [Update(day(versions[0].time), ("added to the explainer",))] if versions[0].added else []
    found: list[Update] = []
    before = None  # (fields, linked entity) of the last version that checked
    for v in versions:
        fields = _checked(kind, v, data[v.blob])
        if fields is None:
            continue  # a version that never built; the next is compared with the last good one
        entity = link_entity(kind, fields, known)
        if before is None:
            lines = ["added to the explainer"] if v.added else []
        else:
            lines = value("page address", before[1].id, entity.id, str) + _for_readers(
                describe_entity(before[1], entity), known
            )
            if not lines:
                lines = _other_changes(before[0], fields, known)
        if lines:
            found.append(Update(day(v.time), tuple(lines)))
        before = (fields, entity)
    return found


# An id as the diff writes it: `id` alone, or " (`id`)" after the name it belongs to.
_NAMED_ID = re.compile(r" \(`([a-z0-9]+(?:-[a-z0-9]+)*)`\)")
_BARE_ID = re.compile(r"`([a-z0-9]+(?:-[a-z0-9]+)*)`")


def _for_readers(lines: list[str], known) -> list[str]:
    """The diff's lines for a page: a reader knows things by name, not by id, so an id after
    its name goes and a lone id becomes the name. Ids are slugs and editor text reaches these
    lines inert (no backquote survives in it), so only the diff's own id spans match."""

    def label(entity: m.Entity) -> str:  # a source as its citations on the page name it, not by headline
        return source_short(entity) if isinstance(entity, m.Source) else entity.label

    def name(mt: re.Match) -> str:
        entity = known.get(mt.group(1))
        return q(label(entity)) if entity is not None else mt.group(1)

    out = []
    for line in lines:
        for sid in dict.fromkeys(_NAMED_ID.findall(line)):
            entity = known.get(sid)
            if isinstance(entity, m.Source):
                line = line.replace(f"{q(entity.title)} (`{sid}`)", q(label(entity)))
        out.append(_BARE_ID.sub(name, _NAMED_ID.sub("", line)))
    return out


def _checked(kind: str, v: Version, data: bytes) -> Fields | None:
    parts = PurePosixPath(v.path).parts
    if len(parts) != 2 or parts[0] != kind or not parts[1].endswith(".yaml"):
        return None  # the file lay elsewhere then: not comparable field by field
    checked = Checked()
    check_file(kind, data, v.path, parts[1][:-5], Report(), checked)
    return next(iter(checked.entities[kind].values()), None)


def _other_changes(old: Fields, new: Fields, known) -> list[str]:
    """Fields the diff's wording does not cover. A change of layout or comments has none,
    nor has a reference that follows a renamed file (the page shows the same name)."""

    def plain(value):
        return _plain(value, lambda i: known[i].id if i in known else i)

    names = [k for k in sorted(old.keys() | new.keys()) if plain(old.get(k)) != plain(new.get(k))]
    return [f"changed: {', '.join(n.replace('_', ' ').replace('-', ' ') for n in names)}"] if names else []


def _plain(value, ref_id):
    """A checked value without the positions it was read at, each reference as `ref_id` of its id."""
    if isinstance(value, dict):
        return {k: _plain(v, ref_id) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v, ref_id) for v in value]
    if isinstance(value, (Ref, ProseRef)):
        return (ref_id(value.id), getattr(value, "label", None))
    if isinstance(value, Prose):
        return [[_plain(s, ref_id) for s in p] for p in value.paragraphs]
    return value
