"""One reader's turn: understand it against the conversation so far, answer, remember.

``Conversation.handle`` reads the session's context (never its history), works out the turn
(a new search, a refinement, a page, a pointer at a result, a reset), runs the query, formats
the answer, and writes the user message, the assistant message and the new context in one
transaction. Turns on one session are serialised: within a process by a lock per session,
and across processes because the write applies only if no other turn landed meanwhile
(``expect_context`` on the turn counter); otherwise the turn is worked out again on the newer
context. A turn that fails part-way leaves the session exactly as it was.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.chat.context import (
    ConversationContext,
    RankedValue,
    answer_of,
    narrow,
    refine,
    swap_name,
)
from scripts.chat.followups import suggest
from scripts.chat.formatter import (
    answer_followups,
    answer_message,
    end_of_results_message,
    no_results_message,
    record_message,
    results_message,
)
from scripts.chat.intents import (
    ROUGH_PHRASE,
    ROUGH_PHRASE_HE,
    Intent,
    Kind,
    classify,
    is_refinement,
    what_about,
)
from scripts.chat.models import ChatResponse, Message
from scripts.chat.session_store import ContextChangedError, RowReading, SessionStore
from scripts.query import facets
from scripts.query.compile import compile_query, compile_value
from scripts.query.execute import count_matches, execute_plan
from scripts.query.facets import DEFAULT_TOP
from scripts.query.fields import FIELDS
from scripts.query.grammar import EXAMPLE, EXAMPLE_HE, ask_what_kind
from scripts.query.hebrew import is_hebrew
from scripts.query.speech import ENGLISH, HEBREW, say, speaking
from scripts.records.load import get_record
from scripts.schemas import Answer, AnswerKind, CandidateSet, FilterField, QueryPlan, SortKey
from scripts.schemas.query_plan import MAX_TOP
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)


def ask_what() -> str:
    return say(
        f"What would you like to find? For example: “{EXAMPLE}”.",
        f"מה תרצו למצוא? למשל: „{EXAMPLE_HE}”.",
    )


MAX_ATTEMPTS = 20


class BlankMessageError(ValueError):
    """The reader's message has no text; nothing is answered or stored."""


@dataclass
class Reply:
    """What a turn produced, before it is saved."""

    message: str
    context: ConversationContext
    plan: QueryPlan | None = None
    candidates: CandidateSet | None = None
    clarification: str | None = None
    followups: list[str] = field(default_factory=list)
    answer: Answer | None = None


def _carried(plan: QueryPlan, text: str, **changes: Any) -> QueryPlan:
    """``plan`` as a follow-up changes it, asking the same kind of answer."""
    return plan.model_copy(update={"query_text": text, "notes": [], "unparsed": [], **changes})


def _said(fragment: QueryPlan) -> dict[str, list[str]]:
    """What a refinement's own reading says to the reader: its notes and unread words."""
    return {"notes": fragment.notes, "unparsed": fragment.unparsed}


# Follow-ups that need a search to go on from.
_NEEDS_A_SEARCH = frozenset(
    {Kind.NEXT_PAGE, Kind.PREVIOUS_PAGE, Kind.REFERENCE, Kind.RELAX, Kind.INCLUDE_ROUGH,
     Kind.SHOW, Kind.REVERSE}
)  # fmt: skip
# A plan asking for the books themselves, in date order.
_LISTED = {"answer": AnswerKind.LIST, "facet": None, "top": None, "sort": None, "descending": False}


