"""Schemathesis over the published OpenAPI schema, against a live server: no 5xx, ever, and
every response (errors included) matches the schema it is documented with. A second run sends
``POST /chat`` with the app's compiler pointed at a fake chat model that answers each request
with a Hypothesis-drawn QueryPlan, so every plan shape reaches the executor through the API."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from schemathesis import checks

from app.api.main import create_app
from app.api.tokens import issue_token
from scripts.query.operators import FIELDS
from scripts.schemas import Filter, FilterField, FilterOp, QueryPlan
from tests.app.api.live import SECRET
from tests.fake_llm import FakeModel, fake_model

MAX_EXAMPLES = 25
PLAN_EXAMPLES = 80
# What the API promises; schemathesis's stricter opinions (reject unknown query parameters,
# list every method in a 405's Allow header) are left out.
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(create_app().openapi())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_honours_its_schema(case, base_url):
    token = issue_token(SECRET, "fuzz", 1)
    case.call_and_validate(
        base_url=base_url, headers={"Authorization": f"Bearer {token}"}, checks=CHECKS
    )


SCALARS = st.one_of(st.text(max_size=40).filter(str.strip), st.integers(-3000, 3000))
YEARS = st.one_of(st.none(), st.integers(-3000, 3000))


@st.composite
def filters(draw: st.DrawFn) -> Filter:
    """Any field, op, value and negation that make a valid Filter; ops the field supports are
    drawn more often, so most plans get past the compiler's check to the executor."""
    field = draw(st.sampled_from(list(FilterField)))
    op = draw(st.sampled_from([*sorted(FIELDS[field].ops), *FilterOp]))
    negate = draw(st.booleans())
    if op is FilterOp.RANGE:
        start, end = draw(YEARS), draw(YEARS)
        if start is None and end is None:
            start = draw(st.integers(-3000, 3000))
        if start is not None and end is not None and start > end:
            start, end = end, start
        return Filter(field=field, op=op, start=start, end=end, negate=negate)
    value = draw(st.lists(SCALARS, min_size=1, max_size=4) if op is FilterOp.IN else SCALARS)
    return Filter(field=field, op=op, value=value, negate=negate)


PLANS = st.builds(
    QueryPlan,
    filters=st.lists(filters(), min_size=1, max_size=4),
    unparsed=st.lists(st.text(max_size=20), max_size=2),
    clarification=st.one_of(st.none(), st.none(), st.none(), st.text(min_size=1, max_size=40)),
)
chat = schema.include(path="/chat", method="POST")


@pytest.fixture
def model(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeModel]:
    """The app's compiler asks this fake chat model, which answers the plan the test sets."""
    with fake_model() as fake:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-fuzz")
        monkeypatch.setenv("OPENAI_BASE_URL", fake.url)
        yield fake


@chat.parametrize()
@chat.given(plan=PLANS, follow_up=PLANS)
@settings(
    max_examples=PLAN_EXAMPLES,
    phases=[Phase.reuse, Phase.generate, Phase.shrink],  # the schema's examples take no plan
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_chat_answers_whatever_plan_the_model_returns(case, plan, follow_up, model, base_url):
    if isinstance(case.body, dict) and isinstance(case.body.get("message"), str):
        # A head noun makes the message a search (not "#2", "more", "start over"), which the
        # compiler hands to the model.
        case.body["message"] = f"books {case.body['message']}"
    headers = {"Authorization": f"Bearer {issue_token(SECRET, 'fuzz', 1)}"}
    model.answer(plan.model_dump_json())
    first = case.call_and_validate(base_url=base_url, headers=headers, checks=CHECKS)
    if first.status_code != 200:
        return
    model.answer(follow_up.model_dump_json())  # a refinement merges the model's plan into it
    session_id = first.json()["session_id"]
    body = {"session_id": session_id, "message": "only those"}
    second = httpx.post(f"{base_url}/chat", json=body, headers=headers, timeout=30)
    assert second.status_code == 200, second.text
