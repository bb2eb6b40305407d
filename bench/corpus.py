"""A synthetic explainer of any size, shaped like a long-running conflict tracker.

Deterministic for a seed: the same (entities, seed) gives the same bytes. Every reference
resolves, every quote stands in the archived text of its source (written beside the
content as archive/), and `explainer check --archive` reports nothing. References are
skewed the way real coverage is: a few states and militias appear in many events and
claims, most actors in a handful, so backlink lists on hub pages grow with the corpus.

Only plain data reaches the emitter (yaml.safe_dump): no tags, anchors or aliases.
"""

from __future__ import annotations

import bisect
import itertools
import random
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.content.patterns import slugify

KIND_FOLDERS = ("actors", "events", "claims", "sources")
SINGULAR = {"actors": "actor", "events": "event", "claims": "claim", "sources": "source"}
# Shares of the entity count, roughly a conflict tracker's: many events and sources, fewer actors.
SHARES = {"actors": 0.12, "sources": 0.30, "claims": 0.23}  # events: the rest

_FIRST = (
    "Ahmed",
    "Sara",
    "John",
    "Layla",
    "Omar",
    "Maria",
    "Hassan",
    "Fatima",
    "David",
    "Noor",
    "Ali",
    "Elena",
    "Karim",
    "Huda",
    "James",
    "Rana",
    "Yusuf",
    "Anna",
    "Tariq",
    "Mona",
    "Peter",
    "Zainab",
    "Samir",
    "Lina",
)
_LAST = (
    "Al-Amiri",
    "Kirby",
    "Haddad",
    "Novak",
    "Rahimi",
    "Said",
    "Okafor",
    "Jaber",
    "Lindqvist",
    "Mansour",
    "Petrov",
    "Khalil",
    "Brennan",
    "Tabatabai",
    "Rossi",
    "Nasser",
    "Hughes",
    "Karimi",
    "Weber",
    "Saleh",
)
_PLACES = (
    "Anbar",
    "Erbil",
    "Baghdad",
    "Basra",
    "Deir ez-Zor",
    "Mosul",
    "Kirkuk",
    "Nineveh",
    "Diyala",
    "Tikrit",
    "Al Qaim",
    "Sinjar",
    "Fallujah",
    "Ramadi",
    "Karbala",
    "Najaf",
    "Hasakah",
    "Raqqa",
    "Albu Kamal",
    "Haditha",
)
_SITES = (
    "Air Base",
    "Airport",
    "Camp",
    "Checkpoint",
    "Embassy Compound",
    "Logistics Convoy",
    "Oil Field",
    "Border Crossing",
    "Military Base",
    "Green Zone",
    "Market",
    "Power Station",
)
_ADJ = (
    "Northern",
    "Southern",
    "Popular",
    "Revolutionary",
    "Independent",
    "United",
    "Free",
    "Islamic",
    "National",
    "Federal",
    "Central",
    "Eastern",
    "Western",
    "Provincial",
    "Joint",
    "Special",
)
_GROUP = (
    "Brigade",
    "Battalions",
    "Front",
    "Movement",
    "Resistance",
    "Guards",
    "Companions",
    "Mobilization Units",
    "Army",
    "League",
    "Vanguard",
    "Defenders",
)
_OUTLET = (
    "Times",
    "Post",
    "Monitor",
    "Observer",
    "Herald",
    "Wire",
    "News",
    "Dispatch",
    "Review",
    "Tribune",
    "Report",
    "Journal",
)
_GOV = (
    "Ministry of Defense",
    "Ministry of Interior",
    "Foreign Ministry",
    "Security Council",
    "Joint Operations Command",
    "Office of the Prime Minister",
    "Department of Defense",
    "Department of State",
    "Counter-Terrorism Service",
)
_STATES = (
    "Iraq",
    "Iran",
    "United States",
    "Syria",
    "Turkey",
    "Israel",
    "Jordan",
    "Saudi Arabia",
    "Kuwait",
    "United Kingdom",
    "France",
    "Russia",
    "Lebanon",
    "Qatar",
)
# Arabic-script aliases (one script each, as the 'lookalike' rule wants).
_ARABIC = ("كتائب", "حزب", "الله", "سرايا", "عصائب", "أهل", "الحق", "النجباء", "بدر", "الشهداء", "جند", "الإمام")
_WORDS = (
    "officials",
    "said",
    "the",
    "attack",
    "was",
    "carried",
    "out",
    "by",
    "rockets",
    "launched",
    "from",
    "near",
    "base",
    "militia",
    "forces",
    "according",
    "to",
    "statement",
    "sources",
    "reported",
    "no",
    "injuries",
    "damage",
    "investigation",
    "responsibility",
    "group",
    "drone",
    "strike",
    "convoy",
    "security",
    "early",
    "morning",
    "evening",
    "claimed",
    "denied",
    "involvement",
    "believe",
    "evidence",
    "intelligence",
    "suggests",
    "local",
    "residents",
    "heard",
    "explosions",
    "troops",
    "coalition",
    "spokesman",
    "told",
    "reporters",
)
POSITION_WEIGHTS = (("asserts", 35), ("denies", 20), ("doubts", 12), ("reports", 18), ("declines-to-attribute", 15))
EVENT_KINDS = (
    ("rocket-attack", 30),
    ("attack", 15),
    ("airstrike", 15),
    ("missile-attack", 8),
    ("storming", 4),
    ("targeted-killing", 5),
    ("statement", 12),
    ("investigation", 6),
    ("other", 5),
)
ROLES = (
    ("target", 40),
    ("victim", 15),
    ("carried-out", 10),
    ("ordered", 4),
    ("responder", 12),
    ("investigator", 7),
    ("spokesperson", 8),
    ("location", 4),
)


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    data: dict = field(default_factory=dict)


