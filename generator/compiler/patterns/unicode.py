"""The code points of ECMA-262's Unicode property escapes, from one pinned Unicode version.

`unicode_data.py` is generated (`make unicode-tables`) from the @unicode npm data of that version,
so a validator's `\\p{L}` does not depend on the Unicode tables of the Python that runs it.
"""

from __future__ import annotations

from functools import cache

from generator.compiler.patterns import unicode_data as data

UNICODE_VERSION = data.UNICODE_VERSION
Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint, inclusive (first, last) code points

_BASE64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")}
_NON_BINARY = {"General_Category", "Script", "Script_Extensions"}


def decode(text: str) -> Ranges:
    """The ranges of one table entry: base64 numbers of 1 to 4 digits (the first digit's top bits
    say how many follow), read as pairs (gap before the range, its length - 1)."""
    numbers = []
    i = 0
    while i < len(text):
        x = _BASE64[text[i]]
        i += 1
        tag = x & 56
        digits, x = (0, x) if tag < 32 else (1, x & 15) if tag < 48 else (2 if tag == 48 else 3, x & 7)
        for _ in range(digits):
            x = (x << 6) | _BASE64[text[i]]
            i += 1
        numbers.append(x)
    ranges = []
    end = -1  # exclusive end of the previous range
    for gap, length in zip(numbers[0::2], numbers[1::2], strict=True):
        first = end + 1 + gap
        end = first + length + 1
        ranges.append((first, end - 1))
    return tuple(ranges)


class UnknownPropertyError(ValueError):
    pass


@cache
def property_ranges(name: str, value: str | None) -> Ranges:
    """The code points of `\\p{name=value}`, or of `\\p{name}` when value is None."""
    if value is None:
        category = data.GENERAL_CATEGORY_ALIASES.get(name, name)
        if category in data.GENERAL_CATEGORY:
            return decode(data.GENERAL_CATEGORY[category])
        binary = data.PROPERTY_ALIASES.get(name, name)
        if binary in data.BINARY:
            return decode(data.BINARY[binary])
        raise UnknownPropertyError(f"unknown Unicode property {name!r}")
    canonical = data.PROPERTY_ALIASES.get(name, name)
    if canonical not in _NON_BINARY:
        raise UnknownPropertyError(f"unknown Unicode property {name!r} (General_Category, Script or Script_Extensions)")
    if canonical == "General_Category":
        table, aliases = data.GENERAL_CATEGORY, data.GENERAL_CATEGORY_ALIASES
    else:
        table = data.SCRIPT if canonical == "Script" else data.SCRIPT_EXTENSIONS
        aliases = data.SCRIPT_ALIASES
    resolved = aliases.get(value, value)
    if resolved not in table:
        raise UnknownPropertyError(f"unknown value {value!r} of the Unicode property {name!r}")
    return decode(table[resolved])


def property_names() -> dict[str, frozenset[str]]:
    """Every name `\\p{...}` accepts, by kind, aliases included: `general_category` and `binary`
    (alone, `\\p{Lu}`, `\\p{Alpha}`), `script` (after `sc=`/`scx=`...), `property` (before `=`).
    For a syntax-only check, such as the `regex` format's, of the same Unicode version."""
    return {
        "general_category": frozenset(data.GENERAL_CATEGORY) | frozenset(data.GENERAL_CATEGORY_ALIASES),
        "binary": frozenset(data.BINARY)
        | frozenset(alias for alias, name in data.PROPERTY_ALIASES.items() if name in data.BINARY),
        # an alias of a script without characters (Hrkt, Katakana_Or_Hiragana) is not accepted
        "script": frozenset(data.SCRIPT)
        | frozenset(alias for alias, name in data.SCRIPT_ALIASES.items() if name in data.SCRIPT),
        "property": frozenset(_NON_BINARY)
        | frozenset(alias for alias, name in data.PROPERTY_ALIASES.items() if name in _NON_BINARY),
    }
