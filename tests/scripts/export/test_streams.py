"""What an export holds: every match of a plan, an answer's records, a whole conversation's."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.chat import SessionStore
from scripts.chat.conversation import Conversation
from scripts.chat.searches import MessageNotFoundError
from scripts.export.streams import Loading, answer_items, plan_items, session_items
from scripts.query.compile import compile_query
from scripts.query.connection import IndexNotFoundError, streaming
from scripts.query.execute import NotActionableError, execute_plan, iter_matches
from scripts.query.vocabulary import load_vocabulary
from scripts.schemas import QueryPlan

QUESTIONS = ["books printed in Venice", "only those in Latin", "tell me about the second one"]


def all_pages(plan: QueryPlan, db: Path) -> list[str]:
    ids, offset = [], 0
    while page := execute_plan(plan, db, limit=10, offset=offset).candidates:
        ids += [c.record_id for c in page]
        offset += 10
    return ids


@pytest.mark.parametrize(
    "question", ["books printed in Venice", "not in Latin", "books printed in Venice before 1550"]
)
def test_every_match_comes_in_result_order_a_chunk_at_a_time(demo_index, question):
    plan = compile_query(question, db_path=demo_index)
    with streaming(demo_index) as conn:
        chunks = list(iter_matches(plan, conn, load_vocabulary(demo_index), chunk=7))
    assert all(len(chunk) <= 7 for chunk in chunks) and len(chunks) > 1
    found = [c for chunk in chunks for c in chunk]
    assert [c.record_id for c in found] == all_pages(plan, demo_index)
    assert all(c.match_rationale for c in found) or question.startswith("not")


def test_plan_items_carry_the_record_and_why_it_matched(demo_index):
    plan = compile_query("books printed in Venice", db_path=demo_index)
    items = list(
        plan_items(plan, demo_index, Loading(url_of=lambda rid: f"https://x/records/{rid}"))
    )
    assert [i.record["record_id"] for i in items] == all_pages(plan, demo_index)
    assert items[0].why.startswith("Matched “books printed in Venice”: place of printing is Venice")
    assert items[0].url == f"https://x/records/{items[0].record['record_id']}"
    assert "marc" not in items[0].record
    marc_only = list(plan_items(plan, demo_index, Loading(parts=(), marc=True)))[0].record
    assert marc_only["marc"].startswith("<record><leader>") and "agents" not in marc_only


def test_a_plan_that_would_match_everything_or_a_missing_index_fail_before_streaming(
    tmp_path, demo_index
):
    with pytest.raises(NotActionableError):
        plan_items(QueryPlan(), demo_index)
    plan = compile_query("books printed in Venice", db_path=demo_index)
    with pytest.raises(IndexNotFoundError):
        plan_items(plan, tmp_path / "absent.db")


@pytest.fixture
def conversation(tmp_path, demo_index):
    with SessionStore(tmp_path / "sessions.db") as store:
        session_id = store.create_session(user_id="reader").session_id
        chat = Conversation(store, demo_index)
        answers = [chat.handle(session_id, q, user_id="reader") for q in QUESTIONS]
        yield store.get_session(session_id, user_id="reader"), answers


def test_an_answer_exports_all_its_matches_not_only_its_page(conversation, demo_index):
    session, answers = conversation
    venice, latin, about = answers
    for answer in (venice, latin):
        items = list(answer_items(session, answer.metadata["message_id"], demo_index))
        assert len(items) == answer.candidate_set.total_count > len(answer.candidate_set.candidates)
        shown = [c.record_id for c in answer.candidate_set.candidates]
        assert [i.record["record_id"] for i in items][: len(shown)] == shown
    (one,) = answer_items(session, about.metadata["message_id"], demo_index)
    assert one.record["record_id"] == about.candidate_set.candidates[0].record_id
    assert one.why.startswith("Matched “only those in Latin”: place of printing is Venice")


def test_a_message_without_results_exports_nothing(conversation, demo_index):
    session, _ = conversation
    question = session.messages[0]
    assert list(answer_items(session, question.message_id, demo_index)) == []
    with pytest.raises(MessageNotFoundError):
        answer_items(session, 10**9, demo_index)


def test_a_session_exports_every_answers_records_once(conversation, demo_index):
    session, (venice, latin, about) = conversation
    ids = [i.record["record_id"] for i in session_items(session, demo_index)]
    assert len(ids) == len(set(ids)) == venice.candidate_set.total_count  # Latin ones are in it
    assert ids == [
        i.record["record_id"]
        for i in answer_items(session, venice.metadata["message_id"], demo_index)
    ]


def test_a_session_with_pages_and_a_new_search_exports_each_search_once(tmp_path, demo_index):
    with SessionStore(tmp_path / "sessions.db") as store:
        session_id = store.create_session().session_id
        chat = Conversation(store, demo_index)
        venice, _, amsterdam = [
            chat.handle(session_id, q)
            for q in ("books printed in Venice", "show more", "Hebrew books printed in Amsterdam")
        ]
        session = store.get_session(session_id)
    ids = [i.record["record_id"] for i in session_items(session, demo_index)]
    expected = [
        i.record["record_id"]
        for answer in (venice, amsterdam)
        for i in answer_items(session, answer.metadata["message_id"], demo_index)
    ]
    assert ids == list(dict.fromkeys(expected))
    assert len(ids) == venice.candidate_set.total_count + amsterdam.candidate_set.total_count
