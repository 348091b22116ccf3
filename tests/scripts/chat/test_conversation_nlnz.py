"""A scripted conversation over the NLNZ sample: every count checked against the raw MARC."""

from __future__ import annotations

import re

import pytest

from scripts.chat import SessionStore
from scripts.schemas import FilterField
from tests.scripts.chat import marc_facts as marc
from tests.scripts.chat.conversations import context, filters, start_chat

WELLINGTON = marc.printed_in("wellington", "whanganui-a-tara")
AUCKLAND = marc.printed_in("auckland")


@pytest.fixture(scope="module")
def nlnz_records(nlnz_mrc):
    return marc.read_records(nlnz_mrc)


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as opened:
        yield opened


@pytest.fixture
def chat(store, nlnz_index):
    return start_chat(store, nlnz_index)


def test_first_search_answers_from_the_catalogue_and_is_saved(chat, store, nlnz_records):
    response = chat("books printed in Wellington")
    expected = marc.ids(nlnz_records, WELLINGTON)
    assert response.candidate_set.total_count == len(expected) == 339
    assert {c.record_id for c in response.candidate_set.candidates} <= expected
    assert response.message.startswith("Found 339 books where place of printing is Wellington")
    assert all(
        c.evidence and c.evidence[0].source.startswith("marc:26")
        for c in response.candidate_set.candidates
    )
    user, assistant = store.get_session(chat.session_id).messages
    assert user.role == "user" and user.content == "books printed in Wellington"
    assert user.query_plan.filters[0].field is FilterField.IMPRINT_PLACE
    assert assistant.candidate_set.total_count == 339 and assistant.content == response.message
    saved = context(store, chat.session_id)
    assert saved.turn == 1 and saved.offset == 0 and len(saved.shown) == 10


def test_refinements_narrow_replace_and_negate(chat, store, nlnz_records):
    chat("books printed in Wellington")
    maori = chat("only those in Maori")
    assert filters(store, chat.session_id) == [
        ("imprint_place", "wellington", False),
        ("language", "mao", False),
    ]
    expected = marc.ids(nlnz_records, WELLINGTON, lambda r: "mao" in marc.languages(r))
    assert maori.candidate_set.total_count == len(expected) == 8
    assert {c.record_id for c in maori.candidate_set.candidates} == expected

    auckland = chat("what about Auckland?")
    assert filters(store, chat.session_id) == [
        ("language", "mao", False),
        ("imprint_place", "auckland", False),
    ]
    assert auckland.candidate_set.total_count == len(
        marc.ids(nlnz_records, AUCKLAND, lambda r: "mao" in marc.languages(r))
    )

    chat("any language")
    not_english = chat("not in English")
    assert filters(store, chat.session_id) == [
        ("imprint_place", "auckland", False),
        ("language", "eng", True),
    ]
    expected = marc.ids(nlnz_records, AUCKLAND, lambda r: "eng" not in marc.languages(r))
    assert not_english.candidate_set.total_count == len(expected)


def test_what_about_swaps_the_printer_not_adds_a_place(chat, store, nlnz_records):
    first = chat("books published by Oxford University Press")
    assert (
        first.candidate_set.total_count
        == len(
            marc.ids(
                nlnz_records,
                lambda r: any("oxford university press" in p for p in marc.publishers(r)),
            )
        )
        == 4
    )
    reed = chat("what about Reed?")
    assert [field for field, _, _ in filters(store, chat.session_id)] == ["publisher"]
    assert reed.candidate_set.total_count == len(
        marc.ids(
            nlnz_records, lambda r: any("reed" in re.findall(r"\w+", p) for p in marc.publishers(r))
        )
    )


def test_zero_results_suggest_the_condition_to_relax_with_its_count(chat, nlnz_records):
    chat("books printed in Wellington")
    chat("only those in Maori")
    response = chat("before 1900")
    assert response.candidate_set.total_count == 0
    assert "Without “date is before 1900” there are 8 books." in response.message
    assert response.suggested_followups[0] == "any date"
    relaxed = chat("any date")
    assert relaxed.candidate_set.total_count == 8


def test_followups_are_about_the_current_results(chat):
    response = chat("books printed in Wellington")
    assert response.suggested_followups[:2] == ["show more", "tell me about the first one"]
    narrowing = [s for s in response.suggested_followups if s.startswith("only those")]
    assert narrowing
    for suggestion in narrowing:
        narrowed = chat(suggestion)
        assert 0 < narrowed.candidate_set.total_count < response.candidate_set.total_count
        chat("books printed in Wellington")
