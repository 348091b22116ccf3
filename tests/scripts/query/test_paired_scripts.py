"""Searches find a record by either script of an 880 pair, and say which field matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.marc.index import build_index
from scripts.query.execute import execute_plan
from scripts.schemas.query_plan import Filter, QueryPlan
from tests.scripts.marc.marc_files import book, datafield, f008, write_mrc

# Joseph Karo's Shulḥan ʻarukh, first printed in Venice in 1565 ([5]325).
KARO = book(
    "k1",
    title="Shulḥan ʻarukh",
    control_008=f008("1565", country="it", language="heb"),
    imprint=("6", "880-03", "a", "Venezia,", "c", "1565."),
    fields=(
        datafield("100", "6", "880-01", "a", "Karo, Joseph,", "d", "1488-1575.", indicators="1 "),
        datafield(
            "880", "6", "100-01/(2/r", "a", "קארו, יוסף,", "d", "1488-1575.", indicators="1 "
        ),
        datafield("880", "6", "245-02/(2/r", "a", "שלחן ערוך", indicators="10"),
        datafield("880", "6", "260-03/(2/r", "a", "ויניציאה,", "c", "שכ״ה."),
        datafield("880", "a", "An 880 without its $6"),
    ),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paired")
    db = folder / "paired.db"
    build_index(
        [
            write_mrc(
                folder / "paired.mrc",
                [KARO, book("other", imprint=("a", "Basileae :", "c", "1550."))],
            )
        ],
        db,
    )
    return db


@pytest.mark.parametrize(
    ("flt", "source"),
    [
        (Filter(field="title", op="CONTAINS", value="ערוך"), "marc:880$a (245)"),
        (Filter(field="title", op="CONTAINS", value="Shulhan"), "marc:245$a"),
        (Filter(field="agent", op="CONTAINS", value="קארו"), "marc:880$a (100)"),
        (Filter(field="agent", op="CONTAINS", value="Karo"), "marc:100$a"),
        (Filter(field="imprint_place", op="EQUALS", value="ויניציאה"), "marc:880$a (260)"),
    ],
)
def test_either_script_finds_the_record_and_its_evidence_names_the_pair(index, flt, source):
    found = execute_plan(QueryPlan(filters=[flt]), index)
    (candidate,) = found.candidates
    assert candidate.record_id == "k1"
    assert [e.source for e in candidate.evidence] == [source]
    assert source in candidate.match_rationale


def test_an_unlinked_880_is_found_as_a_note_and_the_record_still_reads(index):
    found = execute_plan(
        QueryPlan(filters=[Filter(field="imprint_place", op="EQUALS", value="venice")]), index
    )
    (candidate,) = found.candidates
    assert (candidate.record_id, candidate.title, candidate.author, candidate.date_start) == (
        "k1",
        "Shulḥan ʻarukh",
        "Karo, Joseph",
        1565,
    )
