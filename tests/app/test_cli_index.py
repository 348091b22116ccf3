"""``colophon index``, run through the real Typer app against real files and databases."""

import json
import os
import re
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import SessionStore
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
        "warnings": [],
        "duplicates_replaced": 0,
        "seconds": summary["seconds"],
    }


def test_each_record_warning_is_a_warning_line_and_in_the_json(tmp_path):
    raw = book("b2", title="MXaori grammar /").as_marc().replace(b"X", b"\xff")
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), raw])
    db = tmp_path / "index.db"
    warning = ("c.mrc record 2 (001 b2)", "invalid UTF-8 in 245 replaced with U+FFFD")
    result = invoke("index", str(path), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1:] == [f"Warning: {warning[0]}: {warning[1]}"]
    summary = SUMMARY.fullmatch(result.stdout.strip())
    assert (summary["records"], summary["rest"]) == ("2", "; 1 warning")
    assert _records(db) == ["b1", "b2"]
    result = invoke("index", str(path), "--db", str(db), "--json")
    assert json.loads(result.stdout)["warnings"] == [{"record": warning[0], "reason": warning[1]}]


def test_an_xml_external_entity_is_never_read_and_its_dropping_is_reported(tmp_path):
    path = write_marcxml(tmp_path / "c.xml", [book("b1", title="Liber XXE /")])
    text = path.read_text().replace("XXE", "&x;")
    doctype = '<!DOCTYPE collection [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    path.write_text(text.replace("?>\n", f"?>\n{doctype}\n", 1))
    db = tmp_path / "index.db"
    result = invoke("index", str(path), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    warning = {
        "record": "c.xml record 1 (001 b1)",
        "reason": "external entity file:///etc/passwd not read; left out",
    }
    assert result.stderr.splitlines()[1:] == [f"Warning: {warning['record']}: {warning['reason']}"]
    assert json.loads(result.stdout)["warnings"] == [warning]
    with closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT title FROM records").fetchall() == [("Liber",)]


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


def _files(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_database_under_a_file_is_an_error(catalogue, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("notes\n")
    db = blocker / "sub" / "index.db"
    result = invoke("index", str(catalogue), "--db", str(db))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (f"Error: cannot write the index {db}: {blocker} is not a folder\n")
    assert blocker.read_text() == "notes\n"


def test_a_database_that_is_a_folder_is_an_error(catalogue, tmp_path):
    folder = tmp_path / "index"
    folder.mkdir()
    result = invoke("index", str(catalogue), "--db", str(folder))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: cannot write the index {folder}: it is a folder;"
        f" give a file path such as {folder / 'bibliographic.db'}\n"
    )
    assert _files(folder) == []


@pytest.mark.parametrize("where", ["database", "source"])
def test_a_path_the_system_refuses_to_look_at_is_one_error_line(catalogue, tmp_path, where):
    too_long = tmp_path / ("x" * 300) / "index.db"  # a name longer than a file name may be
    db, source = (too_long, catalogue) if where == "database" else (tmp_path / "i.db", too_long)
    result = invoke("index", str(source), "--db", str(db))
    assert result.exit_code == 1
    expected = f"cannot write the index {db}" if where == "database" else f"cannot read {source}"
    assert result.stderr == f"Error: {expected}: File name too long\n"
    assert _files(tmp_path) == ["books.mrc"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the mode says")
def test_a_database_folder_that_cannot_be_created_is_an_error(catalogue, tmp_path):
    parent = tmp_path / "read-only"
    parent.mkdir(mode=0o555)
    db = parent / "new" / "index.db"
    result = invoke("index", str(catalogue), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot write the index {db}: cannot create the folder {db.parent}:"
        " Permission denied\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the mode says")
def test_a_read_only_database_folder_is_an_error(catalogue, tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir(mode=0o555)
    result = invoke("index", str(catalogue), "--db", str(folder / "index.db"))
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: cannot write the index {folder / 'index.db'}:"
        f" cannot write in the folder {folder} (permission denied)\n"
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads and writes whatever the mode says")
def test_a_source_without_read_permission_is_an_error(catalogue, tmp_path):
    catalogue.chmod(0)
    result = invoke("index", str(catalogue), "--db", str(tmp_path / "index.db"))
    assert result.exit_code == 1
    assert result.stderr == f"Error: cannot read {catalogue}: not readable (permission denied)\n"
    assert _files(tmp_path) == ["books.mrc"]


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux's /proc/self/mem")
def test_a_source_that_fails_to_read_is_an_error_about_the_source(catalogue, tmp_path):
    db = tmp_path / "index.db"
    invoke("index", str(catalogue), "--db", str(db))
    result = invoke("index", "/proc/self/mem", "--db", str(db))  # a file that reading fails on
    assert result.exit_code == 1
    assert result.stderr == "Error: cannot read /proc/self/mem: Input/output error\n"
    assert _records(db) == ["b1", "b2"]


def _session_store(path: Path) -> Path:
    with SessionStore(path) as store:
        store.create_session(user_id="reader-1")
    return path


def _sqlite_without_meta(path: Path) -> Path:
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE meta (key TEXT, value TEXT)")
        connection.execute("INSERT INTO meta VALUES ('owner', 'someone else')")
    return path


def _text(path: Path) -> Path:
    path.write_text("my notes\n")
    return path


def _corrupt_sqlite(path: Path) -> Path:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("make", "name", "reason"),
    [
        (_session_store, "sessions.db", "an SQLite database without Colophon's meta rows"),
        (_sqlite_without_meta, "other.db", "an SQLite database without Colophon's meta rows"),
        (_text, "notes.txt", "not an SQLite database"),
        (
            _corrupt_sqlite,
            "corrupt.db",
            "an SQLite database that cannot be read: file is not a database",
        ),
        (_empty, "empty.db", "an empty file"),
    ],
)
def test_a_database_that_is_not_a_colophon_index_is_never_overwritten(
    catalogue, tmp_path, make, name, reason
):
    db = make(tmp_path / name)
    before = db.read_bytes()
    result = invoke("index", str(catalogue), "--db", str(db))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"Error: {db} is not a Colophon index ({reason}); not overwriting it."
        " Choose another --db path.\n"
    )
    assert db.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".tmp")] == []


