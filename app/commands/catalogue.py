"""Catalogue commands: ``colophon index FILES... [--db PATH] [--allow-empty] [--json]``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from app.commands.common import fail
from app.settings import get_settings
from scripts.marc.index import (
    EmptyIndexError,
    IndexSummary,
    IndexWriteError,
    NotAnIndexError,
    ProgressCallback,
    build_index,
)
from scripts.marc.parse import CatalogueSourceError


def index(
    files: Annotated[
        list[Path],
        typer.Argument(help="MARC 21 (.mrc) or MARCXML files to index.", show_default=False),
    ],
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Index database.", show_default="data/index/bibliographic.db"),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Write the index even when no record could be read."),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Build the bibliographic index from MARC files; the old index is replaced on success.

    Exits 1 when no record was indexed, leaving the old index as it was; with --allow-empty the
    empty index replaces it, as asked, with a warning.
    """
    db_path = db or get_settings().index_db
    try:
        with _progress() as progress:
            summary = build_index(files, db_path, progress=progress, allow_empty=allow_empty)
    except CatalogueSourceError as exc:
        fail(f"cannot read {exc.path}: {exc.reason}")
    except NotAnIndexError as exc:
        fail(
            f"{exc.db_path} is not a Colophon index ({exc.reason}); not overwriting it."
            " Choose another --db path."
        )
    except IndexWriteError as exc:
        fail(f"cannot write the index {exc.db_path}: {exc.reason}")
    except EmptyIndexError as exc:
        _warn(exc.summary)
        left = "was not created" if exc.summary.created else "was left as it was"
        fail(
            f"{_nothing_indexed(exc.summary)}; {db_path} {left}. Check that the files hold"
            " MARC 21 or MARCXML records, or pass --allow-empty to write an empty index."
        )
    if summary.created:
        typer.secho(f"Created index database {db_path}", err=True, fg=typer.colors.YELLOW)
    _warn(summary)
    typer.echo(json.dumps(_as_json(summary)) if as_json else _sentence(summary))
    if summary.records == 0:
        typer.secho(
            f"Warning: {_nothing_indexed(summary)}; {db_path} is now an empty index,"
            " as --allow-empty asked.",
            err=True,
            fg=typer.colors.YELLOW,
        )


def register(app: typer.Typer) -> None:
    app.command("index")(index)


@contextmanager
def _progress() -> Iterator[ProgressCallback]:
    """A spinner with a running count of records read, on stderr when it is a terminal."""
    console = Console(stderr=True)
    columns = (SpinnerColumn(), TextColumn("Reading records: {task.completed:,.0f}"))
    with Progress(
        *columns,
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("index", total=None)
        yield lambda read: bar.update(task, completed=read)


def _warn(summary: IndexSummary) -> None:
    """One line on stderr for each record skipped and each warning."""
    lines = [f"skipped {where}: {reason}" for where, reason in summary.skipped]
    lines += [f"{where}: {reason}" for where, reason in summary.warnings]
    for line in lines:
        typer.secho(f"Warning: {line}", err=True, fg=typer.colors.YELLOW)


def _nothing_indexed(summary: IndexSummary) -> str:
    why = f"{len(summary.skipped):,} skipped, see above" if summary.skipped else None
    files = ", ".join(str(source) for source in summary.sources)
    return f"no records indexed from {files} ({why or 'no MARC records found'})"


def _sentence(summary: IndexSummary) -> str:
    sentence = (
        f"Indexed {_count(summary.records, 'record')} from {_count(len(summary.sources), 'file')}"
        f" into {summary.db_path} in {summary.seconds:.1f} s; skipped {len(summary.skipped):,}"
    )
    if summary.warnings:
        sentence += f"; {_count(len(summary.warnings), 'warning')}"
    if summary.duplicates_replaced:
        sentence += f"; replaced {_count(summary.duplicates_replaced, 'duplicate record id')}"
    return sentence


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _as_json(summary: IndexSummary) -> dict[str, object]:
    return {
        "db": str(summary.db_path),
        "sources": [str(source) for source in summary.sources],
        "records": summary.records,
        "skipped": [{"record": where, "reason": reason} for where, reason in summary.skipped],
        "warnings": [{"record": where, "reason": reason} for where, reason in summary.warnings],
        "duplicates_replaced": summary.duplicates_replaced,
        "seconds": round(summary.seconds, 3),
    }
