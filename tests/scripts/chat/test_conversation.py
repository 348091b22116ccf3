"""Scripted conversations over the demo catalogue: follow-ups, storage, failures, concurrency.

Counts are checked against the MARCXML itself (``marc_facts``), not against the pipeline.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from collections import Counter

import pytest

from scripts.chat import SessionNotFoundError, SessionStore
from scripts.chat.conversation import BlankMessageError, Conversation
from scripts.schemas import FilterField
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.chat import marc_facts as marc
from tests.scripts.chat import workers
from tests.scripts.chat.conversations import context, filters, start_chat

VENICE = marc.printed_in("venetiis", "venice", "venetia")
BASEL = marc.printed_in("basileae", "basel")
LATIN = lambda record: "lat" in marc.languages(record)  # noqa: E731


@pytest.fixture(scope="module")
def demo_records():
    return marc.read_records(DEMO_CATALOGUE)


@pytest.fixture
def store(tmp_path):
    with SessionStore(tmp_path / "sessions.db") as opened:
        yield opened


@pytest.fixture
def chat(store, demo_index):
    return start_chat(store, demo_index)


def test_search_answers_from_the_catalogue_and_saves_the_turn(chat, store, demo_records):
    response = chat("books printed in Venice")
    expected = marc.ids(demo_records, VENICE)
    assert response.candidate_set.total_count == len(expected) > 10
    assert {c.record_id for c in response.candidate_set.candidates} <= expected
    assert response.message.startswith(
        f"Found {len(expected)} books where place of printing is Venice"
    )
    assert "Venetiis [Venice]" in response.message and "marc:26" in response.message
    user, assistant = store.get_session(chat.session_id).messages
    assert user.content == "books printed in Venice"
    assert user.query_plan.filters[0].field is FilterField.IMPRINT_PLACE
    assert (
        assistant.candidate_set.total_count == len(expected)
        and assistant.content == response.message
    )
    saved = context(store, chat.session_id)
    assert (
        saved.turn == 1
        and saved.offset == 0
        and saved.shown == [c.record_id for c in response.candidate_set.candidates]
    )


def test_refine_then_swap_the_place(chat, store, demo_records):
    chat("books printed in Venice")
    latin = chat("only those in Latin")
    assert filters(store, chat.session_id) == [
        ("imprint_place", "venice", False),
        ("language", "lat", False),
    ]
    assert latin.candidate_set.total_count == len(marc.ids(demo_records, VENICE, LATIN))
    basel = chat("what about Basel?")
    assert filters(store, chat.session_id) == [
        ("language", "lat", False),
        ("imprint_place", "basel", False),
    ]
    assert basel.candidate_set.total_count == len(marc.ids(demo_records, BASEL, LATIN))
    not_latin = chat("not in Latin")
    assert filters(store, chat.session_id) == [
        ("imprint_place", "basel", False),
        ("language", "lat", True),
    ]
    assert not_latin.candidate_set.total_count == len(
        marc.ids(demo_records, BASEL, lambda r: not LATIN(r))
    )


def test_dates_refine_and_replace(chat, store):
    chat("books printed in Venice")
    chat("before 1500")
    assert filters(store, chat.session_id)[-1] == ("year", (None, 1499), False)
    chat("in the 16th century")
    assert filters(store, chat.session_id) == [
        ("imprint_place", "venice", False),
        ("year", (1500, 1599), False),
    ]


def test_new_full_query_replaces_the_plan(chat, store):
    chat("books printed in Venice")
    chat("Hebrew books printed in Amsterdam")
    assert filters(store, chat.session_id) == [
        ("language", "heb", False),
        ("imprint_place", "amsterdam", False),
    ]


def test_fragment_after_a_search_is_a_refinement(chat, store):
    chat("books printed by Aldus")
    chat("in Greek")
    assert [f[0] for f in filters(store, chat.session_id)] == ["publisher", "language"]


def test_paging_shows_the_next_results_and_says_when_they_end(chat, store):
    first = chat("books printed in Venice")
    second = chat("show more")
    first_ids = [c.record_id for c in first.candidate_set.candidates]
    second_ids = [c.record_id for c in second.candidate_set.candidates]
    assert (
        second.metadata["intent"] == "next_page"
        and second_ids
        and not set(first_ids) & set(second_ids)
    )
    assert "Showing 11–" in second.message and context(store, chat.session_id).offset == 10
    back = chat("previous page")
    assert [c.record_id for c in back.candidate_set.candidates] == first_ids
    chat("Hebrew books printed in Amsterdam")
    assert chat("next").message.startswith("That was the last of the")


def test_reference_gives_the_full_record_with_evidence(chat, store):
    results = chat("books printed in Venice")
    second = results.candidate_set.candidates[1]
    detail = chat("tell me about the second one")
    (candidate,) = detail.candidate_set.candidates
    assert detail.metadata["intent"] == "reference" and candidate.record_id == second.record_id
    assert detail.message.startswith("#2 ")
    assert f"Matched: {second.match_rationale}" in detail.message
    assert "imprint_place" not in detail.message
    assert f"Record page: /records/{second.record_id}" in detail.message
    assert context(store, chat.session_id).focus == second.record_id
    assert chat("more about that book").candidate_set.candidates[0].record_id == second.record_id


@pytest.mark.parametrize(
    ("text", "number"), [("the first", 1), ("#3", 3), ("the last one", 10), ("number 12", 12)]
)
def test_references_by_ordinal_number_and_last(chat, text, number):
    chat("books printed in Venice")
    assert chat(text).message.startswith(f"#{number} ")


def test_ordinal_counts_on_the_page_shown(chat):
    chat("books printed in Venice")
    page_two = chat("show more")
    detail = chat("the second one")
    assert (
        detail.candidate_set.candidates[0].record_id
        == page_two.candidate_set.candidates[1].record_id
    )
    assert detail.message.startswith("#12 ")


def test_reference_beyond_the_results_asks_again(chat):
    found = chat("Hebrew books printed in Amsterdam").candidate_set.total_count
    response = chat("#99")
    assert response.clarification_needed == f"There is no result 99 here: the search found {found}."


def test_that_book_without_a_focus_asks_which(chat):
    chat("books printed in Venice")
    assert chat("tell me about it").clarification_needed.startswith("Which book do you mean?")


def test_start_over_clears_the_plan(chat, store):
    chat("books printed in Venice")
    response = chat("start over")
    assert response.metadata["intent"] == "reset" and context(store, chat.session_id).plan is None
    for follow_up in ("show more", "the first one", "any date"):
        assert chat(follow_up).clarification_needed.startswith(
            "There is no search to go on from yet"
        )


def test_new_search_with_text_starts_that_search(chat, store):
    chat("books printed in Venice")
    chat("new search: books printed in Basel")
    assert filters(store, chat.session_id) == [("imprint_place", "basel", False)]


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_a_blank_message_is_refused_and_not_stored(chat, store, text):
    with pytest.raises(BlankMessageError):
        chat(text)
    assert store.get_session(chat.session_id).messages == []


@pytest.mark.parametrize("text", ["xyzzy plugh", "?!"])
def test_empty_or_unintelligible_request_asks_a_concrete_question(chat, store, text):
    response = chat(text)
    assert response.clarification_needed and "?" in response.clarification_needed
    assert response.candidate_set is None
    assert len(store.get_session(chat.session_id).messages) == 2


def test_place_not_in_the_catalogue_asks_with_alternatives(chat):
    response = chat("books printed in Wellington")
    assert "not a place of printing in this catalogue" in response.clarification_needed


def test_clarification_keeps_the_carried_plan(chat, store):
    chat("books printed in Venice")
    chat("xyzzy plugh")
    assert filters(store, chat.session_id) == [("imprint_place", "venice", False)]


def test_zero_results_suggest_the_condition_to_relax_with_its_count(chat, demo_records):
    chat("Hebrew books printed in Amsterdam")
    response = chat("before 1600")
    early_hebrew = marc.ids(
        demo_records, lambda r: "heb" in marc.languages(r), lambda r: marc.year(r) < 1600
    )
    assert response.candidate_set.total_count == 0
    assert (
        f"Without “place of printing is Amsterdam” there are {len(early_hebrew)} books."
        in response.message
    )
    assert response.suggested_followups == ["any place", "any date"]
    assert chat("any place").candidate_set.total_count == len(early_hebrew)


def test_dropping_the_only_condition_is_refused(chat, store):
    chat("books printed in Venice")
    assert "no other condition" in chat("any place").clarification_needed
    assert "no language condition" in chat("any language").clarification_needed
    assert filters(store, chat.session_id) == [("imprint_place", "venice", False)]


def test_every_suggestion_is_understood_and_narrows(chat):
    for question in (
        "books printed by Aldus",
        "books printed in Venice",
        "books printed by Oxford",
    ):
        response = chat(question)
        assert (
            response.suggested_followups[:2] == ["show more", "tell me about the first one"]
            or response.candidate_set.total_count <= 10
        )
        for suggestion in [s for s in response.suggested_followups if s.startswith("only those")]:
            narrowed = chat(suggestion)
            assert narrowed.clarification_needed is None, suggestion
            assert 0 < narrowed.candidate_set.total_count < response.candidate_set.total_count, (
                suggestion
            )
            chat(question)


def test_printer_then_what_about_keeps_the_language(chat):
    chat("books printed by Oxford")
    assert chat("only those in Latin").candidate_set.total_count > 0
    cambridge = chat("what about Cambridge?")
    assert cambridge.candidate_set.total_count > 0
    assert (
        "printer or publisher is Cambridge University Press" in cambridge.message
        and "language is Latin" in cambridge.message
    )


def test_unknown_session_raises_and_saves_nothing(store, demo_index):
    with pytest.raises(SessionNotFoundError):
        Conversation(store, demo_index).handle("no-such-session", "books printed in Venice")
    assert store.stats()["messages"] == 0


def test_another_users_session_is_not_found(store, demo_index):
    session = store.create_session(user_id="alice")
    with pytest.raises(SessionNotFoundError):
        Conversation(store, demo_index).handle(
            session.session_id, "books printed in Venice", user_id="bob"
        )
    assert store.get_session(session.session_id).messages == []


def test_failed_turn_leaves_the_session_exactly_as_before(chat, store, monkeypatch):
    chat("books printed in Venice")
    before = store.get_session(chat.session_id)

    def broken(*args, **kwargs):
        raise RuntimeError("index went away")

    monkeypatch.setattr("scripts.chat.conversation.execute_plan", broken)
    with pytest.raises(RuntimeError):
        chat("only those in Latin")
    after = store.get_session(chat.session_id)
    assert after.messages == before.messages and after.context == before.context


def test_concurrent_turns_on_one_session_are_serialised(store, demo_index):
    conversation = Conversation(store, demo_index)
    session_id = store.create_session().session_id
    texts = ["books printed in Venice", "show more", "only those in Latin", "#2"] * 5
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


def test_concurrent_turns_from_processes_are_serialised(tmp_path, demo_index):
    location = str(tmp_path / "sessions.db")
    with SessionStore(location) as store:
        session_id = store.create_session().session_id
    texts = ["books printed in Venice", "show more", "only those in Latin"]
    spawn = multiprocessing.get_context("spawn")
    processes = [
        spawn.Process(
            target=workers.chat_turns, args=(location, str(demo_index), session_id, texts)
        )
        for _ in range(4)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=120)
    assert [p.exitcode for p in processes] == [0] * 4
    with SessionStore(location) as store:
        assert [m.role for m in store.get_session(session_id).messages] == [
            "user",
            "assistant",
        ] * 12
        assert context(store, session_id).turn == 12


def test_info_logs_never_carry_message_text(chat, caplog):
    secret = "books printed in Venice about Zanzibarian marmalade"
    colophon = logging.getLogger("colophon")
    colophon.addHandler(caplog.handler)  # entry points may have stopped propagation
    try:
        with caplog.at_level("INFO", logger="colophon"):
            chat(secret)
            chat("only those in Latin")
    finally:
        colophon.removeHandler(caplog.handler)
    assert caplog.records, "the turn logs at INFO"
    for record in caplog.records:
        logged = record.getMessage() + repr(getattr(record, "fields", {}))
        assert "Zanzibarian" not in logged and "only those" not in logged


def test_what_about_a_place_after_a_place_swaps_the_place(chat, store):
    chat("Latin books printed in Venice")
    chat("what about Paris?")
    assert filters(store, chat.session_id) == [
        ("language", "lat", False),
        ("imprint_place", "paris", False),
    ]


def test_what_about_a_topic_after_a_topic_reads_it_as_a_topic(chat, store):
    chat("books about astronomy")
    response = chat("what about Rome?")
    assert [field for field, _, _ in filters(store, chat.session_id)] == ["subject"]
    assert "subject is Rome" in response.message


def test_books_dated_only_roughly_are_counted_apart_and_taken_in_when_asked(chat, store):
    decade = chat("books from the 1540s")
    apart = decade.candidate_set.dated_apart
    assert apart > 0 and "include those dated only roughly" in decade.suggested_followups
    assert f"{apart} more" in decade.message
    widened = chat("include those dated only roughly")
    assert widened.candidate_set.total_count == decade.candidate_set.total_count + apart
    assert widened.candidate_set.dated_apart == 0
    assert "or dated roughly so" in widened.message


def test_taking_in_rough_dates_needs_a_date_condition(chat):
    chat("books printed in Venice")
    answer = chat("include those dated only roughly")
    assert answer.clarification_needed == "The search has no dates to widen."


def test_a_corrected_spelling_is_said_in_the_answer(chat):
    answer = chat("books printed in Edinbrugh")
    assert answer.candidate_set.total_count > 0
    assert "showing Edinburgh; you typed Edinbrugh" in answer.message.splitlines()[0]


def test_unread_words_that_match_nothing_ask_what_they_are(chat, store):
    chat("books printed in Venice")
    answer = chat("xyzzy plugh")
    assert answer.clarification_needed.startswith("No book here holds the words 'xyzzy plugh'.")
    assert answer.suggested_followups == [
        "by xyzzy plugh",
        "about xyzzy plugh",
        "titled xyzzy plugh",
    ]
    assert filters(store, chat.session_id) == [("imprint_place", "venice", False)]
