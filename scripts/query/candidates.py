"""The records a search found, as candidates: each with the evidence of why it matched.

For the records of a page (or of an export's batch), each non-negated filter's
``operators.evidence_sql`` fetches the rows that made it match, giving the record's own value
and its MARC source (at most ``MAX_EVIDENCE_PER_FILTER`` per filter); ``match_rationale`` is
those facts in one sentence ("place of printing is Venice (Venetiis, marc:260$a)"). A value
the record gives only uncertainly ("1667?", or a date range only overlapping the one asked
for) has confidence ``UNCERTAIN``. A list in a chosen order also cites the value each record
was sorted on.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from functools import lru_cache
from typing import Any

from scripts.marc.normalize import fold
from scripts.query.fields import FIELDS
from scripts.query.operators import bounds, describe, evidence_sql, narrow
from scripts.query.speech import say
from scripts.records.view import label as section_label
from scripts.schemas.candidate_set import Candidate, Evidence
from scripts.schemas.query_plan import Filter, FilterField, FilterOp, SortKey

MAX_EVIDENCE_PER_FILTER = 3
UNCERTAIN = 0.7
IMPRINTS_SQL = """SELECT record_id, place_norm, place_raw, publisher_raw FROM imprints
WHERE record_id IN ({ids}) ORDER BY record_id, position"""
SUBJECTS_SQL = "SELECT record_id, heading FROM subjects WHERE record_id IN ({ids}) ORDER BY rowid"
# Where each order's value is catalogued, for the evidence of an ordered list.
SORTED_ON = {
    SortKey.DATE: ("date_start", "'marc:' || date_source"),
    SortKey.TITLE: ("title", "'marc:245'"),
    SortKey.AUTHOR: ("author", "'marc:1XX'"),
}


def as_candidates(
    conn: sqlite3.Connection,
    filters: list[Filter],
    rows: list[sqlite3.Row],
    *,
    described: bool = True,
    order: tuple[SortKey, bool] | None = None,
) -> list[Candidate]:
    """The rows as candidates with their evidence; ``described`` adds the first imprint and
    the subjects, which a page shows and an export (reading whole records) does without;
    ``order``, the value each was sorted on."""
    ids = [row["record_id"] for row in rows]
    if not ids:
        return []
    id_sql, id_params = id_list(ids)
    sorted_on = _sorted_on(conn, order, id_sql, id_params) if order else {}
    imprints: dict[str, sqlite3.Row] = {}
    subjects: dict[str, list[str]] = defaultdict(list)
    if described:
        for row in conn.execute(IMPRINTS_SQL.format(ids=id_sql), id_params):
            imprints.setdefault(row["record_id"], row)
        for row in conn.execute(SUBJECTS_SQL.format(ids=id_sql), id_params):
            subjects[row["record_id"]].append(row["heading"])
    found = _evidence(conn, filters, id_sql, id_params, {r["record_id"]: r for r in rows})
    phrases = [(describe(flt), _said(flt)) for flt in filters]  # the same for every record
    candidates = []
    for row in rows:
        rid, imprint = row["record_id"], imprints.get(row["record_id"])
        evidence = found[rid]
        candidates.append(
            Candidate(
                record_id=rid,
                match_rationale=_rationale(phrases, evidence),
                evidence=[e for per_filter in evidence for e in per_filter]
                + ([sorted_on[rid]] if rid in sorted_on else []),
                title=row["title"],
                author=row["author"],
                date_start=row["date_start"],
                date_end=row["date_end"],
                place_norm=imprint["place_norm"] if imprint else None,
                place_raw=imprint["place_raw"] if imprint else None,
                publisher=imprint["publisher_raw"] if imprint else None,
                subjects=subjects.get(rid, []),
                description=row["description"],
            )
        )
    return candidates


def _sorted_on(
    conn: sqlite3.Connection, order: tuple[SortKey, bool], id_sql: str, id_params: dict[str, str]
) -> dict[str, Evidence]:
    """Each record's value for the key it was sorted on, and where it is catalogued."""
    key, descending = order
    column, cite = SORTED_ON[key]
    rows = conn.execute(
        f"SELECT record_id, {column}, {cite} FROM records WHERE record_id IN ({id_sql})",
        id_params,
    )
    return {
        rid: Evidence(
            field=f"sorted by {key.value}",
            label=say("sorted by ", "ממוין לפי ") + section_label(key.value).lower(),
            value="descending" if descending else "ascending",
            operator="ORDER",
            matched_against=None if value is None else str(value),
            source=source,
        )
        for rid, value, source in rows
    }


