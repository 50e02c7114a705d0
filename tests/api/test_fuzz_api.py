"""The API fuzzed from its own OpenAPI document with schemathesis, every check on, the
stateful phase included: no server error, no answer the document does not describe.

The budget lives in one place, ``SOIN_FUZZ_CASES`` (default :data:`DEFAULT_CASES`): split
evenly over the operations, valid and invalid data each, then the same number of steps again
for the stateful phase (chains of calls following the document's links).
"""

from __future__ import annotations

import hashlib
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS, load_all_checks

from core.identity.models import ApiToken

#: generated API calls per run (raise it with SOIN_FUZZ_CASES for a longer hunt)
DEFAULT_CASES = 2000
CASES = int(os.environ.get("SOIN_FUZZ_CASES", DEFAULT_CASES))
TOKEN = "fuzz-token"
HEADERS = {"Authorization": f"Bearer {TOKEN}"}
QUIET = settings(deadline=None, database=None, derandomize=True, print_blob=False,
                 suppress_health_check=list(HealthCheck))


#: valid data may still be refused with a 422 the document cannot foresee: a person id of the
#: right shape that names nobody, a time already past or outside opening hours, a payload
#: the chosen form refuses. Everything else a positive case gets must be a success.
#: Valid data has no NUL byte: every text is refused with one (a documented 400, tested in
#: tests/core/test_hostile_input.py), since PostgreSQL cannot store it.
CONFIG = schemathesis.config.SchemathesisConfig.from_dict({
    "checks": {"positive_data_acceptance": {
        "expected-statuses": ["2xx", "401", "403", "404", "409", "422"]}},
    "generation": {"allow-x00": False},
})


def _auth(case, mode) -> dict:
    """The real token where the case has an Authorization header (any value) or is valid data;
    none where the fuzzer left it out on purpose (the answer must then be a 401)."""
    if mode is GenerationMode.POSITIVE or "Authorization" in (case.headers or {}):
        return HEADERS
    return {}


def all_checks():
    """Every check schemathesis has (``--checks all``)."""
    load_all_checks()
    return CHECKS.get_all()


@pytest.fixture
def api_schema(app, db, make_account, make_person):
    """The document as the app serves it, a token of an account allowed everything the API
    does, and a few people for the fuzzer to find."""
    account = make_account(roles=["admin", "reception", "coordinator"], username="fuzzer")
    db.add(ApiToken(account_id=account.id, name="fuzz",
                    token_hash=hashlib.sha256(TOKEN.encode()).hexdigest()))
    for n in range(3):
        make_person(f"Personne{n}", "Fuzz")
    db.commit()
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=CONFIG)


def _describe(case, exc) -> str:
    return f"{case.method} {case.formatted_path} {case.query or ''} {case.body!r:.200}: {exc!s:.600}"


def test_every_operation_answers_as_documented(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    per_mode = max(1, CASES // (2 * len(operations)))
    failures: list[str] = []
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _fuzz(operation, mode, per_mode, failures)
    assert failures == [], f"{len(failures)} failures:\n" + "\n".join(failures[:40])


def _fuzz(operation, mode, examples: int, failures: list[str]) -> None:
    """Send ``examples`` cases of ``mode`` to ``operation``, collecting every failure."""
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(QUIET, max_examples=examples)
    def run(case):
        headers = _auth(case, mode)
        response = case.call(headers=headers)
        try:
            case.validate_response(response, checks=all_checks(), headers=headers)
        except (Exception, BaseExceptionGroup) as exc:  # every failure collected, shown
            failures.append(_describe(case, exc))
    run()


def test_chains_of_calls_answer_as_documented(api_schema, db):
    failures: list[str] = []
    connection = db.get_bind()

    class Workflow(api_schema.as_state_machine()):
        def setup(self):
            # each scenario starts from the same rows: what one wrote is undone after it
            self.scenario = connection.begin_nested()

        def teardown(self):
            self.scenario.rollback()

        def get_call_kwargs(self, case):
            return {"headers": HEADERS}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            try:
                case.validate_response(response, checks=all_checks(), headers=HEADERS)
            except (Exception, BaseExceptionGroup) as exc:
                failures.append(_describe(case, exc))

    Workflow.run(settings=settings(QUIET, max_examples=max(1, CASES // 20),
                                   stateful_step_count=20))
    assert failures == [], f"{len(failures)} failures:\n" + "\n".join(failures[:40])
