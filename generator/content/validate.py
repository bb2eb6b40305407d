"""Content folder -> checked entities, every problem reported with its file, line and column."""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Report, show
from .files import NOT_A_FILE_HINT, NotRegular, entry_kind, link_problem, read_regular
from .patterns import ID_MAX, ID_RE
from .schema import ENTITY_SPECS, SITE
from .types import Ctx, Invalid
from .values import KINDS, Fields
from .yamlio import MAX_BYTES, STD_TAGS, Unsafe, compose, tree_ok

SITE_FILE = "site.yaml"


@dataclass
class Checked:
    """What survived validation: kind -> id -> fields, and site.yaml's fields."""

    entities: dict[str, dict[str, Fields]] = field(default_factory=lambda: {k: {} for k in KINDS})
    site: Fields | None = None
    files: dict[str, str] = field(default_factory=dict)  # id -> file as shown in messages
    # Ids of files that exist but failed validation: references to them are not reported
    # as dangling, since the file's own errors say what is wrong.
    broken: set[str] = field(default_factory=set)
    cache_keys: set = field(default_factory=set, repr=False)  # the check cache's entries this run used


def display_path(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive on Windows
        return path.as_posix()


def content_files(content: Path) -> tuple[list[tuple[str, Path]], list[Path]]:
    """(kind, path) for every file the generator reads, and every entry it cannot place.

    Only regular files are ever read. A link or a special file (pipe, device, socket) is
    never listed as content, wherever it lies, hidden folders included: it is placed
    among the misplaced, where `check` names it. Linked folders are not entered."""
    wanted: list[tuple[str, Path]] = []
    misplaced: list[Path] = []
    for root, dirs, files in os.walk(content):
        root_path = Path(root)
        rel = root_path.relative_to(content).parts
        hidden_dir = any(part.startswith(".") for part in rel)
        kind = "site" if not rel else rel[0] if len(rel) == 1 and rel[0] in KINDS else None
        for name in [d for d in dirs if os.path.islink(root_path / d)]:
            dirs.remove(name)  # os.walk lists a linked folder among the folders; it is not entered
            files.append(name)
        dirs.sort()
        regular = _regular_files(root)
        for name in sorted(files):
            path = root_path / name
            if name not in regular and entry_kind(path) is not None:
                misplaced.append(path)  # a link or special file, wherever it lies
            elif hidden_dir or name.startswith("."):
                if name.endswith((".yaml", ".yml")) and not hidden_dir:
                    misplaced.append(path)  # looks like content, but hidden files are never read
                continue  # .gitkeep, editor swap files, hidden folders
            elif kind == "site" and name == SITE_FILE:
                wanted.append(("site", path))
            elif kind is not None and kind != "site" and name.endswith(".yaml"):
                wanted.append((kind, path))
            else:
                misplaced.append(path)
    return wanted, misplaced


def _regular_files(folder: str) -> set[str]:
    """The names of the regular files in `folder` as its listing types them (no lstat each:
    at 10,000 files that was a tenth of the parse); any other name gets entry_kind's lstat."""
    try:
        with os.scandir(folder) as entries:
            return {e.name for e in entries if e.is_file(follow_symlinks=False)}
    except OSError:
        return set()


def _ids_behind(path: Path, content: Path) -> set[str]:
    """The ids a link or special file in a kind folder stands for (a linked kind folder: the
    names it lists, never their contents): references to them are not reported as dangling,
    since the entry's own error says what is wrong."""
    rel = path.relative_to(content).parts
    if len(rel) != 1 or rel[0] not in KINDS or not os.path.isdir(path):
        return {path.stem} if len(rel) == 2 and rel[0] in KINDS and path.suffix == ".yaml" else set()
    try:
        return {Path(name).stem for name in os.listdir(path)[:100_000] if name.endswith(".yaml")}
    except OSError:
        return set()


def check_content(content: Path, report: Report, base: Path | None = None, cache: dict | None = None) -> Checked:
    """Check every content file. `cache`, kept by a caller that checks the same folder
    again and again (the MkDocs plugin under `mkdocs serve`), holds each clean file's
    checked fields keyed by its exact bytes, so an edit re-parses only the edited file."""
    base = base or Path.cwd()
    checked = Checked()
    if os.path.islink(content):  # a planted content/ -> elsewhere: nothing is read through it
        code, message, hint = link_problem(content, content.parent)
        report.add(code, display_path(content, base), 1, 1, "", message, hint)
        return checked
    wanted, misplaced = content_files(content)
    _report_misplaced(misplaced, content, base, report, checked)
    if not any(kind == "site" for kind, _ in wanted):
        report.add(
            "missing-field",
            display_path(content / SITE_FILE, base),
            1,
            1,
            "",
            "content/site.yaml is missing",
            "create it with the explainer's title, lede, featured_event and questions",
        )
    _confusable_names([path for kind, path in wanted if kind != "site"], report, base)
    # relpath once per folder, not once per file; a kind's files are all in its one folder
    # (content_files), so the kind names it without hashing a Path per file.
    shown_dirs: dict[str, str] = {}
    for kind, path in wanted:
        folder = shown_dirs.get(kind)
        if folder is None:
            folder = shown_dirs[kind] = display_path(path.parent, base)
        shown = path.name if folder == "." else f"{folder}/{path.name}"
        data = _read(path, shown, report, checked)
        if data is not None:
            check_file(kind, data, shown, path.stem, report, checked, cache)
    if cache is not None:  # keep only what the folder holds now
        for key in cache.keys() - checked.cache_keys:
            del cache[key]
    return checked


def _report_misplaced(misplaced: list[Path], content: Path, base: Path, report: Report, checked: Checked) -> None:
    """Name every entry the generator does not read: links and special files (whose ids are then
    not reported as dangling), and files in the wrong place or with the wrong name."""
    for path in misplaced:
        kind = entry_kind(path)
        if kind is not None:
            code, message, hint = (
                link_problem(path, content)
                if kind == "link"
                else ("not-a-file", f"this is {kind}, not a regular file", NOT_A_FILE_HINT)
            )
            report.add(code, display_path(path, base), 1, 1, "", message, hint)
            checked.broken.update(_ids_behind(path, content))
            continue
        hint = "expected content/<actors|events|claims|sources>/<id>.yaml or content/site.yaml"
        if path.name.startswith("."):
            hint = "a name starting with '.' is hidden; name the file <id>.yaml"
        elif path.suffix == ".yml":
            hint = "rename it to end in .yaml"
        report.add("misplaced-file", display_path(path, base), 1, 1, "", "the generator does not read this file", hint)


def _read(path: Path, shown: str, report: Report, checked: Checked) -> bytes | None:
    """A content file's bytes, or None after reporting why it cannot be read."""
    try:
        data, size = read_regular(path, MAX_BYTES)
    except NotRegular as exc:  # swapped in since the walk
        report.add(exc.code, shown, 1, 1, "", exc.message, exc.hint)
        checked.broken.add(path.stem)
        return None
    except OSError as exc:
        report.add("file-unreadable", shown, 1, 1, "", f"cannot read the file ({exc.strerror})")
        checked.broken.add(path.stem)
        return None
    if size > MAX_BYTES:
        report.add("file-too-large", shown, 1, 1, "", f"the file has {size:,} bytes", f"expected at most {MAX_BYTES:,}")
        return None
    return data


def _confusable_names(paths: list[Path], report: Report, base: Path) -> None:
    """Names that one filesystem keeps apart and another (or a reader) does not."""
    groups: dict[str, list[Path]] = {}
    for path in paths:
        groups.setdefault(unicodedata.normalize("NFKC", path.stem).casefold(), []).append(path)
    for group in groups.values():
        if len(group) < 2:
            continue
        # The name that is a valid id is the one to keep; the others are reported.
        first, *others = sorted(
            group, key=lambda p: (not (ID_RE.match(p.stem) and len(p.stem) <= ID_MAX), display_path(p, base))
        )
        for path in others:
            if path.stem == first.stem:
                continue  # the same id in two folders: duplicate-id says so
            # Spelled out code point by code point: two normalisations of one name print alike.
            this, that = (
                n.encode("ascii", "backslashreplace").decode("ascii") for n in (path.name, display_path(first, base))
            )
            report.add(
                "confusable-id",
                display_path(path, base),
                1,
                1,
                "",
                f"the file name {show(this)} differs only by letter case or Unicode normalisation from {that}",
                "on macOS and Windows they are one file; rename or remove one",
            )


def check_file(
    kind: str, data: bytes, shown: str, stem: str, report: Report, checked: Checked, cache: dict | None = None
) -> None:
    if kind != "site":
        checked.broken.add(stem)  # until it proves valid
    key = (kind, shown, data)
    values = cache.get(key) if cache is not None else None
    if values is None:
        before = len(report.diagnostics)
        values = _fields(kind, data, shown, report)
        if values is None:
            return
        if cache is not None and len(report.diagnostics) == before:  # a warning must be shown again next time
            cache[key] = values
    if cache is not None:
        checked.cache_keys.add(key)
    if kind == "site":
        checked.site = values
        return
    entity_id = values["id"]
    if entity_id != stem:
        loc = values.locs["id"]
        if ID_RE.match(stem) and len(stem) <= ID_MAX:
            hint = f"rename the file to '{entity_id}.yaml' or set id: {stem}"
        else:
            hint = f"the file name is not a valid id either: rename the file to '{entity_id}.yaml'"
        report.add(
            "id-mismatch",
            shown,
            loc.line,
            loc.col,
            "id",
            f"the id {show(entity_id)} differs from the file name {show(stem + '.yaml')}",
            hint,
        )
        return
    if entity_id in checked.files:
        loc = values.locs["id"]
        report.add(
            "duplicate-id",
            shown,
            loc.line,
            loc.col,
            "id",
            f"the id {show(entity_id)} is already used by {checked.files[entity_id]}",
            "ids are unique across all kinds; rename one",
        )
        return
    checked.files[entity_id] = shown
    checked.entities[kind][entity_id] = values
    checked.broken.discard(stem)


def _fields(kind: str, data: bytes, shown: str, report: Report) -> Fields | None:
    """One file's checked fields, or None (with diagnostics in `report`).

    The types' check is the one walk over the nodes, and it stops (Unsafe) at anything the
    loader's own walk, tree_ok, rejects. When the check finds a problem, tree_ok walks the
    tree too: if it rejects the file, its diagnostics alone are reported, as `load` would."""
    doc = compose(data, shown, report)
    if doc is None:
        return None
    spec = SITE if kind == "site" else ENTITY_SPECS[kind]
    before = len(report.diagnostics)
    try:
        if doc.root.tag not in STD_TAGS:
            raise Unsafe
        return spec.check(doc.root, "", Ctx(shown, report))
    except (Invalid, Unsafe) as problem:
        unsafe = Report()
        if not tree_ok(doc.root, shown, unsafe):
            del report.diagnostics[before:]
            report.extend(unsafe.diagnostics)
        else:
            assert isinstance(problem, Invalid), "Unsafe is raised only for what tree_ok rejects"
        return None
