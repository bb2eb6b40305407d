"""The content model: every kind, its fields and their documentation, in one place.

Validation (validate.py), the JSON Schema editors get (editors/schema_export.py) and the field
reference in CONTRIBUTING.md (editors/editor_docs.py) are all read from the definitions here.
The types they are made of are in types.py, text.py and obj.py; the allowed values in vocab.py;
the rules between fields in rules.py.
"""

from __future__ import annotations

from .obj import Field, Obj
from .rules import (
    CASUALTY_SCHEMA,
    PARTICIPANT_SCHEMA,
    casualty_rule,
    end_after_start,
    participant_rule,
    words_need_quote,
)
from .text import Name, ProseType, Text
from .types import Bool, Count, Date, Enum, Id, ListOf, RefTo, Url, filled
from .vocab import (
    ACCESS,
    ACTOR_KINDS,
    AFFILIATION_RELATIONS,
    CASUALTY_KINDS,
    CASUALTY_QUALIFIERS,
    CASUALTY_REPORTS,
    EVENT_KINDS,
    EVENT_RELATIONS,
    PARTICIPANT_ROLES,
    POSITIONS,
    SOURCE_KINDS,
    VERDICTS,
    WORDS,
)

CITATION = Obj(
    "citation",
    [
        Field(
            "source",
            RefTo("sources"),
            "The id of the source that reports this.",
            required=True,
            example="amn-2021-03-04-militia-behind-attack",
        ),
        Field(
            "quote",
            Text(max_len=1200, multiline=True),
            "The exact words in the source, copied character for character. Checked against the archived text.",
        ),
        Field(
            "note",
            Text(max_len=300),
            "Where in the source, or how it says it, when that matters (for example 'headline').",
        ),
        Field(
            "words",
            Enum(WORDS),
            "Whose words the quote is (default: reporter). 'speaker' is checked: the archived text must put the words in quotation marks.",
        ),
        Field(
            "via",
            RefTo("sources"),
            "When the source only relays this from another source (one in its 'cites'), that source's id: the statement's origin.",
        ),
    ],
    doc="A source id, or a mapping with the source id and the exact quote that supports the statement.",
    shorthand="source",
    see="Citations",
    rules=[words_need_quote],
    schema_rules={"if": filled("words"), "then": filled("quote")},
)


def cite_field(doc: str = "The sources that report this; at least one.") -> Field:
    return Field("cite", ListOf(CITATION, max_items=50), doc, required=True, missing_code="uncited")


CITED_TEXT = Obj(
    "cited text",
    [
        Field(
            "text",
            ProseType(),
            "Plain text. Blank lines separate paragraphs; [[id]] or [[id|shown text]] links to another entity.",
            required=True,
        ),
        cite_field(),
    ],
)

ACTOR = Obj(
    "actor",
    [
        Field(
            "id",
            Id(),
            "The file name without .yaml: a lowercase slug, unique across all kinds.",
            required=True,
            example="kataib-hezbollah",
        ),
        Field(
            "name", Name(max_len=200), "The name readers know the actor by.", required=True, example="Kataib Hezbollah"
        ),
        Field("kind", Enum(ACTOR_KINDS), "What sort of actor this is.", required=True),
        Field(
            "aliases",
            ListOf(Name(max_len=200), max_items=50),
            "Other names and spellings used in sources (e.g. 'Kataeb Hezbollah').",
        ),
        Field(
            "same_as",
            ListOf(RefTo("actors"), max_items=50),
            "Other actor entries that may be the same people under another description (e.g. 'two officials told Politico' "
            "and 'US officials told Politico'): counted once wherever actors are counted.",
        ),
        Field("summary", CITED_TEXT, "Who or what the actor is, in a few cited sentences.", required=True),
        Field(
            "affiliations",
            ListOf(
                Obj(
                    "affiliation",
                    [
                        Field(
                            "relation",
                            Enum(AFFILIATION_RELATIONS),
                            "How this actor relates to the other.",
                            required=True,
                        ),
                        Field("actor", RefTo("actors"), "The id of the other actor.", required=True),
                        Field(
                            "title",
                            Text(max_len=200),
                            "The office or role held, as the source words it (e.g. 'Pentagon spokesman').",
                        ),
                        Field("since", Date(), "When the relation began, as precisely as known."),
                        Field("until", Date(), "When it ended, if it has."),
                        Field("as_of", Date(), "The date a source reports the relation as current."),
                        cite_field(),
                    ],
                    rules=[end_after_start("since", "until")],
                )
            ),
            "Dated roles and affiliations with other actors, each cited.",
        ),
    ],
    doc="A person, organisation, state, outlet or group of unnamed officials that takes part in events or takes positions on claims.",
)

