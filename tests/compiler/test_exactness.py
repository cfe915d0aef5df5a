"""Exactness found by differential fuzzing: each a case where floats, text or quadratic work lied."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.compiler.inmemory import validators_at, validators_for
from generator.spec.build import build
from generator.spec.load import parse_spec
from tests.helpers import tiny_spec


def validator(schema: dict[str, Any]) -> Any:
    module, _ = validators_at(parse_spec(json.dumps(schema), "exact.schema.json"), [""])
    return module


def spec_text(body: str) -> Any:
    module, _ = validators_at(parse_spec(body, "exact.schema.json"), [""])
    return module


@pytest.mark.parametrize(
    ("schema", "instance", "valid"),
    [
        ('{"oneOf": [{"const": [1]}, {"const": [1.0]}]}', [1], False),  # equal JSON: both branches match
        ('{"not": {"const": {"a": [1.0]}}}', {"a": [1]}, False),
        ('{"const": 1e400}', 1e300, False),
        ('{"exclusiveMaximum": 1e999999}', 1e308, True),
        ('{"minimum": -1e400}', -1e308, True),
        ('{"maximum": 1e-400}', 0, True),
        ('{"exclusiveMinimum": 1e-400}', 0, False),  # 1e-400 is not 0
        ('{"enum": [1e400, 2]}', 2, True),
        ('{"const": [1e400, {"a": 1e-400}]}', [1e300, {"a": 0.0}], False),
        ('{"multipleOf": 1e400}', 0, True),
        ('{"minLength": 1000000000000000000000000000000}', "abc", False),
        ('{"maxItems": 1000000000000000000000000000000}', [1, 2], True),
    ],
)
def test_numbers_a_float_cannot_hold_are_compared_exactly(schema: str, instance: Any, valid: bool) -> None:
    module = spec_text(schema)
    assert module.is_valid_entry_0(instance) is valid
    assert (module.validate_entry_0(instance) == []) is valid


@pytest.mark.parametrize(
    ("items", "unique"),
    [
        ([1, 1.0], False),
        ([True, 1], True),
        ([0, False], True),
        ([[1], [True]], True),
        ([{"a": 1, "b": 2}, {"b": 2, "a": 1.0}], False),
        ([None, 0, "", [], {}], True),
    ],
)
def test_unique_items_is_json_equality(items: list[Any], unique: bool) -> None:
    module = validator({"uniqueItems": True})
    assert module.is_valid_entry_0(items) is unique


def test_unique_items_is_not_quadratic() -> None:
    # 200,000 pairwise comparisons would take minutes; a set of keys takes milliseconds.
    # (Timing belongs in the benchmark; this only shows the check scales, via a count of calls.)
    module = validator({"uniqueItems": True})
    calls = 0
    real = module._unique_key

    def counted(value: Any) -> Any:
        nonlocal calls
        calls += 1
        return real(value)

    module._unique_key = counted
    assert module.is_valid_entry_0(list(range(20_000)))
    assert calls == 20_000


def test_a_definition_named_like_the_root_does_not_replace_it() -> None:
    document = tiny_spec()
    document["title"] = "Shape"
    document["$defs"] = {"Shape": {"type": "integer"}}
    module = validators_for(build(parse_spec(json.dumps(document), "clash.schema.json")))
    assert module.VALIDATORS["Shape"].is_valid({}) and not module.VALIDATORS["Shape"].is_valid(3)
    assert module.VALIDATORS["Shape2"].is_valid(3)
