"""The typed answer to a count or a ranking, beside the books of a ``CandidateSet``."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt

from scripts.schemas.query_plan import AnswerKind, Facet


class Tally(BaseModel):
    """One value of a ranking and how many matches have it."""

    model_config = ConfigDict(extra="forbid")

    value: str = Field(description='The value as readers know it: "Venice", "16th century".')
    count: NonNegativeInt
    refine: str = Field(
        description='A follow-up that narrows the search to this value: "only those printed in'
        ' Venice".'
    )


class Answer(BaseModel):
    """How many records match a plan and, for a ranking, its facet's values by count."""

    model_config = ConfigDict(extra="forbid")

    kind: AnswerKind
    total: NonNegativeInt = Field(description="Records matching the plan's filters.")
    facet: Facet | None = None
    rows: list[Tally] = Field(default_factory=list, description="RANKING: most first.")
    distinct: NonNegativeInt = Field(
        default=0, description="RANKING: how many different values the matches have in all."
    )
    missing: NonNegativeInt = Field(
        default=0, description="RANKING: matches that have no value for the facet."
    )
    dated_apart: NonNegativeInt = Field(
        default=0, description="Records dated only roughly into the plan's years, not counted."
    )
