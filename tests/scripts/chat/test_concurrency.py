"""Many threads and processes on one store: every write lands exactly once, no error escapes."""

import multiprocessing
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

from scripts.chat import Message, SessionStore
from tests.scripts.chat import workers

ROOT = Path(__file__).resolve().parents[3]


def test_threads_append_to_one_session_without_loss(store):
    session = store.create_session()

    def append(writer: int) -> None:
        for i in range(50):
            store.add_message(session.session_id, Message(role="user", content=f"t{writer}-{i}"))

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(append, range(16)))
    contents = [m.content for m in store.get_session(session.session_id).messages]
    assert Counter(contents) == Counter(f"t{w}-{i}" for w in range(16) for i in range(50))
    for writer in range(16):  # each writer's own messages stay in the order it wrote them
        own = [c for c in contents if c.startswith(f"t{writer}-")]
        assert own == [f"t{writer}-{i}" for i in range(50)]


def test_threads_merging_context_never_lose_a_key(store):
    session = store.create_session()

    def merge(writer: int) -> None:
        for i in range(25):
            store.update_context(session.session_id, {f"t{writer}-{i}": i})

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(merge, range(8)))
    assert len(store.get_session(session.session_id).context) == 8 * 25


def _run_processes(target, location: str, session_id: str, processes: int, count: int) -> None:
    context = multiprocessing.get_context("spawn")
    started = [
        context.Process(target=target, args=(location, session_id, w, count))
        for w in range(processes)
    ]
    for process in started:
        process.start()
    for process in started:
        process.join(timeout=120)
    assert [p.exitcode for p in started] == [0] * processes


def test_processes_append_without_error_or_loss(store_location):
    with SessionStore(store_location) as store:
        session = store.create_session()
    _run_processes(
        workers.append_messages, store_location, session.session_id, processes=8, count=100
    )
    with SessionStore(store_location) as store:
        contents = [m.content for m in store.get_session(session.session_id).messages]
    assert Counter(contents) == Counter(f"w{w}-m{i}" for w in range(8) for i in range(100))


def test_processes_merging_context_never_lose_a_key(store_location):
    with SessionStore(store_location) as store:
        session = store.create_session()
    _run_processes(workers.merge_keys, store_location, session.session_id, processes=4, count=50)
    with SessionStore(store_location) as store:
        context = store.get_session(session.session_id).context
    assert context == {f"w{w}-k{i}": i for w in range(4) for i in range(50)}


def test_writer_killed_mid_stream_loses_no_acknowledged_message(store_location, tmp_path):
    with SessionStore(store_location) as store:
        session = store.create_session()
    acks = tmp_path / "acks.txt"
    acks.touch()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.scripts.chat.workers",
            store_location,
            session.session_id,
            str(acks),
        ],
        cwd=ROOT,
    )
    deadline = time.monotonic() + 60
    while len(acks.read_text().splitlines()) < 200 and time.monotonic() < deadline:
        assert writer.poll() is None, "the writer died on its own"
        time.sleep(0.01)
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    acknowledged = acks.read_text().splitlines()
    assert len(acknowledged) >= 200
    with SessionStore(store_location) as store:
        stored = [m.content for m in store.get_session(session.session_id).messages]
    if "://" not in store_location:
        with closing(sqlite3.connect(store_location)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert stored[: len(acknowledged)] == acknowledged
    assert (
        len(stored) - len(acknowledged) <= 1
    )  # at most the one committed before its ack was written
