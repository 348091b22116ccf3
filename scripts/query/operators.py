"""The operator table: how one filter becomes SQL, evidence and a human phrase.

As in datasette's ``filters.py``, tables drive everything: ``fields.FIELDS`` says where each
``FilterField`` lives in the index (one or more ``Source`` tables, with the normalised column
that EQUALS/IN compare, the columns CONTAINS searches, the record's raw value and its MARC
source); ``OPERATORS`` says how each ``FilterOp`` reads in SQL and in English. ``clause`` and
``evidence_sql`` build from the same entries, so what a filter matches, why a record matched
and how we say so cannot drift apart.

SQL shapes, chosen so SQLite evaluates each filter once and can drive the query from an index:

* a filter on a child table is ``r.record_id IN (SELECT t.record_id FROM <table> t WHERE ...)``,
  so a selective filter drives the query from its index; negated, it is ``NOT EXISTS`` over
  the record's own rows (every record is visited anyway, and that halves the cost);
* CONTAINS on titles and subjects is an FTS5 ``MATCH`` with every term quoted as an FTS string,
  as ``r.rowid IN (SELECT f.rowid ...)``: an FTS row's rowid is its record's, so the match
  is a list of rowids read from the full-text index alone; on names and descriptions it is
  ``LIKE`` with ``%``/``_``/``\\`` escaped;
* a filter on the record row itself (country, year) tests ``r`` directly; a negated one is
  ``NOT COALESCE(..., 0)`` so records with no value count as "not".

``Clause.count_sql`` counts one filter's records from its indexes without visiting
``records`` (a negated filter as all records less those it names), for a single-filter plan;
``Clause.rowids_sql`` lists a full-text filter's records' rowids so, for rankings.
A record is in a period when its whole date range is: 1590-1610 is not "after 1600", and a
record dated only "16--" is in the 17th century but not in the 1650s.
Values are only ever bound as named parameters; the only literals in the SQL are our own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from scripts.marc.normalize import fold, fold_script, hebrew_language_name, latin_stem
from scripts.query.fields import FIELDS, Source, check_supported, show_quoted, year
from scripts.query.speech import in_hebrew, say
from scripts.schemas.query_plan import Filter, FilterField, FilterOp

_WORDLIKE = re.compile(r"(?:[^\W_]|['’.\-])+")


@dataclass(frozen=True)
class Operator:
    """How an operator reads: the SQL over one column, and the phrase (plain and negated), in
    English and in Hebrew ("label: value")."""

    sql: str
    says: str
    says_not: str
    hebrew: str = ": {value}"
    hebrew_not: str = ": לא {value}"


OPERATORS: dict[FilterOp, Operator] = {
    FilterOp.EQUALS: Operator("{col} = {p}", "is {value}", "is not {value}"),
    FilterOp.CONTAINS: Operator(
        "{col} LIKE {p} ESCAPE '\\'",
        "contains {value}",
        "does not contain {value}",
        " כולל {value}",
        " אינו כולל {value}",
    ),  # fmt: skip
    FilterOp.IN: Operator(
        "{col} IN ({p})",
        "is one of {value}",
        "is none of {value}",
        ": אחד מאלה: {value}",
        ": אף אחד מאלה: {value}",
    ),  # fmt: skip
    # Either bound may be open, so _span_condition writes RANGE's SQL from the field's span.
    FilterOp.RANGE: Operator("", "is {value}", "is not {value}", ": {value}", ": לא {value}"),
}


def bounds(flt: Filter) -> tuple[int | None, int | None]:
    """The years a YEAR filter states (EQUALS 1543 is 1543-1543)."""
    if flt.op is FilterOp.RANGE:
        return flt.start, flt.end
    return year(flt.value), year(flt.value)


def describe(flt: Filter) -> str:
    """The filter as a phrase in the reader's language: "place of printing is Venice",
    "language is not Latin"; "מקום הדפוס: Venice"."""
    spec = FIELDS[flt.field]
    op = OPERATORS[flt.op]
    if flt.field is FilterField.LANGUAGE and in_hebrew():
        value = ", ".join(hebrew_language_name(str(c)) or spec.show(str(c)) for c in flt.values)
    elif flt.shown and flt.field is not FilterField.YEAR:  # a value the reader named: "is" it
        op = OPERATORS[FilterOp.EQUALS]
        value = flt.shown
    elif flt.field is FilterField.YEAR:
        roughly = say(", or dated roughly so", ", או בתיארוך משוער") if flt.roughly else ""
        value = describe_years(*bounds(flt)) + roughly
    elif flt.op is FilterOp.CONTAINS:
        value = show_quoted(spoken_terms(str(flt.value)))
    else:
        value = shown_values(flt)
    if in_hebrew():
        return f"{spec.hebrew}{(op.hebrew_not if flt.negate else op.hebrew).format(value=value)}"
    return f"{spec.label} {(op.says_not if flt.negate else op.says).format(value=value)}"


def shown_values(flt: Filter) -> str:
    """An EQUALS or IN filter's values as the catalogue shows them: "Venice, Rome"."""
    spec = FIELDS[flt.field]
    return ", ".join(spec.show(spec.normalise(value)) for value in flt.values)


