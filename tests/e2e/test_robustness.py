"""Every schema of the official test suite, taken as a spec, and specs nested as deep as allowed:
generate, lint and diff either work or refuse with a located message (SpecgenError), and never
fail otherwise."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.compiler.inmemory import validators_for
from generator.core.errors import SpecgenError
from generator.render import render_all
from generator.spec.build import build
from generator.spec.load import MAX_DEPTH, parse_spec
from generator.tools.diff import diff
from generator.tools.lint.linter import lint
from tests.conformance import SUITE


def suite_schemas() -> list[Any]:
    schemas = []
    for path in sorted((SUITE / "draft2020-12").rglob("*.json")):
        for group in json.loads(path.read_text()):
            schema = group["schema"]
            schemas.append(
                pytest.param(
                    schema if isinstance(schema, dict) else {"allOf": [schema]},
                    id=f"{path.stem}: {group['description']}"[:90],
                )
            )
    return schemas


@pytest.mark.parametrize("document", suite_schemas())
def test_any_schema_is_handled_or_refused_with_its_place(document: dict[str, Any]) -> None:
    try:
        source = parse_spec(json.dumps(document), "suite.schema.json")
        lint(source)
        diff(source, source)
        render_all([build(source)])
    except SpecgenError as error:
        assert all(problem.location.file == "suite.schema.json" for problem in error.problems)


def nested_schema(kind: str, levels: int) -> dict[str, Any]:
    """`maximum: 3` wrapped in `levels` levels of one kind of subschema."""
    schema: dict[str, Any] = {"type": "integer", "maximum": 3}
    for _ in range(levels):
        if kind == "items":
            schema = {"type": "array", "items": schema}
        elif kind == "properties":
            schema = {"type": "object", "properties": {"b": schema}}
        else:
            schema = {"anyOf": [schema, {"type": "string"}]}
    return schema


def nested_instance(kind: str, levels: int, leaf: int) -> Any:
    """The instance that `nested_schema` checks `leaf` in."""
    instance: Any = leaf
    for _ in range(levels if kind != "anyOf" else 0):
        instance = [instance] if kind == "items" else {"b": instance}
    return instance


# The root, `properties` and `a` take three levels of JSON; each level of `items` one more, and
# each of `properties` or `anyOf` two.
@pytest.mark.parametrize(
    ("kind", "levels", "where"),
    [
        ("items", MAX_DEPTH - 3, "/a" + "/0" * (MAX_DEPTH - 3)),
        ("properties", (MAX_DEPTH - 3) // 2, "/a" + "/b" * ((MAX_DEPTH - 3) // 2)),
        ("anyOf", (MAX_DEPTH - 3) // 2, "/a"),
    ],
)
def test_the_deepest_spec_allowed_goes_through_everything(kind: str, levels: int, where: str) -> None:
    schema = nested_schema(kind, levels)
    source = parse_spec(json.dumps({"type": "object", "properties": {"a": schema}}), "deep.schema.json")
    lint(source)
    diff(source, source)
    spec = build(source)
    render_all([spec])
    validate = validators_for(spec).VALIDATORS["DeepTask"].validate
    assert validate({"a": nested_instance(kind, levels, 3)}) == []
    [error] = validate({"a": nested_instance(kind, levels, 4)})
    assert (error.path, error.keyword) == (where, "anyOf" if kind == "anyOf" else "maximum")


def test_one_level_deeper_is_refused_with_its_pointer() -> None:
    schema = nested_schema("items", MAX_DEPTH - 2)
    with pytest.raises(SpecgenError) as raised:
        parse_spec(json.dumps({"type": "object", "properties": {"a": schema}}), "deep.schema.json")
    [problem] = raised.value.problems
    assert problem.location.pointer == "/properties/a" + "/items" * (MAX_DEPTH - 2)
    assert problem.message == f"nested deeper than {MAX_DEPTH} levels, more than specgen reads"
