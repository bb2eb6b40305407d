"""Render again only the parts of the site an edit changed (`explainer serve`).

The site is rendered in units (a page, an entity page with its list pages, a page's
"Mentioned in", ...). While a unit renders, every attribute it reads of an entity, of the
model or of the site is recorded: the unit's output is a function of its arguments and of
what it read, nothing else (templates and the views are pure). The next render compares
the fingerprint of each thing read (an entity's fields, with other entities by id; a list
of the model by its ids in order) with the one it had, and renders a unit again only when
one differs or its arguments do; otherwise it reuses the unit's text.

Recording works by giving the model's objects, for the length of one render, subclasses
whose attribute lookup notes the object (`tracking`); a clean build never pays for it.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from ..content.values import Loc
from ..model import entities as m

# The set the unit being rendered records into; None outside a unit.
_RECORDING: list[set | None] = [None]


def _entity_lookup(self, name: str):
    deps = _RECORDING[0]
    if deps is not None:
        deps.add(object.__getattribute__(self, "id"))  # an entity is recorded by its id
    return object.__getattribute__(self, name)


def _model_lookup(self, name: str):
    deps = _RECORDING[0]
    if deps is not None and name in _MODEL_FIELDS:
        deps.add(("model", name))
    return object.__getattribute__(self, name)


def _site_lookup(self, name: str):
    deps = _RECORDING[0]
    if deps is not None:
        deps.add(("model", "site"))
    return object.__getattribute__(self, name)


_MODEL_FIELDS = frozenset(m.Model.__dataclass_fields__)
_TRACKED: dict[type, type] = {
    cls: type(cls.__name__, (cls,), {"__getattribute__": lookup, "__slots__": ()})
    for cls, lookup in (
        (m.Actor, _entity_lookup),
        (m.Event, _entity_lookup),
        (m.Claim, _entity_lookup),
        (m.Source, _entity_lookup),
        (m.Model, _model_lookup),
        (m.Site, _site_lookup),
    )
}
_UNTRACKED = {sub: cls for cls, sub in _TRACKED.items()}
_ENTITIES = frozenset(cls for cls in [*_TRACKED, *_UNTRACKED] if issubclass(cls, m.Entity))


def _swap(objects, classes: dict[type, type]) -> None:
    for obj in objects:
        cls = classes.get(type(obj))
        if cls is not None:
            object.__setattr__(obj, "__class__", cls)  # entities refuse setattr once frozen


@contextmanager
def tracking(model: m.Model) -> Iterator[None]:
    """Within it, a unit's reads of `model` are recorded (Memo.unit); afterwards the model's
    objects are of their own classes again, so later stages run at full speed."""
    objects = [model, model.site, *model.all()]
    _swap(objects, _TRACKED)
    try:
        yield
    finally:
        _RECORDING[0] = None
        _swap(objects, _UNTRACKED)


class Recorded(Mapping):
    """A mapping keyed by entities whose lookups a unit records, as ("name", entity id)."""

    def __init__(self, name: str, data: Mapping):
        self.name, self.data = name, data
        self.by_id = {k.id: v for k, v in data.items()}

    def __getitem__(self, key):
        deps = _RECORDING[0]
        if deps is not None:
            deps.add((self.name, key.id))
        return self.data[key]

    def __iter__(self):
        raise TypeError("a unit may look entries up, not list them: that would read every entry unrecorded")

    def __len__(self) -> int:
        return len(self.data)


_ATOMS = frozenset({str, int, float, bool, type(None)})
# Where a value stood in its file, for diagnostics: no page shows it (nothing under site/ or
# templates/ reads these fields), and an edit moves the lines of every field below it.
_NOT_SHOWN = frozenset({"locs", "loc", "quote_loc"})


def _ref(kind: str, entity_id: str) -> None:
    """What an entity inside a fingerprinted value stands as (_Pickler); never called."""


def _as_ref(entity) -> tuple:
    return _ref, (type(entity).KIND, object.__getattribute__(entity, "id"))


def _as_untracked(obj) -> tuple:
    """The model and the site while tracked pickle as what they are."""
    return _ref, ("untracked", _UNTRACKED[type(obj)].__qualname__), object.__getattribute__(obj, "__dict__")


def _no_loc(loc) -> tuple:
    return tuple, ()


class _Pickler(pickle.Pickler):
    """Pickle is a faithful serialisation done in C: two entities pickle alike only when every
    field shows the same, other entities in them standing as (kind, id) and _NOT_SHOWN left out.
    (Equal fields may still pickle apart, e.g. one object shared where the other has two equal
    ones: that renders a unit again for nothing, never leaves one stale.) The stand-ins for
    the front and about pages (link._SiteOwner) have no fields: they pickle as their class."""

    dispatch_table = {
        **copyreg.dispatch_table,
        **{cls: _as_ref for cls in _ENTITIES},
        **{sub: _as_untracked for sub in _UNTRACKED if sub not in _ENTITIES},
        Loc: _no_loc,
    }

    def __init__(self) -> None:
        self.out = io.BytesIO()
        super().__init__(self.out, protocol=pickle.HIGHEST_PROTOCOL)

    def fingerprint(self, value) -> bytes:
        """`value` as bytes that are equal only when it shows the same."""
        self.out.seek(0)
        self.out.truncate()
        self.clear_memo()
        self.dump(value)
        return self.out.getvalue()

    def entity(self, entity: m.Entity) -> bytes:
        """An entity's fields, as fingerprint() has them: what it reads of other entities is
        recorded apart, when a unit reads them."""
        fields = object.__getattribute__(entity, "__dict__")
        return self.fingerprint((type(entity).KIND, {k: v for k, v in fields.items() if k not in _NOT_SHOWN}))


class RenderCache:
    """Kept by a caller that renders the same site again and again (the MkDocs plugin while
    serving): each unit's output, what it read, and what that looked like."""

    def __init__(self) -> None:
        self.setup: tuple = ()  # what every unit depends on: the environment and the settings
        self.units: dict[Any, tuple[Any, frozenset, Any]] = {}  # key -> (arguments, reads, output)
        self.seen: dict[Any, Any] = {}  # each thing read -> its fingerprint when last rendered
        self.rendered: list = []  # the keys of the units the last render rendered (did not reuse)
        self.paths: set[str] = set()  # page paths already found safe (pipeline.render_pages)


