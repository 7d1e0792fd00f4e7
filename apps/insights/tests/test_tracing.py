import logging
from typing import Dict

import pytest
from fastapi.testclient import TestClient

from insights.tracing import child_of, parse_traceparent

TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT = "00f067aa0ba902b7"


def test_a_valid_traceparent_is_read() -> None:
    context = parse_traceparent(f"00-{TRACE}-{PARENT}-01")
    assert context is not None
    assert (context.trace_id, context.span_id, context.sampled) == (TRACE, PARENT, True)


@pytest.mark.parametrize(
    "header",
    [None, "", "garbage", f"01-{TRACE}-{PARENT}-01", f"00-{'0' * 32}-{PARENT}-01", f"00-{TRACE}-{'0' * 16}-01", f"00-{TRACE}-{PARENT}"],
)
def test_a_missing_or_malformed_traceparent_starts_a_new_trace(header: str) -> None:
    assert parse_traceparent(header) is None
    fresh = child_of(parse_traceparent(header))
    assert len(fresh.trace_id) == 32 and fresh.parent_id is None


def test_a_request_continues_the_callers_trace_and_logs_its_span(
    client: TestClient, auth: Dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="insights.trace")
    response = client.get("/health", headers={"traceparent": f"00-{TRACE}-{PARENT}-01", **auth})

    assert response.status_code == 200
    version, trace_id, span_id, flags = response.headers["traceresponse"].split("-")
    assert (version, trace_id, flags) == ("00", TRACE, "01")
    assert span_id != PARENT and len(span_id) == 16
    [line] = [record.getMessage() for record in caplog.records if record.name == "insights.trace"]
    assert line.startswith("span GET /health status=200 ")
    assert f"trace_id={TRACE} span_id={span_id} parent_id={PARENT}" in line
    assert auth["Authorization"].split()[1] not in line
