"""JSON values as JSON Schema sees them, checked against the official suite's `const` and `enum`
cases: the suite, not a retyped table, says which values are equal."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.core.jsonvalues import constant_branches, json_equal, json_type, listed_values
from tests.conformance import SUITE


def _equality_cases() -> list[tuple[Any, Any, bool]]:
    """(schema's const, instance, whether the suite says they are equal) for every const test."""
    cases = []
    for group in json.loads((SUITE / "draft2020-12" / "const.json").read_text()):
        if isinstance(group["schema"], dict) and set(group["schema"]) <= {"$schema", "const"}:
            cases += [(group["schema"]["const"], test["data"], test["valid"]) for test in group["tests"]]
    return cases


@pytest.mark.parametrize(("constant", "instance", "equal"), _equality_cases())
def test_json_equality_is_the_suites(constant: Any, instance: Any, equal: bool) -> None:
    assert json_equal(constant, instance) is equal
    assert json_equal(instance, constant) is equal


def test_types() -> None:
    values: list[Any] = [None, True, 1, 1.0, 1.5, "", [], {}]
    assert [json_type(v) for v in values] == [
        "null", "boolean", "integer", "integer", "number", "string", "array", "object",
    ]  # fmt: skip


def test_constant_branches_are_distinct_by_json_equality() -> None:
    assert constant_branches([{"const": [1]}, {"const": [1.0]}]) is None  # the same value twice
    assert constant_branches([{"const": 1}, {"const": True}]) == [1, True]
    assert constant_branches([{"const": 1, "description": "one"}, {"const": 2, "minimum": 0}]) is None


def test_listed_values() -> None:
    assert listed_values({"enum": ["a", "b"]}) == ["a", "b"]
    assert listed_values({"oneOf": [{"const": "a"}, {"const": "b"}]}) == ["a", "b"]
    assert listed_values({"anyOf": [{"const": "a"}, {"minimum": 1}]}) is None
