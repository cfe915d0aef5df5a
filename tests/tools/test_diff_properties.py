"""A Hypothesis property over generated pairs of schemas, in every dialect the compiler knows
(draft 4 to 2020-12), using every keyword the compiler supports there (read from its dialect
tables, so a keyword it learns cannot be left out): `specgen diff` is never silent where python-jsonschema (the oracle) tells the
two apart, every witness it gives is confirmed by the oracle, and every "proved" verdict holds
for every value the oracle accepts."""

from __future__ import annotations

import copy
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema.validators import validator_for

from generator.compiler.dialects import KNOWN, Dialect
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


# Every dialect the compiler knows, with the keywords it supports there (its own tables)
DIALECTS: dict[str, Dialect] = {dialect.name: dialect for dialect in KNOWN.values()}
TYPES = ["string", "integer", "number", "object", "array", "boolean", "null"]


def _spellings(inner: st.SearchStrategy[Any], dialect: Dialect) -> dict[str, st.SearchStrategy[dict[str, Any]]]:
    """For each keyword the compiler supports in some dialect, a small schema using it, as
    `dialect` spells it (a keyword that needs a partner comes with it)."""

    def one(keyword: str, values: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
        return values.map(lambda value: {keyword: value})

    def bound(keyword: str) -> st.SearchStrategy[dict[str, Any]]:
        if not dialect.boolean_exclusive or not keyword.startswith("exclusive"):
            return one(keyword, NUMBERS)
        beside = keyword.removeprefix("exclusive").lower()  # draft 4: a flag on its bound
        return st.tuples(NUMBERS, st.booleans()).map(lambda v: {beside: v[0], keyword: v[1]})

    branches = st.lists(inner, min_size=1, max_size=2)
    flags = st.one_of(st.booleans(), inner)
    return {
        "type": one("type", st.sampled_from(TYPES)),
        "enum": one("enum", st.lists(SCALARS, min_size=1, max_size=3, unique_by=json.dumps)),
        "const": one("const", SCALARS),
        **{k: bound(k) for k in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")},
        "multipleOf": one("multipleOf", st.sampled_from([0.5, 1, 2])),
        **{k: one(k, st.integers(0, 3)) for k in SIZES},
        **{k: one(k, st.integers(0, 2)) for k in ("minContains", "maxContains")},
        "pattern": one("pattern", st.sampled_from(PATTERNS)),
        "format": st.just({"format": "date"}),
        "uniqueItems": one("uniqueItems", st.booleans()),
        "required": one("required", st.lists(st.sampled_from(NAMES), min_size=1, max_size=2, unique=True)),
        "dependentRequired": st.just({"dependentRequired": {"a": ["b"]}}),
        "dependencies": one("dependencies", st.one_of(st.just(["b"]), inner).map(lambda s: {"a": s})),
        "items": one("items", inner),
        "additionalItems": st.tuples(branches, inner).map(lambda s: {"items": s[0], "additionalItems": s[1]}),
        "prefixItems": one("prefixItems", branches),
        "contains": one("contains", inner),
        "properties": one("properties", st.dictionaries(st.sampled_from(NAMES), inner, min_size=1, max_size=2)),
        "patternProperties": one("patternProperties", inner.map(lambda s: {"^x-": s})),
        "additionalProperties": one("additionalProperties", flags),
        "unevaluatedProperties": one("unevaluatedProperties", flags),
        "unevaluatedItems": one("unevaluatedItems", flags),
        "dependentSchemas": one("dependentSchemas", inner.map(lambda s: {"a": s})),
        "propertyNames": one("propertyNames", st.sampled_from(PATTERNS).map(lambda p: {"pattern": p})),
        "if": st.tuples(inner, inner, inner).map(lambda s: {"if": s[0], "then": s[1], "else": s[2]}),
        "then": st.tuples(inner, inner).map(lambda s: {"if": s[0], "then": s[1]}),
        "else": st.tuples(inner, inner).map(lambda s: {"if": s[0], "else": s[1]}),
        **{k: one(k, branches) for k in ("allOf", "anyOf", "oneOf")},
        "not": one("not", inner),
        "$ref": st.just({"$ref": f"#/{dialect.containers[0]}/D"}),
        "$dynamicRef": st.just({"$dynamicRef": "#D"}),  # D's $dynamicAnchor (pairs())
        "$recursiveRef": st.just({"$recursiveRef": "#"}),
    }


def _keyword(inner: st.SearchStrategy[Any], dialect: Dialect) -> st.SearchStrategy[dict[str, Any]]:
    """One keyword with its value: any keyword the compiler supports in `dialect` (a KeyError
    here is a keyword the compiler learnt and this property does not yet generate)."""
    spelled = _spellings(inner, dialect)
    chosen = [spelled[keyword] for keyword in sorted(dialect.keywords)]
    # counts at the root: formats are then asserted
    return st.one_of(*chosen, st.just({"x-specgen-assert-formats": True}))


def test_the_property_spells_every_keyword_the_compiler_supports_and_no_other() -> None:
    for dialect in DIALECTS.values():
        spelled = _spellings(st.just({}), dialect)
        assert dialect.keywords <= spelled.keys(), (dialect.name, sorted(dialect.keywords - spelled.keys()))
    supported = frozenset().union(*(dialect.keywords for dialect in DIALECTS.values()))
    assert spelled.keys() <= supported, sorted(spelled.keys() - supported)


def schemas(dialect: Dialect) -> st.SearchStrategy[dict[str, Any]]:
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
    dialect = DIALECTS[draw(st.sampled_from(sorted(DIALECTS)))]
    anchor = {"$dynamicAnchor": "D"} if dialect.has("$dynamicRef") else {}
    defs = {dialect.containers[0]: {"D": {**anchor, **draw(schemas(dialect))}}}
    old = {"$schema": dialect.uri, **defs, **draw(schemas(dialect))}
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
