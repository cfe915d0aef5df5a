"""Strings that match a pattern, to look for a witness when a `pattern` changes.

Built from Python's own parse of the pattern (`re._parser`), walking it with varied choices of
branch, repeat count and character, and kept only when `re.search` agrees that they match (JSON
Schema patterns are unanchored). Patterns Python cannot parse give no samples.
"""

from __future__ import annotations

import random
import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

_PROBES = "aZ0-_ .~x/é{}:@9Q"  # characters tried for a negated class
_CATEGORY = {
    sre_constants.CATEGORY_DIGIT: "0",
    sre_constants.CATEGORY_NOT_DIGIT: "a",
    sre_constants.CATEGORY_WORD: "a",
    sre_constants.CATEGORY_NOT_WORD: "-",
    sre_constants.CATEGORY_SPACE: " ",
    sre_constants.CATEGORY_NOT_SPACE: "a",
}


def samples(pattern: str, limit: int = 12) -> list[str]:
    """Up to `limit` distinct strings that `pattern` matches (the simplest first)."""
    try:
        parsed = sre_parser.parse(pattern)
        compiled = re.compile(pattern)
    except (re.error, RecursionError, OverflowError):
        return []
    found: list[str] = []
    for variant in range(limit * 3):
        try:
            text = _sequence(parsed, random.Random(variant), variant)
        except (RecursionError, ValueError):
            continue
        if text not in found and compiled.search(text):
            found.append(text)
            if len(found) >= limit:
                break
    return found


def _sequence(items: Any, rng: random.Random, variant: int) -> str:
    return "".join(_item(op, av, rng, variant) for op, av in items)


def _item(op: Any, av: Any, rng: random.Random, variant: int) -> str:
    if op is sre_constants.LITERAL:
        return chr(av)
    if op is sre_constants.NOT_LITERAL:
        return next(c for c in _PROBES if ord(c) != av)
    if op is sre_constants.ANY:
        return "a" if variant == 0 else rng.choice("aZ0-")
    if op is sre_constants.IN:
        return _in(av, rng, variant)
    if op is sre_constants.BRANCH:
        choices = av[1]
        return _sequence(choices[0] if variant == 0 else rng.choice(choices), rng, variant)
    if op is sre_constants.SUBPATTERN:
        return _sequence(av[-1], rng, variant)
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        low, high, body = av
        high = low + 3 if high is sre_constants.MAXREPEAT else high
        count = low if variant == 0 else rng.randint(low, max(low, min(high, low + 3)))
        return "".join(_sequence(body, rng, variant) for _ in range(count))
    if op is sre_constants.CATEGORY:
        return _CATEGORY.get(av, "a")
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(av, rng, variant)
    return ""  # anchors, assertions, back references: nothing to add


def _in(options: list[tuple[Any, Any]], rng: random.Random, variant: int) -> str:
    negated = bool(options) and options[0][0] is sre_constants.NEGATE
    if negated:
        return next((c for c in _PROBES if not _in_class(c, options[1:])), "a")
    op, av = options[0] if variant == 0 else rng.choice(options)
    if op is sre_constants.LITERAL:
        return chr(av)
    if op is sre_constants.RANGE:
        low, high = av
        return chr(low if variant == 0 else rng.randint(low, high))
    if op is sre_constants.CATEGORY:
        return _CATEGORY.get(av, "a")
    return "a"


def _in_class(char: str, options: list[tuple[Any, Any]]) -> bool:
    code = ord(char)
    for op, av in options:
        if op is sre_constants.LITERAL and av == code:
            return True
        if op is sre_constants.RANGE and av[0] <= code <= av[1]:
            return True
        if op is sre_constants.CATEGORY and re.fullmatch(f"[{_category_class(av)}]", char):
            return True
    return False


def _category_class(category: Any) -> str:
    return {
        sre_constants.CATEGORY_DIGIT: r"\d",
        sre_constants.CATEGORY_NOT_DIGIT: r"\D",
        sre_constants.CATEGORY_WORD: r"\w",
        sre_constants.CATEGORY_NOT_WORD: r"\W",
        sre_constants.CATEGORY_SPACE: r"\s",
        sre_constants.CATEGORY_NOT_SPACE: r"\S",
    }.get(category, "a")