def spoken_terms(value: str) -> str:
    """A full-text value as a reader would say it: '"first edition" | bible*' -> 'first
    edition or bible…'."""
    return say(" or ", " או ").join(
        term.strip().strip('"').replace("*", "…") for term in value.split(" | ")
    )


def describe_years(start: int | None, end: int | None) -> str:
    """ "in 1543", "before 1700", "after 1600", "between 1500 and 1599" (or in Hebrew)."""
    if start is not None and start == end:
        return say(f"in {start}", f"בשנת {start}")
    if start is None:
        return say(f"before {end + 1}", f"לפני {end + 1}")
    if end is None:
        return say(f"after {start - 1}", f"אחרי {start - 1}")
    return say(f"between {start} and {end}", f"בין {start} ל-{end}")


@dataclass(frozen=True)
class Clause:
    """One filter's WHERE condition over ``records r``, the parameters it binds, and the SQL
    counting its records from indexes alone (None when only reading every row would count it).
    """

    sql: str
    params: dict[str, Any]
    count_sql: str | None = None
    rowids_sql: str | None = None  # its records' rowids, when full-text indexes list them


def sources_for(flt: Filter) -> list[Source]:
    """The field's sources that ``flt``'s operator searches."""
    return [source for source in FIELDS[flt.field].sources if source.serves(flt.op)]


def clause(index: int, flt: Filter, *, probe: bool = False, overlapping: bool = False) -> Clause:
    """The WHERE condition for filter number ``index`` (its parameters are named ``f<index>_*``).

    ``probe`` asks for ``EXISTS`` over the record's own rows instead of an IN list (for a date
    range, a test that no index serves): cheaper for a broad filter when another, selective,
    filter drives the query, or while walking records in date order. ``overlapping`` has a date filter match records whose dates merely overlap
    its years, not only those dated wholly within them.
    """
    check_supported(flt)
    params: dict[str, Any] = {}
    lists: dict[str, list[str]] = {}  # a key of records -> selects listing the matching keys
    own_rows, direct = [], []
    for source in sources_for(flt):
        cond = _condition(source, flt, f"f{index}", params, overlapping, probe)
        if source.table == "records":
            direct.append(cond)
        elif source.fts and flt.op is FilterOp.CONTAINS:
            # An FTS row's rowid is its record's rowid (schema.sql). A MATCH per record costs
            # more than listing every match once, so there is no probe.
            select = f"SELECT f.rowid FROM {source.fts} f WHERE {cond}"
            if select not in lists.setdefault("r.rowid", []):
                lists["r.rowid"].append(select)
        else:
            where = " AND ".join(w for w in (source.where, cond) if w)
            lists.setdefault("r.record_id", []).append(
                f"SELECT t.record_id FROM {source.table} t WHERE {where}"
            )
            own_rows.append(
                f"SELECT 1 FROM {source.table} t WHERE t.record_id = r.record_id AND {where}"
            )
    count = _count_sql(flt, lists, direct)
    if direct:
        test = " OR ".join(direct)
        return Clause(f"NOT COALESCE(({test}), 0)" if flt.negate else f"({test})", params, count)
    can_probe = "r.rowid" not in lists  # every source has rows of its own to probe
    if flt.negate and can_probe:
        # Every record is visited anyway; probing its own rows beats building the whole list.
        return Clause(" AND ".join(f"NOT EXISTS ({own})" for own in own_rows), params, count)
    if probe and can_probe and not flt.negate:
        return Clause("(" + " OR ".join(f"EXISTS ({own})" for own in own_rows) + ")", params, count)
    tests = [_in_list(key, selects, flt.negate) for key, selects in lists.items()]
    if flt.negate:
        return Clause(" AND ".join(tests), params, count)
    only_text = list(lists) == ["r.rowid"]  # full-text sources alone: they list rowids
    rowids = " UNION ".join(lists["r.rowid"]) if only_text else None
    return Clause(tests[0] if len(tests) == 1 else f"({' OR '.join(tests)})", params, count, rowids)


