"""Adapters that give each session store the same five calls, for the workloads to time.

``raw`` is the practical limit: sqlite3 with WAL, synchronous=NORMAL, the minimum SQL and rows
as dicts. ``colophon`` is ``SessionStore`` on SQLite. ``colophon-pg`` is ``SessionStore`` on
PostgreSQL, present when a server URL is given (``COLOPHON_BENCH_PG_URL`` or ``--pg-url``):
each workload gets a new database on it, dropped afterwards. ``openai-agents`` and
``langchain`` come from ../shared/bench when it and their packages are present
(``pip install -e '.[bench]'``), and are skipped otherwise.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tests.pg import create_database, drop_database

SHARED_HARNESS = Path(__file__).resolve().parents[2] / "shared" / "bench"
PG_URL_VARIABLE = "COLOPHON_BENCH_PG_URL"


class Raw:
    """The limit: one INSERT and one UPDATE per append, one SELECT per read."""

    name = "raw-sqlite3"

    def __init__(self, path: str) -> None:
        self.c = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.c.execute("pragma journal_mode=wal")
        self.c.execute("pragma synchronous=normal")
        self.c.executescript(
            "create table if not exists s(id text primary key, user_id text, created text,"
            " updated text, context text);"
            "create table if not exists m(id integer primary key, sid text not null references s(id),"
            " role text, content text, payload text, ts text);"
            "create index if not exists m_sid on m(sid, id);"
        )

    def create(self) -> str:
        sid, now = str(uuid.uuid4()), datetime.now(UTC).isoformat()
        self.c.execute("insert into s values(?,?,?,?,?)", (sid, "u", now, now, "{}"))
        return sid

    def append(self, sid: str, role: str, content: str, payload: dict | None) -> None:
        now = datetime.now(UTC).isoformat()
        self.c.execute("begin immediate")
        self.c.execute(
            "insert into m(sid,role,content,payload,ts) values(?,?,?,?,?)",
            (sid, role, content, json.dumps(payload) if payload else None, now),
        )
        self.c.execute("update s set updated=? where id=?", (now, sid))
        self.c.execute("commit")

    @staticmethod
    def _rows(rows) -> list[dict]:
        return [
            {
                "role": r[0],
                "content": r[1],
                "payload": json.loads(r[2]) if r[2] else None,
                "ts": r[3],
            }
            for r in rows
        ]

    def get_all(self, sid: str) -> list[dict]:
        return self._rows(
            self.c.execute("select role,content,payload,ts from m where sid=? order by id", (sid,))
        )

    def get_recent(self, sid: str, n: int) -> list[dict]:
        rows = self.c.execute(
            "select role,content,payload,ts from m where sid=? order by id desc limit ?", (sid, n)
        ).fetchall()
        return self._rows(reversed(rows))

    def count(self) -> int:
        return self.c.execute("select count(*) from m").fetchone()[0]

    def close(self) -> None:
        self.c.close()


class Colophon:
    """``SessionStore`` with typed payloads: assistant messages carry a CandidateSet."""

    name = "colophon"

    def __init__(self, location: str) -> None:
        from scripts.chat import Message, SessionStore

        self.Message, self.store = Message, SessionStore(location)

    def create(self) -> str:
        return self.store.create_session(user_id="u").session_id

    def append(self, sid: str, role: str, content: str, payload: dict | None) -> None:
        self.store.add_message(sid, self.Message(role=role, content=content, candidate_set=payload))

    def get_all(self, sid: str):
        return self.store.get_session(sid).messages

    def get_recent(self, sid: str, n: int):
        return self.store.get_messages(sid, limit=n)

    def count(self) -> int:
        return self.store.stats()["messages"]

    def close(self) -> None:
        self.store.close()


class ColophonPostgres(Colophon):
    """``SessionStore`` on PostgreSQL; its size is that of its two tables."""

    name = "colophon-pg"

    def database_bytes(self) -> int:
        return self.store.stats()["database_bytes"]


class ThrowawayDatabases:
    """Locates each workload in a new database on one server; ``release`` drops them all."""

    def __init__(self, server_url: str) -> None:
        self.server_url = server_url
        self.created: list[str] = []

    def __call__(self, tmp: Path, tag: str) -> str:
        url = create_database(self.server_url, prefix="colophon_bench")
        self.created.append(url)
        return url

    def release(self) -> None:
        while self.created:
            drop_database(self.server_url, self.created.pop())


def available(
    note: Callable[[str], None] = print,
) -> dict[str, tuple[type, Callable[[Path, str], str]]]:
    """Each system's adapter and how it names its database for a workload; ``note`` hears
    which systems are skipped and why."""
    systems: dict[str, tuple[type, Callable[[Path, str], str]]] = {
        "raw": (Raw, lambda tmp, tag: str(tmp / f"raw-{tag}.db")),
        "colophon": (Colophon, lambda tmp, tag: str(tmp / f"colophon-{tag}.db")),
    }
    if os.environ.get(PG_URL_VARIABLE):
        systems["colophon-pg"] = (ColophonPostgres, ThrowawayDatabases(os.environ[PG_URL_VARIABLE]))
    else:
        note(f"skip colophon-pg: set {PG_URL_VARIABLE} or pass --pg-url")
    if SHARED_HARNESS.exists():
        sys.path.insert(0, str(SHARED_HARNESS))
        import bench_stores

        for name, cls in (
            ("openai-agents", bench_stores.OpenAIAgents),
            ("langchain", bench_stores.LangChain),
        ):
            try:
                with tempfile.TemporaryDirectory() as probe_dir:
                    cls(str(Path(probe_dir) / "probe.db")).close()
            except ImportError as exc:
                note(f"skip {name}: {exc} (python3 dev.py bench installs it)")
                continue
            systems[name] = (cls, lambda tmp, tag, n=name: str(tmp / f"{n}-{tag}.db"))
    else:
        note(f"skip openai-agents, langchain: {SHARED_HARNESS} is absent")
    return systems
