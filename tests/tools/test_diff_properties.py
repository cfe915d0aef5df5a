"""A Hypothesis property over generated pairs of schemas that use every keyword the validator
compiler supports: `specgen diff` is never silent where python-jsonschema (the oracle) tells the
two apart, every witness it gives is confirmed by the oracle, and every "proved" verdict holds
for every value the oracle accepts."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.validators import Draft202012Validator

from generator.spec.load import parse_spec
from generator.tools.diff import Differ

NAMES = ("a", "b", "x-1")
PATTERNS = ("^a", "^[a-c]+$", "b", "^x-")
STRINGS = st.sampled_from(["", "a", "b", "abc", "x-1", "2026-01-01", "A B", "cc"])
NUMBERS = st.sampled_from([-1, 0, 1, 2, 2.5, 3, 10])
SIZES = ("minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties")
SCALARS = st.one_of(STRINGS, NUMBERS, st.booleans(), st.none())


def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        SCALARS,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(st.sampled_from((*NAMES, "c", "ab")), inner, max_size=3)
        ),
        max_leaves=6,
    )


def _keyword(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """One keyword with its value: every keyword the compiler supports (and the two it may not)."""
    return st.one_of(
        st.sampled_from(["string", "integer", "number", "object", "array", "boolean", "null"]).map(
            lambda t: {"type": t}
        ),
        st.lists(SCALARS, min_size=1, max_size=3, unique_by=json.dumps).map(lambda v: {"enum": v}),
        SCALARS.map(lambda v: {"const": v}),
        st.tuples(st.sampled_from(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]), NUMBERS).map(
            lambda kv: {kv[0]: kv[1]}
        ),
        st.sampled_from([0.5, 1, 2]).map(lambda v: {"multipleOf": v}),
        st.tuples(st.sampled_from(SIZES), st.integers(0, 3)).map(lambda kv: {kv[0]: kv[1]}),
        st.sampled_from(PATTERNS).map(lambda p: {"pattern": p}),
        st.just({"format": "date"}),
        st.just({"x-specgen-assert-formats": True}),  # counts at the root: formats are then asserted
        st.booleans().map(lambda v: {"uniqueItems": v}),
        inner.map(lambda s: {"items": s}),
        st.lists(inner, min_size=1, max_size=2).map(lambda s: {"prefixItems": s}),
        inner.map(lambda s: {"contains": s}),
        st.dictionaries(st.sampled_from(NAMES), inner, min_size=1, max_size=2).map(lambda s: {"properties": s}),
        st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True).map(lambda r: {"required": r}),
        st.one_of(st.booleans(), inner).map(lambda s: {"additionalProperties": s}),
        inner.map(lambda s: {"patternProperties": {"^x-": s}}),
        st.sampled_from(PATTERNS).map(lambda p: {"propertyNames": {"pattern": p}}),
        st.just({"dependentRequired": {"a": ["b"]}}),
        inner.map(lambda s: {"dependentSchemas": {"a": s}}),
        st.tuples(st.sampled_from(["allOf", "anyOf", "oneOf"]), st.lists(inner, min_size=1, max_size=2)).map(
            lambda kv: {kv[0]: kv[1]}
        ),
        inner.map(lambda s: {"not": s}),
        st.tuples(inner, inner, inner).map(lambda s: {"if": s[0], "then": s[1], "else": s[2]}),
        st.just({"$ref": "#/$defs/D"}),
    )


def schemas() -> st.SearchStrategy[dict[str, Any]]:
    def combine(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        return st.lists(_keyword(inner), max_size=3).map(lambda parts: {k: v for p in parts for k, v in p.items()})

    leaf = st.lists(_keyword(st.just({})), max_size=2).map(lambda parts: {k: v for p in parts for k, v in p.items()})
    return st.recursive(leaf, combine, max_leaves=4)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    defs = {"D": draw(schemas())}
    old = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs, **draw(schemas())}
    new = copy.deepcopy(old)
    for _ in range(draw(st.integers(1, 2))):
        holders = _holders(new)
        target = draw(st.sampled_from(holders))
        if target and draw(st.booleans()):
            target.pop(draw(st.sampled_from(sorted(k for k in target if k != "$schema") or ["none"])), None)
        else:
            target.update(draw(_keyword(schemas())))
    return old, new


def _holders(schema: Any) -> list[dict[str, Any]]:
    """Every subschema (dict) of a generated schema."""
    found, stack = [], [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if not any(k in node for k in ("$schema",)) or node is schema:
                found.append(node)
            for key, value in node.items():
                if key in ("properties", "patternProperties", "dependentSchemas", "$defs"):
                    stack += list(value.values()) if isinstance(value, dict) else []
                elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
                    stack += value if isinstance(value, list) else []
                elif isinstance(value, dict) and key not in ("dependentRequired", "enum", "const"):
                    stack.append(value)
    return found


def _oracle(schema: dict[str, Any]) -> Any:
    """python-jsonschema, asserting formats where the spec's switch says so (as specgen does)."""
    asserts = schema.get("x-specgen-assert-formats") is True
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER if asserts else None)


def _usable(schema: dict[str, Any]) -> bool:
    try:
        parse_spec(json.dumps(schema), "x.json")
    except Exception:  # an invalid generated schema (say `minimum` with a bool) says nothing
        return False
    return True


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(pair=pairs(), values=st.lists(json_values(), min_size=8, max_size=16))
def test_diff_is_never_silent_never_wrong_in_its_witnesses_and_sound_in_its_proofs(
    pair: tuple[dict[str, Any], dict[str, Any]], values: list[Any]
) -> None:
    old, new = pair
    if not (_usable(old) and _usable(new)):
        return
    findings = Differ(parse_spec(json.dumps(old), "old.json"), parse_spec(json.dumps(new), "new.json")).findings()
    oracle = {"old": _oracle(old), "new": _oracle(new)}
    for finding in findings:
        for verdict, (wide, narrow) in ((finding.forward, ("old", "new")), (finding.backward, ("new", "old"))):
            if verdict.breaking:
                assert oracle[wide].is_valid(verdict.witness), (finding.message, verdict.witness)
                assert not oracle[narrow].is_valid(verdict.witness), (finding.message, verdict.witness)
    proved = {
        direction
        for direction, (wide, narrow) in (("forward", ("old", "new")), ("backward", ("new", "old")))
        if findings and all(getattr(f, direction).evidence == "proved" for f in findings)
    }
    for value in values:
        valid = {side: oracle[side].is_valid(value) for side in oracle}
        if valid["old"] != valid["new"]:
            assert findings, f"silent, yet {value!r} tells the versions apart"
        if "forward" in proved and valid["old"]:
            assert valid["new"], f"proved non-breaking, yet {value!r} no longer validates"
        if "backward" in proved and valid["new"]:
            assert valid["old"], f"proved non-breaking for readers, yet {value!r} was invalid before"
