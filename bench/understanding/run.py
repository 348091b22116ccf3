"""Ask the real conversation each case and judge its answer against the oracle.

A case runs in a new session of a real ``SessionStore``; a dialog runs all its turns in
one. The answer of a turn is every record the turn's plan matches: when the turn ran a
search (it returned a result page and asked nothing back), the plan is read from the
session context and executed for all its records; a page that holds every record it
counts (one book shown in answer to "the second one") is the answer itself. A turn that
asked a question, or left no plan, answers no records. Beside them a turn answers with the typed answer of its
response (``ChatResponse.answer``: a count, a ranking) and the ids of its result page in
the order shown.

``judge`` compares: a list of records passes at a Jaccard similarity of at least
``PASS_MARK``; a count when the typed answer is a count of the oracle's number; a ranking
when the typed answer ranks the case's facet and its first N rows (N the reader's top,
else ``case.DEFAULT_TOP``) name, in order, values with the oracle's counts at those places
(values of equal count may come in either order, and at the cut any of the values tied
there will do; ``facets.key`` reads the values as shown); an ordering when the first N ids
of the page (N the reader's number, else ``case.DEFAULT_FIRST``) are the oracle's, in its
order. The score is the Jaccard similarity for a list, the share of the N places that
agree for a ranking or an ordering, 1 or 0 for a count.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.understanding import facets, ordering
from bench.understanding.case import (
    Case,
    Count,
    Dialog,
    Expect,
    Expectation,
    OneOf,
    Ordering,
    Ranking,
)
from bench.understanding.oracle import Book
from scripts.chat.conversation import Conversation
from scripts.query.execute import execute_plan
from scripts.schemas import Answer as Typed
from scripts.schemas import AnswerKind, QueryPlan

PASS_MARK = 0.9  # Jaccard similarity of the answered and the expected record ids


@dataclass(frozen=True)
class Answer:
    """The records a turn answered with, the first line of what it said, its typed answer
    (a count or a ranking) and the ids of its result page in the order shown."""

    ids: frozenset[str]
    first_line: str
    typed: Typed | None = None
    shown: tuple[str, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """Whether a turn passed; ``expected`` and ``answered`` are the records, the count, or
    the ranking's rows and ordering's ids judged (oracle's and answer's), ``score`` in 0-1."""

    passed: bool
    expected: int
    answered: int
    score: float


@dataclass(frozen=True)
class Outcome:
    """A case or dialog as run: for a dialog, the verdict of its first failing turn."""

    text: str
    category: str
    verdict: Verdict
    first_line: str


def ask(conversation: Conversation, texts: Sequence[str]) -> list[Answer]:
    """The answers to ``texts``, asked in order in one new session."""
    session_id = conversation.store.create_session().session_id
    return [_answer(conversation, session_id, text) for text in texts]


def _answer(conversation: Conversation, session_id: str, text: str) -> Answer:
    response = conversation.handle(session_id, text)
    first_line = next((line for line in response.message.splitlines() if line.strip()), "")
    page = response.candidate_set
    if page is None or response.clarification_needed is not None or page.total_count == 0:
        return Answer(frozenset(), first_line, response.answer)
    if len(page.candidates) >= page.total_count:
        shown = tuple(c.record_id for c in page.candidates)
        return Answer(frozenset(shown), first_line, response.answer, shown)
    # The context keeps the plan the turn ran, with any follow-ups applied.
    plan = QueryPlan.model_validate(conversation.store.get_context(session_id)["plan"])
    found = execute_plan(plan, conversation.index_db, limit=page.total_count)
    shown = tuple(c.record_id for c in page.candidates)
    return Answer(
        frozenset(c.record_id for c in found.candidates), first_line, response.answer, shown
    )


def judge(expect: Expect, answer: Answer, books: Sequence[Book]) -> Verdict:
    """Whether ``answer`` is the one a librarian would give: the only comparison there is."""
    if isinstance(expect, Count):
        return _count(expect, answer, books)
    if isinstance(expect, Ranking):
        return _ranking(expect, answer, books)
    if isinstance(expect, Ordering):
        return _ordering(expect, answer, books)
    return _records(expect, answer, books)


def _records(expect: Expectation, answer: Answer, books: Sequence[Book]) -> Verdict:
    wanted = {b.id for b in books if expect(b)}
    if isinstance(expect, OneOf):
        score = float(len(answer.ids) == 1 and answer.ids <= wanted)
        return Verdict(score == 1.0, 1, len(answer.ids), score)
    score = jaccard(wanted, answer.ids)
    return Verdict(score >= PASS_MARK, len(wanted), len(answer.ids), score)


def _count(expect: Count, answer: Answer, books: Sequence[Book]) -> Verdict:
    wanted = sum(1 for b in books if expect.where(b))
    typed = answer.typed
    told = typed.total if typed is not None and typed.kind is AnswerKind.COUNT else None
    passed = told == wanted
    return Verdict(passed, wanted, told or 0, float(passed))


def _ranking(expect: Ranking, answer: Answer, books: Sequence[Book]) -> Verdict:
    ranked = facets.ranking((b for b in books if expect.where(b)), expect.facet)
    wanted = ranked[: expect.size]
    typed = answer.typed
    ranks = typed is not None and typed.kind is AnswerKind.RANKING
    rows = typed.rows[: expect.size] if ranks and typed.facet == expect.facet else []
    counts = dict(ranked)
    named = [facets.key(expect.facet, row.value, counts) for row in rows]
    agree = sum(
        1
        for (_, count), row, key in zip(wanted, rows, named, strict=False)
        if row.count == count == counts.get(key) and named.count(key) == 1
    )
    passed = agree == len(wanted) == len(rows)
    return Verdict(passed, len(wanted), len(rows), agree / len(wanted) if wanted else float(passed))


def _ordering(expect: Ordering, answer: Answer, books: Sequence[Book]) -> Verdict:
    order = ordering.ordered((b for b in books if expect.where(b)), expect.by, expect.descending)
    wanted = order[expect.skip : expect.skip + expect.size]
    shown = answer.shown[: expect.size]
    agree = sum(1 for w, s in zip(wanted, shown, strict=False) if w == s)
    passed = tuple(wanted) == shown
    return Verdict(
        passed, len(wanted), len(shown), agree / len(wanted) if wanted else float(passed)
    )


def jaccard(expected: set[str] | frozenset[str], answered: set[str] | frozenset[str]) -> float:
    """Shared over all records named; two empty answers agree."""
    union = expected | answered
    return len(expected & answered) / len(union) if union else 1.0


def run_case(conversation: Conversation, case: Case, books: Sequence[Book]) -> Outcome:
    (answer,) = ask(conversation, [case.text])
    return Outcome(case.text, case.category, judge(case.expect, answer, books), answer.first_line)


def run_dialog(conversation: Conversation, dialog: Dialog, books: Sequence[Book]) -> Outcome:
    answers = ask(conversation, [turn.text for turn in dialog.turns])
    judged = [(judge(t.expect, a, books), a) for t, a in zip(dialog.turns, answers, strict=True)]
    failing = [(i, v, a) for i, (v, a) in enumerate(judged) if not v.passed]
    if not failing:
        verdict, answer = judged[-1]
        return Outcome(dialog.text, dialog.category, verdict, answer.first_line)
    turn, verdict, answer = failing[0]
    text = f"{dialog.text} (turn {turn + 1}: {dialog.turns[turn].text})"
    return Outcome(text, dialog.category, verdict, answer.first_line)
