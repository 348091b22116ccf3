"""A value of a ranking, chosen by its follow-up or by its place in the list, shows exactly
the books the ranking counted for it: the search's matches that have the value."""

from __future__ import annotations

import pytest

from scripts.chat import SessionStore
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.chat import marc_facts as marc
from tests.scripts.chat.conversations import start_chat

RANKINGS = [
    "which towns printed Hebrew books?",
    "which languages are the Latin books in?",
    "which centuries are the books before 1550 from?",
    "top 5 printers",
    "which places printed books not in Latin?",
    "books printed in Venice by decade",
]


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as opened:
        yield opened


@pytest.mark.parametrize("question", RANKINGS)
def test_each_values_follow_up_shows_as_many_books_as_it_counted(store, demo_index, question):
    ranking = start_chat(store, demo_index)(question).answer
    assert ranking is not None and ranking.rows
    for row in ranking.rows:
        chat = start_chat(store, demo_index)
        chat(question)
        found = chat(row.refine).candidate_set
        assert found.total_count == row.count, row.refine


@pytest.mark.parametrize(("position", "index"), [("the second one", 1), ("the last one", -1)])
def test_a_value_chosen_by_its_place_narrows_the_search(store, demo_index, position, index):
    chat = start_chat(store, demo_index)
    ranking = chat("which languages are the Latin books in?").answer
    found = chat(position).candidate_set
    assert found.total_count == ranking.rows[index].count


def test_greek_among_the_latin_books_is_the_books_in_both(store, demo_index):
    records = marc.read_records(DEMO_CATALOGUE)
    both = marc.ids(records, lambda r: {"lat", "grc"} <= marc.languages(r))
    chat = start_chat(store, demo_index)
    ranking = chat("which languages are the Latin books in?").answer
    greek = next(row for row in ranking.rows if row.value == "Ancient Greek")
    assert greek.count == len(both)
    found = chat(greek.refine).candidate_set
    assert found.total_count == len(both)
    assert {c.record_id for c in found.candidates} <= both
