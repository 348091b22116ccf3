"""``colophon query --count``, ``--facet``, ``--sort``: answers as the chat gives them, checked
against the MARC records and the index's own tables, and clear errors for bad options."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.chat import SessionStore
from scripts.schemas import Answer, AnswerKind, CandidateSet
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.chat import marc_facts as marc
from tests.scripts.export import parsed

runner = CliRunner()


@pytest.fixture(scope="module")
def latin() -> set[str]:
    records = marc.read_records(DEMO_CATALOGUE)
    return marc.ids(records, lambda record: "lat" in marc.languages(record))


def run(index: Path, *args: str):
    return runner.invoke(app, ["query", *args, "--db", str(index)])


def rows(index: Path, sql: str, *params: object) -> list[tuple]:
    with closing(sqlite3.connect(index)) as conn:
        return conn.execute(sql, params).fetchall()


def test_count_says_how_many_match(demo_index: Path, latin: set[str]) -> None:
    result = run(demo_index, "Latin books", "--count")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{len(latin)} books match: language is Latin.\n"
    answer = Answer.model_validate_json(run(demo_index, "Latin books", "--count", "--json").stdout)
    assert (answer.kind, answer.total, answer.rows) == (AnswerKind.COUNT, len(latin), [])


def test_a_question_that_asks_how_many_is_answered_so(demo_index: Path, latin: set[str]) -> None:
    result = run(demo_index, "how many Latin books do you have?")
    assert result.stdout == f"{len(latin)} books match: language is Latin.\n"


def test_facet_ranks_the_values_with_their_counts(demo_index: Path) -> None:
    expected = rows(
        demo_index,
        """SELECT place_norm, count(DISTINCT record_id) FROM imprints
        WHERE tag <> '880' AND place_norm IS NOT NULL AND record_id IN
            (SELECT record_id FROM languages WHERE code = 'heb')
        GROUP BY place_norm ORDER BY 2 DESC, 1 LIMIT 3""",
    )
    [(hebrew,)] = rows(
        demo_index, "SELECT count(DISTINCT record_id) FROM languages WHERE code = 'heb'"
    )
    result = run(demo_index, "Hebrew books", "--facet", "place", "--top", "3")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Places of printing of the {hebrew} books where language is Hebrew")
    assert lines[1:] == [
        f"{i}. {place.title()} — {n} books" for i, (place, n) in enumerate(expected, 1)
    ]
    answer = Answer.model_validate_json(
        run(demo_index, "Hebrew books", "--facet", "PLACE", "--top", "3", "--json").stdout
    )
    assert answer.facet.value == "place" and answer.total == hebrew
    assert [(row.value.lower(), row.count) for row in answer.rows] == expected
    assert answer.rows[0].refine == "only those printed in Venice"


def test_top_sets_the_length_of_a_ranking_the_question_asked(demo_index: Path) -> None:
    answer = Answer.model_validate_json(
        run(demo_index, "top 5 printers", "--top", "2", "--json").stdout
    )
    assert answer.kind is AnswerKind.RANKING and len(answer.rows) == 2


def test_sort_lists_the_books_in_that_order(demo_index: Path, latin: set[str]) -> None:
    result = run(demo_index, "Latin books", "--sort", "title", "--desc", "--json", "--limit", "5")
    found = CandidateSet.model_validate_json(result.stdout)
    marks = ", ".join("?" * len(latin))
    by_title = rows(
        demo_index,
        f"""SELECT record_id FROM records WHERE record_id IN ({marks})
        ORDER BY title_sort DESC, date_start, record_id LIMIT 5""",
        *sorted(latin),
    )
    assert [c.record_id for c in found.candidates] == [rid for (rid,) in by_title]
    assert found.total_count == len(latin)
    printed = run(demo_index, "Latin books", "--sort", "title", "--desc", "--limit", "1")
    assert printed.stdout.splitlines()[1] == "Order: by title, Z to A"
    assert "   - sorted by title: 'Vergilius' [marc:245]" in printed.stdout


def test_sort_with_top_gives_the_first_books_in_that_order(demo_index: Path) -> None:
    result = run(demo_index, "Latin books", "--sort", "date", "--top", "3", "--no-show-evidence")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:3] == [
        "Order: the first 3, oldest first",
        "3 records match; showing 1-3.",
    ]
    assert "1. Biblia latina" in result.stdout


def test_an_order_of_the_whole_catalogue_says_it_has_no_filters(demo_index: Path) -> None:
    result = run(demo_index, "what's the oldest book you have?", "--no-show-evidence")
    assert result.exit_code == 0, result.output
    (oldest,) = rows(
        demo_index, "SELECT title FROM records ORDER BY date_start, title_sort, record_id LIMIT 1"
    )
    assert result.stdout.splitlines()[:3] == [
        "Filters: none, the whole catalogue",
        "Order: the first 1, oldest first",
        "1 record matches; showing 1-1.",
    ]
    assert f"1. {oldest[0]}" in result.stdout


def test_an_export_follows_the_order_asked(demo_index: Path, latin: set[str]) -> None:
    result = run(demo_index, "Latin books", "--format", "csv", "--sort", "author")
    exported = [entry["id"] for entry in parsed.READERS["csv"](result.stdout)]
    marks = ", ".join("?" * len(latin))
    by_author = rows(
        demo_index,
        f"""SELECT record_id FROM records WHERE record_id IN ({marks})
        ORDER BY author IS NULL, author COLLATE NOCASE, title_sort, record_id""",
        *sorted(latin),
    )
    assert exported == [rid for (rid,) in by_author]


@pytest.mark.parametrize(
    ("args", "code", "complaint"),
    [
        (["--facet", "colour"], 2, "Invalid value for '--facet'"),
        (["--sort", "colour"], 2, "Invalid value for '--sort'"),
        (["--facet", "place", "--top", "0"], 2, "Invalid value for '--top'"),
        (["--facet", "place", "--top", "101"], 2, "Invalid value for '--top'"),
        (["--count", "--facet", "place"], 1, "--count and --facet ask for different answers"),
        (["--count", "--sort", "title"], 1, "--sort and --desc order a list of books"),
        (["--facet", "place", "--desc"], 1, "--sort and --desc order a list of books"),
        (["--count", "--top", "3"], 1, "--top cuts a ranking or a list of books"),
        (["--format", "ris", "--facet", "place"], 1, "--format exports the books themselves"),
        (["--session-id", "s1", "--count"], 1, "in a session, ask instead: 'sort by title'"),
    ],
)
def test_options_that_do_not_fit_say_why(
    demo_index: Path, args: list[str], code: int, complaint: str
) -> None:
    result = run(demo_index, "Latin books", *args)
    assert result.exit_code == code
    assert complaint in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_top_on_a_question_that_asks_how_many_says_why(demo_index: Path) -> None:
    result = run(demo_index, "how many Latin books?", "--top", "3")
    assert result.exit_code == 1
    assert "--top cuts a ranking or a list of books: a count has none" in result.output


def test_json_in_a_session_prints_a_counts_typed_answer(
    demo_index: Path, tmp_path: Path, latin: set[str]
) -> None:
    store = tmp_path / "sessions.db"
    with SessionStore(store) as opened:
        session_id = opened.create_session(user_id="alice").session_id
    result = run(
        demo_index, "how many Latin books?", "--session-id", session_id,
        "--session-db-path", str(store), "--json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert Answer.model_validate_json(result.stdout).total == len(latin)
