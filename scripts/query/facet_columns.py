"""Each record's values of a facet, read once per index file, so that a ranking counts fast.

A ranking counts one facet's values among every match of a plan: in a large catalogue, tens of
thousands of records. Joining each match to its values in the child tables (keyed by record
id) costs SQLite about a microsecond a row, too slow for "which languages are the books about
New Zealand in?" over 100,000 records. So a facet's values are read from the index once, into
a ``Column``: a list indexed by the record's rowid holding the record's keys (one tuple, equal
tuples shared), and a ranking looks up its matches there. A column is read when first asked
for and again only when the file changes (as the vocabulary is); it costs a pointer per record
and the distinct tuples.

Values are grouped as readers group them: places by town, under the name it is known by now
("Constantinople" is Istanbul; a country names no town); printers and authors by their name
key (variant forms and imprint spellings under one heading; a record's imprint counts only
when no heading names its printer, as a search "printed by" finds them), subjects by their main heading, genres by term (655, a
subject's form subdivision, 6XX $v, and what the leader and 008 code). A field in another script (an 880)
pairs with the field it transcribes, so only the latter is counted. A record counts towards a
century or decade only when its whole date range lies in it; one dated across two is marked
apart (``APART``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Any

from scripts.marc.normalize import printing_town
from scripts.query.connection import IndexQueryError, read_only
from scripts.query.fields import HEADED, PUBLISHING_ROLES_SQL
from scripts.schemas import Facet

APART = None  # a record dated across two centuries (decades): it has neither
_CENTURY = "CAST(r.date_start / 100 AS INTEGER)"
_DECADE = "CAST(r.date_start / 10 AS INTEGER)"
# A record's whole range in one span of years: what a century or decade counts.
_WITHIN = "{span} = CAST(COALESCE(r.date_end, r.date_start) / {years} AS INTEGER)"
_SPAN = "SELECT r.rowid, CASE WHEN {within} THEN {span} END, NULL FROM records r"
# Per facet: (record_id, key, shown) rows, where shown is how the value is catalogued, if the
# key alone does not say (a printer's imprint spelling).
_BY_RECORD_ID: dict[Facet, str] = {
    Facet.PLACE: """SELECT record_id, place_norm, NULL FROM imprints
        WHERE place_norm IS NOT NULL AND linked_tag IS NULL""",
    Facet.LANGUAGE: "SELECT record_id, code, NULL FROM languages",
    Facet.PRINTER: f"""SELECT record_id, name_key, NULL FROM agents
        WHERE role_norm IN {PUBLISHING_ROLES_SQL} AND name_key IS NOT NULL AND linked_tag IS NULL
        UNION ALL SELECT n.record_id, n.name_key, NULL FROM imprint_names n
        WHERE n.tag != '880'
        AND NOT EXISTS ({HEADED.format(record="n.record_id", roles=PUBLISHING_ROLES_SQL)})
        UNION ALL SELECT i.record_id, i.publisher_norm, i.publisher_raw FROM imprints i
        LEFT JOIN imprint_names n ON n.record_id = i.record_id AND n.position = i.position
        WHERE i.publisher_norm IS NOT NULL AND i.linked_tag IS NULL AND n.record_id IS NULL
        AND NOT EXISTS ({HEADED.format(record="i.record_id", roles=PUBLISHING_ROLES_SQL)})""",
    Facet.AUTHOR: f"""SELECT record_id, name_key, NULL FROM agents
        WHERE name_key IS NOT NULL AND linked_tag IS NULL
        AND (role_norm = 'author' OR (tag IN ('100', '110', '111')
             AND (role_norm IS NULL OR role_norm NOT IN {PUBLISHING_ROLES_SQL})))""",
    Facet.SUBJECT: """SELECT record_id, CASE WHEN instr(heading_norm, ' -- ') > 0
            THEN substr(heading_norm, 1, instr(heading_norm, ' -- ') - 1) ELSE heading_norm END,
        CASE WHEN instr(heading, ' -- ') > 0
            THEN substr(heading, 1, instr(heading, ' -- ') - 1) ELSE heading END
        FROM subjects WHERE heading_norm IS NOT NULL AND linked_tag IS NULL""",
    Facet.GENRE: "SELECT record_id, term_norm, term FROM genres WHERE linked_tag IS NULL",
}
_VALUES: dict[Facet, str] = {
    **{
        facet: f"WITH v (record_id, key, shown) AS ({sql})"
        " SELECT r.rowid, v.key, v.shown FROM v JOIN records r ON r.record_id = v.record_id"
        for facet, sql in _BY_RECORD_ID.items()
    },
    Facet.CENTURY: _SPAN.format(within=_WITHIN.format(span=_CENTURY, years=100), span=_CENTURY)
    + " WHERE r.date_start IS NOT NULL",
    Facet.DECADE: _SPAN.format(within=_WITHIN.format(span=_DECADE, years=10), span=_DECADE)
    + " WHERE r.date_start IS NOT NULL",
}

# Facets whose keys are read again: a place as the town it is (None for a country).
_KEYED = {Facet.PLACE: printing_town}

Keys = tuple[Any, ...] | None  # a record's keys; APART for a record dated across two spans


@dataclass(frozen=True)
class Counted:
    """A facet's values among some records: how many have each, none, or are dated apart."""

    total: int
    counts: Counter
    missing: int
    apart: int


