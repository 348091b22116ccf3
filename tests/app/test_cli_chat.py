"""``colophon chat``: one-shot for scripts and the interactive loop, over the demo catalogue."""

import json

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import ChatResponse, SessionStore

runner = CliRunner()


@pytest.fixture
def env(tmp_path, monkeypatch, demo_index):
    monkeypatch.setenv("COLOPHON_STORE_URL", str(tmp_path / "sessions.db"))
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(demo_index))
    monkeypatch.setenv("HOME", str(tmp_path))  # the prompt's line history
    return tmp_path


def new_session(user_id: str | None = None) -> str:
    args = ["chat-init", "--json"] + (["--user-id", user_id] if user_id else [])
    return json.loads(runner.invoke(app, args).stdout)["session_id"]


def test_one_shot_json_prints_the_chat_response(env):
    session_id = new_session()
    result = runner.invoke(
        app, ["chat", "--session-id", session_id, "--json", "books printed in Venice"]
    )
    assert result.exit_code == 0, result.output
    response = ChatResponse.model_validate_json(result.stdout)
    assert response.session_id == session_id and response.candidate_set.total_count > 0
    follow = runner.invoke(
        app, ["chat", "--session-id", session_id, "--json", "only those in Latin"]
    )
    narrowed = ChatResponse.model_validate_json(follow.stdout)
    assert 0 < narrowed.candidate_set.total_count < response.candidate_set.total_count
    with SessionStore(env / "sessions.db") as store:
        assert len(store.get_session(session_id).messages) == 4


def test_one_shot_without_a_session_starts_one(env):
    result = runner.invoke(app, ["chat", "--json", "books printed in Venice"])
    response = ChatResponse.model_validate_json(result.stdout)
    assert f"New session {response.session_id}" in result.stderr


def test_unknown_session_exits_1_and_saves_nothing(env):
    new_session()
    result = runner.invoke(app, ["chat", "--session-id", "nope", "books printed in Venice"])
    assert result.exit_code == 1 and "Session 'nope' not found" in result.stderr
    with SessionStore(env / "sessions.db") as store:
        assert store.stats()["messages"] == 0


def test_other_users_session_is_not_found(env):
    session_id = new_session("alice")
    result = runner.invoke(app, ["chat", "--session-id", session_id, "--user-id", "bob", "hello"])
    assert result.exit_code == 1


def test_interactive_loop_answers_until_quit_and_can_resume(env):
    result = runner.invoke(
        app, ["chat"], input="books printed in Venice\nonly those in Latin\n/quit\n"
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Found ") == 2 and "Try: " in result.stdout
    session_id = result.stderr.split("New session ")[1].split()[0]
    resumed = runner.invoke(app, ["chat", "--session-id", session_id], input="show more\n")
    assert f"Resuming session {session_id} (4 messages)" in resumed.stderr


def test_default_index_is_built_from_the_demo_catalogue(tmp_path, monkeypatch):
    index = tmp_path / "index" / "bibliographic.db"
    monkeypatch.setenv("COLOPHON_STORE_URL", str(tmp_path / "sessions.db"))
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(index))
    result = runner.invoke(app, ["chat", "--json", "books printed in Venice"])
    assert result.exit_code == 0, result.output
    assert index.exists() and "from the demo catalogue" in result.stderr
    assert ChatResponse.model_validate_json(result.stdout).candidate_set.total_count > 0


def test_explicit_missing_index_fails_with_the_fix(env, tmp_path):
    result = runner.invoke(app, ["chat", "--index", str(tmp_path / "none.db"), "hello"])
    assert result.exit_code == 1 and "colophon index" in result.stderr
