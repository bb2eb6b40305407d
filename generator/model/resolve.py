"""Resolving what the editors wrote as ids: references, citations and links in prose.

The one place a reference is resolved and a dangling one reported. A Resolver also records,
as it goes, what the backlinks are made of that no field holds: where each source is cited
(`uses`) and which entities each entity's prose links to (`mentions`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from ..content.diagnostics import Report, Suggester, show
from ..content.validate import Checked
from ..content.values import KIND_SINGULAR, Fields, Loc, Prose, ProseRef, Ref
from ..content.vocab import DEFAULT_WORDS
from . import entities as m
from . import shapes

E = TypeVar("E", bound=m.Entity)


class Resolver:
    """Ids -> entities of `by_id` (filled in by the linker), every dangling one reported once
    where it stands. `ok` turns False at the first problem: the model is then not built."""

    def __init__(self, checked: Checked, report: Report):
        self.checked = checked
        self.report = report
        self.by_id: dict[str, m.Entity] = {}
        self.uses: dict[m.Source, list[m.Use]] = defaultdict(list)
        self.mentions: dict[m.Entity, list[m.Entity]] = defaultdict(list)
        self.vias: list[tuple[m.Citation, m.Source, Fields]] = []  # (citation, its via, the checked citation)
        self.unresolved_quotes = 0  # quotes in citations whose source did not resolve
        self.suggesters: dict[tuple[str, ...] | None, Suggester] = {}
        self.ok = True

    def resolve(self, ref: Ref) -> m.Entity | None:
        """The entity `ref` names if it is of a kind the reference allows; else None, reported
        (unless the target's own file is broken: that file reports what is wrong with it)."""
        target = self.by_id.get(ref.id)
        if target is not None and target.KIND in ref.kinds:
            return target
        if target is None and ref.id in self.checked.broken:
            self.ok = False  # the target's own file reports what is wrong with it
            return None
        expected = " or ".join(KIND_SINGULAR[k] for k in ref.kinds)
        if target is not None:
            message = f"{show(ref.id)} is {_a(KIND_SINGULAR[target.KIND])}, not {_a(expected)}"
            hint = ""
        else:
            message = f"no {expected} has the id {show(ref.id)}"
            hint = self._suggester(ref.kinds)(ref.id)
            if not hint:
                folder = "|".join(ref.kinds)
                hint = f"create content/{folder}/{ref.id}.yaml or use an existing id"
        self.error("dangling-ref", ref.loc, message, hint)
        return None

    def resolve_as(self, ref: Ref, cls: type[E]) -> E | None:
        """resolve() for a reference the schema lets name one kind only, `cls`'s (a RefTo of
        that kind; m.Entity for one that may name several): resolve() returns only an entity
        of a kind in ref.kinds, so it is a `cls`."""
        target = self.by_id.get(ref.id)
        if target is None or target.KIND not in ref.kinds:  # resolve() for what it reports: linking makes 70,000
            target = self.resolve(ref)
        assert target is None or isinstance(target, cls), (
            f"{ref.id} resolved to a {target.KIND[:-1]}, not one of {ref.kinds}"
        )
        return target

    def _suggester(self, kinds: tuple[str, ...] | None) -> Suggester:
        """The 'did you mean' for ids of these kinds (None: every kind), built on first use:
        a file with thousands of dangling references builds it once, not once per reference."""
        if kinds not in self.suggesters:
            self.suggesters[kinds] = Suggester(i for i, e in self.by_id.items() if kinds is None or e.KIND in kinds)
        return self.suggesters[kinds]

    def error(self, code: str, loc: Loc, message: str, hint: str = "") -> None:
        """Report a problem that stops the model from being built."""
        self.report.add(code, loc.file, loc.line, loc.col, loc.path, message, hint)
        self.ok = False

    def refs(self, refs: Iterable[Ref] | None, cls: type[E]) -> tuple[E, ...]:
        """The entities a list of references names, those that resolved, in order."""
        out = []
        for ref in refs or ():
            target = self.resolve_as(ref, cls)
            if target is not None:
                out.append(target)
        return tuple(out)

    def cites(self, values: Fields, owner: m.Owner, what: str) -> tuple[m.Citation, ...]:
        """The citations under `values`' 'cite', each recorded in `uses` as citing its source
        on `owner` for `what` (the words a source page lists it by)."""
        out = []
        for c in values.get("cite", ()):
            source = self.resolve_as(c["source"], m.Source)
            if source is None:
                self.unresolved_quotes += "quote" in c  # counted by the quote stage as not checked
                continue
            via = self.resolve_as(c["via"], m.Source) if "via" in c else None
            plain = shapes.CITATION.values(c)  # the quote, the note: copied by name
            words = c.get("words", DEFAULT_WORDS) if plain["quote"] else None
            citation = m.Citation(**plain, source=source, via=via, at=m.Position(c), quote_at=None, words=words)
            # Recorded even when its 'via' or its owner's reference did not resolve: the quote
            # is still checked (the model is not built then, so nothing else sees it).
            self.uses[source].append(m.Use(owner, what, citation))
            if "via" in c and via is None:
                continue
            if via is not None:
                self.vias.append((citation, via, c))
            out.append(citation)
        return tuple(out)

    def prose(self, prose: Prose, owner: m.Owner) -> m.Text:
        """Editor prose with each [[id]] as a link to its entity (its text where it dangles),
        recorded in `mentions` as the target mentioned on `owner`."""
        paragraphs = []
        for para in prose.paragraphs:
            segs: list[m.Segment] = []
            for seg in para:
                if isinstance(seg, ProseRef):
                    target = self._prose_ref(seg)
                    if target is None:
                        segs.append(seg.label or seg.id)
                        continue
                    if isinstance(owner, m.Entity) and target is not owner and owner not in self.mentions[target]:
                        self.mentions[target].append(owner)
                    segs.append(m.EntityLink(target, seg.label))
                else:
                    segs.append(seg)
            paragraphs.append(tuple(segs))
        return m.Text(tuple(paragraphs))

    def _prose_ref(self, seg: ProseRef) -> m.Entity | None:
        target = self.by_id.get(seg.id)
        if target is None and seg.id in self.checked.broken:
            self.ok = False
        elif target is None:
            hint = self._suggester(None)(seg.id) or "use the id of an existing actor, event, claim or source"
            self.error(
                "dangling-ref",
                seg.loc,
                f"the text links to {show('[[' + seg.id + ']]')}, but no entity has that id",
                hint,
            )
        return target

    def cited_text(self, values: Fields, owner: m.Owner, what: str) -> m.CitedText:
        """A cited-text field (text and cite), linked on `owner`."""
        return m.CitedText(self.prose(values["text"], owner), self.cites(values, owner, what))

    def quoted_sources(self) -> list[m.Source]:
        """Every source that resolved, with every citation of it whose own reference resolved
        (in `uses`), whether or not the whole model linked: what quote verification needs."""
        return [e for e in self.by_id.values() if isinstance(e, m.Source)]


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun
