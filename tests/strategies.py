"""Hypothesis strategies derived from a spec document itself (not from hand-kept lists).

* `valid_instances(document, pointer)`: values the schema at `pointer` accepts;
* `near_misses(document, pointer)`: a valid value with exactly one constraint broken, and where
  (instance pointer) and how (keyword) it is broken;
* `json_values()`: arbitrary JSON, for differential runs.

Only the keywords specs use are understood; anything else fails loudly, so a spec that grows a new
keyword also grows its strategy here.
"""

from __future__ import annotations

import json
import math
import re
import string
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from generator.core import pointer as jp
from generator.core import schemawalk

ANNOTATIONS = {
    "description",
    "title",
    "default",
    "examples",
    "$schema",
    "$comment",
    "deprecated",
    "readOnly",
    "writeOnly",
}
MAX_TEXT = 40  # long strings are the benchmark's business; here they only slow shrinking
MAX_ITEMS = 4


def resolve(document: dict[str, Any], schema: Any) -> Any:
    """The schema with its `$ref` followed (keywords beside the `$ref` are kept)."""
    return schemawalk.follow(document, schema)[0]


def _keywords(schema: dict[str, Any]) -> set[str]:
    return {k for k in schema if k not in ANNOTATIONS and not k.startswith("x-")}


def _const_branches(schema: dict[str, Any]) -> list[Any] | None:
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword)
        if branches and all(isinstance(b, dict) and "const" in b for b in branches):
            return [b["const"] for b in branches]
    return None


# -- valid values -------------------------------------------------------------------------------


def uris() -> st.SearchStrategy[str]:
    host = st.from_regex(r"[a-z][a-z0-9-]{0,10}\.(com|org|ai|io)", fullmatch=True)
    path = st.lists(st.from_regex(r"[A-Za-z0-9._~-]{1,8}", fullmatch=True), max_size=3).map(
        lambda parts: "/" + "/".join(parts)
    )
    query = st.one_of(st.just(""), st.from_regex(r"\?[a-z]{1,5}=[A-Za-z0-9]{1,8}", fullmatch=True))
    return st.builds(
        lambda scheme, h, p, q: f"{scheme}://{h}{p}{q}", st.sampled_from(["http", "https"]), host, path, query
    )


def uuid4s() -> st.SearchStrategy[str]:
    return st.builds(lambda u, upper: str(u).upper() if upper else str(u), st.uuids(version=4), st.booleans())


def _string(schema: dict[str, Any], longest: int) -> st.SearchStrategy[str]:
    fmt = schema.get("format")
    if fmt == "uuid":
        return uuid4s()
    if fmt == "uri":
        return uris()
    if fmt is not None:
        raise NotImplementedError(f"no strategy for format {fmt!r}")
    if "pattern" in schema:
        return st.from_regex(schema["pattern"].removeprefix("^").removesuffix("$"), fullmatch=True)
    low = schema.get("minLength", 0)
    high = min(schema.get("maxLength", low + longest), low + longest)
    return st.text(min_size=low, max_size=high)


def _step_grid(schema: dict[str, Any]) -> tuple[int, int, Decimal] | None:
    """For a number with a decimal step: the range of multiples n, and the step."""
    if "multipleOf" not in schema:
        return None
    step = Decimal(repr(schema["multipleOf"]))
    low = math.ceil(Decimal(repr(schema.get("minimum", -(10**6)))) / step)
    high = math.floor(Decimal(repr(schema.get("maximum", 10**6))) / step)
    return low, high, step


def _number(schema: dict[str, Any], integer: bool) -> st.SearchStrategy[Any]:
    grid = _step_grid(schema)
    if grid:
        first, last, step = grid
        multiples = st.integers(first, last).map(lambda n: n * step)
        as_json = multiples.map(lambda d: int(d) if d == d.to_integral_value() and integer else float(d))
        return st.one_of(as_json, multiples.filter(lambda d: d == d.to_integral_value()).map(int))
    low, high = schema.get("minimum"), schema.get("maximum")
    if integer:
        ints = st.integers(min_value=low, max_value=high)
        return st.one_of(ints, ints.filter(lambda n: abs(n) < 2**53).map(float))  # 4.0 is an integer too
    return st.floats(min_value=low, max_value=high, allow_nan=False, allow_infinity=False)


def valid_instances(document: dict[str, Any], pointer: str = "", *, full: bool = False) -> st.SearchStrategy[Any]:
    """Values the schema at `pointer` accepts; with `full`, objects carry every property they
    declare and arrays at least one item, so that every constraint has a place in the value."""
    return _valid(document, jp.resolve(document, pointer), full)


_STRATEGIES: dict[tuple[int, str, bool], st.SearchStrategy[Any]] = {}


def _valid(document: dict[str, Any], schema: Any, full: bool = False) -> st.SearchStrategy[Any]:
    """Built once per schema: building strategies (composites above all) is costly."""
    key = (id(document), json.dumps(schema, sort_keys=True), full)
    if key not in _STRATEGIES:
        _STRATEGIES[key] = _build_valid(document, schema, full)
    return _STRATEGIES[key]


def _build_valid(document: dict[str, Any], schema: Any, full: bool) -> st.SearchStrategy[Any]:
    schema = resolve(document, schema)
    if schema is True or schema == {}:
        return json_values()
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    constants = _const_branches(schema)
    if constants is not None:
        return st.sampled_from(constants)
    if "if" in schema and "else" in schema:
        return _conditional(document, schema, full)
    if "if" in schema:  # if/then only: always meet `then`, and the payload is valid either way
        then = resolve(document, schema.get("then", {}))
        required = [*schema.get("required", []), *then.get("required", [])]
        return _valid(
            document, {**{k: v for k, v in schema.items() if k not in ("if", "then")}, "required": required}, full
        )
    if "anyOf" in schema:  # a range with sentinels, such as topK: each branch, under the rest
        rest = {k: v for k, v in schema.items() if k != "anyOf"}
        return st.one_of([_valid(document, {**rest, **resolve(document, b)}, full) for b in schema["anyOf"]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([_valid(document, {**schema, "type": k}, full) for k in kind])
    if kind == "object":
        return _object(document, schema, full)
    if kind == "array":
        item_schema = resolve(document, schema.get("items", True))
        if full and isinstance(item_schema, dict) and "if" in item_schema and "else" in item_schema:
            # one item down each branch, so that every constraint of either has a place
            branches = [_valid(document, item_schema[b], full) for b in ("then", "else")]
            return st.tuples(*branches).map(list)
        items = _valid(document, item_schema, full)
        low = max(schema.get("minItems", 0), int(full))
        extra = 1 if full else MAX_ITEMS  # full values stay small: every field is there already
        return st.lists(items, min_size=low, max_size=min(schema.get("maxItems", low + extra), low + extra))
    if kind == "string":
        return _string(schema, 8 if full else MAX_TEXT)
    if kind in ("integer", "number"):
        return _number(schema, kind == "integer")
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    raise NotImplementedError(f"no strategy for schema with keywords {sorted(_keywords(schema))}")


def _conditional(document: dict[str, Any], schema: dict[str, Any], full: bool) -> st.SearchStrategy[Any]:
    """if/then/else whose branches decide the `if` themselves (a discriminator such as taskType)."""
    if _keywords(schema) - {"if", "then", "else"}:
        raise NotImplementedError("if/then/else beside other keywords")
    return st.one_of(_valid(document, schema["then"], full), _valid(document, schema["else"], full))


def _object(document: dict[str, Any], schema: dict[str, Any], full: bool) -> st.SearchStrategy[dict[str, Any]]:
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))

    @st.composite
    def build(draw: st.DrawFn) -> dict[str, Any]:
        value = {}
        for name, subschema in properties.items():
            if full or name in required or draw(st.booleans()):
                value[name] = draw(_valid(document, subschema, full))
        return value

    return build()


# -- near misses --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NearMiss:
    """A payload that breaks one constraint: `keyword` at the instance pointer `path`."""

    payload: Any
    path: str
    keyword: str


def _breakers(document: dict[str, Any], schema: dict[str, Any]) -> list[tuple[str, Any]]:
    """(keyword, a value that breaks that keyword and, as far as it can, only that one)."""
    out: list[tuple[str, Any]] = []
    kind = schema.get("type")
    wrong_types = {"string": 7, "integer": "7", "number": "0.5", "boolean": 1, "object": [], "array": {}}
    if isinstance(kind, str):
        out.append(("type", wrong_types[kind]))
        if kind in ("integer", "number"):
            out.append(("type", True))  # a bool is not a number
    if kind == "integer":
        low = schema.get("minimum", 0)
        high = schema.get("maximum", low + 10)
        if high - low >= 1 and "anyOf" not in schema and "oneOf" not in schema:
            out.append(("type", low + 0.5))
    if "const" in schema and isinstance(schema["const"], str):
        out.append(("const", schema["const"] + "x"))
    if "enum" in schema:
        out.append(("enum", "not-" + "-".join(map(str, schema["enum"]))[:20]))
    constants = _const_branches(schema)
    if constants is not None and "oneOf" in schema:
        out.append(("oneOf", "not-" + str(constants[0])))
    if "anyOf" in schema and kind == "integer":  # a sentinel beside a range: the gap between them
        sentinels = [b["const"] for b in schema["anyOf"] if "const" in b]
        ranges = [b for b in schema["anyOf"] if "minimum" in b]
        if sentinels and ranges:
            gap = next(n for n in range(ranges[0]["minimum"] - 1, -100, -1) if n not in sentinels)
            out.append(("anyOf", gap))
    step = schema.get("multipleOf")
    unit = Decimal(repr(step)) if step else Decimal(1)
    if "minimum" in schema:
        out.append(("minimum", _as_json(Decimal(repr(schema["minimum"])) - unit, kind)))
    if "maximum" in schema:
        out.append(("maximum", _as_json(Decimal(repr(schema["maximum"])) + unit, kind)))
    if step and "minimum" in schema:
        out.append(("multipleOf", float(Decimal(repr(schema["minimum"])) + unit / 2)))
    if schema.get("minLength", 0) >= 1:
        out.append(("minLength", ""))
    if "maxLength" in schema:
        out.append(("maxLength", "a" * (schema["maxLength"] + 1)))
    if schema.get("format") == "uuid":
        out.append(("format", "not-a-uuid"))
        if "pattern" in schema:
            out.append(("pattern", str(uuid.uuid1())))  # a well-formed UUID, but version 1
    if schema.get("format") == "uri":
        out.append(("format", "no scheme here"))
    if schema.get("minItems", 0) >= 1:
        out.append(("minItems", []))
    if "maxItems" in schema:
        items = schema.get("items", {})
        filler = resolve(document, items).get("const", "x") if isinstance(items, dict) else "x"
        out.append(("maxItems", [filler] * (schema["maxItems"] + 1)))
    return out


def _as_json(value: Decimal, kind: Any) -> int | float:
    return int(value) if kind == "integer" or value == value.to_integral_value() else float(value)


def _sites(document: dict[str, Any], schema: Any, value: Any, path: str) -> list[tuple[str, Any, Any]]:
    """Every (instance pointer, schema, value) in a valid payload, the payload included."""
    schema = resolve(document, schema)
    found = [(path, schema, value)]
    if not isinstance(schema, dict):
        return found
    if "if" in schema and "properties" not in schema:  # a discriminator: follow the branch taken
        taken = schema.get("then") if _matches_if(schema["if"], value) else schema.get("else")
        return found + _sites(document, taken, value, path)[1:] if taken is not None else found
    if isinstance(value, dict):
        for name, subschema in schema.get("properties", {}).items():
            if name in value:
                found += _sites(document, subschema, value[name], jp.child(path, name))
    if isinstance(value, list) and "items" in schema:
        for position, item in enumerate(value):
            found += _sites(document, schema["items"], item, jp.child(path, position))
    return found


def _matches_if(condition: dict[str, Any], value: Any) -> bool:
    """The discriminators specs use: required properties with const values."""
    if not isinstance(value, dict):
        return False
    consts = {name: sub["const"] for name, sub in condition.get("properties", {}).items() if "const" in sub}
    return all(name in value and value[name] == const for name, const in consts.items())


def _replace(payload: Any, path: str, value: Any) -> Any:
    if path == "":
        return value
    tokens = jp.split(path)
    copy = _deep_copy(payload)
    parent = jp.resolve(copy, jp.join(*tokens[:-1]))
    parent[int(tokens[-1]) if isinstance(parent, list) else tokens[-1]] = value
    return copy


