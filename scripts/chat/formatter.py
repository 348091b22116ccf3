"""Plain-language answers from deterministic templates: results, one record, nothing found,
a count, a ranking.

Every result line carries the facts that matched (the candidate's evidence, with its MARC
source), and every answer states the total, so a reader can see why each book is there.
"""

from __future__ import annotations

from typing import Any

from scripts.chat.intents import ROUGH_PHRASE, ROUGH_PHRASE_HE
from scripts.query.operators import describe
from scripts.query.speech import books, say
from scripts.records.view import Value, address, dates, label, reader_view
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
    if not candidate.match_rationale:
        return head
    return f"{head}\n   {say('Matched', 'התאמה')}: {candidate.match_rationale}"


def describe_plan(plan: QueryPlan) -> str:
    return "; ".join(describe(flt) for flt in plan.filters)


def _matching(plan: QueryPlan) -> str:
    """ "where language is Latin", or "in the catalogue" when nothing is asked of them."""
    if plan.filters:
        return say(f"where {describe_plan(plan)}", f"שבהם {describe_plan(plan)}")
    return say("in the catalogue", "בקטלוג")


ORDER_WORDS = {
    (SortKey.DATE, False): ("oldest first", "הישנים תחילה"),
    (SortKey.DATE, True): ("newest first", "החדשים תחילה"),
    (SortKey.TITLE, False): ("by title, A to Z", "לפי כותר, מא׳ עד ת׳"),
    (SortKey.TITLE, True): ("by title, Z to A", "לפי כותר, מת׳ עד א׳"),
    (SortKey.AUTHOR, False): ("by author, A to Z", "לפי מחבר, מא׳ עד ת׳"),
    (SortKey.AUTHOR, True): ("by author, Z to A", "לפי מחבר, מת׳ עד א׳"),
}
# What a ranking ranks: (one, many) in English, then in Hebrew.
FACET_NAMES = {
    Facet.PRINTER: ("printer", "printers", "מדפיס", "מדפיסים"),
    Facet.PLACE: ("place of printing", "places of printing", "מקום דפוס", "מקומות דפוס"),
    Facet.LANGUAGE: ("language", "languages", "שפה", "שפות"),
    Facet.CENTURY: ("date", "centuries", "תאריך", "מאות"),
    Facet.DECADE: ("date", "decades", "תאריך", "עשורים"),
    Facet.SUBJECT: ("subject", "subjects", "נושא", "נושאים"),
    Facet.AUTHOR: ("author", "authors", "מחבר", "מחברים"),
    Facet.GENRE: ("genre or kind of book", "genres and kinds of book", "סוגה", "סוגות"),
}


def _order(plan: QueryPlan) -> str:
    return say(*ORDER_WORDS[plan.sort or SortKey.DATE, plan.descending])


def results_message(candidates: CandidateSet, plan: QueryPlan, offset: int) -> str:
    """The answer for a page of results (one or many); the first page also says what was
    assumed in reading the question, and how many more books are dated only roughly."""
    total, shown = candidates.total_count, len(candidates.candidates)
    if plan.top is not None:
        header = say(
            f"The first {total} of the books {_matching(plan)}, {_order(plan)}.",
            f"{total} הראשונים מבין הספרים {_matching(plan)}, {_order(plan)}.",
        )
    else:
        order = f", {_order(plan)}" if plan.sort else ""
        header = (
            say(f"Found {books(total)}", f"נמצאו {books(total)}") + f" {_matching(plan)}{order}."
        )
    if offset == 0:
        header += _assumed(plan) + _dated_apart(candidates.dated_apart)
    if total > shown:
        header += say(" Showing", " מוצגים") + f" {offset + 1}–{offset + shown}:"
    lines = [result_line(offset + i + 1, c) for i, c in enumerate(candidates.candidates)]
    return "\n".join([header, *lines])


def no_results_message(
    plan: QueryPlan, relaxations: list[tuple[Filter, int]], dated_apart: int = 0
) -> str:
    """Nothing matched: say so and which single condition to drop for how many results."""
    text = say("No books match all of", "אין ספרים שעונים על כל אלה") + f": {describe_plan(plan)}."
    text += _assumed(plan) + _dated_apart(dated_apart)
    useful = [(flt, n) for flt, n in relaxations if n > 0]
    if useful:
        flt, n = max(useful, key=lambda pair: pair[1])
        text += say(
            f" Without “{describe(flt)}” there {'is 1 book' if n == 1 else f'are {n} books'}.",
            f" בלי „{describe(flt)}” יש {books(n)}.",
        )
    return text