EVENT = Obj(
    "event",
    [
        Field(
            "id",
            Id(),
            "The file name without .yaml: a lowercase slug, unique across all kinds.",
            required=True,
            example="al-asad-rocket-attack-2021-03-03",
        ),
        Field("title", Name(max_len=200), "A short, neutral title.", required=True),
        Field(
            "date",
            Date(),
            "When it happened: YYYY-MM-DD, or YYYY-MM / YYYY when the sources give no more.",
            required=True,
            example="2021-03-03",
        ),
        Field("approximate", Bool(), "true when the sources only place the date roughly ('last week', 'in February')."),
        Field("end_date", Date(), "When it ended, for events that lasted."),
        Field("place", Text(max_len=200), "Where it happened, as precisely as the sources say."),
        Field("kind", Enum(EVENT_KINDS), "What sort of event this is.", required=True),
        Field("summary", CITED_TEXT, "What happened, in a few cited sentences.", required=True),
        Field(
            "participants",
            ListOf(
                Obj(
                    "participant",
                    [
                        Field("actor", RefTo("actors"), "The id of the actor.", required=True),
                        Field("role", Enum(PARTICIPANT_ROLES), "The actor's part in the event.", required=True),
                        Field("claim", RefTo("claims"), "For a contested role: the claim that alleges it."),
                        Field("note", Text(max_len=300), "A short qualification."),
                        Field(
                            "cite",
                            ListOf(CITATION, max_items=50),
                            "The sources that report this part (not needed when 'claim' carries it).",
                        ),
                    ],
                    rules=[participant_rule],
                    schema_rules=PARTICIPANT_SCHEMA,
                )
            ),
            "Who took part, and how.",
        ),
        Field(
            "casualties",
            ListOf(
                Obj(
                    "casualty figure",
                    [
                        Field(
                            "kind",
                            Enum(CASUALTY_KINDS),
                            "Killed by the violence, died in connection with it, or injured.",
                            required=True,
                        ),
                        Field("reported", Enum(CASUALTY_REPORTS), "How the source gives the figure (default: stated)."),
                        Field(
                            "count",
                            Count(),
                            "How many, as the source says (0 only when it says there were none). "
                            "Required unless reported: none.",
                        ),
                        Field(
                            "qualifier",
                            Enum(CASUALTY_QUALIFIERS),
                            "How exact the count is, in the source's words (default: exactly).",
                        ),
                        Field(
                            "who",
                            Text(max_len=200),
                            "Who they were, as the source says (e.g. 'US civilian contractor'). Required unless reported: none.",
                        ),
                        Field(
                            "cause",
                            Text(max_len=200),
                            "How, in the source's terms, written to follow the figure and 'who': 'after suffering from a "
                            "cardiac episode while sheltering from the attack', 'as a direct result of "
                            "rocket impacts'. Required for kind: died.",
                        ),
                        Field("note", Text(max_len=300), "A short qualification of your own."),
                        cite_field(),
                    ],
                    rules=[casualty_rule],
                    schema_rules=CASUALTY_SCHEMA,
                )
            ),
            "Casualty figures, each cited, with the source's precision.",
        ),
        Field(
            "related",
            ListOf(
                Obj(
                    "related event",
                    [
                        Field("relation", Enum(EVENT_RELATIONS), "How this event relates to the other.", required=True),
                        Field("event", RefTo("events"), "The id of the other event.", required=True),
                        cite_field(),
                    ],
                )
            ),
            "Connections to other events.",
        ),
    ],
    doc="Something that happened at a time and place.",
    rules=[end_after_start("date", "end_date")],
)

