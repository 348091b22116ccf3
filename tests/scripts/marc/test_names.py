"""Who is who: name keys from authority records, and imprint statements linked to names."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scripts.marc.index import build_index
from tests.scripts.marc.marc_files import book, datafield, write_mrc
from tests.scripts.marc.test_authority import FROSCHAUER, authority


def _rows(db: Path, sql: str) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchall()


def _linked(db: Path) -> dict[str, set[str]]:
    links: dict[str, set[str]] = {}
    for record_id, key in _rows(db, "SELECT record_id, name_key FROM imprint_names"):
        links.setdefault(record_id, set()).add(key)
    return links


@pytest.fixture
def index(tmp_path: Path) -> Path:
    froben = datafield("700", "a", "Froben, Johann,", "d", "1460-1527,", "e", "printer.",
                       indicators="1 ")  # fmt: skip
    stephanus = authority(
        "n2",
        datafield("100", "a", "Estienne, Robert,", "d", "1503-1559", indicators="1 "),
        datafield("400", "a", "Roberti Stephani", indicators="0 "),
    )
    records = [
        book("b1", imprint=("a", "Tiguri :", "b", "apud Christophorum Froschouerum,")),
        book(
            "b2", imprint=("a", "Basileae :", "b", "in aedibus Ioannis Frobenii,"), fields=(froben,)
        ),  # fmt: skip
        book("b3", imprint=("a", "Parisiis :", "b", "in officina Rob. Stephani,")),
        book("b4", imprint=("a", "Oxford :", "b", "University Press,")),
        book(
            "b5", fields=(datafield("100", "a", "Froschouerus, Christophorus.", indicators="1 "),)
        ),  # fmt: skip
        # Thomas Thomas, printer to the University of Cambridge (STC), beside imprints that
        # name other Thomases; and a body whose heading repeats its jurisdiction.
        book(
            "b7",
            imprint=("a", "Cantabrigiae :", "b", "ex officina Thomae Thomasii,"),
            fields=(datafield("700", "a", "Thomas, Thomas,", "e", "printer.", indicators="1 "),),
        ),  # fmt: skip
        book("b8", imprint=("a", "London :", "b", "imprimebat Thomas Roycroft,")),
        book(
            "b9",
            fields=(
                datafield(
                    "710",
                    "a",
                    "New Zealand.",
                    "b",
                    "Statistics New Zealand,",
                    "e",
                    "publisher.",
                    indicators="1 ",
                ),
            ),
        ),  # fmt: skip
        book("b10", imprint=("a", "Wellington :", "b", "Statistics New Zealand,")),
        # The government as a main entry, and a body whose name starts with its country's.
        book("b11", fields=(datafield("110", "a", "New Zealand.", indicators="1 "),)),
        book("b12", imprint=("a", "[Wellington, N.Z.", "b", "New Zealand Soil Bureau,")),
        FROSCHAUER,
        stephanus,
    ]
    db = tmp_path / "index.db"
    build_index([write_mrc(tmp_path / "books.mrc", records)], db)
    return db


def test_a_name_catalogued_under_a_see_from_form_takes_the_heading_as_its_key(index):
    assert _rows(index, "SELECT name_norm, name_key FROM agents WHERE record_id = 'b5'") == [
        ("froschouerus christophorus", "froschauer christoph")
    ]


def test_a_name_without_an_authority_record_is_its_own_key(index):
    assert _rows(index, "SELECT name_key FROM agents WHERE record_id = 'b2'") == [
        ("froben johann",)
    ]


def test_imprints_link_to_the_names_they_hold_in_any_latin_case(index):
    links = _linked(index)
    assert links["b1"] == {"froschauer christoph"}  # "Froschouerum" ~ "Froschouerus"
    assert links["b3"] == {"estienne robert"}  # "Rob." shortens "Roberti"


def test_an_imprint_links_to_its_own_record_printer_by_surname(index):
    assert _linked(index)["b2"] == {"froben johann"}  # "Frobenii"


def test_a_name_that_is_one_word_twice_is_named_only_by_that_word_twice(index):
    links = _linked(index)
    assert links["b7"] == {"thomas thomas"}  # "Thomasii": the record's own printer
    assert "b8" not in links  # "Thomas Roycroft" names another Thomas
    assert links["b10"] == {"new zealand statistics new zealand"}  # it has a word of its own


def test_a_government_named_by_its_country_is_not_the_body_its_name_starts(index):
    assert "b12" not in _linked(index)  # "New Zealand Soil Bureau" is not "New Zealand"


def test_words_every_press_shares_link_no_imprint(index):
    assert "b4" not in _linked(index)  # "University Press" names no one


def test_demo_variants_of_one_printer_share_one_key(demo_index):
    keys = _rows(
        demo_index,
        "SELECT DISTINCT i.publisher_raw, n.name_key FROM imprints i JOIN imprint_names n"
        " USING (record_id, position) WHERE i.publisher_raw LIKE '%Froscho%'",
    )
    assert {key for _, key in keys} == {"froschauer christoph"}
    assert {raw for raw, _ in keys} >= {
        "apud Christophorum Froschouerum",
        "Christoffel Froschouer",
    }
