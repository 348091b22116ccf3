"""``GET /sessions/{id}/messages/{mid}/facets``: the facets of the search an answer shows.

For each facet named (place, language, century, printer by default), its most common values
among every match of that search (not only the page), each with how many matches have it and
the follow-up that narrows the search to it: what the chat page offers as chips beside a
result list. The search is found as the export routes find it (``chat.searches``): an answer
with results, or a count or ranking. Only the session's owner may ask: another user's session
is 404, as everywhere; so are an unknown message and a message that shows no search.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BeforeValidator

from app.api.auth import User
from app.api.chat import RANKING_RESPONSE
from app.api.schemas import MessageIdPath, SessionIdPath, not_found
from app.api.services import AppServices, owned_session
from scripts.chat.searches import search_of
from scripts.query import facets
from scripts.schemas import Answer, Facet
from scripts.schemas.query_plan import MAX_TOP

router = APIRouter(prefix="/sessions", tags=["answers"])
CHIPS = [Facet.PLACE, Facet.LANGUAGE, Facet.CENTURY, Facet.PRINTER]
NOT_FOUND = not_found("No such session of yours, no such message, or it shows no search.")
EXAMPLE = [RANKING_RESPONSE["answer"]]  # one answer of the kind this route gives


def _listed(value: object) -> object:
    """ "place,language" (or names=place&names=language) as one list of names."""
    if isinstance(value, str):
        value = [value]
    if isinstance(value, list):
        return [name.strip() for item in value for name in str(item).split(",") if name.strip()]
    return value


Names = Annotated[
    list[Facet],
    BeforeValidator(_listed),
    Query(
        min_length=1,
        description=f"Facets, comma-separated, each one of: {', '.join(Facet)}.",
    ),
]


@router.get(
    "/{session_id}/messages/{message_id}/facets",
    responses={**NOT_FOUND, 200: {"content": {"application/json": {"example": EXAMPLE}}}},
)
def answer_facets(
    session_id: SessionIdPath,
    message_id: MessageIdPath,
    user: User,
    services: AppServices,
    names: Names = CHIPS,
    top: Annotated[int, Query(ge=1, le=MAX_TOP, description="Values per facet.")] = 5,
) -> list[Answer]:
    """Each facet's most common values among every match of the answer's search, one ranking
    per facet in the order asked, each value with its count and follow-up."""
    plan = search_of(owned_session(services, session_id, user), message_id)
    wanted = list(dict.fromkeys(names))
    rankings = facets.rank_each(plan.filters, services.settings.index_db, wanted, top)
    return [ranking.answer(facet) for facet, ranking in zip(wanted, rankings, strict=True)]
