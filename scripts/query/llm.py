"""Compiling a query with an OpenAI-compatible chat model, as structured output.

One POST to ``{base_url}/chat/completions`` with ``response_format`` a JSON schema built from
``QueryPlan.model_json_schema()`` (made strict: every property required, no defaults), and
the reply validated with ``QueryPlan.model_validate_json``. Anything else - a transport error,
a timeout, a non-200 status, a reply that is not JSON or not a valid plan - raises
``LLMCompileError`` whose ``reason`` is safe to log: it never carries the reader's text.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from pydantic import ValidationError

from scripts.query.linking import Reading
from scripts.query.vocabulary import Vocabulary
from scripts.schemas.query_plan import FilterField, QueryPlan

DEFAULT_BASE_URL = "https://api.openai.com/v1"
DEFAULT_MODEL = "gpt-4o-mini"
MAX_LISTED_PLACES = 150
MAX_CANDIDATE_RUNS = 20
_FILTER_KEYS = {"field", "op", "value"}

SYSTEM_PROMPT = f"""You turn a reader's question about a rare-book catalogue into a QueryPlan.
Filters are ANDed. Fields: {", ".join(f.value for f in FilterField)}.
Operators: EQUALS (exact normalised value), CONTAINS (words in titles, subjects, names),
IN (a list of values, any may match), RANGE (years, with start and/or end, inclusive).
Conventions:
- language: MARC 3-letter code (lat, heb, eng, mao, grc); country: MARC code (nz, it, enk).
- imprint_place: the modern English city name in lower case (venice for Venetiis).
- Where the catalogue's values for words of the question are listed below, build the filter
  from them (field, op and value as given), choosing the reading the question means.
- Otherwise "by X" is agent CONTAINS X; "printed by X" or "published by X" is publisher
  CONTAINS X; other words are keyword CONTAINS (searched in titles, subjects, notes, names).
- year: RANGE; "before 1700" is end 1699, "after 1600" is start 1601, "16th century" is
  1500-1599. Use value null for RANGE and start/end null otherwise.
- "not ..."/"excluding ..." sets negate true on that filter.
- answer is "list" (the books), "count" ("how many ...") or "ranking" (a facet's most common
  values: "which towns ...", "top 5 printers", "who printed the most ..."; set facet, and top
  when a number is given). A list may be ordered: sort date/title/author, descending for
  newest first or Z to A, top N for "the five oldest". A count, ranking or order may have
  no filters ("how many books are there?", "the oldest book").
- query_text is the question as given. If part of it cannot be expressed, list that text in
  unparsed and put a short concrete question in clarification; otherwise clarification null.
Never return a plan with no filters unless clarification asks a question."""


class LLMCompileError(RuntimeError):
    """The model gave no usable plan; ``reason`` names why and never holds query text."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def response_format() -> dict[str, Any]:
    """The ``response_format`` asking for a QueryPlan as strict JSON-schema output."""
    return {
        "type": "json_schema",
        "json_schema": {
            "name": "QueryPlan",
            "strict": True,
            "schema": _strict(QueryPlan.model_json_schema()),
        },
    }


def _strict(schema: Any) -> Any:
    """Strict structured output wants every property required and no ``default`` keys."""
    if isinstance(schema, list):
        return [_strict(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _strict(value) for key, value in schema.items() if key != "default"}
    if out.get("type") == "object" and "properties" in out:
        out["required"] = list(out["properties"])
        out["additionalProperties"] = False
    return out


def compile_with_llm(
    query_text: str,
    *,
    api_key: str,
    base_url: str,
    model: str,
    timeout: float,
    vocabulary: Vocabulary,
    candidates: list[tuple[str, list[Reading]]] = (),
) -> QueryPlan:
    """Ask the model for a plan, told the catalogue's ``candidates`` values for the
    question's words; raise LLMCompileError for any failure."""
    system = SYSTEM_PROMPT + _vocabulary_hint(vocabulary) + _candidates_hint(candidates)
    body = {
        "model": model,
        "temperature": 0,
        "messages": [
            {"role": "system", "content": system},
            {"role": "user", "content": query_text},
        ],
        "response_format": response_format(),
    }
    url = base_url.rstrip("/") + "/chat/completions"
    try:
        response = httpx.post(
            url, json=body, headers={"Authorization": f"Bearer {api_key}"}, timeout=timeout
        )
    except httpx.TimeoutException as exc:
        raise LLMCompileError("timeout") from exc
    except httpx.HTTPError as exc:
        raise LLMCompileError(f"transport error ({type(exc).__name__})") from exc
    if response.status_code != 200:
        raise LLMCompileError(f"HTTP {response.status_code}")
    try:
        content = response.json()["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise LLMCompileError("malformed completion") from exc
    if not isinstance(content, str):
        raise LLMCompileError("completion has no content")
    try:
        return QueryPlan.model_validate_json(content)
    except ValidationError as exc:
        raise LLMCompileError(
            f"reply is not a valid QueryPlan ({exc.error_count()} errors)"
        ) from exc


def _candidates_hint(candidates: list[tuple[str, list[Reading]]]) -> str:
    """One line per run of words: each filter it can be, with how many books have it."""
    lines = []
    for typed, readings in candidates[:MAX_CANDIDATE_RUNS]:
        options = "; ".join(
            f"{r.filter.model_dump_json(include=_FILTER_KEYS, exclude_none=True)} ({r.records}"
            f" books{', a corrected spelling' if r.is_corrected else ''})"
            for r in readings
        )
        lines.append(f"- {json.dumps(typed, ensure_ascii=False)}: {options}")
    if not lines:
        return ""
    return "\nThe catalogue's values for words of this question:\n" + "\n".join(lines)


def _vocabulary_hint(vocabulary: Vocabulary) -> str:
    if not vocabulary.checked:
        return ""
    places = sorted(vocabulary.places, key=lambda p: (-vocabulary.places[p], p))
    listed = ", ".join(places[:MAX_LISTED_PLACES])
    return (
        f"\nThis catalogue's imprint places include: {listed}."
        f"\nIts language codes: {', '.join(sorted(vocabulary.languages))}."
    )