def test_an_index_of_an_older_schema_version_is_replaced(catalogue, tmp_path):
    db = tmp_path / "index.db"
    invoke("index", str(catalogue), "--db", str(db))
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        connection.execute("DELETE FROM records WHERE record_id = 'b2'")
    result = invoke("index", str(catalogue), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert _records(db) == ["b1", "b2"]


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


NOTHING_TO_INDEX = {
    "empty.mrc": (b"", "no MARC records found"),
    "bom-only.xml": (b"\xef\xbb\xbf", "no MARC records found"),
    "page.html": (b"<!DOCTYPE html>\n<html><body><p>Moved</p></body></html>\n", "no MARC records found"),
    "broken.html": (b"<html><head><meta charset=utf-8></head></html>\n", "1 skipped, see above"),
    "broken.mrc": (book(None).as_marc() + book("b9").as_marc()[:-40], "2 skipped, see above"),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(NOTHING_TO_INDEX))
def test_input_with_nothing_to_index_leaves_the_old_index_and_exits_1(catalogue, tmp_path, name):
    content, why = NOTHING_TO_INDEX[name]
    source = tmp_path / name
    source.write_bytes(content)
    db = tmp_path / "index.db"
    invoke("index", str(catalogue), "--db", str(db))
    before = db.read_bytes()
    result = invoke("index", str(source), "--db", str(db))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"Error: no records indexed from {source} ({why}); {db} was left as it was."
        " Check that the files hold MARC 21 or MARCXML records, or pass --allow-empty to write"
        " an empty index."
    )
    assert db.read_bytes() == before
    assert _files(tmp_path) == sorted(["books.mrc", "index.db", name])


def test_nothing_to_index_creates_no_database(tmp_path):
    source = tmp_path / "empty.mrc"
    source.write_bytes(b"")
    db = tmp_path / "new" / "folders" / "index.db"
    result = invoke("index", str(source), "--db", str(db))
    assert result.exit_code == 1
    assert result.stderr == (
        "Warning: empty.mrc: no MARC records found\n"
        f"Error: no records indexed from {source} (no MARC records found); {db} was not created."
        " Check that the files hold MARC 21 or MARCXML records, or pass --allow-empty to write"
        " an empty index.\n"
    )
    assert _files(tmp_path) == ["empty.mrc"]  # not even the folders


@pytest.mark.parametrize("as_json", [False, True])
def test_allow_empty_replaces_the_index_with_an_empty_one_and_warns(catalogue, tmp_path, as_json):
    source = tmp_path / "empty.mrc"
    source.write_bytes(b"")
    db = tmp_path / "index.db"
    invoke("index", str(catalogue), "--db", str(db))
    result = invoke("index", str(source), "--db", str(db), "--allow-empty", *["--json"] * as_json)
    assert result.exit_code == 0
    if as_json:
        assert json.loads(result.stdout)["records"] == 0
    else:
        assert SUMMARY.fullmatch(result.stdout.strip())["records"] == "0"
    assert result.stderr == (
        "Warning: empty.mrc: no MARC records found\n"
        f"Warning: no records indexed from {source} (no MARC records found);"
        f" {db} is now an empty index, as --allow-empty asked.\n"
    )
    assert _records(db) == []


def test_index_without_files_is_a_usage_error():
    result = invoke("index")
    assert result.exit_code == 2
    assert "Missing argument" in result.output
