"""Follow-up suggestions drawn from the reader's own results, each a phrase the chat understands.

Paging and pointing come first ("show more", "tell me about the first one"), then taking in
books dated only roughly when some were counted apart; then ways to
narrow by what is most common among all the matches (a language, a century, a place of
printing) on fields the search does not fix yet, and only when that would actually narrow.
"""

from __future__ import annotations

from pathlib import Path

from scripts.chat.formatter import spoken_language
from scripts.chat.intents import ROUGH_PHRASE
from scripts.query import facets
from scripts.schemas import CandidateSet, FilterField, QueryPlan

MAX_SUGGESTIONS = 4


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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
    if total < 2:
        return suggestions
    fixed = {f.field for f in plan.filters}
    narrowing = {
        FilterField.LANGUAGE: lambda code: f"only those in {spoken_language(code)}",
        FilterField.YEAR: lambda century: f"only those from the {_ordinal(century)} century",
        FilterField.IMPRINT_PLACE: lambda place: f"only those printed in {place.title()}",
    }
    facet_of = {
        FilterField.LANGUAGE: "language",
        FilterField.YEAR: "century",
        FilterField.IMPRINT_PLACE: "place",
    }
    for field, phrase in narrowing.items():
        if field in fixed or len(suggestions) >= MAX_SUGGESTIONS:
            continue
        top = facets.facet(plan.filters, index_db, facet_of[field], top=1)
        if top and 0 < top[0][1] < total:
            suggestions.append(phrase(top[0][0]))
    return suggestions[:MAX_SUGGESTIONS]
