"""`explainer diff <git-ref>`: what a change does to the explainer, in plain language.

Both sides are read as linked models (the content at the ref, taken from git into a temporary
folder, and the working tree), so the summary speaks of claims, stances, sources and dates,
not of lines: "stance of John Kirby changed from declines to attribute to denies, citing ...".
The output is Markdown for a pull request's description or its job summary; editor text in
it is inert (render.inert), as on the site.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import model as m
from .diagnostics import Report
from .pipeline import Settings, load_model
from .render import format_date, humanize, inert, md_url
from .validate import content_files


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


def _q(text) -> str:
    return inert(text)


def _code(text: str) -> str:
    """A path or ref as code when that is safe; code spans show character references literally."""
    return f"`{text}`" if re.fullmatch(r"[A-Za-z0-9._/~^@{}:+-]+", text) and "`" not in text else _q(text)


def _name(e) -> str:
    return f"{_q(e.label)} (`{e.id}`)"


def _date(d) -> str:
    return d.iso() if d is not None else "none"


def _sources(cites) -> list[str]:
    return sorted({c.source.id for c in cites})


def _citing(cites) -> str:
    names = [f"{_q(c.source.title)} (`{c.source.id}`)" for c in cites]
    return f", citing {', '.join(dict.fromkeys(names))}" if names else ""


def _cite_changes(old, new, what: str) -> list[str]:
    out = []
    o, n = {c.source.id: c for c in old}, {c.source.id: c for c in new}
    for sid in sorted(n.keys() - o.keys()):
        out.append(f"{what}: now also cites {_q(n[sid].source.title)} (`{sid}`)")
    for sid in sorted(o.keys() - n.keys()):
        out.append(f"{what}: no longer cites `{sid}`")
    for sid in sorted(o.keys() & n.keys()):
        if o[sid].quote != n[sid].quote:
            out.append(
                f"{what}: the quote from `{sid}` changed"
                + (f" to “{_q(n[sid].quote)}”" if n[sid].quote else " (removed)")
            )
        ov, nv = o[sid].via, n[sid].via
        if (ov and ov.id) != (nv and nv.id):
            out.append(
                f"{what}: `{sid}` is now cited {'via `' + nv.id + '`' if nv else 'directly'} (was "
                f"{'via `' + ov.id + '`' if ov else 'direct'})"
            )
    return out


def _value(label: str, old, new, show=_q) -> list[str]:
    if old == new:
        return []
    if old in (None, "", ()):
        return [f"{label} set to {show(new)}"]
    if new in (None, "", ()):
        return [f"{label} removed (was {show(old)})"]
    return [f"{label} changed from {show(old)} to {show(new)}"]


def _date_change(label: str, old, new) -> list[str]:
    if (old and old.iso()) == (new and new.iso()):
        return []
    line = f"{label} {_date(old)} → {_date(new)}"
    if old is not None and new is not None and old.precision != new.precision:
        line += f" (precision {old.precision} → {new.precision})"
    return [line]


def _text_change(label: str, old, new) -> list[str]:
    o, n = old.plain() if old else "", new.plain() if new else ""
    if o == n:
        return []
    short = n if len(n) <= 160 else n[:157].rsplit(" ", 1)[0] + " …"
    return [f"{label} rewritten: “{_q(short)}”"]


def _cited_text(label: str, old, new) -> list[str]:
    return _text_change(label, old.text, new.text) + _cite_changes(old.cite, new.cite, label)


def _keyed(old, new, key, added, removed, changed) -> list[str]:
    """Items matched by a key (the nth item with that key matches the nth)."""

    def index(items):
        seen: dict = {}
        out = {}
        for it in items:
            k = key(it)
            seen[k] = seen.get(k, -1) + 1
            out[(k, seen[k])] = it
        return out

    o, n = index(old), index(new)
    lines = []
    for k in n:
        if k not in o:
            lines += [added(n[k])]
        else:
            lines += changed(o[k], n[k])
    lines += [removed(o[k]) for k in o if k not in n]
    return lines


def _actor(o: m.Actor, n: m.Actor) -> list[str]:
    out = _value("name", o.name, n.name) + _value("kind", o.kind, n.kind, humanize)
    for a in sorted(set(n.aliases) - set(o.aliases)):
        out.append(f"alias added: {_q(a)}")
    for a in sorted(set(o.aliases) - set(n.aliases)):
        out.append(f"alias removed: {_q(a)}")
    out += _cited_text("summary", o.summary, n.summary)

    def desc(a):
        return f"{humanize(a.relation)} {_name(a.actor)}"

    def changed(x, y):
        what = f"affiliation ({desc(y)})"
        return (
            _value(f"{what}: title", x.title, y.title)
            + _date_change(f"{what}: since", x.since, y.since)
            + _date_change(f"{what}: until", x.until, y.until)
            + _date_change(f"{what}: as of", x.as_of, y.as_of)
            + _cite_changes(x.cite, y.cite, what)
        )

    out += _keyed(
        o.affiliations,
        n.affiliations,
        lambda a: (a.relation, a.actor.id),
        lambda a: f"affiliation added: {desc(a)}{_citing(a.cite)}",
        lambda a: f"affiliation removed: {desc(a)}",
        changed,
    )
    return out


def _event(o: m.Event, n: m.Event) -> list[str]:
    out = _value("title", o.title, n.title) + _date_change("date", o.date, n.date)
    out += _value("approximate date", o.approximate, n.approximate, str) + _date_change(
        "end date", o.end_date, n.end_date
    )
    out += _value("place", o.place, n.place) + _value("kind", o.kind, n.kind, humanize)
    out += _cited_text("summary", o.summary, n.summary)

    def part(p):
        claim = f" (alleged in `{p.claim.id}`)" if p.claim else ""
        return f"{_name(p.actor)} as {humanize(p.role)}{claim}"

    def part_changed(x, y):
        what = f"participant {part(y)}"
        return (
            _value(f"{what}: claim", x.claim and x.claim.id, y.claim and y.claim.id, str)
            + _value(f"{what}: note", x.note, y.note)
            + _cite_changes(x.cite, y.cite, what)
        )

    out += _keyed(
        o.participants,
        n.participants,
        lambda p: (p.actor.id, p.role),
        lambda p: f"participant added: {part(p)}{_citing(p.cite)}",
        lambda p: f"participant removed: {part(p)}",
        part_changed,
    )

    def cas(c):
        return _q(c.statement)

    def figure(c):
        if c.reported == "none":
            return "none reported"
        return f"{humanize(c.qualifier)} {c.count}" + (" (reportedly)" if c.reported == "reportedly" else "")

    def cas_changed(x, y):
        what = f"casualties ({y.kind}, {_q(y.who or y.statement)})"
        lines = [] if figure(x) == figure(y) else [f"{what}: {figure(x)} → {figure(y)}"]
        return (
            lines
            + _value(f"{what}: cause", x.cause, y.cause)
            + _value(f"{what}: note", x.note, y.note)
            + _cite_changes(x.cite, y.cite, what)
        )

    out += _keyed(
        o.casualties,
        n.casualties,
        lambda c: (c.kind, c.who or ""),
        lambda c: f"casualty figure added: {cas(c)}{_citing(c.cite)}",
        lambda c: f"casualty figure removed: {cas(c)}",
        cas_changed,
    )
    out += _keyed(
        o.related,
        n.related,
        lambda r: (r.relation, r.event.id),
        lambda r: f"now {humanize(r.relation)} {_name(r.event)}",
        lambda r: f"no longer {humanize(r.relation)} {_name(r.event)}",
        lambda x, y: _cite_changes(x.cite, y.cite, f"{humanize(y.relation)} {_name(y.event)}"),
    )
    return out


def _claim(o: m.Claim, n: m.Claim) -> list[str]:
    out = _value("proposition", o.proposition, n.proposition)
    for e in sorted({x.id: x for x in n.about}.keys() - {x.id for x in o.about}):
        out.append(f"now about `{e}`")
    for e in sorted({x.id for x in o.about} - {x.id for x in n.about}):
        out.append(f"no longer about `{e}`")

    def stance_changed(x, y):
        who = f"stance of {_q(y.actor.label)}"
        lines = []
        if x.position != y.position:
            lines.append(f"{who} changed from {humanize(x.position)} to {humanize(y.position)}{_citing(y.cite)}")
        lines += _date_change(f"{who}: date", x.date, y.date) + _value(f"{who}: note", x.note, y.note)
        return lines + _cite_changes(x.cite, y.cite, who)

    out += _keyed(
        o.stances,
        n.stances,
        lambda s: s.actor.id,
        lambda s: f"stance added: {_q(s.actor.label)} {humanize(s.position)}{_citing(s.cite)}",
        lambda s: f"stance removed: {_q(s.actor.label)} {humanize(s.position)}",
        stance_changed,
    )
    oa, na = o.assessment, n.assessment
    if oa is None and na is not None:
        out.append(f"assessment added: {na.verdict}{_citing(na.cite)}")
    elif oa is not None and na is None:
        out.append(f"assessment removed (was {oa.verdict})")
    elif oa is not None and na is not None:
        out += _value("assessment", oa.verdict, na.verdict, str) + _text_change(
            "assessment reason", oa.reason, na.reason
        )
        out += _cite_changes(oa.cite, na.cite, "assessment")
    if o.status != n.status:
        out.append(f"status changed from {o.status} to {n.status}")
    return out


def _source(o: m.Source, n: m.Source) -> list[str]:
    out = _value("title", o.title, n.title)
    out += _text_change("summary", o.summary and o.summary.text, n.summary and n.summary.text)
    out += _cite_changes(o.summary.cite if o.summary else (), n.summary.cite if n.summary else (), "summary")
    out += _value("publisher", o.publisher and o.publisher.id, n.publisher and n.publisher.id, lambda v: f"`{v}`")
    out += _date_change("published", o.published, n.published) + _value("kind", o.kind, n.kind, humanize)
    out += _value("access", o.access, n.access, str)
    for f in ("url", "archived_url", "archived_text"):
        out += _value(
            f.replace("_", " "), getattr(o, f), getattr(n, f), lambda v, f=f: f"<{md_url(v)}>" if "url" in f else _q(v)
        )
    for a in sorted({x.id for x in n.authors} - {x.id for x in o.authors}):
        out.append(f"author added: `{a}`")
    for a in sorted({x.id for x in o.authors} - {x.id for x in n.authors}):
        out.append(f"author removed: `{a}`")
    for s in sorted({x.id for x in n.cites} - {x.id for x in o.cites}):
        out.append(f"reporting chain: now relays `{s}`")
    for s in sorted({x.id for x in o.cites} - {x.id for x in n.cites}):
        out.append(f"reporting chain: no longer relays `{s}`")
    return out


def _added(e) -> str:
    if isinstance(e, m.Source):
        pub = f", published by {_q(e.publisher.label)} {format_date(e.published)}" if e.publisher else ""
        chain = f", relaying {', '.join(f'`{c.id}`' for c in e.cites)}" if e.cites else ""
        return f"added: {_name(e)}{pub}{chain}"
    if isinstance(e, m.Event):
        return f"added: {_name(e)}, {_date(e.date)}"
    if isinstance(e, m.Claim):
        stances = "; ".join(f"{_q(s.actor.label)} {humanize(s.position)}" for s in e.stances)
        return f"added: {_name(e)} ({e.status}: {stances})"
    return f"added: {_name(e)}, {humanize(e.kind)}"


def _site(o: m.Site, n: m.Site) -> list[str]:
    out = _value("title", o.title, n.title) + _cited_text("lede", o.lede, n.lede)
    out += _value("featured event", o.featured_event.id, n.featured_event.id, lambda v: f"`{v}`")
    out += _keyed(
        o.questions,
        n.questions,
        lambda q: q.question,
        lambda q: f"question added: {_q(q.question)}",
        lambda q: f"question removed: {_q(q.question)}",
        lambda x, y: (
            _text_change(f"answer to {_q(y.question)}", x.answer, y.answer)
            + _cite_changes(x.cite, y.cite, f"answer to {_q(y.question)}")
        ),
    )
    return out


def describe_entity(o: m.Entity, n: m.Entity) -> list[str]:
    """What changed between two versions of one entity (both of its kind), a line each."""
    if isinstance(o, m.Actor) and isinstance(n, m.Actor):
        return _actor(o, n)
    if isinstance(o, m.Event) and isinstance(n, m.Event):
        return _event(o, n)
    if isinstance(o, m.Claim) and isinstance(n, m.Claim):
        return _claim(o, n)
    if isinstance(o, m.Source) and isinstance(n, m.Source):
        return _source(o, n)
    raise TypeError(f"{o!r} and {n!r} are not two versions of one entity")


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
            items.append((_added(n[eid]), []))
        for eid in sorted(n.keys() & o.keys()):
            lines = describe_entity(o[eid], n[eid])
            if lines:
                items.append((f"changed: {_name(n[eid])}", lines))
        for eid in sorted(o.keys() - n.keys()):
            items.append((f"removed: {_name(o[eid])}", []))
        if items:
            sections.append((title, items))
    site = _site(old.site, new.site)
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
        old = _side(_code(ref), old_content, Path(tmp))
    new = _side("this change", content, Path.cwd())
    head = f"## What this change does to the explainer\n\nCompared with {_code(ref)} ({commit[:12]}).\n"
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
            lines.append(f"- added: {_code(rel)}")
        elif rel not in new.files:
            lines.append(f"- removed: {_code(rel)}")
        elif old.files[rel] != new.files[rel]:
            lines.append(f"- changed: {_code(rel)}")
    return "\n".join(lines) + "\n"
