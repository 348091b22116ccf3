"""Build the bibliographic index (``schema.sql``) from MARC and MARCXML files.

``build_index`` writes a new database beside ``db_path`` and moves it into place with
``os.replace`` only once it is complete, so readers see the old index or the new one, never a
half-built one, and a failed import leaves the old one untouched. Re-indexing the same files
gives the same rows: ``record_id`` (001) is the key, and a later record with an 001 already
seen replaces the earlier one and is counted in ``duplicates_replaced``.

A build that indexes no record at all (an empty, HTML or wholly broken file) raises
``EmptyIndexError`` and writes nothing unless ``allow_empty`` says an empty index is wanted:
an index is never replaced by an empty one by accident. Only an index is ever replaced: a ``db_path`` that is a folder, lies under a file, or is a file
other than a Colophon index (an SQLite database whose ``meta`` table has the rows every build
writes, of any schema version) is refused before anything is read, so a mistyped ``--db``
cannot destroy a session store or anyone's notes.

Speed comes from the temporary file needing no crash safety (journal and sync off), one
transaction with batched ``executemany`` for the load, and the secondary indexes, full-text
tables and ANALYZE done once afterwards.
"""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import stat
import time
from collections.abc import Callable, Iterable
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from scripts.marc.authority import AuthorityRecord
from scripts.marc.dates import NO_DATE, parse_008_dates
from scripts.marc.extract import ParsedRecord, imprints_in_date_order
from scripts.marc.names import link_names
from scripts.marc.normalize import fold_script
from scripts.marc.parse import CatalogueSourceError, RecordWarning, Skip, read_records
from scripts.marc.vocabulary import build_vocabulary
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)

# 2: date_source; FTS rowids are records' rowids; covering indexes.
# 3: authorities, name keys and linked imprints, genres, the vocabulary, stemmed and keyword
#    full text; the whole record (marc); citations, holdings, links; 561/563/590 notes; 880s
#    in their paired field's table with linked_tag. 4: title_sort. 5: full text folded
#    for every script (Greek, Hebrew), subjects' form subdivisions as genres. 6: records'
#    dates by record id.
SCHEMA_VERSION = "6"
# The meta rows every build has written since schema 1: together they mark a Colophon index.
_INDEX_META_KEYS = frozenset({"schema_version", "built_at", "sources"})
_SQLITE_HEADER = b"SQLite format 3\x00"
_SUGGESTED_NAME = "bibliographic.db"
_BATCH = 500
_INDEXES_MARKER = "-- @indexes"

ProgressCallback = Callable[[int], None]  # called with the number of records read so far


class IndexWriteError(Exception):
    """The index database could not be written."""

    def __init__(self, db_path: Path, reason: str) -> None:
        super().__init__(f"{db_path}: {reason}")
        self.db_path = db_path
        self.reason = reason


class NotAnIndexError(Exception):
    """``db_path`` is a file that is not a Colophon index, so it is not overwritten."""

    def __init__(self, db_path: Path, reason: str) -> None:
        super().__init__(f"{db_path} is not a Colophon index: {reason}")
        self.db_path = db_path
        self.reason = reason


class EmptyIndexError(Exception):
    """No record could be indexed, and an empty index was not asked for; nothing was written."""

    def __init__(self, summary: IndexSummary) -> None:
        super().__init__(f"{summary.db_path}: no records indexed")
        self.summary = summary


@dataclass
class IndexSummary:
    """What a build did: records indexed, records skipped and warnings (where, why),
    replacements, time; ``created`` when there was no index at ``db_path`` before."""

    db_path: Path
    sources: list[Path]
    created: bool = False
    records: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    duplicates_replaced: int = 0
    authorities: int = 0
    seconds: float = 0.0
    linking_seconds: float = 0.0  # of ``seconds``: names linked, the vocabulary built


