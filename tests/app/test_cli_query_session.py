"""``colophon query --session-id``: the turn is saved whole, or not at all."""

import json

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import SessionStore
from scripts.schemas import CandidateSet

runner = CliRunner()


@pytest.fixture
def db(tmp_path) -> str:
    return str(tmp_path / "sessions.db")


def query(db: str, index, *args: str):
    return runner.invoke(app, ["query", *args, "--db", str(index), "--session-db-path", db])


def test_query_in_session_saves_plan_and_results(db, demo_index):
    with SessionStore(db) as store:
        session_id = store.create_session(user_id="alice").session_id
    result = query(db, demo_index, "books printed in Venice", "--session-id", session_id, "--json")
    assert result.exit_code == 0, result.output
    found = CandidateSet.model_validate_json(result.stdout)
    refined = query(db, demo_index, "only those in Latin", "--session-id", session_id)
    assert refined.exit_code == 0 and refined.stdout.startswith("Found ")
    with SessionStore(db) as store:
        user, assistant, *_ = store.get_session(session_id).messages
    assert (
        user.content == "books printed in Venice" and user.query_plan.filters[0].value == "venice"
    )
    assert assistant.candidate_set.total_count == found.total_count > 0


@pytest.mark.parametrize("expire", [False, True])
def test_unknown_or_expired_session_exits_1_and_saves_nothing(db, demo_index, expire):
    with SessionStore(db) as store:
        session_id = store.create_session().session_id
        if expire:
            store.expire_session(session_id)
    target = session_id if expire else "missing"
    result = query(db, demo_index, "books printed in Venice", "--session-id", target)
    assert result.exit_code == 1 and f"Session '{target}' not found" in result.stderr
    with SessionStore(db) as store:
        assert store.stats()["messages"] == 0


def test_session_without_a_session_database_is_not_created(db, demo_index, tmp_path):
    result = query(db, demo_index, "books printed in Venice", "--session-id", "s1")
    assert result.exit_code == 1 and not (tmp_path / "sessions.db").exists()


def test_offset_is_refused_in_a_session(db, demo_index):
    with SessionStore(db) as store:
        session_id = store.create_session().session_id
    result = query(
        db, demo_index, "books printed in Venice", "--session-id", session_id, "--offset", "10"
    )
    assert result.exit_code == 1 and "show more" in result.stderr


def test_clarification_in_session_prints_the_question(db, demo_index):
    with SessionStore(db) as store:
        session_id = store.create_session().session_id
    result = query(db, demo_index, "xyzzy plugh", "--session-id", session_id, "--json")
    assert json.loads(result.stdout)["clarification_needed"]
