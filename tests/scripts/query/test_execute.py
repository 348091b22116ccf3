"""Running plans on real indexes: results, order, pages, evidence, rationale, SQL safety."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from pydantic import ValidationError
from pymarc import MARCReader, parse_xml_to_array

from scripts.marc.index import build_index
from scripts.query.compile import compile_query
from scripts.query.connection import IndexNotFoundError, IndexQueryError, read_only
from scripts.query.execute import WALK_VISITS, NotActionableError, count_matches, execute_plan
from scripts.query.fields import FIELDS
from scripts.query.operators import clause
from scripts.schemas.candidate_set import CandidateSet
from scripts.schemas.query_plan import Filter, QueryPlan
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.marc.marc_files import book, f008, write_mrc

EVERYTHING = ["q1", "q4", "q9", "q7", "q6", "q2", "q3", "q5", "q8"]  # by date, undated last


def plan_of(*filters: Filter) -> QueryPlan:
    return QueryPlan(filters=list(filters), query_text="test")


def f(field: str, op: str, value=None, *, start=None, end=None, negate=False) -> Filter:
    return Filter(field=field, op=op, value=value, start=start, end=end, negate=negate)


def ids(found: CandidateSet) -> list[str]:
    return [c.record_id for c in found.candidates]


MATCHES = [
    (f("imprint_place", "EQUALS", "venice"), ["q1", "q9", "q7"]),
    (f("imprint_place", "EQUALS", "Venetiis"), ["q1", "q9", "q7"]),
    (f("imprint_place", "EQUALS", "leiden"), ["q6"]),
    (f("imprint_place", "IN", ["venice", "Lugduni Batavorum"]), ["q1", "q9", "q7", "q6"]),
    (f("imprint_place", "CONTAINS", "Venet"), ["q1", "q9"]),
    (f("imprint_place", "EQUALS", "venice", negate=True), ["q4", "q6", "q2", "q3", "q5", "q8"]),
    (f("language", "EQUALS", "lat"), ["q1", "q9", "q6"]),
    (f("language", "EQUALS", "Latin"), ["q1", "q9", "q6"]),
    (f("language", "IN", ["heb", "grc"]), ["q4", "q2"]),
    (f("language", "EQUALS", "lat", negate=True), ["q4", "q7", "q2", "q3", "q5", "q8"]),
    (f("country", "EQUALS", "it"), ["q1", "q9", "q7"]),
    (f("country", "EQUALS", "Netherlands"), ["q6", "q2"]),
    (f("country", "EQUALS", "it", negate=True), ["q4", "q6", "q2", "q3", "q5", "q8"]),
    # q9 is dated 1590-1610: it lies wholly in none of these periods, so none has it.
    (f("year", "RANGE", end=1599), ["q1", "q4"]),
    (f("year", "RANGE", start=1601), ["q6", "q2", "q3", "q5"]),
    (f("year", "RANGE", start=1550, end=1600), ["q4", "q7"]),
    (f("year", "EQUALS", 1600), ["q7"]),
    (f("year", "RANGE", end=1599, negate=True), ["q9", "q7", "q6", "q2", "q3", "q5", "q8"]),
    (f("year", "RANGE", start=1500, end=1699), ["q1", "q4", "q9", "q7", "q6", "q2"]),
    (f("publisher", "CONTAINS", "Menasseh"), ["q2"]),
    (f("publisher", "CONTAINS", "Elzevier"), ["q6"]),
    (f("publisher", "CONTAINS", "Smith & Co"), ["q3"]),
    (f("publisher", "EQUALS", "apud Aldum"), ["q1"]),
    (f("agent", "CONTAINS", "Copernicus"), ["q1"]),
    (f("agent", "CONTAINS", "Nicolaus Copernicus"), ["q1"]),
    (f("agent", "CONTAINS", "O'Brien"), ["q3"]),
    (f("agent", "CONTAINS", "obrien"), ["q3"]),
    (f("agent", "CONTAINS", "Толстой"), ["q5"]),
    (f("agent", "CONTAINS", "Copernicus", negate=True), EVERYTHING[1:]),
    (f("agent_norm", "EQUALS", "herodotus"), ["q4"]),
    (f("agent_role", "EQUALS", "printer"), ["q6", "q2"]),
    (f("agent_type", "EQUALS", "personal"), ["q1", "q4", "q6", "q2", "q3", "q5"]),
    (f("title", "CONTAINS", "revolutionibus"), ["q1"]),
    (f("title", "CONTAINS", "ספר"), ["q2"]),
    (f("title", "CONTAINS", "Ἱστορίαι"), ["q4"]),
    (f("title", "CONTAINS", "война"), ["q5"]),
    (f("title", "EQUALS", "Viaggio in Levante"), ["q7"]),
    (f("title", "CONTAINS", "omnia", negate=True), [i for i in EVERYTHING if i != "q9"]),
    (f("subject", "CONTAINS", "astronomy"), ["q1"]),
    (f("subject", "CONTAINS", "early works"), ["q1", "q9"]),
    (f("physical_desc", "CONTAINS", "leaves"), ["q1"]),
]


@pytest.mark.parametrize(("flt", "expected"), MATCHES, ids=lambda v: str(v)[:60])
def test_filter_finds_exactly_its_records(
    crafted_index: Path, flt: Filter, expected: list[str]
) -> None:
    found = execute_plan(plan_of(flt), crafted_index, limit=50)
    assert ids(found) == expected
    assert found.total_count == len(expected)


HOSTILE = [
    (f("title", "CONTAINS", "50% off"), ["q3"]),
    (f("title", "CONTAINS", '"quoted" title; DROP TABLE records; --'), ["q3"]),
    (f("title", "CONTAINS", "Under_score"), ["q6"]),
    (f("title", "CONTAINS", "NEAR"), ["q9"]),
    (f("title", "CONTAINS", "OR *"), ["q9"]),
    (f("title", "CONTAINS", "omnia NEAR opera"), ["q9"]),
    (f("title", "CONTAINS", "opera AND NOT omnia"), []),
    (f("title", "CONTAINS", 'title:"x" OR 1=1'), []),
    (f("title", "CONTAINS", "*"), []),
    (f("subject", "CONTAINS", "' OR '1'='1"), []),
    (f("agent", "CONTAINS", "%"), []),
    (f("agent", "CONTAINS", "_"), []),
    (f("agent", "CONTAINS", "'"), ["q3"]),
    (f("agent", "CONTAINS", "\\"), []),
    (f("physical_desc", "CONTAINS", "100%"), ["q3"]),
    (f("physical_desc", "CONTAINS", "%"), ["q3"]),
    (f("publisher", "CONTAINS", "'; DROP TABLE records; --"), []),
    (f("publisher", "CONTAINS", "&"), ["q3"]),
    (f("imprint_place", "EQUALS", "Venice' OR '1'='1"), []),
    (f("imprint_place", "IN", ["venice", "x' OR 'a'='a"]), ["q1", "q9", "q7"]),
    (f("language", "EQUALS", "lat' OR 1=1 --"), []),
]


@pytest.mark.parametrize(("flt", "expected"), HOSTILE, ids=lambda v: str(v)[:60])
def test_hostile_values_are_bound_never_pasted(
    crafted_index: Path, flt: Filter, expected: list[str]
) -> None:
    found = execute_plan(plan_of(flt), crafted_index, limit=50)
    assert ids(found) == expected
    values = flt.value if isinstance(flt.value, list) else [flt.value]
    for value in values:
        if len(str(value)) > 2:  # one character such as ' or \ is in our own SQL literals
            assert str(value) not in found.sql
    assert re.search(r":f0\w*", found.sql)
    with read_only(crafted_index) as conn:
        assert conn.execute("SELECT count(*) FROM records").fetchone()[0] == 9


def test_filters_are_anded(crafted_index: Path) -> None:
    plan = plan_of(f("language", "EQUALS", "lat"), f("imprint_place", "EQUALS", "venice"))
    assert ids(execute_plan(plan, crafted_index)) == ["q1", "q9"]


@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (2, 2), (4, 4), (3, 5), (10, 20)])
def test_pages_slice_one_order_and_count_the_whole(
    crafted_index: Path, limit: int, offset: int
) -> None:
    plan = plan_of(f("language", "EQUALS", "lat", negate=True))
    everything = ids(execute_plan(plan, crafted_index, limit=100))
    page = execute_plan(plan, crafted_index, limit=limit, offset=offset)
    assert ids(page) == everything[offset : offset + limit]
    assert page.total_count == len(everything) == 6
    assert page.sql_parameters["limit"] == limit and page.sql_parameters["offset"] == offset


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (-1, 0), (5, -1)])
def test_bad_page_bounds_raise(crafted_index: Path, limit: int, offset: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        execute_plan(
            plan_of(f("language", "EQUALS", "lat")), crafted_index, limit=limit, offset=offset
        )


EVIDENCE = [
    (f("imprint_place", "EQUALS", "venice"), "q1", "Venetiis", "marc:260$a"),
    (f("language", "EQUALS", "heb"), "q2", "heb", "marc:008/35-37"),
    (f("year", "RANGE", end=1599), "q1", "1543", "marc:008/07-14"),
    (f("year", "RANGE", end=1699), "q9", "1590-1610", "marc:008/07-14"),
    (f("country", "EQUALS", "it"), "q7", "it", "marc:008/15-17"),
    (f("publisher", "CONTAINS", "Aldum"), "q1", "apud Aldum", "marc:260$b"),
    (f("publisher", "CONTAINS", "Elzevier"), "q6", "Elzevier, Bonaventura", "marc:700$a"),
    (f("agent", "CONTAINS", "Copernicus"), "q1", "Copernicus, Nicolaus, 1473-1543", "marc:100$a"),
    (f("agent_role", "EQUALS", "printer"), "q2", "printer", "marc:700$e"),
    (f("title", "CONTAINS", "ספר"), "q2", "ספר תהלים", "marc:246$a"),
    (f("title", "CONTAINS", "tehilim"), "q2", "Sefer Tehilim", "marc:245$a"),
    (f("subject", "CONTAINS", "astronomy"), "q1", "Astronomy -- Early works to 1800", "marc:650$a"),
    (f("physical_desc", "CONTAINS", "leaves"), "q1", "[6], 196 leaves ; 2°.", "marc:300"),
]


@pytest.mark.parametrize(("flt", "record_id", "raw", "source"), EVIDENCE, ids=lambda v: str(v)[:50])
def test_evidence_gives_the_records_value_and_marc_source(
    crafted_index: Path, flt: Filter, record_id: str, raw: str, source: str
) -> None:
    found = execute_plan(plan_of(flt), crafted_index, limit=50)
    candidate = next(c for c in found.candidates if c.record_id == record_id)
    evidence = candidate.evidence[0]
    assert (evidence.field, evidence.operator) == (flt.field.value, flt.op.value)
    assert (evidence.matched_against, evidence.source) == (raw, source)
    assert evidence.label == FIELDS[flt.field].label and "_" not in evidence.label


def test_year_evidence_cites_the_imprint_when_the_date_came_from_it(tmp_path: Path) -> None:
    undated_008 = f008("    ", date_type="n")
    source = write_mrc(tmp_path / "c.mrc", [book("d1", control_008=undated_008), book("d2")])
    db_path = tmp_path / "index.db"
    build_index([source], db_path)
    found = execute_plan(plan_of(f("year", "EQUALS", 1667)), db_path)
    cited = {
        c.record_id: (c.evidence[0].matched_against, c.evidence[0].source) for c in found.candidates
    }
    assert cited == {"d1": ("1667", "marc:260$c"), "d2": ("1667", "marc:008/07-14")}
    assert found.candidates[0].match_rationale == "date is in 1667 (marc:260$c)"


def test_every_candidate_has_evidence_for_every_positive_filter(crafted_index: Path) -> None:
    plan = plan_of(
        f("language", "EQUALS", "lat"),
        f("imprint_place", "IN", ["venice", "leiden"]),
        f("year", "RANGE", start=1500, end=1700),
        f("title", "CONTAINS", "omnia", negate=True),
    )
    found = execute_plan(plan, crafted_index)
    assert ids(found) == ["q1", "q6"]
    for candidate in found.candidates:
        fields = [e.field for e in candidate.evidence]
        assert sorted(set(fields)) == ["imprint_place", "language", "year"]


def test_rationale_is_one_sentence_from_the_operator_table(crafted_index: Path) -> None:
    plan = plan_of(
        f("imprint_place", "EQUALS", "venice"),
        f("language", "EQUALS", "lat"),
        f("agent", "CONTAINS", "Tolstoy", negate=True),
    )
    first = execute_plan(plan, crafted_index).candidates[0]
    assert first.match_rationale == (
        "place of printing is Venice (Venetiis, marc:260$a); language is Latin (marc:008/35-37); "
        "name does not contain 'Tolstoy'"
    )


def test_records_whose_dates_only_overlap_the_period_are_counted_apart(crafted_index: Path) -> None:
    found = execute_plan(plan_of(f("year", "RANGE", end=1599)), crafted_index)
    assert ids(found) == ["q1", "q4"] and found.dated_apart == 1  # q9, dated 1590-1610
    assert {e.confidence for c in found.candidates for e in c.evidence} == {1.0}
    in_latin = plan_of(f("year", "RANGE", end=1599), f("language", "EQUALS", "lat"))
    assert execute_plan(in_latin, crafted_index).dated_apart == 1
    in_hebrew = plan_of(f("year", "RANGE", end=1599), f("language", "EQUALS", "heb"))
    assert execute_plan(in_hebrew, crafted_index).dated_apart == 0
    undated = plan_of(f("language", "EQUALS", "lat"))
    assert execute_plan(undated, crafted_index).dated_apart == 0


def test_plan_hash_ignores_how_a_value_is_shown_but_not_rough_dates() -> None:
    venice = plan_of(f("imprint_place", "EQUALS", "venice"))
    shown = QueryPlan(filters=[venice.filters[0].model_copy(update={"shown": "Venice"})])
    assert shown.plan_hash() == venice.plan_hash()
    decade = plan_of(f("year", "RANGE", start=1540, end=1549))
    rough = QueryPlan(filters=[decade.filters[0].model_copy(update={"roughly": True})])
    assert rough.plan_hash() != decade.plan_hash()


def test_rough_dates_take_in_records_dated_to_a_wider_span(crafted_index: Path) -> None:
    decade = plan_of(f("year", "RANGE", start=1540, end=1549))
    rough = QueryPlan(filters=[decade.filters[0].model_copy(update={"roughly": True})])
    strict, wide = execute_plan(decade, crafted_index), execute_plan(rough, crafted_index)
    assert wide.total_count == strict.total_count + strict.dated_apart
    assert wide.dated_apart == 0


def test_only_a_date_condition_takes_rough_dates() -> None:
    with pytest.raises(ValidationError, match="only a date condition"):
        Filter(field="language", op="EQUALS", value="lat", roughly=True)


def test_candidate_set_records_sql_parameters_and_plan_hash(crafted_index: Path) -> None:
    plan = compile_query("Latin books printed in Venice", db_path=crafted_index)
    found = execute_plan(plan, crafted_index, limit=5)
    assert found.plan_hash == plan.plan_hash()
    assert found.query_text == "Latin books printed in Venice"
    # Both conditions hold for most of this small index: counted, then walked in date order.
    count, page = found.sql.split(";\n")
    assert count.startswith("SELECT count(*) FROM records r WHERE")
    assert "INDEXED BY records_order" in page
    assert found.sql_parameters == {
        "f0": "lat", "f1": "venice", "limit": 5, "offset": 0, "visits": WALK_VISITS
    }  # fmt: skip
    with read_only(crafted_index) as conn:
        params = found.sql_parameters
        assert conn.execute(count, params).fetchone()[0] == found.total_count
        ids = [row["record_id"] for row in conn.execute(page, params)]
    assert ids == [c.record_id for c in found.candidates]
    CandidateSet.model_validate_json(found.model_dump_json())
    first = found.candidates[0]
    assert (first.title, first.place_raw, first.place_norm, first.publisher) == (
        "De revolutionibus orbium coelestium",
        "Venetiis",
        "venice",
        "apud Aldum",
    )
    assert first.subjects == ["Astronomy -- Early works to 1800"]


@pytest.mark.parametrize(
    "plan",
    [
        QueryPlan(),
        QueryPlan(query_text="blah", unparsed=["blah"], clarification="What is blah?"),
        QueryPlan(filters=[Filter(field="language", op="EQUALS", value="lat")], clarification="?"),
    ],
)
def test_plan_that_is_not_actionable_is_refused(crafted_index: Path, plan: QueryPlan) -> None:
    with pytest.raises(NotActionableError, match="cannot be run"):
        execute_plan(plan, crafted_index)
    assert issubclass(NotActionableError, ValueError)


def test_operator_a_field_does_not_support_raises(crafted_index: Path) -> None:
    with pytest.raises(ValueError, match="physical description: operator EQUALS"):
        execute_plan(plan_of(f("physical_desc", "EQUALS", "folio")), crafted_index)


def test_missing_index_raises_index_not_found(tmp_path: Path) -> None:
    with pytest.raises(IndexNotFoundError):
        execute_plan(plan_of(f("language", "EQUALS", "lat")), tmp_path / "none.db")


def test_database_that_is_not_an_index_raises_index_query_error(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (a)").connection.close()
    with pytest.raises(IndexQueryError, match="no such table"):
        execute_plan(plan_of(f("language", "EQUALS", "lat")), other)


def test_connection_is_read_only(crafted_index: Path) -> None:
    with (
        read_only(crafted_index) as conn,
        pytest.raises(sqlite3.OperationalError, match="readonly"),
    ):
        conn.execute("DELETE FROM records")


@pytest.mark.parametrize(
    ("flt", "index_name"),
    [
        (f("imprint_place", "EQUALS", "venice"), "imprints_place"),
        (f("language", "EQUALS", "lat"), "languages_code"),
        (f("agent_norm", "EQUALS", "herodotus"), "agents_name"),
        (f("subject", "EQUALS", "psalms"), "subjects_heading"),
        (f("year", "RANGE", start=1500, end=1599), "records_dates"),
    ],
)
def test_filters_are_answered_from_an_index(
    crafted_index: Path, flt: Filter, index_name: str
) -> None:
    where = clause(0, flt)
    with read_only(crafted_index) as conn:
        details = [
            row[3]
            for row in conn.execute(
                f"EXPLAIN QUERY PLAN SELECT r.record_id FROM records r WHERE {where.sql}",
                where.params,
            )
        ]
    assert any(index_name in detail for detail in details), details


# Over the NLNZ sample: what a reader expects, computed from the MARC itself with pymarc.


def _nlnz_records(path: Path) -> list:
    with path.open("rb") as handle:
        return list(MARCReader(handle, to_unicode=True, force_utf8=True))


def _imprints(record) -> list:
    return [
        field
        for field in record.get_fields("260", "264")
        if field.tag == "260" or field.indicators[1] == "1"
    ]


def _first_year(record) -> int | None:
    coded = record["008"].data[7:11]
    if re.fullmatch(r"\d[\du]{3}", coded):
        return int(coded.replace("u", "0"))
    for field in _imprints(record):
        for date in field.get_subfields("c"):
            if match := re.search(r"\d{4}", date):
                return int(match.group())
    return None


def _languages(record) -> set[str]:
    codes = {record["008"].data[35:38]}
    for field in record.get_fields("041"):
        for value in field.get_subfields("a"):
            codes.update(value[i : i + 3] for i in range(0, len(value), 3))
    return codes


def _place_mentions(record, pattern: str) -> bool:
    return any(
        re.search(pattern, place) for f in _imprints(record) for place in f.get_subfields("a")
    )


NLNZ_EXPECTATIONS = {
    "books published by Oxford University Press": lambda r: any(
        re.search("oxford university press", b, re.I)
        for f in _imprints(r)
        for b in f.get_subfields("b")
    ),
    "books printed in London before 1900": lambda r: (
        _place_mentions(r, r"\bLondon\b") and (_first_year(r) or 9999) < 1900
    ),
    "Maori language books": lambda r: "mao" in _languages(r),
    "books printed in Wellington": lambda r: _place_mentions(
        r, r"Wellington|Whanganui-a-Tara|Port Nicholson"
    ),
    "not in English": lambda r: "eng" not in _languages(r),
    # Both conditions take in most records: the dates are counted from outside their range.
    "English books after 1900": lambda r: "eng" in _languages(r) and (_first_year(r) or 0) > 1900,
}


@pytest.mark.nlnz
@pytest.mark.parametrize("text", list(NLNZ_EXPECTATIONS))
def test_nlnz_queries_find_what_a_reader_expects(
    nlnz_mrc: Path, nlnz_index: Path, text: str
) -> None:
    expected = {r["001"].data for r in _nlnz_records(nlnz_mrc) if NLNZ_EXPECTATIONS[text](r)}
    plan = compile_query(text, db_path=nlnz_index)
    found = execute_plan(plan, nlnz_index, limit=5000)
    assert expected, "the sample should hold such records"
    assert {c.record_id for c in found.candidates} == expected
    assert found.total_count == len(expected)


@pytest.mark.nlnz
def test_a_date_range_most_records_meet_is_counted_from_outside(nlnz_index: Path) -> None:
    plan = compile_query("English books after 1900", db_path=nlnz_index)
    found = execute_plan(plan, nlnz_index)
    counted, others, page = found.sql.split(";\n")
    assert "FROM languages" in counted and "date_start" not in counted
    assert others.startswith("SELECT count(*) FROM records r WHERE NOT COALESCE((r.date_start")
    assert count_matches(plan.filters, nlnz_index)[0] == found.total_count


def test_broad_filter_is_probed_while_a_selective_one_drives(crafted_index: Path) -> None:
    plan = plan_of(f("language", "EQUALS", "lat"), f("imprint_place", "EQUALS", "leiden"))
    found = execute_plan(plan, crafted_index)
    assert ids(found) == ["q6"]
    assert "EXISTS (SELECT 1 FROM languages t WHERE t.record_id = r.record_id" in found.sql
    assert "r.record_id IN (SELECT t.record_id FROM imprints t" in found.sql


# Over the demo catalogue: expectations from its MARCXML, read with pymarc.


def _demo_records(path: Path) -> list:
    return [r for r in parse_xml_to_array(str(path)) if r is not None]


def _demo_places(record) -> list[str]:
    """Imprint places, the cataloguer's correction winning: "Venetia [i.e. London]" is London."""
    places = [p for f in _imprints(record) for p in f.get_subfields("a")]
    return [m.group(1) if (m := re.search(r"\[i\.\s?e\.,?\s*([^\]]+)\]", p)) else p for p in places]