CLAIM = Obj(
    "claim",
    [
        Field("id", Id(), "The file name without .yaml: a lowercase slug, unique across all kinds.", required=True),
        Field(
            "proposition",
            Name(max_len=400),
            "The claim as one neutral sentence that can be true or false.",
            required=True,
            example="Kataib Hezbollah carried out the 3 March 2021 rocket attack on Al Asad Air Base.",
        ),
        Field("about", ListOf(RefTo("events", "actors"), max_items=50), "The events and actors the claim is about."),
        Field(
            "stances",
            ListOf(
                Obj(
                    "stance",
                    [
                        Field("actor", RefTo("actors"), "Who took the position.", required=True),
                        Field("position", Enum(POSITIONS), "What position they took.", required=True),
                        Field("date", Date(), "When they took it, as precisely as known."),
                        Field("note", Text(max_len=500), "How they put it, in a few of your own words."),
                        cite_field(),
                    ],
                )
            ),
            "Every position an actor took on the claim, with the citation that reports it. The claim's status is derived from these.",
            required=True,
        ),
        Field(
            "assessment",
            Obj(
                "assessment",
                [
                    Field("verdict", Enum(VERDICTS), "The site's own conclusion.", required=True),
                    Field("reason", ProseType(), "Why, in plain text.", required=True),
                    cite_field(),
                ],
            ),
            "The site's own assessment, kept apart from the stances, with a written reason.",
        ),
    ],
    doc="One proposition that actors take positions on.",
)

SOURCE = Obj(
    "source",
    [
        Field("id", Id(), "The file name without .yaml: a lowercase slug, unique across all kinds.", required=True),
        Field("title", Name(max_len=300), "The title or headline, as published.", required=True),
        Field(
            "publisher", RefTo("actors"), "The id of the outlet or body that published it (an actor).", required=True
        ),
        Field("authors", ListOf(RefTo("actors"), max_items=50), "The ids of its authors or speakers (actors)."),
        Field("published", Date(), "When it was published, as precisely as known.", required=True),
        Field("kind", Enum(SOURCE_KINDS), "What sort of source this is.", required=True),
        Field(
            "access",
            Enum(ACCESS),
            "Whether the editors read it or know it only through a source that cites it.",
            required=True,
        ),
        Field("url", Url(), "Where it can be read (https)."),
        Field("archived_url", Url(), "A copy in a web archive (https)."),
        Field(
            "archived_text",
            Text(max_len=200),
            "The file name of its text in the archive folder, used to verify quotes.",
        ),
        Field(
            "cites", ListOf(RefTo("sources"), max_items=100), "The ids of sources this one relays: the reporting chain."
        ),
        Field(
            "summary",
            CITED_TEXT,
            "What it says, in one or two sentences, strictly from its text, cited (a relayed source: "
            "from the source that relays it).",
        ),
    ],
    doc="Where the site's information comes from: an article, statement, briefing or post.",
)

SITE = Obj(
    "site",
    [
        Field("title", Name(max_len=200), "The explainer's title.", required=True),
        Field(
            "as_of",
            Date(),
            "The date of the latest reporting the explainer covers; every page shows it (as of 4 March 2021).",
            required=True,
            example="2021-03-04",
        ),
        Field("lede", CITED_TEXT, "The opening paragraph on the front page, cited.", required=True),
        Field("scope", CITED_TEXT, "What the explainer covers and from which sources, cited; shown on the about page."),
        Field("featured_event", RefTo("events"), "The id of the event the explainer is about.", required=True),
        Field(
            "questions",
            ListOf(
                Obj(
                    "key question",
                    [
                        Field(
                            "question", Name(max_len=300), "A question a reader arriving cold would ask.", required=True
                        ),
                        Field("answer", ProseType(), "A short answer in plain text.", required=True),
                        cite_field(),
                    ],
                ),
                max_items=30,
            ),
            "The explainer's key questions with short cited answers.",
            required=True,
        ),
    ],
    doc="The explainer as a whole: content/site.yaml.",
)

ENTITY_SPECS: dict[str, Obj] = {"actors": ACTOR, "events": EVENT, "claims": CLAIM, "sources": SOURCE}


def json_schema(kind: str) -> dict:
    """The draft-07 JSON Schema for one kind ('site' for site.yaml)."""
    spec = SITE if kind == "site" else ENTITY_SPECS[kind]
    schema = {"$schema": "http://json-schema.org/draft-07/schema#", **spec.json_schema()}
    return schema
