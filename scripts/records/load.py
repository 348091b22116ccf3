"""Reading whole records from the index: one by id, or many at a time for exports.

A record is its ``records`` row as a dict, plus one list per part table (``PARTS``) of its
rows in record order, without their ``record_id``; with ``marc=True`` also ``marc``, the
whole record as stored (MARCXML text, ``whole_record``), read only where it is used. ``load_records`` reads a batch with one statement per table, so
exporting thousands of records costs a few statements per batch, not per record, and reads
only the parts asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from scripts.query.connection import IndexQueryError, read_only

PARTS = (
    "titles",
    "agents",
    "imprints",
    "languages",
    "subjects",
    "notes",
    "physical_descriptions",
    "citations",
    "genres",
    "holdings",
    "links",
)

Record = dict[str, Any]


class RecordNotFoundError(LookupError):
    """No record with this id in the index."""

    def __init__(self, record_id: str) -> None:
        super().__init__(f"no record {record_id!r} in the catalogue")
        self.record_id = record_id


def get_record(record_id: str, db_path: Path, *, marc: bool = False) -> Record:
    """The record with every part (and its MARC with ``marc``); raises RecordNotFoundError."""
    try:
        with read_only(db_path) as conn:
            found = load_records(conn, [record_id], marc=marc)
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot read the index {db_path}: {exc}") from exc
    if record_id not in found:
        raise RecordNotFoundError(record_id)
    return found[record_id]


def load_records(
    conn: sqlite3.Connection,
    record_ids: Iterable[str],
    *,
    parts: Iterable[str] = PARTS,
    marc: bool = False,
) -> dict[str, Record]:
    """The records of ``record_ids`` that exist, by id, with ``parts`` (a subset of PARTS)."""
    parts = [part for part in PARTS if part in set(parts)]  # names from PARTS only, in order
    ids = list(dict.fromkeys(record_ids))
    if not ids:
        return {}
    names = {f"id{i}": record_id for i, record_id in enumerate(ids)}
    listed = ", ".join(f":{name}" for name in names)
    records: dict[str, Record] = {}
    for row in conn.execute(f"SELECT * FROM records WHERE record_id IN ({listed})", names):
        records[row["record_id"]] = {**dict(row), **{part: [] for part in parts}}
        if marc:
            records[row["record_id"]]["marc"] = None
    for part in parts:  # table names come from PARTS, never from the caller
        sql = f"SELECT * FROM {part} WHERE record_id IN ({listed}) ORDER BY rowid"
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: cheaper than rows by name for every row
        cursor.execute(sql, names)
        columns = [column[0] for column in cursor.description]
        at = columns.index("record_id")
        for row in cursor:
            values = dict(zip(columns, row, strict=True))
            del values["record_id"]
            records[row[at]][part].append(values)
    if marc:
        sql = f"SELECT record_id, xml FROM marc WHERE record_id IN ({listed})"
        for record_id, text in conn.execute(sql, names):
            records[record_id]["marc"] = text
    return records
