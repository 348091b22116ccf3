"""``colophon query``: compile a question, run it on the index, show the page with its evidence;
or with ``--format``, export every match (RIS, BibTeX, CSL-JSON, CSV or MARCXML)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from app.commands.chat import show
from app.commands.common import (
    STORE_DEFAULT,
    STORE_HELP,
    fail,
    index_failed,
    open_store,
    write_out,
)
from app.settings import get_settings
from scripts.chat.conversation import Conversation
from scripts.export.formats import FORMATS, record_format
from scripts.export.streams import plan_items
from scripts.query.compile import compile_query
from scripts.query.connection import IndexNotFoundError, IndexQueryError
from scripts.query.execute import execute_plan
from scripts.query.operators import describe
from scripts.schemas.candidate_set import Candidate, CandidateSet
from scripts.schemas.query_plan import QueryPlan

MAX_LIMIT = 100_000
MAX_OFFSET = 10_000_000


def query(
    text: Annotated[
        str, typer.Argument(help="The question, e.g. 'Latin books printed in Venice'.")
    ],
    db_path: Annotated[
        Path | None,
        typer.Option(
            "--db-path",
            "--db",
            help="The catalogue index to search.",
            show_default="data/index/bibliographic.db",
        ),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", min=1, max=MAX_LIMIT, help="Results per page.")
    ] = 10,
    offset: Annotated[
        int, typer.Option("--offset", min=0, max=MAX_OFFSET, help="Results to skip.")
    ] = 0,
    show_evidence: Annotated[
        bool,
        typer.Option("--show-evidence/--no-show-evidence", help="Show why each result matched."),
    ] = True,
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the CandidateSet (the QueryPlan if it asks a question)."
        ),
    ] = False,
    session_id: Annotated[
        str | None,
        typer.Option(
            "--session-id",
            help="Ask within this chat session: follow-ups refine its search, and the turn is saved.",
        ),
    ] = None,
    session_db_path: Annotated[
        str | None,
        typer.Option("--session-db-path", help=STORE_HELP, show_default=STORE_DEFAULT),
    ] = None,
    api_key: Annotated[
        str | None,
        typer.Option(
            "--api-key",
            help="Key for an OpenAI-compatible model to read the question (else OPENAI_API_KEY;"
            " without one, Colophon's own reader).",
        ),
    ] = None,
    export_format: Annotated[
        str | None,
        typer.Option(
            "--format",
            help=f"Export every match (not a page) as one of: {', '.join(FORMATS)}.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the export to this file instead of stdout."),
    ] = None,
) -> None:
    """Search the catalogue index and show each result with the evidence of why it matched."""
    index = db_path or get_settings().index_db
    if not index.is_file():
        fail(f"no index database at {index}; build one with `colophon index <file>`")
    if output is not None and export_format is None:
        fail(f"--output writes an export: give --format too ({', '.join(FORMATS)})")
    if export_format is not None:
        if as_json or session_id is not None:
            fail("--format exports a search on its own: leave out --json and --session-id")
        _export(text, index, export_format, output, api_key)
        return
    if session_id is not None:
        if not text.strip():
            fail("the question is empty: ask about the catalogue, e.g. 'books printed in Venice'")
        if offset:
            fail("--offset does not apply in a session: ask for `show more` instead")
        _query_in_session(text, index, limit, as_json, session_id, session_db_path, api_key)
        return
    try:
        plan = compile_query(text, api_key, db_path=index)
        if not plan.is_actionable:
            typer.echo(plan.model_dump_json() if as_json else _question(plan))
            return
        found = execute_plan(plan, index, limit=limit, offset=offset)
    except (IndexNotFoundError, IndexQueryError) as exc:
        fail(index_failed(exc, index))
    if as_json:
        typer.echo(found.model_dump_json())
    else:
        _print_results(plan, found, offset, show_evidence)


def _query_in_session(
    text: str,
    index: Path,
    limit: int,
    as_json: bool,
    session_id: str,
    store: str | None,
    api_key: str | None,
) -> None:
    """One conversation turn: the user message with its plan and the answer are both saved."""
    with open_store(store, create=False) as opened:
        try:
            response = Conversation(opened, index, page_size=limit, api_key=api_key).handle(
                session_id, text
            )
        except (IndexNotFoundError, IndexQueryError) as exc:
            fail(index_failed(exc, index))
    if as_json:
        found = response.candidate_set
        typer.echo(found.model_dump_json() if found else response.model_dump_json())
    else:
        show(response)
    typer.secho(f"Saved to session {session_id}", err=True)


def _export(text: str, db_path: Path, name: str, output: Path | None, api_key: str | None) -> None:
    """Every match of the question, in the chosen format."""
    try:
        chosen = record_format(name)
    except ValueError as exc:
        fail(f"--format: {exc}")
    try:
        plan = compile_query(text, api_key, db_path=db_path)
        if not plan.is_actionable:
            fail(f"nothing to export: {_question(plan)}")
        items = plan_items(plan, db_path, chosen.loading())
        write_out(chosen.write(items), output)
    except (IndexNotFoundError, IndexQueryError) as exc:
        fail(index_failed(exc, db_path))


def _question(plan: QueryPlan) -> str:
    return plan.clarification or "Please say what you are looking for."


def _print_results(plan: QueryPlan, found: CandidateSet, offset: int, evidence: bool) -> None:
    filters = "; ".join(describe(f) for f in plan.filters)
    typer.echo(f"Filters: {filters}")
    if found.total_count == 0:
        typer.echo(f"No records match: no record has {filters}.")
        return
    if not found.candidates:
        typer.echo(f"{found.total_count} records match; none after offset {offset}.")
        return
    last = offset + len(found.candidates)
    noun = "record matches" if found.total_count == 1 else "records match"
    typer.echo(f"{found.total_count} {noun}; showing {offset + 1}-{last}.")
    for number, candidate in enumerate(found.candidates, start=offset + 1):
        typer.echo("")
        _print_candidate(number, candidate, evidence)


def _print_candidate(number: int, c: Candidate, evidence: bool) -> None:
    typer.echo(f"{number}. {c.title or '[untitled]'}" + (f" / {c.author}" if c.author else ""))
    place = c.place_raw or (c.place_norm or "").title()
    if c.place_raw and c.place_norm and c.place_norm not in c.place_raw.lower():
        place += f" ({c.place_norm.title()})"
    facts = [_years(c), place, c.publisher or ""]
    typer.echo("   " + " · ".join(f for f in facts if f) + f"  [record {c.record_id}]")
    if not evidence:
        return
    typer.echo(f"   why: {c.match_rationale}")
    for fact in c.evidence:
        raw = f"'{fact.matched_against}'" if fact.matched_against else "-"
        sure = "" if fact.confidence == 1.0 else f" (confidence {fact.confidence:g})"
        typer.echo(f"   - {fact.field}: {raw} [{fact.source}]{sure}")


def _years(c: Candidate) -> str:
    if c.date_start is None:
        return "undated"
    if c.date_end in (None, c.date_start):
        return str(c.date_start)
    return f"{c.date_start}-" if c.date_end == 9999 else f"{c.date_start}-{c.date_end}"


def register(app: typer.Typer) -> None:
    app.command("query")(query)
