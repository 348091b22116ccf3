"""Plain-language answers from deterministic templates: results, one record, nothing found,
a count, a ranking.

Every result line carries the facts that matched (the candidate's evidence, with its MARC
source), and every answer states the total, so a reader can see why each book is there.
"""

from __future__ import annotations

from typing import Any

from scripts.chat.intents import ROUGH_PHRASE
from scripts.query.operators import describe
from scripts.records.view import LABELS, Value, address, dates, reader_view
from scripts.schemas import (
    Answer,
    AnswerKind,
    Candidate,
    CandidateSet,
    Facet,
    Filter,
    QueryPlan,
    SortKey,
)

SAID_ELSEWHERE = {LABELS["record_number"]}  # the record page's address carries it


def _place(candidate: Candidate) -> str | None:
    raw, norm = candidate.place_raw, candidate.place_norm
    if raw and norm and norm.casefold() not in raw.casefold():
        return f"{raw} [{norm.title()}]"
    return raw or (norm.title() if norm else None)


def result_line(number: int, candidate: Candidate) -> str:
    """ "3. Title — Author. Venetiis [Venice]: Aldus, 1499." plus the evidence line."""
    head = f"{number}. {(candidate.title or '[untitled]').rstrip(' ./:;,')}"
    if candidate.author:
        head += f" — {candidate.author}"
    imprint = ", ".join(
        part
        for part in (candidate.publisher, dates(candidate.date_start, candidate.date_end))
        if part
    )
    place = _place(candidate)
    head += f". {place}: {imprint}." if place else f". {imprint}."
    return f"{head}\n   Matched: {candidate.match_rationale}" if candidate.match_rationale else head


def describe_plan(plan: QueryPlan) -> str:
    return "; ".join(describe(flt) for flt in plan.filters)


def _matching(plan: QueryPlan) -> str:
    """ "where language is Latin", or "in the catalogue" when nothing is asked of them."""
    return f"where {describe_plan(plan)}" if plan.filters else "in the catalogue"


ORDER_WORDS = {
    (SortKey.DATE, False): "oldest first",
    (SortKey.DATE, True): "newest first",
    (SortKey.TITLE, False): "by title, A to Z",
    (SortKey.TITLE, True): "by title, Z to A",
    (SortKey.AUTHOR, False): "by author, A to Z",
    (SortKey.AUTHOR, True): "by author, Z to A",
}
FACET_NAMES = {
    Facet.PRINTER: ("printer", "printers"),
    Facet.PLACE: ("place of printing", "places of printing"),
    Facet.LANGUAGE: ("language", "languages"),
    Facet.CENTURY: ("date", "centuries"),
    Facet.DECADE: ("date", "decades"),
    Facet.SUBJECT: ("subject", "subjects"),
    Facet.AUTHOR: ("author", "authors"),
    Facet.GENRE: ("genre or kind of book", "genres and kinds of book"),
}


def results_message(candidates: CandidateSet, plan: QueryPlan, offset: int) -> str:
    """The answer for a page of results (one or many); the first page also says what was
    assumed in reading the question, and how many more books are dated only roughly."""
    total, shown = candidates.total_count, len(candidates.candidates)
    order = ORDER_WORDS[plan.sort or SortKey.DATE, plan.descending] if plan.sort else ""
    if plan.top is not None:
        order = ORDER_WORDS[plan.sort or SortKey.DATE, plan.descending]
        header = f"The first {total} of the books {_matching(plan)}, {order}."
    else:
        header = f"Found {_books(total)} {_matching(plan)}{f', {order}' if order else ''}."
    if offset == 0:
        header += _assumed(plan) + _dated_apart(candidates.dated_apart)
    if total > shown:
        header += f" Showing {offset + 1}–{offset + shown}:"
    lines = [result_line(offset + i + 1, c) for i, c in enumerate(candidates.candidates)]
    return "\n".join([header, *lines])


def no_results_message(
    plan: QueryPlan, relaxations: list[tuple[Filter, int]], dated_apart: int = 0
) -> str:
    """Nothing matched: say so and which single condition to drop for how many results."""
    text = f"No books match all of: {describe_plan(plan)}." + _assumed(plan)
    text += _dated_apart(dated_apart)
    useful = [(flt, n) for flt, n in relaxations if n > 0]
    if useful:
        flt, n = max(useful, key=lambda pair: pair[1])
        text += f" Without “{describe(flt)}” there {'is 1 book' if n == 1 else f'are {n} books'}."
    return text


