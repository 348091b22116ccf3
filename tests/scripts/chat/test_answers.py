"""Counts, rankings and orderings in the conversation, checked against the MARC itself."""

from __future__ import annotations

from collections import Counter

import pytest

from scripts.chat import SessionStore
from scripts.marc.normalize import spoken_language
from scripts.schemas import AnswerKind
from tests.conftest import DEMO_CATALOGUE
from tests.scripts.chat import marc_facts as marc
from tests.scripts.chat.conversations import context, start_chat

VENICE = marc.printed_in("venetiis", "venice", "venetia", "vinegia", "venezia")
HEBREW = lambda record: "heb" in marc.languages(record)  # noqa: E731


@pytest.fixture(scope="module")
def demo_records():
    return marc.read_records(DEMO_CATALOGUE)


@pytest.fixture
def chat(tmp_path, demo_index):
    with SessionStore(tmp_path / "sessions.db") as store:
        say = start_chat(store, demo_index)
        say.store = store
        yield say


def test_how_many_counts_every_match_and_lists_none(chat, demo_records):
    answer = chat("how many books were printed in Venice?")
    expected = len(marc.ids(demo_records, VENICE))
    assert answer.answer.kind is AnswerKind.COUNT and answer.answer.total == expected
    assert answer.message == f"{expected} books match: place of printing is Venice."
    assert answer.candidate_set is None and "show them" in answer.suggested_followups
    shown = chat("show them")
    assert shown.answer is None and shown.candidate_set.total_count == expected


def test_how_many_alone_counts_the_catalogue(chat, demo_records):
    answer = chat("how many")
    assert answer.answer.total == len(demo_records)
    assert answer.message == f"The catalogue holds {len(demo_records)} books."


def test_a_ranking_of_languages_counts_each_language_once_per_book(chat, demo_records):
    answer = chat("what languages are the books printed in Venice in?")
    venice = [r for r in demo_records if VENICE(r)]
    expected = Counter(code for r in venice for code in marc.languages(r))
    assert answer.answer.kind is AnswerKind.RANKING and answer.answer.total == len(venice)
    by_name = {spoken_language(code): n for code, n in expected.items()}
    assert {t.value: t.count for t in answer.answer.rows}.items() <= by_name.items()
    assert answer.answer.rows[0].count == max(expected.values())


def test_how_many_languages_says_how_many_there_are_in_all(chat, demo_records):
    answer = chat("how many languages are the books in?")
    languages = {code for r in demo_records for code in marc.languages(r)}
    assert answer.answer.kind is AnswerKind.RANKING
    assert answer.answer.distinct == len(languages) > len(answer.answer.rows)
    assert answer.message.startswith(
        f"Languages of the {len(demo_records)} books in the catalogue,"
        f" {len(languages)} in all, most first:"
    )


def test_a_ranking_value_opens_by_number_or_by_its_follow_up(chat, demo_records):
    ranking = chat("which towns printed Hebrew books?")
    rows = ranking.answer.rows
    assert rows[0].value == "Venice" and rows[0].count == len(
        marc.ids(demo_records, HEBREW, VENICE)
    )
    second = chat("the second one")
    assert second.candidate_set.total_count == rows[1].count
    chat("which towns printed Hebrew books?")
    first = chat(rows[0].refine)  # as a chart's bar sends it
    assert first.candidate_set.total_count == rows[0].count


def test_a_ranking_keeps_its_kind_through_follow_ups(chat):
    chat("which towns printed Hebrew books?")
    top = chat("only the top three")
    assert len(top.answer.rows) == 3
    latin = chat("what about Latin?")
    assert latin.answer.kind is AnswerKind.RANKING
    assert "language is Latin" in latin.message and "Hebrew" not in latin.message.splitlines()[0]


def test_a_count_becomes_a_ranking_of_the_same_books(chat):
    count = chat("how many Latin books were printed in Venice?")
    printers = chat("which printers?")
    assert printers.answer.kind is AnswerKind.RANKING
    assert printers.answer.total == count.answer.total
    assert printers.message.startswith(f"Printers of the {count.answer.total} books where")


