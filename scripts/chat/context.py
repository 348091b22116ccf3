"""The conversation's memory between turns, kept in the session's ``context``.

Keys (all written together, once per turn):

- ``plan``: the effective ``QueryPlan`` after follow-ups were applied, or absent;
- ``offset`` / ``page_size`` / ``total``: the page last shown and the plan's result count;
- ``shown``: record ids of that page, in display order (result ``offset + 1`` first);
- ``focus``: the record last discussed, for "that book";
- ``ranked``: the values of the ranking last shown, each with the filter that narrows to it,
  for "the second one" and for a value's follow-up sent back as it was offered;
- ``turn``: turns completed, which also orders concurrent turns (see ``conversation``).

Follow-ups change the plan by ``refine``: a new filter replaces the filters on its field
(so "before 1700" swaps the dates and "only those in Latin" the language), except that a
negation and a condition on different values stand together ("in Latin", "not in Greek").
A value of a ranking ("the second one", or its follow-up sent back) ``narrow``s instead: its
filter joins all the others, since the ranking counted it among the search's matches ("which
languages are the Latin books in?", then Greek: the Latin books also in Greek, as many as the
ranking said). A refinement keeps the answer asked for (a count stays a count, a ranking a
ranking: "what about Basel?"), unless it asks another ("which printers?", "sort by title",
"only the top three": ``answer_of``).
"What about X?" puts X in place of the condition of the same kind (``by_family``): read as
that condition's value where the index allows ("books printed by Oxford", "what about
Cambridge?": the press, not the town), else into the latest name as typed (``swap_name``).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from scripts.query.fields import FIELDS
from scripts.schemas import AnswerKind, Filter, FilterOp, QueryPlan


class RankedValue(BaseModel):
    """A value of a ranking shown: the follow-up offered for it and the filter it means."""

    refine: str
    filter: Filter


class ConversationContext(BaseModel):
    """Typed view of the session context keys the conversation owns."""

    plan: QueryPlan | None = None
    offset: int = 0
    page_size: int = 10
    total: int = 0
    shown: list[str] = Field(default_factory=list)
    focus: str | None = None
    ranked: list[RankedValue] = Field(default_factory=list)
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
    return {str(v).casefold() for v in flt.values}


def _replaced_by(old: Filter, new: Filter) -> bool:
    if old.field is not new.field:
        return False
    if old.negate == new.negate:
        return True
    return bool(_values(old) & _values(new))


def refine(
    plan: QueryPlan, additions: list[Filter], query_text: str, *, by_family: bool = False
) -> QueryPlan:
    """``plan`` with ``additions`` applied: each replaces the filters on its field, or with
    ``by_family`` every filter of its family (a printer replaces an author)."""
    if by_family:
        families = {FIELDS[new.field].family for new in additions}
        kept = [old for old in plan.filters if FIELDS[old.field].family not in families]
    else:
        kept = [old for old in plan.filters if not any(_replaced_by(old, new) for new in additions)]
    return QueryPlan(filters=[*kept, *additions], query_text=query_text)


def narrow(plan: QueryPlan, value: Filter, query_text: str) -> QueryPlan:
    """``plan``'s matches that have a ranked ``value``: its filter added to all of ``plan``'s."""
    unshown = value.model_copy(update={"shown": None})
    held = any(old.model_copy(update={"shown": None}) == unshown for old in plan.filters)
    return QueryPlan(
        filters=plan.filters if held else [*plan.filters, value], query_text=query_text
    )


_ANSWER_KEYS = ("answer", "facet", "top", "sort", "descending")


def answer_of(carried: QueryPlan, fragment: QueryPlan) -> dict[str, Any]:
    """The answer a refinement asks for: the fragment's own when it asks one ("which
    printers?", "sort by title"), else the carried one, with the fragment's top-N if it gives
    one ("only the top three")."""
    if fragment.answer is not AnswerKind.LIST or fragment.sort is not None:
        return {key: getattr(fragment, key) for key in _ANSWER_KEYS}
    keys = {key: getattr(carried, key) for key in _ANSWER_KEYS}
    if fragment.top is not None and carried.answer is not AnswerKind.COUNT:
        keys["top"] = fragment.top
    return keys


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
