"""What a claim's positions add up to, and the one scale a claim is rated on.

The status is derived from the stances (the editors do not set it); the rating is the
editors' verdict where they have assessed the claim, otherwise that status.
"""

from __future__ import annotations

from ..content.vocab import SUPPORTING, VERDICTS, WITHHOLDING
from . import entities as m

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