def id_list(ids: list[str]) -> tuple[str, dict[str, str]]:
    """Record ids as SQL parameters: (":id0, :id1", {"id0": ..., "id1": ...})."""
    params = {f"id{i}": rid for i, rid in enumerate(ids)}
    return ", ".join(f":{name}" for name in params), params


def _evidence(
    conn: sqlite3.Connection,
    filters: list[Filter],
    id_sql: str,
    id_params: dict[str, str],
    records: dict[str, sqlite3.Row],
) -> dict[str, list[list[Evidence]]]:
    """For each record, one list of evidence per filter (empty for negated filters)."""
    found: dict[str, list[list[Evidence]]] = {rid: [[] for _ in filters] for rid in records}
    for i, flt in enumerate(filters):
        if flt.negate:
            continue
        spec = FIELDS[flt.field]
        named = say(spec.label, spec.hebrew)
        sql, params = evidence_sql(i, flt, id_sql)
        seen: set[tuple[str, str, str]] = set()
        rows = conn.execute(sql, {**params, **id_params}).fetchall()
        by_record: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        for row in rows:
            by_record[row[0]].append(tuple(row))
        for rid, raw, cite in (r for group in by_record.values() for r in narrow(flt, group)):
            key = (rid, str(raw), str(cite))
            if key in seen or len(found[rid][i]) >= MAX_EVIDENCE_PER_FILTER:
                continue
            seen.add(key)
            found[rid][i].append(
                Evidence(
                    field=flt.field.value,
                    label=named,
                    value=_value(flt),
                    operator=flt.op.value,
                    matched_against=None if raw is None else str(raw),
                    source=cite,
                    confidence=_confidence(flt, raw, records[rid]),
                )
            )
    return found


def _value(flt: Filter) -> Any:
    if flt.op is FilterOp.RANGE:
        return {"start": flt.start, "end": flt.end}
    return flt.value


def _confidence(flt: Filter, raw: Any, record: sqlite3.Row) -> float:
    """1.0, or less when the record's own value is uncertain or only overlaps the range."""
    if raw is not None and "?" in str(raw):
        return UNCERTAIN
    if flt.field is FilterField.YEAR:
        start, end = bounds(flt)
        first, last = record["date_start"], record["date_end"] or record["date_start"]
        inside = (start is None or first >= start) and (end is None or last <= end)
        return 1.0 if inside else UNCERTAIN
    return 1.0


def _rationale(phrases: list[tuple[str, set[str]]], evidence: list[list[Evidence]]) -> str:
    """ "place of printing is Venice (Venetiis, marc:260$a); language is Latin (marc:008/35-37)",
    from each filter's phrase and what it says (``describe``, ``_said``) and its evidence."""
    parts = []
    for (phrase, said), found in zip(phrases, evidence, strict=True):
        if found:
            first = found[0]
            raw = first.matched_against
            shown = [_shorten(raw)] if raw and _folded(raw) not in said else []
            phrase += f" ({', '.join([*shown, first.source or 'index'])})"
        parts.append(phrase)
    return "; ".join(parts)


# Matched values repeat from record to record ("Venetiis"): fold each once.
_folded = lru_cache(maxsize=8192)(fold)


def _shorten(raw: str, width: int = 80) -> str:
    text = raw.strip(" ,:;/=")
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _said(flt: Filter) -> set[str]:
    """The folded forms of what the filter already says, so the rationale does not repeat it."""
    if flt.op is FilterOp.RANGE or flt.value is None:
        return set()
    spec = FIELDS[flt.field]
    said = {fold(str(v)) for v in flt.values} | {fold(str(spec.normalise(v))) for v in flt.values}
    return said | ({fold(flt.shown)} if flt.shown else set())