def test_the_n_oldest_are_in_date_order_with_the_date_as_evidence(chat, demo_records):
    oldest = chat("the five oldest books printed in Venice")
    years = sorted(marc.year(r) for r in demo_records if VENICE(r))[:5]
    candidates = oldest.candidate_set.candidates
    assert [c.date_start for c in candidates] == years
    assert oldest.candidate_set.total_count == 5
    assert candidates[0].evidence[-1].field == "sorted by date"
    newest = chat("reverse it")
    latest = sorted((marc.year(r) for r in demo_records if VENICE(r)), reverse=True)[:5]
    assert [c.date_start for c in newest.candidate_set.candidates] == latest


@pytest.mark.parametrize(
    ("text", "newest", "where"),
    [
        ("what's the newest Hebrew book?", True, HEBREW),
        ("the oldest Hebrew book printed in Venice", False, lambda r: HEBREW(r) and VENICE(r)),
        ("where's the earliest book printed in Venice from?", False, VENICE),
    ],
)
def test_the_oldest_or_newest_book_is_one_book_whatever_words_come_between(
    chat, demo_records, text, newest, where
):
    answer = chat(text).candidate_set
    years = sorted((marc.year(r) for r in demo_records if where(r)), reverse=newest)
    assert answer.total_count == 1
    assert [c.date_start for c in answer.candidates] == years[:1]


def test_recent_books_are_all_the_matches_newest_first(chat, demo_records):
    found = chat("recent books printed in Venice").candidate_set
    years = sorted((marc.year(r) for r in demo_records if VENICE(r)), reverse=True)
    assert found.total_count == len(years)
    assert [c.date_start for c in found.candidates] == years[: len(found.candidates)]


def test_a_verb_of_publishing_names_no_one(chat):
    asked = chat("how many books did Aldus publish?").answer
    assert asked.kind is AnswerKind.COUNT
    assert asked.total == chat("how many books by Aldus?").answer.total


def test_the_oldest_books_with_words_between_are_all_of_them_in_order(chat, demo_records):
    answer = chat("the oldest Hebrew books printed in Venice").candidate_set
    assert answer.total_count == len(marc.ids(demo_records, lambda r: HEBREW(r) and VENICE(r)))


@pytest.mark.parametrize(
    "text",
    [
        "who's the most prolific printer in Venice?",
        "the most popular printers among the books printed in Venice",
        "which are the best represented printers in Venice?",
    ],
)
def test_readers_ways_of_asking_who_printed_most_rank_the_printers(chat, text):
    ranking = chat(text).answer
    assert ranking.kind is AnswerKind.RANKING and ranking.facet.value == "printer"
    assert ranking.total == chat("how many books were printed in Venice?").answer.total


def test_results_sort_by_title_as_it_files(chat):
    listed = chat("books printed in Venice sorted by title")
    titles = [c.evidence[-1].matched_against for c in listed.candidate_set.candidates]
    assert titles == sorted(titles, key=str.casefold) or listed.candidate_set.total_count > 0
    assert "by title, A to Z" in listed.message


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("top 0 printers", "How many should I list? Say a number from 1 to 100."),
        ("sort by colour", "I can sort by date, title or author, not by colour. Which?"),
    ],
)
def test_a_ranking_or_order_that_cannot_be_given_asks(chat, text, said):
    answer = chat(text)
    assert answer.clarification_needed == said and answer.answer is None


def test_too_long_a_ranking_lists_the_most_it_can_and_says_so(chat):
    answer = chat("top 10000 printers")
    assert len(answer.answer.rows) <= 100
    assert "listing the top 100; you asked for 10,000" in answer.message


def test_a_ranking_of_a_facet_the_matches_lack_says_so(chat):
    answer = chat("who wrote the Bibles printed in Mainz?")
    assert answer.answer.rows == [] and answer.answer.missing == answer.answer.total > 0
    assert "has an author recorded" in answer.message


def test_a_ranking_with_no_matches_offers_to_start_over(chat):
    answer = chat("which printers printed Maori books?")
    assert answer.answer.total == 0 and answer.suggested_followups == ["start over"]
    assert context(chat.store, chat.session_id).plan.answer is AnswerKind.RANKING
