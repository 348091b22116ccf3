"""``colophon record ID``: one catalogue record in a reader's words, its MARC, or its JSON."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.commands.common import fail, index_failed
from app.settings import get_settings
from scripts.query.connection import IndexNotFoundError, IndexQueryError
from scripts.records.load import RecordNotFoundError, get_record
from scripts.records.view import RecordPage, record_page


def record(
    record_id: Annotated[str, typer.Argument(help="The record's id (its 001), e.g. cph000027.")],
    marc: Annotated[
        bool, typer.Option("--marc", help="Show the MARC record as catalogued, field by field.")
    ] = False,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print the record page as JSON: reader's view, MARC, links."),
    ] = False,
    db: Annotated[
        Path | None,
        typer.Option("--db", help="Index database.", show_default="data/index/bibliographic.db"),
    ] = None,
) -> None:
    """Show one catalogue record: the reader's view, or with --marc its tagged MARC."""
    db_path = db or get_settings().index_db
    if not db_path.is_file():
        fail(f"no index database at {db_path}; build one with `colophon index <file>`")
    try:
        page = record_page(get_record(record_id, db_path, marc=True))
    except RecordNotFoundError:
        fail(f"no record {record_id!r} in {db_path}; `colophon query` finds records and their ids")
    except (IndexNotFoundError, IndexQueryError) as exc:
        fail(index_failed(exc, db_path))
    if as_json:
        typer.echo(page.model_dump_json())
    else:
        typer.echo("\n".join(_marc_lines(page) if marc else _reader_lines(page)))


def _reader_lines(page: RecordPage) -> list[str]:
    lines = [page.title, ""]
    for section in page.sections:
        values = [
            f"{v.text} <{v.url}>" if v.url and v.url != v.text else v.text for v in section.values
        ]
        lines.append(f"{section.label}: {values[0]}")
        lines += [f"{' ' * (len(section.label) + 2)}{value}" for value in values[1:]]
    return [*lines, "", f"Record page: {page.address}"]


def _marc_lines(page: RecordPage) -> list[str]:
    lines = [f"LDR    {page.marc.leader}"]
    for field in page.marc.fields:
        if field.data is not None:
            lines.append(f"{field.tag}    {field.data}")
        else:
            content = " ".join(f"${s.code} {s.value}" for s in field.subfields)
            lines.append(f"{field.tag} {field.ind1 or ' '}{field.ind2 or ' '} {content}")
    return lines


def register(app: typer.Typer) -> None:
    app.command("record")(record)