def beyond(index: int, flt: Filter) -> Clause:
    """Records not dated wholly within date filter number ``index``'s years, undated ones
    included: what the filter leaves out."""
    within = clause(index, flt)
    return Clause(f"NOT COALESCE({within.sql}, 0)", within.params)


def outside(index: int, flt: Filter) -> Clause:
    """Of the records ``beyond`` a date filter, those that may overlap its years (``dated_apart``
    adds the overlap itself). For a filter with no last year ("after 1900") that is a first year before its first, which the dates
    index finds, so the few records straddling it are counted without reading every record."""
    left_out = beyond(index, flt)
    start, end = bounds(flt)
    if start is None or end is not None:
        return left_out
    first = next(source.span[0] for source in sources_for(flt) if source.span)
    return Clause(f"{left_out.sql} AND {first} < :f{index}_start", left_out.params)


def _in_list(key: str, selects: list[str], negate: bool) -> str:
    union = " UNION ".join(selects)
    if not negate:
        return f"{key} IN ({union})"
    if key == "r.rowid":
        return f"r.rowid NOT IN ({union})"
    # NOT IN over a list holding NULL is never true: keep NULLs out of the list.
    return f"r.record_id NOT IN (SELECT record_id FROM ({union}) WHERE record_id IS NOT NULL)"


def _count_sql(flt: Filter, lists: dict[str, list[str]], direct: list[str]) -> str | None:
    """Count the records a filter matches from its indexes: a LIKE has none, so None.

    A negated filter matches every record the filter does not, as every child and FTS row
    belongs to a record (foreign keys, and FTS rowids are records' rowids).
    """
    if flt.op is FilterOp.CONTAINS and "r.rowid" not in lists:
        return None
    if direct:
        matched = f"SELECT count(*) FROM records r WHERE {' OR '.join(direct)}"
    elif list(lists) == ["r.rowid"]:
        matched = f"SELECT count(*) FROM ({' UNION '.join(lists['r.rowid'])})"
    elif list(lists) == ["r.record_id"]:
        matched = (
            f"SELECT count(DISTINCT record_id) FROM ({' UNION ALL '.join(lists['r.record_id'])})"
        )
    else:
        return None
    return f"SELECT (SELECT count(*) FROM records) - ({matched})" if flt.negate else matched


def evidence_sql(index: int, flt: Filter, ids: str) -> tuple[str, dict[str, Any]]:
    """SQL listing (record_id, raw, cite) of the rows that made the records ``ids`` match."""
    params: dict[str, Any] = {}
    selects = []
    for source in sources_for(flt):
        cond = _condition(source, flt, f"f{index}", params)
        if source.fts and flt.op is FilterOp.CONTAINS:
            # The page's records matched already, and the FTS row holds all of a record's
            # titles (or headings): cite its base rows, which ``narrow`` picks by term.
            cond = ""
        a = source.alias
        where = " AND ".join(w for w in (f"{a}.record_id IN ({ids})", source.where, cond) if w)
        selects.append(
            f"SELECT {a}.record_id, {source.raw} AS raw, {source.cite} AS cite"
            f" FROM {source.table} {a} WHERE {where}"
        )
    return " UNION ALL ".join(selects), params


