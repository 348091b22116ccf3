"""What a reader asked for, as a list of filters over catalogue fields.

A `QueryPlan` is the contract between the compiler (natural language in) and the executor
(SQL out). Each `Filter` is validated on construction, so a contradictory filter never
reaches the database.
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


def _is_blank(value: Scalar) -> bool:
    return isinstance(value, str) and not value.strip()


class QueryPlan(BaseModel):
    """The filters to apply (AND), what the compiler assumed in reading the question
    (``notes``, for the answer to say), and what it could not understand."""

    model_config = ConfigDict(extra="forbid")

    filters: list[Filter] = Field(default_factory=list)
    query_text: str = ""
    notes: list[str] = Field(default_factory=list)
    unparsed: list[str] = Field(default_factory=list)
    clarification: str | None = None

    @property
    def is_actionable(self) -> bool:
        """True when the plan has filters and nothing asks the reader to clarify."""
        return bool(self.filters) and self.clarification is None

    def plan_hash(self) -> str:
        """SHA-256 of the filters in canonical JSON: equal plans hash equal."""
        matching = {"field", "op", "value", "start", "end", "negate", "roughly"}
        canonical = self.model_dump_json(
            include={"filters": {"__all__": matching}}, exclude_defaults=True
        )
        return hashlib.sha256(canonical.encode()).hexdigest()
