"""Session commands from the plan: chat-init, chat-history, chat-cleanup."""

from __future__ import annotations

from pathlib import Path

import typer

from app.commands.common import fail, open_store, write_out
from app.settings import get_settings
from scripts.chat import ChatSession, Message
from scripts.export.formats import CONVERSATION_FORMATS

TEXT = "text"
HISTORY_FORMATS = [TEXT, *CONVERSATION_FORMATS]

DB_PATH_HELP = "Session database: a path, sqlite:///path or postgresql://... URL."


def _db(db_path: str | None) -> str:
    return db_path or str(get_settings().session_db)


def chat_init(
    db_path: str = typer.Option(
        None, "--db-path", help=DB_PATH_HELP + "  [default: data/chat/sessions.db]"
    ),
    user_id: str = typer.Option(None, "--user-id", help="Owner of the new session."),
    as_json: bool = typer.Option(False, "--json", help="Print the session as JSON."),
) -> None:
    """Create a new chat session and print its id."""
    with open_store(_db(db_path)) as store:
        session = store.create_session(user_id=user_id)
    if as_json:
        typer.echo(session.model_dump_json())
        return
    typer.echo(f"Created session: {session.session_id}")
    if user_id:
        typer.echo(f"User ID: {user_id}")


def _describe(message: Message) -> str:
    line = f"[{message.timestamp:%Y-%m-%d %H:%M:%S}] {message.role}: {message.content}"
    if message.query_plan and message.query_plan.filters:
        line += "\n    plan: " + "; ".join(f.describe() for f in message.query_plan.filters)
    if message.candidate_set is not None:
        line += f"\n    results: {message.candidate_set.total_count}"
    return line


def _print_session(session: ChatSession) -> None:
    typer.echo(f"Session: {session.session_id}")
    typer.echo(f"User ID: {session.user_id or '-'}")
    typer.echo(f"Created: {session.created_at:%Y-%m-%d %H:%M:%S} UTC")
    typer.echo(f"Updated: {session.updated_at:%Y-%m-%d %H:%M:%S} UTC")
    typer.echo(f"Status: {'expired' if session.is_expired else 'active'}")
    typer.echo(f"Messages: {len(session.messages)}")
    for message in session.messages:
        typer.echo("")
        typer.echo(_describe(message))


def chat_history(
    session_id: str = typer.Argument(..., help="The session to show."),
    db_path: str = typer.Option(
        None, "--db-path", help=DB_PATH_HELP + "  [default: data/chat/sessions.db]"
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print the session as stored (messages, plans, results) as JSON."
    ),
    history_format: str = typer.Option(
        TEXT,
        "--format",
        help="text: messages with plans and result counts; markdown: the conversation to read"
        " or keep; json: the conversation as a transcript, with each answer's records.",
    ),
) -> None:
    """Show a session's messages in order, with their plans and result counts."""
    if history_format not in HISTORY_FORMATS:
        fail(
            f"--format: unknown format {history_format!r}: use one of {', '.join(HISTORY_FORMATS)}"
        )
    if as_json and history_format != TEXT:
        fail("give --json or --format, not both")
    location = _db(db_path)
    if "://" not in location and not Path(location).exists():
        fail(f"no session database at {location}; create a session with `colophon chat-init`")
    with open_store(location) as store:
        session = store.get_session(session_id)
    if session is None:
        fail(f"Session {session_id!r} not found")
    if as_json:
        typer.echo(session.model_dump_json())
    elif history_format != TEXT:
        write_out(CONVERSATION_FORMATS[history_format].write(session, None), None)
    else:
        _print_session(session)


def chat_cleanup(
    db_path: str = typer.Option(
        None, "--db-path", help=DB_PATH_HELP + "  [default: data/chat/sessions.db]"
    ),
    max_age_hours: float = typer.Option(
        24.0, "--max-age-hours", min=0, help="Expire sessions idle longer than this."
    ),
    purge_days: float = typer.Option(
        None,
        "--purge-days",
        min=0,
        help="Also delete sessions expired more than this many days ago.",
    ),
) -> None:
    """Expire idle sessions, and optionally delete long-expired ones for good."""
    with open_store(_db(db_path)) as store:
        expired = store.expire_old_sessions(max_age_hours=max_age_hours)
        typer.echo(f"Expired {expired} sessions older than {max_age_hours:g} hours")
        if purge_days is not None:
            purged = store.purge_expired(older_than_hours=purge_days * 24)
            typer.echo(f"Deleted {purged} sessions expired more than {purge_days:g} days ago")


def register(app: typer.Typer) -> None:
    app.command("chat-init")(chat_init)
    app.command("chat-history")(chat_history)
    app.command("chat-cleanup")(chat_cleanup)
