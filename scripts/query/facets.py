"""Counts and rankings over everything a plan matches, not just the page shown.

``answer`` gives a plan's count ("how many Latin books before 1550?") or its ranking;
``rank`` answers "which towns printed Hebrew books?": one facet's values among the matches,
most first, each with its count, the filter that narrows the search to it and a follow-up
that says so ("only those printed in Venice"). The values, grouped as readers group them, are
``facet_columns``': the plan's matches are found in the index and their values counted there,
so a ranking costs little more than finding its matches. Records dated across two centuries
(decades) count towards neither but apart (``dated_apart``), as for date filters. The same
rankings give the chat its suggestions.
"""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scripts.marc.normalize import hebrew_language_name, spoken_language
from scripts.query import facet_columns
from scripts.query.connection import IndexQueryError, read_only
from scripts.query.execute import count_matches, matching_rowids
from scripts.query.speech import in_hebrew, say
from scripts.query.vocabulary import Vocabulary, load_vocabulary
from scripts.schemas import Answer, AnswerKind, Facet, Filter, FilterField, FilterOp, Tally
from scripts.schemas.query_plan import QueryPlan

DEFAULT_TOP = 10


@dataclass(frozen=True)
class Ranked:
    """One value of a ranking: the tally shown and the filter that narrows to it."""

    tally: Tally
    filter: Filter


@dataclass(frozen=True)
class Ranking:
    """A facet's values among a plan's matches, most first."""

    total: int
    values: list[Ranked]  # the first ``top``
    distinct: int  # how many values in all
    missing: int  # matches with no value for the facet
    dated_apart: int = 0  # CENTURY/DECADE: matches whose dates span several

    def answer(self, facet: Facet) -> Answer:
        return Answer(
            kind=AnswerKind.RANKING,
            total=self.total,
            facet=facet,
            rows=[r.tally for r in self.values],
            distinct=self.distinct,
            missing=self.missing,
            dated_apart=self.dated_apart,
        )


def rank(filters: list[Filter], db_path: Path, facet: Facet, top: int = DEFAULT_TOP) -> Ranking:
    """The ``top`` most common values of ``facet`` among the records matching ``filters``."""
    return rank_each(filters, db_path, [facet], top)[0]


def rank_each(
    filters: list[Filter], db_path: Path, wanted: list[Facet], top: int = DEFAULT_TOP
) -> list[Ranking]:
    """Each facet's ranking among the records matching ``filters``, which are found once."""
    columns = [facet_columns.column(db_path, facet) for facet in wanted]
    vocabulary = load_vocabulary(db_path)
    if filters:
        try:
            with read_only(db_path) as conn:
                rowids = matching_rowids(conn, filters, vocabulary)
        except sqlite3.DatabaseError as exc:
            raise IndexQueryError(f"cannot rank the index {db_path}: {exc}") from exc
        counted = [column.count(rowids) for column in columns]
    else:
        counted = [column.everything for column in columns]
    return [
        _ranking(facet, column, found, top, vocabulary)
        for facet, column, found in zip(wanted, columns, counted, strict=True)
    ]


def _ranking(
    facet: Facet,
    column: facet_columns.Column,
    found: facet_columns.Counted,
    top: int,
    vocabulary: Vocabulary,
) -> Ranking:
    most = heapq.nsmallest(top, found.counts.items(), key=lambda pair: (-pair[1], pair[0]))
    values = [_ranked(facet, key, column.shown.get(key), n, vocabulary) for key, n in most]
    return Ranking(found.total, values, len(found.counts), found.missing, found.apart)


def _ranked(facet: Facet, key: Any, shown: Any, n: int, vocabulary: Vocabulary) -> Ranked:
    display, phrase, flt = _READINGS[facet](key, shown, vocabulary)
    return Ranked(
        Tally(value=display, count=n, refine=phrase), flt.model_copy(update={"shown": display})
    )


def ordinal(n: int) -> str:
    """ "16th", "21st", "22nd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _eq(field: FilterField, value: Any) -> Filter:
    return Filter(field=field, op=FilterOp.EQUALS, value=value)


def _years(start: int, end: int) -> Filter:
    return Filter(field=FilterField.YEAR, op=FilterOp.RANGE, start=start, end=end)


def _place(key: str, _: Any, vocabulary: Vocabulary) -> tuple[str, str, Filter]:
    shown = vocabulary.display("place", key) or key.title()
    refine = say(f"only those printed in {shown}", f"רק אלה שנדפסו ב-{shown}")
    return shown, refine, _eq(FilterField.IMPRINT_PLACE, key)


def _language(key: str, _: Any, __: Vocabulary) -> tuple[str, str, Filter]:
    if in_hebrew() and (name := hebrew_language_name(key)):
        return name, f"רק אלה ב{name}", _eq(FilterField.LANGUAGE, key)
    shown = spoken_language(key)
    return shown, f"only those in {shown}", _eq(FilterField.LANGUAGE, key)


def _century(key: int, _: Any, __: Vocabulary) -> tuple[str, str, Filter]:
    shown = say(f"{ordinal(key + 1)} century", f"המאה ה-{key + 1}")
    refine = say(f"only those from the {shown}", f"רק אלה מ{shown}")
    return shown, refine, _years(key * 100, key * 100 + 99)


def _decade(key: int, _: Any, __: Vocabulary) -> tuple[str, str, Filter]:
    shown = say(f"{key * 10}s", f"שנות ה-{key * 10}")
    refine = say(f"only those from the {shown}", f"רק אלה מ{shown}")
    return shown, refine, _years(key * 10, key * 10 + 9)


def _name(
    field: FilterField, cue: str
) -> Callable[[str, Any, Vocabulary], tuple[str, str, Filter]]:
    def read(key: str, shown: Any, vocabulary: Vocabulary) -> tuple[str, str, Filter]:
        display = (
            vocabulary.display("name", key)
            or vocabulary.display("publisher", key)
            or shown
            or key.title()
        )
        refine = say(f"only those {cue} {key.title()}", f"רק אלה של {key.title()}")
        return display, refine, _eq(field, key)

    return read


def _subject(key: str, shown: Any, _: Vocabulary) -> tuple[str, str, Filter]:
    display = shown or key
    flt = Filter(field=FilterField.SUBJECT, op=FilterOp.CONTAINS, value=f'"{key}"')
    return display, say(f"only those about {display}", f"רק אלה בנושא {display}"), flt


def _genre(key: str, shown: Any, _: Vocabulary) -> tuple[str, str, Filter]:
    display = shown or key
    kind = say(f"only those of the kind {display}", f"רק אלה מהסוג {display}")
    return display, kind, _eq(FilterField.GENRE, key)


_READINGS = {
    Facet.PLACE: _place,
    Facet.LANGUAGE: _language,
    Facet.CENTURY: _century,
    Facet.DECADE: _decade,
    Facet.PRINTER: _name(FilterField.PUBLISHER, "printed by"),
    Facet.AUTHOR: _name(FilterField.AGENT, "by"),
    Facet.SUBJECT: _subject,
    Facet.GENRE: _genre,
}


def answer(plan: QueryPlan, db_path: Path) -> tuple[Answer, list[Ranked]]:
    """The count or ranking ``plan`` asks for, and a ranking's values with their filters."""
    if plan.answer is AnswerKind.COUNT:
        total, apart = count_matches(plan.filters, db_path)
        return Answer(kind=AnswerKind.COUNT, total=total, dated_apart=apart), []
    ranking = rank(plan.filters, db_path, plan.facet, plan.top or DEFAULT_TOP)
    return ranking.answer(plan.facet), ranking.values
