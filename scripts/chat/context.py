"""The conversation's memory between turns, kept in the session's ``context``.

Keys (all written together, once per turn):

- ``plan``: the effective ``QueryPlan`` after follow-ups were applied, or absent;
- ``offset`` / ``page_size`` / ``total``: the page last shown and the plan's result count;
- ``shown``: record ids of that page, in display order (result ``offset + 1`` first);
- ``focus``: the record last discussed, for "that book";
- ``turn``: turns completed, which also orders concurrent turns (see ``conversation``).

Follow-ups change the plan by ``refine``: a new filter replaces the filters on its field
(so "before 1700" swaps the dates and "only those in Latin" the language), except that a
negation and a condition on different values stand together ("in Latin", "not in Greek").
"What about X?" swaps X into the condition of the same kind, or else into the latest name.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from scripts.query.fields import FIELDS
from scripts.schemas import Filter, FilterOp, QueryPlan


class ConversationContext(BaseModel):
    """Typed view of the session context keys the conversation owns."""

    plan: QueryPlan | None = None
    offset: int = 0
    page_size: int = 10
    total: int = 0
    shown: list[str] = Field(default_factory=list)
    focus: str | None = None
    turn: int = 0

    @classmethod
    def of(cls, context: dict[str, Any]) -> ConversationContext:
        return cls.model_validate({key: context[key] for key in cls.model_fields if key in context})

    def updates(self) -> dict[str, Any]:
        """The keys to merge into the session context."""
        return self.model_dump(mode="json")

    def position_of(self, record_id: str) -> int | None:
        """The 1-based result number of a shown record."""
        return self.offset + self.shown.index(record_id) + 1 if record_id in self.shown else None


def _values(flt: Filter) -> set[str]:
    values = flt.value if isinstance(flt.value, list) else [flt.value]
    return {str(v).casefold() for v in values}


def _replaced_by(old: Filter, new: Filter) -> bool:
    if old.field is not new.field:
        return False
    if old.negate == new.negate:
        return True
    return bool(_values(old) & _values(new))


def refine(plan: QueryPlan, additions: list[Filter], query_text: str) -> QueryPlan:
    """``plan`` with ``additions`` applied: each replaces the filters on its field."""
    kept = [old for old in plan.filters if not any(_replaced_by(old, new) for new in additions)]
    return QueryPlan(filters=[*kept, *additions], query_text=query_text)


def swap_name(plan: QueryPlan, name: str, query_text: str) -> QueryPlan | None:
    """``plan`` with its latest name or topic filter now asking for ``name``, if it has one.

    "books printed by Oxford", then "what about Cambridge?": Cambridge takes Oxford's place
    as the printer, rather than adding a place of printing that no Oxford book has.
    """
    for index in range(len(plan.filters) - 1, -1, -1):
        old = plan.filters[index]
        if FIELDS[old.field].free_text and old.op is FilterOp.CONTAINS:
            swapped = old.model_copy(update={"value": name})
            filters = [*plan.filters[:index], *plan.filters[index + 1 :], swapped]
            return QueryPlan(filters=filters, query_text=query_text)
    return None
