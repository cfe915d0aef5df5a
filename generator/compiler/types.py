"""JSON types as Python tests, and what a known type tells about later checks.

JSON Schema's types are not Python's: a bool is not a number, 1.0 is an integer, a tuple is not
an array. Each test starts with the exact-type case that real payloads hit (`type(v) is str` is
cheaper than `isinstance`), so the common path costs one comparison; what comes after `or` only
runs for subclasses and the rare rest.
"""

from __future__ import annotations

JSON_TYPES = ("null", "boolean", "object", "array", "number", "string", "integer")

_TESTS = {
    "null": "{v} is None",
    "boolean": "({v} is True or {v} is False)",
    "object": "(type({v}) is dict or isinstance({v}, dict))",
    "array": "(type({v}) is list or isinstance({v}, list))",
    "string": "(type({v}) is str or isinstance({v}, str))",
    "number": "(type({v}) is int or type({v}) is float or _is_number({v}))",
    "integer": "(type({v}) is int or _is_integer({v}))",
}

# The group of keywords that applies to each kind of instance; integers are numbers.
GROUP_OF_TYPE = {"number": "number", "integer": "number", "string": "string", "object": "object", "array": "array"}


def test(json_type: str, variable: str) -> str:
    """A Python expression that is true when `variable` is of `json_type`."""
    return _TESTS[json_type].format(v=variable)


def group_applies(group: str, known: frozenset[str] | None) -> bool:
    """True when every type in `known` belongs to `group`, so the group's guard can be left out."""
    return known is not None and bool(known) and all(GROUP_OF_TYPE.get(t) == group for t in known)


def group_impossible(group: str, known: frozenset[str] | None) -> bool:
    """True when no type in `known` belongs to `group`, so the group's checks are dead code."""
    return known is not None and all(GROUP_OF_TYPE.get(t) != group for t in known)
