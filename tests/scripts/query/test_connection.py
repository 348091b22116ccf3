"""Read-only index connections: reused per thread and file, renewed when the file is replaced."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from scripts.marc.index import build_index
from scripts.query import connection
from scripts.query.connection import IndexQueryError, read_only
from tests.scripts.marc.marc_files import book, write_mrc


def _index(folder: Path, *record_ids: str, name: str = "index.db") -> Path:
    source = write_mrc(folder / f"{'-'.join(record_ids)}.mrc", [book(i) for i in record_ids])
    db_path = folder / name
    build_index([source], db_path)
    return db_path


def _records(db_path: Path) -> list[str]:
    with read_only(db_path) as conn:
        return [row[0] for row in conn.execute("SELECT record_id FROM records ORDER BY 1")]


def test_a_thread_reuses_its_connection_while_the_file_is_the_same(tmp_path: Path) -> None:
    db_path = _index(tmp_path, "a1")
    with read_only(db_path) as first, read_only(db_path) as nested:
        assert nested is first
    with read_only(tmp_path / "." / "index.db") as again:
        assert again is first


def test_a_rebuilt_index_is_read_through_a_new_connection(tmp_path: Path) -> None:
    db_path = _index(tmp_path, "a1")
    with read_only(db_path) as old:
        assert _records(db_path) == ["a1"]
    _index(tmp_path, "b1", "b2")  # build_index replaces the file
    with read_only(db_path) as new:
        assert new is not old
    assert _records(db_path) == ["b1", "b2"]
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        old.execute("SELECT 1")


def test_a_file_replaced_while_in_use_is_left_to_its_reader(tmp_path: Path) -> None:
    db_path = _index(tmp_path, "a1")
    with read_only(db_path) as outer:
        _index(tmp_path, "b1")
        assert _records(db_path) == ["b1"]
        assert [tuple(row) for row in outer.execute("SELECT record_id FROM records")] == [("a1",)]


def test_threads_do_not_share_connections(tmp_path: Path) -> None:
    db_path = _index(tmp_path, "a1")
    with read_only(db_path) as mine:
        pass
    seen: list[object] = []

    def read() -> None:
        with read_only(db_path) as theirs:
            seen.append(theirs)
            assert theirs.execute("SELECT count(*) FROM records").fetchone()[0] == 1

    worker = threading.Thread(target=read)
    worker.start()
    worker.join()
    assert len(seen) == 1 and seen[0] is not mine


def test_past_max_open_files_the_least_recently_used_connection_is_closed(
    tmp_path: Path,
) -> None:
    paths = [_index(tmp_path, f"r{i}", name=f"{i}.db") for i in range(connection.MAX_OPEN + 1)]
    opened = []
    for path in paths:
        with read_only(path) as conn:
            opened.append(conn)
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        opened[0].execute("SELECT 1")
    assert opened[-1].execute("SELECT count(*) FROM records").fetchone()[0] == 1


@pytest.mark.parametrize(("version", "said"), [("1", "has schema 1"), (None, "no schema version")])
def test_an_index_of_another_schema_is_refused_with_a_request_to_rebuild(
    tmp_path: Path, version: str | None, said: str
) -> None:
    db_path = _index(tmp_path, "a1")
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'schema_version'")
        if version is not None:
            conn.execute("INSERT INTO meta VALUES ('schema_version', :v)", {"v": version})
    conn.close()
    with pytest.raises(IndexQueryError, match=f"{said}.*rebuild it with `colophon index`"):
        _records(db_path)


def test_the_connection_maps_the_file(tmp_path: Path) -> None:
    with read_only(_index(tmp_path, "a1")) as conn:
        assert conn.execute("PRAGMA mmap_size").fetchone()[0] == 2**30
