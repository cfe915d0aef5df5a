"""`specgen import` on documents in Runware's real shape: the task written inline under the
request body's items, YAML, OpenAPI 3.0's `nullable`; the validator it makes agrees with
jsonschema judging the document's own task schema."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from generator.compiler.inmemory import validators_for
from generator.spec.build import build
from generator.spec.load import parse_spec
from generator.tools.importer import keywords
from generator.tools.importer.openapi import import_openapi, read_openapi
from generator.tools.importer.reading import parse_yaml
from tests import strategies
from tests.conftest import ROOT
from tests.helpers import run
from tests.oracle import error_set, oracle_for

RUNWARE = ROOT / "tests" / "data" / "zai-glm-4-7.openapi.yaml"
TASK = "/components/schemas/RequestBody/items"
OPENAPI = read_openapi(RUNWARE)
IMPORTED = import_openapi(copy.deepcopy(OPENAPI), "zai-glm-4-7")
VALIDATORS = validators_for(build(parse_spec(json.dumps(IMPORTED.document), "zai-glm-4-7.schema.json")))
ORACLE = oracle_for(OPENAPI, TASK)  # jsonschema, on the document's task schema itself


def generated_errors(payload: Any) -> set[tuple[str, str]]:
    errors = VALIDATORS.validate_text_inference_task(payload)
    assert VALIDATORS.is_valid_text_inference_task(payload) == (not errors)
    return {(error.path, error.keyword) for error in errors}


def test_the_yaml_document_reads_as_the_json_it_stands_for() -> None:
    responses = OPENAPI["paths"]["/"]["post"]["responses"]
    assert all(isinstance(code, str) for code in responses), "200: is the key '200', as in JSON"
    assert OPENAPI["openapi"] == "3.1.0" and isinstance(OPENAPI["components"]["schemas"]["RequestBody"]["items"], dict)


def test_the_inline_task_becomes_the_root_and_the_request_body_refers_to_it() -> None:
    document, task = IMPORTED.document, OPENAPI["components"]["schemas"]["RequestBody"]["items"]
    assert document["required"] == task["required"]
    assert set(document["properties"]) == set(task["properties"])
    assert document["$defs"]["RequestBody"]["items"] == {"$ref": "#"}
    assert document["$defs"]["ResponseBody"]["properties"]["data"]["items"] == {"$ref": "#/$defs/TextInferenceResult"}
    assert "/components/schemas/RequestBody/items: the task, written inline, became the root schema" in IMPORTED.notes


def test_the_command_imports_the_yaml_document(tmp_path: Path) -> None:
    target = tmp_path / "zai-glm-4-7.schema.json"
    result = run("import", RUNWARE, "--model", "zai-glm-4-7", "--out", target)
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text()) == IMPORTED.document


@given(payload=strategies.valid_instances(OPENAPI, TASK))
def test_the_documents_valid_tasks_are_valid_for_the_imported_validator(payload: Any) -> None:
    assert error_set(ORACLE, payload) == set()
    assert generated_errors(payload) == set()


@given(miss=strategies.near_misses(IMPORTED.document))
def test_the_imported_validator_and_jsonschema_on_the_document_agree_on_near_misses(miss: Any) -> None:
    assert generated_errors(miss.payload) == error_set(ORACLE, miss.payload)


@given(payload=strategies.json_values())
def test_they_agree_on_any_json(payload: Any) -> None:
    assert generated_errors(payload) == error_set(ORACLE, payload)


# -- OpenAPI 3.0: nullable, boolean exclusive bounds, formats that are bounds -----------------------

OPENAPI_30 = """
openapi: 3.0.3
info: {title: Legacy, version: "1"}
components:
  schemas:
    RequestBody:
      type: array
      items:
        type: object
        properties:
          taskType: {type: string, enum: [textInference]}
          tone: {type: string, enum: [calm, bright], nullable: true, description: A tone, or null.}
          label: {type: string, nullable: true, maxLength: 5, description: A label, or null.}
          score: {type: number, minimum: 0, exclusiveMinimum: true, maximum: 1, description: Above zero.}
          count: {type: integer, format: int32, minimum: 1, description: A 32-bit count.}
          blob: {type: string, format: byte, description: Base64 bytes.}
          mail: {type: string, format: x-postal-address, description: An address.}
          plain: {type: string, nullable: false, example: hello, description: Never null.}
        additionalProperties: false
