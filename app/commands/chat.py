"""``colophon chat``: talk to the catalogue, interactively or one message at a time.

Interactive: line editing and history (readline), resuming a session by id. One-shot, for
scripts: ``colophon chat --session-id ID --json "books printed in Venice"`` prints the
``ChatResponse``. With the default index path, a missing index is built from the demo
catalogue first.
"""

from __future__ import annotations

import atexit
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from app.commands.common import StoreOption, fail, index_failed, open_store
from app.settings import get_settings
from scripts.chat import ChatResponse, SessionNotFoundError, SessionStore
from scripts.chat.conversation import Conversation
from scripts.marc.index import (
    EmptyIndexError,
    IndexWriteError,
    NotAnIndexError,
    ensure_index,
    needs_demo_build,
)
from scripts.marc.parse import CatalogueSourceError
from scripts.query.connection import IndexNotFoundError, IndexQueryError
from scripts.query.vocabulary import load_vocabulary

PROMPT = "you> "
HISTORY_NAME = ".colophon_history"  # lines typed at the prompt, in the home folder
GOODBYE = {"/quit", "/exit", "quit", "exit", ":q"}


def ready_index(index: Path | None) -> Path:
    """The index to answer from; the default one is built, or rebuilt when an older version of
    Colophon built it, from the demo catalogue.

    An index that cannot be read ends the command here, before any session is created.
    """
    settings = get_settings()
    path = index or settings.index_db
    if index is not None and index != settings.index_db and not path.exists():
        fail(f"no index at {path}; build one with `colophon index <marc files> --db {path}`")
    try:
        if path == settings.index_db and needs_demo_build(path, settings.demo_sources):
            typer.secho(
                f"Building {path} from the demo catalogue {settings.demo_catalogue} ...", err=True
            )
            ensure_index(path, settings.demo_sources)
        load_vocabulary(path)
    except CatalogueSourceError as exc:
        fail(f"cannot read the demo catalogue {exc.path}: {exc.reason}")
    except (IndexWriteError, EmptyIndexError, NotAnIndexError) as exc:
        fail(f"cannot build the index {path}: {exc}")
    except (IndexNotFoundError, IndexQueryError) as exc:
        fail(index_failed(exc, path))
    return path


def show(response: ChatResponse) -> None:
    typer.echo(response.message)
    if response.suggested_followups:
        typer.secho("Try: " + " · ".join(response.suggested_followups), fg=typer.colors.CYAN)


def _enable_line_editing(history: Path) -> None:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input still works
        return
    history.parent.mkdir(parents=True, exist_ok=True)
    if history.exists():
        readline.read_history_file(history)
    readline.set_history_length(1000)
    atexit.register(readline.write_history_file, history)


def _session(store: SessionStore, session_id: str | None, user_id: str | None) -> str:
    if session_id is None:
        session_id = store.create_session(user_id=user_id).session_id
        typer.secho(f"New session {session_id}", err=True, fg=typer.colors.YELLOW)
        return session_id
    session = store.get_session(session_id, user_id=user_id)
    if session is None:
        raise SessionNotFoundError(session_id)
    typer.secho(f"Resuming session {session_id} ({len(session.messages)} messages)", err=True)
    return session_id


@contextmanager
def _answering(store: SessionStore, session_id: str, is_new: bool, index: Path) -> Iterator[None]:
    """An index that fails a turn ends the command in one line, and a session this command
    started is not left behind empty."""
    try:
        yield
    except (IndexNotFoundError, IndexQueryError) as exc:
        if is_new and not store.get_messages(session_id, limit=1):
            store.delete_session(session_id)
        fail(index_failed(exc, index))


def chat(
    message: Annotated[
        str | None, typer.Argument(help="Send one message and exit (for scripts).")
    ] = None,
    session_id: Annotated[
        str | None, typer.Option("--session-id", help="Resume this session.")
    ] = None,
    user_id: Annotated[str | None, typer.Option("--user-id", help="Owner of the session.")] = None,
    db_path: StoreOption = None,
    index: Annotated[
        Path | None,
        typer.Option(
            "--index", help="Catalogue index.", show_default="data/index/bibliographic.db"
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the ChatResponse as JSON (one-shot).")
    ] = False,
) -> None:
    """Chat with the catalogue: "books printed in Venice", "only those in Latin", "show more"."""
    if message is not None and not message.strip():
        fail("the message is empty: ask about the catalogue, e.g. 'books printed in Venice'")
    index_path = ready_index(index)
    with open_store(db_path) as store:
        conversation = Conversation(store, index_path)
        session = _session(store, session_id, user_id)
        with _answering(store, session, session_id is None, index_path):
            if message is not None:
                response = conversation.handle(session, message, user_id=user_id)
                typer.echo(response.model_dump_json()) if as_json else show(response)
                return
            _converse(conversation, session, user_id)
        typer.secho(f"Session {session} saved; resume with --session-id {session}", err=True)


def _converse(conversation: Conversation, session: str, user_id: str | None) -> None:
    """Answer what is typed at the prompt until the reader leaves."""
    _enable_line_editing(Path.home() / HISTORY_NAME)
    typer.echo('Ask about the catalogue, e.g. "books printed in Venice". /quit to leave.')
    while True:
        try:
            text = input(PROMPT)
        except (EOFError, KeyboardInterrupt):
            typer.echo("")
            return
        if text.strip().lower() in GOODBYE:
            return
        if text.strip():
            show(conversation.handle(session, text, user_id=user_id))


def register(app: typer.Typer) -> None:
    app.command("chat")(chat)
