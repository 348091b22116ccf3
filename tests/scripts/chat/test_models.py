from datetime import UTC, datetime, timedelta, timezone

import pytest
from pydantic import ValidationError

from scripts.chat import ChatResponse, ChatSession, Message
from scripts.schemas import CandidateSet, QueryPlan


def test_message_defaults_to_now_in_utc():
    before = datetime.now(UTC)
    message = Message(role="user", content="books printed by Oxford")
    assert message.timestamp.tzinfo is not None
    assert before <= message.timestamp <= datetime.now(UTC)
    assert (
        message.query_plan is None and message.candidate_set is None and message.message_id is None
    )


@pytest.mark.parametrize("role", ["user", "assistant", "system"])
def test_message_accepts_each_role(role):
    assert Message(role=role, content="x").role == role


@pytest.mark.parametrize("role", ["bot", "", "USER", None])
def test_message_rejects_unknown_role(role):
    with pytest.raises(ValidationError, match="role"):
        Message(role=role, content="x")


@pytest.mark.parametrize("content", ["", "   ", "\n\t", "\x00", "books\x00"])
def test_message_rejects_blank_or_nul_content(content):
    with pytest.raises(ValidationError, match="content"):
        Message(role="user", content=content)


def test_message_rejects_invalid_assignment():
    message = Message(role="user", content="x")
    with pytest.raises(ValidationError):
        message.role = "robot"


def test_naive_timestamp_is_read_as_utc_and_other_zones_converted():
    naive = Message(role="user", content="x", timestamp=datetime(2024, 1, 2, 3, 4, 5))
    assert naive.timestamp == datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC)
    plus_two = Message(
        role="user",
        content="x",
        timestamp=datetime(2024, 1, 2, 5, 4, 5, tzinfo=timezone(timedelta(hours=2))),
    )
    assert plus_two.timestamp.utcoffset() == timedelta(0) and plus_two.timestamp.hour == 3


def test_message_serialises_timestamp_as_iso_8601():
    message = Message(role="user", content="x", timestamp=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))
    assert '"timestamp":"2024-01-02T03:04:05Z"' in message.model_dump_json()


def test_message_payloads_are_typed(plan, page):
    message = Message(
        role="assistant",
        content="37 books",
        query_plan=plan.model_dump(),
        candidate_set=page.model_dump(),
    )
    assert (
        isinstance(message.query_plan, QueryPlan)
        and message.query_plan.filters[0].value == "Oxford"
    )
    assert (
        isinstance(message.candidate_set, CandidateSet) and message.candidate_set.total_count == 37
    )
    assert Message.model_validate_json(message.model_dump_json()) == message


def test_session_defaults():
    session = ChatSession()
    assert len(session.session_id) == 36
    assert (
        session.user_id is None
        and session.messages == []
        and session.context == {}
        and session.metadata == {}
    )
    assert session.created_at.tzinfo is not None and not session.is_expired


def test_session_ids_are_unique():
    assert len({ChatSession().session_id for _ in range(100)}) == 100


def test_session_add_message_appends_and_touches_updated_at():
    session = ChatSession(updated_at=datetime(2020, 1, 1, tzinfo=UTC))
    session.add_message(Message(role="user", content="first"))
    session.add_message(Message(role="assistant", content="second"))
    assert [m.content for m in session.messages] == ["first", "second"]
    assert session.updated_at.year > 2020


@pytest.mark.parametrize(
    ("n", "expected"), [(2, ["c", "d"]), (5, ["a", "b", "c", "d"]), (0, []), (-1, [])]
)
def test_get_recent_messages_returns_last_n_oldest_first(n, expected):
    session = ChatSession()
    for text in "abcd":
        session.add_message(Message(role="user", content=text))
    assert [m.content for m in session.get_recent_messages(n)] == expected


def test_get_recent_messages_defaults_to_five():
    session = ChatSession()
    for i in range(8):
        session.add_message(Message(role="user", content=str(i)))
    assert [m.content for m in session.get_recent_messages()] == ["3", "4", "5", "6", "7"]


def test_chat_response_defaults(page):
    response = ChatResponse(message="Found 37 books.", session_id="s1", candidate_set=page)
    assert (
        response.suggested_followups == []
        and response.clarification_needed is None
        and response.metadata == {}
    )
    assert ChatResponse.model_validate_json(response.model_dump_json()) == response


def test_models_reject_unknown_fields():
    with pytest.raises(ValidationError, match="extra"):
        Message(role="user", content="x", colour="red")
