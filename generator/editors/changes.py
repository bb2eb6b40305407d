"""`explainer diff <git-ref>`: what a change does to the explainer, in plain language.

Both sides are read as linked models (the content at the ref, taken from git into a temporary
folder, and the working tree), so the summary speaks of claims, stances, sources and dates,
not of lines: "stance of John Kirby changed from declines to attribute to denies, citing ...".
The output is Markdown for a pull request's description or its job summary; editor text in
it is inert (text.inert), as on the site.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..content.diagnostics import Report
from ..content.validate import content_files
from ..model import entities as m
from ..pipeline import Settings, load_model
from ..site.describe import added, code, describe_entity, describe_site, named


class GitError(Exception):
    pass


# --- reading the content at a ref -------------------------------------------------------


def _git(args: list[str], cwd: Path, data: bytes | None = None) -> bytes:
    proc = subprocess.run(["git", *args], cwd=cwd, input=data, capture_output=True)
    if proc.returncode != 0:
        raise GitError(proc.stderr.decode("utf-8", "replace").strip() or f"git {args[0]} failed")
    return proc.stdout


def resolve(ref: str, cwd: Path) -> str:
    if ref.startswith("-"):
        raise GitError(f"{ref!r} is not a git revision")
    try:
        return _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd).decode().strip()
    except GitError:
        raise GitError(f"{ref!r} is not a commit in this repository") from None


def checkout_content(commit: str, content: Path, into: Path) -> Path:
    """Write the content folder as it is at `commit` into `into`; return its path there."""
    top = Path(_git(["rev-parse", "--show-toplevel"], content).decode().strip())
    rel = content.resolve().relative_to(top.resolve()).as_posix()
    listing = _git(["ls-tree", "-r", "-z", commit, "--", f"{rel}/"], top).split(b"\0")
    blobs = []
    for entry in filter(None, listing):
        meta, raw_path = entry.split(b"\t", 1)
        mode, kind, raw_sha = meta.split()
        if kind == b"blob" and mode in (b"100644", b"100755"):  # no symlinks, no submodules
            blobs.append((raw_sha.decode(), raw_path.decode("utf-8", "surrogateescape")))
    out = into / rel
    out.mkdir(parents=True, exist_ok=True)
    if blobs:
        batch = _git(["cat-file", "--batch"], top, "".join(f"{sha}\n" for sha, _ in blobs).encode())
        at = 0
        for _sha, path in blobs:
            header_end = batch.index(b"\n", at)
            size = int(batch[at:header_end].split()[2])
            data = batch[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1
            target = into / path
            if ".." in Path(path).parts or not target.resolve().is_relative_to(into.resolve()):
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
    return out


# --- describing the difference ------------------------------------------------------------

SECTIONS = (("claims", "Claims"), ("events", "Events"), ("actors", "Actors"), ("sources", "Sources"))
NOUNS = {title for _, title in SECTIONS}


def describe(old: m.Model, new: m.Model) -> list[tuple[str, list[tuple[str, list[str]]]]]:
    """[(section, [(headline, [detail lines])])], empty when nothing changed."""
    sections = []
    for kind, title in SECTIONS:
        o = {e.id: e for e in getattr(old, kind)}
        n = {e.id: e for e in getattr(new, kind)}
        items: list[tuple[str, list[str]]] = []
        for eid in sorted(n.keys() - o.keys()):
            items.append((added(n[eid]), []))
        for eid in sorted(n.keys() & o.keys()):
            lines = describe_entity(o[eid], n[eid])
            if lines:
                items.append((f"changed: {named(n[eid])}", lines))
        for eid in sorted(o.keys() - n.keys()):
            items.append((f"removed: {named(o[eid])}", []))
        if items:
            sections.append((title, items))
    site = describe_site(old.site, new.site)
    if site:
        sections.append(("The explainer as a whole", [("front page", site)]))
    return sections


# --- the command ------------------------------------------------------------------------


@dataclass
class Side:
    label: str
    model: m.Model | None
    errors: int
    files: dict[str, bytes]


def _side(label: str, content: Path, base: Path) -> Side:
    report = Report()
    model = load_model(Settings(content=content, base=base), report)
    files = (
        {p.relative_to(content).as_posix(): p.read_bytes() for _, p in content_files(content)[0]}
        if content.is_dir()
        else {}
    )
    return Side(label, model, len(report.errors), files)


def summary(ref: str, content: Path) -> str:
    """The Markdown summary of what the working tree's content changes against `ref`."""
    cwd = content if content.is_dir() else Path.cwd()
    commit = resolve(ref, cwd)
    with tempfile.TemporaryDirectory(prefix="explainer-diff-") as tmp:
        old_content = checkout_content(commit, content, Path(tmp))
        old = _side(code(ref), old_content, Path(tmp))
    new = _side("this change", content, Path.cwd())
    head = f"## What this change does to the explainer\n\nCompared with {code(ref)} ({commit[:12]}).\n"
    if old.model is None or new.model is None:
        return head + _fallback(old, new)
    sections = describe(old.model, new.model)
    if not sections:
        return head + "\nNo change to what the explainer says.\n"
    counts = [
        f"{len(items)} {title.lower() if len(items) != 1 else title.lower()[:-1]}"
        for title, items in sections
        if title in NOUNS
    ]
    out = [head, f"Changes to {', '.join(counts) or 'the front page'}.\n"]
    for title, items in sections:
        out.append(f"### {title}\n")
        for headline, lines in items:
            out.append(f"- {headline}")
            out += [f"  - {ln}" for ln in lines]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _fallback(old: Side, new: Side) -> str:
    lines = [""]
    for side in (old, new):
        if side.model is None:
            n = side.errors
            lines.append(
                f"The content of {side.label} does not build ({n} error{'s' * (n != 1)}; `explainer check` lists "
                f"{'them' if n != 1 else 'it'}), so only the files that changed can be listed."
            )
    lines.append("")
    for rel in sorted(new.files.keys() | old.files.keys()):
        if rel not in old.files:
            lines.append(f"- added: {code(rel)}")
        elif rel not in new.files:
            lines.append(f"- removed: {code(rel)}")
        elif old.files[rel] != new.files[rel]:
            lines.append(f"- changed: {code(rel)}")
    return "\n".join(lines) + "\n"
