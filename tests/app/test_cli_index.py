"""``colophon index``, run through the real Typer app against real files and databases."""

import json
import re
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from tests.scripts.marc.marc_files import book, write_marcxml, write_mrc

runner = CliRunner()
SUMMARY = re.compile(
    r"Indexed (?P<records>[\d,]+) records? from (?P<files>\d+) files? into (?P<db>\S+) "
    r"in \d+\.\d s; skipped (?P<skipped>\d+)(?P<rest>.*)"
)


def invoke(*args: str):
    return runner.invoke(app, list(args))


def _records(db: Path) -> list[str]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT record_id FROM records ORDER BY record_id")
        return [record_id for (record_id,) in rows]


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return write_mrc(tmp_path / "books.mrc", [book("b1"), book("b2")])


def test_index_builds_the_database_and_prints_a_summary(catalogue, tmp_path):
    db = tmp_path / "index" / "bibliographic.db"
    result = invoke("index", str(catalogue), "--db", str(db))
    assert result.exit_code == 0, result.output
    summary = SUMMARY.fullmatch(result.stdout.rstrip("\n"))
    assert summary, result.stdout
    assert summary.group("records", "files", "db", "skipped", "rest") == (
        "2",
        "1",
        str(db),
        "0",
        "",
    )
    assert result.stderr == f"Created index database {db}\n"
    assert _records(db) == ["b1", "b2"]


def test_reindexing_says_nothing_about_creating_the_database(catalogue, tmp_path):
    db = tmp_path / "index.db"
    invoke("index", str(catalogue), "--db", str(db))
    result = invoke("index", str(catalogue), "--db", str(db))
    assert result.exit_code == 0 and result.stderr == ""
    assert _records(db) == ["b1", "b2"]


def test_index_takes_several_files_and_reports_replaced_duplicates(catalogue, tmp_path):
    newer = write_marcxml(tmp_path / "newer.xml", [book("b2", title="Newer /"), book("b3")])
    db = tmp_path / "index.db"
    result = invoke("index", str(catalogue), str(newer), "--db", str(db))
    assert result.exit_code == 0, result.output
    summary = SUMMARY.fullmatch(result.stdout.strip())
    assert summary and summary["records"] == "3" and summary["files"] == "2"
    assert summary["rest"] == "; replaced 1 duplicate record id"
    assert _records(db) == ["b1", "b2", "b3"]


def test_each_skipped_record_is_a_warning_naming_it(tmp_path):
    broken = b"abcde" + book("b2").as_marc()[5:]
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), broken, book(None), book("b4")])
    db = tmp_path / "index.db"
    result = invoke("index", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    warnings = result.stderr.splitlines()[1:]
    assert len(warnings) == 2
    assert warnings[0].startswith("Warning: skipped c.mrc record 2 (001 b2): unreadable: ")
    assert warnings[1] == "Warning: skipped c.mrc record 3: no 001 (control number)"
    assert SUMMARY.fullmatch(result.stdout.strip())["skipped"] == "2"
    assert _records(db) == ["b1", "b4"]


def test_json_prints_the_summary_alone_on_stdout(tmp_path):
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), book(None)])
    db = tmp_path / "index.db"
    result = invoke("index", str(path), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary == {
        "db": str(db),
        "sources": [str(path)],
        "records": 1,
        "skipped": [{"record": "c.mrc record 2", "reason": "no 001 (control number)"}],
        "duplicates_replaced": 0,
        "seconds": summary["seconds"],
    }


@pytest.mark.parametrize("bad", ["absent.mrc", "a-directory"])
def test_an_unreadable_file_is_one_error_line_and_exit_code_1(catalogue, tmp_path, bad):
    (tmp_path / "a-directory").mkdir()
    db = tmp_path / "index.db"
    invoke("index", str(catalogue), "--db", str(db))
    result = invoke("index", str(catalogue), str(tmp_path / bad), "--db", str(db))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: cannot read {tmp_path / bad}: ")
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output
    assert _records(db) == ["b1", "b2"]  # the old index is untouched


def test_a_file_that_is_not_marc_is_an_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("not a catalogue\n")
    result = invoke("index", str(path), "--db", str(tmp_path / "index.db"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot read {path}: neither MARC 21 nor MARCXML\n"
    assert not (tmp_path / "index.db").exists()


def test_an_unwritable_database_is_an_error(catalogue, tmp_path):
    (tmp_path / "blocker").write_text("")
    result = invoke("index", str(catalogue), "--db", str(tmp_path / "blocker" / "index.db"))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: cannot write the index {tmp_path / 'blocker'}")


def test_default_database_comes_from_settings(catalogue, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("COLOPHON_INDEX_DB", raising=False)
    result = invoke("index", str(catalogue))
    assert result.exit_code == 0, result.output
    assert result.stderr == "Created index database data/index/bibliographic.db\n"
    assert "into data/index/bibliographic.db in" in result.stdout
    assert _records(tmp_path / "data" / "index" / "bibliographic.db") == ["b1", "b2"]


def test_default_database_follows_colophon_index_db(catalogue, tmp_path, monkeypatch):
    db = tmp_path / "elsewhere.db"
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(db))
    assert invoke("index", str(catalogue)).exit_code == 0
    assert _records(db) == ["b1", "b2"]


def test_index_without_files_is_a_usage_error():
    result = invoke("index")
    assert result.exit_code == 2
    assert "Missing argument" in result.output
