"""References to other documents: read from the spec's folder or a --ref-dir, never the network."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.compiler.inmemory import validators_at
from generator.core.errors import SpecgenError
from generator.spec.load import load_spec


def spec_with_ref(folder: Path, ref: str, ref_dirs: tuple[Path, ...] = ()) -> Any:
    path = folder / "main.schema.json"
    path.write_text(json.dumps({"properties": {"n": {"$ref": ref}}}))
    module, _ = validators_at(load_spec(path, ref_dirs=ref_dirs), [""])
    return module


def test_a_file_beside_the_spec_is_referenced(tmp_path: Path) -> None:
    (tmp_path / "count.json").write_text(json.dumps({"$defs": {"c": {"type": "integer", "minimum": 1}}}))
    module = spec_with_ref(tmp_path, "count.json#/$defs/c")
    assert module.is_valid_entry_0({"n": 2})
    [error] = module.validate_entry_0({"n": 0})
    assert (error.path, error.keyword) == ("/n", "minimum")
    assert error.schema_path.endswith("count.json#/$defs/c/minimum")


def test_a_ref_dir_is_searched_and_nothing_outside_it(tmp_path: Path) -> None:
    shared, spec_folder = tmp_path / "shared", tmp_path / "spec"
    shared.mkdir()
    spec_folder.mkdir()
    (shared / "count.json").write_text(json.dumps({"type": "integer"}))
    assert spec_with_ref(spec_folder, "../shared/count.json", ref_dirs=(shared,)).is_valid_entry_0({"n": 1})
    with pytest.raises(SpecgenError) as raised:
        spec_with_ref(spec_folder, "../shared/count.json")
    assert "never from the network" in str(raised.value)


@pytest.mark.parametrize("ref", ["https://example.com/x.json", "file:///etc/passwd"])
def test_the_network_and_other_paths_are_never_read(tmp_path: Path, ref: str) -> None:
    with pytest.raises(SpecgenError) as raised:
        spec_with_ref(tmp_path, ref)
    [problem] = raised.value.problems
    assert problem.location.pointer == "/properties/n/$ref"
    assert "never from the network" in problem.message


def test_a_reference_that_leads_nowhere_names_its_place(tmp_path: Path) -> None:
    (tmp_path / "count.json").write_text("{}")
    with pytest.raises(SpecgenError) as raised:
        spec_with_ref(tmp_path, "count.json#/nothing/here")
    [problem] = raised.value.problems
    assert problem.location.pointer == "/properties/n/$ref"
    assert "does not resolve" in problem.message


def test_the_command_line_takes_ref_dirs(tmp_path: Path) -> None:
    from tests.helpers import run, tiny_spec, write_spec

    shared, spec_folder = tmp_path / "shared", tmp_path / "spec"
    shared.mkdir()
    spec_folder.mkdir()
    (shared / "name.json").write_text(json.dumps({"type": "string", "maxLength": 3}))
    document = tiny_spec(name={"$ref": "../shared/name.json", "description": "A name."})
    spec = write_spec(spec_folder, document)
    refused = run("lint", spec)
    assert refused.exit_code == 1 and "/properties/name/$ref: no document for" in refused.output
    result = run("lint", spec, "--ref-dir", shared)
    assert result.exit_code == 0, result.output


def test_a_metaschema_that_names_itself_as_its_dialect_is_read_once(tmp_path: Path) -> None:
    meta = tmp_path / "meta.json"
    meta.write_text(json.dumps({"$schema": meta.as_uri(), "$id": meta.as_uri(), "type": "object"}))
    spec = tmp_path / "main.schema.json"
    spec.write_text(json.dumps({"$schema": meta.as_uri(), "properties": {"n": {"maximum": 3}}}))
    module, _ = validators_at(load_spec(spec), [""])
    assert module.is_valid_entry_0({"n": 3}) and not module.is_valid_entry_0({"n": 4})


@pytest.mark.parametrize("extra", [{}, {"$dynamicRef": "#D"}])
def test_if_and_else_without_then_in_a_spec_with_dynamic_anchors(tmp_path: Path, extra: dict[str, Any]) -> None:
    # dynamic scope is tracked here, and a missing `then` is no place to enter (it was a KeyError)
    from jsonschema import Draft202012Validator

    schema = {"$defs": {"D": {"$dynamicAnchor": "D"}}, "if": {"type": "string"}, "else": {"type": "integer"}, **extra}
    path = tmp_path / "x.schema.json"
    path.write_text(json.dumps(schema))
    module, _ = validators_at(load_spec(path), [""])
    oracle = Draft202012Validator(schema)
    for value in ("a", 1, 1.5, None):
        assert module.is_valid_entry_0(value) == oracle.is_valid(value), value
