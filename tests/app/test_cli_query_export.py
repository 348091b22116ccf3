"""``colophon query --format``: every match, in each format, to stdout or a file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import app
from scripts.export.formats import FORMATS
from scripts.query.compile import compile_query
from scripts.query.execute import execute_plan
from tests.scripts.export import parsed

runner = CliRunner()
VENICE = "books printed in Venice"


def run(*args: str):
    return runner.invoke(app, ["query", *args])


@pytest.mark.parametrize("name", list(FORMATS))
def test_every_match_is_exported_not_only_a_page(demo_index: Path, name: str):
    result = run(VENICE, "--db", str(demo_index), "--format", name)
    assert result.exit_code == 0, result.output
    found = parsed.READERS[name](result.stdout)
    plan = compile_query(VENICE, db_path=demo_index)
    everything = execute_plan(plan, demo_index, limit=1000)
    assert [f["id"] for f in found] == [c.record_id for c in everything.candidates]
    assert len(found) == everything.total_count > 10
    assert all(
        f["why"].startswith(f"Matched “{VENICE}”: place of printing is Venice") for f in found
    )


def test_output_writes_a_file_and_nothing_to_stdout(demo_index: Path, tmp_path: Path):
    target = tmp_path / "venice.ris"
    result = run(VENICE, "--db", str(demo_index), "--format", "ris", "--output", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert len(parsed.ris(target.read_text())) > 10
    assert [p.name for p in tmp_path.iterdir()] == ["venice.ris"]  # no temporary file left


def test_a_search_with_no_matches_exports_an_empty_valid_file(demo_index: Path):
    result = run("books printed in Venice before 1400", "--db", str(demo_index), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert parsed.csv_rows(result.stdout) == [] and result.stdout.startswith("Record number,Title")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (
            ["--format", "exe"],
            "unknown format 'exe': use one of ris, bibtex, csl-json, csv, marcxml",
        ),
        (["--format", "ris", "--json"], "leave out --json and --session-id"),
        (["--output", "x.ris"], "--output writes an export: give --format too"),
        (
            ["--output", "/nonexistent-dir/x.ris", "--format", "ris"],
            "cannot write /nonexistent-dir/x.ris",
        ),
    ],
)
def test_bad_export_options_fail_with_one_clear_line(demo_index: Path, args, says):
    result = run(VENICE, "--db", str(demo_index), *args)
    assert result.exit_code == 1 and says in result.output


def test_a_question_that_is_not_understood_exports_nothing(demo_index: Path):
    result = run("hello", "--db", str(demo_index), "--format", "ris")
    assert result.exit_code == 1 and "nothing to export" in result.output
