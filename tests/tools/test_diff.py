"""`specgen diff`: each kind of change classified as the issue lists it, every breaking claim
backed by a payload the compiled validators confirm, and a Hypothesis property tying the
classification to behaviour on generated pairs of schemas."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.compiler.inmemory import validators_at
from generator.spec.load import SpecSource, parse_spec
from generator.tools.diff import BREAKING, COMPATIBLE, DEFAULT, Change, diff
from tests import strategies
from tests.conftest import SPEC
from tests.helpers import run, write_spec

BASE = json.loads(SPEC.read_text())


def source(document: dict[str, Any], name: str) -> SpecSource:
    return parse_spec(json.dumps(document), name)


def changes_after(edit: Callable[[dict[str, Any]], None]) -> list[Change]:
    new = copy.deepcopy(BASE)
    edit(new)
    return diff(source(BASE, "old.schema.json"), source(new, "new.schema.json"))


def settings_of(document: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = document["$defs"]["Settings"]["properties"]
    return properties


def accepts(document: dict[str, Any], pointer: str, value: Any) -> bool:
    module, _ = validators_at(source(document, "x.schema.json"), [pointer])
    return bool(module.is_valid_entry_0(value))


SENDER_BREAKING: dict[str, Callable[[dict[str, Any]], None]] = {
    "new required parameter": lambda d: d["required"].append("seed"),
    "removed parameter": lambda d: d["properties"].pop("webhookURL"),
    "minimum raised": lambda d: d["properties"]["seed"].update(minimum=10),
    "maximum lowered": lambda d: settings_of(d)["temperature"].update(maximum=1.5),
    "exclusive where inclusive": lambda d: settings_of(d)["topP"].update(
        exclusiveMaximum=settings_of(d)["topP"].pop("maximum")
    ),
    "new step": lambda d: settings_of(d)["maxTokens"].update(multipleOf=64),
    "finer step rejecting old values": lambda d: settings_of(d)["temperature"].update(multipleOf=0.05),
    "removed allowed value": lambda d: d["$defs"]["Message"]["properties"]["role"].update(enum=["user"]),
    "changed type": lambda d: d["properties"]["seed"].update(type="string"),
    "new format": lambda d: d["$defs"]["Message"]["properties"]["content"].update(format="uri"),
    "new pattern": lambda d: d["$defs"]["Message"]["properties"]["content"].update(pattern="^[A-Z]"),
    "additionalProperties closed": lambda d: (
        d["$defs"]["Usage"].update(additionalProperties=False) or d["$defs"].update()
    ),
    "length tightened": lambda d: settings_of(d)["systemPrompt"].update(maxLength=100),
    "items tightened": lambda d: d["properties"]["messages"].update(maxItems=0),
}


@pytest.mark.parametrize("edit", SENDER_BREAKING.values(), ids=SENDER_BREAKING.keys())
def test_sender_breaking_changes_are_breaking_with_a_witness(edit: Callable[[dict[str, Any]], None]) -> None:
    new = copy.deepcopy(BASE)
    edit(new)
    breaking = [c for c in diff(source(BASE, "old.json"), source(new, "new.json")) if c.kind == BREAKING]
    if new["$defs"]["Usage"].get("additionalProperties") is False:  # a response schema: readers
        assert [c.side for c in breaking] == []
        return
    assert [c.side for c in breaking] == ["request"], breaking
    assert accepts(BASE, "", breaking[0].witness) and not accepts(new, "", breaking[0].witness)


def remove_text(document: dict[str, Any]) -> None:
    result = document["$defs"]["TextInferenceResult"]
    del result["properties"]["text"]
    result["required"].remove("text")


READER_BREAKING: dict[str, Callable[[dict[str, Any]], None]] = {
    "field removed": remove_text,
    "field made optional": lambda d: d["$defs"]["TextInferenceResult"]["required"].remove("finishReason"),
    "type changed": lambda d: d["$defs"]["Usage"]["properties"]["totalTokens"].update(type="number"),
    "new enum value": lambda d: d["$defs"]["TextInferenceResult"]["properties"]["finishReason"]["enum"].append(
        "tool_calls"
    ),
}


@pytest.mark.parametrize("edit", READER_BREAKING.values(), ids=READER_BREAKING.keys())
def test_reader_breaking_changes_are_breaking_with_a_witness(edit: Callable[[dict[str, Any]], None]) -> None:
    new = copy.deepcopy(BASE)
    edit(new)
    [change] = [c for c in diff(source(BASE, "old.json"), source(new, "new.json")) if c.kind == BREAKING]
    pointer = f"/$defs/{change.schema}"
    assert change.side == "response"
    assert accepts(new, pointer, change.witness) and not accepts(BASE, pointer, change.witness)


NON_BREAKING: dict[str, Callable[[dict[str, Any]], None]] = {
    "maximum raised": lambda d: d["properties"]["numberResults"].update(maximum=8),
    "allowed value added": lambda d: settings_of(d)["thinkingLevel"]["enum"].append("max"),
    "required dropped": lambda d: d["required"].remove("model"),
    "new optional parameter": lambda d: settings_of(d).update(newKnob={"type": "integer", "description": "x"}),
    "description changed": lambda d: settings_of(d)["topK"].update(description="Changed."),
    "step made coarser-compatible": lambda d: settings_of(d)["temperature"].update(multipleOf=0.001),
    "response field added": lambda d: d["$defs"]["Usage"]["properties"].update(
        cachedTokens={"type": "integer", "description": "x"}
    ),
}


@pytest.mark.parametrize("edit", NON_BREAKING.values(), ids=NON_BREAKING.keys())
def test_widenings_and_additions_are_not_breaking(edit: Callable[[dict[str, Any]], None]) -> None:
    found = changes_after(edit)
    assert found and all(c.kind == COMPATIBLE for c in found), found


def test_a_changed_default_is_reported_apart() -> None:
    [change] = changes_after(lambda d: settings_of(d)["maxTokens"].update(default=1024))
    assert (change.kind, change.path, change.message) == (DEFAULT, "settings.maxTokens", "default 32768 → 1024")


def test_no_change_no_report() -> None:
    assert changes_after(lambda d: None) == []


# -- the command ---------------------------------------------------------------------------------


def test_the_command_prints_each_format_and_sets_the_exit_code(tmp_path: Any) -> None:
    new = copy.deepcopy(BASE)
    settings_of(new)["temperature"]["maximum"] = 1.5
    settings_of(new)["maxTokens"]["default"] = 1024
    path = write_spec(tmp_path, new, "new.schema.json")
    result = run("diff", SPEC, path)
    assert result.exit_code == 1
    assert "Breaking for senders:\n  settings.temperature: maximum 2 → 1.5" in result.output
    assert "Defaults changed:\n  settings.maxTokens: default 32768 → 1024" in result.output
    markdown = run("diff", SPEC, path, "--format", "markdown").output
    assert "### Breaking for senders\n\n- `settings.temperature`: maximum 2 → 1.5" in markdown
    report = json.loads(run("diff", SPEC, path, "--format", "json").output)
    assert report["changes"][0]["witness"]["settings"]["temperature"] == 1.51
    # the witness said plainly: its value at the place, and which version rejects it
    shown = json.dumps(report["changes"][0]["witness"]["settings"]["temperature"])
    said = f"breaks payloads with {shown} at settings.temperature: valid under the old version, rejected by the new one"
    assert f"maximum 2 → 1.5\n    {said}" in result.output
    whole = json.dumps(report["changes"][0]["witness"], ensure_ascii=False)
    assert f"maximum 2 → 1.5 — breaks payloads such as `{whole}`: valid under the old version, rejected" in markdown
    assert run("diff", SPEC, path, "--fail-on", "none").exit_code == 0
    settings_of(new)["temperature"]["maximum"] = 2
    only_default = write_spec(tmp_path, new, "default.schema.json")
    assert run("diff", SPEC, only_default).exit_code == 0
    assert run("diff", SPEC, only_default, "--fail-on", "any").exit_code == 1


def test_a_version_from_git_history() -> None:
    result = run("diff", "git:HEAD:spec/zai-glm-4-7.schema.json", SPEC, "--fail-on", "none")
    assert result.exit_code == 0 and result.output.startswith("git:HEAD:spec/zai-glm-4-7.schema.json → ")


def test_a_bad_git_reference_is_unusable_input() -> None:
    result = run("diff", "git:no-such-revision:spec/zai-glm-4-7.schema.json", SPEC)
    assert result.exit_code == 2 and "git cannot show it" in result.output


# -- classification against behaviour -----------------------------------------------------------


@st.composite
def schema_pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """An object schema of a few constrained properties, and the same with a few edits."""
    properties: dict[str, Any] = {
        "count": {"type": "integer", "minimum": draw(st.integers(0, 3)), "maximum": draw(st.integers(5, 9))},
        "ratio": {
            "type": "number",
            "minimum": 0,
            "maximum": draw(st.sampled_from([1, 2])),
            "multipleOf": draw(st.sampled_from([0.01, 0.05, 0.1])),
        },
        "mode": {
            "type": "string",
            "enum": draw(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True)),
        },
        "name": {"type": "string", "minLength": draw(st.integers(0, 2)), "maxLength": draw(st.integers(3, 6))},
        "tags": {
            "type": "array",
            "items": {"type": "string"},
            "minItems": draw(st.integers(0, 1)),
            "maxItems": draw(st.integers(2, 4)),
        },
    }
    old: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": draw(st.lists(st.sampled_from(sorted(properties)), unique=True, max_size=2)),
        "additionalProperties": draw(st.booleans()),
    }
    new: dict[str, Any] = copy.deepcopy(old)
    for _ in range(draw(st.integers(1, 3))):
        edit = draw(st.sampled_from(["bound", "step", "enum", "required", "remove", "add", "close", "type"]))
        name = draw(st.sampled_from(sorted(new["properties"]))) if new["properties"] else None
        target = new["properties"].get(name, {}) if name else {}
        if edit == "bound":
            keyword = draw(
                st.sampled_from(
                    [k for k in ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems") if k in target]
                    or ["minimum"]
                )
            )
            if keyword in target:
                target[keyword] = max(0, target[keyword] + draw(st.sampled_from([-1, 1])))
        elif edit == "step" and "multipleOf" in target:
            target["multipleOf"] = draw(st.sampled_from([0.01, 0.02, 0.05, 0.1, 0.25]))
        elif edit == "enum" and "enum" in target:
            target["enum"] = draw(
                st.lists(st.sampled_from(["a", "b", "c", "d", "e"]), min_size=1, max_size=5, unique=True)
            )
        elif edit == "required" and name:
            new["required"] = sorted(set(new["required"]) ^ {name})
        elif edit == "remove" and name:
            del new["properties"][name]
            new["required"] = [r for r in new["required"] if r != name]
        elif edit == "add":
            new["properties"]["extra"] = {"type": "integer", "minimum": 0}
        elif edit == "close":
            new["additionalProperties"] = not new["additionalProperties"]
        elif edit == "type" and name:
            target["type"] = draw(st.sampled_from(["string", "integer", "number", "boolean"]))
            for keyword in (
                "minimum",
                "maximum",
                "multipleOf",
                "enum",
                "minLength",
                "maxLength",
                "items",
                "minItems",
                "maxItems",
            ):
                target.pop(keyword, None)
    return old, new


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(pair=schema_pairs(), data=st.data())
def test_non_breaking_means_old_payloads_stay_valid_and_breaking_comes_with_proof(
    pair: tuple[dict[str, Any], dict[str, Any]], data: st.DataObject
) -> None:
    old, new = pair
    changes = diff(source(old, "old.json"), source(new, "new.json"))
    breaking = [c for c in changes if c.kind == BREAKING]
    for change in breaking:
        assert accepts(old, "", change.witness) and not accepts(new, "", change.witness), change
    if not [c for c in changes if c.kind != COMPATIBLE and c.kind != DEFAULT]:
        payload = data.draw(strategies.valid_instances(old))
        assert accepts(new, "", payload), f"called compatible, yet {payload!r} no longer validates: {changes}"


def test_a_change_in_a_shared_definition_is_reported_once_where_it_lives() -> None:
    found = changes_after(lambda d: d["$defs"]["Usage"]["properties"]["totalTokens"].update(description="Changed."))
    assert [(c.schema, c.path, c.message) for c in found] == [("Usage", "totalTokens", "description changed")]


def test_a_recursive_schema_is_compared_once_per_place() -> None:
    golden = json.loads((SPEC.parent.parent / "tests" / "specs" / "recursive.schema.json").read_text())
    changed = copy.deepcopy(golden)
    changed["$defs"]["Node"]["properties"]["label"]["maxLength"] = 3
    [change] = diff(source(golden, "old.json"), source(changed, "new.json"))
    assert (change.kind, change.path, change.message) == (BREAKING, "root.label", "maxLength added: 3")
    assert accepts(golden, "", change.witness) and not accepts(changed, "", change.witness)
