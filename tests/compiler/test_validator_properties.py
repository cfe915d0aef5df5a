"""Hypothesis properties of the generated validators, on strategies derived from the spec:

1. every valid payload is accepted, by the boolean and the full check alike;
2. every near miss is rejected, with an error at the broken field's pointer and keyword;
3. the errors agree with jsonschema (corrected where it is wrong: tests/oracle.py);
4. the boolean and the full check always agree, and neither changes its input.
"""

from __future__ import annotations

import copy
import json
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests import strategies
from tests.conftest import SPEC
from tests.oracle import error_set, oracle_for

DOCUMENT = json.loads(SPEC.read_text())
SCHEMAS = [("TextInferenceTask", "")] + [(name, f"/$defs/{name}") for name in DOCUMENT["$defs"]]
TASK: dict[str, Any] = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
}


def checks(generated: ModuleType, title: str) -> tuple[Any, Any]:
    validator = generated.VALIDATORS[title]
    return validator.is_valid, validator.validate


def errors_of(generated: ModuleType, title: str, instance: Any) -> set[tuple[str, str]]:
    is_valid, validate = checks(generated, title)
    before = copy.deepcopy(instance)
    errors = validate(instance)
    verdict = is_valid(instance)
    assert instance == before, "validation changed its input"
    assert verdict == (not errors), f"boolean check says {verdict}, full check found {errors}"
    assert all(len(error.message) < 400 for error in errors), "a message shows its value in brief"
    return {(error.path, error.keyword) for error in errors}


@pytest.mark.parametrize(("title", "pointer"), SCHEMAS)
@given(data=st.data())
def test_valid_payloads_are_accepted(generated: ModuleType, title: str, pointer: str, data: st.DataObject) -> None:
    payload = data.draw(strategies.valid_instances(DOCUMENT, pointer))
    assert errors_of(generated, title, payload) == set()


NEAR_MISSES = [
    (title, pointer, keyword)
    for title, pointer in SCHEMAS
    for keyword in strategies.breakable_keywords(DOCUMENT, pointer)
]


