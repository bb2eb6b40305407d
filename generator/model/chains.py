"""Reporting chains and entries that may be the same people: what follows references transitively.

A source's origins are the sources at the ends of its 'cites' chains; a claim's are those
behind the citations of its stances, so two articles relaying one report count once. Actors
named in each other's 'same_as' form one group, counted once wherever actors are counted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from ..content.diagnostics import show
from . import entities as m
from .resolve import Resolver


def source_chains(r: Resolver, sources: list[m.Source]) -> None:
    """Set every source's origins, and report a loop of 'cites', a 'via' its source does not
    cite, and a relayed source no source read directly cites. Needs `cited_by` set."""
    state: dict[m.Source, int] = {}
    for s in sorted(sources, key=lambda x: x.id):
        _origins(r, s, state)
    for citation, via, checked in r.vias:
        if via not in citation.source.cites:
            r.error(
                "via-not-cited",
                checked.locs["via"],
                f"{show(citation.source.id)} does not list {show(via.id)} in its 'cites'",
                f"add {via.id} to the 'cites' of {citation.source.id}",
            )
    for s in sources:
        if s.access == "relayed" and not any(c.access == "direct" for c in s.cited_by):
            r.error(
                "relayed-uncited",
                s.locs["access"],
                f"the source {show(s.id)} is marked 'relayed' but no source read directly cites it",
                "add it to the 'cites' of the source that relays it, or set access: direct",
            )


def _origins(r: Resolver, root: m.Source, state: dict[m.Source, int]) -> None:
    """Set `origins` on root and every source it reaches through 'cites': the sources at the
    ends of its reporting chains. Depth-first with a stack of its own, not recursion, so a
    chain of any length (a thousand relays) is fine; a loop is reported where it closes.
    `state`: 1 while a source is on the current path, 2 when its origins are known."""
    if state.get(root) == 2:
        return
    state[root] = 1
    stack: list[tuple[m.Source, Iterator[m.Source], dict[str, m.Source]]] = [(root, iter(root.cites), {})]
    while stack:
        s, todo, found = stack[-1]
        c = next(todo, None)
        if c is None:
            stack.pop()
            if not s.cites:  # a source that relays nothing is its own origin
                found[s.id] = s
            s.origins = tuple(sorted(found.values(), key=lambda x: x.id))
            state[s] = 2
            if stack:
                stack[-1][2].update((o.id, o) for o in s.origins)
        elif state.get(c) == 2:
            found.update((o.id, o) for o in c.origins)
        elif state.get(c) == 1:
            if c is s:
                continue  # a source citing itself is reported by build.build_source
            path = [x for x, _, _ in stack]
            loop = " -> ".join(x.id for x in path[path.index(c) :] + [c])
            src = r.checked.entities["sources"][c.id]
            r.error(
                "self-cite",
                src.locs.get("cites", src.loc),
                f"the reporting chain loops: {loop}",
                "remove one link of the loop from 'cites'",
            )
        else:
            state[c] = 1
            stack.append((c, iter(c.cites), {}))


def claim_sources(claims: list[m.Claim]) -> None:
    """Set each claim's sources (every source cited for a stance) and origins (the independent
    origins behind them), by id. Needs the sources' origins."""
    for c in claims:
        cited = {x.source.id: x.source for s in c.stances for x in s.cite}
        c.sources = tuple(cited[k] for k in sorted(cited))
        seen = {o.id: o for s in c.stances for x in s.cite for o in x.origins}
        c.origins = tuple(seen[k] for k in sorted(seen))


def same_groups(actors: list[m.Actor]) -> None:
    """Join actors named in each other's same_as into groups (union-find, both directions)."""
    actors = sorted(actors, key=lambda a: a.id)
    parent = {a: a for a in actors}

    def root(a: m.Actor) -> m.Actor:
        while parent[a] is not a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a in actors:
        for b in a.same_as:
            ra, rb = root(a), root(b)
            if ra is not rb:
                parent[max(ra, rb, key=lambda x: x.id)] = min(ra, rb, key=lambda x: x.id)
    groups: dict[m.Actor, list[m.Actor]] = defaultdict(list)
    for a in actors:
        groups[root(a)].append(a)
    for a in actors:
        a.same_group = tuple(groups[root(a)])
