"""``colophon query``: compile a question, run it on the index, show the page with its evidence;
or with ``--format``, export every match (RIS, BibTeX, CSL-JSON, CSV or MARCXML).

What is asked of the matches is the question's ("how many Latin books?", "top 5 printers",
"sort by title") unless an option says: ``--count``, ``--facet FIELD [--top N]``, or ``--sort
KEY [--desc] [--top N]`` (the first N books in that order). A count or a ranking is printed as
the chat says it, and with ``--json`` as the typed ``Answer``."""

from __future__ import annotations

from dataclasses import dataclass
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
from scripts.chat.formatter import ORDER_WORDS, answer_message
from scripts.export.formats import FORMATS, record_format
from scripts.export.streams import plan_items
from scripts.query import facets
from scripts.query.compile import compile_query
from scripts.query.connection import IndexNotFoundError, IndexQueryError
from scripts.query.execute import execute_plan
from scripts.query.operators import describe
from scripts.schemas.candidate_set import Candidate, CandidateSet
from scripts.schemas.query_plan import MAX_TOP, AnswerKind, Facet, QueryPlan, SortKey

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
            "--json",
            help="Print the CandidateSet (a count's or a ranking's Answer; the QueryPlan if it"
            " asks a question).",
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
    sort: Annotated[
        SortKey | None,
        typer.Option("--sort", case_sensitive=False, help="List the books in this order."),
    ] = None,
    descending: Annotated[
        bool, typer.Option("--desc", help="Reverse the order: newest first, Z to A.")
    ] = False,
    count: Annotated[
        bool, typer.Option("--count", help="Say how many records match, not which.")
    ] = False,
    facet: Annotated[
        Facet | None,
        typer.Option(
            "--facet",
            case_sensitive=False,
            help="Rank the matches' values of this field, most common first.",
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            max=MAX_TOP,
            help="With --facet, how many values (10 unless the question says); with a list,"
            " only the first N books in its order.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Search the catalogue index and show each result with the evidence of why it matched."""
    index = db_path or get_settings().index_db
    if not index.is_file():
        fail(f"no index database at {index}; build one with `colophon index <file>`")
    if output is not None and export_format is None:
        fail(f"--output writes an export: give --format too ({', '.join(FORMATS)})")
    asked = Asked(sort, descending, count, facet, top)
    if export_format is not None:
        if as_json or session_id is not None:
            fail("--format exports a search on its own: leave out --json and --session-id")
        if count or facet is not None:
            fail("--format exports the books themselves: leave out --count and --facet")
        _export(text, index, export_format, output, api_key, asked)
        return
    if session_id is not None:
        if not text.strip():
            fail("the question is empty: ask about the catalogue, e.g. 'books printed in Venice'")
        if offset:
            fail("--offset does not apply in a session: ask for `show more` instead")
        if asked.any:
            fail(
                "--sort, --desc, --count, --facet and --top ask of a search on its own; in a"
                " session, ask instead: 'sort by title', 'how many?', 'which printers?'"
            )
        _query_in_session(text, index, limit, as_json, session_id, session_db_path, api_key)
        return
    try:
        plan = asked.of(compile_query(text, api_key, db_path=index))
        if not plan.is_actionable:
            typer.echo(plan.model_dump_json() if as_json else _question(plan))
            return
        if plan.answer is not AnswerKind.LIST:
            answer, _ = facets.answer(plan, index)
            typer.echo(answer.model_dump_json() if as_json else answer_message(answer, plan))
            return
        found = execute_plan(plan, index, limit=limit, offset=offset)
    except (IndexNotFoundError, IndexQueryError) as exc:
        fail(index_failed(exc, index))
    if as_json:
        typer.echo(found.model_dump_json())
    else:
        _print_results(plan, found, offset, show_evidence)


@dataclass(frozen=True)
class Asked:
    """What the options ask of the matches, in place of what the question asked."""

    sort: SortKey | None = None
    descending: bool = False
    count: bool = False
    facet: Facet | None = None
    top: int | None = None

    @property
    def any(self) -> bool:
        return self != Asked()

    def of(self, plan: QueryPlan) -> QueryPlan:
        """``plan`` asking what the options ask; fails, saying why, on options that clash."""
        if self.count and self.facet is not None:
            fail("--count and --facet ask for different answers: give one of them")
        listing = self.sort is not None or self.descending
        if listing and (self.count or self.facet is not None):
            fail("--sort and --desc order a list of books: leave out --count and --facet")
        unsorted = {"sort": None, "descending": False}
        changes: dict[str, object] = {}
        if self.count:
            changes = {"answer": AnswerKind.COUNT, "facet": None, "top": None, **unsorted}
        elif self.facet is not None:
            top = plan.top if plan.answer is AnswerKind.RANKING else None
            changes = {"answer": AnswerKind.RANKING, "facet": self.facet, "top": top, **unsorted}
        elif listing:
            top = plan.top if plan.answer is AnswerKind.LIST else None
            key = self.sort or plan.sort or SortKey.DATE
            changes = {"answer": AnswerKind.LIST, "facet": None, "top": top, "sort": key,
                       "descending": self.descending}  # fmt: skip
        if self.top is not None:
            if changes.get("answer", plan.answer) is AnswerKind.COUNT:
                fail("--top cuts a ranking or a list of books: a count has none")
            changes["top"] = self.top
        return QueryPlan.model_validate({**plan.model_dump(), **changes})


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
        typed = response.candidate_set or response.answer or response
        typer.echo(typed.model_dump_json())
    else:
        show(response)
    typer.secho(f"Saved to session {session_id}", err=True)


def _export(
    text: str, db_path: Path, name: str, output: Path | None, api_key: str | None, asked: Asked
) -> None:
    """Every match of the question, in the chosen format and order."""
    try:
        chosen = record_format(name)
    except ValueError as exc:
        fail(f"--format: {exc}")
    try:
        plan = asked.of(compile_query(text, api_key, db_path=db_path))
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
    typer.echo(f"Filters: {filters or 'none, the whole catalogue'}")
    if plan.sort is not None:
        first = f"the first {plan.top}, " if plan.top is not None else ""
        typer.echo(f"Order: {first}{ORDER_WORDS[plan.sort, plan.descending][0]}")
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
        typer.echo(f"   - {fact.label or fact.field}: {raw} [{fact.source}]{sure}")


def _years(c: Candidate) -> str:
    if c.date_start is None:
        return "undated"
    if c.date_end in (None, c.date_start):
        return str(c.date_start)
    return f"{c.date_start}-" if c.date_end == 9999 else f"{c.date_start}-{c.date_end}"


def register(app: typer.Typer) -> None:
    app.command("query")(query)
