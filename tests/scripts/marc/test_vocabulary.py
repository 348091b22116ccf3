"""The index's vocabulary: every form readers may use for a value, with the value and its count."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scripts.marc.normalize import fold


def _forms(db: Path, kind: str, value: str) -> dict[str, int]:
    with closing(sqlite3.connect(db)) as conn:
        rows = conn.execute(
            "SELECT form, records FROM vocabulary WHERE kind = ? AND value = ?", (kind, value)
        )
        return dict(rows.fetchall())


def _count(db: Path, sql: str) -> int:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute(sql).fetchone()[0]


def test_a_place_is_known_by_its_latin_and_vernacular_names(demo_index):
    forms = _forms(demo_index, "place", "venice")
    assert {"venice", "venetiis", "venezia", "venedig"} <= set(forms)
    assert set(forms.values()) == {
        _count(
            demo_index, "SELECT count(DISTINCT record_id) FROM imprints WHERE place_norm = 'venice'"
        )
    }


@pytest.mark.parametrize(
    ("value", "form"), [("lat", "latin"), ("grc", "ancient greek"), ("heb", "hebrew")]
)
def test_a_language_is_known_by_its_names(demo_index, value, form):
    assert form in _forms(demo_index, "language", value)


def test_a_name_is_known_by_its_heading_and_every_see_from_form(demo_index):
    forms = _forms(demo_index, "name", "froschauer christoph")
    assert {
        "froschauer christoph",
        "froschouerus christophorus",
        "froschoverus christophorus",
    } <= set(forms)


def test_related_names_point_both_ways(demo_index):
    assert "aldine press" in _forms(demo_index, "related", "manuzio aldo")
    assert "manuzio aldo" in _forms(demo_index, "related", "aldine press")


def test_a_body_is_known_by_its_initials(demo_index):
    assert "oup" in _forms(demo_index, "name initials", "oxford university press")


def test_a_thesaurus_lead_in_term_names_the_heading_catalogued(demo_index):
    assert "cradle books" in _forms(demo_index, "subject", "incunabula")


def test_genre_terms_count_their_records(demo_index):
    bibles = _forms(demo_index, "genre", "bibles")
    assert bibles["bibles"] == _count(
        demo_index, "SELECT count(DISTINCT record_id) FROM genres WHERE term_norm = 'bibles'"
    )


def _place_values(db: Path, form: str) -> set[str]:
    with closing(sqlite3.connect(db)) as connection:
        rows = connection.execute(
            "SELECT value FROM vocabulary WHERE kind = 'place' AND form = :form",
            {"form": fold(form)},
        )
        return {value for (value,) in rows}


# A Hebrew spelling from a title page and a form the demo catalogue's romanised imprints use.
@pytest.mark.parametrize(
    ("hebrew", "latin"),
    [
        ("קושטנדינא", "Constantinopoli"),
        ("קושטא", "Kushta"),
        ("שאלוניקי", "Salonika"),
        ("ליוורנו", "Livorno"),
        ("זולצבאך", "Sulzbach"),
        ("ויניציאה", "Venetiis"),
        ("אמשטרדם", "Amstelodami"),
        ("פראג", "Prague"),
        ("שונצינו", "Soncino"),
        ("מנטובה", "Mantua"),
        ("באזל", "Basileae"),
    ],
)
def test_a_hebrew_place_word_names_the_places_its_latin_forms_name(demo_index, hebrew, latin):
    values = _place_values(demo_index, hebrew)
    assert values and values == _place_values(demo_index, latin)


def test_kushtandina_is_a_place_form_whose_value_is_the_key_of_the_latin_forms(demo_index):
    # The 880 of Arba'ah turim (cph000070) prints קושטנדינא, which is istanbul, as the Latin
    # "Constantinopoli" is; its 260's "Constantinople" is a place of its own, an alias of both.
    assert _place_values(demo_index, "קושטנדינא") == {"istanbul"}
    assert _place_values(demo_index, "Constantinople") == {"constantinople"}


def test_another_name_of_a_city_leads_to_the_places_the_index_holds(demo_index):
    # Salonika is held (cph000322), Thessaloniki is not: its names lead to Salonika.
    assert _place_values(demo_index, "Thessaloniki") == {"salonika"}
    assert _place_values(demo_index, "שאלוניקי") == {"salonika"}