def build_index(
    sources: list[Path],
    db_path: Path,
    progress: ProgressCallback | None = None,
    *,
    allow_empty: bool = False,
) -> IndexSummary:
    """Index ``sources`` into a new ``db_path``, replacing any old index only on success.

    Raises ``CatalogueSourceError`` for a source that cannot be read, ``NotAnIndexError`` when
    ``db_path`` is some other file, ``EmptyIndexError`` when no record was indexed (unless
    ``allow_empty``) and ``IndexWriteError`` when the database cannot be written; whatever
    was at ``db_path`` is left as it was in every case.
    """
    started = time.perf_counter()
    for source in sources:
        _check_readable(source)
    created = _check_target(db_path)
    made = _make_folders(db_path)
    summary = IndexSummary(db_path=db_path, sources=list(sources), created=created)
    try:
        _build(summary, progress, allow_empty)
    except BaseException:  # an interrupt too: a failed build leaves no trace
        for folder in made:
            with suppress(OSError):  # not empty: someone else put something there meanwhile
                folder.rmdir()
        raise
    summary.seconds = time.perf_counter() - started
    log.info(
        "index built",
        extra=fields(
            db=str(db_path),
            records=summary.records,
            skipped=len(summary.skipped),
            warnings=len(summary.warnings),
            duplicates=summary.duplicates_replaced,
            seconds=round(summary.seconds, 3),
        ),
    )
    return summary


def _build(summary: IndexSummary, progress: ProgressCallback | None, allow_empty: bool) -> None:
    """Build the index in a temporary file beside ``db_path`` and move it into place."""
    db_path = summary.db_path
    temporary = db_path.with_name(f".{db_path.name}.{secrets.token_hex(6)}.tmp")
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            _load(connection, summary, progress)
            if summary.records == 0 and not allow_empty:
                raise EmptyIndexError(summary)
            _finish(connection, summary)
        finally:
            connection.close()
        os.replace(temporary, db_path)
    except (OSError, sqlite3.Error) as error:
        raise IndexWriteError(db_path, str(error)) from error
    finally:
        temporary.unlink(missing_ok=True)  # gone already when the build succeeded


def needs_demo_build(db_path: Path, demo_sources: list[Path]) -> bool:
    """Whether ``ensure_index`` would build: the index is missing, or an older build of the
    demo files."""
    return not db_path.exists() or _outdated_build_of(db_path, demo_sources)


def ensure_index(db_path: Path, demo_sources: list[Path]) -> bool:
    """Build ``db_path`` from the demo files when it is missing, or when it is an older build
    of those same files; an index of other files is never replaced. True if built."""
    if not needs_demo_build(db_path, demo_sources):
        return False
    build_index(list(demo_sources), db_path)
    return True


def _outdated_build_of(db_path: Path, sources: list[Path]) -> bool:
    """An index built by another schema version, or from some of these files but not all."""
    try:
        meta = _read_meta(db_path)
    except sqlite3.Error:
        return False
    built_from = [Path(p).resolve() for p in json.loads(meta.get("sources", "[]"))]
    wanted = [source.resolve() for source in sources]
    ours = bool(built_from) and set(built_from) <= set(wanted)
    return ours and (meta.get("schema_version") != SCHEMA_VERSION or built_from != wanted)


def _read_meta(db_path: Path) -> dict[str, str]:
    """The ``meta`` rows of the SQLite database ``db_path``."""
    with closing(_open_read_only(db_path)) as connection:
        return dict(connection.execute("SELECT key, value FROM meta").fetchall())


def _open_read_only(db_path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)


def _check_target(db_path: Path) -> bool:
    """Refuse a ``db_path`` that is a folder, lies under a file, or is a file but no index.
    True when there is no index there yet."""
    try:
        if db_path.is_dir():
            reason = f"it is a folder; give a file path such as {db_path / _SUGGESTED_NAME}"
            raise IndexWriteError(db_path, reason)
        if db_path.exists():
            reason = _not_an_index(db_path)
            if reason is not None:
                raise NotAnIndexError(db_path, reason)
            return False
        nearest = next(parent for parent in db_path.parents if parent.exists())
    except OSError as error:  # the path cannot even be looked at (a name too long, a link loop)
        raise IndexWriteError(db_path, error.strerror or str(error)) from error
    if not nearest.is_dir():
        raise IndexWriteError(db_path, f"{nearest} is not a folder")
    return True


