"""Linking a reader's words to the index's values, and choosing among the readings."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.query.linking import EXACT, LEADING, PARTIAL, Reading, choose, link
from scripts.query.vocabulary import load_vocabulary
from scripts.schemas import Filter, FilterField


def reading(kind: str, records: int, strength: int = EXACT, **spelt) -> Reading:
    flt = Filter(field=FilterField.KEYWORD, op="CONTAINS", value=f"{kind}{records}")
    found = Reading(kind, flt, kind, records, strength)
    return found.spelt(spelt["corrected"], spelt["score"]) if spelt else found


def test_the_strongest_match_wins_whatever_its_kind():
    subject = reading("subject", 3, EXACT)
    assert choose([reading("place", 50, PARTIAL), subject]) is subject


def test_among_equal_matches_the_earlier_kind_wins():
    place = reading("place", 13)
    assert choose([reading("name", 12), place]) is place


def test_a_later_kind_with_clearly_more_records_wins():
    topic = reading("topic", 60)
    assert choose([reading("place", 2), topic]) is topic


def test_a_value_no_record_has_yields_to_one_that_has():
    topic = reading("topic", 4)
    assert choose([reading("country", 0), topic]) is topic
    unheld = reading("language", 0)
    assert choose([unheld]) is unheld  # "in Welsh": still the language, with no books


def test_two_corrections_about_as_close_are_not_chosen():
    one = reading("place", 5, corrected={"bazel": "basel"}, score=80.0)
    two = reading("name", 5, corrected={"bazel": "hazel"}, score=79.0)
    assert choose([one, two]) is None
    assert choose([one]) is one


@pytest.fixture(scope="module")
def vocabulary(demo_index: Path):
    return load_vocabulary(demo_index)


def _read(vocabulary, text: str, kinds=("language", "place", "name", "topic")) -> list[Reading]:
    return link(vocabulary, text.lower().split(), text, kinds)


def test_a_see_from_form_reads_as_its_heading(vocabulary):
    (name,) = _read(vocabulary, "Froschouerus", ("name",))
    assert name.filter.value == "froschauer christoph" and name.strength >= LEADING


def test_a_misspelt_place_reads_as_the_catalogue_spelling(vocabulary):
    (place,) = _read(vocabulary, "Edinbrugh", ("place",))
    assert place.filter.value == "edinburgh" and place.corrected == {"edinbrugh": "edinburgh"}


def test_without_correcting_a_misspelling_reads_nothing(vocabulary):
    assert link(vocabulary, ["edinbrugh"], "Edinbrugh", ("place",), correct=False) == []


def test_initials_in_capitals_read_as_the_body_with_its_imprints(vocabulary):
    (name,) = _read(vocabulary, "OUP", ("name",))
    assert set(name.filter.value) >= {"oxford university press", "clarendon press"}
    assert _read(vocabulary, "oup", ("name",)) == []  # lower case is a word, not initials


def test_a_topic_reads_its_other_word_forms(vocabulary):
    (topic,) = _read(vocabulary, "astronomy", ("topic",))
    assert topic.filter.value == "astronom*"


def test_a_name_is_matched_on_whole_words_not_a_shared_stem(vocabulary):
    # "Erasmus" is a name of its own, not the printer Erasmo Viotti.
    (name,) = _read(vocabulary, "Erasmus", ("name",))
    assert "viotti" not in str(name.filter.value)
