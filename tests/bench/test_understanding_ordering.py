"""The understanding oracle's orders: by date, title or author, with documented ties."""

from __future__ import annotations

import pytest
from pymarc import Field, Record

from app.settings import DEMO_CATALOGUE
from bench.understanding.oracle import book, read_books
from bench.understanding.ordering import SORT_KEYS, ordered
from scripts.schemas import SortKey
from tests.scripts.marc.marc_files import datafield, f008


def record(record_id: str, title: str, date1: str = "1550", *, skip: int = 0, author: str = ""):
    """A book with a title (``skip`` non-filing characters), a year and maybe a main entry."""
    marc = Record(force_utf8=True)
    marc.add_field(Field(tag="001", data=record_id), Field(tag="008", data=f008(date1=date1)))
    if author:
        marc.add_field(datafield("100", "a", author, indicators="1 "))
    marc.add_field(datafield("245", "a", title, indicators=f"1{skip}"))
    return book(marc)


def test_sort_keys_are_the_plans_sort_keys():
    assert set(SORT_KEYS) == {k.value for k in SortKey}


def test_oldest_book_of_the_demo_catalogue_is_the_gutenberg_bible():
    assert ordered(read_books(DEMO_CATALOGUE), "date")[0] == "cph000001"


def test_date_ties_go_to_the_title_then_the_id_and_undated_books_come_last():
    books = [
        record("d", "Undated.", "uuuu"),
        record("c", "Zodiacus vitae.", "1550"),
        record("b", "Arithmetica.", "1550"),
        record("a", "Arithmetica.", "1550"),
        record("e", "Sphaera.", "1540"),
    ]
    assert ordered(books, "date") == ["e", "a", "b", "c", "d"]
    # Latest first reverses the years only: ties stay A-Z, the undated book stays last.
    assert ordered(books, "date", descending=True) == ["a", "b", "c", "e", "d"]


def test_a_range_sorts_by_its_first_year():
    books = [record("x", "Opera.", "1650"), record("y", "Opera.", "16uu")]  # "16uu" is 1600-1699
    assert ordered(books, "date") == ["y", "x"]


def test_title_order_skips_the_non_filing_characters():
    books = [
        record("1", "Das Narren Schyff.", skip=4),
        record("2", "Die Cronica van der hilliger Stat van Coellen.", skip=4),
        record("3", "Moriae encomium."),
    ]
    assert ordered(books, "title") == ["2", "3", "1"]
    assert ordered(books, "title", descending=True) == ["1", "3", "2"]


def test_title_ties_go_to_the_date():
    books = [record("late", "Opera.", "1600"), record("early", "Opera.", "1500")]
    assert ordered(books, "title") == ["early", "late"]


@pytest.mark.parametrize("descending", [False, True])
def test_books_without_a_main_entry_come_last_by_author(descending):
    books = [
        record("anon", "Biblia.", "1462"),
        record("k", "Astronomia nova.", "1609", author="Kepler, Johannes,"),
        record("g", "Sidereus nuncius.", "1610", author="Galilei, Galileo,"),
    ]
    expected = ["k", "g", "anon"] if descending else ["g", "k", "anon"]
    assert ordered(books, "author", descending=descending) == expected
