"""What a reader asked for: filters over catalogue fields, and the kind of answer wanted.

A `QueryPlan` is the contract between the compiler (natural language in) and the executor
(SQL out). Each `Filter` is validated on construction, so a contradictory filter never
reaches the database. `answer` says what is asked of the matches: the books themselves
(a list, optionally in an order and cut to the first N), how many there are, or a ranking of
one facet's values by how many matches have each. A stored plan without it is a list.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator


class FilterField(StrEnum):
    """Catalogue fields a filter can test."""

    PUBLISHER = "publisher"
    IMPRINT_PLACE = "imprint_place"
    COUNTRY = "country"
    YEAR = "year"
    LANGUAGE = "language"
    TITLE = "title"
    SUBJECT = "subject"
    PHYSICAL_DESC = "physical_desc"
    AGENT = "agent"
    AGENT_NORM = "agent_norm"
    AGENT_ROLE = "agent_role"
    AGENT_TYPE = "agent_type"
    GENRE = "genre"
    TOPIC = "topic"
    NOTE = "note"
    KEYWORD = "keyword"
    CITATION = "citation"
    PROVENANCE = "provenance"
    BINDING = "binding"
    SHELFMARK = "shelfmark"


class FilterOp(StrEnum):
    """How a filter compares: exact (normalised) value, substring/full-text, numeric range, set."""

    EQUALS = "EQUALS"
    CONTAINS = "CONTAINS"
    RANGE = "RANGE"
    IN = "IN"


Scalar = str | int


class Filter(BaseModel):
    """One condition; `negate` turns it into "not ..."."""

    model_config = ConfigDict(extra="forbid")

    field: FilterField
    op: FilterOp
    value: Scalar | list[Scalar] | None = None
    start: int | None = None
    end: int | None = None
    negate: bool = False
    roughly: bool = Field(
        default=False,
        description="A date condition also met by records dated only to a wider span that "
        'overlaps it ("16--" for the 1650s); by default their whole range must lie in it.',
    )
    shown: str | None = Field(
        default=None,
        max_length=200,
        description='The value as answers name it to the reader ("Cambridge University '
        'Press" for the name key it was read as); not part of what the filter matches.',
    )

    @model_validator(mode="after")
    def _check_consistent(self) -> Self:
        name = f"{self.field.value} {self.op.value}"
        if self.roughly and self.field is not FilterField.YEAR:
            raise ValueError(f"{name}: only a date condition can take roughly dated records")
        if self.op is FilterOp.RANGE:
            if self.value is not None:
                raise ValueError(f"{name}: a RANGE filter takes start/end, not value")
            if self.start is None and self.end is None:
                raise ValueError(f"{name}: a RANGE filter needs start, end or both")
            if self.start is not None and self.end is not None and self.start > self.end:
                raise ValueError(f"{name}: start {self.start} is after end {self.end}")
            return self
        if self.start is not None or self.end is not None:
            raise ValueError(f"{name}: start/end are only for RANGE filters")
        if self.op is FilterOp.IN:
            if not isinstance(self.value, list) or not self.value:
                raise ValueError(f"{name}: an IN filter needs a non-empty list of values")
            if any(_is_blank(v) for v in self.value):
                raise ValueError(f"{name}: IN values must not be empty")
            return self
        if isinstance(self.value, list):
            raise ValueError(f"{name}: a list of values needs op IN")
        if self.value is None or _is_blank(self.value):
            raise ValueError(f"{name}: value must not be empty")
        return self

    @property
    def values(self) -> list[Scalar]:
        """The filter's value as a list: its IN list, its one value, or none (RANGE)."""
        if self.value is None:
            return []
        return self.value if isinstance(self.value, list) else [self.value]

    def describe(self) -> str:
        """A short human phrase such as "language EQUALS lat" or "year 1500-1599"."""
        if self.op is FilterOp.RANGE:
            bounds = f"{self.start if self.start is not None else '…'}-{self.end if self.end is not None else '…'}"
            text = f"{self.field.value} {bounds}"
        elif self.op is FilterOp.IN:
            text = f"{self.field.value} in {', '.join(map(str, self.value))}"
        else:
            text = f"{self.field.value} {self.op.value.lower()} {self.value}"
        return f"not {text}" if self.negate else text


_ANSWER_KEYS = ("answer", "facet", "top", "sort", "descending")


def _is_blank(value: Scalar) -> bool:
    return isinstance(value, str) and not value.strip()


class AnswerKind(StrEnum):
    """What is asked of the matching records."""

    LIST = "list"  # the books: "Latin books printed in Venice"
    COUNT = "count"  # how many: "how many Latin books ..."
    RANKING = "ranking"  # a facet's values by their counts: "which towns printed Hebrew books?"


class Facet(StrEnum):
    """What a ranking groups the matches by."""

    PRINTER = "printer"  # printers and publishers, variant forms under one name
    PLACE = "place"
    LANGUAGE = "language"
    CENTURY = "century"
    DECADE = "decade"
    SUBJECT = "subject"
    AUTHOR = "author"
    GENRE = "genre"


class SortKey(StrEnum):
    """What a list can be ordered by."""

    DATE = "date"
    TITLE = "title"
    AUTHOR = "author"


MAX_TOP = 100  # the most values a ranking lists, or books an "the N oldest" asks for


class QueryPlan(BaseModel):
    """The filters to apply (AND), what the compiler assumed in reading the question
    (``notes``, for the answer to say), and what it could not understand."""

    model_config = ConfigDict(extra="forbid")

    filters: list[Filter] = Field(default_factory=list)
    query_text: str = ""
    notes: list[str] = Field(default_factory=list)
    unparsed: list[str] = Field(default_factory=list)
    clarification: str | None = None
    answer: AnswerKind = AnswerKind.LIST
    facet: Facet | None = Field(default=None, description="RANKING: what to group by.")
    top: int | None = Field(
        default=None,
        ge=1,
        le=MAX_TOP,
        description="RANKING: how many values to list; LIST: how many books (the five oldest).",
    )
    sort: SortKey | None = Field(default=None, description="LIST: the order, by default date.")
    descending: bool = Field(default=False, description="LIST: latest, Z-A first.")

    @model_validator(mode="after")
    def _check_answer(self) -> Self:
        if (self.answer is AnswerKind.RANKING) != (self.facet is not None):
            raise ValueError("a ranking needs a facet, and only a ranking takes one")
        if self.answer is not AnswerKind.LIST and (self.sort is not None or self.descending):
            raise ValueError("only a list of books is sorted")
        if self.answer is AnswerKind.COUNT and self.top is not None:
            raise ValueError("a count takes no top-N")
        return self

    @property
    def is_actionable(self) -> bool:
        """True when nothing asks the reader to clarify and the plan has filters, or asks of
        the whole catalogue what needs none ("the oldest book", "which languages?")."""
        if self.clarification is not None:
            return False
        return bool(self.filters) or self.answer is not AnswerKind.LIST or self.sort is not None

    def plan_hash(self) -> str:
        """SHA-256 of the filters in canonical JSON: equal plans hash equal."""
        matching = {"field", "op", "value", "start", "end", "negate", "roughly"}
        canonical = self.model_dump_json(
            include={"filters": {"__all__": matching}, **dict.fromkeys(_ANSWER_KEYS, True)},
            exclude_defaults=True,
        )
        return hashlib.sha256(canonical.encode()).hexdigest()
