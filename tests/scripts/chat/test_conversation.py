"""Scripted conversations over real indexes: filters, counts checked against the MARC, storage."""

from __future__ import annotations

import multiprocessing
import threading
from collections import Counter

import pytest

from scripts.chat import SessionNotFoundError, SessionStore
from scripts.chat.context import ConversationContext
from scripts.chat.conversation import Conversation
from scripts.query import execute as execute_module
from scripts.schemas import FilterField
from tests.scripts.chat import marc_facts as marc
from tests.scripts.chat import workers

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
    conversation = Conversation(store, nlnz_index)
    session_id = store.create_session(user_id="reader").session_id

    def say(text: str):
        return conversation.handle(session_id, text, user_id="reader")

    say.session_id = session_id
    return say


def context(store: SessionStore, session_id: str) -> ConversationContext:
    return ConversationContext.of(store.get_context(session_id))


def filters(store: SessionStore, session_id: str) -> list[tuple[str, object, bool]]:
    plan = context(store, session_id).plan
    return [
        (f.field.value, f.value if f.value is not None else (f.start, f.end), f.negate)
        for f in plan.filters
    ]


def test_first_search_answers_from_the_catalogue_and_is_saved(chat, store, nlnz_records):
    response = chat("books printed in Wellington")
    expected = marc.ids(nlnz_records, WELLINGTON)
    assert response.candidate_set.total_count == len(expected) == 339
    assert {c.record_id for c in response.candidate_set.candidates} <= expected
    assert response.message.startswith("Found 339 books where imprint place is Wellington")
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
    chat("what about Reed?")
    assert filters(store, chat.session_id) == [("publisher", "Reed", False)]


def test_new_full_query_replaces_the_plan(chat, store):
    chat("books printed in Wellington")
    chat("books published by Oxford University Press")
    assert filters(store, chat.session_id) == [("publisher", "Oxford University Press", False)]


def test_fragment_after_a_search_is_a_refinement(chat, store):
    chat("books published by Oxford University Press")
    chat("published in Auckland")
    assert [f[0] for f in filters(store, chat.session_id)] == ["publisher", "imprint_place"]


def test_paging_shows_the_next_results_and_says_when_they_end(chat, store):
    first = chat("books printed in Wellington")
    second = chat("show more")
    assert second.metadata["intent"] == "next_page"
    first_ids = [c.record_id for c in first.candidate_set.candidates]
    second_ids = [c.record_id for c in second.candidate_set.candidates]
    assert len(second_ids) == 10 and not set(first_ids) & set(second_ids)
    assert "Showing 11–20" in second.message
    assert context(store, chat.session_id).offset == 10
    back = chat("previous page")
    assert [c.record_id for c in back.candidate_set.candidates] == first_ids
    chat("books published by Oxford University Press")
    assert "last of the 4 results" in chat("next").message


def test_reference_to_a_result_gives_the_full_record_with_evidence(chat, store):
    results = chat("books printed in Wellington")
    second = results.candidate_set.candidates[1]
    detail = chat("tell me about the second one")
    assert detail.metadata["intent"] == "reference"
    (candidate,) = detail.candidate_set.candidates
    assert candidate.record_id == second.record_id
    assert (
        detail.message.startswith(f"#2 {second.title.rstrip(' ./')}")
        or second.title.split(" :")[0] in detail.message
    )
    assert "Matched: imprint_place" in detail.message and "marc:260$a" in detail.message
    assert context(store, chat.session_id).focus == second.record_id
    again = chat("more about that book")
    assert again.candidate_set.candidates[0].record_id == second.record_id


@pytest.mark.parametrize(
    ("text", "number"), [("the first", 1), ("#3", 3), ("the last one", 10), ("number 12", 12)]
)
def test_references_by_ordinal_number_and_last(chat, text, number):
    chat("books printed in Wellington")
    response = chat(text)
    assert response.message.startswith(f"#{number} ")


def test_reference_beyond_the_results_asks_again(chat):
    chat("books published by Oxford University Press")
    response = chat("#9")
    assert response.clarification_needed == "There is no result 9 here: the search found 4."


def test_start_over_clears_the_plan(chat, store):
    chat("books printed in Wellington")
    response = chat("start over")
    assert response.metadata["intent"] == "reset" and context(store, chat.session_id).plan is None
    assert chat("show more").clarification_needed.startswith("There is no search to go on from yet")


