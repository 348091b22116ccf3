"""``colophon record`` through CliRunner: the reader's view, --marc, --json, errors."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from scripts.records.view import RecordPage
from tests.scripts.records.rare_books import KARO

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, ["record", *args])


def test_record_shows_the_readers_view_with_both_scripts(rare_index: Path):
    result = run("r3", "--db", str(rare_index))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Shulḥan ʻarukh",
        "",
        "Title: Shulḥan ʻarukh",
        "       שלחן ערוך",
        "Author: Karo, Joseph, 1488-1575",
        "        קארו, יוסף, 1488-1575",
        "Published: Venezia, 1565",
        "           ויניציאה, שכ״ה",
        "Date: 1565",
        "Country of publication: Italy",
        "Language: Hebrew",
        "Record number: r3",
        "",
        "Record page: /records/r3",
    ]


def test_marc_shows_every_field_as_catalogued(rare_index: Path):
    result = run("r3", "--marc", "--db", str(rare_index))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("LDR    ") and lines[1] == "001    r3"
    assert "880 10 $6 245-02/(2/r $a שלחן ערוך." in lines
    assert len(lines) == 1 + len(KARO.fields)


def test_json_is_the_record_page(rare_index: Path):
    result = run("r1", "--json", "--db", str(rare_index))
    page = RecordPage.model_validate_json(result.output)
    assert page.address == "/records/r1" and page.sections[0].label == "Title"


def test_an_unknown_record_says_how_to_find_one(rare_index: Path):
    result = run("nope", "--db", str(rare_index))
    assert result.exit_code == 1
    assert "no record 'nope'" in result.output and "colophon query" in result.output


def test_a_missing_index_says_how_to_build_one(tmp_path: Path):
    result = run("r1", "--db", str(tmp_path / "absent.db"))
    assert result.exit_code == 1 and "colophon index" in result.output
