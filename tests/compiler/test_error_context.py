"""An anyOf or oneOf that no branch satisfies carries each branch's errors, as jsonschema's `context`."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.compiler.inmemory import validators_at
from generator.core import pointer as jp
from generator.spec.load import parse_spec
from tests.oracle import oracle_for

SCHEMAS = [
    {"anyOf": [{"type": "string", "maxLength": 2}, {"type": "integer", "minimum": 3}]},
    {"oneOf": [{"properties": {"a": {"const": 1}}, "required": ["a"]}, {"items": {"type": "null"}}, False]},
    {"properties": {"n": {"anyOf": [{"multipleOf": 2}, {"enum": [1, 3]}, {"$ref": "#/$defs/big"}]}}, "$defs": {"big": {"minimum": 100}}},
]  # fmt: skip
INSTANCES = ["abc", 1, 5, {"a": 2}, [1], {"n": 5}, {"n": 4}, None]


@pytest.mark.parametrize("schema", SCHEMAS)
@pytest.mark.parametrize("instance", INSTANCES)
def test_the_branch_errors_are_those_jsonschema_reports(schema: dict[str, Any], instance: Any) -> None:
    module, _ = validators_at(parse_spec(json.dumps(schema), "context.schema.json"), [""])
    ours = [e for e in module.validate_entry_0(instance) if e.keyword in ("anyOf", "oneOf") and e.context]
    theirs = [e for e in oracle_for(schema).iter_errors(instance) if e.validator in ("anyOf", "oneOf") and e.context]
    ours_context = [{(c.path, c.keyword) for c in e.context} for e in ours]
    theirs_context = [
        {(jp.from_tokens(c.absolute_path), "false" if c.validator is None else str(c.validator)) for c in e.context}
        for e in theirs
    ]
    assert ours_context == theirs_context


def test_the_cases_above_do_fail_with_context() -> None:
    failing = 0
    for schema in SCHEMAS:
        module, _ = validators_at(parse_spec(json.dumps(schema), "context.schema.json"), [""])
        failing += sum(1 for instance in INSTANCES for error in module.validate_entry_0(instance) if error.context)
    assert failing >= 2 * len(SCHEMAS)  # every schema fails with context on some instance