def _make_folders(db_path: Path) -> list[Path]:
    """Create the missing folders of ``db_path``; the ones created, innermost first."""
    missing = [folder for folder in db_path.parents if not folder.exists()]
    try:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        reason = error.strerror or str(error)
        message = f"cannot create the folder {db_path.parent}: {reason}"
        raise IndexWriteError(db_path, message) from error
    if not os.access(db_path.parent, os.W_OK | os.X_OK):
        reason = f"cannot write in the folder {db_path.parent} (permission denied)"
        raise IndexWriteError(db_path, reason)
    return missing


def _not_an_index(db_path: Path) -> str | None:
    """Why the existing file ``db_path`` is not a Colophon index, or None when it is one."""
    try:
        with db_path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except OSError as error:
        return f"cannot be read: {error.strerror or error}"
    if not header:
        return "an empty file"
    if header != _SQLITE_HEADER:
        return "not an SQLite database"
    try:
        with closing(_open_read_only(db_path)) as connection:
            keys = set()
            if connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
            ).fetchone():
                keys = {key for (key,) in connection.execute("SELECT key FROM meta")}
    except sqlite3.DatabaseError as error:
        return f"an SQLite database that cannot be read: {error}"
    if not keys >= _INDEX_META_KEYS:
        return "an SQLite database without Colophon's meta rows"
    return None


def _check_readable(source: Path) -> None:
    try:
        mode = source.stat().st_mode
    except (FileNotFoundError, NotADirectoryError) as error:
        raise CatalogueSourceError(source, "no such file") from error
    except OSError as error:  # a name too long, a link loop, a folder without search permission
        raise CatalogueSourceError(source, error.strerror or str(error)) from error
    if not stat.S_ISREG(mode):
        raise CatalogueSourceError(source, "not a file")
    if not os.access(source, os.R_OK):
        raise CatalogueSourceError(source, "not readable (permission denied)")


def _schema() -> tuple[str, str]:
    """``schema.sql`` as (tables, indexes): the part before the bulk load and the part after."""
    text = resources.files("scripts.marc").joinpath("schema.sql").read_text(encoding="utf-8")
    tables, _, indexes = text.partition(_INDEXES_MARKER)
    return tables, indexes


def _load(
    connection: sqlite3.Connection, summary: IndexSummary, progress: ProgressCallback | None
) -> None:
    """Create the tables and load every record in one transaction."""
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    connection.execute("PRAGMA foreign_keys = ON")  # a replaced record takes its rows with it
    tables, _ = _schema()
    connection.executescript(tables)
    batch = _Batch(connection)
    seen: set[str] = set()
    read = 0
    connection.execute("BEGIN")
    for source in summary.sources:
        read_before = read
        for item in read_records(source):
            if isinstance(item, RecordWarning):
                summary.warnings.append((item.where, item.reason))
                continue
            read += 1
            if isinstance(item, Skip):
                summary.skipped.append((item.where, item.reason))
            elif isinstance(item, AuthorityRecord):
                batch.add_authority(item)
                summary.authorities += 1
            else:
                if item.record_id in seen:
                    batch.flush()
                    connection.execute(
                        "DELETE FROM records WHERE record_id = :record_id",
                        {"record_id": item.record_id},
                    )
                    summary.duplicates_replaced += 1
                seen.add(item.record_id)
                batch.add(item)
            if progress is not None:
                progress(read)
        if read == read_before:
            summary.warnings.append((source.name, "no MARC records found"))
    batch.flush()
    connection.execute("COMMIT")
    summary.records = len(seen)


def _finish(connection: sqlite3.Connection, summary: IndexSummary) -> None:
    """Secondary indexes, names linked, full-text tables, the vocabulary, statistics, meta."""
    _, indexes = _schema()
    connection.executescript(indexes)
    started = time.perf_counter()
    link_names(connection)
    summary.linking_seconds = time.perf_counter() - started
    fill_full_text(connection)
    started = time.perf_counter()
    build_vocabulary(connection)
    summary.linking_seconds += time.perf_counter() - started
    connection.execute("ANALYZE")
    meta = {
        "schema_version": SCHEMA_VERSION,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "records": str(summary.records),
        "sources": json.dumps([str(source) for source in summary.sources]),
    }
    connection.executemany(
        "INSERT INTO meta (key, value) VALUES (:key, :value)",
        [{"key": key, "value": value} for key, value in meta.items()],
    )


