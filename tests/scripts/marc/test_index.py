"""Building the bibliographic index: schema, atomic replacement, idempotence, real catalogues."""

import re
import sqlite3
import xml.etree.ElementTree as ET
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from scripts.marc.index import (
    SCHEMA_VERSION,
    EmptyIndexError,
    IndexWriteError,
    NotAnIndexError,
    build_index,
    ensure_index,
)
from scripts.marc.parse import CatalogueSourceError
from scripts.marc.places import PLACE_NAMES
from tests.scripts.marc.marc_files import book, datafield, f008, write_marcxml, write_mrc

SCHEMA = {
    "records": ["record_id", "source", "leader", "date_type", "date_start", "date_end",
                "date_raw", "date_source", "country_code", "country_name", "language_code",
                "title", "title_sort", "author", "description"],
    "titles": ["record_id", "tag", "title", "title_norm", "linked_tag"],
    "agents": ["record_id", "tag", "position", "name_raw", "name_norm", "role_raw", "role_norm",
               "agent_type", "linked_tag", "name_key"],
    "imprints": ["record_id", "tag", "position", "place_raw", "place_norm", "publisher_raw",
                 "publisher_norm", "date_raw", "date_start", "date_end", "linked_tag"],
    "languages": ["record_id", "code", "name", "source"],
    "subjects": ["record_id", "tag", "heading", "heading_norm", "linked_tag"],
    "notes": ["record_id", "tag", "text", "linked_tag"],
    "physical_descriptions": ["record_id", "tag", "text", "extent", "dimensions", "linked_tag"],
    "citations": ["record_id", "tag", "source", "source_norm", "number", "number_norm",
                  "linked_tag"],
    "genres": ["record_id", "tag", "term", "term_norm", "heading", "vocabulary", "linked_tag"],
    "holdings": ["record_id", "tag", "location", "sublocation", "shelfmark", "shelfmark_norm",
                 "copy", "note"],
    "links": ["record_id", "tag", "url", "text", "note", "materials", "kind"],
    "marc": ["record_id", "xml"],
    "authorities": ["authority_id", "kind", "heading", "heading_norm"],
    "authority_forms": ["authority_id", "tag", "relation", "form", "form_norm"],
    "imprint_names": ["record_id", "tag", "position", "name_key", "form"],
    "vocabulary": ["kind", "form", "value", "display", "records"],
    "titles_fts": ["record_id", "text"],
    "subjects_fts": ["record_id", "headings", "genres"],
    "notes_fts": ["record_id", "text"],
    "keywords_fts": ["record_id", "text"],
    "meta": ["key", "value"],
}  # fmt: skip
INDEXED = [("records", "date_start"), ("records", "country_code"), ("imprints", "place_norm"),
           ("imprints", "publisher_norm"), ("languages", "code"), ("agents", "name_norm"),
           ("agents", "role_norm"), ("subjects", "heading_norm"), ("citations", "source_norm"),
           ("citations", "number_norm"), ("genres", "term_norm"),
           ("holdings", "shelfmark_norm")]  # fmt: skip
MARCXML = {"m": "http://www.loc.gov/MARC21/slim"}
CHILD_TABLES = ["titles", "agents", "imprints", "languages", "subjects", "notes",
                "physical_descriptions", "citations", "genres", "holdings", "links",
                "marc"]  # fmt: skip


def _rich_book(record_id: str, **options):
    fields = (
        datafield("100", "a", "Manutius, Aldus,", "e", "printer.", indicators="0 "),
        datafield("041", "a", "latgrc", indicators="1 "),
        datafield("246", "a", "Aldine herbal", indicators="3 "),
        datafield("300", "a", "[8], 212 leaves ;", "c", "31 cm."),
        datafield("500", "a", "Woodcut printer's device on title page."),
        datafield("650", "a", "Botany", "v", "Early works to 1800.", indicators=" 0"),
    )
    return book(record_id, fields=fields, **options)


def _query(db: Path, sql: str, **params) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql, params).fetchall()


def _count(db: Path, table: str) -> int:
    return _query(db, f"SELECT count(*) FROM {table}")[0][0]


