"""The allowed values of the content's enumerated fields, each with what it means (shown to
editors in the JSON Schema and CONTRIBUTING.md, and on the site's method pages), and the groups
of them the model and the pages reason with.
"""

from __future__ import annotations

# Whose words a quote is. A reader must be able to tell a person's own words from an
# outlet's sentence about them: "Psaki said the strikes could be a “model”" quotes one word of hers.
WORDS = {
    "speaker": "The speaker's own words: the source prints them inside quotation marks as said or written by the actor.",
    "reporter": "The source's own sentence: a reporter's paraphrase or summary of what was said or believed.",
    "headline": "The source's headline.",
    "subheadline": "The source's subheadline: the line under its headline.",
}
DEFAULT_WORDS = "reporter"

ACTOR_KINDS = {
    "person": "A named individual.",
    "organization": "A company, party, coalition or other organised body that is not a state organ.",
    "government-body": "A ministry, department, office or agency of a state.",
    "armed-forces": "A state's military or security forces, or a unit of them.",
    "armed-group": "A non-state armed group or militia.",
    "state": "A country, as an actor.",
    "media-outlet": "A newspaper, website, broadcaster or news agency.",
    "anonymous-group": "People who spoke without being named, as the source describes them (e.g. 'two unnamed US defense officials').",
}

AFFILIATION_RELATIONS = {
    "member-of": "Belongs to the other actor as a member.",
    "part-of": "Is a component or sub-unit of the other actor.",
    "backed-by": "Is supported (armed, funded, directed) by the other actor.",
    "allied-with": "Acts in alliance with the other actor.",
    "spokesperson-for": "Speaks officially for the other actor.",
    "leads": "Heads or commands the other actor.",
    "works-for": "Is employed by or writes for the other actor.",
    "official-of": "Holds an office in the other actor (a government, a department).",
}

EVENT_KINDS = {
    "rocket-attack": "Rockets fired at a target.",
    "missile-attack": "Missiles fired at a target.",
    "airstrike": "A strike from the air.",
    "targeted-killing": "A strike aimed at killing named people.",
    "storming": "An attempt to break into or overrun a place.",
    "attack": "Any other attack.",
    "statement": "A public statement, briefing or announcement.",
    "investigation": "An inquiry into another event.",
    "other": "Anything else.",
}

PARTICIPANT_ROLES = {
    "target": "Was attacked or aimed at.",
    "victim": "Was killed, injured or harmed.",
    "carried-out": "Carried out the event, by its own account or beyond dispute in the sources.",
    "perpetrator": "Is alleged to have carried it out. Contested: must name the claim that alleges it.",
    "ordered": "Ordered or authorised the event.",
    "recommended": "Advised that the event take place.",
    "responder": "Responded to the event.",
    "investigator": "Investigates the event.",
    "spokesperson": "Spoke publicly about the event for one of the parties.",
    "location": "Hosts the place where it happened.",
}
CONTESTED_ROLES = frozenset({"perpetrator"})

CASUALTY_KINDS = {
    "killed": "Killed by the violence itself (the attack, strike or fighting), as the source tells it.",
    "died": "Died in connection with the event but not, as the source tells it, by its violence "
    "(e.g. a cardiac episode while sheltering): 'cause' says how.",
    "injured": "Injured.",
}
CASUALTY_QUALIFIERS = {
    "exactly": "The exact number.",
    "at-least": "At least this many.",
    "more-than": "More than this many.",
    "about": "Roughly this many.",
}
CASUALTY_REPORTS = {
    "stated": "The source states the figure itself (the default).",
    "reportedly": "The source passes the figure on as reported, without vouching for it ('reportedly').",
    "none": "The source says none have been reported ('No injuries have been reported'): not a count of zero, so no 'count'.",
}

EVENT_RELATIONS = {
    "response-to": "This event was a response to the other.",
    "retaliation-for": "This event was retaliation for the other.",
    "follows": "This event came after the other and is connected to it.",
    "part-of": "This event is part of the larger other event.",
    "investigates": "This event is an investigation of the other.",
}
# Relations that place this event after the other: the timeline orders by them within a date.
AFTER_RELATIONS = frozenset({"response-to", "retaliation-for", "follows", "investigates"})

POSITIONS = {
    "asserts": "States or believes the claim is true.",
    "reports": "Relays the claim without endorsing or disputing it.",
    "doubts": "Questions the claim or the evidence for it.",
    "denies": "Says the claim is false.",
    "declines-to-attribute": "Does not, or cannot yet, say who is responsible or confirm the claim.",
}
SUPPORTING = frozenset({"asserts"})
OPPOSING = frozenset({"doubts", "denies"})
WITHHOLDING = frozenset({"declines-to-attribute"})

VERDICTS = {
    "supported": "The evidence in the sources supports the claim.",
    "contradicted": "The evidence in the sources contradicts the claim.",
    "unproven": "The sources do not establish whether it is true.",
}

SOURCE_KINDS = {
    "news-report": "A news article.",
    "analysis": "An analysis or explainer.",
    "opinion": "An opinion piece or commentary.",
    "official-statement": "A statement by a government or organisation.",
    "press-briefing": "Remarks at a press briefing.",
    "social-media": "A post on social media.",
    "interview": "An interview.",
    "report": "A report by an institution or NGO.",
    "other": "Anything else.",
}
ACCESS = {
    "direct": "The editors read this source themselves.",
    "relayed": "Known only as a source the editors read reports it; the editors have not seen the original.",
}
