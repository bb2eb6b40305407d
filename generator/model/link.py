"""Checked entities -> one immutable, fully linked Model.

The one place a reference is resolved and a dangling one reported, where claim
statuses are derived from stances, and where backlinks are computed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import TypeVar

from ..content.diagnostics import Report, Suggester, show
from ..content.validate import Checked
from ..content.values import KIND_SINGULAR, Fields, Loc, Prose, ProseRef, Ref
from ..content.vocab import DEFAULT_WORDS, SUPPORTING, VERDICTS, WITHHOLDING
from . import entities as m

E = TypeVar("E", bound=m.Entity)

# What the positions in the sources add up to, derived from the stances (the editors do not set
# it). Each word means exactly its definition, and the first that applies is a claim's status:
# no "disputed" without a denial, doubt shown as doubt, and one source's assertion that nobody
# else addresses is not presented as uncontested (silence is not agreement).
STATUSES = {
    "disputed": "At least one actor asserts it and at least one denies it.",
    "denied": "At least one actor denies it, and no actor in the sources asserts it.",
    "doubted": "At least one actor questions it or the evidence for it, and no actor in the sources denies it.",
    "unconfirmed": "Asserted, and no one denies or doubts it, but only by unnamed people, or while an actor "
    "in a position to confirm it declines to.",
    "single-source": "Asserted in only one of the sources the editors read, and no other source addresses "
    "it; not contested, but not corroborated either.",
    "uncontested": "Asserted by named actors in more than one of the sources the editors read, and no one "
    "denies or doubts it; that alone does not make it true.",
    "reported-only": "Relayed, or declined, by actors in the sources, but asserted by none of them.",
}

# The one scale a claim is rated on, at the top of its page: the editors' verdict where they have
# assessed the claim (it leads), otherwise the status derived from the positions.
RATINGS = {**VERDICTS, **STATUSES}
assert len(RATINGS) == len(VERDICTS) + len(STATUSES), "a verdict and a status share a word"


def derive_status(stances: tuple[m.Stance, ...]) -> str:
    """The first status in STATUSES whose definition the stances meet."""
    positions = {s.position for s in stances}
    if "asserts" in positions and "denies" in positions:
        return "disputed"
    if "denies" in positions:
        return "denied"
    if "doubts" in positions:
        return "doubted"
    support = [s for s in stances if s.position in SUPPORTING]
    if not support:
        return "reported-only"
    if positions & WITHHOLDING or all(s.actor.kind == "anonymous-group" for s in support):
        return "unconfirmed"
    if len({c.source for s in stances for c in s.cite}) <= 1:
        return "single-source"
    return "uncontested"


def rating(claim: m.Claim) -> tuple[str, str]:
    """(word in RATINGS, who rates): the editors' verdict where there is one, else the derived status."""
    if claim.assessment is not None:
        return claim.assessment.verdict, "editors"
    return claim.status, "positions"


