"""Which search a stored answer shows, for what is asked of it later: its records, its facets.

An answer with results names its search by the plan's hash (``CandidateSet.plan_hash``); the
conversation stored that plan on the user message that started the search, so it is the
latest user message before the answer whose plan hashes so (a "show more" page, or an answer
about one of the books, points back to it). A count or a ranking keeps no result set: its
search is the plan of the question it answers, stored on the message just before it.
"""

from __future__ import annotations

from scripts.chat.models import ChatSession, Message
from scripts.schemas import AnswerKind, CandidateSet, QueryPlan


class MessageNotFoundError(LookupError):
    """No message with this id in the session."""

    def __init__(self, session_id: str, message_id: int) -> None:
        super().__init__(f"no message {message_id} in session {session_id!r}")


class NoSearchError(LookupError):
    """The message is not an answer that shows a search (a question back, or the reader's)."""

    def __init__(self, session_id: str, message_id: int) -> None:
        super().__init__(f"message {message_id} in session {session_id!r} shows no search")


def up_to(session: ChatSession, message_id: int) -> list[Message]:
    """The conversation up to and including the message ``message_id``."""
    position = next((i for i, m in enumerate(session.messages) if m.message_id == message_id), None)
    if position is None:
        raise MessageNotFoundError(session.session_id, message_id)
    return session.messages[: position + 1]


def plan_behind(found: CandidateSet, conversation: list[Message]) -> QueryPlan | None:
    """The plan an answer's result set came from, stored on the user message that started it."""
    for message in reversed(conversation):
        plan = message.query_plan if message.role == "user" else None
        if plan is not None and plan.plan_hash() == found.plan_hash:
            return plan
    return None


def search_of(session: ChatSession, message_id: int) -> QueryPlan:
    """The plan of the search the answer ``message_id`` shows: its results', or the one its
    count or ranking was of."""
    conversation = up_to(session, message_id)
    answer, plan = conversation[-1], None
    if answer.role == "assistant" and answer.candidate_set is not None:
        plan = plan_behind(answer.candidate_set, conversation)
    elif answer.role == "assistant" and len(conversation) > 1:
        asked = conversation[-2].query_plan if conversation[-2].role == "user" else None
        plan = asked if asked is not None and asked.answer is not AnswerKind.LIST else None
    if plan is None or not plan.is_actionable:
        raise NoSearchError(session.session_id, message_id)
    return plan