def answer_message(answer: Answer, plan: QueryPlan) -> str:
    """A count ("63 books match: ...") or a ranking, one value a line with its count."""
    said = _assumed(plan)
    if answer.kind is AnswerKind.COUNT:
        if not plan.filters:
            return f"The catalogue holds {_books(answer.total)}."
        text = f"{_books(answer.total).capitalize()} {_match(answer.total)}: {describe_plan(plan)}."
        return text + said + _counted_apart(answer.dated_apart, "not counted")
    one, many = FACET_NAMES[answer.facet]
    if answer.total == 0:
        return f"No books match: {describe_plan(plan)}.{said} There are no {many} to rank."
    if not answer.rows:
        article = "an" if one[0] in "aeiou" else "a"
        return (
            f"None of the {_books(answer.total)} {_matching(plan)} has {article} {one}"
            f" recorded.{said}"
        )
    lines = [f"{many.capitalize()} of the {_books(answer.total)} {_matching(plan)}, most first:"]
    lines[0] += said
    lines += [f"{i}. {t.value} — {_books(t.count)}" for i, t in enumerate(answer.rows, start=1)]
    if answer.missing:
        lines.append(
            f"{_books(answer.missing).capitalize()} {_have(answer.missing)} no {one} recorded."
        )
    if answer.dated_apart:
        lines.append(
            f"{_books(answer.dated_apart).capitalize()} dated across two {many}"
            f" {'is' if answer.dated_apart == 1 else 'are'} not counted in either."
        )
    return "\n".join(lines)


def answer_followups(answer: Answer, plan: QueryPlan) -> list[str]:
    """What to ask next of a count or a ranking: its books, another ranking, its first value."""
    if answer.total == 0:
        return ["start over"]
    if answer.kind is AnswerKind.COUNT:
        return ["show them", "which printers?", "which places?", "which centuries?"]
    firsts = [answer.rows[0].refine] if answer.rows else []
    fewer = ["only the top three"] if len(answer.rows) > 3 else []
    return [*firsts, *fewer, "show them"]


def _match(n: int) -> str:
    return "matches" if n == 1 else "match"


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


def _counted_apart(n: int, what: str) -> str:
    if not n:
        return ""
    return f" {_books(n).capitalize()} more dated only to a wider span {'is' if n == 1 else 'are'} {what}."


def _books(n: int) -> str:
    return "1 book" if n == 1 else f"{n:,} books"


def _assumed(plan: QueryPlan) -> str:
    """What the reading assumed, as the reader should know it: " (showing Edinburgh; you
    typed Edinbrugh)"."""
    return f" ({'; '.join(plan.notes)})" if plan.notes else ""


def _dated_apart(n: int) -> str:
    if not n:
        return ""
    are = "is" if n == 1 else "are"
    return (
        f" {n} more {are} dated only to a wider span, such as a century; say"
        f" “{ROUGH_PHRASE}” to see {'it' if n == 1 else 'them'} too."
    )


def end_of_results_message(total: int) -> str:
    if total == 0:
        return "There are no results to page through. Widen the search, or ask something new."
    return f"That was the last of the {total} results. Ask something new, or narrow or widen the search."


def record_message(number: int | None, record: dict[str, Any], candidate: Candidate | None) -> str:
    """The record in a reader's words (``records.view``), why it matched, and its address."""
    title = record.get("title") or "[untitled]"
    lines = [f"{f'#{number} ' if number else ''}{title}"]
    for section in reader_view(record):
        shown = [_shown(value) for value in section.values]
        if section.label in SAID_ELSEWHERE or (
            section.label == LABELS["title"] and shown == [title]
        ):
            continue
        lines.append(f"{section.label}: {'; '.join(shown)}")
    if candidate is not None and candidate.match_rationale:
        lines.append(f"Matched: {candidate.match_rationale}")
    lines.append(f"Record page: {address(record['record_id'])}")
    return "\n".join(lines)


def _shown(value: Value) -> str:
    return f"{value.text} <{value.url}>" if value.url and value.url != value.text else value.text