class Linker:
    def __init__(self, checked: Checked, report: Report):
        self.checked = checked
        self.report = report
        self.by_id: dict[str, m.Entity] = {}
        self.uses: dict[m.Source, list[m.Use]] = defaultdict(list)
        self.mentions: dict[m.Entity, list[m.Entity]] = defaultdict(list)
        self.vias: list[tuple[m.Citation, m.Source, Loc]] = []  # (citation, its via, where the via stood)
        self.unresolved_quotes = 0  # quotes in citations whose source did not resolve
        self.suggesters: dict[tuple[str, ...] | None, Suggester] = {}
        self.ok = True

    # --- resolution -------------------------------------------------------------------

    def resolve(self, ref: Ref) -> m.Entity | None:
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
        self._error("dangling-ref", ref.loc, message, hint)
        return None

    def resolve_as(self, ref: Ref, cls: type[E]) -> E | None:
        """resolve() for a reference the schema lets name one kind only, `cls`'s (a RefTo of
        that kind; m.Entity for one that may name several): resolve() returns only an entity
        of a kind in ref.kinds, so it is a `cls`."""
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

    def _error(self, code: str, loc: Loc, message: str, hint: str = "") -> None:
        self.report.add(code, loc.file, loc.line, loc.col, loc.path, message, hint)
        self.ok = False

    def refs(self, refs: Iterable[Ref] | None, cls: type[E]) -> tuple[E, ...]:
        out = []
        for ref in refs or ():
            target = self.resolve_as(ref, cls)
            if target is not None:
                out.append(target)
        return tuple(out)

    def cites(self, values: Fields, owner: m.Owner, what: str) -> tuple[m.Citation, ...]:
        out = []
        for c in values.get("cite", ()):
            source = self.resolve_as(c["source"], m.Source)
            if source is None:
                self.unresolved_quotes += "quote" in c  # counted by the quote stage as not checked
                continue
            via = self.resolve_as(c["via"], m.Source) if "via" in c else None
            quote = c.get("quote")
            words = c.get("words", DEFAULT_WORDS) if quote else None
            citation = m.Citation(source, quote, c.get("note"), via, c.loc, c.locs.get("quote", c.loc), words)
            # Recorded even when its 'via' or its owner's reference did not resolve: the quote
            # is still checked (the model is not built then, so nothing else sees it).
            self.uses[source].append(m.Use(owner, what, citation))
            if "via" in c and via is None:
                continue
            if via is not None:
                self.vias.append((citation, via, c.locs["via"]))
            out.append(citation)
        return tuple(out)

    def prose(self, prose: Prose, owner: m.Owner) -> m.Text:
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
            self._error(
                "dangling-ref",
                seg.loc,
                f"the text links to {show('[[' + seg.id + ']]')}, but no entity has that id",
                hint,
            )
        return target

    def cited_text(self, values: Fields, owner: m.Owner, what: str) -> m.CitedText:
        return m.CitedText(self.prose(values["text"], owner), self.cites(values, owner, what))

    # --- the whole model --------------------------------------------------------------

    def link(self) -> m.Model | None:
        ents = self.checked.entities
        actors, events = self._create(ents["actors"], m.Actor), self._create(ents["events"], m.Event)
        claims, sources = self._create(ents["claims"], m.Claim), self._create(ents["sources"], m.Source)

        # Names first: descriptions of where a source is cited ("spokesperson for X") read them.
        for kind, field_name in (
            ("actors", "name"),
            ("events", "title"),
            ("claims", "proposition"),
            ("sources", "title"),
        ):
            for entity_id, v in ents[kind].items():
                setattr(self.by_id[entity_id], field_name, v[field_name])
        for entity_id, v in ents["actors"].items():
            self._actor(actors[entity_id], v)
        for entity_id, v in ents["sources"].items():
            self._source(sources[entity_id], v)
        for entity_id, v in ents["events"].items():
            self._event(events[entity_id], v)
        for entity_id, v in ents["claims"].items():
            self._claim(claims[entity_id], v)
        site = self._site(self.checked.site) if self.checked.site is not None else None

        self._source_chains()
        self._same_groups()
        self._backlinks()
        if not self.ok or site is None:
            return None
        for e in self.by_id.values():
            e.freeze()
        return m.Model(
            site, _by_id(actors), _by_id(events), _by_id(claims), _by_id(sources), dict(sorted(self.by_id.items()))
        )

    def _create(self, values: dict[str, Fields], cls: type[E]) -> dict[str, E]:
        """An empty `cls` for each of one kind's checked entities, by id (in id order), also
        entered in by_id: the fields are filled in once every entity exists to be linked to."""
        made = {i: cls(id=i, file=self.checked.files[i], locs=dict(v.locs)) for i, v in sorted(values.items())}
        self.by_id.update(made)
        return made

    def quoted_sources(self) -> list[m.Source]:
        """Every source that resolved, with every citation of it whose own reference resolved
        (in `uses`), whether or not the whole model linked: what quote verification needs."""
        return [e for e in self.by_id.values() if isinstance(e, m.Source)]

    def _actor(self, a: m.Actor, v: Fields) -> None:
        a.name, a.kind, a.aliases = v["name"], v["kind"], tuple(v.get("aliases", ()))
        a.summary = self.cited_text(
            v["summary"], a, "who they are" if a.kind in ("person", "anonymous-group") else "what it is"
        )
        affs = []
        for f in v.get("affiliations", ()):
            other = self.resolve_as(f["actor"], m.Actor)
            cite = self.cites(f, a, f"{f['relation'].replace('-', ' ')} {_label(other, f['actor'])}")
            if other is None:
                continue
            affs.append(
                m.Affiliation(
                    f["relation"], other, f.get("title"), f.get("since"), f.get("until"), f.get("as_of"), cite
                )
            )
        a.affiliations = tuple(affs)
        a.same_as = self.refs(v.get("same_as"), m.Actor)
        if a in a.same_as:
            self._error(
                "same-as-self",
                v.locs["same_as"],
                f"the actor {show(a.id)} lists itself in 'same_as'",
                "remove it from its own 'same_as'",
            )

    def _source(self, s: m.Source, v: Fields) -> None:
        s.title, s.kind, s.access = v["title"], v["kind"], v["access"]
        s.publisher = self.resolve_as(v["publisher"], m.Actor)
        s.authors = self.refs(v.get("authors"), m.Actor)
        s.published = v["published"]
        s.url, s.archived_url, s.archived_text = v.get("url"), v.get("archived_url"), v.get("archived_text")
        s.cites = self.refs(v.get("cites"), m.Source)
        s.summary = self.cited_text(v["summary"], s, "what it says") if "summary" in v else None
        if s in s.cites:
            self._error(
                "self-cite",
                v.locs["cites"],
                f"the source {show(s.id)} lists itself in 'cites'",
                "remove it from its own 'cites'",
            )
        if s.access == "direct" and s.archived_text is None:
            loc = v.locs["access"]
            self.report.add(
                "direct-unarchived",
                loc.file,
                loc.line,
                loc.col,
                loc.path,
                f"the source {show(s.id)} was read directly but has no archived_text: its quotes cannot be checked",
                "save its text in the quote archive and name the file in 'archived_text'",
            )

    def _event(self, e: m.Event, v: Fields) -> None:
        e.title, e.date, e.approximate, e.end_date = (
            v["title"],
            v["date"],
            v.get("approximate", False),
            v.get("end_date"),
        )
        e.place, e.kind = v.get("place"), v["kind"]
        e.summary = self.cited_text(v["summary"], e, "what happened")
        parts = []
        for p in v.get("participants", ()):
            actor = self.resolve_as(p["actor"], m.Actor)
            claim = self.resolve_as(p["claim"], m.Claim) if "claim" in p else None
            cite = self.cites(p, e, f"{_possessive(_label(actor, p['actor']))} role ({p['role'].replace('-', ' ')})")
            if actor is None or ("claim" in p and claim is None):
                continue
            parts.append(m.Participant(actor, p["role"], claim, p.get("note"), cite))
        e.participants = tuple(parts)
        e.casualties = tuple(self._casualty(c, e) for c in v.get("casualties", ()))
        rel = []
        for r in v.get("related", ()):
            other = self.resolve_as(r["event"], m.Event)
            cite = self.cites(r, e, f"{r['relation'].replace('-', ' ')} {_label(other, r['event'])}")
            if other is not None:
                rel.append(m.Related(r["relation"], other, cite))
        e.related = tuple(rel)

    def _casualty(self, c: Fields, e: m.Event) -> m.Casualty:
        reported = c.get("reported", "stated")
        qualifier = None if reported == "none" else c.get("qualifier", "exactly")
        who = c.get("who")
        return m.Casualty(
            c["kind"],
            c.get("count"),
            qualifier,
            reported,
            who,
            c.get("cause"),
            c.get("note"),
            self.cites(c, e, f"casualties: {who or 'none reported'}"),
        )

    def _claim(self, c: m.Claim, v: Fields) -> None:
        c.proposition = v["proposition"]
        c.about = self.refs(v.get("about"), m.Entity)  # events or actors
        stances = []
        for s in v["stances"]:
            actor = self.resolve_as(s["actor"], m.Actor)
            cite = self.cites(
                s, c, f"{_possessive(_label(actor, s['actor']))} position ({s['position'].replace('-', ' ')})"
            )
            if actor is None:
                continue
            stances.append(m.Stance(actor, s["position"], s.get("date"), s.get("note"), cite))
        c.stances = tuple(stances)
        c.status = derive_status(c.stances)
        if "assessment" in v:
            a = v["assessment"]
            c.assessment = m.Assessment(
                a["verdict"], self.prose(a["reason"], c), self.cites(a, c, "the editors' assessment")
            )

    def _site(self, v: Fields) -> m.Site | None:
        lede = self.cited_text(v["lede"], _SITE_OWNER, "the opening summary")
        featured = self.resolve_as(v["featured_event"], m.Event)
        questions = tuple(
            m.Question(
                q["question"],
                self.prose(q["answer"], _SITE_OWNER),
                self.cites(q, _SITE_OWNER, f"the answer to \u201c{q['question']}\u201d"),
            )
            for q in v["questions"]
        )
        scope = self.cited_text(v["scope"], _ABOUT_OWNER, "what the explainer covers") if "scope" in v else None
        if featured is None:
            return None
        return m.Site(v["title"], lede, featured, questions, v["as_of"], scope)

    def _source_chains(self) -> None:
        sources = [e for e in self.by_id.values() if isinstance(e, m.Source)]
        cited_by: dict[m.Source, list[m.Source]] = defaultdict(list)
        for s in sources:
            for c in s.cites:
                cited_by[c].append(s)
        for s in sources:
            s.cited_by = tuple(sorted(cited_by[s], key=lambda x: x.id))
        # Origins: follow 'cites' down to sources that relay nothing; a loop is an error.
        state: dict[m.Source, int] = {}
        for s in sorted(sources, key=lambda x: x.id):
            self._origins(s, state)
        for citation, via, loc in self.vias:
            if via not in citation.source.cites:
                self._error(
                    "via-not-cited",
                    loc,
                    f"{show(citation.source.id)} does not list {show(via.id)} in its 'cites'",
                    f"add {via.id} to the 'cites' of {citation.source.id}",
                )
        for s in sources:
            if s.access == "relayed" and not any(c.access == "direct" for c in cited_by[s]):
                v = self.checked.entities["sources"][s.id]
                self._error(
                    "relayed-uncited",
                    v.locs["access"],
                    f"the source {show(s.id)} is marked 'relayed' but no source read directly cites it",
                    "add it to the 'cites' of the source that relays it, or set access: direct",
                )

    def _origins(self, root: m.Source, state: dict[m.Source, int]) -> None:
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
                    continue  # a source citing itself is reported in _source
                path = [x for x, _, _ in stack]
                loop = " -> ".join(x.id for x in path[path.index(c) :] + [c])
                src = self.checked.entities["sources"][c.id]
                self._error(
                    "self-cite",
                    src.locs.get("cites", src.loc),
                    f"the reporting chain loops: {loop}",
                    "remove one link of the loop from 'cites'",
                )
            else:
                state[c] = 1
                stack.append((c, iter(c.cites), {}))

    def _same_groups(self) -> None:
        """Join actors named in each other's same_as into groups (union-find, both directions)."""
        actors = sorted((e for e in self.by_id.values() if isinstance(e, m.Actor)), key=lambda a: a.id)
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

    def _backlinks(self) -> None:
        from .views import order_events  # views reads STATUSES from this module

        ents = list(self.by_id.values())
        # Events an actor took part in, and those related to an event, in timeline order.
        when = {
            e: i for i, e in enumerate(order_events(e for e in ents if isinstance(e, m.Event) and e.date is not None))
        }
        affiliated: defaultdict[m.Actor, list[tuple[m.Actor, m.Affiliation]]] = defaultdict(list)
        parts: defaultdict[m.Actor, list[tuple[m.Event, m.Participant]]] = defaultdict(list)
        stances: defaultdict[m.Actor, list[tuple[m.Claim, m.Stance]]] = defaultdict(list)
        published: defaultdict[m.Actor, list[m.Source]] = defaultdict(list)
        authored: defaultdict[m.Actor, list[m.Source]] = defaultdict(list)
        about: defaultdict[m.Entity, list[m.Claim]] = defaultdict(list)
        related_from: defaultdict[m.Event, list[tuple[m.Event, m.Related]]] = defaultdict(list)
        alleged: defaultdict[m.Claim, list[tuple[m.Event, m.Participant]]] = defaultdict(list)
        for e in ents:
            if isinstance(e, m.Actor):
                for a in e.affiliations:
                    affiliated[a.actor].append((e, a))
            elif isinstance(e, m.Event):
                for p in e.participants:
                    parts[p.actor].append((e, p))
                    if p.claim is not None:
                        alleged[p.claim].append((e, p))
                for r in e.related:
                    related_from[r.event].append((e, r))
            elif isinstance(e, m.Claim):
                for s in e.stances:
                    stances[s.actor].append((e, s))
                for x in e.about:
                    about[x].append(e)
                cited = {c.source.id: c.source for s in e.stances for c in s.cite}
                e.sources = tuple(cited[k] for k in sorted(cited))
                seen = {o.id: o for s in e.stances for c in s.cite for o in c.origins}
                e.origins = tuple(seen[k] for k in sorted(seen))
            elif isinstance(e, m.Source):
                if e.publisher is not None:
                    published[e.publisher].append(e)
                for author in e.authors:
                    authored[author].append(e)
        by_id = lambda x: x.id  # noqa: E731 (a one-line helper, read where it is used)
        for e in ents:
            e.mentioned_in = tuple(sorted(self.mentions[e], key=by_id))
            if isinstance(e, m.Actor):
                e.affiliated = tuple(sorted(affiliated[e], key=lambda t: t[0].id))
                e.participations = tuple(sorted(parts[e], key=lambda t: when[t[0]]))
                e.stances = tuple(sorted(stances[e], key=lambda t: t[0].id))
                e.published = tuple(sorted(published[e], key=by_id))
                e.authored = tuple(sorted(authored[e], key=by_id))
                e.claims_about = tuple(sorted(about[e], key=by_id))
            elif isinstance(e, m.Event):
                e.related_from = tuple(sorted(related_from[e], key=lambda t: (when[t[0]], t[1].relation)))
                e.claims_about = tuple(sorted(about[e], key=by_id))
            elif isinstance(e, m.Claim):
                e.alleged_in = tuple(sorted(alleged[e], key=lambda t: t[0].id))
            elif isinstance(e, m.Source):
                e.uses = tuple(self.uses[e])


