"""Loading whole records from the index, one or a batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.query.connection import read_only
from scripts.records.load import PARTS, RecordNotFoundError, get_record, load_records


def test_get_record_returns_every_part(crafted_index: Path) -> None:
    record = get_record("q2", crafted_index)
    assert record["title"] == "Sefer Tehilim"
    assert [t["title"] for t in record["titles"]] == ["Sefer Tehilim", "ספר תהלים"]
    assert record["agents"][0]["role_norm"] == "printer"
    assert record["imprints"][0]["place_raw"] == "Amstelodami"
    assert record["languages"] == [{"code": "heb", "name": "Hebrew", "source": "008/35-37"}]
    assert record["subjects"][0]["heading"] == "Psalms"
    assert record["notes"] == [] and record["physical_descriptions"] == []
    assert set(PARTS) <= set(record) and "marc" not in record


def test_get_record_of_unknown_id_raises(crafted_index: Path) -> None:
    with pytest.raises(RecordNotFoundError, match="nope"):
        get_record("nope", crafted_index)


def test_the_rare_book_parts_and_the_marc_come_with_the_record(rare_index: Path) -> None:
    record = get_record("r1", rare_index, marc=True)
    assert [(c["source"], c["number"]) for c in record["citations"]] == [
        ("Goff", "B-526"),
        ("ISTC", "ib00526000"),
        ("GW", "4201"),
    ]
    assert record["genres"][0]["term"] == "Incunabula"
    assert record["holdings"][0]["shelfmark"] == "Inc. 1"
    assert record["links"][0]["url"] == "https://example.org/gutenberg"
    assert '<controlfield tag="001">r1</controlfield>' in record["marc"]


def test_a_batch_loads_the_records_that_exist_in_one_statement_per_table(rare_index: Path):
    with read_only(rare_index) as conn:
        statements: list[str] = []
        conn.set_trace_callback(statements.append)
        try:
            found = load_records(conn, ["r3", "missing", "r1", "r3"], marc=True)
        finally:
            conn.set_trace_callback(None)
    assert sorted(found) == ["r1", "r3"]
    assert len(statements) == 1 + len(PARTS) + 1
    assert found["r3"]["agents"][1]["name_raw"] == "קארו, יוסף, 1488-1575"
