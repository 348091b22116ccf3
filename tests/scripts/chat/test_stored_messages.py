"""Messages read from a store decode payloads on first use; every view sees the decoded values."""

import copy
import pickle
from datetime import UTC, datetime

import pytest

from scripts.chat import ChatSession, Message


@pytest.fixture
def pair(store, plan, page) -> tuple[Message, Message]:
    """The same assistant message: as written, and as read back (payloads not yet decoded)."""
    session = store.create_session()
    written = store.add_message(
        session.session_id,
        Message(role="assistant", content="37 books", query_plan=plan, candidate_set=page),
    )
    (read,) = store.get_session(session.session_id).messages
    return written, read


EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
VIEWS = {
    "attribute": lambda m: (m.query_plan, m.candidate_set),
    "model_dump": lambda m: m.model_dump(),
    "model_dump_json": lambda m: m.model_dump_json(),
    "nested in a session": lambda m: ChatSession(
        session_id="s", created_at=EPOCH, updated_at=EPOCH, messages=[m]
    ).model_dump_json(),
    "dict()": lambda m: dict(m),
    "repr": repr,
    "copy": lambda m: copy.copy(m).model_dump(),
    "model_copy": lambda m: m.model_copy().model_dump(),
    "deepcopy": lambda m: copy.deepcopy(m).model_dump(),
    "pickle": lambda m: pickle.loads(pickle.dumps(m)).model_dump(),
}


@pytest.mark.parametrize("view", VIEWS.values(), ids=VIEWS.keys())
def test_every_view_of_a_stored_message_matches_the_written_one(pair, view):
    written, read = pair
    assert view(read) == view(written)


def test_stored_message_equals_written_one_both_ways(pair):
    written, read = pair
    assert read == written and written == read


def test_payload_without_value_reads_as_none(store):
    session = store.create_session()
    store.add_message(session.session_id, Message(role="user", content="plain"))
    (read,) = store.get_session(session.session_id).messages
    assert read.query_plan is None and read.candidate_set is None


def test_unknown_attribute_still_raises(pair):
    with pytest.raises(AttributeError):
        pair[1].no_such_field  # noqa: B018


def test_assigning_a_payload_replaces_it(pair, page):
    _, read = pair
    read.candidate_set = page.model_copy(update={"total_count": 1})
    assert read.candidate_set.total_count == 1
