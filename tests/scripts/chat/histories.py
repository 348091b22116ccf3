"""A SQLite store with a realistic history, for the copying tests."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta

from scripts.chat import Message, SessionStore
from tests.factories import oxford_latin_plan, result_page

START = datetime(2024, 5, 1, 9, 30, tzinfo=UTC)


def build_sqlite_history(path: str, sessions: int = 6, turns: int = 3) -> list[str]:
    """Sessions of several users with plans, result pages, context, metadata, expiries, and one
    session as an older Colophon wrote it (naive times, plain JSON payload); return the ids."""
    ids = []
    with SessionStore(path) as store:
        for k in range(sessions):
            session = store.create_session(
                user_id=f"reader-{k % 3}" if k % 4 else None, metadata={"title": f"Search {k}"}
            )
            for turn in range(turns):
                moment = START + timedelta(minutes=10 * k + turn)
                store.add_turn(
                    session.session_id,
                    [
                        Message(
                            role="user",
                            content=f"books printed by Oxford, turn {turn}",
                            query_plan=oxford_latin_plan(),
                            timestamp=moment,
                        ),
                        Message(
                            role="assistant",
                            content=f"Found {37 + turn} books.",
                            candidate_set=result_page(total=37 + turn),
                            timestamp=moment + timedelta(seconds=2),
                        ),
                    ],
                    context_updates={"turn": turn, "places": ["Oxford", "Leiden"]},
                )
            if k % 3 == 2:
                store.expire_session(session.session_id)
            ids.append(session.session_id)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute(
            "INSERT INTO chat_sessions VALUES ('old', 'reader-0', '2023-01-01T00:00:00',"
            " '2023-01-01T00:05:00', '{\"k\": 1}', '{}', NULL)"
        )
        conn.execute(
            "INSERT INTO chat_messages (session_id, role, content, query_plan, timestamp)"
            " VALUES ('old', 'user', 'hello', ?, '2023-01-01T00:05:00')",
            (json.dumps({"filters": [{"field": "language", "op": "EQUALS", "value": "lat"}]}),),
        )
    return [*ids, "old"]
