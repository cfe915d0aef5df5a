"""`specgen lint`: problems JSON Schema allows but a spec for code generation must not have."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.spec.load import parse_spec
from generator.tools.lint.linter import lint
from tests.conftest import SPEC
from tests.helpers import run, tiny_spec, write_spec


def lint_messages(assert_formats: bool = True, **properties: Any) -> list[str]:
    document = tiny_spec(**properties)
    document["x-specgen-assert-formats"] = assert_formats
    source = parse_spec(json.dumps(document, indent=1), "demo.schema.json")
    return [str(problem) for problem in lint(source)]


def test_the_shipped_spec_lints_clean() -> None:
    result = run("lint", SPEC)
    assert result.exit_code == 0, result.output


def test_a_default_that_breaks_its_own_bounds_names_the_pointer_and_exits_1(tmp_path: Path) -> None:
    spec = write_spec(
        tmp_path, tiny_spec(topK={"type": "integer", "minimum": 1, "default": -1, "description": "Top-K."})
    )
    result = run("lint", spec)
    assert result.exit_code == 1
    assert (
        f"{spec}:9: /properties/topK/default: the default -1 fails its own schema: -1 is less than the minimum of 1"
        in result.output
    )


def test_a_decimal_step_default_is_not_a_false_alarm() -> None:
    # binary floating point says 0.95 / 0.01 is not whole; JSON's decimals say it is
    assert (
        lint_messages(
            topP={"type": "number", "multipleOf": 0.01, "default": 0.95, "examples": [0.29, 0.57], "description": "p"}
        )
        == []
    )


def test_an_example_that_fails_its_format_is_reported() -> None:
    [message] = lint_messages(
        id={"type": "string", "format": "uuid", "examples": ["not-a-uuid"], "description": "An id."}
    )
    assert (
        "/properties/id/examples/0: the example 'not-a-uuid' fails its own schema: 'not-a-uuid' is not a 'uuid'"
        in message
    )


def test_a_parameter_without_a_description_is_reported() -> None:
    [message] = lint_messages(name={"type": "string"})
    assert message.endswith("/properties/name: the parameter 'name' has no description")


def test_contradictory_bounds_are_reported() -> None:
    messages = lint_messages(
        a={"type": "number", "minimum": 3, "maximum": 2, "description": "a"},
        b={"type": "string", "minLength": 5, "maxLength": 4, "description": "b"},
        c={"type": "number", "exclusiveMinimum": 2, "exclusiveMaximum": 2, "description": "c"},
    )
    assert any("/properties/a/minimum: minimum 3 is greater than maximum 2" in m for m in messages)
    assert any("/properties/b/minLength: minLength 5 is greater than maxLength 4" in m for m in messages)
    assert any(
        "/properties/c/exclusiveMinimum: exclusiveMinimum 2 is not less than exclusiveMaximum 2" in m for m in messages
    )


def test_an_allowed_value_outside_the_declared_type_is_reported() -> None:
    [message] = lint_messages(mode={"type": "string", "enum": ["fast", 3], "description": "Mode."})
    assert "/properties/mode/enum/1: 3 is not of the declared type 'string'" in message


def test_an_integer_value_of_a_number_is_fine() -> None:
    assert lint_messages(n={"type": "number", "enum": [1, 2.5], "description": "n"}) == []


def test_a_required_property_that_cannot_be_sent_is_reported() -> None:
    document = tiny_spec()
    document["required"] = ["ghost"]
    [message] = [str(p) for p in lint(parse_spec(json.dumps(document), "demo.schema.json"))]
    assert "/required: 'ghost' is required, but additionalProperties is false" in message


def test_keywords_the_compiler_cannot_compile_are_reported() -> None:
    messages = lint_messages(
        a={"type": "string", "format": "x-colour", "description": "a"},
        b={"type": "string", "pattern": "a{,2}", "description": "b"},
        c={"type": "object", "maxProperty": 3, "description": "c"},
    )
    assert any("/properties/a/format: format 'x-colour' is not supported" in m for m in messages)
    assert any(
        "/properties/b/pattern: pattern 'a{,2}': not an ECMA-262 regular expression (u flag): "
        "a lone '{' (write \\{ for the character) at offset 1" in m
        for m in messages
    )
    assert any(
        "/properties/c/maxProperty: 'maxProperty' is not a keyword of JSON Schema 2020-12: it checks nothing" in m
        for m in messages
    )


def test_formats_are_annotations_unless_the_spec_asks_for_assertion() -> None:
    spec = {"id": {"type": "string", "format": "uuid", "examples": ["not-a-uuid"], "description": "An id."}}
    assert lint_messages(assert_formats=False, **spec) == []
    assert len(lint_messages(assert_formats=True, **spec)) == 1


def test_keywords_beside_a_draft7_ref_are_reported_as_ignored() -> None:
    document = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {"a": {"type": "string"}},
        "properties": {"b": {"$ref": "#/definitions/a", "maxLength": 2}},
    }
    messages = [str(p) for p in lint(parse_spec(json.dumps(document, indent=1), "old.schema.json"))]
    assert any("/properties/b/maxLength: 'maxLength' is ignored: in draft 7, $ref overrides" in m for m in messages)


def test_conditions_need_no_descriptions() -> None:
    document = tiny_spec()
    document["if"] = {"properties": {"name": {"const": "x"}}}
    document["then"] = {"required": ["name"]}
    assert lint(parse_spec(json.dumps(document), "demo.schema.json")) == []


# -- extension keywords ---------------------------------------------------------------------------


def shipped_with(change: Any) -> list[str]:
    """The lint messages of the shipped spec after `change` edits its document."""
    document = json.loads(SPEC.read_text())
    change(document)
    return [str(problem) for problem in lint(parse_spec(json.dumps(document, indent=1), "glm.schema.json"))]


def test_a_top_level_parameter_without_a_group_is_flagged() -> None:
    def add(document: dict[str, Any]) -> None:
        document["properties"]["reasoning"] = {"type": "boolean", "description": "Think first."}

    [message] = shipped_with(add)
    assert "/properties/reasoning: the parameter 'reasoning' has no x-group" in message


def test_an_inferred_value_without_its_provenance_note_is_flagged() -> None:
    def settings(document: dict[str, Any]) -> dict[str, Any]:
        return dict(document["$defs"]["Settings"]["properties"])

    [message] = shipped_with(lambda d: settings(d)["thinkingLevel"].pop("x-provenance-note"))
    assert "/$defs/Settings/properties/thinkingLevel/x-provenance: x-provenance 'inferred' without" in message
    [message] = shipped_with(lambda d: settings(d)["thinkingLevel"].pop("x-provenance"))
    assert "x-provenance-note without x-provenance" in message
    [message] = shipped_with(lambda d: settings(d)["thinkingLevel"].update({"x-provenance": "guessed"}))
    assert "x-provenance 'guessed' is not one of 'inferred', 'secondary'" in message


def test_an_unknown_extension_keyword_is_flagged() -> None:
    [message] = lint_messages(name={"type": "string", "description": "A name.", "x-gruop": "api"})
    assert "/properties/name/x-gruop: unknown extension keyword 'x-gruop'" in message
    [message] = lint_messages(name={"type": "string", "description": "A name.", "x-learn-more": 0})
    assert "x-learn-more must be a count of 1 or more" in message


def test_a_pattern_that_keeps_backtracking_is_reported_with_its_pointer_and_bound() -> None:
    [message] = lint_messages(word={"type": "string", "pattern": "^(a+)+\\1$", "description": "A word."})
    assert "/properties/word/pattern: pattern '^(a+)+\\\\1$' needs backtracking" in message
    assert "exponential" in message


def test_a_super_linear_pattern_without_backtracking_features_is_not_reported() -> None:
    # it runs on the linear-time automaton, so there is nothing to warn about
    assert lint_messages(word={"type": "string", "pattern": "^(a+)+$", "description": "A word."}) == []


def test_a_hostile_default_of_a_super_linear_pattern_lints_in_linear_time() -> None:
    hostile = "a" * 10_000 + "!"
    [message] = lint_messages(word={"type": "string", "pattern": "^(a+)+$", "default": hostile, "description": "W."})
    assert "/properties/word/default: the default" in message and "does not match '^(a+)+$'" in message