@pytest.mark.parametrize(("title", "pointer", "keyword"), NEAR_MISSES)
# A keyword lives in some payloads only (multipleOf needs a textInference task with settings in a
# RequestBody): those without it are filtered out, which is slow but does not distort the rest.
@settings(suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_near_misses_are_rejected_where_they_break(
    generated: ModuleType, title: str, pointer: str, keyword: str, data: st.DataObject
) -> None:
    miss = data.draw(strategies.near_misses(DOCUMENT, pointer, keyword))
    assert (miss.path, miss.keyword) in errors_of(generated, title, miss.payload)


def test_near_misses_cover_every_kind_of_constraint_in_the_task() -> None:
    assert set(strategies.breakable_keywords(DOCUMENT)) == set(strategies.BREAKABLE) - {"maxItems"}


@pytest.mark.parametrize(("title", "pointer"), SCHEMAS)
@given(data=st.data())
def test_errors_agree_with_the_oracle(generated: ModuleType, title: str, pointer: str, data: st.DataObject) -> None:
    instance = data.draw(
        st.one_of(
            strategies.json_values(),
            strategies.valid_instances(DOCUMENT, pointer),
            strategies.near_misses(DOCUMENT, pointer).map(lambda miss: miss.payload),
        )
    )
    assert errors_of(generated, title, instance) == error_set(oracle_for(DOCUMENT, pointer), instance)


# Counterexamples Hypothesis has shrunk to, kept so that they run every time (st.data() draws
# cannot take @example).
PINNED = [
    # jsonschema switched back to its own float multipleOf behind a $ref to "#" (fixed in the oracle)
    (
        "RequestBody",
        "/$defs/RequestBody",
        [{"taskType": "getResponse", "taskUUID": TASK["taskUUID"]}, {**TASK, "settings": {"repetitionPenalty": 0.07}}],
    ),
    ("GetResponseResult", "/$defs/GetResponseResult", {"taskUUID": TASK["taskUUID"], "status": "success"}),
    ("TextInferenceTask", "", {**TASK, "taskUUID": str(TASK["taskUUID"]) + "\n"}),
    ("StreamChunk", "/$defs/StreamChunk", {"taskUUID": TASK["taskUUID"], "delta": {}, "finishReason": None}),
]


@pytest.mark.parametrize(("title", "pointer", "instance"), PINNED)
def test_pinned_counterexamples_agree_with_the_oracle(
    generated: ModuleType, title: str, pointer: str, instance: Any
) -> None:
    assert errors_of(generated, title, instance) == error_set(oracle_for(DOCUMENT, pointer), instance)


# The pitfalls of this very schema (shared/reference/pitfalls.md), pinned one by one.
@pytest.mark.parametrize(
    "temperature", [0.07, 0.14, 0.28, 0.29, 0.47, 0.56, 0.57, 0.58, 0.59, 0.94, 1.11, 1.15, 1.19, 1.88, 2, 0]
)
def test_decimal_steps_are_multiples(generated: ModuleType, temperature: float) -> None:
    assert errors_of(generated, "Settings", {"temperature": temperature}) == set()


@pytest.mark.parametrize("value", [0.1 + 0.2, 1e-9, 0.005, 0.999])
def test_off_step_values_are_not_multiples(generated: ModuleType, value: float) -> None:
    assert errors_of(generated, "Settings", {"topP": value}) == {("/topP", "multipleOf")}


@pytest.mark.parametrize("value", [True, False])
def test_a_bool_is_not_a_number(generated: ModuleType, value: bool) -> None:
    assert errors_of(generated, "Settings", {"maxTokens": value, "temperature": value}) == {
        ("/maxTokens", "type"),
        ("/temperature", "type"),
    }


@pytest.mark.parametrize("seed", [1.0, 4294967295.0, 4294967295, 0])
def test_an_integral_float_is_an_integer(generated: ModuleType, seed: float) -> None:
    assert errors_of(generated, "TextInferenceTask", {**TASK, "seed": seed}) == set()


@pytest.mark.parametrize("seed", [4294967296, 2**64, 10**30, 4294967295.5, -1])
def test_big_integers_compare_exactly(generated: ModuleType, seed: int) -> None:
    keyword = "type" if isinstance(seed, float) else "maximum" if seed > 0 else "minimum"
    assert (("/seed", keyword)) in errors_of(generated, "TextInferenceTask", {**TASK, "seed": seed})


def test_messages_show_any_value_in_brief_even_one_python_cannot_print(generated: ModuleType) -> None:
    deep: list[Any] = []
    for _ in range(100_000):  # past the interpreter's stack: repr() would raise RecursionError
        deep = [deep]
    payload = {**TASK, "seed": 10**5000, "numberResults": -(10**300), "model": [10**5000], "taskType": deep}
    messages = {str(error) for error in generated.validate_text_inference_task(payload)}
    assert {
        "/seed: an integer of 5001 digits is greater than the maximum of 4294967295",
        "/numberResults: a negative integer of 301 digits is less than the minimum of 1",
        "/model: a list too deep or too large to show is not of type 'string'",
        "/taskType: a list too deep or too large to show is not of type 'string'",
    } <= messages
    [error] = generated.validate_text_inference_task({**TASK, "seed": 2**256 - 1})  # 78 digits: shown as they are
    assert error.message == f"{2**256 - 1} is greater than the maximum of 4294967295"


def test_the_top_k_sentinel_and_its_gap(generated: ModuleType) -> None:
    assert errors_of(generated, "Settings", {"topK": -1}) == set()
    assert errors_of(generated, "Settings", {"topK": 1}) == set()
    assert errors_of(generated, "Settings", {"topK": 0}) == {("/topK", "anyOf")}
    assert errors_of(generated, "Settings", {"topK": -2}) == {("/topK", "anyOf")}
    [error] = generated.validate_settings({"topK": 0})
    assert error.message == "0 is not valid under any of the given schemas (expected -1, or at least 1)"


def test_lengths_count_code_points(generated: ModuleType) -> None:
    assert errors_of(generated, "Message", {"role": "user", "content": "😀"}) == set()
    assert errors_of(generated, "Settings", {"systemPrompt": "😀" * 200000}) == set()
    assert errors_of(generated, "Settings", {"systemPrompt": "😀" * 200001}) == {("/systemPrompt", "maxLength")}


@pytest.mark.parametrize(
    "task_uuid",
    [
        "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b\n",  # a pattern cannot match before a trailing newline
        "3f2b6a1e-8c4d-1e5f-9a0b-1c2d3e4f5a6b",  # version 1
        "3f2b6a1e8c4d4e5f9a0b1c2d3e4f5a6b",  # no hyphens
        "{3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b}",
        "urn:uuid:3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
        "3f2b6a1e-8c4d-4e5f-7a0b-1c2d3e4f5a6b",  # variant nibble 7
    ],
)
def test_task_uuid_must_be_a_hyphenated_v4(generated: ModuleType, task_uuid: str) -> None:
    assert ("/taskUUID", "pattern") in errors_of(generated, "TextInferenceTask", {**TASK, "taskUUID": task_uuid})


@pytest.mark.parametrize(
    "url", ["not a uri", "", "//example.com/hook", "https://exa mple.com", "https://example.com/ä"]
)
def test_webhook_url_format_is_asserted(generated: ModuleType, url: str) -> None:
    assert errors_of(generated, "TextInferenceTask", {**TASK, "webhookURL": url}) == {("/webhookURL", "format")}


def test_defaults_are_never_written_into_the_payload(generated: ModuleType) -> None:
    payload = {**TASK, "settings": {}}
    errors_of(generated, "TextInferenceTask", payload)
    assert payload["settings"] == {} and "deliveryMethod" not in payload


@given(st.integers(min_value=0, max_value=200), st.integers(min_value=0, max_value=100))
@example(29, 1)
def test_every_hundredth_in_range_is_a_valid_temperature_and_top_p(
    generated: ModuleType, hundredths: int, top_p_hundredths: int
) -> None:
    settings = {"temperature": hundredths / 100, "topP": top_p_hundredths / 100}
    assert errors_of(generated, "Settings", settings) == set()
