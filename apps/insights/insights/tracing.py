"""W3C trace context without an OpenTelemetry SDK (Debian packages none): the service reads the caller's
`traceparent`, makes one span of its own for the request, logs it, and says its id back in `traceresponse`,
so the caller's trace shows where the time went and the service's log line can be found from the trace."""

import logging
import re
import secrets
import time
from dataclasses import dataclass
from typing import Awaitable, Callable, Optional

from fastapi import FastAPI, Request, Response

log = logging.getLogger("insights.trace")

# version 00: 32 hex trace id, 16 hex parent id, 2 hex flags; all-zero ids are invalid (W3C Trace Context §3.2).
_TRACEPARENT = re.compile(r"^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")


@dataclass(frozen=True)
class SpanContext:
    trace_id: str
    span_id: str
    parent_id: Optional[str]
    sampled: bool

    def header(self) -> str:
        return f"00-{self.trace_id}-{self.span_id}-{'01' if self.sampled else '00'}"


def parse_traceparent(value: Optional[str]) -> Optional[SpanContext]:
    """The caller's span, or None for a missing or malformed header (then the request starts a trace)."""
    match = _TRACEPARENT.match((value or "").strip().lower())
    if not match:
        return None
    trace_id, parent_id, flags = match.groups()
    if trace_id == "0" * 32 or parent_id == "0" * 16:
        return None
    return SpanContext(trace_id=trace_id, span_id=parent_id, parent_id=None, sampled=bool(int(flags, 16) & 1))


def child_of(parent: Optional[SpanContext]) -> SpanContext:
    if parent is None:
        return SpanContext(trace_id=secrets.token_hex(16), span_id=secrets.token_hex(8), parent_id=None, sampled=False)
    return SpanContext(trace_id=parent.trace_id, span_id=secrets.token_hex(8), parent_id=parent.span_id, sampled=parent.sampled)


def add_tracing(app: FastAPI) -> None:
    @app.middleware("http")
    async def continue_trace(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        span = child_of(parse_traceparent(request.headers.get("traceparent")))
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        response.headers["traceresponse"] = span.header()
        # Method, path, status and ids only: never headers (the token) or bodies.
        log.info(
            "span %s %s status=%d duration_ms=%.1f trace_id=%s span_id=%s parent_id=%s",
            request.method,
            request.url.path,
            response.status_code,
            elapsed_ms,
            span.trace_id,
            span.span_id,
            span.parent_id or "-",
        )
        return response
