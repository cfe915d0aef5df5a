"""Strings that match a pattern, to look for a witness when a `pattern` changes.

Built from Python's own parse of the pattern (`re._parser`), systematically: the simplest string
(each choice at its first option, each repeat at its least count), then, one choice point at a
time, every other option there (each branch of an alternation, each member and both ends of a
character class, one and two more repeats), the rest kept simplest. So every branch a pattern
spells is tried, whatever their number. Strings are kept only when `re.search` agrees that they
match (JSON Schema patterns are unanchored). Patterns Python cannot parse give no samples.
"""

from __future__ import annotations

import re
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parser  # type: ignore[attr-defined]
from typing import Any

_PROBES = "aZ0-_ .~x/é{}:@9Q"  # characters tried for a negated class
_CATEGORY = {
    sre_constants.CATEGORY_DIGIT: "09",
    sre_constants.CATEGORY_NOT_DIGIT: "a-",
    sre_constants.CATEGORY_WORD: "aZ0_",
    sre_constants.CATEGORY_NOT_WORD: "- ",
    sre_constants.CATEGORY_SPACE: " \t",
    sre_constants.CATEGORY_NOT_SPACE: "a-",
}
_WIDEST = 256  # options kept at one choice point: a bound on the work, far above real patterns
_MORE_REPEATS = 2  # a repeat is tried at its least count and up to this many more


def samples(pattern: str, limit: int = 12) -> list[str]:
    """Up to `limit` distinct strings that `pattern` matches (the simplest first)."""
    try:
        parsed = sre_parser.parse(pattern)
        compiled = re.compile(pattern)
        options = _sequence(list(parsed))
    except (re.error, RecursionError, OverflowError, ValueError):
        return []
    found: list[str] = []
    for text in options:
        if text not in found and compiled.search(text):
            found.append(text)
            if len(found) >= limit:
                break
    return found


def _sequence(items: list[tuple[Any, Any]]) -> list[str]:
    """The options of a sequence: all its items simplest, then each item's other options in turn."""
    choices = [_options(op, av) for op, av in items]
    simplest = [options[0] if options else "" for options in choices]
    found = ["".join(simplest)]
    for index, options in enumerate(choices):
        for option in options[1:]:
            found.append("".join([*simplest[:index], option, *simplest[index + 1 :]]))
            if len(found) >= _WIDEST:
                return found
    return found


def _options(op: Any, av: Any) -> list[str]:
    """The strings one item of a parsed pattern can stand for, the simplest first."""
    if op is sre_constants.LITERAL:
        return [chr(av)]
    if op is sre_constants.NOT_LITERAL:
        return [c for c in _PROBES if ord(c) != av][:3]
    if op is sre_constants.ANY:
        return ["a", "Z", "0", "-"]
    if op is sre_constants.IN:
        return _in(av)
    if op is sre_constants.BRANCH:
        return [text for branch in av[1] for text in _sequence(list(branch))][:_WIDEST]
    if op is sre_constants.SUBPATTERN:
        return _sequence(list(av[-1]))
    if op is sre_constants.ATOMIC_GROUP:
        return _sequence(list(av))
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT):
        return _repeats(*av)
    if op is sre_constants.CATEGORY:
        return list(_CATEGORY.get(av, "a"))
    return [""]  # anchors, assertions, back references: nothing to add


def _repeats(low: int, high: Any, body: Any) -> list[str]:
    """The body at its least count, each of its options once among those, then more counts."""
    options = _sequence(list(body))
    high = low + _MORE_REPEATS if high is sre_constants.MAXREPEAT else min(high, low + _MORE_REPEATS)
    found = [options[0] * low]
    for option in options[1:] if low else options:  # with none required, one of each option
        found.append(option * max(low, 1))
    for count in range(low + 1, high + 1):
        found.append(options[0] * count)
    return list(dict.fromkeys(found))[:_WIDEST]


def _in(options: list[tuple[Any, Any]]) -> list[str]:
    if options and options[0][0] is sre_constants.NEGATE:
        return [c for c in _PROBES if not _in_class(c, options[1:])][:3] or ["a"]
    found: list[str] = []
    for op, av in options:
        if op is sre_constants.LITERAL:
            found.append(chr(av))
        elif op is sre_constants.RANGE:
            found += [chr(av[0]), chr(av[1])]
        elif op is sre_constants.CATEGORY:
            found += list(_CATEGORY.get(av, "a"))
    return list(dict.fromkeys(found))[:_WIDEST] or ["a"]


def _in_class(char: str, options: list[tuple[Any, Any]]) -> bool:
    code = ord(char)
    for op, av in options:
        if op is sre_constants.LITERAL and av == code:
            return True
        if op is sre_constants.RANGE and av[0] <= code <= av[1]:
            return True
        if op is sre_constants.CATEGORY and re.fullmatch(f"[{_CLASS.get(av, 'a')}]", char):
            return True
    return False


_CLASS = {
    sre_constants.CATEGORY_DIGIT: r"\d",
    sre_constants.CATEGORY_NOT_DIGIT: r"\D",
    sre_constants.CATEGORY_WORD: r"\w",
    sre_constants.CATEGORY_NOT_WORD: r"\W",
    sre_constants.CATEGORY_SPACE: r"\s",
    sre_constants.CATEGORY_NOT_SPACE: r"\S",
}
