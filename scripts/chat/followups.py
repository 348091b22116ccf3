"""Follow-up suggestions drawn from the reader's own results, each a phrase the chat understands.

Paging and pointing come first ("show more", "tell me about the first one"), then taking in
books dated only roughly when some were counted apart; then ways to narrow by what is most
common among all the matches (a language, a century, a place of printing) on fields the
search does not fix yet, and only when that would actually narrow.
"""

from __future__ import annotations

from pathlib import Path

from scripts.chat.intents import ROUGH_PHRASE
from scripts.query import facets
from scripts.schemas import CandidateSet, Facet, FilterField, QueryPlan

MAX_SUGGESTIONS = 4
# The facets that narrow a search, and the field whose condition makes each pointless.
NARROWING = {
    Facet.LANGUAGE: FilterField.LANGUAGE,
    Facet.CENTURY: FilterField.YEAR,
    Facet.PLACE: FilterField.IMPRINT_PLACE,
}


def suggest(plan: QueryPlan, page: CandidateSet, offset: int, index_db: Path) -> list[str]:
    """Up to four follow-ups relevant to ``page`` of ``plan``'s results."""
    total = page.total_count
    suggestions = []
    if offset + len(page.candidates) < total:
        suggestions.append("show more")
    if page.candidates:
        suggestions.append("tell me about the first one")
    if page.dated_apart and offset == 0:
        suggestions.append(ROUGH_PHRASE)
    if total < 2 or plan.top is not None:
        return suggestions
    fixed = {f.field for f in plan.filters}
    for facet, field in NARROWING.items():
        if field in fixed or len(suggestions) >= MAX_SUGGESTIONS:
            continue
        top = facets.rank(plan.filters, index_db, facet, top=1).values
        if top and 0 < top[0].tally.count < total:
            suggestions.append(top[0].tally.refine)
    return suggestions[:MAX_SUGGESTIONS]