"""


@pytest.fixture(scope="module")
def legacy() -> tuple[dict[str, Any], Any, list[str]]:
    source = parse_yaml(OPENAPI_30)
    imported = import_openapi(copy.deepcopy(source), "legacy-model")
    validators = validators_for(build(parse_spec(json.dumps(imported.document), "legacy-model.schema.json")))
    properties = source["components"]["schemas"]["RequestBody"]["items"]["properties"]
    return properties, validators.VALIDATORS[imported.document["title"]].is_valid, imported.notes


def test_nullable_beside_an_enum_allows_null_and_still_only_the_values(legacy: Any) -> None:
    properties, is_valid, notes = legacy
    assert is_valid({"tone": None}) and is_valid({"label": None})
    assert all(is_valid({"tone": value}) for value in properties["tone"]["enum"])
    assert not is_valid({"tone": "loud"}) and not is_valid({"label": "x" * (properties["label"]["maxLength"] + 1)})
    assert not is_valid({"plain": None}), "nullable: false allows no null"
    assert "/properties/tone: nullable converted: null added to the type and to its values" in notes


def test_a_boolean_exclusive_minimum_stays_exclusive(legacy: Any) -> None:
    properties, is_valid, notes = legacy
    assert not is_valid({"score": properties["score"]["minimum"]}) and is_valid(
        {"score": properties["score"]["maximum"]}
    )
    assert "/properties/score: exclusiveMinimum: true converted: minimum 0 became exclusiveMinimum" in notes


def test_openapi_formats_that_are_bounds_or_patterns_are_kept(legacy: Any) -> None:
    _, is_valid, notes = legacy
    assert is_valid({"count": 2**31 - 1}) and not is_valid({"count": 2**31}) and not is_valid({"count": 0})
    assert is_valid({"blob": "aGVsbG8="}) and not is_valid({"blob": "not base64!"})
    assert "/properties/count: format 'int32' kept as minimum 1 and maximum 2147483647" in notes
    assert "/properties/blob: format 'byte' kept as a base64 pattern" in notes


def test_a_constraint_that_cannot_be_kept_is_reported_and_recorded(legacy: Any) -> None:
    _, is_valid, notes = legacy
    assert is_valid({"mail": "not an address"}), "the validator is looser here, and says so:"
    assert any(
        note.startswith("/properties/mail: format dropped: 'x-postal-address'") and keywords.DROPPED in note
        for note in notes
    )


@pytest.mark.parametrize(
    ("schema", "accepted"),
    [
        ({"type": "string", "nullable": True}, [None, "a"]),
        ({"enum": ["a"], "nullable": True}, [None, "a"]),
        ({"type": "integer", "const": 3, "nullable": True}, [None, 3]),
        ({"type": ["string", "null"], "nullable": True}, [None, "a"]),
    ],
)
def test_nullable_allows_null_beside_each_way_of_listing_values(schema: dict[str, Any], accepted: list[Any]) -> None:
    converted = dict(schema)
    keywords.convert(converted, lambda what: None)
    validator = oracle_for({"$defs": {"s": converted}}, "/$defs/s")
    assert all(validator.is_valid(value) for value in accepted)
    assert not validator.is_valid(True)


def test_a_nullable_without_type_changes_nothing_and_says_so() -> None:
    said: list[str] = []
    schema = {"$ref": "#/components/schemas/X", "nullable": True}
    keywords.convert(schema, said.append)
    assert schema == {"$ref": "#/components/schemas/X"}
    assert said == ["nullable dropped: without a type it allows nothing more (OpenAPI 3.0.3)"]


def test_any_bad_shape_of_the_request_body_is_refused_with_its_pointer(tmp_path: Path) -> None:
    document = copy.deepcopy(OPENAPI)
    document["components"]["schemas"]["RequestBody"]["items"] = {"type": "string"}
    path = tmp_path / "bad.yaml"
    path.write_text(json.dumps(document))
    result = run("import", path, "--model", "zai-glm-4-7", "--out", tmp_path / "out.schema.json")
    assert result.exit_code == 2
    assert f"bad.yaml: {TASK}: the task (RequestBody's items) must be an object schema" in result.output
    document["components"]["schemas"]["RequestBody"]["items"] = {"$ref": "#/components/schemas/Missing"}
    path.write_text(json.dumps(document))
    result = run("import", path, "--model", "zai-glm-4-7", "--out", tmp_path / "out.schema.json")
    assert (
        result.exit_code == 2 and f"{TASK}/$ref: '#/components/schemas/Missing' does not name a schema" in result.output
    )
