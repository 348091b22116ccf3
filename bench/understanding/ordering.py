"""The order a librarian lists records in when asked to sort them, read from the MARC alone.

- ``date``: the first year of the record's date range (``oracle.date_range``), so a book
  dated "16--" sorts as 1600; undated records come last.
- ``title``: the 245 $a $b $n $p without its non-filing characters (245 second indicator:
  "Das " of "Das Narren Schyff"), folded.
- ``author``: the 1XX main entry's name ($a, $b), folded; records without one come last.

Ties go to the next keys: a date to the title, then the record id (001); a title to the
date, then the id; an author to the title, the date, then the id. Descending ("the
latest", "Z to A") reverses the first key only: ties keep their ascending order, and
records without a value still come last.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bench.understanding.oracle import Book, fold

Key = Callable[[Book], int | str | None]


def _date(book: Book) -> int | None:
    return book.years[0] if book.years else None


def _title(book: Book) -> str:
    field = book.record.get("245")
    if field is None:
        return ""
    skip = int(field.indicators[1]) if field.indicators[1].isdigit() else 0
    return fold(" ".join(field.get_subfields("a", "b", "n", "p"))[skip:])


def _author(book: Book) -> str | None:
    main = book.record.get_fields("100", "110", "111")
    return fold(" ".join(main[0].get_subfields("a", "b"))) if main else None


def _id(book: Book) -> str:
    return book.id


SORTS: dict[str, tuple[Key, ...]] = {
    "date": (_date, _title, _id),
    "title": (_title, _date, _id),
    "author": (_author, _title, _date, _id),
}
SORT_KEYS = tuple(SORTS)


def ordered(books: Iterable[Book], by: str, descending: bool = False) -> list[str]:
    """The record ids of ``books`` in the order ``by`` (``SORT_KEYS``), first to last."""
    first, *ties = SORTS[by]
    valued: list[Book] = []
    unvalued: list[Book] = []
    for book in books:
        (unvalued if first(book) is None else valued).append(book)

    def tied(book: Book) -> tuple[tuple[int, int | str], ...]:
        # An undated book breaking a title tie sorts after every dated one.
        return tuple((1, 0) if (v := k(book)) is None else (0, v) for k in ties)

    valued.sort(key=tied)
    valued.sort(key=first, reverse=descending)  # stable: equal first keys keep their ties' order
    unvalued.sort(key=tied)
    return [b.id for b in (*valued, *unvalued)]