def narrow(flt: Filter, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """For a full-text match, the (record_id, raw, cite) rows holding its words, if any do."""
    if flt.op is not FilterOp.CONTAINS or not any(s.fts for s in FIELDS[flt.field].sources):
        return rows
    alternatives = full_text_terms(str(flt.value))

    def holds(raw: Any) -> bool:
        words = fold(str(raw)).split()
        return any(
            all(
                any(w.startswith(fold(term)) for w in words)
                for group in groups
                for term, _ in group
            )
            for groups in alternatives
        )

    holding = [row for row in rows if holds(row[1])]
    return holding or rows


def _condition(
    source: Source,
    flt: Filter,
    p: str,
    params: dict[str, Any],
    overlapping: bool = False,
    probe: bool = False,
) -> str:
    """The test one source's row must pass, binding its parameters into ``params``."""
    spec = FIELDS[flt.field]
    if source.span:
        span = tuple(f"+{column}" for column in source.span) if probe else source.span
        return _span_condition(span, flt, p, params, overlapping or flt.roughly)
    if flt.op is FilterOp.CONTAINS:
        if source.fts:
            query = fts_string(str(flt.value))
            if source.fts_columns:
                query = f"{{{source.fts_columns}}} : ({query})"
            params[f"{p}_fts"] = query
            return f"{source.fts} MATCH :{p}_fts"
        return _like_condition(source, str(flt.value), p, params)
    values = list(dict.fromkeys(v for i in flt.values for v in spec.expand(spec.normalise(i))))
    col = source.norm if "." in source.norm else f"{source.alias}.{source.norm}"
    if len(values) == 1:
        params[p] = values[0]
        return OPERATORS[FilterOp.EQUALS].sql.format(col=col, p=f":{p}")
    names = []
    for j, value in enumerate(values):
        params[f"{p}_{j}"] = value
        names.append(f":{p}_{j}")
    return OPERATORS[FilterOp.IN].sql.format(col=col, p=", ".join(names))


def _like_condition(source: Source, value: str, p: str, params: dict[str, Any]) -> str:
    """Every word of ``value``: as typed in a raw column, or starting a word of a folded one."""
    words = []
    for k, word in enumerate(value.split()):
        params[f"{p}_{k}"] = like_pattern(word)
        # Only a word-like term ("O'Brien", "Aldus", רש"י once its gershayim and points are
        # folded) is also matched folded: folding "50%" to "50" would find what the reader did
        # not type.
        stem = latin_stem(fold(word)) if _WORDLIKE.fullmatch(fold_script(word)) else ""
        if stem:
            escaped = like_pattern(stem)[1:]  # "stem%"
            params[f"{p}_{k}s"] = escaped
            params[f"{p}_{k}w"] = "% " + escaped
        tests = []
        for column in source.like:
            qualified = column if "." in column else f"{source.alias}.{column}"
            if not column.endswith("_norm"):
                tests.append(OPERATORS[FilterOp.CONTAINS].sql.format(col=qualified, p=f":{p}_{k}"))
            elif stem:
                for name in (f"{p}_{k}s", f"{p}_{k}w"):
                    tests.append(
                        OPERATORS[FilterOp.CONTAINS].sql.format(col=qualified, p=f":{name}")
                    )
        # A word that is not word-like has nothing to test in folded columns: it matches none.
        words.append("(" + (" OR ".join(tests) or "0") + ")")
    return "(" + " AND ".join(words) + ")"


def _span_condition(
    span: tuple[str, str], flt: Filter, p: str, params: dict[str, Any], overlapping: bool
) -> str:
    """A record's whole date range lies in the filter's years (``overlapping``: merely
    overlaps them, as a record dated "16--" overlaps the 1650s)."""
    first, last = span
    start, end = bounds(flt)
    tests = [f"{first} IS NOT NULL"]
    if end is not None:
        params[f"{p}_end"] = int(end)
        tests.append(f"{first if overlapping else last} <= :{p}_end")
    if start is not None:
        params[f"{p}_start"] = int(start)
        tests.append(f"{last if overlapping else first} >= :{p}_start")
    return " AND ".join(tests)


def like_pattern(value: str) -> str:
    """``%value%`` with LIKE's wildcards and the escape character escaped."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


# A full-text value: alternatives joined by " | "; in each, words that must all be there, a
# "quoted phrase" of words near each other, and a word ending in "*" standing for any word it
# begins ("astronom*").
Group = list[tuple[str, bool]]  # (word, is a prefix)
_NEAR = 2  # words of a phrase may have this many others between them ("Hector's dolphin")


def full_text_terms(value: str) -> list[list[Group]]:
    """A full-text value as its alternatives, each a list of word groups (a phrase's words
    form one group), folded by ``fold_script`` as the full-text index is (so a gershayim
    typed as a quote, רמ"ד, is part of its word, not a phrase's quote); words with no letter
    or digit are left out."""
    alternatives = []
    for alternative in fold_script(value).split(" | "):
        groups: list[Group] = []
        for i, part in enumerate(alternative.split('"')):
            texts = [part] if i % 2 else part.split()  # odd parts were inside quotes
            for text in texts:
                group = [
                    (word.rstrip("*"), word.endswith("*"))
                    for word in text.split()
                    if any(c.isalnum() for c in word)
                ]
                if group:
                    groups.append(group)
        if groups:
            alternatives.append(groups)
    return alternatives


def fts_string(value: str) -> str:
    """The FTS5 query for a full-text value; each word a quoted FTS string, so no word of the
    reader's is ever FTS syntax. A value with no word matches nothing (the empty string)."""
    alternatives = []
    for groups in full_text_terms(value):
        parts = []
        for group in groups:
            strings = [
                '"' + word.replace('"', '""') + '"' + (" *" if prefix else "")
                for word, prefix in group
            ]
            parts.append(strings[0] if len(strings) == 1 else f"NEAR({' '.join(strings)}, {_NEAR})")
        alternatives.append(" ".join(parts))
    if not alternatives:
        return '""'
    return (
        alternatives[0] if len(alternatives) == 1 else " OR ".join(f"({a})" for a in alternatives)
    )