def answer_message(answer: Answer, plan: QueryPlan) -> str:
    """A count ("63 books match: ...") or a ranking, one value a line with its count."""
    said = _assumed(plan)
    if answer.kind is AnswerKind.COUNT:
        if not plan.filters:
            return say(
                f"The catalogue holds {books(answer.total)}.", f"בקטלוג {books(answer.total)}."
            )
        n = answer.total
        text = say(
            f"{books(n).capitalize()} {'matches' if n == 1 else 'match'}: {describe_plan(plan)}.",
            f"{books(n)} עונים על: {describe_plan(plan)}.",
        )
        return text + said + _counted_apart(answer.dated_apart)
    one, many, one_he, many_he = FACET_NAMES[answer.facet]
    if answer.total == 0:
        return say(
            f"No books match: {describe_plan(plan)}.{said} There are no {many} to rank.",
            f"אין ספרים שעונים על: {describe_plan(plan)}.{said} אין {many_he} לדרג.",
        )
    if not answer.rows:
        article = "an" if one[0] in "aeiou" else "a"
        return (
            say(
                f"None of the {books(answer.total)} {_matching(plan)} has {article} {one} recorded.",
                f"לאף אחד מ{books(answer.total)} {_matching(plan)} לא רשום {one_he}.",
            )
            + said
        )
    lines = [
        say(
            f"{many.capitalize()} of the {books(answer.total)} {_matching(plan)},"
            f" {answer.distinct:,} in all, most first:",
            f"{many_he} של {books(answer.total)} {_matching(plan)},"
            f" {answer.distinct:,} בסך הכול, מהנפוץ ביותר:",
        )
        + said
    ]
    lines += [f"{i}. {t.value} — {books(t.count)}" for i, t in enumerate(answer.rows, start=1)]
    if answer.missing:
        n = answer.missing
        lines.append(
            say(
                f"{books(n).capitalize()} {'has' if n == 1 else 'have'} no {one} recorded.",
                f"ל{books(n)} לא רשום {one_he}.",
            )
        )
    if answer.dated_apart:
        n = answer.dated_apart
        lines.append(
            say(
                f"{books(n).capitalize()} dated across two {many}"
                f" {'is' if n == 1 else 'are'} not counted in either.",
                f"{books(n)} שתאריכם חוצה שתי {many_he} אינם נספרים באף אחת מהן.",
            )
        )
    return "\n".join(lines)


def answer_followups(answer: Answer, plan: QueryPlan) -> list[str]:
    """What to ask next of a count or a ranking: its books, another ranking, its first value."""
    if answer.total == 0:
        return [say("start over", "חיפוש חדש")]
    if answer.kind is AnswerKind.COUNT:
        return [
            say("show them", "תראה לי אותם"),
            say("which printers?", "אילו מדפיסים?"),
            say("which places?", "אילו ערים?"),
            say("which centuries?", "אילו מאות?"),
        ]
    firsts = [answer.rows[0].refine] if answer.rows else []
    fewer = [say("only the top three", "רק שלושת הראשונים")] if len(answer.rows) > 3 else []
    return [*firsts, *fewer, say("show them", "תראה לי אותם")]


def _counted_apart(n: int) -> str:
    if not n:
        return ""
    return say(
        f" {books(n).capitalize()} more dated only to a wider span"
        f" {'is' if n == 1 else 'are'} not counted.",
        f" {books(n)} נוספים שתאריכם משוער אינם נספרים.",
    )


def _assumed(plan: QueryPlan) -> str:
    """What the reading assumed, as the reader should know it: " (showing Edinburgh; you
    typed Edinbrugh)"."""
    return f" ({'; '.join(plan.notes)})" if plan.notes else ""


def _dated_apart(n: int) -> str:
    if not n:
        return ""
    return say(
        f" {n} more {'is' if n == 1 else 'are'} dated only to a wider span, such as a century;"
        f" say “{ROUGH_PHRASE}” to see {'it' if n == 1 else 'them'} too.",
        f" עוד {books(n)} מתוארכים רק בקירוב, למשל למאה; כתבו „{ROUGH_PHRASE_HE}” כדי"
        " לראות גם אותם.",
    )


def end_of_results_message(total: int) -> str:
    if total == 0:
        return say(
            "There are no results to page through. Widen the search, or ask something new.",
            "אין תוצאות לדפדף בהן. הרחיבו את החיפוש, או שאלו משהו חדש.",
        )
    return say(
        f"That was the last of the {total} results. Ask something new, or narrow or widen the"
        " search.",
        f"אלה היו האחרונות מבין {total} התוצאות. שאלו משהו חדש, או צמצמו או הרחיבו את החיפוש.",
    )


def record_message(number: int | None, record: dict[str, Any], candidate: Candidate | None) -> str:
    """The record in a reader's words (``records.view``), why it matched, and its address."""
    title = record.get("title") or "[untitled]"
    lines = [f"{f'#{number} ' if number else ''}{title}"]
    for section in reader_view(record):
        shown = [_shown(value) for value in section.values]
        if section.label == label("record_number") or (  # the record page's address has it
            section.label == label("title") and shown == [title]
        ):
            continue
        lines.append(f"{section.label}: {'; '.join(shown)}")
    if candidate is not None and candidate.match_rationale:
        lines.append(f"{say('Matched', 'התאמה')}: {candidate.match_rationale}")
    lines.append(f"{say('Record page', 'דף הרשומה')}: {address(record['record_id'])}")
    return "\n".join(lines)


def _shown(value: Value) -> str:
    return f"{value.text} <{value.url}>" if value.url and value.url != value.text else value.text
