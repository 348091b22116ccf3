"""Session commands from the plan: chat-init, chat-history, chat-cleanup."""

from __future__ import annotations

import unicodedata
from typing import Annotated

import typer

from app.commands.common import StoreOption, fail, finite, open_store, store_location, write_out
from scripts.chat import ChatSession, Message
from scripts.export.formats import CONVERSATION_FORMATS

TEXT = "text"
HISTORY_FORMATS = [TEXT, *CONVERSATION_FORMATS]

# Beyond this, an age in hours means "never" and would overflow a date.
MAX_HOURS = 1_000_000


def chat_init(
    db_path: StoreOption = None,
    user_id: Annotated[
        str | None, typer.Option("--user-id", help="Owner of the new session.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the session as JSON.")] = False,
) -> None:
    """Create a new chat session and print its id."""
    with open_store(db_path) as store:
        session = store.create_session(user_id=user_id)
    if as_json:
        typer.echo(session.model_dump_json())
        return
    typer.echo(f"Created session: {session.session_id}")
    typer.echo(f"User: {session.user_id or 'anonymous'}")
    typer.echo(f"Database: {store_location(db_path)}")


def printable(text: str) -> str:
    """``text`` without control characters (terminal escapes), keeping newlines and tabs."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def _describe(message: Message) -> str:
    line = f"[{message.timestamp:%Y-%m-%d %H:%M:%S}] {message.role}: {printable(message.content)}"
    if message.query_plan and message.query_plan.filters:
        plan = "; ".join(f.describe() for f in message.query_plan.filters)
        line += "\n    plan: " + printable(plan)
    if message.candidate_set is not None:
        line += f"\n    results: {message.candidate_set.total_count}"
    return line


def _print_session(session: ChatSession) -> None:
    typer.echo(f"Session: {session.session_id}")
    typer.echo(f"User: {printable(session.user_id or 'anonymous')}")
    typer.echo(f"Created: {session.created_at:%Y-%m-%d %H:%M:%S} UTC")
    typer.echo(f"Updated: {session.updated_at:%Y-%m-%d %H:%M:%S} UTC")
    typer.echo(f"Status: {'expired' if session.is_expired else 'active'}")
    typer.echo(f"Messages: {len(session.messages)}")
    for message in session.messages:
        typer.echo("")
        typer.echo(_describe(message))


def chat_history(
    session_id: Annotated[str, typer.Argument(help="The session to show.")],
    db_path: StoreOption = None,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the session as stored (messages, plans, results) as JSON."
        ),
    ] = False,
    history_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="text: messages with plans and result counts; markdown: the conversation to"
            " read or keep; json: the conversation as a transcript, with each answer's records.",
        ),
    ] = TEXT,
) -> None:
    """Show a session's messages in order, with their plans and result counts (expired too)."""
    if history_format not in HISTORY_FORMATS:
        fail(
            f"--format: unknown format {history_format!r}: use one of {', '.join(HISTORY_FORMATS)}"
        )
    if as_json and history_format != TEXT:
        fail("give --json or --format, not both")
    with open_store(db_path, create=False) as store:
        session = store.get_session(session_id, include_expired=True)
        for message in session.messages if session else []:
            message.decoded()  # a row that cannot be read is an error here, not mid-output
    if session is None:
        fail(f"Session {session_id!r} not found")
    if as_json:
        typer.echo(session.model_dump_json())
    elif history_format != TEXT:
        write_out(CONVERSATION_FORMATS[history_format].write(session, None), None)
    else:
        _print_session(session)


def chat_cleanup(
    db_path: StoreOption = None,
    max_age_hours: Annotated[
        float,
        typer.Option(
            "--max-age-hours",
            min=0,
            max=MAX_HOURS,
            callback=finite,
            help="Expire sessions idle longer than this.",
        ),
    ] = 24.0,
    purge_days: Annotated[
        float | None,
        typer.Option(
            "--purge-days",
            min=0,
            max=MAX_HOURS / 24,
            callback=finite,
            help="Also delete sessions expired more than this many days ago.",
        ),
    ] = None,
) -> None:
    """Expire idle sessions, and optionally delete long-expired ones for good."""
    with open_store(db_path, create=False) as store:
        expired = store.expire_old_sessions(max_age_hours=max_age_hours)
        typer.echo(f"Expired {expired} sessions older than {max_age_hours:g} hours")
        if purge_days is not None:
            purged = store.purge_expired(older_than_hours=purge_days * 24)
            typer.echo(f"Deleted {purged} sessions expired more than {purge_days:g} days ago")


def register(app: typer.Typer) -> None:
    app.command("chat-init")(chat_init)
    app.command("chat-history")(chat_history)
    app.command("chat-cleanup")(chat_cleanup)