@dataclass(frozen=True)
class Column:
    """One facet's keys for every record, by rowid, and how each key is catalogued."""

    keys: list[Keys]
    shown: dict[Any, str]  # keys whose catalogued form differs: the first spelling
    everything: Counted  # the whole catalogue

    def count(self, rowids: list[int]) -> Counted:
        """The facet's values among the records with these rowids."""
        return _count(self.keys, rowids)


def _count(keys: list[Keys], rowids: list[int]) -> Counted:
    found = list(map(keys.__getitem__, rowids))
    counts = Counter(chain.from_iterable(filter(None, found)))  # neither () nor APART
    return Counted(len(found), counts, found.count(()), found.count(APART))


def _read(path: Path, facet: Facet) -> Column:
    try:
        with read_only(path) as conn:
            records = [rowid for (rowid,) in _tuples(conn, "SELECT rowid FROM records")]
            gathered, shown = _gathered(_tuples(conn, _VALUES[facet]))
    except sqlite3.DatabaseError as exc:
        raise IndexQueryError(f"cannot read the index {path}: {exc}") from exc
    if facet in _KEYED:
        gathered = _rekeyed(gathered, _KEYED[facet])
    keys: list[Keys] = [()] * (max(records, default=0) + 1)
    shared: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for rowid, values in gathered.items():
        if values is APART:
            keys[rowid] = APART
        else:
            found = tuple(values)
            keys[rowid] = shared.setdefault(found, found)  # one tuple for every record alike
    return Column(keys, shown, _count(keys, records))


def _gathered(
    rows: Iterable[tuple[int, Any, str | None]],
) -> tuple[dict[int, dict[Any, None] | None], dict[Any, str]]:
    """Each record's keys (in order, once each), and the first spelling of keys catalogued so."""
    gathered: dict[int, dict[Any, None] | None] = {}
    shown: dict[Any, str] = {}
    one: dict[Any, Any] = {}  # one object per key, not one per row that names it
    for rowid, key, catalogued in rows:
        if key is None:  # CENTURY, DECADE: dated across two
            gathered[rowid] = APART
            continue
        key = one.setdefault(key, key)
        gathered.setdefault(rowid, {})[key] = None
        if catalogued is not None and (key not in shown or catalogued < shown[key]):
            shown[key] = catalogued  # the first in code-point order, as min() in SQL
    return gathered, shown


def _rekeyed(
    gathered: dict[int, dict[Any, None]], rekey: Callable[[Any], Any]
) -> dict[int, dict[Any, None]]:
    """Each record's keys read again, those read as None dropped."""
    keyed = {key: rekey(key) for values in gathered.values() for key in values}
    return {
        rowid: dict.fromkeys(keyed[key] for key in values if keyed[key] is not None)
        for rowid, values in gathered.items()
    }


def _tuples(conn: sqlite3.Connection, sql: str) -> sqlite3.Cursor:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: cheaper than rows by name for every record
    return cursor.execute(sql)


_cache: dict[tuple[Path, Facet], tuple[tuple[int, int], Column]] = {}


def column(db_path: Path, facet: Facet) -> Column:
    """``facet``'s column of the index at ``db_path``, re-read only when the file changes."""
    path = Path(db_path).resolve()
    stat = path.stat() if path.is_file() else None
    version = (stat.st_mtime_ns, stat.st_size) if stat else (0, 0)
    cached = _cache.get((path, facet))
    if cached and cached[0] == version:
        return cached[1]
    read = _read(path, facet)
    _cache[path, facet] = (version, read)
    return read
