"""What every generated Runware client shares: transport, retries, Server-Sent Events, typed errors.

This file is hand-written, not generated: specgen copies it verbatim into each generated package.
Edit it as generator/templates/client/_runtime.py, then run `specgen generate`.
"""

from __future__ import annotations

import asyncio
import email.utils
import json
import logging
import os
import random
import time
from collections.abc import AsyncIterator, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

# What a generated package re-exports; the client module imports the rest by name.
__all__ = [
    "NOT_GIVEN", "APIConnectionError", "APIStatusError", "APITimeoutError", "AuthenticationError",
    "InsufficientCreditsError", "InvalidRequestError", "InvalidResponseError", "NotFoundError", "NotGiven",
    "PayloadValidationError", "PermissionDeniedError", "RateLimitError", "RetryPolicy", "RunwareError", "ServerError",
]  # fmt: skip

DEFAULT_BASE_URL = "https://api.runware.ai/v1"
DEFAULT_TIMEOUT = httpx.Timeout(600.0, connect=10.0)  # a long generation may take minutes to answer
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
logger = logging.getLogger(__name__.rsplit(".", 1)[0])


class NotGiven:
    """The default of every optional parameter: not sent. (None can be a value.)"""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN = NotGiven()


# -- errors -------------------------------------------------------------------------------------


class RunwareError(Exception):
    """Every error the client raises. `status` is the HTTP status (None without a response),
    `code`, `message`, `parameter` and `task_uuid` come from Runware's error envelope."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        parameter: str | None = None,
        task_uuid: str | None = None,
        errors: tuple[Mapping[str, Any], ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.parameter = parameter
        self.task_uuid = task_uuid
        self.errors = errors

    def __str__(self) -> str:
        parts = [self.message]
        if self.parameter:
            parts.append(f"parameter: {self.parameter}")
        if self.code:
            parts.append(f"code: {self.code}")
        if self.status is not None:
            parts.append(f"status: {self.status}")
        if self.task_uuid:
            parts.append(f"task: {self.task_uuid}")
        return parts[0] if len(parts) == 1 else f"{parts[0]} ({', '.join(parts[1:])})"


class PayloadValidationError(RunwareError, ValueError):
    """The task was not sent: the generated validator found these problems in it."""

    def __init__(self, problems: list[Any]) -> None:
        lines = "\n".join(f"  {problem.path or '/'}: {problem.message}" for problem in problems)
        super().__init__(f"the task is invalid and was not sent ({len(problems)} problem(s)):\n{lines}")
        self.problems = tuple(problems)


class InvalidResponseError(RunwareError):
    """The server answered with something the spec does not allow."""


class APIStatusError(RunwareError):
    """The server answered with an error status or an error envelope."""


class InvalidRequestError(APIStatusError):
    """400: Runware refused a parameter; `parameter` names it when Runware does."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or wrong."""


class InsufficientCreditsError(APIStatusError):
    """402: the account's balance does not cover the task."""


class PermissionDeniedError(APIStatusError):
    """403: the key may not do this."""


class NotFoundError(APIStatusError):
    """404: no such task (or model)."""


class RateLimitError(APIStatusError):
    """429: the queue is full; retried automatically, raised when retries run out."""


class ServerError(APIStatusError):
    """5xx: Runware failed; retried automatically where that is safe."""


class APIConnectionError(RunwareError):
    """No answer: the connection failed or dropped (a stream that ends before [DONE] included)."""


class APITimeoutError(APIConnectionError):
    """No answer in time."""


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: InvalidRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def error_items(body: Any) -> list[dict[str, Any]]:
    """The errors in any envelope Runware uses: {"errors": [...]}, {"error": {...}}, {"error": "text"},
    and the older {"error": true, "errorMessage": ..., "errorId": ...}."""
    if not isinstance(body, Mapping):
        return []
    items: list[dict[str, Any]] = []
    errors = body.get("errors")
    if isinstance(errors, list):
        items += [dict(e) if isinstance(e, Mapping) else {"message": str(e)} for e in errors]
    error = body.get("error")
    if isinstance(error, Mapping):
        items.append(dict(error))
    elif isinstance(error, str):
        items.append({"message": error})
    elif error is True:
        items.append({"message": str(body.get("errorMessage", "error")), "code": body.get("errorId")})
    return items


