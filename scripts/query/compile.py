"""From a reader's words to a ``QueryPlan``: a chat model when configured, else our grammar.

With an API key (the argument, or ``OPENAI_API_KEY``) the query goes to an OpenAI-compatible
``/chat/completions`` (base URL from the argument or ``OPENAI_BASE_URL``, model from
``COLOPHON_LLM_MODEL``), told the index's values that the question's words name
(``grammar.candidates``: the same linking the grammar uses); its plan is checked against the
field table and the index's places. On any failure a warning is logged (the reason, never the query) and the
deterministic grammar (``grammar.parse_query``) answers instead, so compiling never fails
for want of a network. With ``db_path`` names resolve against that index's ``Vocabulary``,
loaded once and cached by path and modification time.
"""

from __future__ import annotations

import os
from pathlib import Path

from scripts.query.fields import check_supported
from scripts.query.grammar import MAX_QUERY_CHARS, candidates, parse_query, read_as
from scripts.query.llm import DEFAULT_BASE_URL, DEFAULT_MODEL, LLMCompileError, compile_with_llm
from scripts.query.vocabulary import Vocabulary, load_vocabulary
from scripts.schemas.query_plan import Filter, FilterField, QueryPlan
from scripts.utils.logger import LoggerManager, fields

log = LoggerManager.get_logger(__name__)


def compile_query(
    query_text: str,
    api_key: str | None = None,
    *,
    db_path: Path | None = None,
    base_url: str | None = None,
    timeout: float = 10.0,
) -> QueryPlan:
    """The plan for ``query_text``; clarification and unparsed say what was not understood."""
    vocabulary = load_vocabulary(db_path) if db_path is not None else Vocabulary.unchecked()
    key = api_key or os.environ.get("OPENAI_API_KEY")
    if key and query_text.strip() and len(query_text) <= MAX_QUERY_CHARS:
        try:
            plan = compile_with_llm(
                query_text,
                api_key=key,
                base_url=base_url or os.environ.get("OPENAI_BASE_URL") or DEFAULT_BASE_URL,
                model=os.environ.get("COLOPHON_LLM_MODEL") or DEFAULT_MODEL,
                timeout=timeout,
                vocabulary=vocabulary,
                candidates=candidates(query_text, vocabulary),
            )
            return _checked(plan, query_text, vocabulary)
        except LLMCompileError as exc:
            log.warning(
                "LLM compile failed; using the deterministic compiler",
                extra=fields(reason=exc.reason, chars=len(query_text)),
            )
    return parse_query(query_text, vocabulary)


def compile_value(text: str, cue: str, db_path: Path) -> list[Filter]:
    """The filters for ``text`` read as the value after ``cue`` ("printed by" + "Cambridge"),
    or [] when the index holds no such value."""
    return read_as(text, cue, load_vocabulary(db_path))


def _checked(plan: QueryPlan, query_text: str, vocabulary: Vocabulary) -> QueryPlan:
    """The model's plan if we can run it, its unknown places turned into a question."""
    if plan.clarification is not None and not plan.clarification.strip():
        plan = plan.model_copy(update={"clarification": None})  # a blank question asks nothing
    said = [plan.clarification or "", *plan.unparsed]
    said += [str(v) for flt in plan.filters for v in flt.values]
    if any("\x00" in text for text in said):  # no message or store may hold it
        raise LLMCompileError("plan holds NUL characters")
    if not plan.is_actionable and not plan.clarification:
        raise LLMCompileError("plan asks nothing that can run, and no question")
    for flt in plan.filters:
        try:
            check_supported(flt)
        except ValueError as exc:
            raise LLMCompileError(f"unsupported filter {flt.field.value} {flt.op.value}") from exc
    unknown = [
        str(value)
        for flt in plan.filters
        if flt.field is FilterField.IMPRINT_PLACE and flt.op.value in ("EQUALS", "IN")
        for value in flt.values
        if vocabulary.checked and vocabulary.place(str(value)) is None
    ]
    update: dict = {"query_text": query_text}
    if unknown:
        names = ", ".join(f"'{u}'" for u in unknown)
        suggestions = ", ".join(p.title() for p in vocabulary.suggest_places(unknown[0]))
        update["unparsed"] = [*plan.unparsed, *unknown]
        update["clarification"] = (
            f"{names} is not a place of printing in this catalogue. "
            f"Did you mean one of these: {suggestions}?"
        )
    return plan.model_copy(update=update)