def test_new_search_with_text_starts_that_search(chat, store):
    chat("books printed in Wellington")
    chat("new search: books published by Oxford University Press")
    assert filters(store, chat.session_id) == [("publisher", "Oxford University Press", False)]


@pytest.mark.parametrize("text", ["", "   ", "xyzzy plugh", "?!"])
def test_empty_or_unintelligible_request_asks_a_concrete_question(chat, store, text):
    response = chat(text)
    assert response.clarification_needed and response.candidate_set is None
    assert "?" in response.clarification_needed
    assert len(store.get_session(chat.session_id).messages) == 2


def test_clarification_keeps_the_carried_plan(chat, store):
    chat("books printed in Wellington")
    chat("xyzzy plugh")
    assert filters(store, chat.session_id) == [("imprint_place", "wellington", False)]


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


def test_unknown_session_raises_and_saves_nothing(store, nlnz_index):
    conversation = Conversation(store, nlnz_index)
    with pytest.raises(SessionNotFoundError):
        conversation.handle("no-such-session", "books printed in Wellington")
    assert store.stats()["messages"] == 0


def test_another_users_session_is_not_found(store, nlnz_index):
    session = store.create_session(user_id="alice")
    with pytest.raises(SessionNotFoundError):
        Conversation(store, nlnz_index).handle(
            session.session_id, "books printed in Wellington", user_id="bob"
        )
    assert store.get_session(session.session_id).messages == []


def test_failed_turn_leaves_the_session_exactly_as_before(chat, store, monkeypatch):
    chat("books printed in Wellington")
    before = store.get_session(chat.session_id)

    def broken(*args, **kwargs):
        raise RuntimeError("index went away")

    monkeypatch.setattr("scripts.chat.conversation.execute_plan", broken)
    with pytest.raises(RuntimeError):
        chat("only those in Maori")
    after = store.get_session(chat.session_id)
    assert after.messages == before.messages and after.context == before.context
    assert execute_module.execute_plan is not broken


def test_concurrent_turns_on_one_session_are_serialised(store, nlnz_index):
    conversation = Conversation(store, nlnz_index)
    session_id = store.create_session().session_id
    texts = ["books printed in Wellington", "show more", "only those in English", "#2"] * 5
    errors = []

    def turn(text: str) -> None:
        try:
            conversation.handle(session_id, text)
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=turn, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    messages = store.get_session(session_id).messages
    assert [m.role for m in messages] == ["user", "assistant"] * len(texts)
    assert Counter(m.content for m in messages[::2]) == Counter(texts)
    assert context(store, session_id).turn == len(texts)


def test_concurrent_turns_from_processes_are_serialised(tmp_path, nlnz_index):
    location = str(tmp_path / "sessions.db")
    with SessionStore(location) as store:
        session_id = store.create_session().session_id
    texts = ["books printed in Wellington", "show more", "only those in English"]
    spawn = multiprocessing.get_context("spawn")
    processes = [
        spawn.Process(
            target=workers.chat_turns, args=(location, str(nlnz_index), session_id, texts)
        )
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * 4
    with SessionStore(location) as store:
        messages = store.get_session(session_id).messages
        assert [m.role for m in messages] == ["user", "assistant"] * 12
        assert context(store, session_id).turn == 12


@pytest.fixture
def demo_chat(store, demo_index):
    conversation = Conversation(store, demo_index)
    session_id = store.create_session().session_id
    return lambda text: conversation.handle(session_id, text)


def test_every_suggestion_on_the_demo_catalogue_is_understood_and_narrows(demo_chat):
    for question in (
        "books printed by Aldus",
        "books printed in Venice",
        "books printed by Oxford",
    ):
        response = demo_chat(question)
        for suggestion in [s for s in response.suggested_followups if s.startswith("only those")]:
            narrowed = demo_chat(suggestion)
            assert narrowed.clarification_needed is None, suggestion
            assert 0 < narrowed.candidate_set.total_count < response.candidate_set.total_count, (
                suggestion
            )
            demo_chat(question)


def test_printer_then_what_about_keeps_the_language(demo_chat):
    demo_chat("books printed by Oxford")
    latin = demo_chat("only those in Latin")
    cambridge = demo_chat("what about Cambridge?")
    assert latin.candidate_set.total_count > 0 and cambridge.candidate_set.total_count > 0
    assert (
        "publisher contains 'Cambridge'" in cambridge.message
        and "language is Latin" in cambridge.message
    )
