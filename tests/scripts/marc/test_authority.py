"""Authority records: a heading and its see-from and related forms, read from any input file."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pytest
from pymarc import Field, Leader, Record

from scripts.marc.authority import AuthorityForm, is_authority, to_authority
from scripts.marc.extract import RecordError
from scripts.marc.index import build_index
from tests.scripts.marc.marc_files import book, datafield, write_marcxml, write_mrc


def authority(record_id: str | None, *fields: Field) -> Record:
    record = Record(force_utf8=True, leader=Leader("00000nz  a2200000n  4500"))
    if record_id is not None:
        record.add_field(Field(tag="001", data=record_id))
    for extra in fields:
        record.add_field(extra)
    return record


FROSCHAUER = authority(
    "n1",
    datafield("100", "a", "Froschauer, Christoph,", "d", "approximately 1490-1564", indicators="1 "),
    datafield("400", "a", "Froschouerus, Christophorus,", "d", "approximately 1490-1564",
              indicators="1 "),
    datafield("400", "a", "Froschauer, Christoph,", "d", "-1564", indicators="1 "),
    datafield("510", "w", "r", "a", "Officina Froschoviana", indicators="2 "),
)  # fmt: skip
CRADLE_BOOKS = authority(
    "s1",
    datafield("155", "a", "Incunabula"),
    datafield("455", "a", "Cradle books"),
    datafield("555", "w", "g", "a", "Books"),
)


def test_leader_06_z_marks_an_authority_record():
    assert is_authority(FROSCHAUER)
    assert not is_authority(book("b1"))


def test_a_name_authority_keeps_its_heading_and_forms_without_dates():
    read = to_authority(FROSCHAUER)
    assert (read.authority_id, read.kind, read.heading_norm) == (
        "n1",
        "name",
        "froschauer christoph",
    )
    assert read.heading == "Froschauer, Christoph, approximately 1490-1564"
    # The second 400 differs from the heading only by its dates: nothing new to trace.
    assert read.forms == [
        AuthorityForm(
            "400", "see_from", "Froschouerus, Christophorus, approximately 1490-1564",
            "froschouerus christophorus",
        ),
        AuthorityForm("510", "related", "Officina Froschoviana", "officina froschoviana"),
    ]  # fmt: skip


def test_a_genre_authority_traces_lead_in_and_broader_terms():
    read = to_authority(CRADLE_BOOKS)
    assert read.kind == "genre"
    assert [(f.relation, f.form_norm) for f in read.forms] == [
        ("see_from", "cradle books"),
        ("broader", "books"),
    ]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (authority(None, datafield("100", "a", "Anon.")), "no 001"),
        (authority("x1", datafield("670", "a", "A source")), "without a 1XX heading"),
        (authority("x2", datafield("100", "a", " . ")), "empty heading"),
    ],
)
def test_an_authority_record_without_a_heading_is_refused(record, reason):
    with pytest.raises(RecordError, match=reason):
        to_authority(record)


def test_authority_records_are_indexed_from_any_file_beside_books(tmp_path):
    mixed = write_mrc(tmp_path / "mixed.mrc", [book("b1"), FROSCHAUER])
    genres = write_marcxml(tmp_path / "genres.xml", [CRADLE_BOOKS])
    summary = build_index([mixed, genres], tmp_path / "index.db")
    assert (summary.records, summary.authorities, summary.skipped) == (1, 2, [])
    with closing(sqlite3.connect(tmp_path / "index.db")) as conn:
        headings = conn.execute("SELECT authority_id, kind FROM authorities ORDER BY 1").fetchall()
        forms = conn.execute("SELECT count(*) FROM authority_forms").fetchone()[0]
    assert headings == [("n1", "name"), ("s1", "genre")] and forms == 4
