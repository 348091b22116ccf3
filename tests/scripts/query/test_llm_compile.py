"""The chat-model compiler against a fake OpenAI-compatible server on 127.0.0.1, and its fallback."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.query import compile as compile_module
from scripts.query.compile import compile_query
from scripts.query.llm import response_format
from scripts.schemas.query_plan import Filter, QueryPlan
from tests.fake_llm import FakeModel, Reply, completion
from tests.fake_llm import fake_model as serving_fake_model

QUESTION = "Hebrew books printed in Amsterdam"
LLM_PLAN = QueryPlan(
    query_text="ignored",
    filters=[
        Filter(field="language", op="EQUALS", value="heb"),
        Filter(field="imprint_place", op="EQUALS", value="amsterdam"),
        Filter(field="year", op="RANGE", end=1699),
    ],
)


@pytest.fixture
def fake_model() -> Iterator[FakeModel]:
    """An OpenAI-compatible /chat/completions on 127.0.0.1, answering ``fake.reply``."""
    with serving_fake_model() as fake:
        yield fake


@pytest.fixture
def warnings_seen(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """The compiler's log records, whatever handlers the CLI configured on ``colophon``."""
    logger = compile_module.log
    logger.addHandler(caplog.handler)
    caplog.set_level(logging.INFO, logger=logger.name)
    try:
        yield caplog
    finally:
        logger.removeHandler(caplog.handler)


def test_valid_reply_becomes_the_plan(fake_model: FakeModel, crafted_index: Path) -> None:
    fake_model.answer(LLM_PLAN.model_dump_json())
    plan = compile_query(QUESTION, "sk-test", db_path=crafted_index, base_url=fake_model.url)
    assert plan.filters == LLM_PLAN.filters
    assert plan.query_text == QUESTION
    assert plan.is_actionable