class Conversation:
    """Answers turns in sessions of ``store`` from the catalogue index at ``index_db``."""

    def __init__(
        self,
        store: SessionStore,
        index_db: Path,
        *,
        page_size: int = 10,
        api_key: str | None = None,
    ) -> None:
        self.store, self.index_db, self.page_size, self.api_key = (
            store,
            Path(index_db),
            page_size,
            api_key,
        )

    def handle(
        self, session_id: str, text: str, user_id: str | None = None, title: str | None = None
    ) -> ChatResponse:
        """Answer ``text`` in the session and save the turn; raises SessionNotFoundError.

        ``title`` becomes the session's title, in the turn's transaction, if it has none yet.
        A blank message raises ``BlankMessageError`` and is not stored.
        """
        if not text.strip():
            raise BlankMessageError("the message is empty: ask about the catalogue")
        for attempt in range(MAX_ATTEMPTS):
            raw = self.store.get_context(session_id, user_id=user_id)
            with RowReading("chat_sessions", session_id):  # a context this cannot have written
                before = ConversationContext.of(raw)
            intent = classify(text)
            with speaking(HEBREW if is_hebrew(text) else ENGLISH):  # the reader's language
                reply = self._answer(intent, text, before)
            reply.context.turn = before.turn + 1
            user = Message(
                role="user",
                content=text,
                query_plan=reply.plan,
            )
            assistant = Message(
                role="assistant", content=reply.message, candidate_set=reply.candidates
            )
            try:
                stored = self.store.add_turn(
                    session_id,
                    [user, assistant],
                    context_updates=reply.context.updates(),
                    user_id=user_id,
                    expect_context={"turn": raw.get("turn")},
                    metadata_defaults={"title": title} if title else None,
                )
            except ContextChangedError:  # another process's turn landed first: redo on its context
                time.sleep(random.uniform(0, 0.002 * (attempt + 1)))
                continue
            log.info(
                "turn answered",
                extra=fields(
                    session=session_id,
                    intent=intent.kind.value,
                    turn=reply.context.turn,
                    chars=len(text),
                ),
            )
            return ChatResponse(
                message=reply.message,
                session_id=session_id,
                candidate_set=reply.candidates,
                answer=reply.answer,
                query_plan=(
                    reply.context.plan
                    if reply.candidates is not None or reply.answer is not None
                    else None
                ),
                suggested_followups=reply.followups,
                clarification_needed=reply.clarification,
                metadata={
                    "intent": intent.kind.value,
                    "turn": reply.context.turn,
                    "message_id": stored[-1].message_id,
                },
            )
        raise ContextChangedError(
            f"session {session_id!r} is too busy: {MAX_ATTEMPTS} turns raced this one"
        )

    # ---------------------------------------------------------------- turns

    def _answer(self, intent: Intent, text: str, ctx: ConversationContext) -> Reply:
        kept = ctx.model_copy(deep=True)
        if intent.kind is Kind.EMPTY:
            question = ask_what()
            return Reply(question, kept, clarification=question)
        if intent.kind is Kind.RESET:
            fresh = ConversationContext(page_size=self.page_size)
            if intent.text:
                return self._search(
                    compile_query(intent.text, self.api_key, db_path=self.index_db), fresh
                )
            return Reply(f"{say('Starting afresh.', 'מתחילים מחדש.')} {ask_what()}", fresh)
        if intent.kind in _NEEDS_A_SEARCH and kept.plan is None:
            question = say("There is no search to go on from yet.", "עדיין אין חיפוש להמשיך ממנו.")
            question += f" {ask_what()}"
            return Reply(question, kept, clarification=question)
        if intent.kind is Kind.NEXT_PAGE and kept.plan.answer is AnswerKind.RANKING:
            longer = min(len(kept.ranked) + DEFAULT_TOP, MAX_TOP)  # more of the ranking
            return self._search(_carried(kept.plan, text, top=longer), kept)
        if intent.kind is Kind.NEXT_PAGE:
            return self._page(kept, kept.offset + kept.page_size)
        if intent.kind is Kind.PREVIOUS_PAGE:
            return self._page(kept, max(kept.offset - kept.page_size, 0))
        if intent.kind is Kind.REFERENCE and kept.ranked:
            return self._ranked_value(kept, intent, text)
        if intent.kind is Kind.REFERENCE:
            return self._reference(kept, intent)
        if intent.kind is Kind.SHOW:
            return self._search(_carried(kept.plan, text, **_LISTED), kept)
        if intent.kind is Kind.REVERSE:
            if kept.plan.answer is not AnswerKind.LIST:
                question = say(
                    "There is no list of books to reverse; say “show them” first.",
                    "אין רשימת ספרים להפוך; כתבו קודם „תראה לי אותם”.",
                )
                return Reply(question, kept, clarification=question)
            order = {"sort": kept.plan.sort or SortKey.DATE, "descending": not kept.plan.descending}
            return self._search(_carried(kept.plan, text, **order), kept)
        offered = next(
            (r for r in kept.ranked if r.refine.casefold() == text.strip().casefold()), None
        )
        if offered is not None:  # a ranking's follow-up sent back as offered (a chart's bar)
            return self._books_of(offered, kept, text)
        if intent.kind is Kind.RELAX:
            remaining = [f for f in kept.plan.filters if f.field not in intent.fields]
            if len(remaining) == len(kept.plan.filters) or not remaining:
                question = say(
                    f"The search has no other condition to keep if the {intent.word} goes.",
                    "לחיפוש אין תנאי אחר להשאיר אם תנאי זה יוסר.",
                )
                if len(remaining) == len(kept.plan.filters):
                    question = say(
                        f"The search has no {intent.word} condition to drop.",
                        "אין בחיפוש תנאי כזה להסיר.",
                    )
                return Reply(question, kept, clarification=question)
            return self._search(_carried(kept.plan, text, filters=remaining), kept)
        if intent.kind is Kind.INCLUDE_ROUGH:
            dates = [f for f in kept.plan.filters if f.field is FilterField.YEAR and not f.negate]
            if not dates:
                question = say("The search has no dates to widen.", "אין בחיפוש תאריכים להרחיב.")
                return Reply(question, kept, clarification=question)
            filters = [
                f.model_copy(update={"roughly": True}) if f in dates else f
                for f in kept.plan.filters
            ]
            return self._search(_carried(kept.plan, text, filters=filters), kept)
        plan = compile_query(text, self.api_key, db_path=self.index_db)
        asks_only = not plan.filters and plan.clarification is None  # "sort by title"
        if kept.plan is not None and (asks_only or is_refinement(text)):
            return self._refine(text, plan, kept)
        return self._search(plan, kept)

    def _refine(self, text: str, fragment: QueryPlan, ctx: ConversationContext) -> Reply:
        carried = ctx.plan
        name = what_about(text)
        asked = answer_of(carried, fragment)
        if name and (swapped := self._what_about(name, carried, fragment, text)) is not None:
            return self._search(swapped.model_copy(update=asked), ctx)
        if not fragment.filters and fragment.clarification is None:  # "which printers?"
            return self._search(_carried(carried, text, **asked, **_said(fragment)), ctx)
        if not fragment.is_actionable:
            return self._search(fragment, ctx)
        refined = refine(carried, fragment.filters, text)
        return self._search(refined.model_copy(update={**_said(fragment), **asked}), ctx)

    def _what_about(
        self, name: str, carried: QueryPlan, fragment: QueryPlan, text: str
    ) -> QueryPlan | None:
        """The carried plan with ``name`` in place of its condition of the same kind: the
        kind ``fragment`` reads it as, else the latest condition that can take it as a value;
        None when ``name`` simply adds a condition."""
        read = (
            {FIELDS[f.field].family for f in fragment.filters} if fragment.is_actionable else set()
        )
        same_kind = [f for f in reversed(carried.filters) if FIELDS[f.field].family in read]
        for old in same_kind or list(reversed(carried.filters)):
            family, cue = FIELDS[old.field].family, FIELDS[old.field].cue
            filters = compile_value(name, cue, self.index_db) if cue else []
            if filters and all(FIELDS[f.field].family == family for f in filters):
                return refine(carried, filters, text, by_family=True)
        if same_kind:
            refined = refine(carried, fragment.filters, text, by_family=True)
            return refined.model_copy(update=_said(fragment))
        return None if fragment.is_actionable else swap_name(carried, name, text)

    def _search(self, plan: QueryPlan, ctx: ConversationContext) -> Reply:
        """Run ``plan`` from its first page, or ask the reader to clarify it."""
        if not plan.is_actionable:
            question = plan.clarification or ask_what()
            return Reply(question, ctx, plan=plan, clarification=question)
        if plan.answer is not AnswerKind.LIST:
            return self._tally(plan, ctx)
        reply = self._page(
            ctx.model_copy(update={"plan": plan, "focus": None}), 0, plan_changed=True
        )
        if reply.candidates.total_count == 0 and plan.unparsed:
            # Words that named nothing also matched nothing: ask, keeping the search as it was.
            words = plan.unparsed[-1]
            question = say(
                f"No book here holds the words '{words}'.", f"אין כאן ספר שבו המילים '{words}'."
            )
            question += f" {ask_what_kind(words)}"
            followups = [say(f"by {words}", f"מאת {words}"), say(f"about {words}", f"על {words}")]
            return Reply(
                question, ctx, plan=plan, clarification=question,
                followups=[*followups, say(f"titled {words}", f"בשם {words}")],
            )  # fmt: skip
        return reply

    def _tally(self, plan: QueryPlan, ctx: ConversationContext) -> Reply:
        """A count or a ranking of ``plan``'s matches."""
        answer, ranked = facets.answer(plan, self.index_db)
        shown = [RankedValue(refine=r.tally.refine, filter=r.filter) for r in ranked]
        ctx = ctx.model_copy(
            update={"plan": plan, "focus": None, "offset": 0, "total": answer.total, "shown": [],
                    "ranked": shown}
        )  # fmt: skip
        return Reply(
            answer_message(answer, plan), ctx, plan=plan, answer=answer,
            followups=answer_followups(answer, plan),
        )  # fmt: skip

    def _ranked_value(self, ctx: ConversationContext, intent: Intent, text: str) -> Reply:
        """ "The second one" after a ranking: the books that have its second value."""
        number = intent.position or 1
        number = len(ctx.ranked) if number == -1 else number
        if not 1 <= number <= len(ctx.ranked):
            question = say(
                f"The ranking shows {len(ctx.ranked)} values; which one do you mean?",
                f"בדירוג {len(ctx.ranked)} ערכים; לאיזה מהם הכוונה?",
            )
            return Reply(question, ctx, clarification=question)
        return self._books_of(ctx.ranked[number - 1], ctx, text)

    def _books_of(self, value: RankedValue, ctx: ConversationContext, text: str) -> Reply:
        """The books a ranking counted for ``value``: its search narrowed to the value."""
        return self._search(_carried(narrow(ctx.plan, value.filter, text), text, **_LISTED), ctx)

    def _page(self, ctx: ConversationContext, offset: int, plan_changed: bool = False) -> Reply:
        plan = ctx.plan
        if not plan_changed and offset >= ctx.total:
            return Reply(end_of_results_message(ctx.total), ctx)
        page = execute_plan(plan, self.index_db, limit=ctx.page_size, offset=offset)
        ctx = ctx.model_copy(
            update={
                "offset": offset,
                "total": page.total_count,
                "shown": [c.record_id for c in page.candidates],
                "ranked": [],
            }
        )
        reported = plan if plan_changed else None
        if page.total_count == 0:
            relaxations = [
                (flt, count_matches([f for f in plan.filters if f is not flt], self.index_db)[0])
                for flt in plan.filters
                if len(plan.filters) > 1
            ]
            followups = [
                say(f"any {FIELDS[flt.field].word}", f"בלי תנאי {FIELDS[flt.field].hebrew}")
                for flt, n in sorted(relaxations, key=lambda p: -p[1])
                if n
            ][:2]
            if page.dated_apart:
                followups = [say(ROUGH_PHRASE, ROUGH_PHRASE_HE), *followups]
            return Reply(
                no_results_message(plan, relaxations, page.dated_apart), ctx, plan=reported,
                candidates=page, followups=followups or [say("start over", "חיפוש חדש")],
            )  # fmt: skip
        followups = suggest(plan, page, offset, self.index_db)
        return Reply(
            results_message(page, plan, offset),
            ctx,
            plan=reported,
            candidates=page,
            followups=followups,
        )

    def _reference(self, ctx: ConversationContext, intent: Intent) -> Reply:
        number = self._number(ctx, intent)
        if number is None or not 1 <= number <= ctx.total:
            question = (
                say(
                    f"There is no result {intent.position} here: the search found {ctx.total}.",
                    f"אין כאן תוצאה {intent.position}: החיפוש מצא {ctx.total}.",
                )
                if intent.position
                else say(
                    "Which book do you mean? Say “the first one” or “#3”.",
                    "לאיזה ספר הכוונה? כתבו „הראשון” או „#3”.",
                )
            )
            return Reply(question, ctx, clarification=question)
        page = execute_plan(ctx.plan, self.index_db, limit=1, offset=number - 1)
        if not page.candidates:
            question = say(
                "That result is no longer in the catalogue; please search again.",
                "התוצאה הזאת כבר אינה בקטלוג; חפשו שוב.",
            )
            return Reply(question, ctx, clarification=question)
        (candidate,) = page.candidates
        record = get_record(candidate.record_id, self.index_db)
        return Reply(
            record_message(number, record, candidate),
            ctx.model_copy(update={"focus": candidate.record_id}),
            candidates=page.model_copy(update={"total_count": 1}),  # the answer is this book
            followups=[say("show more", "עוד"), say("start over", "חיפוש חדש")],
        )

    @staticmethod
    def _number(ctx: ConversationContext, intent: Intent) -> int | None:
        """The result number a reference points at: "#13" as shown, "the second one" on the page."""
        if intent.position is None:
            if ctx.focus is not None:
                return ctx.position_of(ctx.focus)
            return ctx.offset + 1 if len(ctx.shown) == 1 else None
        if intent.position == -1:
            return ctx.offset + len(ctx.shown) if ctx.shown else None
        return intent.position if intent.absolute else ctx.offset + intent.position
