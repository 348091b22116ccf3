"""Schemathesis over the published OpenAPI schema, against a live server: no 5xx, ever, and
every response (errors included) matches the schema it is documented with."""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from app.api.main import create_app
from app.api.tokens import issue_token
from tests.app.api.live import SECRET

MAX_EXAMPLES = 25
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
