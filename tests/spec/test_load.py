"""Loading a spec: strict JSON, the 2020-12 metaschema, local $refs; every fault has a place."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.errors import ExitCode, SpecgenError
from generator.spec.load import load_spec, parse_spec
from tests.conftest import ROOT
from tests.helpers import DIALECT, tiny_spec, write_spec


def problems_of(data: bytes | str) -> list[str]:
    with pytest.raises(SpecgenError) as raised:
        parse_spec(data, "bad.schema.json")
    assert raised.value.exit_code is ExitCode.UNUSABLE
    return [str(problem) for problem in raised.value.problems]


def test_the_shipped_spec_loads(spec_path: Path = Path("spec/zai-glm-4-7.schema.json")) -> None:
    source = load_spec(ROOT / spec_path, "spec/zai-glm-4-7.schema.json")
    assert source.document["title"] == "TextInferenceTask"
    assert len(source.sha256) == 64


def test_malformed_json_names_line_and_column() -> None:
    assert problems_of('{\n  "a": 1,\n  "b": }\n') == ["bad.schema.json:3: not valid JSON: Expecting value (column 8)"]


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_their_line(constant: str) -> None:
    [problem] = problems_of(f'{{\n  "$schema": "{DIALECT}",\n  "default": {constant}\n}}')
    assert problem.startswith("bad.schema.json:3: ") and f"not valid JSON: {constant} is not a JSON value" in problem


def test_duplicate_keys_are_refused_with_pointer_and_line() -> None:
    text = '{\n  "properties": {\n    "a": {},\n    "a": {"type": "string"}\n  }\n}'
    assert problems_of(text) == ["bad.schema.json:4: /properties/a: duplicate key; JSON keys must be unique"]


def test_invalid_utf8_names_the_offset() -> None:
    [problem] = problems_of(b'{"title": "caf\xe9"}')
    assert problem == "bad.schema.json:1: not UTF-8: byte 0xe9 at offset 14"


def test_a_byte_order_mark_is_accepted() -> None:
    assert parse_spec(b'\xef\xbb\xbf{"type": "object"}', "bom.json").document == {"type": "object"}


def test_the_root_must_be_an_object() -> None:
    assert problems_of("[]") == ["bad.schema.json:1: /: a spec must be a JSON object"]


def test_each_dialect_is_judged_by_its_own_metaschema() -> None:
    draft4 = '{"$schema": "http://json-schema.org/draft-04/schema#", "maximum": 1, "exclusiveMaximum": true}'
    assert parse_spec(draft4, "old.schema.json").document["exclusiveMaximum"] is True
    [problem] = problems_of(draft4.replace("draft-04", "draft-07"))
    assert "/exclusiveMaximum: not a valid JSON Schema document: True is not of type 'number'" in problem


def test_a_dialect_must_be_a_uri() -> None:
    [problem] = problems_of('{"$schema": 7}')
    assert "/$schema: 7 is not a dialect" in problem


def test_metaschema_violations_are_all_reported_with_pointers() -> None:
    document = '{\n "properties": {\n  "a": {"type": 5},\n  "b": {"minimum": "zero"}\n }\n}'
    problems = problems_of(document)
    assert problems[0].startswith("bad.schema.json:3: /properties/a/type: not a valid JSON Schema document")
    assert problems[1].startswith("bad.schema.json:4: /properties/b/minimum: not a valid JSON Schema document")


def test_a_reference_that_leads_nowhere_is_refused() -> None:
    [problem] = problems_of('{"properties": {"a": {"$ref": "#/$defs/Missing"}}}')
    assert (
        problem
        == "bad.schema.json:1: /properties/a/$ref: '#/$defs/Missing' does not resolve: nothing in this document is at that pointer"
    )


def test_a_missing_file_is_unusable_input(tmp_path: Path) -> None:
    with pytest.raises(SpecgenError) as raised:
        load_spec(tmp_path / "nope.schema.json", "nope.schema.json")
    assert str(raised.value) == "nope.schema.json: no such file"
    assert raised.value.exit_code is ExitCode.UNUSABLE


def test_a_file_on_disk_loads(tmp_path: Path) -> None:
    path = write_spec(tmp_path, tiny_spec())
    assert load_spec(path).document["title"] == "DemoTask"


def test_a_cycle_of_references_is_refused() -> None:
    problems = problems_of('{"properties": {"a": {"$ref": "#/$defs/b"}}, "$defs": {"b": {"$ref": "#/properties/a"}}}')
    assert (
        "bad.schema.json:1: /$defs/b/$ref: '#/properties/a' leads round a cycle of references that never reaches a schema"
        in problems
    )
    assert len(problems) == 2, "each reference in the cycle is named"
