"""`specgen diff` over the whole language: each behaviour issue 12 asks for, on small schemas
written here, with every breaking witness checked by python-jsonschema (the oracle) and every
non-breaking verdict labelled with its evidence."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema.validators import validator_for

from generator.spec.load import parse_spec
from generator.tools.diff import BREAKING, COMPATIBLE, UNKNOWN, Change, Differ, classify, diff
from tests.conftest import SPEC
from tests.helpers import run, write_spec

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def spec(schema: dict[str, Any], dialect: str = DIALECT) -> Any:
    return parse_spec(json.dumps({"$schema": dialect, **schema}), "x.schema.json")


def changes(old: dict[str, Any], new: dict[str, Any], **options: Any) -> list[Change]:
    found = diff(spec(old), spec(new), **options)
    for change in found:
        if change.kind == BREAKING:
            assert accepts(old, change.witness) and not accepts(new, change.witness), change
    return found


def accepts(schema: dict[str, Any], value: Any, dialect: str = DIALECT) -> bool:
    document = {"$schema": dialect, **schema}
    validator = validator_for(document)
    # formats are asserted where the spec asks for it, as specgen's validators do
    checker = validator.FORMAT_CHECKER if schema.get("x-specgen-assert-formats") else None
    return bool(validator(document, format_checker=checker).is_valid(value))


def kinds(found: list[Change]) -> list[tuple[str, str]]:
    return [(c.kind, c.path) for c in found]


def test_a_new_typed_property_on_an_open_object_breaks_those_who_already_send_it() -> None:
    old = {"type": "object", "properties": {"a": {"type": "string"}}}
    new = {"type": "object", "properties": {"a": {"type": "string"}, "scope": {"type": "string"}}}
    [change] = changes(old, new)
    assert change.kind == BREAKING and "'scope'" in change.message
    assert "already send 'scope'" in change.detail
    [closed] = changes(old, new, assume_closed=True)
    assert closed.kind == COMPATIBLE and closed.evidence == "searched"


def test_names_that_became_required_together_are_said_once() -> None:
    properties = {name: {"type": "string"} for name in ("a", "b", "c")}
    old = {"type": "object", "properties": properties, "required": ["c"]}
    new = {"type": "object", "properties": properties, "required": ["a", "b"]}
    [change] = changes(old, new)
    assert change.kind == BREAKING
    assert change.message == "now required: 'a', 'b'; 'c' is no longer required"


def test_a_long_list_of_values_is_said_by_its_first_few_and_its_length() -> None:
    values = [f"v{n}" for n in range(10)]
    old = {"type": "object", "properties": {"p": {"enum": values}}}
    [change] = changes(old, {"type": "object", "properties": {"p": {}}})
    assert change.message == f"no longer limited to 10 values ({', '.join(map(repr, values[:6]))}, ...)"


def test_an_added_applicator_shows_what_its_branches_ask_without_their_annotations() -> None:
    branches = [{"description": "small", "maximum": 5}, {"title": "big", "minimum": 100}]
    [change] = changes({"type": "integer"}, {"type": "integer", "oneOf": branches})
    assert change.kind == BREAKING
    assert change.message == 'oneOf added: [{"maximum": 5}, {"minimum": 100}]'


def test_type_beside_an_enum_of_strings_is_no_change() -> None:
    old = {"type": "object", "properties": {"mode": {"enum": ["a", "b"]}}}
    new = {"type": "object", "properties": {"mode": {"type": "string", "enum": ["a", "b"]}}}
    assert changes(old, new) == []


def test_a_oneof_of_constants_is_read_as_a_list_of_values() -> None:
    old = {"oneOf": [{"const": "a"}, {"enum": ["b"], "description": "B"}]}
    new = {"enum": ["a", "b", "c"]}
    [change] = changes(old, new)
    assert change.kind == COMPATIBLE and change.evidence == "proved" and change.message == "['c'] newly allowed"
    [back] = changes(new, old)
    assert back.kind == BREAKING and back.witness == "c"


def test_a_string_branch_beside_constants_under_oneof_breaks_the_constants() -> None:
    old = {"oneOf": [{"enum": ["flow"]}, {"enum": ["babel"]}]}
    new = {"oneOf": [{"enum": ["flow"]}, {"enum": ["babel"]}, {"type": "string"}]}
    [change] = changes(old, new)
    assert change.kind == BREAKING and change.witness in ("flow", "babel")


@pytest.mark.parametrize(
    ("old_pattern", "new_pattern", "forward", "backward"),
    [
        ("^[a-z]+$", "^[a-z0-9]+$", "non-breaking", "breaking"),  # widened
        ("^[a-z0-9]+$", "^[a-z]+$", "breaking", "non-breaking"),  # narrowed
        ("^(ab|cd)$", "^(cd|ab)$", "no change", "no change"),  # rewritten, same language
        ("^a", "^b", "breaking", "breaking"),  # disjoint
    ],
)
def test_a_pattern_change_is_searched_both_ways(
    old_pattern: str, new_pattern: str, forward: str, backward: str
) -> None:
    old = {"type": "string", "pattern": old_pattern}
    new = {"type": "string", "pattern": new_pattern}
    there = Differ(spec(old), spec(new)).findings()
    back = Differ(spec(new), spec(old)).findings()
    assert (classify(there, "forward"), classify(back, "forward")) == (forward, backward)
    for finding, (wide, narrow) in [(f, (old, new)) for f in there] + [(f, (new, old)) for f in back]:
        if finding.forward.breaking:
            assert accepts(wide, finding.forward.witness) and not accepts(narrow, finding.forward.witness)


def test_each_change_is_reported_once_under_one_heading() -> None:
    old = {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5}
    new = {"type": "string", "pattern": "^[a-z0-9]+$", "maxLength": 4}
    found = changes(old, new)
    assert len(found) == 1 and found[0].kind == BREAKING
    assert "pattern" in found[0].message and "maxLength" in found[0].message


KEYWORD_EDITS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "allOf": ({"allOf": [{"type": "integer"}]}, {"allOf": [{"type": "integer"}, {"minimum": 3}]}),
    "anyOf": ({"anyOf": [{"type": "integer"}, {"type": "string"}]}, {"anyOf": [{"type": "integer"}]}),
    "not": ({"not": {"type": "string"}}, {"not": {"type": ["string", "integer"]}}),
    "if-then-else": (
        {"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b"]}},
        {"type": "object", "if": {"required": ["a"]}, "then": {"required": ["b", "c"]}},
    ),
    "$ref": (
        {"$defs": {"N": {"type": "integer"}}, "properties": {"n": {"$ref": "#/$defs/N"}}},
        {"$defs": {"N": {"type": "integer", "maximum": 2}}, "properties": {"n": {"$ref": "#/$defs/N"}}},
    ),
    "patternProperties": (
        {"type": "object", "patternProperties": {"^x-": {"type": "string"}}},
        {"type": "object", "patternProperties": {"^x-": {"type": "string", "maxLength": 1}}},
    ),
    "additionalProperties schema": (
        {"type": "object", "additionalProperties": {"type": ["string", "integer"]}},
        {"type": "object", "additionalProperties": {"type": "string"}},
    ),
    "prefixItems": (
        {"type": "array", "prefixItems": [{"type": "string"}]},
        {"type": "array", "prefixItems": [{"type": "string", "minLength": 2}]},
    ),
    "items after prefixItems": (
        {"type": "array", "prefixItems": [{"type": "string"}]},
        {"type": "array", "prefixItems": [{"type": "string"}], "items": {"type": "string"}},
    ),
    "contains": ({"type": "array"}, {"type": "array", "contains": {"const": 1}}),
    "dependentRequired": (
        {"type": "object"},
        {"type": "object", "dependentRequired": {"a": ["b"]}},
    ),
    "dependentSchemas": (
        {"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}},
        {"type": "object", "dependentSchemas": {"a": {"required": ["b", "c"]}}},
    ),
    "propertyNames": ({"type": "object"}, {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}}),
    "uniqueItems": ({"type": "array"}, {"type": "array", "uniqueItems": True}),
    "minProperties": ({"type": "object"}, {"type": "object", "minProperties": 1}),
    "format asserted": (
        {"type": "string", "x-specgen-assert-formats": True},
        {"type": "string", "format": "date", "x-specgen-assert-formats": True},
    ),
}


def test_a_format_that_is_only_an_annotation_changes_no_payload() -> None:
    assert changes({"type": "string"}, {"type": "string", "format": "date"}) == []
    switched = changes({"format": "date"}, {"format": "date", "x-specgen-assert-formats": True})
    assert [c.kind for c in switched] == [BREAKING]  # the spec's switch makes every format count


@pytest.mark.parametrize(("old", "new"), KEYWORD_EDITS.values(), ids=KEYWORD_EDITS.keys())
def test_every_keyword_is_compared_each_narrowing_with_a_witness_or_an_honest_unknown(
    old: dict[str, Any], new: dict[str, Any]
) -> None:
    found = changes(old, new)
    assert found, "silent about a narrowing"
    kinds_found = {c.kind for c in found}
    assert kinds_found <= {BREAKING, UNKNOWN}, found
    if UNKNOWN in kinds_found:  # only where the compiler cannot check the keyword yet
        assert all("not supported" in c.detail or "no validator" in c.detail for c in found if c.kind == UNKNOWN)


def test_old_dialects_are_read_as_they_mean() -> None:
    draft4 = "http://json-schema.org/draft-04/schema#"
    old = {"type": "number", "maximum": 5, "exclusiveMaximum": True}  # below 5
    new = {"type": "number", "maximum": 5}  # up to 5
    [change] = diff(spec(old, draft4), spec(new, draft4))
    assert change.kind == COMPATIBLE
    [back] = diff(spec(new, draft4), spec(old, draft4))
    assert back.kind == BREAKING and back.witness == 5 and accepts(new, 5, draft4) and not accepts(old, 5, draft4)
    draft7 = "http://json-schema.org/draft-07/schema#"
    beside_ref = {"definitions": {"s": {"type": "string"}}, "properties": {"a": {"$ref": "#/definitions/s"}}}
    ignored = {
        "definitions": {"s": {"type": "string"}},
        "properties": {"a": {"$ref": "#/definitions/s", "maxLength": 1}},
    }
    assert diff(spec(beside_ref, draft7), spec(ignored, draft7)) == []  # beside $ref, ignored before 2019-09


# -- the command -----------------------------------------------------------------------------------


def test_git_arguments_never_become_git_options(tmp_path: Path) -> None:
    target = tmp_path / "written"
    for given in (f"git:--output={target}:spec/zai-glm-4-7.schema.json", "git:HEAD:--output=x", "git:a..b:spec/x.json"):
        result = run("diff", given, SPEC)
        assert result.exit_code == 2 and "git" in result.output, given
    assert not target.exists()


def _git(folder: Path, *args: str) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}  # fmt: skip
    subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=environment)


def test_history_gives_a_changelog_across_commits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git(tmp_path, "init", "-q")
    versions = [
        {"type": "object", "properties": {"n": {"type": "integer", "maximum": 10}}, "additionalProperties": False},
        {"type": "object", "properties": {"n": {"type": "integer", "maximum": 5}}, "additionalProperties": False},
        {"type": "object", "properties": {"n": {"type": "integer", "maximum": 8}}, "additionalProperties": False},
    ]
    for number, version in enumerate(versions):
        write_spec(tmp_path, {"$schema": DIALECT, **version}, "x.schema.json")
        _git(tmp_path, "add", "x.schema.json")
        _git(tmp_path, "commit", "-q", "-m", f"version {number}")
    monkeypatch.chdir(tmp_path)
    result = run("diff", "--history", "x.schema.json", "--format", "json")
    entries = json.loads(result.output)
    assert [e["subject"] for e in entries] == ["version 2", "version 1", "version 0"]
    assert [c["kind"] for c in entries[0]["changes"]] == ["non-breaking"]
    assert [(c["kind"], c["witness"]) for c in entries[1]["changes"]] == [("breaking", {"n": 6})]
    assert result.exit_code == 1
    text = run("diff", "--history", "x.schema.json").output
    assert "== " in text and "version 1" in text and "maximum 10 → 5" in text
    assert "### Breaking for senders" in run("diff", "--history", "x.schema.json", "--format", "markdown").output
    assert run("diff", "--history", "--output=x").exit_code == 2


def test_the_command_needs_two_specs_or_a_history() -> None:
    assert run("diff", SPEC).exit_code == 2
    assert run("diff", SPEC, SPEC, "--history", "spec/x.json").exit_code == 2


@pytest.mark.parametrize(("keyword", "kind"), [("minItems", "array"), ("minLength", "string")])
def test_a_huge_bound_is_compared_without_building_huge_candidates(keyword: str, kind: str) -> None:
    old = {"type": "object", "properties": {"a": {"type": kind, keyword: 3}}}
    new = {"type": "object", "properties": {"a": {"type": kind, keyword: 10**12}}}
    [change] = changes(old, new)  # 10**12 items would not fit in memory; the old bound's witness does
    assert change.kind == BREAKING


def test_a_witness_only_a_middle_branch_can_carry_is_found() -> None:
    # the first and the last branch cannot be met; only the middle one gives a valid payload
    impossible = {"type": "string", "minLength": 3, "maxLength": 2}
    choices = [
        {"required": ["x"], "properties": {"x": impossible}},
        {"required": ["y"]},
        {"required": ["z"], "properties": {"z": False}},
    ]
    old = {"type": "object", "properties": {"p": {"type": "integer"}}, "oneOf": choices}
    new = {"type": "object", "properties": {"p": {"type": "integer", "maximum": 5}}, "oneOf": choices}
    [change] = changes(old, new)
    assert change.kind == BREAKING and accepts(old, change.witness) and not accepts(new, change.witness)
