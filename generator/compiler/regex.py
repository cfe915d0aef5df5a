"""ECMA-262 regular expressions, as JSON Schema's `pattern` means them, translated to Python's `re`.

The differences that matter: `$` matches only at the very end (Python's also matches before a
trailing newline); `\\d` and `\\w` are ASCII; `\\s` is ECMA's own set of whitespace; named groups
are spelled `(?<name>...)`. Patterns are searched, not matched: they are not implicitly anchored.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from functools import cache

# ECMA-262 WhiteSpace and LineTerminator code points, the meaning of \s.
_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_CLASS_ESCAPES = {"d": "0-9", "w": "a-zA-Z0-9_", "s": _SPACE}
_ESCAPES = {
    "d": "[0-9]",
    "D": "[^0-9]",
    "w": "[a-zA-Z0-9_]",
    "W": "[^a-zA-Z0-9_]",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
}


class UnsupportedPatternError(ValueError):
    """A pattern that cannot be translated faithfully."""


def translate(pattern: str) -> str:
    """Python `re` source that matches what the ECMA-262 `pattern` matches (flags: none)."""
    out: list[str] = []
    in_class = False
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            if i + 1 >= len(pattern):
                raise UnsupportedPatternError("the pattern ends with a lone backslash")
            escaped = pattern[i + 1]
            if escaped in ("p", "P"):
                ranges, i = _property(pattern, i)
                if in_class and escaped == "P":
                    raise UnsupportedPatternError("\\P{...} inside a character class is not supported")
                out.append(ranges if in_class else f"[{'^' if escaped == 'P' else ''}{ranges}]")
                continue
            if escaped == "c" and i + 2 < len(pattern) and pattern[i + 2].isascii() and pattern[i + 2].isalpha():
                out.append(f"\\x{ord(pattern[i + 2]) % 32:02x}")  # \cJ is control-J
                i += 3
                continue
            out.append(_escape(escaped, in_class, pattern, i))
            i += 2
            if escaped == "k" and pattern.startswith("<", i):
                end = pattern.index(">", i)
                out[-1] = f"(?P={pattern[i + 1 : end]})"
                i = end + 1
            continue
        if in_class:
            if char == "]":
                in_class = False
            elif char == "[":
                char = "\\["  # a literal in ECMA; a nested-set warning in Python
            out.append(char)
        elif char == "[":
            in_class = True
            if pattern.startswith("[^]", i):
                out.append("[\\s\\S]")
                i += 3
                in_class = False
                continue
            out.append(char)
            if pattern.startswith("^]", i + 1) or pattern.startswith("]", i + 1):
                raise UnsupportedPatternError("an empty character class is not supported")
        elif char == "$":
            out.append("(?!(?s:.))")  # only at the very end: Python's $ also matches before a final \n
        elif char == "(" and pattern.startswith("(?<", i) and not pattern.startswith(("(?<=", "(?<!"), i):
            out.append("(?P<")
            i += 3
            continue
        else:
            out.append(char)
        i += 1
    return "".join(out)


_CATEGORY_NAMES = {
    "Letter": "L", "Cased_Letter": "LC", "Uppercase_Letter": "Lu", "Lowercase_Letter": "Ll",
    "Titlecase_Letter": "Lt", "Modifier_Letter": "Lm", "Other_Letter": "Lo", "Mark": "M",
    "Nonspacing_Mark": "Mn", "Spacing_Mark": "Mc", "Enclosing_Mark": "Me", "Number": "N",
    "Decimal_Number": "Nd", "digit": "Nd", "Letter_Number": "Nl", "Other_Number": "No",
    "Punctuation": "P", "punct": "P", "Connector_Punctuation": "Pc", "Dash_Punctuation": "Pd",
    "Open_Punctuation": "Ps", "Close_Punctuation": "Pe", "Initial_Punctuation": "Pi",
    "Final_Punctuation": "Pf", "Other_Punctuation": "Po", "Symbol": "S", "Math_Symbol": "Sm",
    "Currency_Symbol": "Sc", "Modifier_Symbol": "Sk", "Other_Symbol": "So", "Separator": "Z",
    "Space_Separator": "Zs", "Line_Separator": "Zl", "Paragraph_Separator": "Zp", "Other": "C",
    "Control": "Cc", "cntrl": "Cc", "Format": "Cf", "Surrogate": "Cs", "Private_Use": "Co",
    "Unassigned": "Cn",
}  # fmt: skip


def _in_category(char: str, category: str) -> bool:
    actual = unicodedata.category(char)
    if category == "LC":
        return actual in ("Lu", "Ll", "Lt")
    return actual.startswith(category) if len(category) == 1 else actual == category


@cache
def _category_ranges(category: str) -> str:
    """The code points of a Unicode general category (or its one-letter group) as class ranges."""
    ranges: list[tuple[int, int]] = []
    for code in range(sys.maxunicode + 1):
        if _in_category(chr(code), category):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    return "".join(f"\\U{a:08x}" if a == b else f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges)


def _property(pattern: str, position: int) -> tuple[str, int]:
    """The class ranges of `\\p{Name}` starting at `position`, and where the escape ends."""
    if not pattern.startswith("{", position + 2) or "}" not in pattern[position:]:
        raise UnsupportedPatternError("a Unicode property escape needs braces: \\p{Name}")
    end = pattern.index("}", position)
    name = pattern[position + 3 : end].removeprefix("General_Category=").removeprefix("gc=")
    category = _CATEGORY_NAMES.get(name, name)
    if category not in _CATEGORY_NAMES.values() or "=" in name:
        raise UnsupportedPatternError(f"the Unicode property {name!r} is not supported (general categories are)")
    return _category_ranges(category), end + 1


def _escape(escaped: str, in_class: bool, pattern: str, position: int) -> str:
    if in_class:
        if escaped in _CLASS_ESCAPES:
            return _CLASS_ESCAPES[escaped]
        if escaped in ("D", "W", "S"):
            raise UnsupportedPatternError(f"\\{escaped} inside a character class is not supported")
    elif escaped in _ESCAPES:
        return _ESCAPES[escaped]
    if escaped in ("A", "Z", "z", "G"):
        return escaped  # not anchors in ECMA-262: a plain letter
    return "\\" + escaped


def compile_pattern(pattern: str) -> str:
    """Translate and check that Python accepts the result; UnsupportedPatternError says why not."""
    translated = translate(pattern)
    try:
        re.compile(translated)
    except re.error as error:
        raise UnsupportedPatternError(f"not a valid regular expression: {error}") from None
    return translated
