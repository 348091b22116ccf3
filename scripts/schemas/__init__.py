"""Typed contracts shared by the query pipeline and the chat layer; imports nothing of ours."""

from scripts.schemas.answer import Answer, Tally
from scripts.schemas.candidate_set import Candidate, CandidateSet, Evidence, as_utc, utc_now
from scripts.schemas.query_plan import (
    AnswerKind,
    Facet,
    Filter,
    FilterField,
    FilterOp,
    QueryPlan,
    SortKey,
)

__all__ = [
    "Answer",
    "AnswerKind",
    "Candidate",
    "CandidateSet",
    "Evidence",
    "Facet",
    "Filter",
    "FilterField",
    "FilterOp",
    "QueryPlan",
    "SortKey",
    "Tally",
    "as_utc",
    "utc_now",
]
