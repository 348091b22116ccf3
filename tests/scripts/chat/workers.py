"""Processes for the concurrency tests (importable by spawned interpreters)."""

from __future__ import annotations

import sys

from scripts.chat import Message, SessionStore
from tests.factories import result_page


def append_messages(location: str, session_id: str, writer: int, count: int) -> None:
    """Append ``count`` messages tagged with the writer's number."""
    with SessionStore(location) as store:
        for i in range(count):
            store.add_message(session_id, Message(role="user", content=f"w{writer}-m{i}"))


def merge_keys(location: str, session_id: str, writer: int, count: int) -> None:
    """Merge ``count`` distinct context keys, one call each."""
    with SessionStore(location) as store:
        for i in range(count):
            store.update_context(session_id, {f"w{writer}-k{i}": i})


def append_until_killed(location: str, session_id: str, ack_path: str) -> None:
    """Append forever, recording each message only after add_message has returned."""
    with SessionStore(location) as store, open(ack_path, "a") as acks:
        i = 0
        while True:
            content = f"acked-{i}"
            store.add_message(
                session_id,
                Message(
                    role="assistant" if i % 2 else "user",
                    content=content,
                    candidate_set=result_page() if i % 2 else None,
                ),
            )
            acks.write(content + "\n")
            acks.flush()
            i += 1


def chat_turns(location: str, index: str, session_id: str, texts: list[str]) -> None:
    """Hold a conversation on a shared session."""
    from pathlib import Path

    from scripts.chat.conversation import Conversation

    with SessionStore(location) as store:
        conversation = Conversation(store, Path(index))
        for text in texts:
            conversation.handle(session_id, text)


if __name__ == "__main__":
    append_until_killed(*sys.argv[1:4])
