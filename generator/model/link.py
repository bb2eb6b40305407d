"""Checked entities -> one immutable, fully linked Model.

The stages, each in its own module: resolve.py resolves ids (and reports dangling ones),
build.py makes each kind's fields (plain ones copied by name, shapes.py), ratings.py derives
claim statuses, backlinks.py sets what refers to each entity, chains.py follows reporting
chains and 'same_as'. This module runs them in order and freezes the result.
"""

from __future__ import annotations

from typing import TypeVar

from ..content.diagnostics import Report
from ..content.validate import Checked
from ..content.values import Fields, ProseRef, Ref
from . import entities as m
from .backlinks import set_backlinks
from .build import BUILDERS, build_site
from .chains import claim_sources, same_groups, source_chains
from .resolve import Resolver

E = TypeVar("E", bound=m.Entity)

CLASSES: dict[str, type[m.Entity]] = {"actors": m.Actor, "events": m.Event, "claims": m.Claim, "sources": m.Source}
NAME_FIELD = {"actors": "name", "events": "title", "claims": "proposition", "sources": "title"}
# Built in this order: a source's uses (where it is cited) list in the order they were linked.
BUILD_ORDER = ("actors", "sources", "events", "claims")


class Linker(Resolver):
    """Links one content folder's checked entities; `link()` once."""

    def link(self) -> m.Model | None:
        """The model, or None when anything failed to link (reported)."""
        ents = self.checked.entities
        # Made with their names: descriptions of where a source is cited ("spokesperson for X") read them.
        actors, events = self._create(ents["actors"], m.Actor), self._create(ents["events"], m.Event)
        claims, sources = self._create(ents["claims"], m.Claim), self._create(ents["sources"], m.Source)
        for kind in BUILD_ORDER:
            for entity_id, v in ents[kind].items():
                BUILDERS[kind](self, self.by_id[entity_id], v)
        site = build_site(self, self.checked.site) if self.checked.site is not None else None
        self._derive()
        if not self.ok or site is None:
            return None
        for e in self.by_id.values():
            e.freeze()
        return m.Model(
            site, _by_id(actors), _by_id(events), _by_id(claims), _by_id(sources), dict(sorted(self.by_id.items()))
        )

    def _derive(self) -> None:
        """What follows from the linked fields: backlinks, reporting chains and origins, groups."""
        ents = list(self.by_id.values())
        set_backlinks(ents, self.mentions, self.uses)
        source_chains(self, [e for e in ents if isinstance(e, m.Source)])
        claim_sources([e for e in ents if isinstance(e, m.Claim)])
        same_groups([e for e in ents if isinstance(e, m.Actor)])

    def _create(self, values: dict[str, Fields], cls: type[E]) -> dict[str, E]:
        """A `cls` with only its name set for each of one kind's checked entities, by id (in id
        order), also entered in by_id: the other fields are filled in once every entity exists
        to be linked to."""
        name = NAME_FIELD[cls.KIND]
        files = self.checked.files
        made = {i: cls.blank(i, files[i], v.locs, **{name: v[name]}) for i, v in sorted(values.items())}
        self.by_id.update(made)
        return made


def _by_id(made: dict[str, E]) -> tuple[E, ...]:
    return tuple(made[k] for k in sorted(made))


def link(checked: Checked, report: Report) -> m.Model | None:
    return Linker(checked, report).link()


class _Detached(Resolver):
    """Links one entity's fields against entities linked before, reporting nothing.

    An id those entities lack (a file deleted since, or renamed) becomes a placeholder
    that carries the id as its name, so an earlier version of a file can still be
    compared with a later one (generator/site/history.py)."""

    def __init__(self, known: dict[str, m.Entity]):
        super().__init__(Checked(), Report())
        self.known = known
        self.placeholders: dict[tuple[str, str], m.Entity] = {}

    def resolve(self, ref: Ref) -> m.Entity:
        target = self.known.get(ref.id)
        if target is not None and target.KIND in ref.kinds:
            return target
        return self._placeholder(ref.id, ref.kinds[0])

    def _prose_ref(self, seg: ProseRef) -> m.Entity:
        return self.known.get(seg.id) or self._placeholder(seg.id, "actors")

    def _placeholder(self, entity_id: str, kind: str) -> m.Entity:
        key = (entity_id, kind)
        if key not in self.placeholders:
            entity = CLASSES[kind](id=entity_id, file="")
            setattr(entity, NAME_FIELD[kind], entity_id)
            self.placeholders[key] = entity
        return self.placeholders[key]


def link_entity(kind: str, values: Fields, known: dict[str, m.Entity]) -> m.Entity:
    """One entity of `kind` from its checked fields, its references resolved in `known`
    (a linked model's by_id). For describing earlier versions of a file: no diagnostics,
    no backlinks, and no effect on `known` or its entities."""
    entity = CLASSES[kind].blank(values["id"], "", values.locs, **{NAME_FIELD[kind]: values[NAME_FIELD[kind]]})
    BUILDERS[kind](_Detached(known), entity, values)
    return entity
