"""Each record's facet values read once per index, and rankings counted from them, checked
against counts SQLite makes from the index's own tables."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from scripts.query import facet_columns, facets
from scripts.query.connection import IndexQueryError, read_only
from scripts.query.execute import count_matches, matching_rowids
from scripts.query.facet_columns import APART, column
from scripts.query.operators import clause
from scripts.query.vocabulary import load_vocabulary
from scripts.schemas import Facet, Filter, FilterField, FilterOp
from tests.scripts.query.catalogues import CRAFTED, build_crafted_index

# Records per value, as SQLite counts them from the tables (880s pair with the fields they
# transcribe, so they are left out); places, grouped by town, are checked on their own below.
BY_SQL = {
    Facet.LANGUAGE: "SELECT code, count(DISTINCT record_id) FROM languages GROUP BY code",
    Facet.GENRE: """SELECT term_norm, count(DISTINCT record_id) FROM genres WHERE tag <> '880'
        GROUP BY term_norm""",
    Facet.CENTURY: """SELECT date_start / 100, count(*) FROM records
        WHERE date_start / 100 = coalesce(date_end, date_start) / 100 GROUP BY 1""",
    Facet.DECADE: """SELECT date_start / 10, count(*) FROM records
        WHERE date_start / 10 = coalesce(date_end, date_start) / 10 GROUP BY 1""",
}


def sql_counts(db_path: Path, sql: str, params: tuple = ()) -> Counter:
    with closing(sqlite3.connect(db_path)) as conn:
        return Counter(dict(conn.execute(sql, params).fetchall()))


def rowids(db_path: Path, *record_ids: str) -> list[int]:
    with closing(sqlite3.connect(db_path)) as conn:
        marks = ", ".join("?" * len(record_ids))
        sql = f"SELECT record_id, rowid FROM records WHERE record_id IN ({marks})"
        found = dict(conn.execute(sql, record_ids).fetchall())
    return [found[record_id] for record_id in record_ids]


@pytest.mark.parametrize("facet", list(BY_SQL))
def test_the_whole_catalogue_counts_as_sqlite_counts_it(demo_index: Path, facet: Facet) -> None:
    everything = column(demo_index, facet).everything
    assert everything.counts == sql_counts(demo_index, BY_SQL[facet])
    assert everything.total == sum(
        sql_counts(demo_index, "SELECT 1, count(*) FROM records").values()
    )


def test_an_imprint_in_another_script_is_not_a_place_or_printer_of_its_own(
    demo_index: Path,
) -> None:
    (constantinople,) = rowids(demo_index, "cph000070")  # 260 Constantinople, 880 קושטנדינא
    assert column(demo_index, Facet.PLACE).keys[constantinople] == ("istanbul",)
    printers = column(demo_index, Facet.PRINTER).keys[constantinople]
    assert printers and all(key.isascii() for key in printers)


def test_a_record_dated_across_two_centuries_is_counted_apart(crafted_index: Path) -> None:
    opera, anonymous, copernicus = rowids(crafted_index, "q9", "q8", "q1")
    for facet in (Facet.CENTURY, Facet.DECADE):
        keys = column(crafted_index, facet).keys
        assert keys[opera] is APART  # 1590-1610
        assert keys[anonymous] == ()  # undated
    assert column(crafted_index, Facet.CENTURY).keys[copernicus] == (15,)
    everything = column(crafted_index, Facet.CENTURY).everything
    assert (everything.total, everything.missing, everything.apart) == (len(CRAFTED), 1, 1)
    assert sum(everything.counts.values()) == len(CRAFTED) - 2


def test_some_records_are_counted_with_those_that_have_no_value(crafted_index: Path) -> None:
    some = rowids(crafted_index, "q1", "q5", "q8", "q9")
    counted = column(crafted_index, Facet.CENTURY).count(some)
    assert counted.counts == Counter({15: 1, 19: 1})
    assert (counted.total, counted.missing, counted.apart) == (4, 1, 1)
    subjects = column(crafted_index, Facet.SUBJECT).count(some)
    assert subjects.counts == Counter({"astronomy": 1, "theology": 1})
    assert subjects.missing == 2


def test_a_printer_keeps_its_imprint_spelling_to_show(crafted_index: Path) -> None:
    printers = column(crafted_index, Facet.PRINTER)
    assert printers.shown["nauka"] == "Nauka"
    assert printers.everything.counts["nauka"] == 1


def test_a_ranking_counts_a_plans_matches_as_sqlite_does(demo_index: Path) -> None:
    venice = Filter(field=FilterField.IMPRINT_PLACE, op=FilterOp.EQUALS, value="venice")
    ranking = facets.rank([venice], demo_index, Facet.LANGUAGE, top=3)
    expected = sql_counts(
        demo_index,
        """SELECT code, count(*) FROM languages WHERE record_id IN
        (SELECT record_id FROM imprints WHERE place_norm = ?) GROUP BY code""",
        ("venice",),
    )
    most = sorted(expected.items(), key=lambda pair: (-pair[1], pair[0]))[:3]
    assert [(r.filter.value, r.tally.count) for r in ranking.values] == most
    assert ranking.total == count_matches([venice], demo_index)[0] and ranking.missing == 0


def test_an_index_changed_on_disk_is_read_again(tmp_path: Path) -> None:
    db_path = build_crafted_index(tmp_path)
    before = column(db_path, Facet.LANGUAGE)
    assert column(db_path, Facet.LANGUAGE) is before  # read once
    with closing(sqlite3.connect(db_path)) as conn, conn:
        conn.execute("DELETE FROM languages WHERE code = 'lat'")
    changed = os.stat(db_path)
    os.utime(db_path, ns=(changed.st_atime_ns, changed.st_mtime_ns + 1_000_000))
    assert column(db_path, Facet.LANGUAGE).everything.counts["lat"] == 0
    assert before.everything.counts["lat"] == 3


def test_an_index_missing_a_table_is_a_query_error(crafted_index: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    shutil.copy(crafted_index, broken)
    with closing(sqlite3.connect(broken)) as conn:
        conn.execute("DROP TABLE genres")
    with pytest.raises(IndexQueryError, match="cannot read the index"):
        facet_columns.column(broken, Facet.GENRE)


def test_a_full_text_filters_matches_are_listed_from_the_full_text_index(
    demo_index: Path,
) -> None:
    astronomy = Filter(field=FilterField.SUBJECT, op=FilterOp.CONTAINS, value="astronomy")
    assert clause(0, astronomy).rowids_sql is not None
    assert clause(0, astronomy.model_copy(update={"negate": True})).rowids_sql is None
    with read_only(demo_index) as conn:
        listed = matching_rowids(conn, [astronomy], load_vocabulary(demo_index))
    expected = sql_counts(
        demo_index,
        "SELECT rowid, 1 FROM subjects_fts WHERE subjects_fts MATCH ?",
        ("headings : astronomy",),
    )
    assert sorted(listed) == sorted(expected) and len(listed) > 3


@pytest.mark.parametrize(
    "facet",
    [Facet.PLACE, Facet.LANGUAGE, Facet.CENTURY, Facet.DECADE, Facet.PRINTER, Facet.GENRE],
)
def test_each_value_counts_the_books_its_filter_finds(nlnz_index: Path, facet: Facet) -> None:
    for ranked in facets.rank([], nlnz_index, facet, top=30).values:
        assert count_matches([ranked.filter], nlnz_index)[0] == ranked.tally.count, ranked.tally


def test_the_names_of_one_town_are_ranked_under_the_name_it_has_now(
    demo_index: Path, nlnz_index: Path
) -> None:
    istanbul = sql_counts(
        demo_index,
        """SELECT 1, count(DISTINCT record_id) FROM imprints
        WHERE place_norm IN ('constantinople', 'istanbul') AND tag <> '880'""",
    )
    demo = column(demo_index, Facet.PLACE).everything.counts
    assert demo["istanbul"] == istanbul[1] > 0 and "constantinople" not in demo
    places = column(nlnz_index, Facet.PLACE).everything.counts
    named = sql_counts(
        nlnz_index,
        """SELECT place_norm, count(DISTINCT record_id) FROM imprints
        WHERE place_norm IN ('wellington', 'te whanganui a tara') GROUP BY place_norm""",
    )
    assert named["te whanganui a tara"] > 0 and "te whanganui a tara" not in places
    wellington = Filter(field=FilterField.IMPRINT_PLACE, op=FilterOp.EQUALS, value="wellington")
    assert places["wellington"] == count_matches([wellington], nlnz_index)[0]
    assert places["wellington"] > named["wellington"]
    assert "new zealand" not in places  # a country is no town
