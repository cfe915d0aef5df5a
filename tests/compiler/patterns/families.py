"""The classic super-linear pattern families and a hostile string of any length for each."""

from __future__ import annotations

import json
import types
from collections.abc import Callable

from generator.compiler.inmemory import validators_at
from generator.spec.load import parse_spec


def _many_then(tail: str, run: str = "a") -> Callable[[int], str]:
    return lambda n: run * (n - len(tail)) + tail


# pattern -> a string of length n on which a backtracking engine explores exponentially (or
# polynomially, for (.*a){12}) many paths before it fails
FAMILIES: dict[str, Callable[[int], str]] = {
    "(a+)+$": _many_then("!"),
    "(a|a)*$": _many_then("!"),
    "(a|aa)+$": _many_then("!"),
    "(.*a){12}": lambda n: "a" * 11 + "b" * (n - 11),
    "^(\\w+\\s?)*$": _many_then("!"),
}


def validator_of(pattern: str) -> types.ModuleType:
    """The in-memory generated validator of `{"type": "string", "pattern": pattern}` (entry_0)."""
    source = parse_spec(json.dumps({"type": "string", "pattern": pattern}), "family.schema.json")
    module, _ = validators_at(source, [""])
    return module