def _deep_copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


def near_misses(document: dict[str, Any], pointer: str = "", keyword: str | None = None) -> st.SearchStrategy[NearMiss]:
    """Near misses of the schema at `pointer`; with `keyword`, only those breaking that keyword."""
    key = (id(document), pointer, str(keyword))
    if key not in _NEAR_MISSES:
        _NEAR_MISSES[key] = _near_misses(document, jp.resolve(document, pointer), keyword)
    return _NEAR_MISSES[key]


_NEAR_MISSES: dict[tuple[int, str, str], st.SearchStrategy[NearMiss]] = {}


def _near_misses(document: dict[str, Any], root: Any, keyword: str | None) -> st.SearchStrategy[NearMiss]:

    @st.composite
    def build(draw: st.DrawFn) -> NearMiss:
        payload = draw(_valid(document, root, full=keyword is not None))
        # the ways to break one place, each (where to put the bad value, the value, what breaks, where)
        by_site: list[list[tuple[str, Any, str, str]]] = []
        for path, schema, value in _sites(document, root, payload, ""):
            if not isinstance(schema, dict):
                continue
            by_site.append([(path, bad, kw, path) for kw, bad in _breakers(document, schema)])
            if isinstance(value, dict):
                by_site.append([(path, _without(value, name), "required", path) for name in schema.get("required", [])])
                if schema.get("additionalProperties") is False:
                    by_site.append([(path, {**value, "unknownParameter": 1}, "additionalProperties", path)])
                for name, subschema in schema.get("properties", {}).items():
                    if name not in value:  # an optional parameter, sent wrong
                        breakers = _breakers(document, resolve(document, subschema))
                        by_site.append([(path, {**value, name: bad}, kw, jp.child(path, name)) for kw, bad in breakers])
        by_site = [[option for option in site if keyword in (None, option[2])] for site in by_site]
        by_site = [site for site in by_site if site]
        assume(by_site)
        chance = draw(st.randoms(use_true_random=False))
        at, bad, broken, where = chance.choice(chance.choice(by_site))
        return NearMiss(_replace(payload, at, bad), where, broken)

    return build()


def _without(value: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in value.items() if k != name}


BREAKABLE = (
    "type", "const", "enum", "oneOf", "anyOf", "minimum", "maximum", "multipleOf", "minLength",
    "maxLength", "pattern", "format", "minItems", "maxItems", "required", "additionalProperties",
)  # fmt: skip


def breakable_keywords(document: dict[str, Any], pointer: str = "") -> list[str]:
    """The keywords `near_misses` can break somewhere in values of the schema at `pointer`:
    the same places `_sites` visits (properties, items, the branches of a discriminator)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack = [jp.resolve(document, pointer)]
    while stack:
        schema = resolve(document, stack.pop())
        if not isinstance(schema, dict) or id(schema) in seen:
            continue
        seen.add(id(schema))
        found |= {keyword for keyword, _ in _breakers(document, schema)}
        if schema.get("required"):
            found.add("required")
        if schema.get("additionalProperties") is False:
            found.add("additionalProperties")
        stack += list(schema.get("properties", {}).values())
        stack += [schema[k] for k in ("items", "then", "else") if k in schema]
    return [k for k in BREAKABLE if k in found]


# -- arbitrary JSON -----------------------------------------------------------------------------

_KEYS = st.one_of(
    st.sampled_from(["taskType", "model", "messages", "settings", "role", "content", "topK"]),
    st.text(string.ascii_letters, max_size=6),
)


def json_values(max_leaves: int = 12) -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=12),
    )
    return st.recursive(
        scalars,
        lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_KEYS, children, max_size=5)),
        max_leaves=max_leaves,
    )


def relevant_strings(pattern: str) -> st.SearchStrategy[str]:
    """Strings near a pattern: matching ones, and the same with a trailing newline."""
    regex = pattern.removeprefix("^").removesuffix("$")
    matching = st.from_regex(re.compile(regex), fullmatch=True)
    return st.one_of(matching, matching.map(lambda s: s + "\n"))