def _dump(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table but the build time, in a stable order."""
    return {
        table: sorted(map(repr, _query(db, f"SELECT * FROM {table}")))
        for table in SCHEMA
        if table != "meta"
    }


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return write_mrc(tmp_path / "books.mrc", [_rich_book("b1"), _rich_book("b2"), book("b3")])


def test_schema_has_exactly_the_agreed_tables_and_columns(catalogue, tmp_path):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    for table, columns in SCHEMA.items():
        assert [row[1] for row in _query(db, f"PRAGMA table_info({table})")] == columns


def test_schema_indexes_every_column_the_executor_filters_on(catalogue, tmp_path):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    leading = {
        (table, _query(db, f"PRAGMA index_info({name})")[0][2])
        for table in SCHEMA
        for _, name, *_ in _query(db, f"PRAGMA index_list({table})")
    }
    assert set(INDEXED) | {(table, "record_id") for table in CHILD_TABLES} <= leading


def test_child_rows_refer_to_records_and_cascade_on_delete(catalogue, tmp_path):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM records WHERE record_id = 'b1'")
        for table in CHILD_TABLES:
            found = connection.execute(f"SELECT count(*) FROM {table} WHERE record_id = 'b1'")
            assert found.fetchone() == (0,), table


def test_builds_every_table_from_binary_marc(catalogue, tmp_path):
    db = tmp_path / "index" / "bibliographic.db"
    summary = build_index([catalogue], db)
    assert (summary.records, summary.skipped, summary.duplicates_replaced) == (3, [], 0)
    assert summary.db_path == db and summary.sources == [catalogue]
    counts = {table: _count(db, table) for table in SCHEMA}
    assert counts == {
        "records": 3, "titles": 5, "agents": 2, "imprints": 3, "languages": 5, "subjects": 2,
        "notes": 2, "physical_descriptions": 2, "citations": 0, "genres": 2, "holdings": 0,
        "links": 0, "marc": 3, "authorities": 0, "authority_forms": 0, "imprint_names": 0,
        "vocabulary": 30, "titles_fts": 3, "subjects_fts": 2, "notes_fts": 2, "keywords_fts": 3,
        "meta": 4,
    }  # fmt: skip
    assert _query(db, "SELECT place_norm, publisher_norm, date_start FROM imprints")[0] == (
        "venice", "aldum", 1667,
    )  # fmt: skip


def test_marcxml_and_binary_build_the_same_index(tmp_path):
    records = [_rich_book("b1"), _rich_book("b2"), book("b3")]
    from_mrc, from_xml = tmp_path / "mrc.db", tmp_path / "xml.db"
    build_index([write_mrc(tmp_path / "c.mrc", records)], from_mrc)
    build_index([write_marcxml(tmp_path / "c.xml", records)], from_xml)
    mrc_rows, xml_rows = _dump(from_mrc), _dump(from_xml)
    for rows in (mrc_rows, xml_rows):  # only the source name and the leader may differ
        rows["records"] = [
            re.sub(r"'[^']*\.(mrc|xml)', '[^']*'", "", row) for row in rows["records"]
        ]
        rows["marc"] = [re.sub(r"<leader>[^<]*</leader>", "", row) for row in rows["marc"]]
    assert mrc_rows == xml_rows


def test_full_text_search_ignores_case_and_diacritics(tmp_path):
    path = write_mrc(tmp_path / "c.mrc", [book("b1", title="Ngā mōteatea /")])
    db = tmp_path / "index.db"
    build_index([path], db)
    assert _query(db, "SELECT record_id FROM titles_fts WHERE titles_fts MATCH 'moteatea'") == [
        ("b1",)
    ]
    assert _query(db, "SELECT record_id FROM titles_fts WHERE titles_fts MATCH 'NGA'") == [("b1",)]


def test_full_text_rows_take_their_records_rowids(tmp_path):
    subject = datafield("650", "a", "Botany", indicators=" 0")
    records = [book("b1"), book("b2", fields=(subject,)), book("b1", title="Again /")]
    db = tmp_path / "index.db"
    build_index([write_mrc(tmp_path / "c.mrc", records)], db)
    for table in ("titles_fts", "subjects_fts"):
        joined = f"SELECT f.rowid, r.rowid FROM {table} f JOIN records r USING (record_id)"
        rows = _query(db, joined)
        assert rows and all(fts_rowid == rowid for fts_rowid, rowid in rows)
    matched = "SELECT rowid FROM titles_fts WHERE titles_fts MATCH 'again'"
    assert _query(db, f"SELECT record_id FROM records WHERE rowid IN ({matched})") == [("b1",)]


@pytest.mark.parametrize(
    ("control_008", "fields", "imprint", "source"),
    [
        (f008("1667"), (), ("c", "1670."), "008/07-14"),
        (f008("    ", date_type="n"), (), ("a", "Venetiis :", "c", "[1667?]"), "260$c"),
        (f008("uuuu", date_type="|"), (datafield("264", "c", "1890.", indicators=" 1"),), (),
         "264$c"),
        (f008("    ", date_type="n"), (), ("a", "Venetiis :", "b", "s.n."), None),
    ],
)  # fmt: skip
def test_date_source_says_where_the_date_came_from(tmp_path, control_008, fields, imprint, source):
    record = book("b1", control_008=control_008, imprint=imprint, fields=fields)
    db = tmp_path / "index.db"
    build_index([write_mrc(tmp_path / "c.mrc", [record])], db)
    assert _query(db, "SELECT date_source FROM records") == [(source,)]


SONCINO = ("6", "880-01", "a", "Soncino :", "b", "Joshua Solomon Soncino,")


@pytest.mark.parametrize(
    ("imprint", "hebrew_imprint", "source"),
    [
        # The romanised imprint gives no date; its 880 gives the Hebrew year.
        (SONCINO, ("6", "260-01/(2/r", "a", "שונצינו :", "c", 'רמ"ד.'), "880$c"),
        # Another catalogue keeps the Hebrew year in the romanised field itself.
        (SONCINO + ("c", 'רמ"ד.'), ("6", "260-01/(2/r", "a", "שונצינו :"), "260$c"),
    ],
)
def test_a_record_dated_only_by_a_hebrew_year_gets_its_gregorian_span(
    tmp_path, imprint, hebrew_imprint, source
):
    record = book(
        "h1",
        control_008=f008("    ", date_type="n", language="heb"),
        imprint=imprint,
        fields=(datafield("880", *hebrew_imprint),),
    )
    db = tmp_path / "index.db"
    build_index([write_mrc(tmp_path / "c.mrc", [record])], db)
    assert _query(db, "SELECT date_start, date_end, date_source FROM records") == [
        (1483, 1484, source)
    ]
    # The imprint keeps the Hebrew form as catalogued (less the closing full stop).
    dated = _query(
        db, "SELECT tag, date_raw, date_start, date_end FROM imprints WHERE date_raw IS NOT NULL"
    )
    assert dated == [(source[:3], 'רמ"ד', 1483, 1484)]


def test_reindexing_the_same_files_gives_the_same_rows(catalogue, tmp_path):
    db = tmp_path / "index.db"
    first = build_index([catalogue], db)
    before = _dump(db)
    second = build_index([catalogue], db)
    assert _dump(db) == before
    assert (second.records, second.duplicates_replaced) == (first.records, 0)


def test_a_later_duplicate_001_replaces_the_earlier_record_and_is_counted(tmp_path):
    old = write_mrc(tmp_path / "old.mrc", [_rich_book("b1", title="Old title /"), book("b2")])
    new = write_marcxml(tmp_path / "new.xml", [book("b1", title="New title /")])
    db = tmp_path / "index.db"
    summary = build_index([old, new], db)
    assert (summary.records, summary.duplicates_replaced) == (2, 1)
    assert _query(db, "SELECT title, source FROM records WHERE record_id = 'b1'") == [
        ("New title", str(new))
    ]
    assert _query(db, "SELECT title FROM titles WHERE record_id = 'b1'") == [("New title",)]
    assert _query(db, "SELECT count(*) FROM agents WHERE record_id = 'b1'") == [(0,)]
    assert _query(db, "SELECT text FROM titles_fts WHERE record_id = 'b1'") == [("New title",)]


def test_a_duplicate_within_one_batch_is_replaced_too(tmp_path):
    path = write_mrc(
        tmp_path / "c.mrc", [book("b1", title="First /"), book("b1", title="Second /")]
    )
    db = tmp_path / "index.db"
    assert build_index([path], db).duplicates_replaced == 1
    assert _query(db, "SELECT title FROM records") == [("Second",)]
    assert _count(db, "imprints") == 1


def test_a_broken_record_in_the_middle_is_skipped_and_the_rest_indexed(tmp_path):
    broken = b"abcde" + book("b2").as_marc()[5:]
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), broken, book(None), book("b4")])
    db = tmp_path / "index.db"
    summary = build_index([path], db)
    assert summary.records == 2
    assert [where for where, _ in summary.skipped] == ["c.mrc record 2 (001 b2)", "c.mrc record 3"]
    assert _query(db, "SELECT record_id FROM records ORDER BY record_id") == [("b1",), ("b4",)]


def test_a_record_read_with_a_warning_is_indexed_and_the_warning_kept(tmp_path):
    raw = book("b2", title="MXaori grammar /").as_marc().replace(b"X", b"\xff")
    path = write_mrc(tmp_path / "c.mrc", [book("b1"), raw, book("b3")])
    db = tmp_path / "index.db"
    read: list[int] = []
    summary = build_index([path], db, progress=read.append)
    assert (summary.records, summary.skipped, read) == (3, [], [1, 2, 3])
    assert summary.warnings == [
        ("c.mrc record 2 (001 b2)", "invalid UTF-8 in 245 replaced with U+FFFD")
    ]
    assert _query(db, "SELECT title FROM records WHERE record_id = 'b2'") == [
        ("M\ufffdaori grammar",)
    ]


def test_a_file_without_records_among_others_is_a_warning(catalogue, tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(b"<collection/>")
    summary = build_index([catalogue, empty], tmp_path / "index.db")
    assert (summary.records, summary.warnings) == (3, [("empty.xml", "no MARC records found")])


def test_a_failure_mid_build_leaves_the_previous_index_untouched(catalogue, tmp_path):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    before = _dump(db)

    def interrupt(read: int) -> None:
        if read == 2:
            raise KeyboardInterrupt

    bigger = write_mrc(tmp_path / "more.mrc", [book(f"n{n}") for n in range(5)])
    with pytest.raises(KeyboardInterrupt):
        build_index([bigger], db, progress=interrupt)
    assert _dump(db) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books.mrc", "index.db", "more.mrc"]


def test_a_missing_source_raises_before_anything_is_written(catalogue, tmp_path):
    db = tmp_path / "index.db"
    with pytest.raises(CatalogueSourceError, match="no such file"):
        build_index([catalogue, tmp_path / "absent.mrc"], db)
    assert not db.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books.mrc"]


def test_a_failed_build_removes_the_folders_it_created(catalogue, tmp_path):
    (tmp_path / "kept").mkdir()
    db = tmp_path / "kept" / "new" / "index.db"

    def interrupt(read: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index([catalogue], db, progress=interrupt)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books.mrc", "kept"]
    assert list((tmp_path / "kept").iterdir()) == []


def test_an_unwritable_database_location_raises_index_write_error(catalogue, tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    with pytest.raises(IndexWriteError):
        build_index([catalogue], blocker / "index.db")


@pytest.mark.parametrize(
    "content", [b"", b"\xef\xbb\xbf", b"<html><body>Moved</body></html>", b"00000" + b"x" * 40]
)
def test_a_build_with_no_records_raises_and_leaves_the_old_index(catalogue, tmp_path, content):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    before = _dump(db)
    source = tmp_path / "nothing.mrc"
    source.write_bytes(content)
    with pytest.raises(EmptyIndexError) as raised:
        build_index([source], db)
    assert raised.value.summary.records == 0
    assert _dump(db) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "books.mrc",
        "index.db",
        "nothing.mrc",
    ]


def test_allow_empty_writes_an_index_with_no_records(catalogue, tmp_path):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    source = tmp_path / "empty.mrc"
    source.write_bytes(b"")
    summary = build_index([source], db, allow_empty=True)
    assert (summary.records, summary.created, _count(db, "records")) == (0, False, 0)
    assert dict(_query(db, "SELECT key, value FROM meta"))["records"] == "0"


def test_a_folder_that_cannot_be_created_raises_index_write_error(catalogue, tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "mkdir", refuse)
    db = tmp_path / "new" / "index.db"
    with pytest.raises(IndexWriteError) as raised:
        build_index([catalogue], db)
    assert raised.value.reason == f"cannot create the folder {db.parent}: Permission denied"


def test_a_file_that_is_not_an_index_raises_and_is_left_as_it_was(catalogue, tmp_path):
    db = tmp_path / "notes.db"
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("CREATE TABLE notes (text TEXT)")
    before = db.read_bytes()
    with pytest.raises(NotAnIndexError) as raised:
        build_index([catalogue], db)
    assert raised.value.reason == "an SQLite database without Colophon's meta rows"
    assert db.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["books.mrc", "notes.db"]


def test_an_index_with_its_meta_rows_is_replaced_whatever_else_it_holds(catalogue, tmp_path):
    db = tmp_path / "index.db"
    assert build_index([catalogue], db).created is True
    with closing(sqlite3.connect(db)) as connection, connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
        connection.execute("DROP TABLE records")
    summary = build_index([catalogue], db)
    assert (summary.created, summary.records, _count(db, "records")) == (False, 3, 3)


def test_progress_is_told_the_running_count_of_records_read(catalogue, tmp_path):
    seen: list[int] = []
    build_index([catalogue, catalogue], tmp_path / "index.db", progress=seen.append)
    assert seen == [1, 2, 3, 4, 5, 6]


def test_meta_records_schema_version_build_time_and_sources(catalogue, tmp_path):
    db = tmp_path / "index.db"
    build_index([catalogue], db)
    meta = dict(_query(db, "SELECT key, value FROM meta"))
    assert meta["schema_version"] == SCHEMA_VERSION == "6" and meta["records"] == "3"
    assert meta["sources"] == f'["{catalogue}"]'
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", meta["built_at"])


def test_ensure_index_builds_only_when_the_database_is_missing(catalogue, tmp_path):
    db = tmp_path / "index" / "bibliographic.db"
    assert ensure_index(db, [catalogue]) is True
    assert _count(db, "records") == 3
    assert ensure_index(db, [tmp_path / "absent.xml"]) is False


def test_ensure_index_without_the_demo_catalogue_raises(tmp_path):
    with pytest.raises(CatalogueSourceError):
        ensure_index(tmp_path / "index.db", [tmp_path / "absent.xml"])


@pytest.mark.nlnz
def test_nlnz_sample_indexes_every_record(nlnz_mrc, tmp_path):
    db = tmp_path / "index.db"
    summary = build_index([nlnz_mrc], db)
    assert (summary.records, summary.skipped, summary.duplicates_replaced) == (1001, [], 0)
    assert _count(db, "records") == 1001


@pytest.fixture(scope="module")
def nlnz_db(nlnz_mrc, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("nlnz") / "index.db"
    build_index([nlnz_mrc], db)
    return db


# Each expected value below was counted from the raw file with pymarc alone (MARCReader over
# nlnz-1000.mrc: 008[35:38], 008[15:18], 260/264 $a, 245), not through this package.
@pytest.mark.nlnz
@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("SELECT count(*) FROM records WHERE language_code = 'mao'", 18),
        ("SELECT count(*) FROM records WHERE language_code = 'rar'", 11),
        ("SELECT count(*) FROM records WHERE country_code = 'nz'", 842),
        ("SELECT count(*) FROM records WHERE country_code = 'xna'", 10),
        # records with a 260/264 _1 $a matching ^\[?wellington\b (case-insensitive)
        ("SELECT count(DISTINCT record_id) FROM imprints WHERE place_norm = 'wellington'", 334),
        ("SELECT count(*) FROM subjects WHERE tag = '650'", 1750),
        ("SELECT count(*) FROM physical_descriptions", 981),
        ("SELECT count(*) FROM records WHERE author IS NULL", 269),
    ],
)
def test_nlnz_facts_match_the_raw_marc(nlnz_db, sql, expected):
    assert _query(nlnz_db, sql) == [(expected,)]


@pytest.mark.nlnz
def test_nlnz_record_rows_match_the_raw_marc(nlnz_db):
    (row,) = _query(
        nlnz_db,
        "SELECT title, author, date_start, country_name FROM records WHERE record_id = :id",
        id="9962783502836",
    )
    assert row == (
        "Larger than life : the story of Eric Baume",
        "Manning, Arthur",
        1967,
        "Australia",
    )
    imprints = _query(
        nlnz_db,
        "SELECT place_norm, publisher_norm FROM imprints WHERE record_id = :id ORDER BY position",
        id="9962783502836",
    )
    assert imprints == [("sydney", "reed"), ("wellington", "reed")]
    assert _query(nlnz_db, "SELECT title FROM records WHERE record_id = '99297623502836'") == [
        ("State and economy in New Zealand",)
    ]
    printers = _query(
        nlnz_db, "SELECT name_raw FROM agents WHERE role_norm = 'printer' ORDER BY name_raw"
    )
    assert printers == [("Denny, John (John Adrian)",), ("Puriri Press",)]


@pytest.fixture(scope="module")
def demo_db(demo_catalogue, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "index.db"
    summary = build_index([demo_catalogue], db)
    assert summary.skipped == []
    return db


def _raw_demo_records(demo_catalogue: Path) -> list[ET.Element]:
    """The demo catalogue's records read with ElementTree alone, not through this package."""
    return ET.parse(demo_catalogue).getroot().findall("m:record", MARCXML)


def _raw_value(record: ET.Element, tag: str) -> str:
    found = record.find(f"m:controlfield[@tag='{tag}']", MARCXML)
    return found.text if found is not None else ""


def test_demo_catalogue_indexes_every_record(demo_catalogue, demo_db):
    raw_ids = sorted(_raw_value(record, "001") for record in _raw_demo_records(demo_catalogue))
    assert [
        record_id for (record_id,) in _query(demo_db, "SELECT record_id FROM records ORDER BY 1")
    ] == raw_ids


def test_demo_catalogue_gutenberg_bible(demo_db):
    # cph000001 in the raw XML: 008 "s1455 gw ... lat", 245 $a "Biblia latina.", 260 $a "[Mainz] :"
    row = _query(
        demo_db,
        "SELECT r.title, r.date_start, r.country_name, r.language_code, i.place_norm, i.date_raw"
        " FROM records r JOIN imprints i USING (record_id) WHERE record_id = 'cph000001'",
    )
    assert row == [("Biblia latina", 1455, "Germany", "lat", "mainz", "[1455?]")]


def test_demo_catalogue_languages_match_the_raw_008(demo_catalogue, demo_db):
    codes = (_raw_value(record, "008")[35:38] for record in _raw_demo_records(demo_catalogue))
    raw = Counter(code if code.isalpha() else None for code in codes)
    indexed = _query(demo_db, "SELECT language_code, count(*) FROM records GROUP BY 1")
    assert dict(indexed) == dict(raw)


@pytest.mark.parametrize(
    ("latin", "english"),
    [("Venetiis", "venice"), ("Lugduni Batavorum", "leiden"), ("Oxonii", "oxford")],
)
def test_demo_catalogue_latin_imprints_resolve_to_modern_names(
    demo_catalogue, demo_db, latin, english
):
    raw = {
        _raw_value(record, "001")
        for record in _raw_demo_records(demo_catalogue)
        for place in record.findall("m:datafield[@tag='260']/m:subfield[@code='a']", MARCXML)
        + record.findall("m:datafield[@tag='264'][@ind2='1']/m:subfield[@code='a']", MARCXML)
        if place.text.strip(" :[]") == latin
    }
    indexed = _query(
        demo_db, "SELECT DISTINCT record_id FROM imprints WHERE place_norm = :p", p=english
    )
    assert raw and raw <= {record_id for (record_id,) in indexed}


def test_demo_catalogue_places_are_all_modern_names(demo_db):
    places = {place for (place,) in _query(demo_db, "SELECT DISTINCT place_norm FROM imprints")}
    assert {"venice", "leiden", "oxford", "mainz", "istanbul", "constantinople"} <= places
    assert {place for place in places if PLACE_NAMES.get(place, place) != place} == set()


def test_ensure_index_rebuilds_an_outdated_build_of_the_demo_catalogue(tmp_path):
    source = write_marcxml(tmp_path / "demo.xml", [book("d1")])
    db_path = tmp_path / "index.db"
    assert ensure_index(db_path, [source]) is True
    assert ensure_index(db_path, [source]) is False
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    assert ensure_index(db_path, [source]) is True
    with closing(sqlite3.connect(db_path)) as conn:
        assert conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == (
            SCHEMA_VERSION,
        )


def test_ensure_index_never_replaces_an_index_of_other_files(tmp_path):
    own = write_marcxml(tmp_path / "own.xml", [book("o1")])
    db_path = tmp_path / "index.db"
    build_index([own], db_path)
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    assert ensure_index(db_path, [write_marcxml(tmp_path / "demo.xml", [book("d1")])]) is False
