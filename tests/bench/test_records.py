"""The records benchmark runs and prints its tables (on the demo index, few requests)."""

from bench import records
from scripts.export.formats import FORMATS
from scripts.query.connection import read_only


def test_record_pages_are_timed_per_index_and_page_kind(demo_index, monkeypatch, capsys):
    monkeypatch.setattr(
        records, "build_indexes", lambda folder, notes: {"demo catalogue": (demo_index, [])}
    )
    records.main(["--quick"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "record pages over HTTP, 100 records each, one client"
    with read_only(demo_index) as conn:
        (records_,) = conn.execute("SELECT count(*) FROM records").fetchone()
    assert lines[4].startswith(f"| demo catalogue | {records_} | HTML | ")
    assert lines[5].startswith(f"| demo catalogue | {records_} | JSON | ")
    assert lines[-1] == "Note: exports skipped: they need the NLNZ x100 index"


def test_exports_are_timed_per_format_and_their_memory_measured(demo_index, monkeypatch, capsys):
    monkeypatch.setattr(records, "EXPORT_QUERY", "books printed in Venice")
    monkeypatch.setattr(records, "LARGER_QUERY", "books printed in Venice")
    records._exports(demo_index, runs=1)
    lines = capsys.readouterr().out.splitlines()
    rows = [line for line in lines if line.startswith("| ") and not line.startswith("| format")]
    assert [row.split(" | ")[0].strip("| ") for row in rows] == list(FORMATS)
    assert all(row.split(" | ")[1] == "39" for row in rows)
    assert lines[-1].startswith("Streamed: “books printed in Venice” (39 records,")
