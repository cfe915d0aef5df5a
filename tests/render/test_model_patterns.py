"""Models read a spec's ECMA-262 patterns as the validators do: through their exact `re`
translation and pydantic's python-re engine, or not at all when only the validators' linear-time
matcher can run them (the client checks every payload with the validator before sending)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from generator.compiler.inmemory import load_module
from generator.render import render_all
from generator.spec.build import build
from generator.spec.load import parse_spec
from tests.helpers import tiny_spec

PATTERNS = {
    "named": "^(?<n>a)\\k<n>$",  # Python spells named groups and their references differently
    "anything": "^[^]$",  # ECMA's "any character at all"; Python refuses `[^]`
    "control": "^\\cJ$",  # a newline, written as a control escape Python does not know
    "digits": "^\\d+$",  # ASCII digits in ECMA, any decimal digit in Rust's regex
    "dot": "^.$",  # ECMA's dot excludes \r, U+2028 and U+2029
    "nested": "^(a+)+$",  # super-linear on re: only the validators' automaton runs it
}
STRINGS = ["aa", "a", "\n", "\r", "x", "123", "١٢٣", "\u2028", "aaa", ""]


@pytest.fixture(scope="module")
def modules() -> tuple[Any, Any]:
    properties = {name: {"type": "string", "pattern": p, "description": name} for name, p in PATTERNS.items()}
    spec = build(parse_spec(json.dumps(tiny_spec(**properties)), "patterns.schema.json"))
    files = render_all([spec])
    validators = load_module("patterns_validators", files[next(p for p in files if p.name == "validators.py")])
    models = load_module("patterns_models", files[next(p for p in files if p.name == "models.py")])
    return validators, getattr(models, spec.schemas[0].class_name)


def _model_accepts(model: Any, name: str, value: str) -> bool:
    try:
        model.model_validate({name: value})
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("name", [name for name in PATTERNS if name != "nested"])
def test_the_model_and_the_validator_agree_on_every_string(modules: tuple[Any, Any], name: str) -> None:
    validators, model = modules
    for value in STRINGS:
        valid = validators.VALIDATORS[model.__name__].is_valid({name: value})
        assert _model_accepts(model, name, value) == valid, (name, value)


def test_a_pattern_only_the_automaton_runs_is_left_to_the_validator(modules: tuple[Any, Any]) -> None:
    validators, model = modules
    assert _model_accepts(model, "nested", "b")
    assert not validators.VALIDATORS[model.__name__].is_valid({"nested": "b"})