def fill_full_text(connection: sqlite3.Connection) -> None:
    """Fill the empty FTS tables, one row per record: titles; subject headings and, in a
    column of their own, genre terms (folded, as the query side folds a reader's words:
    "Hector's" is "hectors"); notes; and, for leftover words, all of these with the record's
    names and imprints.

    Each row takes its record's rowid, so a full-text match is a list of records' rowids.
    The text is stored as ``fold_script`` gives it, as searches look for it
    (``operators.fts_string``): the tokenizer folds the diacritics of Latin script only.
    """
    connection.create_function("fold_script", 1, fold_script, deterministic=True)
    connection.executescript(
        """
        BEGIN;
        INSERT INTO titles_fts (rowid, record_id, text)
            SELECT r.rowid, r.record_id, group_concat(fold_script(t.title), char(10))
            FROM titles t JOIN records r ON r.record_id = t.record_id GROUP BY t.record_id;
        INSERT INTO subjects_fts (rowid, record_id, headings, genres)
            SELECT r.rowid, r.record_id,
                (SELECT group_concat(heading_norm, char(10)) FROM subjects s
                 WHERE s.record_id = r.record_id),
                (SELECT group_concat(term_norm, char(10)) FROM genres g
                 WHERE g.record_id = r.record_id)
            FROM records r WHERE r.record_id IN (SELECT record_id FROM subjects
                UNION SELECT record_id FROM genres);
        INSERT INTO notes_fts (rowid, record_id, text)
            SELECT r.rowid, r.record_id, group_concat(fold_script(t.text), char(10))
            FROM notes t JOIN records r ON r.record_id = t.record_id GROUP BY t.record_id;
        INSERT INTO keywords_fts (rowid, record_id, text)
            SELECT r.rowid, r.record_id, group_concat(fold_script(t.text), char(10)) FROM (
                SELECT record_id, title AS text FROM titles
                UNION ALL SELECT record_id, heading FROM subjects
                UNION ALL SELECT record_id, term FROM genres
                UNION ALL SELECT record_id, text FROM notes
                UNION ALL SELECT record_id, name_raw FROM agents
                UNION ALL SELECT record_id, publisher_raw FROM imprints
                WHERE publisher_raw IS NOT NULL
            ) t JOIN records r ON r.record_id = t.record_id GROUP BY t.record_id;
        COMMIT;
        """
    )


