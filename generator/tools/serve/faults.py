"""Faults to inject: what serve does to the next request instead of (or before) answering it, so
that a client's retries, timeouts and error handling can be tested against every error Runware's
SDK handles (validation, auth, quota, rate limit, safety, provider, timeout, not found, server
error, a connection lost midway, and an async task that fails after its acknowledgement)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from generator.tools.serve.vocabulary import CODE_FOR_STATUS, STATUS_FOR_CODE

_CODE = re.compile(r"[a-z][A-Za-z0-9]*", re.ASCII)  # Runware's codes are lowerCamelCase words
SYNTAX = (
    "STATUS[:retry-after=S,parameter=P,code=C] (STATUS 400-599), slow:S, drop:N, stream-error:N[:code=C] "
    "or async-error[:code=C]"
)


class FaultError(ValueError):
    """A fault that cannot be injected (its message says why)."""


@dataclass(frozen=True)
class Fault:
    """What to do to one request instead of (or before) answering it."""

    status: int | None = None  # answer with this status and an error envelope
    retry_after: float | None = None  # with a Retry-After header
    delay: float = 0.0  # wait this long before answering
    drop_after: int | None = None  # a stream: close the connection after this many frames
    error_after: int | None = None  # a stream: send an {"errors": [...]} frame after this many frames
    parameter: str | None = None  # named in the error item
    code: str | None = None  # the error item's code (default: the status's, see vocabulary)
    async_error: bool = False  # the request's async tasks are acknowledged, then fail when polled

    def __post_init__(self) -> None:
        if self.status is not None and (
            isinstance(self.status, bool) or not isinstance(self.status, int) or not 400 <= self.status <= 599
        ):
            raise FaultError(f"status {self.status!r} is not an error status (400-599)")
        for name in ("retry_after", "delay"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int | float) or not math.isfinite(value) or value < 0):
                raise FaultError(f"{name} {value!r} is not a number of seconds")
        for name in ("drop_after", "error_after"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise FaultError(f"{name} {value!r} is not a number of frames")
        if self.code is not None and not (isinstance(self.code, str) and _CODE.fullmatch(self.code)):
            raise FaultError(f"code {self.code!r} is not a Runware error code (a lowerCamelCase word)")
        if self.parameter is not None and not isinstance(self.parameter, str):
            raise FaultError(f"parameter {self.parameter!r} is not a parameter name")
        if not (self.status or self.delay or self.async_error or {self.drop_after, self.error_after} - {None}):
            raise FaultError("the fault does nothing")

    @property
    def error_code(self) -> str:
        """The code the fault's error item carries."""
        if self.code:
            return self.code
        if self.status is not None:
            return CODE_FOR_STATUS.get(self.status, "invalidRequest" if self.status < 500 else "internalServerError")
        return "timeoutProvider" if self.error_after is not None else "taskFailed"

    @property
    def error_status(self) -> int:
        return self.status or STATUS_FOR_CODE.get(self.error_code, 500)

    @classmethod
    def parse(cls, text: str) -> Fault:
        """`429`, `429:retry-after=1`, `400:parameter=seed`, `402:code=insufficientCredits`, `500`,
        `slow:2.5`, `drop:3`, `stream-error:2`, `async-error:code=timeoutProvider` (the --fault syntax)."""
        kind, _, argument = text.partition(":")
        try:
            if kind == "slow":
                return cls(delay=float(argument or 1))
            if kind == "drop":
                return cls(drop_after=int(argument or 1))
            head, _, rest = argument.partition(":") if kind == "stream-error" else ("", "", argument)
            options = dict(part.partition("=")[::2] for part in rest.split(",") if part)
            unknown = set(options) - {"retry-after", "parameter", "code"}
            if unknown:
                raise FaultError(f"unknown option {sorted(unknown)[0]!r}")
            code = options.get("code") or None
            if kind == "stream-error":
                return cls(error_after=int(head or 1), code=code)
            if kind == "async-error":
                return cls(async_error=True, code=code)
            if re.fullmatch(r"[0-9]{3}", kind, re.ASCII):
                after = options.get("retry-after")
                return cls(
                    status=int(kind),
                    retry_after=float(after) if after else None,
                    parameter=options.get("parameter") or None,
                    code=code,
                )
        except FaultError as error:
            raise FaultError(f"{text!r}: {error}") from None
        except ValueError:
            pass
        raise FaultError(f"{text!r} is not a fault: use {SYNTAX}")

    @classmethod
    def from_json(cls, value: Any) -> Fault:
        """A fault from its JSON form (POST /_specgen/faults): the field names of this class."""
        if not isinstance(value, dict):
            raise FaultError(f"{value!r} is not a JSON object")
        fields = set(cls.__dataclass_fields__)
        unknown = set(value) - fields
        if unknown:
            raise FaultError(f"unknown field {sorted(unknown)[0]!r} (known: {', '.join(sorted(fields))})")
        try:
            return cls(**value)
        except TypeError as error:
            raise FaultError(str(error)) from None
