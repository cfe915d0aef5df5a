"""Runware's error vocabulary: the codes its API answers with, as the official SDK sorts them
(runware-sdk `errors.py`: `invalid*`/`missing*`/`unknownParameter` are validation errors,
`rateLimitExceeded` a rate limit, `invalidApiKey` auth, `timeoutProvider` a timeout, ...), and how
a validation problem becomes one error item that names its parameter."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Any, Protocol

from generator.core import naming
from generator.core import pointer as jp
from generator.spec.runware import TASK_ID, TASK_TYPE

# The code a status answers with when nothing more precise is known: Runware's documented code
# where there is one (timeoutProvider, which runware-sdk 1.8.0 classes as "unknown" since it
# looks for "Timeout"), else one the SDK classes into the category the status means.
CODE_FOR_STATUS = {
    400: "invalidRequest",
    401: "invalidApiKey",
    402: "insufficientCredits",
    403: "forbidden",
    404: "taskFailedOrNotFound",
    408: "requestTimeout",
    409: "conflictTaskUUID",
    413: "invalidPayloadSize",
    422: "contentPolicyViolation",
    429: "rateLimitExceeded",
    500: "internalServerError",
    502: "providerError",
    503: "serviceUnavailable",
    504: "timeoutProvider",
}
# What an error with a code but no status answers with: the status its category means.
STATUS_FOR_CODE = {code: status for status, code in CODE_FOR_STATUS.items()}


class Problem(Protocol):
    """A compiled validator's problem (generator.compiler's ValidationError)."""

    path: str
    keyword: str
    message: str


@dataclass(frozen=True)
class Failure:
    """One error item and the HTTP status it would answer with on its own."""

    status: int
    item: dict[str, Any]


def error_item(code: str, message: str, task: Any = None, parameter: str | None = None) -> dict[str, Any]:
    """An item of Runware's `errors` array, carrying the task's taskType and taskUUID when it has them."""
    item: dict[str, Any] = {"code": code, "message": message}
    if parameter is not None:
        item["parameter"] = parameter
    if isinstance(task, dict):
        item.update({key: task[key] for key in (TASK_TYPE, TASK_ID) if isinstance(task.get(key), str)})
    return item


def _unexpected(problem: Problem, task: Any) -> list[str]:
    """The names an additionalProperties problem is about: the object's keys that its message shows."""
    target = task
    for part in jp.split(problem.path):
        target = (
            target[int(part)] if isinstance(target, list) else target.get(part) if isinstance(target, dict) else None
        )
    names = [key for key in target if repr(key) in problem.message] if isinstance(target, dict) else []
    return names or [""]


def _required(problem: Problem) -> str:
    """The missing name of a required problem (worded `'name' is a required property`)."""
    try:
        return str(ast.literal_eval(problem.message.split(" is a required property")[0]))
    except (ValueError, SyntaxError):
        return ""


def problem_failures(problems: list[Problem], task: Any) -> list[Failure]:
    """Runware's validation errors for one task: one per parameter (its first problem), dotted
    (`settings.temperature`); a missing one is `missing<Name>`, an unknown one `unknownParameter`,
    any other `invalid<Name>`."""
    failures: list[Failure] = []
    named: set[str] = set()

    def add(parameter: str, code: str, message: str) -> None:
        if parameter not in named:
            named.add(parameter)
            failures.append(Failure(400, error_item(code, message, task, parameter)))

    for problem in problems:
        parts = jp.split(problem.path)
        if problem.keyword == "required":
            name = _required(problem)
            add(".".join([*parts, name]), "missing" + naming.pascal(name, "Parameter"), problem.message)
        elif problem.keyword == "additionalProperties":
            for name in _unexpected(problem, task):
                parameter = ".".join([*parts, name]) if name else ".".join(parts)
                add(parameter, "unknownParameter", f"Unknown parameter {parameter!r}: {problem.message}")
        else:
            last = next((p for p in reversed(parts) if not p.isdigit()), "task")
            add(".".join(parts), "invalid" + naming.pascal(last, "Parameter"), problem.message)
    return failures