class _SiteOwner:
    """Stands for the front page when a source records where it is cited."""

    KIND = "site"
    id = "index"
    label = "Front page"


_SITE_OWNER = _SiteOwner()


def _by_id(made: dict[str, E]) -> tuple[E, ...]:
    return tuple(made[k] for k in sorted(made))


def _label(target: m.Entity | None, ref: Ref) -> str:
    """How a citation's description names the entity a reference points to, or its id when it did not resolve."""
    return target.label if target is not None else ref.id


def _possessive(name: str) -> str:
    """ "John Kirby's", "US armed forces'": how a source page says whose role or position a citation supports."""
    return name + ("'" if name.endswith("s") else "'s")


class _AboutOwner:
    """Stands for the about page (about/index.md, urls.ABOUT), where site.yaml's scope is shown."""

    KIND = "about"
    id = "index"
    label = "About this explainer"


_ABOUT_OWNER = _AboutOwner()


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def link(checked: Checked, report: Report) -> m.Model | None:
    return Linker(checked, report).link()


class _Detached(Linker):
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
            entity = _CLASSES[kind](id=entity_id, file="")
            setattr(entity, _NAME_FIELD[kind], entity_id)
            self.placeholders[key] = entity
        return self.placeholders[key]


_CLASSES = {"actors": m.Actor, "events": m.Event, "claims": m.Claim, "sources": m.Source}
_NAME_FIELD = {"actors": "name", "events": "title", "claims": "proposition", "sources": "title"}


def link_entity(kind: str, values: Fields, known: dict[str, m.Entity]) -> m.Entity:
    """One entity of `kind` from its checked fields, its references resolved in `known`
    (a linked model's by_id). For describing earlier versions of a file: no diagnostics,
    no backlinks, and no effect on `known` or its entities."""
    linker = _Detached(known)
    entity = _CLASSES[kind](id=values["id"], file="", locs=dict(values.locs))
    setattr(entity, _NAME_FIELD[kind], values[_NAME_FIELD[kind]])
    if isinstance(entity, m.Actor):
        linker._actor(entity, values)
    elif isinstance(entity, m.Event):
        linker._event(entity, values)
    elif isinstance(entity, m.Claim):
        linker._claim(entity, values)
    elif isinstance(entity, m.Source):
        linker._source(entity, values)
    return entity
