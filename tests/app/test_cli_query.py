"""``colophon query`` through CliRunner: exit codes, output, JSON, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.schemas.candidate_set import CandidateSet
from scripts.schemas.query_plan import QueryPlan
from tests.fake_llm import fake_model
from tests.scripts.query.catalogues import build_crafted_index

runner = CliRunner()


@pytest.fixture(scope="module")
def index_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_crafted_index(tmp_path_factory.mktemp("cli-query"))


def run(*args: str):
    return runner.invoke(app, ["query", *args])


def test_query_prints_filters_total_and_results_with_evidence(index_db: Path) -> None:
    result = run("books printed in Venice", "--db", str(index_db))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == ["Filters: place of printing is Venice", "3 records match; showing 1-3."]
    assert lines[3:8] == [
        "1. De revolutionibus orbium coelestium / Copernicus, Nicolaus",
        "   1543 · Venetiis (Venice) · apud Aldum  [record q1]",
        "   why: place of printing is Venice (Venetiis, marc:260$a)",
        "   - place of printing: 'Venetiis' [marc:260$a]",
        "",
    ]
    assert "2. Opera omnia NEAR the OR * of AND" in result.output
    assert "   1590-1610 · Venetiis (Venice) · apud Iuntas  [record q9]" in result.output
    assert "3. Viaggio in Levante" in result.output


def test_json_prints_only_the_candidate_set(index_db: Path) -> None:
    result = run("Latin books", "--db", str(index_db), "--json")
    assert result.exit_code == 0
    found = CandidateSet.model_validate_json(result.output)
    assert [c.record_id for c in found.candidates] == ["q1", "q9", "q6"]
    assert found.total_count == 3 and found.sql_parameters["f0"] == "lat"


@pytest.mark.parametrize(
    ("limit", "offset", "expected", "shown"),
    [
        ("1", "0", ["q1"], "1-1"),
        ("2", "1", ["q9", "q6"], "2-3"),
        ("100000", "0", ["q1", "q9", "q6"], "1-3"),
    ],
)
def test_limit_and_offset_page_the_results(
    index_db: Path, limit: str, offset: str, expected: list[str], shown: str
) -> None:
    args = ("in Latin", "--db", str(index_db), "--limit", limit, "--offset", offset)
    found = CandidateSet.model_validate_json(run(*args, "--json").output)
    assert [c.record_id for c in found.candidates] == expected
    assert f"3 records match; showing {shown}." in run(*args).output


@pytest.mark.parametrize("limit", ["0", "-3", "ten"])
def test_limit_must_be_a_positive_number(index_db: Path, limit: str) -> None:
    result = run("in Latin", "--db", str(index_db), "--limit", limit)
    assert result.exit_code == 2


def test_offset_past_the_end_says_so(index_db: Path) -> None:
    result = run("in Latin", "--db", str(index_db), "--offset", "10")
    assert result.exit_code == 0
    assert "3 records match; none after offset 10." in result.output


def test_default_index_comes_from_settings(index_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLOPHON_INDEX_DB", str(index_db))
    result = run("Hebrew books printed in Amsterdam")
    assert result.exit_code == 0
    assert "1 record matches; showing 1-1." in result.output


def test_missing_index_tells_the_user_to_build_one(tmp_path: Path) -> None:
    result = run("in Latin", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 1
    assert f"no index database at {tmp_path / 'none.db'}" in result.output
    assert "colophon index <file>" in result.output
    assert "Traceback" not in result.output


def test_damaged_index_is_one_clear_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.db"
    broken.write_bytes(b"this is not a database" * 100)
    result = run("in Latin", "--db", str(broken))
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("books printed in Atlantis", "'Atlantis' is not a place of printing in this catalogue"),
        ("", "What are you looking for?"),
        ("x" * 10_000, "10,000 characters long"),
    ],
)
def test_query_needing_clarification_prints_the_question(
    index_db: Path, text: str, question: str
) -> None:
    result = run(text, "--db", str(index_db))
    assert result.exit_code == 0
    assert question in result.output
    assert "Traceback" not in result.output


def test_words_that_name_nothing_are_searched_as_words(index_db: Path) -> None:
    result = run("blah blah", "--db", str(index_db))
    assert result.exit_code == 0
    assert "No records match" in result.output and "'blah blah'" in result.output


def test_json_for_a_question_prints_the_plan(index_db: Path) -> None:
    result = run("books printed in Atlantis", "--db", str(index_db), "--json")
    assert result.exit_code == 0
    plan = QueryPlan.model_validate_json(result.output)
    assert plan.unparsed == ["Atlantis"] and not plan.is_actionable


def test_no_match_gives_the_reason(index_db: Path) -> None:
    result = run("books in Welsh", "--db", str(index_db))
    assert result.exit_code == 0
    assert "No records match: no record has language is Welsh." in result.output


def test_the_plans_option_names_are_accepted(index_db: Path, monkeypatch) -> None:
    shown = run("books printed in Venice", "--db-path", str(index_db), "--no-show-evidence")
    assert shown.exit_code == 0, shown.output
    assert "3 records match" in shown.output and "why:" not in shown.output
    plan = QueryPlan.model_validate(
        {"filters": [{"field": "imprint_place", "op": "EQUALS", "value": "venice"}]}
    )
    with fake_model() as model:
        monkeypatch.setenv("OPENAI_BASE_URL", model.url)
        model.answer(plan.model_dump_json())
        asked = run("books from the lagoon city", "--db-path", str(index_db), "--api-key", "sk-x")
    assert asked.exit_code == 0, asked.output
    assert len(model.requests) == 1 and "3 records match" in asked.output
