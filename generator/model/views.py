"""What the overview pages show, as the templates call it: `views.<name>`.

Computed once in plain Python so templates only lay it out. render.py passes this module to
every template; each name is defined in the module of the page family it serves, which is
where Python code imports it from:

- matrix.py: the who-says-what matrix, in sheets and tables of bounded size;
- timeline.py: the timeline's order, pages and one-line leads;
- statements.py: positions counted, contested sides, reporting chains, what a source is cited for;
- lists.py: long lists split by year, the most contested claims, the relationships page's parts.
"""

from __future__ import annotations

from .lists import (
    ACTOR_LIST_TITLES,
    LIST_LIMIT,
    long_lists,
    most_contested,
    parts_by_year,
    relationship_parts,
)
from .matrix import matrix_sheets, matrix_years
from .statements import (
    cited_for,
    claim_chains,
    contested,
    count_actors,
    origins,
    position_counts,
    quoted_passages,
    statement_routes,
)
from .timeline import timeline_events, timeline_lead

# Every name a template calls; templates/ holds no other `views.` name.
__all__ = [
    "ACTOR_LIST_TITLES",
    "LIST_LIMIT",
    "cited_for",
    "claim_chains",
    "contested",
    "count_actors",
    "long_lists",
    "matrix_sheets",
    "matrix_years",
    "most_contested",
    "origins",
    "parts_by_year",
    "position_counts",
    "quoted_passages",
    "relationship_parts",
    "statement_routes",
    "timeline_events",
    "timeline_lead",
]
