"""The language Colophon answers in: the reader's, turn by turn.

A question asked in Hebrew gets its answer, its questions back and its suggested follow-ups
in Hebrew; any other, in English. ``speaking`` sets the language for everything said while a
turn is answered (the conversation sets it from the reader's message, so a conversation may
switch between turns); ``say`` picks the template for it. Templates are written for each
language, never translated by machine.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

ENGLISH, HEBREW = "en", "he"
_LANGUAGE: ContextVar[str] = ContextVar("reader_language", default=ENGLISH)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Say everything in ``language`` until the block ends."""
    token = _LANGUAGE.set(language)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def in_hebrew() -> bool:
    return _LANGUAGE.get() == HEBREW


def say(english: str, hebrew: str) -> str:
    """The template for the reader's language."""
    return hebrew if in_hebrew() else english


def books(n: int) -> str:
    """ "1 book", "12 books"; "ספר אחד", "12 ספרים"."""
    if in_hebrew():
        return "ספר אחד" if n == 1 else f"{n:,} ספרים"
    return "1 book" if n == 1 else f"{n:,} books"