@dataclass
class Source:
    id: str
    index: int
    access: str
    date: str
    publisher: str
    title: str
    cites: list[str] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    data: dict = field(default_factory=dict)
    spoken: list[str] = field(default_factory=list)  # quotes it prints inside quotation marks (words: speaker)
    subheadline: str | None = None


def counts(entities: int) -> dict[str, int]:
    if entities < 30:
        raise ValueError("a corpus needs at least 30 entities")
    n = {k: max(8, round(entities * share)) for k, share in SHARES.items()}
    n["actors"] = max(10, n["actors"])  # one of each kind, and people to quote
    n["events"] = entities - sum(n.values())
    return n


FIRST_YEAR, LAST_YEAR = 2014, 2024


class Corpus:
    """The benchmark's shape: short texts, two to five stances a claim."""

    # Shares of the actors by kind; the rest are people.
    ACTOR_PLAN = (
        ("state", 0.06),
        ("media-outlet", 0.12),
        ("government-body", 0.12),
        ("armed-forces", 0.08),
        ("armed-group", 0.16),
        ("organization", 0.08),
        ("anonymous-group", 0.06),
    )
    STANCES = (2, 5)  # stances per claim, fewest and most
    CASUALTIES = 0.35  # share of violent events with casualty figures
    ASSESSED = 0.2  # share of claims with the site's own assessment

    def __init__(self, entities: int, seed: int, months: int | None = None):
        self.rng = random.Random(seed)
        self.months = months
        self.n = counts(entities)
        self.ids: set[str] = set()
        self.actors: list[Actor] = []
        self.sources: list[Source] = []
        self.events: list[dict] = []
        self.claims: list[dict] = []

    # --- helpers ----------------------------------------------------------------------

    def unique_id(self, text: str, limit: int = 56) -> str:
        base = slugify(text)[:limit].strip("-") or "entity"
        candidate = base
        for i in itertools.count(2):
            if candidate not in self.ids:
                break
            candidate = f"{base}-{i}"
        self.ids.add(candidate)
        self.suffix = candidate[len(base) :]  # "-2", "-3" ... when the text's own slug was taken
        return candidate

    def distinct(self, text: str) -> str:
        """The text the last unique_id came from, told apart the way its id was: check reports
        two actors of one name (duplicate-name) and two claims of one proposition."""
        return f"{text} ({self.suffix[1:]})" if self.suffix else text

    def sentence(self, low: int = 8, high: int = 18) -> str:
        words = self.rng.choices(_WORDS, k=self.rng.randint(low, high))
        return words[0].capitalize() + " " + " ".join(words[1:]) + "."

    def date(self) -> tuple[int, int, int]:
        if self.months:  # a span of months from January of FIRST_YEAR
            month = self.rng.randrange(self.months)
            return FIRST_YEAR + month // 12, 1 + month % 12, self.rng.randint(1, 28)
        return self.rng.randint(FIRST_YEAR, LAST_YEAR), self.rng.randint(1, 12), self.rng.randint(1, 28)

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def skewed(self, pool: list, cum: list[float], k: int = 1) -> list:
        """k distinct picks from pool, the first items far more often (coverage concentrates on a few)."""
        k = min(k, len(pool))
        picked: dict[int, None] = {}
        while len(picked) < k:
            i = bisect.bisect_left(cum, self.rng.random() * cum[-1])
            picked[min(i, len(pool) - 1)] = None
        return [pool[i] for i in picked]

    @staticmethod
    def zipf(n: int, s: float = 0.9) -> list[float]:
        return list(itertools.accumulate(1 / (r + 1) ** s for r in range(n)))

    def cite(self, k_low: int = 1, k_high: int = 2, quote: float = 0.5, via: float = 0.4) -> list:
        """Citations of sources read directly, some quoting them, some relaying an earlier source."""
        out = []
        for s in self.rng.sample(self.direct, k=self.rng.randint(k_low, k_high)):
            if self.rng.random() >= quote:
                out.append(s.id)
                continue
            q = self.sentence(10, 22)
            s.quotes.append(q)
            c = {"source": s.id, "quote": q}
            if s.cites and self.rng.random() < via:
                c["via"] = self.rng.choice(s.cites)
            if self.rng.random() < 0.15:
                c["note"] = self.rng.choice(("headline", "second paragraph", "quoting a spokesman", "in an update"))
            out.append(c)
        return out

    def prose(self, pool: list[str], refs: int) -> str:
        parts = [self.sentence()]
        for target in self.rng.sample(pool, k=min(refs, len(pool))):
            if self.rng.random() < 0.5:
                parts.append(f"It involved [[{target}]].")
            else:
                parts.append(f"See also [[{target}|{self.sentence(2, 4)[:-1].lower()}]].")
            parts.append(self.sentence())
        return " ".join(parts)

    # --- the kinds, in dependency order -------------------------------------------------

    def make_actors(self) -> None:
        n = self.n["actors"]
        kinds: list[str] = []
        for kind, share in self.ACTOR_PLAN:
            kinds += [kind] * max(1, round(n * share))
        kinds += ["person"] * (n - len(kinds))
        self.rng.shuffle(kinds)
        for i, kind in enumerate(kinds):
            name = self.actor_name(kind, i)
            actor_id = self.unique_id(name)
            self.actors.append(Actor(actor_id, self.distinct(name), kind))
        self.by_kind: dict[str, list[Actor]] = {}
        for a in self.actors:
            self.by_kind.setdefault(a.kind, []).append(a)
        self.actor_cum = self.zipf(len(self.actors))

    def actor_name(self, kind: str, i: int) -> str:
        r = self.rng
        if kind == "person":
            return f"{r.choice(_FIRST)} {r.choice(_LAST)}"
        if kind == "state":
            return (
                _STATES[i % len(_STATES)] if i < len(_STATES) else f"{r.choice(_ADJ)} Republic of {r.choice(_PLACES)}"
            )
        if kind == "media-outlet":
            return f"{r.choice(_PLACES)} {r.choice(_OUTLET)}"
        if kind == "government-body":
            return f"{r.choice(_STATES)} {r.choice(_GOV)}"
        if kind == "armed-forces":
            return f"{r.choice(_STATES)} {r.choice(('Army', 'Air Force', 'Special Forces', 'Border Guard', 'Navy'))}"
        if kind == "armed-group":
            return f"{r.choice(_ADJ)} {r.choice(_GROUP)} of {r.choice(_PLACES)}"
        if kind == "organization":
            return (
                f"{r.choice(_ADJ)} {r.choice(('Relief Agency', 'Monitoring Group', 'Party', 'Council', 'Institute'))}"
            )
        return (
            f"{r.choice(('Two', 'Three', 'Several', 'Unnamed'))} {r.choice(_STATES)} "
            f"{r.choice(('officials', 'defense officials', 'security sources', 'diplomats'))}"
        )

    def make_sources(self) -> None:
        n = self.n["sources"]
        outlets = self.by_kind["media-outlet"]
        official = self.by_kind.get("government-body", []) + self.by_kind.get("armed-forces", [])
        people = self.by_kind.get("person", [])
        # Dates rise with the index, so a source only relays earlier ones and chains never loop.
        days = sorted(self.date() for _ in range(n))
        relayed = set(self.rng.sample(range(n - 1), k=n // 5))
        for i in range(n):
            y, m, d = days[i]
            if official and self.rng.random() < 0.2:
                pub, kind = self.rng.choice(official), self.rng.choice(("official-statement", "press-briefing"))
            else:
                pub, kind = (
                    self.rng.choice(outlets),
                    self.weighted(
                        (("news-report", 70), ("analysis", 15), ("opinion", 5), ("interview", 5), ("social-media", 5))
                    ),
                )
            title = f"{self.sentence(5, 9)[:-1]} in {self.rng.choice(_PLACES)}"
            sid = self.unique_id(f"{slugify(pub.name)[:20]}-{y:04d}-{m:02d}-{d:02d}-{slugify(title)[:24]}")
            s = Source(sid, i, "relayed" if i in relayed else "direct", f"{y:04d}-{m:02d}-{d:02d}", pub.id, title)
            s.data = {
                "kind": kind,
                "authors": [a.id for a in self.rng.sample(people, k=min(len(people), self.rng.choice((0, 1, 1, 2))))],
            }
            self.sources.append(s)
        # Each relayed source is read through a later direct one; some direct ones relay earlier direct reports.
        direct = [s for s in self.sources if s.access == "direct"]
        for s in self.sources:
            if s.access == "relayed":
                later = [d for d in direct[bisect.bisect_right([x.index for x in direct], s.index) :][:8]]
                self.rng.choice(later).cites.append(s.id)
        for s in direct:
            earlier = self.sources[max(0, s.index - 40) : s.index]
            if earlier and self.rng.random() < 0.25:
                c = self.rng.choice(earlier)
                if c.id not in s.cites:
                    s.cites.append(c.id)
        self.direct = direct

    def make_events(self) -> None:
        n = self.n["events"]
        groups = self.by_kind["armed-group"] + self.by_kind.get("state", [])
        all_actors = self.actors
        for _ in range(n):
            y, m, d = self.date()
            kind = self.weighted(EVENT_KINDS)
            place = f"{self.rng.choice(_PLACES)} {self.rng.choice(_SITES)}"
            title = f"{kind.replace('-', ' ').capitalize()} at {place}"
            eid = self.unique_id(f"{title}-{y:04d}-{m:02d}-{d:02d}")
            e = {"id": eid, "title": title, "date": f"{y:04d}-{m:02d}-{d:02d}"}
            if self.rng.random() < 0.1:
                e["approximate"] = True
            if self.rng.random() < 0.08:
                e["end_date"] = f"{y:04d}-{m:02d}-{min(28, d + self.rng.randint(1, 5)):02d}"
            e["place"] = f"{place}, {self.rng.choice(_PLACES)} province"
            e["kind"] = kind
            e["summary"] = None  # filled once every id exists
            parts = []
            for a in self.skewed(all_actors, self.actor_cum, k=self.rng.randint(1, 4)):
                p = {"actor": a.id, "role": self.weighted(ROLES)}
                if self.rng.random() < 0.2:
                    p["note"] = self.sentence(3, 7)
                p["cite"] = self.cite(1, 1)
                parts.append(p)
            e["participants"] = parts
            if kind in ("rocket-attack", "attack", "airstrike", "missile-attack", "storming", "targeted-killing"):
                e["_perpetrator"] = self.rng.choice(groups).id if self.rng.random() < 0.7 else None
                if self.rng.random() < self.CASUALTIES:
                    e["casualties"] = [self.casualty() for _ in range(self.rng.randint(1, 2))]
            if self.events and self.rng.random() < 0.3:
                others = self.rng.sample(self.events[-60:], k=min(len(self.events), self.rng.randint(1, 2), 60))
                e["related"] = [
                    {
                        "relation": self.rng.choice(("response-to", "retaliation-for", "follows", "part-of")),
                        "event": o["id"],
                        "cite": self.cite(1, 1),
                    }
                    for o in others
                ]
            self.events.append(e)

    def casualty(self) -> dict:
        """A casualty figure in each shape the model has: killed or injured with a count (sometimes
        'reportedly'), died with its cause, or none reported (no count)."""
        shape = self.rng.random()
        if shape < 0.1:
            return {
                "kind": self.rng.choice(("killed", "injured")),
                "reported": "none",
                "cause": "as a direct result of the attack",
                "cite": self.cite(1, 2),
            }
        c = {
            "kind": "died" if shape < 0.2 else self.rng.choice(("killed", "injured")),
            "count": self.rng.randint(0, 40),
        }
        if self.rng.random() < 0.15:
            c["reported"] = "reportedly"
        q = self.rng.choice(("exactly", "at-least", "about", "exactly"))
        if q != "exactly":
            c["qualifier"] = q
        c["who"] = self.rng.choice(
            ("civilians", "US contractors", "Iraqi soldiers", "militia members", "security guards")
        )
        if c["kind"] == "died":
            c["cause"] = self.rng.choice(
                ("after a cardiac episode while sheltering", "in a vehicle accident on the way to the site")
            )
        c["cite"] = self.cite(1, 2)
        return c

    def make_claims(self) -> None:
        n = self.n["claims"]
        speakers = [a for a in self.actors if a.kind != "media-outlet"]
        speaker_cum = self.zipf(len(speakers), 0.7)
        # Perpetrator allegations first: each contested role on an event points to its claim.
        alleged = [e for e in self.events if e.get("_perpetrator")]
        self.rng.shuffle(alleged)
        alleged = alleged[: n * 2 // 3]
        for i in range(n):
            if i < len(alleged):
                e = alleged[i]
                who = self._actor(e["_perpetrator"])
                prop = f"{who.name} carried out the {_lower_first(e['title'])} on {e['date']}."
                about = [e["id"], who.id]
                e["participants"].append({"actor": who.id, "role": "perpetrator", "claim": None})
            else:
                e = self.rng.choice(self.events)
                who = self.skewed(self.actors, self.actor_cum)[0]
                prop = self.rng.choice(
                    (
                        f"{who.name} ordered the {_lower_first(e['title'])}.",
                        f"The {_lower_first(e['title'])} killed more people than officially reported.",
                        f"{who.name} received weapons used in the {_lower_first(e['title'])}.",
                    )
                )
                about = [e["id"], who.id] if self.rng.random() < 0.8 else [e["id"]]
            cid = self.unique_id(prop)
            prop = self.distinct(prop)
            if i < len(alleged):
                e["participants"][-1]["claim"] = cid
            stances = []
            for a in self.skewed(speakers, speaker_cum, k=self.rng.randint(*self.STANCES)):
                s = {"actor": a.id, "position": self.weighted(POSITION_WEIGHTS)}
                if self.rng.random() < 0.7:
                    s["date"] = e["date"]
                note = self.stance_note()
                if note:
                    s["note"] = note
                s["cite"] = self.cite(1, 2, quote=0.7)
                stances.append(s)
            c = {"id": cid, "proposition": prop, "about": about, "stances": stances}
            if self.rng.random() < self.ASSESSED:
                c["assessment"] = {
                    "verdict": self.rng.choice(("supported", "contradicted", "unproven")),
                    "reason": self.reason([x["id"] for x in self.events[:200]]),
                    "cite": self.cite(1, 2),
                }
            self.claims.append(c)

    def stance_note(self) -> str | None:
        """A stance's note, or None (most stances have none)."""
        return self.sentence(5, 12) if self.rng.random() < 0.4 else None

    def reason(self, pool: list[str]) -> str:
        """An assessment's reason."""
        return self.prose(pool, 1)

    def summary(self, pool: list[str], refs: tuple[int, ...]) -> str:
        """An actor's or event's summary, linking to as many entities as one of `refs` says."""
        return self.prose(pool, self.rng.choice(refs))

    def _actor(self, actor_id: str) -> Actor:
        if not hasattr(self, "_actors_by_id"):
            self._actors_by_id = {a.id: a for a in self.actors}
        return self._actors_by_id[actor_id]

    def finish(self) -> None:
        """Summaries and affiliations, which may point at anything now that every id exists."""
        everything = [a.id for a in self.actors] + [e["id"] for e in self.events] + [c["id"] for c in self.claims]
        outlets = self.by_kind["media-outlet"]
        states = self.by_kind.get("state", [])
        govs = self.by_kind.get("government-body", []) + self.by_kind.get("armed-forces", [])
        used_arabic: set[str] = set()
        for a in self.actors:
            d = {"id": a.id, "name": a.name, "kind": a.kind}
            aliases = []
            if a.kind in ("armed-group", "organization", "state") and self.rng.random() < 0.6:
                aliases.append(
                    a.name.replace("Battalions", "Brigades").replace("of ", "in ") + " (alternative spelling)"
                )
                if self.rng.random() < 0.5:
                    arabic = " ".join(self.rng.sample(_ARABIC, k=3))
                    if arabic not in used_arabic:  # one actor's alias is not another's (duplicate-name)
                        used_arabic.add(arabic)
                        aliases.append(arabic)
            if aliases:
                d["aliases"] = aliases
            d["summary"] = {"text": self.summary(everything, (0, 1, 1, 2)), "cite": self.cite(1, 2)}
            affs = []
            if a.kind == "person":
                other = self.rng.choice(outlets + govs)
                rel = (
                    "works-for"
                    if other.kind == "media-outlet"
                    else self.rng.choice(("spokesperson-for", "official-of"))
                )
                aff = {"relation": rel, "actor": other.id}
                if rel != "works-for":
                    aff["title"] = self.rng.choice(("spokesman", "minister", "commander", "senior adviser"))
                aff["as_of"] = "-".join(f"{p:02d}" if i else f"{p:04d}" for i, p in enumerate(self.date()))
                aff["cite"] = self.cite(1, 1)
                affs.append(aff)
            elif a.kind == "armed-group" and states:
                for other in self.rng.sample(states, k=min(len(states), self.rng.randint(1, 2))):
                    y = self.rng.randint(2003, 2015)
                    affs.append(
                        {"relation": "backed-by", "actor": other.id, "since": f"{y:04d}", "cite": self.cite(1, 2)}
                    )
            elif a.kind in ("government-body", "armed-forces") and states:
                affs.append({"relation": "part-of", "actor": self.rng.choice(states).id, "cite": self.cite(1, 1)})
            if affs:
                d["affiliations"] = affs
            a.data = d
        for e in self.events:
            e["summary"] = {"text": self.summary(everything, (0, 1, 2)), "cite": self.cite(1, 2)}

    # --- output ---------------------------------------------------------------------------

    def documents(self):
        """(folder, id, plain data) for every entity, then site.yaml."""
        for a in self.actors:
            yield "actors", a.id, a.data
        for e in self.events:
            yield "events", e["id"], {k: v for k, v in e.items() if not k.startswith("_")}
        for c in self.claims:
            yield "claims", c["id"], c
        for s in self.sources:
            d = {"id": s.id, "title": s.title, "publisher": s.publisher}
            if s.data["authors"]:
                d["authors"] = s.data["authors"]
            d.update(published=s.date, kind=s.data["kind"], access=s.access)
            if s.access == "direct":
                d["url"] = f"https://news.example.org/{s.date[:4]}/{s.id}"
                if s.index % 3 == 0:
                    d["archived_url"] = f"https://archive.example.net/web/{s.date.replace('-', '')}/{s.id}"
                d["archived_text"] = f"{s.id}.txt"
            if s.cites:
                d["cites"] = s.cites
            yield "sources", s.id, d

    def site(self) -> dict:
        featured = self.events[0]
        return {
            "title": f"Synthetic conflict tracker ({len(self.ids)} entities)",
            "as_of": max(s.date for s in self.sources),
            "lede": {
                "text": f"A generated explainer for benchmarks, centred on [[{featured['id']}]]. {self.sentence()}",
                "cite": self.cite(1, 2),
            },
            "featured_event": featured["id"],
            "questions": [
                {"question": f"{self.sentence(4, 8)[:-1]}?", "answer": self.sentence(), "cite": self.cite(1, 1)}
                for _ in range(3)
            ],
        }

    def archive_text(self, s: Source) -> str:
        paras = [s.title + "."]
        for q in s.quotes:
            paras.append(f"{self.sentence()} {q} {self.sentence()}")
        paras.append(self.sentence())
        return "\n\n".join(paras) + "\n"


class RealCorpus(Corpus):
    """Shaped like content/, the first explainer: many stances a claim (up to eight), nearly
    every stance with a long note in the editor's words and one to three citations, most
    quoting; a third of the quotes a speaker's own words (printed inside quotation marks in the
    archived text, as check verifies), some the source's headline or subheadline; summaries of
    two paragraphs; six front-page questions with long answers and a scope; anonymous groups
    in pairs named in each other's same_as; casualty figures and assessments more often."""

    # content/ has 3 anonymous groups among 32 actors, all named in each other's same_as.
    ACTOR_PLAN = tuple((k, 0.12 if k == "anonymous-group" else s) for k, s in Corpus.ACTOR_PLAN)
    STANCES = (2, 8)
    CASUALTIES = 0.6
    ASSESSED = 0.4

    def cite(self, k_low: int = 1, k_high: int = 2, quote: float = 0.5, via: float = 0.4) -> list:
        """As the benchmark's, with more of them quoting and whose words each quote is."""
        out = super().cite(k_low, k_high + 1, quote=max(quote, 0.75), via=via)
        for c in out:
            if isinstance(c, dict):
                self.words(c, self._source(c["source"]))
        return out

    def words(self, c: dict, s: Source) -> None:
        """Say whose words the citation's quote is, as content/ does, and put them in the source's text."""
        r = self.rng.random()
        if r < 0.3:
            c["words"] = "speaker"
            s.spoken.append(c["quote"])
        elif r < 0.37:
            c["quote"], c["words"] = s.title, "headline"
        elif r < 0.42:
            if s.subheadline is None:
                s.subheadline = self.sentence(10, 18)
            c["quote"], c["words"] = s.subheadline, "subheadline"
        elif r < 0.5:
            c["words"] = "reporter"

    def _source(self, source_id: str) -> Source:
        if not hasattr(self, "_sources_by_id"):
            self._sources_by_id = {s.id: s for s in self.sources}
        return self._sources_by_id[source_id]

    def stance_note(self) -> str | None:
        return self.long_text(80, 260) if self.rng.random() < 0.97 else None

    def long_text(self, low: int, high: int) -> str:
        """Sentences until the text is at least `low` characters, cut back under `high`."""
        text = self.sentence()
        while len(text) < low:
            text += " " + self.sentence()
        return text if len(text) <= high else text[: high - 1].rsplit(" ", 1)[0] + "."

    def reason(self, pool: list[str]) -> str:
        return f"{self.prose(pool, 2)} {self.long_text(150, 300)}"

    def summary(self, pool: list[str], refs: tuple[int, ...]) -> str:
        first = self.prose(pool, self.rng.choice(refs) + 1)
        return f"{first} {self.long_text(100, 250)}\n\n{self.prose(pool, self.rng.choice(refs))}"

    def finish(self) -> None:
        super().finish()
        anonymous = self.by_kind.get("anonymous-group", [])
        for a, b in zip(anonymous[0::2], anonymous[1::2], strict=False):
            # descriptions of people who may be the same: counted once wherever actors are counted
            a.data = _with_same_as(a.data, b.id)
            b.data = _with_same_as(b.data, a.id)

    def site(self) -> dict:
        data = super().site()
        everything = [e["id"] for e in self.events[:200]] + [a.id for a in self.actors[:50]]
        data["scope"] = {"text": self.summary(everything, (1, 2)), "cite": self.cite(1, 2)}
        data["questions"] = [
            {
                "question": f"{self.sentence(4, 8)[:-1]}?",
                "answer": f"{self.prose(everything, self.rng.randint(1, 3))} {self.long_text(300, 900)}",
                "cite": self.cite(2, 3),
            }
            for _ in range(6)
        ]
        return data

    def archive_text(self, s: Source) -> str:
        paras = [s.title + "."]
        if s.subheadline:
            paras.append(s.subheadline)
        spoken = set(s.spoken)
        for q in s.quotes:
            shown = f"A spokesman said: \u201c{q}\u201d" if q in spoken else q
            paras.append(f"{self.sentence()} {shown} {self.sentence()}")
        paras.append(self.sentence())
        return "\n\n".join(paras) + "\n"


def _with_same_as(data: dict, other: str) -> dict:
    """The actor's data with `other` in same_as, placed before the summary as content/ places it."""
    out = {}
    for k, v in data.items():
        if k == "summary":
            out["same_as"] = [other]
        out[k] = v
    return out


SHAPES: dict[str, type[Corpus]] = {"bench": Corpus, "real": RealCorpus}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def build(entities: int, seed: int = 1, months: int | None = None, shape: str = "bench") -> Corpus:
    """`months` spreads the dates over that many months instead of 2014-2024: a smaller corpus
    as dense per year and month as a larger one, for tests of the pages that hold one period.
    `shape`: "bench" (short texts) or "real" (texts and citations as long as content/'s)."""
    c = SHAPES[shape](entities, seed, months)
    c.make_actors()
    c.make_sources()
    c.make_events()
    c.make_claims()
    c.finish()
    c.site_data = c.site()
    return c


def dump(data: dict, kind: str) -> str:
    schema = "../schemas/site.schema.json" if kind == "site" else f"../../schemas/{SINGULAR[kind]}.schema.json"
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"# yaml-language-server: $schema={schema}\n{body}"


def write(entities: int, out: Path, seed: int = 1, months: int | None = None, shape: str = "bench") -> dict[str, int]:
    """Write content/ and archive/ under `out` (replacing them); return the count of each kind."""
    c = build(entities, seed, months, shape)
    out = Path(out)
    content, archive = out / "content", out / "archive"
    for d in (content, archive):
        if d.exists():
            shutil.rmtree(d)
    for kind in KIND_FOLDERS:
        (content / kind).mkdir(parents=True)
    archive.mkdir(parents=True)
    written = {k: 0 for k in KIND_FOLDERS}
    for kind, entity_id, data in c.documents():
        (content / kind / f"{entity_id}.yaml").write_text(dump(data, kind), encoding="utf-8")
        written[kind] += 1
    (content / "site.yaml").write_text(dump(c.site_data, "site"), encoding="utf-8")
    for s in c.direct:
        (archive / f"{s.id}.txt").write_text(c.archive_text(s), encoding="utf-8")
    return written