DEMO_EXPECTATIONS = {
    "books printed in Venice": lambda r: any(
        re.search(r"Venetiis|Venetia|Venezia|Vinegia|Venice", p) for p in _demo_places(r)
    ),
    "Hebrew books printed in Amsterdam": lambda r: (
        "heb" in _languages(r)
        and any(re.search(r"Amsterdam|Amstelodam|Amstelredam", p) for p in _demo_places(r))
    ),
    "books in Latin before 1550": lambda r: (
        "lat" in _languages(r) and (_first_year(r) or 9999) < 1550
    ),
    "not in Latin": lambda r: "lat" not in _languages(r),
}


@pytest.mark.parametrize("text", list(DEMO_EXPECTATIONS))
def test_demo_queries_find_what_a_reader_expects(demo_index: Path, text: str) -> None:
    records = _demo_records(DEMO_CATALOGUE)
    expected = {r["001"].data for r in records if DEMO_EXPECTATIONS[text](r)}
    found = execute_plan(compile_query(text, db_path=demo_index), demo_index, limit=5000)
    assert expected
    assert {c.record_id for c in found.candidates} == expected
    assert found.total_count == len(expected)


def test_demo_venice_includes_records_whose_imprint_says_venetiis(demo_index: Path) -> None:
    found = execute_plan(
        compile_query("books printed in Venice", db_path=demo_index), demo_index, limit=500
    )
    latin = [c for c in found.candidates if c.place_raw and "Venetiis" in c.place_raw]
    assert latin
    for candidate in latin:
        assert candidate.match_rationale.startswith("place of printing is Venice (Venetiis")


def test_demo_not_in_latin_excludes_every_latin_record(demo_index: Path) -> None:
    latin = execute_plan(compile_query("in Latin", db_path=demo_index), demo_index, limit=5000)
    other = execute_plan(compile_query("not in Latin", db_path=demo_index), demo_index, limit=5000)
    with read_only(demo_index) as conn:
        everything = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    assert not {c.record_id for c in latin.candidates} & {c.record_id for c in other.candidates}
    assert latin.total_count + other.total_count == everything


@pytest.mark.parametrize(
    ("start", "apart"), [(1591, 1), (1600, 1), (1610, 1), (1611, 0), (1500, 0)]
)
def test_records_straddling_where_an_open_period_begins_are_counted_apart(
    crafted_index: Path, start: int, apart: int
) -> None:
    after = [f("year", "RANGE", start=start)]
    found = execute_plan(plan_of(*after), crafted_index)
    assert found.dated_apart == apart  # q9, dated 1590-1610, when the period begins inside it
    assert count_matches(after, crafted_index) == (found.total_count, apart)
