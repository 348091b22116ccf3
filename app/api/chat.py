"""``POST /chat``: one reader turn, in the caller's session or a new one.

A missing, expired or other user's session is never written to: the turn goes to a new
session of the caller's, and the answer's ``session_id`` says which (a new session whose
first turn fails is deleted again). A session's first question becomes its title unless it
has one, set in the turn's own transaction so that a rename racing the turn is never
overwritten. A count or a ranking comes typed as ``answer`` (a ranking's values each with its
count and the follow-up that narrows to it), beside the message that says it. Besides what the
conversation answers, ``metadata`` carries ``new_session`` and,
when there are results, ``year_counts``: the publication years of all the matches of the
turn's own plan (not only the page shown), for the date chart.
"""

from __future__ import annotations

from fastapi import APIRouter

from app.api.auth import User
from app.api.dates import year_counts
from app.api.schemas import ChatRequest
from app.api.services import AppServices, Services
from scripts.chat import ChatResponse, SessionNotFoundError

TITLE_CHARS = 80

router = APIRouter(tags=["chat"])


class MessageTooLongError(ValueError):
    """The message is longer than the server's ``max_message_chars``."""

    def __init__(self, length: int, limit: int) -> None:
        super().__init__(f"message: {length} characters is over the limit of {limit}")


def title_of(question: str) -> str:
    """A sidebar title from a session's first question."""
    text = " ".join(question.split()) or "New chat"
    return text if len(text) <= TITLE_CHARS else text[: TITLE_CHARS - 1].rstrip() + "…"


def _in_existing(services: Services, body: ChatRequest, user: str) -> ChatResponse | None:
    try:
        return services.conversation.handle(
            body.session_id, body.message, user_id=user, title=title_of(body.message)
        )
    except SessionNotFoundError:
        return None


def _in_new(services: Services, body: ChatRequest, user: str) -> ChatResponse:
    session = services.store.create_session(user, {"title": title_of(body.message)})
    try:
        return services.conversation.handle(session.session_id, body.message, user_id=user)
    except BaseException:
        services.store.delete_session(session.session_id, user_id=user)  # leave no empty session
        raise


EXAMPLE_RESPONSE = {
    "message": "Found 39 books where place of printing is Venice. Showing 1–10:\n"
    "1. Historia naturalis — Pliny, the Elder. Venetiis [Venice]: Johannes de Spira, 1469.\n"
    "   Matched: place of printing is Venice (Venetiis, marc:260$a)\n…",
    "session_id": "6f1c1b0e-2f7e-4c8e-9a51-3d1f0b2a9c44",
    "candidate_set": {
        "query_text": "books printed in Venice",
        "total_count": 39,
        "candidates": [
            {
                "record_id": "cph000027",
                "match_rationale": "place of printing is Venice (Venetiis, marc:260$a)",
                "evidence": [
                    {
                        "field": "imprint_place",
                        "label": "place of printing",
                        "value": "venice",
                        "operator": "EQUALS",
                        "matched_against": "Venetiis",
                        "source": "marc:260$a",
                        "confidence": 1.0,
                    }
                ],
                "title": "Historia naturalis",
                "author": "Pliny, the Elder",
                "date_start": 1469,
                "date_end": 1469,
                "place_norm": "venice",
                "place_raw": "Venetiis",
                "publisher": "Johannes de Spira",
            }
        ],
    },
    "suggested_followups": ["show more", "tell me about the first one", "only those in Hebrew"],
    "metadata": {
        "intent": "search",
        "turn": 1,
        "new_session": True,
        "year_counts": [[1469, 1], [1470, 2], [1471, 1]],
    },
}


RANKING_RESPONSE = {
    "message": "Places of printing of the 67 books where language is Hebrew, 35 in all,"
    " most first:\n"
    "1. Venice — 13 books\n2. Amsterdam — 6 books\n3. Soncino — 5 books\n…",
    "session_id": "6f1c1b0e-2f7e-4c8e-9a51-3d1f0b2a9c44",
    "query_plan": {
        "filters": [{"field": "language", "op": "EQUALS", "value": "heb", "shown": "Hebrew"}],
        "query_text": "which towns printed Hebrew books?",
        "answer": "ranking",
        "facet": "place",
    },
    "answer": {
        "kind": "ranking",
        "total": 67,
        "facet": "place",
        "rows": [
            {"value": "Venice", "count": 13, "refine": "only those printed in Venice"},
            {"value": "Amsterdam", "count": 6, "refine": "only those printed in Amsterdam"},
            {"value": "Soncino", "count": 5, "refine": "only those printed in Soncino"},
        ],
        "distinct": 35,
        "missing": 0,
        "dated_apart": 0,
    },
    "suggested_followups": ["only those printed in Venice", "only the top three", "show them"],
    "metadata": {"intent": "search", "turn": 1, "new_session": True},
}


@router.post(
    "/chat",
    response_model=ChatResponse,
    responses={
        200: {
            "content": {
                "application/json": {
                    "examples": {
                        "books": {"summary": "Books found", "value": EXAMPLE_RESPONSE},
                        "ranking": {
                            "summary": "A ranking: which towns printed Hebrew books?",
                            "value": RANKING_RESPONSE,
                        },
                    }
                }
            }
        }
    },
)
def chat(body: ChatRequest, user: User, services: AppServices) -> ChatResponse:
    """Answer one message; follow-ups ("only those in Latin", "show more") refine the last."""
    limit = services.settings.max_message_chars
    if len(body.message) > limit:
        raise MessageTooLongError(len(body.message), limit)
    existing = _in_existing(services, body, user) if body.session_id else None
    response = existing or _in_new(services, body, user)
    response.metadata["new_session"] = existing is None
    found = response.candidate_set
    if found is not None and found.total_count and response.query_plan is not None:
        response.metadata["year_counts"] = year_counts(
            response.query_plan, services.settings.index_db
        )
    return response
