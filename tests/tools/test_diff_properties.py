"""A Hypothesis property over generated pairs of schemas (draft-04, draft-07 and 2020-12) that use
every keyword the validator compiler supports: `specgen diff` is never silent where python-jsonschema (the oracle) tells the
two apart, every witness it gives is confirmed by the oracle, and every "proved" verdict holds
for every value the oracle accepts."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.validators import validator_for

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


DIALECTS = {
    "2020-12": "https://json-schema.org/draft/2020-12/schema",
    "draft-07": "http://json-schema.org/draft-07/schema#",
    "draft-04": "http://json-schema.org/draft-04/schema#",
}


def _keyword(inner: st.SearchStrategy[Any], dialect: str = "2020-12") -> st.SearchStrategy[dict[str, Any]]:
    """One keyword with its value: every keyword the compiler supports, as `dialect` spells it."""
    modern, since_6 = dialect == "2020-12", dialect != "draft-04"
    bounds = ["minimum", "maximum", *(["exclusiveMinimum", "exclusiveMaximum"] if since_6 else [])]
    common = [
        st.sampled_from(["string", "integer", "number", "object", "array", "boolean", "null"]).map(
            lambda t: {"type": t}
        ),
        st.lists(SCALARS, min_size=1, max_size=3, unique_by=json.dumps).map(lambda v: {"enum": v}),
        st.tuples(st.sampled_from(bounds), NUMBERS).map(lambda kv: {kv[0]: kv[1]}),
        st.sampled_from([0.5, 1, 2]).map(lambda v: {"multipleOf": v}),
        st.tuples(st.sampled_from(SIZES), st.integers(0, 3)).map(lambda kv: {kv[0]: kv[1]}),
        st.sampled_from(PATTERNS).map(lambda p: {"pattern": p}),
        st.just({"format": "date"}),
        st.just({"x-specgen-assert-formats": True}),  # counts at the root: formats are then asserted
        st.booleans().map(lambda v: {"uniqueItems": v}),
        inner.map(lambda s: {"items": s}),
        st.dictionaries(st.sampled_from(NAMES), inner, min_size=1, max_size=2).map(lambda s: {"properties": s}),
        st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True).map(lambda r: {"required": r}),
        st.one_of(st.booleans(), inner).map(lambda s: {"additionalProperties": s}),
        inner.map(lambda s: {"patternProperties": {"^x-": s}}),
        st.tuples(st.sampled_from(["allOf", "anyOf", "oneOf"]), st.lists(inner, min_size=1, max_size=2)).map(
            lambda kv: {kv[0]: kv[1]}
        ),
        inner.map(lambda s: {"not": s}),
        st.just({"$ref": "#/$defs/D" if modern else "#/definitions/D"}),
    ]
    if dialect == "draft-04":  # boolean exclusive bounds beside their bound
        common.append(st.tuples(st.sampled_from(["minimum", "maximum"]), NUMBERS, st.booleans()).map(
            lambda kv: {kv[0]: kv[1], "exclusive" + kv[0].capitalize(): kv[2]}
        ))  # fmt: skip
    if since_6:
        common += [
            SCALARS.map(lambda v: {"const": v}),
            inner.map(lambda s: {"contains": s}),
            st.sampled_from(PATTERNS).map(lambda p: {"propertyNames": {"pattern": p}}),
        ]
    if dialect != "draft-04":
        common.append(st.tuples(inner, inner, inner).map(lambda s: {"if": s[0], "then": s[1], "else": s[2]}))
    if modern:
        common += [
            st.lists(inner, min_size=1, max_size=2).map(lambda s: {"prefixItems": s}),
            st.just({"dependentRequired": {"a": ["b"]}}),
            inner.map(lambda s: {"dependentSchemas": {"a": s}}),
            st.tuples(st.sampled_from(["minContains", "maxContains"]), st.integers(0, 2)).map(
                lambda kv: {kv[0]: kv[1]}
            ),
            st.one_of(st.booleans(), inner).map(lambda s: {"unevaluatedProperties": s}),
            st.one_of(st.booleans(), inner).map(lambda s: {"unevaluatedItems": s}),
        ]
    else:  # the older spellings of the same ideas
        common += [
            st.tuples(st.lists(inner, min_size=1, max_size=2), inner).map(
                lambda s: {"items": s[0], "additionalItems": s[1]}
            ),
            st.one_of(st.just(["b"]), inner).map(lambda s: {"dependencies": {"a": s}}),
        ]
    return st.one_of(*common)


def schemas(dialect: str = "2020-12") -> st.SearchStrategy[dict[str, Any]]:
    def combine(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        return st.lists(_keyword(inner, dialect), max_size=3).map(
            lambda parts: {k: v for p in parts for k, v in p.items()}
        )

    leaf = st.lists(_keyword(st.just({}), dialect), max_size=2).map(
        lambda parts: {k: v for p in parts for k, v in p.items()}
    )
    return st.recursive(leaf, combine, max_leaves=4)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    dialect = draw(st.sampled_from(sorted(DIALECTS)))
    defs = {"$defs" if dialect == "2020-12" else "definitions": {"D": draw(schemas(dialect))}}
    old = {"$schema": DIALECTS[dialect], **defs, **draw(schemas(dialect))}
    new = copy.deepcopy(old)
    for _ in range(draw(st.integers(1, 2))):
        holders = _holders(new)
        target = draw(st.sampled_from(holders))
        if target and draw(st.booleans()):
            target.pop(draw(st.sampled_from(sorted(k for k in target if k != "$schema") or ["none"])), None)
        else:
            target.update(draw(_keyword(schemas(dialect), dialect)))
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
                if key in (
                    "properties",
                    "patternProperties",
                    "dependentSchemas",
                    "$defs",
                    "definitions",
                    "dependencies",
                ):
                    stack += list(value.values()) if isinstance(value, dict) else []
                elif key in ("allOf", "anyOf", "oneOf", "prefixItems", "items"):
                    stack += value if isinstance(value, list) else []
                elif isinstance(value, dict) and key not in ("dependentRequired", "enum", "const"):
                    stack.append(value)
    return found


def _oracle(schema: dict[str, Any]) -> Any:
    """python-jsonschema in the schema's dialect, asserting formats where the spec's switch says
    so (as specgen does)."""
    validator = validator_for(schema)
    asserts = schema.get("x-specgen-assert-formats") is True
    return validator(schema, format_checker=validator.FORMAT_CHECKER if asserts else None)


def _usable(schema: dict[str, Any]) -> bool:
    """An invalid generated schema (say `minimum` with a bool), or one that only refers to itself
    round a loop, says nothing about the differ."""
    try:
        parse_spec(json.dumps(schema), "x.json")
        oracle = _oracle(schema)
        probes: list[Any] = [None, {}, [], {"a": [1]}, [{"x-1": {}}]]
        for probe in probes:
            oracle.is_valid(probe)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # referencing's Rust core panics (a BaseException) on a loop of references
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
