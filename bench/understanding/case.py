"""What a benchmark case is: a reader's words and what a right answer is.

An ``Expectation`` is a predicate over ``Book``: the records it holds are the answer a
librarian would give (all of them, not a page); ``printed_in``, ``by`` and ``about`` build
the common ones. A question that asks something of those records expects instead:

- ``Count``: how many records the predicate holds;
- ``Ranking``: the values of one facet among them with their counts, most first, as
  ``facets`` groups them (the first ``top``, else ``DEFAULT_TOP``);
- ``Ordering``: their record ids in an order of ``ordering`` (the first ``first``, else
  ``DEFAULT_FIRST``, after ``skip`` of them, as "show more" asks for the next page).

``OneOf`` is the answer to "tell me about the third one": a single record, one of those its
predicate holds. ``run.judge`` is the one place that compares an answer with an expectation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.understanding.facets import FACETS
from bench.understanding.oracle import Book
from bench.understanding.ordering import SORT_KEYS

Expectation = Callable[[Book], bool]
DEFAULT_TOP = 5  # values of a ranking judged when the reader names no number
DEFAULT_FIRST = 10  # records of an ordering judged when the reader names no number


def printed_in(*forms: str) -> Expectation:
    """Printed at a town, given every form its imprints use."""
    return lambda b: b.place_any(*forms)


def by(*names: str, imprint: tuple[str, ...] = ()) -> Expectation:
    """A named person or body of the record, or (for a printer or publisher) its imprint."""
    return lambda b: b.name_any(*names) or bool(imprint) and b.publisher_any(*imprint)


def about(*terms: str) -> Expectation:
    """A subject heading or a genre (655, or the kind of material) holds one of the terms."""
    return lambda b: b.subject_any(*terms) or b.genre_any(*terms)


def nothing(_: Book) -> bool:
    """The right answer lists no records."""
    return False


def everything(_: Book) -> bool:
    """Every record of the catalogue: "the oldest book", "top 5 printers"."""
    return True


@dataclass(frozen=True)
class Count:
    """The answer is how many records ``where`` holds."""

    where: Expectation


@dataclass(frozen=True)
class Ranking:
    """The answer ranks the values of ``facet`` (``facets.FACETS``) among ``where``'s records."""

    facet: str
    where: Expectation = everything
    top: int | None = None

    def __post_init__(self) -> None:
        if self.facet not in FACETS:
            raise ValueError(f"no facet {self.facet!r}: one of {', '.join(FACETS)}")

    @property
    def size(self) -> int:
        return self.top or DEFAULT_TOP


@dataclass(frozen=True)
class Ordering:
    """The answer lists ``where``'s records in the order ``by`` (``ordering.SORT_KEYS``)."""

    by: str
    where: Expectation = everything
    descending: bool = False
    first: int | None = None
    skip: int = 0

    def __post_init__(self) -> None:
        if self.by not in SORT_KEYS:
            raise ValueError(f"no order {self.by!r}: one of {', '.join(SORT_KEYS)}")

    @property
    def size(self) -> int:
        return self.first or DEFAULT_FIRST


Expect = Expectation | Count | Ranking | Ordering


@dataclass(frozen=True)
class OneOf:
    """A single record answers, one of those ``among`` holds: a reference to one result."""

    among: Expectation

    def __call__(self, book: Book) -> bool:
        return self.among(book)


CATEGORIES = (
    "canonical",
    "paraphrase",
    "typo",
    "bare_name",
    "bare_topic",
    "synonym",
    "question_frame",
    "name_variant",
    "date_shorthand",
    "dialog",
    "count",
    "ranking",
    "ordering",
    "hebrew",
)


@dataclass(frozen=True)
class Case:
    """One question on its own, in a new conversation."""

    text: str
    category: str
    expect: Expect


@dataclass(frozen=True)
class Turn:
    """One turn of a dialog and what it should answer given the turns before it."""

    text: str
    expect: Expect


@dataclass(frozen=True)
class Dialog:
    """Follow-ups in one conversation; it passes when every turn does."""

    category: str
    turns: tuple[Turn, ...]

    @property
    def text(self) -> str:
        return " -> ".join(turn.text for turn in self.turns)
