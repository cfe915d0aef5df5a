"""Examples stay within their size budget whatever the bounds: a spec asking for 10**12 items or
a billion characters generates in bounded time and memory, and the docs say what was left out."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.core import pointer as jp
from generator.spec.examples import BUDGET, Examples, ExampleTooLargeError
from generator.spec.model import Omitted
from tests.conftest import ROOT, SPEC
from tests.helpers import tiny_spec, write_spec

MEMORY = 1 << 30  # address space for a whole `specgen generate`: far less than 10**12 of anything
DESCRIBED = {"description": "A value."}
HUGE = {
    "minItems: 10**12": {"type": "array", "items": {"type": "integer"}, "minItems": 10**12, **DESCRIBED},
    "minLength: 1e9": {"type": "string", "minLength": 1e9, **DESCRIBED},
    "minItems of minLength": {
        "type": "array",
        "items": {"type": "string", "minLength": 5000},
        "minItems": 5000,
        **DESCRIBED,
    },
    "a default repeated 10**6 times": {
        "type": "array",
        "items": {"type": "string", "default": "d" * 1000},
        "minItems": 10**6,
        **DESCRIBED,
    },
}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize("schema", HUGE.values(), ids=HUGE.keys())
def test_a_huge_bound_generates_in_bounded_memory_with_a_note(tmp_path: Path, schema: dict[str, Any]) -> None:
    document = tiny_spec(name={"type": "string", "description": "A name."}, huge=schema)
    document["required"] = ["name", "huge"]
    spec = write_spec(tmp_path, document)
    out = tmp_path / "generated"
    done = subprocess.run(
        [sys.executable, "-m", "generator", "generate", str(spec), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang, not a speed figure
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr
    markdown = (out / "docs" / "demo.md").read_text()
    assert "Left out: " in markdown and " at /huge" in markdown
    assert all(path.stat().st_size < 100 * BUDGET for path in out.rglob("*") if path.is_file())


def test_the_real_specs_examples_fit_the_budget_with_room() -> None:
    document = json.loads(SPEC.read_text())
    examples = Examples(document)
    for full in (False, True):
        assert not isinstance(examples.attempt(document, full), Omitted)


def test_a_note_names_the_place_and_the_size() -> None:
    schema = {"type": "object", "properties": {"a": {"type": "array", "minItems": 10**12}}, "required": ["a"]}
    note = Examples(schema).attempt(schema)
    assert isinstance(note, Omitted)
    assert note.note.startswith("Left out: the value at /a needs at least 1,000,000,000,000 items")


def test_many_small_parts_past_the_budget_are_left_out_too() -> None:
    wide = {"type": "object", "properties": {f"p{i}": {"type": "string"} for i in range(100)}}
    nested: dict[str, Any] = wide
    for _ in range(4):  # 100**4 values if nothing stopped it
        nested = {"type": "object", "properties": {f"p{i}": nested for i in range(100)}}
    result = Examples(nested).attempt(nested, full=True)
    assert isinstance(result, Omitted) and "grows past" in result.note


def _schema_at(schema: dict[str, Any], place: str) -> Any:
    """The schema an instance pointer leads to (None when it leads nowhere the schema describes)."""
    for token in jp.split(place):
        if schema.get("type") == "array" and token.isdigit():
            schema = schema["items"]
        elif token in schema.get("properties", {}):
            schema = schema["properties"][token]
        else:
            return None
    return schema


sizes = st.one_of(st.integers(0, 4), st.integers(0, 10**15))
leaf = st.one_of(
    st.builds(lambda n: {"type": "string", "minLength": n}, sizes),
    st.builds(lambda n: {"type": "integer", "minimum": n}, st.integers(-(10**20), 10**20)),
    st.builds(lambda v: {"const": v}, st.text(max_size=50)),
    st.just({"type": "boolean"}),
)
schemas = st.recursive(
    leaf,
    lambda inner: st.one_of(
        st.builds(lambda item, n: {"type": "array", "items": item, "minItems": n}, inner, sizes),
        st.builds(
            lambda props: {"type": "object", "properties": props, "required": sorted(props)},
            st.dictionaries(st.text("abc", min_size=1, max_size=5), inner, max_size=4),
        ),
    ),
    max_leaves=12,
)


@given(schemas)
def test_an_example_is_small_and_valid_or_left_out_with_the_place(schema: dict[str, Any]) -> None:
    try:
        result = Examples(schema).value(schema, full=True)
    except ExampleTooLargeError as error:
        assert _schema_at(schema, error.path) is not None and error.note.startswith("Left out: ")
        return
    assert len(json.dumps(result, ensure_ascii=False)) <= 8 * BUDGET
    assert jsonschema.Draft202012Validator(schema).is_valid(result)
