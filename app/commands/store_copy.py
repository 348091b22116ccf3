"""``colophon store-copy``: move the session store from SQLite up to PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import psycopg
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.commands.common import fail, refuse_non_files, store_location
from scripts.chat import CorruptRowError
from scripts.chat.migrate_sessions import SchemaTooNewError
from scripts.chat.postgres_connections import safe_url
from scripts.chat.session_store import parse_location
from scripts.chat.store_copy import CopyReport, copy_store


def _copy_with_progress(source: str, target: str, batch_size: int) -> CopyReport:
    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
    )
    tasks: dict[str, int] = {}

    def progress(table: str, done: int, total: int) -> None:
        if not tasks:
            bar.start()  # only once rows flow, so a refusal stays one line
        if table not in tasks:
            tasks[table] = bar.add_task(f"Copying {table}", total=total)
        bar.update(tasks[table], completed=done)

    try:
        return copy_store(source, target, progress, batch_size)
    finally:
        if tasks:
            bar.stop()


def store_copy(
    source: str = typer.Option(
        ..., "--from", help="The SQLite store to copy: a path or sqlite:///path."
    ),
    target: str = typer.Option(
        None,
        "--to",
        help="The PostgreSQL store to copy into: postgresql://user@host:port/db.",
        show_default="COLOPHON_STORE_URL",
    ),
    batch_size: int = typer.Option(
        1000, "--batch-size", min=1, max=1_000_000, help="Rows per transaction."
    ),
) -> None:
    """Copy every session and message from a SQLite store into PostgreSQL; safe to re-run."""
    target = store_location(target)
    try:
        source_file = parse_location(source)
        if isinstance(source_file, Path):
            refuse_non_files(source_file)
        report = _copy_with_progress(source, target, batch_size)
    except (OSError, ValueError, CorruptRowError, SchemaTooNewError, psycopg.Error) as exc:
        fail(f"store-copy stopped: {exc}")
    for table in ("sessions", "messages"):
        in_source = getattr(report, f"source_{table}")
        copied = getattr(report, f"copied_{table}")
        present = getattr(report, f"present_{table}")
        typer.echo(
            f"{table.capitalize()}: {in_source} in the source, {copied} copied,"
            f" {present - copied} already there"
        )
    if not report.complete:
        fail(
            f"copy incomplete: {report.present_sessions} of {report.source_sessions} sessions"
            f" and {report.present_messages} of {report.source_messages} messages"
            f" are in {safe_url(target)}"
        )
    typer.echo(
        f"Check passed: all {report.source_sessions} sessions and {report.source_messages}"
        f" messages of the source are in {safe_url(target)}"
    )


def register(app: typer.Typer) -> None:
    app.command("store-copy")(store_copy)
