"""OpenAPI documents are read strictly, YAML as well as JSON: the data a document stands for,
as JSON has it, or a refusal with the file and line (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from generator.tools.importer.reading import DocumentError, parse_json, parse_yaml
from tests import strategies
from tests.helpers import run

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(9)
)


@given(strategies.json_values())
def test_json_text_read_as_yaml_is_the_same_data(value: Any) -> None:
    text = json.dumps(value)
    assert parse_yaml(text) == parse_json(text) == value


@pytest.mark.parametrize(
    ("text", "data"),
    [
        ("a: yes\nb: no\nc: on\nd: off\n", {"a": "yes", "b": "no", "c": "on", "d": "off"}),  # YAML 1.2: strings
        ("a: 010\nb: 0o17\nc: 0x1F\nd: +5\n", {"a": 10, "b": 15, "c": 31, "d": 5}),
        ("a: 2026-01-01\nb: 12:30\n", {"a": "2026-01-01", "b": "12:30"}),  # no timestamps, no base 60
        ("200: ok\ntrue: t\n", {"200": "ok", "true": "t"}),  # keys are the text written
        ("a: ~\nb: null\nc:\n", {"a": None, "b": None, "c": None}),
        ('a: "\\ud83d\\ude00"\n', {"a": "\U0001f600"}),
    ],
)
def test_yaml_scalars_are_read_as_yaml_1_2_and_json_have_them(text: str, data: dict[str, Any]) -> None:
    assert parse_yaml(text) == data


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("a: 1\nb: 2\na: 3\n", 3, "duplicate key 'a'; keys must be unique"),
        (BILLION_LAUGHS, 2, "a YAML alias (*name): not read, as aliases can expand without bound"),
        ("a:\n  b: .nan\n", 2, ".nan is not a JSON value"),
        ("a: -.inf\n", 1, "-.inf is not a JSON value"),
        ("a: !!binary aGk=\n", 1, "the YAML tag tag:yaml.org,2002:binary has no JSON value"),
        ("a: !!timestamp 2026-01-01\n", 1, "the YAML tag tag:yaml.org,2002:timestamp has no JSON value"),
        ("a: !!python/object:os.system x\n", 1, "the YAML tag tag:yaml.org,2002:python/object:os.system has no"),
        ("? [1, 2]\n: x\n", 1, "a mapping key must be a plain value: JSON keys are strings"),
        ('a: "\\ud800"\n', 1, "a lone surrogate escape, which no UTF-8 text can hold"),
        ("a: [1,\n", 2, "not valid YAML: "),
    ],
)
def test_what_json_cannot_hold_is_refused_with_its_line(text: str, line: int, message: str) -> None:
    with pytest.raises(DocumentError) as refused:
        parse_yaml(text)
    assert refused.value.line == line and refused.value.message.startswith(message), refused.value.message


def test_a_duplicate_key_in_json_is_refused_with_its_line() -> None:
    with pytest.raises(DocumentError) as refused:
        parse_json('{"openapi": "3.1.0",\n "openapi": "3.0.0"}')
    assert refused.value.line == 2 and "/openapi: duplicate key" in refused.value.message


@pytest.mark.parametrize(("name", "text"), [("doc.yaml", "openapi: 3.1.0\nopenapi: 3.0.0\n"), ("doc", "a: [")])
def test_the_command_names_the_file_and_line(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    result = run("import", path, "--model", "x", "--out", tmp_path / "x.schema.json")
    assert result.exit_code == 2 and result.output.startswith(f"error: {path}:"), result.output
    assert not (tmp_path / "x.schema.json").exists()