# Without an HTTP status (a failed task inside a 200 answer, a stream frame), the error code tells.
_BY_CODE: tuple[tuple[tuple[str, ...], type[RunwareError]], ...] = (
    (("invalidapikey", "unauthorized", "authentication"), AuthenticationError),
    (("credit", "balance", "quota"), InsufficientCreditsError),
    (("ratelimit",), RateLimitError),
    (("notfound", "unknownmodel"), NotFoundError),
    (("timeout",), APITimeoutError),
    (("invalid", "missing", "unknown", "unsupported"), InvalidRequestError),
)


def _kind(status: int | None, code: str | None) -> type[RunwareError]:
    if status is not None and status >= 400:
        return _BY_STATUS.get(status, ServerError if status >= 500 else APIStatusError)
    lowered = (code or "").lower()
    return next((kind for words, kind in _BY_CODE if any(word in lowered for word in words)), RunwareError)


def error_from(body: Any, status: int | None, default: str = "Runware returned an error") -> RunwareError:
    """The typed error for a response: its class from the status (or else the error code), its
    details from the envelope."""
    items = error_items(body)
    first = items[0] if items else {}
    message = str(first.get("message") or default)

    def text(key: str) -> str | None:
        value = first.get(key)
        return None if value is None else str(value)

    return _kind(status, text("code"))(
        message,
        status=status,
        code=text("code"),
        parameter=text("parameter"),
        task_uuid=text("taskUUID"),
        errors=tuple(items),
    )


def _response_error(response: httpx.Response) -> RunwareError:
    try:
        body = response.json()
    except ValueError:
        body = {"error": response.text[:500] or response.reason_phrase}
    return error_from(body, response.status_code, f"HTTP {response.status_code}")


# -- retries ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of connection failures and of 408, 429, 500, 502, 503 and 504: exponential backoff
    with full jitter, or the server's Retry-After when it gives one (never more than `max_delay`)."""

    max_retries: int = 2
    initial_delay: float = 0.5
    max_delay: float = 30.0

    def delay(self, attempt: int, response: httpx.Response | None = None) -> float:
        if response is not None:
            after = retry_after(response.headers.get("retry-after"))
            if after is not None:
                return min(after, self.max_delay)
        backoff = min(self.max_delay, self.initial_delay * 2.0**attempt)
        return backoff * (0.5 + random.random() / 2)


def retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _retryable(error: Exception) -> bool:
    # A connection that never got going is safe to retry; a read that timed out may mean the task
    # is running, and the same taskUUID is sent again anyway, so Runware does not start a second one.
    return isinstance(error, (httpx.ConnectError, httpx.ConnectTimeout, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError))


def _connection_error(error: Exception) -> RunwareError:
    if isinstance(error, httpx.TimeoutException):
        return APITimeoutError(f"no answer in time: {type(error).__name__}")
    return APIConnectionError(f"connection failed: {type(error).__name__}: {error}")


# -- configuration ------------------------------------------------------------------------------


def api_key_from(api_key: str | None) -> str:
    key = api_key if api_key is not None else os.environ.get("RUNWARE_API_KEY", "")
    if not key:
        raise AuthenticationError("no API key: pass api_key= or set RUNWARE_API_KEY")
    return key


def base_url_from(base_url: str | None) -> str:
    return (base_url or os.environ.get("RUNWARE_BASE_URL") or DEFAULT_BASE_URL).rstrip("/")


