"""`specgen import`: Runware's per-model OpenAPI 3.1 document in, a spec in our form out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.spec.load import parse_spec
from generator.tools.importer.openapi import PLATFORM, import_openapi
from generator.tools.lint.linter import lint
from tests.conftest import ROOT, SPEC
from tests.helpers import run

OPENAPI = ROOT / "tests" / "data" / "acme-lumen-2.openapi.json"


@pytest.fixture(scope="module")
def imported() -> dict[str, Any]:
    return import_openapi(json.loads(OPENAPI.read_text()), "acme-lumen-2").document


def test_the_task_becomes_the_root_with_its_constraints(imported: dict[str, Any]) -> None:
    assert imported["title"] == "TextInferenceTask" and imported["x-runware"]["modelId"] == "acme-lumen-2"
    assert imported["required"] == ["taskType", "taskUUID", "model", "messages"]
    assert imported["additionalProperties"] is False
    settings = imported["$defs"]["Settings"]["properties"]
    assert settings["temperature"] == {
        "type": "number",
        "minimum": 0,
        "maximum": 1.5,
        "multipleOf": 0.05,
        "default": 0.7,
        "description": "Sampling temperature.",
    }
    assert imported["properties"]["deliveryMethod"]["oneOf"][2] == {
        "const": "stream",
        "description": "Streams results token-by-token as they are generated.",
    }


def test_references_are_local_and_the_result_is_named_by_convention(imported: dict[str, Any]) -> None:
    assert imported["$defs"]["RequestBody"]["items"] == {"$ref": "#"}
    assert imported["$defs"]["ResponseBody"]["properties"]["data"]["items"] == {"$ref": "#/$defs/TextInferenceResult"}
    assert "#/components" not in json.dumps(imported)


def test_openapi_keywords_are_converted_or_dropped_and_reported() -> None:
    result = import_openapi(json.loads(OPENAPI.read_text()), "acme-lumen-2")
    content = result.document["$defs"]["Message"]["properties"]["content"]
    assert content["examples"] == ["Name three colours."] and "example" not in content
    assert result.document["$defs"]["Settings"]["properties"]["responseFormat"]["type"] == ["string", "null"]
    assert "discriminator" not in json.dumps(result.document) and "externalDocs" not in result.document
    assert "/$defs/TextInferenceResult: discriminator dropped: an OpenAPI hint, no constraint on values" in result.notes
    assert "/paths: not carried: a spec describes the task, not the HTTP operation" in result.notes


def test_what_the_compiler_cannot_compile_is_dropped_and_reported() -> None:
    document = json.loads(OPENAPI.read_text())
    task = document["components"]["schemas"]["LumenTextTask"]["properties"]
    task["model"]["format"] = "x-colour"
    task["messages"]["maxItem"] = 3
    result = import_openapi(document, "acme-lumen-2")
    looser = "so the validators accept more than the document (kept in x-dropped)"
    assert (
        f"/properties/model: format dropped: 'x-colour' is not a format the validators assert, {looser}" in result.notes
    )
    assert (
        f"/properties/messages: maxItem dropped: the validator compiler does not support it, {looser}" in result.notes
    )
    assert result.document["properties"]["model"]["x-dropped"] == {"format": "x-colour"}
    assert result.document["properties"]["messages"]["x-dropped"] == {"maxItem": 3}


def test_the_imported_spec_loads_and_lints_clean(imported: dict[str, Any]) -> None:
    assert lint(parse_spec(json.dumps(imported), "acme-lumen-2.schema.json")) == []


def test_platform_schemas_are_the_ones_the_glm_spec_has() -> None:
    platform = json.loads(PLATFORM.read_text())["$defs"]
    glm = json.loads(SPEC.read_text())["$defs"]
    assert {name: glm[name] for name in platform} == platform


def test_the_command_writes_the_spec_and_reports(tmp_path: Path) -> None:
    target = tmp_path / "acme-lumen-2.schema.json"
    result = run("import", OPENAPI, "--model", "acme-lumen-2", "--out", target)
    assert result.exit_code == 0, result.output
    assert "note: /$defs/TextInferenceResult: discriminator dropped: an OpenAPI hint" in result.output
    assert result.output.endswith(f"wrote {target} (17 note(s), 0 lint problem(s))\n")
    assert run("import", OPENAPI, "--model", "acme-lumen-2", "--out", target).exit_code == 2, "it does not overwrite"
    assert run("import", OPENAPI, "--model", "acme-lumen-2", "--out", target, "--force").exit_code == 0


def test_a_model_id_that_cannot_name_a_package_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    target = tmp_path / "bad.schema.json"
    result = run("import", OPENAPI, "--model", "bad id!", "--out", target)
    assert result.exit_code == 2 and "Invalid value for '--model': 'bad id!' must be up to 100 letters" in result.output
    assert not target.exists()


def test_a_spec_that_cannot_be_written_is_unusable_input(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("")
    result = run("import", OPENAPI, "--model", "acme-lumen-2", "--out", tmp_path / "a-file" / "acme.schema.json")
    assert (
        result.exit_code == 2
        and "cannot go under" in result.output
        and "a-file: it is not a directory" in result.output
    )
    assert "note:" not in result.output, "nothing is reported as done when nothing was written"


def test_not_openapi_is_unusable_input(tmp_path: Path) -> None:
    not_openapi = tmp_path / "x.json"
    not_openapi.write_text('{"swagger": "2.0"}')
    result = run("import", not_openapi, "--model", "x")
    assert result.exit_code == 2 and "not an OpenAPI 3 document" in result.output
