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


# The Babylonian Talmud's first printed tractate, Berakhot (Soncino, [5]244), catalogued with
# no date in 008 or 260: its year is the Hebrew one of its 880.
BERAKHOT = book(
    "s1",
    title="Masekhet Berakhot.",
    control_008=f008("    ", date_type="n", language="heb"),
    imprint=("6", "880-01", "a", "Soncino :", "b", "Joshua Solomon Soncino,"),
    fields=(datafield("880", "6", "260-01/(2/r", "a", "שונצינו :", "c", 'רמ"ד.'),),
)


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("paired")
    db = folder / "paired.db"
    build_index(
        [
            write_mrc(
                folder / "paired.mrc",
                [KARO, BERAKHOT, book("other", imprint=("a", "Basileae :", "c", "1550."))],
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
    ],
)
def test_either_script_finds_the_record_and_its_evidence_names_the_pair(index, flt, source):
    found = execute_plan(QueryPlan(filters=[flt]), index)
    (candidate,) = found.candidates
    assert candidate.record_id == "k1"
    assert [e.source for e in candidate.evidence] == [source]
    assert source in candidate.match_rationale


@pytest.mark.parametrize("place", ["ויניציאה", "Venezia", "venice"])
def test_a_place_in_either_script_is_one_place_and_both_forms_are_evidence(index, place):
    found = execute_plan(
        QueryPlan(filters=[Filter(field="imprint_place", op="EQUALS", value=place)]), index
    )
    (candidate,) = found.candidates
    assert [(e.matched_against, e.source) for e in candidate.evidence] == [
        ("Venezia", "marc:260$a"),
        ("ויניציאה", "marc:880$a (260)"),
    ]


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


def test_a_year_from_a_hebrew_imprint_shows_the_hebrew_form_as_evidence(index):
    years = Filter(field="year", op="RANGE", start=1480, end=1490)
    (candidate,) = execute_plan(QueryPlan(filters=[years]), index).candidates
    assert (candidate.record_id, candidate.date_start, candidate.date_end) == ("s1", 1483, 1484)
    assert [(e.matched_against, e.source) for e in candidate.evidence] == [
        ('1483-1484 (רמ"ד)', "marc:880$c")
    ]


# Greek and Hebrew titles of the demo catalogue (880s of 245), as catalogued and as readers
# type them: without accents and breathings, points, final letters or gershayim.
@pytest.mark.parametrize(
    ("field", "words", "record_ids"),
    [
        ("title", "Θουκυδίδης", ["cph000052"]),
        ("title", "Θουκυδιδης", ["cph000052"]),
        ("title", "ΘΟΥΚΥΔΙΔΗΣ", ["cph000052"]),
        ("title", "Ἡροδότου λόγοι", ["cph000053"]),
        ("title", "ηροδοτου λογοι", ["cph000053"]),
        ("title", "Καινῆς Διαθήκης", ["cph000084"]),
        ("title", "καινης διαθηκης", ["cph000084"]),
        ("title", "Σουιδας", ["cph000293"]),
        ("title", "שלחן ערוך", ["cph000068"]),
        ("title", "שֻׁלְחָן עָרוּךְ", ["cph000068"]),
        ("title", "שלחנ ערוכ", ["cph000068"]),
        ("title", '"מסכת ברכות"', ["cph000058"]),
        ("keyword", 'רש"י', ["cph000057", "cph000062"]),  # Rashi, in the 880s of 100 and 700
        ("keyword", "רש״י", ["cph000057", "cph000062"]),
        ("keyword", "רשי", ["cph000057", "cph000062"]),
    ],
)
def test_demo_greek_and_hebrew_are_found_with_or_without_their_marks(
    demo_index, field, words, record_ids
):
    flt = Filter(field=field, op="CONTAINS", value=words)
    found = execute_plan(QueryPlan(filters=[flt]), demo_index)
    assert [c.record_id for c in found.candidates] == record_ids
    assert all(e.source.startswith("marc:880") for c in found.candidates for e in c.evidence)
