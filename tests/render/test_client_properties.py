"""The typed client never sends what the validator would reject, on payloads generated from the
spec (a unit test of the client's wiring: an httpx MockTransport records what would be sent)."""

from __future__ import annotations

import json
from typing import Any

import httpx
import zai_glm_4_7 as glm
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from generator.render import client
from generator.spec.project import load_specs
from tests import strategies
from tests.conftest import SPEC

DOCUMENT = json.loads(SPEC.read_text())
VIEW = client.view(load_specs([SPEC])[0])
assert VIEW is not None
# Where each keyword argument goes in the task, as the renderer decided (a whole object aside).
ARGUMENTS = {argument.path: argument.name for argument in VIEW.arguments if not argument.merges}


def as_arguments(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The keyword arguments that ask the client for this payload, or None if none can."""
    arguments: dict[str, Any] = {}
    for key, value in payload.items():
        if key in ("taskType", "deliveryMethod") and value in ("textInference", "sync"):
            continue
        if key == "settings" and isinstance(value, dict):
            for inner, setting in value.items():
                if ("settings", inner) not in ARGUMENTS:
                    return None
                arguments[ARGUMENTS["settings", inner]] = setting
        elif (key,) in ARGUMENTS:
            arguments[ARGUMENTS[key,]] = value
        else:
            return None
    return arguments


def recording_client(sent: list[Any]) -> glm.Client:
    def answer(request: httpx.Request) -> httpx.Response:
        [task] = json.loads(request.content)
        sent.append(task)
        result = {"taskType": "textInference", "taskUUID": task["taskUUID"], "text": "ok", "finishReason": "stop"}
        return httpx.Response(200, json={"data": [result] * int(task.get("numberResults", 1))})

    return glm.Client(api_key="k", http_client=httpx.Client(transport=httpx.MockTransport(answer)))


@settings(suppress_health_check=[HealthCheck.filter_too_much])
@example(
    {
        "taskType": "textInference",
        "taskUUID": "e3e70682-c209-4cac-a29f-6fbed82c07cd",
        "model": "zai-glm-4-7",
        "messages": [{"role": "user", "content": "0"}],
        "settings": {},
    }
)  # shrunk on CI: settings {} cannot be asked for, and need not be
@example(
    {
        "taskType": "textInference",
        "taskUUID": "e3e70682-c209-4cac-a29f-6fbed82c07cd",
        "messages": [{"role": "user", "content": "0"}],
    }
)  # found by Hypothesis: without `model`, the client sends its default
@given(
    st.one_of(
        strategies.valid_instances(DOCUMENT),
        strategies.near_misses(DOCUMENT).map(lambda miss: miss.payload),
    )
)
def test_the_client_sends_only_what_the_validator_accepts(payload: Any) -> None:
    assume(isinstance(payload, dict) and "messages" in payload)
    arguments = as_arguments(payload)
    assume(arguments is not None and arguments.get("delivery_method") is None)
    assert arguments is not None
    sent: list[Any] = []
    try:
        recording_client(sent).text_inference(**arguments)
    except glm.InvalidPayloadError as error:
        assert sent == [], "nothing is sent when the validator says no"
        assert error.errors
        return
    [task] = sent
    assert glm.validate_text_inference_task(task) == []
    # an empty settings object means the same as none, and keyword arguments cannot ask for one
    expected = {k: v for k, v in payload.items() if k != "deliveryMethod" and (k != "settings" or v)}
    expected.setdefault("model", glm.MODEL_ID)  # the client names its own model when not told another
    assert {k: v for k, v in task.items() if k not in ("deliveryMethod", "taskUUID", "taskType")} == {
        k: v for k, v in expected.items() if k not in ("taskUUID", "taskType")
    }
