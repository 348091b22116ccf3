"""What a query found: candidates, each with the evidence of why it matched."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, field_validator


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """Treat a naive datetime as UTC and convert an aware one to UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class Evidence(BaseModel):
    """One fact that made a record match: the filter, the record's value and its MARC source."""

    model_config = ConfigDict(extra="forbid")

    field: str
    label: str | None = Field(
        default=None, description='The field as a reader names it: "place of printing".'
    )
    value: Any = None
    operator: str
    matched_against: str | None = None
    source: str | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)


class Candidate(BaseModel):
    """One matching record, described for display, with its evidence."""

    model_config = ConfigDict(extra="forbid")

    record_id: str
    match_rationale: str = ""
    evidence: list[Evidence] = Field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date_start: int | None = None
    date_end: int | None = None
    place_norm: str | None = None
    place_raw: str | None = None
    publisher: str | None = None
    subjects: list[str] = Field(default_factory=list)
    description: str | None = None


class CandidateSet(BaseModel):
    """One page of results for a plan, with the SQL that produced it."""

    model_config = ConfigDict(extra="forbid")

    query_text: str = ""
    plan_hash: str = ""
    sql: str = ""
    sql_parameters: dict[str, Any] = Field(default_factory=dict)
    generated_at: datetime = Field(default_factory=utc_now)
    candidates: list[Candidate] = Field(default_factory=list)
    total_count: NonNegativeInt = 0
    dated_apart: NonNegativeInt = Field(
        default=0,
        description="Records meeting every condition but whose dates only overlap the period"
        " asked for (dated '16--' for the 1650s): counted apart, not among the results.",
    )

    _utc = field_validator("generated_at")(as_utc)
