"""Ask the real conversation each case and judge its answer against the oracle.

A case runs in a new session of a real ``SessionStore``; a dialog runs all its turns in
one. The answer of a turn is every record the turn's plan matches: when the turn ran a
search (it returned a result page and asked nothing back), the plan is read from the
session context and executed for all its records; a page that holds every record it
counts (one book shown in answer to "the second one") is the answer itself. A turn that
asked a question, or left no plan, answers no records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.understanding.case import Case, Dialog, Expectation, OneOf
from bench.understanding.oracle import Book
from scripts.chat.conversation import Conversation
from scripts.query.execute import execute_plan
from scripts.schemas import QueryPlan

PASS_MARK = 0.9  # Jaccard similarity of the answered and the expected record ids


@dataclass(frozen=True)
class Answer:
    """The records a turn answered with, and the first line of what it said."""

    ids: frozenset[str]
    first_line: str


@dataclass(frozen=True)
class Verdict:
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
        return Answer(frozenset(), first_line)
    if len(page.candidates) >= page.total_count:
        return Answer(frozenset(c.record_id for c in page.candidates), first_line)
    # The context keeps the plan the turn ran, with any follow-ups applied.
    plan = QueryPlan.model_validate(conversation.store.get_context(session_id)["plan"])
    found = execute_plan(plan, conversation.index_db, limit=page.total_count)
    return Answer(frozenset(c.record_id for c in found.candidates), first_line)


def judge(expect: Expectation, answer: Answer, books: Sequence[Book]) -> Verdict:
    """Whether ``answer`` is the one a librarian would give: the only comparison there is."""
    wanted = {b.id for b in books if expect(b)}
    if isinstance(expect, OneOf):
        score = float(len(answer.ids) == 1 and answer.ids <= wanted)
        return Verdict(score == 1.0, 1, len(answer.ids), score)
    score = jaccard(wanted, answer.ids)
    return Verdict(score >= PASS_MARK, len(wanted), len(answer.ids), score)


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