class Memo:
    """One render's use of a RenderCache; without one (a build), every unit just renders."""

    def __init__(self, cache: RenderCache | None, model: m.Model, setup: tuple, lookups: dict[str, Recorded]):
        self.cache, self.model, self.lookups = cache, model, lookups
        self.units: dict[Any, tuple[Any, frozenset, Any]] = {}
        self.now: dict[Any, Any] = {}
        self.shown: dict[int, tuple[Any, bytes]] = {}  # the arguments' fingerprints, by object
        self.pickler = _Pickler()
        # Apart: clearing a pickler's memo takes as long as the largest value it has written.
        self.entities = _Pickler()
        self.rendered: list = []
        if cache is not None and cache.setup != setup:
            cache.setup, cache.units, cache.seen = setup, {}, {}
        # What differs from what the units that read it saw, compared once for all of them.
        seen = cache.seen if cache is not None else {}
        self.stale = frozenset(d for d, before in seen.items() if self._now(d) != before)

    def unit(self, key, args: tuple, produce: Callable[[], Any]) -> Any:
        """produce(), or the output it gave last time when neither `args` nor anything it read
        has changed since. Units do not nest."""
        if self.cache is None:
            return produce()
        assert _RECORDING[0] is None, "units do not nest"
        shown = tuple(map(self._argument, args))
        old = self.cache.units.get(key)
        if old is not None and old[0] == shown and old[1].isdisjoint(self.stale):
            self.units[key] = old
            return old[2]
        deps: set = set()
        _RECORDING[0] = deps
        try:
            output = produce()
        finally:
            _RECORDING[0] = None
        self.units[key] = (shown, frozenset(deps), output)
        self.rendered.append(key)
        return output

    def _argument(self, value) -> Any:
        """A unit's argument by its fingerprint, each object once a render (units share them)."""
        if type(value) in _ATOMS:
            return value
        if type(value) in _ENTITIES:
            return ("@", object.__getattribute__(value, "id"))
        if type(value) is dict:
            return tuple((k, self._argument(v)) for k, v in value.items())
        if type(value) in (list, tuple) and all(type(v) in _ATOMS for v in value):
            return ("[", *value)  # such as the pages that link to an entity
        known = self.shown.get(id(value))
        if known is None:  # kept with the object, so that its id is not reused within the render
            known = self.shown[id(value)] = (value, self.pickler.fingerprint(value))
        return known[1]

    def _now(self, dep) -> Any:
        if dep not in self.now:
            self.now[dep] = self._fingerprint(dep)
        return self.now[dep]

    def _fingerprint(self, dep) -> Any:
        if type(dep) is str:
            entity = self.model.by_id.get(dep)
            return None if entity is None else self.entities.entity(entity)
        kind, name = dep
        if kind == "model":
            return self.pickler.fingerprint(object.__getattribute__(self.model, name))
        return self.pickler.fingerprint(self.lookups[kind].by_id.get(name))

    def finish(self) -> None:
        """The cache holds this render's units and what they read, as this model has them."""
        if self.cache is None:
            return
        seen = {d: self._now(d) for _, deps, _ in self.units.values() for d in deps}
        self.cache.units, self.cache.seen, self.cache.rendered = self.units, seen, self.rendered
