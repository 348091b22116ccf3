"""Typed contracts shared by the query pipeline and the chat layer; imports nothing of ours."""

from scripts.schemas.candidate_set import Candidate, CandidateSet, Evidence, as_utc, utc_now
from scripts.schemas.query_plan import Filter, FilterField, FilterOp, QueryPlan

__all__ = [
    "Candidate",
    "CandidateSet",
    "Evidence",
    "Filter",
    "FilterField",
    "FilterOp",
    "QueryPlan",
    "as_utc",
    "utc_now",
]
