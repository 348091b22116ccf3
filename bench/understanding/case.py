"""What a benchmark case is: a reader's words and what a right answer lists.

``expect`` is a predicate over ``Book``: the records it holds are the answer a librarian
would give (all of them, not a page); ``printed_in``, ``by`` and ``about`` build the common
ones. ``OneOf`` is the answer to "tell me about the third one": a single record, one of
those its predicate holds. Other kinds of expectation (a count, a ranking of values) will
join them; ``run.judge`` is the one place that compares an answer with one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bench.understanding.oracle import Book

Expectation = Callable[[Book], bool]


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
    "hebrew",
)


@dataclass(frozen=True)
class Case:
    """One question on its own, in a new conversation."""

    text: str
    category: str
    expect: Expectation


@dataclass(frozen=True)
class Turn:
    """One turn of a dialog and what it should answer given the turns before it."""

    text: str
    expect: Expectation


@dataclass(frozen=True)
class Dialog:
    """Follow-ups in one conversation; it passes when every turn does."""

    category: str
    turns: tuple[Turn, ...]

    @property
    def text(self) -> str:
        return " -> ".join(turn.text for turn in self.turns)