class _Batch:
    """Rows waiting to be written, table by table, flushed with one executemany each."""

    _INSERTS = {
        "records": """INSERT INTO records (record_id, source, leader, date_type, date_start,
            date_end, date_raw, date_source, country_code, country_name, language_code, title,
            title_sort, author, description) VALUES (:record_id, :source, :leader, :date_type,
            :date_start, :date_end, :date_raw, :date_source, :country_code, :country_name,
            :language_code, :title, :title_sort, :author, :description)""",
        "titles": """INSERT INTO titles (record_id, tag, title, title_norm, linked_tag)
            VALUES (:record_id, :tag, :title, :title_norm, :linked_tag)""",
        "agents": """INSERT INTO agents (record_id, tag, position, name_raw, name_norm, role_raw,
            role_norm, agent_type, linked_tag) VALUES (:record_id, :tag, :position, :name_raw,
            :name_norm, :role_raw, :role_norm, :agent_type, :linked_tag)""",
        "imprints": """INSERT INTO imprints (record_id, tag, position, place_raw, place_norm,
            publisher_raw, publisher_norm, date_raw, date_start, date_end, linked_tag) VALUES
            (:record_id, :tag, :position, :place_raw, :place_norm, :publisher_raw,
            :publisher_norm, :date_raw, :date_start, :date_end, :linked_tag)""",
        "languages": """INSERT INTO languages (record_id, code, name, source)
            VALUES (:record_id, :code, :name, :source)""",
        "subjects": """INSERT INTO subjects (record_id, tag, heading, heading_norm, linked_tag)
            VALUES (:record_id, :tag, :heading, :heading_norm, :linked_tag)""",
        "notes": """INSERT INTO notes (record_id, tag, text, linked_tag)
            VALUES (:record_id, :tag, :text, :linked_tag)""",
        "physical_descriptions": """INSERT INTO physical_descriptions (record_id, tag, text,
            extent, dimensions, linked_tag) VALUES (:record_id, :tag, :text, :extent,
            :dimensions, :linked_tag)""",
        "citations": """INSERT INTO citations (record_id, tag, source, source_norm, number,
            number_norm, linked_tag) VALUES (:record_id, :tag, :source, :source_norm, :number,
            :number_norm, :linked_tag)""",
        "genres": """INSERT INTO genres (record_id, tag, term, term_norm, heading, vocabulary,
            linked_tag) VALUES (:record_id, :tag, :term, :term_norm, :heading, :vocabulary,
            :linked_tag)""",
        "holdings": """INSERT INTO holdings (record_id, tag, location, sublocation, shelfmark,
            shelfmark_norm, copy, note) VALUES (:record_id, :tag, :location, :sublocation,
            :shelfmark, :shelfmark_norm, :copy, :note)""",
        "links": """INSERT INTO links (record_id, tag, url, text, note, materials, kind)
            VALUES (:record_id, :tag, :url, :text, :note, :materials, :kind)""",
        "marc": """INSERT INTO marc (record_id, xml) VALUES (:record_id, :xml)""",
    }
    _AUTHORITY_INSERTS = {
        "authorities": """INSERT OR REPLACE INTO authorities (authority_id, kind, heading,
            heading_norm) VALUES (:authority_id, :kind, :heading, :heading_norm)""",
        "authority_forms": """INSERT INTO authority_forms (authority_id, tag, relation, form,
            form_norm) VALUES (:authority_id, :tag, :relation, :form, :form_norm)""",
    }
    _RECORD_COLUMNS = (
        "record_id", "source", "leader", "date_type", "date_start", "date_end", "date_raw",
        "country_code", "country_name", "language_code", "title", "title_sort", "author",
        "description",
    )  # fmt: skip

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection
        tables = [*self._INSERTS, *self._AUTHORITY_INSERTS]
        self._rows: dict[str, list[dict[str, object]]] = {table: [] for table in tables}
        self._records = 0

    def add_authority(self, authority: AuthorityRecord) -> None:
        """An authority record: its heading, and each form after any earlier record's forms
        with the same 001 are gone."""
        self.flush()  # a record with the same id replaces the earlier one and its forms
        self._connection.execute(
            "DELETE FROM authority_forms WHERE authority_id = :id", {"id": authority.authority_id}
        )
        self._rows["authorities"].append(
            {
                "authority_id": authority.authority_id,
                "kind": authority.kind,
                "heading": authority.heading,
                "heading_norm": authority.heading_norm,
            }
        )
        self._rows["authority_forms"].extend(
            _child_rows(authority.authority_id, authority.forms, key="authority_id")
        )
        self._records += 1

    def add(self, record: ParsedRecord) -> None:
        row = {c: getattr(record, c) for c in self._RECORD_COLUMNS}
        self._rows["records"].append({**row, "date_source": _date_source(record)})
        for table in self._INSERTS.keys() - {"records", "marc"}:
            self._rows[table].extend(_child_rows(record.record_id, getattr(record, table)))
        self._rows["marc"].append({"record_id": record.record_id, "xml": record.marc})
        self._records += 1
        if self._records >= _BATCH:
            self.flush()

    def flush(self) -> None:
        inserts = {**self._INSERTS, **self._AUTHORITY_INSERTS}
        for table, rows in self._rows.items():  # records first: the children refer to them
            if rows:
                self._connection.executemany(inserts[table], rows)
                rows.clear()
        self._records = 0


def _date_source(record: ParsedRecord) -> str | None:
    """Where ``date_start`` came from, by the rule of ``dates.best_dates``: 008, else 260/264 $c,
    else an 880's $c."""
    if record.date_start is None:
        return None
    if record.date_raw and parse_008_dates(" " * 6 + record.date_raw) != NO_DATE:  # 008/06-14
        return "008/07-14"
    dated = (row for row in imprints_in_date_order(record.imprints) if row.date_start is not None)
    imprint = next(dated, None)
    return f"{imprint.tag}$c" if imprint else None


def _child_rows(
    record_id: str, rows: Iterable, key: str = "record_id"
) -> Iterable[dict[str, object]]:
    return ({key: record_id, **row._asdict()} for row in rows)
