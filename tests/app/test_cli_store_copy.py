"""``colophon store-copy`` through the real Typer app, from a SQLite file into PostgreSQL."""

import psycopg
import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import SessionStore
from tests.scripts.chat.histories import build_sqlite_history

runner = CliRunner()
pytestmark = pytest.mark.postgres


def copy(source: str, target: str, *extra: str):
    return runner.invoke(app, ["store-copy", "--from", source, "--to", target, *extra])


def test_store_copy_copies_everything_and_says_so(tmp_path, pg_location):
    source = str(tmp_path / "sessions.db")
    ids = build_sqlite_history(source)
    result = copy(f"sqlite:///{source}", pg_location, "--batch-size", "5")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "Sessions: 7 in the source, 7 copied, 0 already there",
        "Messages: 37 in the source, 37 copied, 0 already there",
        f"Check passed: all 7 sessions and 37 messages of the source are in {pg_location}",
    ]
    with SessionStore(source) as old, SessionStore(pg_location) as new:
        assert new.stats()["messages"] == 37
        assert all(new.get_session(i, include_expired=True) is not None for i in ids)
        assert new.list_user_sessions("reader-1", True) == old.list_user_sessions("reader-1", True)


def test_store_copy_rerun_copies_nothing(tmp_path, pg_location):
    source = str(tmp_path / "sessions.db")
    build_sqlite_history(source)
    copy(source, pg_location)
    result = copy(source, pg_location)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:2] == [
        "Sessions: 7 in the source, 0 copied, 7 already there",
        "Messages: 37 in the source, 0 copied, 37 already there",
    ]


def test_store_copy_fails_when_the_target_lacks_rows(tmp_path, pg_location):
    source = str(tmp_path / "sessions.db")
    build_sqlite_history(source)
    SessionStore(pg_location).close()
    with psycopg.connect(pg_location, autocommit=True) as conn:
        conn.execute(
            "CREATE FUNCTION drop_hello() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.content = 'hello' THEN RETURN NULL; END IF; RETURN NEW; END $$;"
            " CREATE TRIGGER drop_hello BEFORE INSERT ON chat_messages"
            " FOR EACH ROW EXECUTE FUNCTION drop_hello();"
        )
    result = copy(source, pg_location)
    assert result.exit_code == 1
    assert (
        f"Error: copy incomplete: 7 of 7 sessions and 36 of 37 messages are in {pg_location}"
        in result.stderr
    )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("missing.db", "no session database at missing.db"),
        ("mysql://h/db", "unsupported session store location"),
    ],
)
def test_store_copy_refuses_a_bad_source_in_one_line(
    tmp_path, monkeypatch, pg_location, source, message
):
    monkeypatch.chdir(tmp_path)
    result = copy(source, pg_location)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: store-copy stopped: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
