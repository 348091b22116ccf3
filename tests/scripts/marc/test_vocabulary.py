"""The index's vocabulary: the forms readers' words are matched against, and their values."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest

from scripts.marc.normalize import fold


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
