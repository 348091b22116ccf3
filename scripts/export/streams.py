"""Which records an export holds, streamed: every match of a plan, an answer's, a session's.

An answer's records are all the matches of the search it shows, not only the page: its
result set names the plan (``plan_hash``), found as ``chat.searches`` finds it, and the plan
is run again (``execute.iter_matches``). An answer
whose set holds all its records (a short list, an answer about one book) is exported from the
set. A session's export is every answer's records in conversation order, each record once;
further pages of a search (and answers about one of its books) add nothing to its first.

Each function checks what it can before returning its generator, so a bad plan or a missing
index is an error the caller sees before the first byte is sent.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts.chat import ChatSession, Message
from scripts.chat.searches import plan_behind, up_to
from scripts.export.items import ExportItem, why
from scripts.query.connection import streaming
from scripts.query.execute import EXPORT_CHUNK, check_actionable, iter_matches
from scripts.query.vocabulary import load_vocabulary
from scripts.records.load import PARTS, Record, load_records
from scripts.schemas import Candidate, CandidateSet, QueryPlan

UrlOf = Callable[[str], str]


@dataclass(frozen=True)
class Loading:
    """What of each record an export reads (``records.load``), and how it names pages."""

    parts: tuple[str, ...] = PARTS
    marc: bool = False
    url_of: UrlOf | None = None

    def load(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, Record]:
        return load_records(conn, ids, parts=self.parts, marc=self.marc)


def plan_items(
    plan: QueryPlan, db_path: Path, loading: Loading = Loading()
) -> Iterator[ExportItem]:
    """Every match of ``plan`` in result order, with why it matched."""
    check_actionable(plan)
    vocabulary = load_vocabulary(db_path)

    def items() -> Iterator[ExportItem]:
        with streaming(db_path) as conn:
            for chunk in iter_matches(plan, conn, vocabulary):
                records = loading.load(conn, [c.record_id for c in chunk])
                yield from _items(chunk, records, plan.query_text, loading.url_of)

    return items()


def answer_items(
    session: ChatSession, message_id: int, db_path: Path, loading: Loading = Loading()
) -> Iterator[ExportItem]:
    """The records of one message's answer (none for a message without results); raises
    ``MessageNotFoundError``."""
    conversation = up_to(session, message_id)
    load_vocabulary(db_path)  # the index must be readable before anything is streamed
    return _answer(conversation, db_path, loading)


def session_items(
    session: ChatSession, db_path: Path, loading: Loading = Loading()
) -> Iterator[ExportItem]:
    """Every answer's records in conversation order, each record once (where first found)."""
    load_vocabulary(db_path)

    def items() -> Iterator[ExportItem]:
        seen: set[str] = set()
        searches: set[str] = set()  # plans whose matches are out already ("show more" pages)
        for position, message in enumerate(session.messages):
            found = message.candidate_set
            if message.role != "assistant" or found is None or found.plan_hash in searches:
                continue
            if found.plan_hash:
                searches.add(found.plan_hash)
            for item in _answer(session.messages[: position + 1], db_path, loading):
                if item.record["record_id"] not in seen:
                    seen.add(item.record["record_id"])
                    yield item

    return items()


def _answer(conversation: list[Message], db_path: Path, loading: Loading) -> Iterator[ExportItem]:
    """The records of the last message of ``conversation``."""
    found = conversation[-1].candidate_set
    if found is None:
        return iter(())
    plan = None if _holds_all(found) else plan_behind(found, conversation)
    if plan is not None and plan.is_actionable:
        return plan_items(plan, db_path, loading)
    return _candidate_items(found.candidates, found.query_text, db_path, loading)


def _holds_all(found: CandidateSet) -> bool:
    return found.total_count <= len(found.candidates)


def _candidate_items(
    candidates: list[Candidate], question: str, db_path: Path, loading: Loading
) -> Iterator[ExportItem]:
    with streaming(db_path) as conn:
        for start in range(0, len(candidates), EXPORT_CHUNK):
            chunk = candidates[start : start + EXPORT_CHUNK]
            records = loading.load(conn, [c.record_id for c in chunk])
            yield from _items(chunk, records, question, loading.url_of)


def _items(
    candidates: Iterable[Candidate],
    records: dict[str, Record],
    question: str,
    url_of: UrlOf | None,
) -> Iterator[ExportItem]:
    """Items in the candidates' order; a record gone from the index since is left out."""
    for candidate in candidates:
        record = records.get(candidate.record_id)
        if record is not None:
            url = url_of(candidate.record_id) if url_of else None
            yield ExportItem(record, why(candidate, question), url)