def timeout_from(timeout: float | httpx.Timeout | NotGiven | None, default: httpx.Timeout) -> httpx.Timeout:
    if isinstance(timeout, NotGiven):
        return default
    if isinstance(timeout, httpx.Timeout):
        return timeout
    return httpx.Timeout(timeout)


class _Secret:
    """Holds the API key so that no repr, log line or traceback variable dump shows it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "<hidden>"

    __str__ = __repr__


def _headers(key: _Secret, stream: bool) -> dict[str, str]:
    return {
        "Authorization": f"Bearer {key.reveal()}",
        "Content-Type": "application/json",
        "Accept": "text/event-stream" if stream else "application/json",
    }


# -- transports ---------------------------------------------------------------------------------


class SyncTransport:
    """POSTs task arrays to Runware with retries; the one place the sync client does I/O."""

    def __init__(self, api_key: str | None, base_url: str | None, timeout: float | httpx.Timeout | None, retries: RetryPolicy, http_client: httpx.Client | None) -> None:
        self._key = _Secret(api_key_from(api_key))
        self.base_url = base_url_from(base_url)
        self.timeout = timeout_from(timeout, DEFAULT_TIMEOUT)
        self.retries = retries
        self._http = http_client or httpx.Client()
        self._owns_http = http_client is None

    def close(self) -> None:
        if self._owns_http:
            self._http.close()

    def _send(self, body: list[dict[str, Any]], timeout: httpx.Timeout, stream: bool) -> httpx.Response:
        request = self._http.build_request("POST", self.base_url, content=json.dumps(body), headers=_headers(self._key, stream), timeout=timeout)
        attempt = 0
        while True:
            try:
                response = self._http.send(request, stream=stream)
            except httpx.HTTPError as error:
                if not _retryable(error) or attempt >= self.retries.max_retries:
                    raise _connection_error(error) from None
                delay = self.retries.delay(attempt)
                logger.info("retrying in %.2fs after %s (attempt %d)", delay, type(error).__name__, attempt + 1)
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= self.retries.max_retries:
                    return response
                delay = self.retries.delay(attempt, response)
                logger.info("retrying in %.2fs after HTTP %d (attempt %d)", delay, response.status_code, attempt + 1)
                response.close()
            time.sleep(delay)
            attempt += 1

    def post(self, body: list[dict[str, Any]], timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN) -> Any:
        """The parsed JSON of a successful answer; a typed error otherwise."""
        response = self._send(body, timeout_from(timeout, self.timeout), stream=False)
        return _json_of(response)

    def stream(self, body: list[dict[str, Any]], timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN) -> Iterator[dict[str, Any]]:
        """Each Server-Sent Events data frame of a stream, parsed, until [DONE]."""
        response = self._send(body, timeout_from(timeout, self.timeout), stream=True)
        try:
            if response.status_code >= 400:
                response.read()
                raise _response_error(response)
            events = SseParser()
            for line in response.iter_lines():
                yield from events.feed(line)
            yield from events.close()
        except httpx.HTTPError as error:
            raise _connection_error(error) from None
        finally:
            response.close()


class AsyncTransport:
    """The asynchronous twin of SyncTransport."""

    def __init__(self, api_key: str | None, base_url: str | None, timeout: float | httpx.Timeout | None, retries: RetryPolicy, http_client: httpx.AsyncClient | None) -> None:
        self._key = _Secret(api_key_from(api_key))
        self.base_url = base_url_from(base_url)
        self.timeout = timeout_from(timeout, DEFAULT_TIMEOUT)
        self.retries = retries
        self._http = http_client or httpx.AsyncClient()
        self._owns_http = http_client is None

    async def close(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def _send(self, body: list[dict[str, Any]], timeout: httpx.Timeout, stream: bool) -> httpx.Response:
        request = self._http.build_request("POST", self.base_url, content=json.dumps(body), headers=_headers(self._key, stream), timeout=timeout)
        attempt = 0
        while True:
            try:
                response = await self._http.send(request, stream=stream)
            except httpx.HTTPError as error:
                if not _retryable(error) or attempt >= self.retries.max_retries:
                    raise _connection_error(error) from None
                delay = self.retries.delay(attempt)
                logger.info("retrying in %.2fs after %s (attempt %d)", delay, type(error).__name__, attempt + 1)
            else:
                if response.status_code not in RETRY_STATUSES or attempt >= self.retries.max_retries:
                    return response
                delay = self.retries.delay(attempt, response)
                logger.info("retrying in %.2fs after HTTP %d (attempt %d)", delay, response.status_code, attempt + 1)
                await response.aclose()
            await asyncio.sleep(delay)
            attempt += 1

    async def post(self, body: list[dict[str, Any]], timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN) -> Any:
        response = await self._send(body, timeout_from(timeout, self.timeout), stream=False)
        return _json_of(response)

    async def stream(self, body: list[dict[str, Any]], timeout: float | httpx.Timeout | NotGiven | None = NOT_GIVEN) -> AsyncIterator[dict[str, Any]]:
        response = await self._send(body, timeout_from(timeout, self.timeout), stream=True)
        try:
            if response.status_code >= 400:
                await response.aread()
                raise _response_error(response)
            events = SseParser()
            async for line in response.aiter_lines():
                for event in events.feed(line):
                    yield event
            for event in events.close():
                yield event
        except httpx.HTTPError as error:
            raise _connection_error(error) from None
        finally:
            await response.aclose()


def _json_of(response: httpx.Response) -> Any:
    if response.status_code >= 400:
        raise _response_error(response)
    try:
        return response.json()
    except ValueError:
        raise InvalidResponseError(f"the answer is not JSON (HTTP {response.status_code})", status=response.status_code) from None


# -- Server-Sent Events -------------------------------------------------------------------------


class SseParser:
    """Runware's SSE: `data:` lines carry JSON; `: ping` comments keep the line alive and are
    ignored; `data: [DONE]` ends the stream; an `{"errors": [...]}` frame is a failure."""

    def __init__(self) -> None:
        self.data: list[str] = []
        self.done = False

    def feed(self, line: str) -> Iterator[dict[str, Any]]:
        if self.done:
            return
        if line == "":
            yield from self._dispatch()
        elif line.startswith(":"):
            return  # a comment, such as a ping
        elif line.startswith("data:"):
            self.data.append(line[5:].removeprefix(" "))
        # other fields (event:, id:, retry:) are not used by Runware

    def _dispatch(self) -> Iterator[dict[str, Any]]:
        if not self.data:
            return
        text, self.data = "\n".join(self.data), []
        if text.strip() == "[DONE]":
            self.done = True
            return
        try:
            frame = json.loads(text)
        except ValueError:
            raise InvalidResponseError(f"a stream frame is not JSON: {text[:200]!r}") from None
        if isinstance(frame, Mapping) and error_items(frame) and "delta" not in frame:
            raise error_from(frame, None, "the stream failed")
        if isinstance(frame, Mapping) and isinstance(frame.get("data"), Mapping):
            frame = frame["data"]  # an older shape wraps each chunk
        if not isinstance(frame, dict):
            raise InvalidResponseError(f"a stream frame is not an object: {text[:200]!r}")
        yield frame

    def close(self) -> Iterator[dict[str, Any]]:
        """At the end of the body: a last frame without its blank line, and no [DONE] means the
        connection was dropped."""
        if not self.done:
            yield from self._dispatch()
        if not self.done:
            raise APIConnectionError("the stream ended before [DONE]: the connection was dropped")


# -- polling ------------------------------------------------------------------------------------


def poll_delays(first: float, factor: float = 1.5, cap: float = 10.0) -> Iterator[float]:
    """How long to wait between getResponse polls: `first`, then growing by `factor` up to `cap`."""
    delay = first
    while True:
        yield delay
        delay = min(cap, delay * factor)