def test_request_asks_for_a_query_plan_as_structured_output(
    fake_model: FakeModel, crafted_index: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLOPHON_LLM_MODEL", "test-model")
    fake_model.answer(LLM_PLAN.model_dump_json())
    compile_query(QUESTION, "sk-test", db_path=crafted_index, base_url=fake_model.url)
    (request,) = fake_model.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer sk-test"
    body = request["body"]
    assert body["model"] == "test-model"
    assert body["messages"][-1] == {"role": "user", "content": QUESTION}
    assert "venice" in body["messages"][0]["content"]  # the index's places are offered
    assert body["response_format"] == response_format()
    schema = body["response_format"]["json_schema"]["schema"]
    assert set(schema["required"]) == set(QueryPlan.model_json_schema()["properties"])


def test_the_model_is_told_the_catalogue_values_the_question_names(
    fake_model: FakeModel, demo_index: Path
) -> None:
    fake_model.answer(LLM_PLAN.model_dump_json())
    compile_query(
        "Latin books printed in Cambridge by Froschaur", "sk-test", db_path=demo_index,
        base_url=fake_model.url,
    )  # fmt: skip
    system = fake_model.requests[0]["body"]["messages"][0]["content"]
    listed = system.split("The catalogue's values for words of this question:")[1]
    assert '- "Latin": {"field":"language","op":"EQUALS","value":"lat"} (151 books)' in listed
    cambridge = next(line for line in listed.splitlines() if line.startswith('- "Cambridge"'))
    assert '"field":"imprint_place","op":"EQUALS","value":"cambridge"' in cambridge
    assert '"value":"cambridge university press"' in cambridge
    assert '"froschauer christoph"' in listed and "a corrected spelling" in listed


def test_a_model_plan_is_checked_against_the_field_table(
    fake_model: FakeModel, crafted_index: Path
) -> None:
    unsupported = QueryPlan(filters=[Filter(field="year", op="CONTAINS", value="1500")])
    fake_model.answer(unsupported.model_dump_json())
    plan = compile_query(QUESTION, "sk-test", db_path=crafted_index, base_url=fake_model.url)
    assert plan.filters != unsupported.filters  # the grammar answered instead


def test_key_and_base_url_come_from_the_environment(
    fake_model: FakeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-env")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_model.url)
    fake_model.answer(LLM_PLAN.model_dump_json())
    plan = compile_query(QUESTION)
    assert plan.filters == LLM_PLAN.filters
    assert fake_model.requests[0]["headers"]["Authorization"] == "Bearer sk-env"
    assert fake_model.requests[0]["body"]["model"] == "gpt-4o-mini"


FAILURES = {
    "invalid JSON": (Reply(body=completion("this is not json {")), "not a valid QueryPlan"),
    "schema-invalid plan": (
        Reply(body=completion(json.dumps({"filters": [{"field": "colour", "op": "EQUALS"}]}))),
        "not a valid QueryPlan",
    ),
    "HTTP 500": (Reply(status=500, body={"error": "boom"}), "HTTP 500"),
    "not a completion": (Reply(body="<html>gateway</html>"), "malformed completion"),
    "refusal": (
        Reply(body={"choices": [{"message": {"content": None, "refusal": "no"}}]}),
        "no content",
    ),
    "empty plan": (
        Reply(body=completion(QueryPlan().model_dump_json())),
        "asks nothing that can run",
    ),
    "NUL in a value": (
        Reply(
            body=completion(
                json.dumps({"filters": [{"field": "title", "op": "CONTAINS", "value": "a\x00b"}]})
            )
        ),
        "NUL",
    ),
    "NUL in the question": (
        Reply(
            body=completion(
                LLM_PLAN.model_copy(update={"clarification": "a\x00"}).model_dump_json()
            )
        ),
        "NUL",
    ),
    "unsupported operator": (
        Reply(
            body=completion(
                json.dumps({"filters": [{"field": "physical_desc", "op": "EQUALS", "value": "x"}]})
            )
        ),
        "unsupported filter",
    ),
    "timeout": (Reply(body=completion(LLM_PLAN.model_dump_json()), delay=2.0), "timeout"),
}


@pytest.mark.parametrize("case", list(FAILURES))
def test_bad_reply_falls_back_to_the_grammar_with_a_warning(
    fake_model: FakeModel,
    crafted_index: Path,
    warnings_seen: pytest.LogCaptureFixture,
    case: str,
) -> None:
    reply, reason = FAILURES[case]
    fake_model.reply = reply
    plan = compile_query(
        QUESTION, "sk-test", db_path=crafted_index, base_url=fake_model.url, timeout=0.5
    )
    assert plan == compile_query(QUESTION, db_path=crafted_index)  # the deterministic plan
    warnings = {id(r): r for r in warnings_seen.records if r.levelno == logging.WARNING}
    (record,) = warnings.values()  # seen via root and our handler when the logger propagates
    assert "deterministic compiler" in record.getMessage()
    assert reason in record.fields["reason"]
    assert QUESTION not in record.getMessage() + str(record.fields)
    assert "Amsterdam" not in warnings_seen.text


def test_unreachable_server_falls_back(crafted_index: Path) -> None:
    plan = compile_query(
        QUESTION, "sk-test", db_path=crafted_index, base_url="http://127.0.0.1:9/v1"
    )
    assert plan == compile_query(QUESTION, db_path=crafted_index)


def test_model_place_not_in_catalogue_asks_for_clarification(
    fake_model: FakeModel, crafted_index: Path
) -> None:
    invented = QueryPlan(filters=[Filter(field="imprint_place", op="EQUALS", value="atlantis")])
    fake_model.answer(invented.model_dump_json())
    plan = compile_query(
        "books from atlantis", "sk-test", db_path=crafted_index, base_url=fake_model.url
    )
    assert not plan.is_actionable
    assert "'atlantis' is not a place of printing in this catalogue" in plan.clarification
    assert "atlantis" in plan.unparsed


@pytest.mark.parametrize("text", ["", "   ", "x" * 10_000])
def test_empty_or_oversized_queries_are_not_sent(fake_model: FakeModel, text: str) -> None:
    plan = compile_query(text, "sk-test", base_url=fake_model.url)
    assert fake_model.requests == []
    assert plan.clarification


@pytest.mark.parametrize("blank", ["", "  ", "\x1d\n"])
def test_a_blank_clarification_from_the_model_asks_nothing(
    fake_model: FakeModel, crafted_index: Path, blank: str
) -> None:
    fake_model.reply = Reply(
        body=completion(LLM_PLAN.model_copy(update={"clarification": blank}).model_dump_json())
    )
    plan = compile_query(QUESTION, "sk-test", db_path=crafted_index, base_url=fake_model.url)
    assert plan.clarification is None and plan.filters == LLM_PLAN.filters
    fake_model.answer(QueryPlan(clarification=blank).model_dump_json())
    fallback = compile_query(QUESTION, "sk-test", db_path=crafted_index, base_url=fake_model.url)
    assert fallback == compile_query(
        QUESTION, db_path=crafted_index
    )  # neither filters nor a question


def test_a_model_ranking_plan_is_taken_as_it_is(fake_model: FakeModel, crafted_index: Path) -> None:
    ranking = QueryPlan(answer="ranking", facet="place", top=3)
    fake_model.answer(ranking.model_dump_json())
    plan = compile_query("which towns?", "sk-test", db_path=crafted_index, base_url=fake_model.url)
    assert (plan.answer, plan.facet, plan.top, plan.filters) == ("ranking", "place", 3, [])
    assert plan.is_actionable
