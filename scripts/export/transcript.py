"""A conversation as a document: Markdown to read or keep, JSON to process.

Both give each message with who said it and when, its text as the reader saw it, and an
answer's records (those it showed, with their pages' addresses) and how many it found. In
Markdown, text is escaped so nothing a reader typed turns into markup.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from scripts.chat import ChatSession, Message
from scripts.records.view import address

SPEAKERS = {"user": "You", "assistant": "Colophon", "system": "System"}
_MARKUP = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def markdown(session: ChatSession, url_of: Callable[[str], str] | None = None) -> Iterator[str]:
    """The conversation as Markdown, one message at a time."""
    title = session.metadata.get("title") or "Conversation"
    yield f"# {_escape(title)}\n\n"
    yield f"Started {session.created_at:%Y-%m-%d %H:%M} UTC · {len(session.messages)} messages\n"
    for message in session.messages:
        yield "\n" + _message(message, url_of or address)


def as_json(session: ChatSession, url_of: Callable[[str], str] | None = None) -> Iterator[str]:
    """The conversation as one JSON document: title, start, and its messages."""
    document = {
        "title": session.metadata.get("title"),
        "created_at": session.created_at.isoformat(),
        "messages": [_message_data(m, url_of or address) for m in session.messages],
    }
    yield json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _message_data(message: Message, url_of: Callable[[str], str]) -> dict[str, Any]:
    found = message.candidate_set
    results = None
    if found is not None:
        records = [
            {"record_id": c.record_id, "title": c.title, "address": url_of(c.record_id)}
            for c in found.candidates
        ]
        results = {"found": found.total_count, "shown": records}
    return {
        "role": message.role,
        "content": message.content,
        "timestamp": message.timestamp.isoformat(),
        "results": results,
    }


def _message(message: Message, url_of: Callable[[str], str]) -> str:
    lines = [f"**{SPEAKERS[message.role]}** · {message.timestamp:%Y-%m-%d %H:%M} UTC", ""]
    lines += [f"{_escape(line)}  " if line.strip() else "" for line in message.content.split("\n")]
    found = message.candidate_set
    if found is not None and found.candidates:
        links = ", ".join(
            f"[{_escape(c.title or c.record_id)}]({url_of(c.record_id)})" for c in found.candidates
        )
        lines += ["", f"Records: {links}"]
    return "\n".join(lines) + "\n"


def _escape(text: str) -> str:
    return _MARKUP.sub(r"\\\1", text)
