"""Keywords that compile to one expression each: type, const, enum, bounds, lengths, pattern, format.

Each `Check` says which group of instances it applies to (numbers, strings, arrays, objects, or
all), the expression that is true when the instance passes, and the message when it does not.
Statements (`nodes.py`) and predicates (`predicates.py`) are both built from these.
"""

from __future__ import annotations

import ast
import functools
import io
import tokenize
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from generator.compiler import numbers, types
from generator.compiler.formats import FORMATS
from generator.compiler.patterns import UnsupportedPatternError, compile_pattern
from generator.core import pointer as jp

if TYPE_CHECKING:
    from generator.compiler.context import ModuleContext


@dataclass(frozen=True)
class Message:
    """An error message: the offending value (shown briefly) followed by `text`, or `text` alone.
    When the text depends on the instance, `expression` builds it at run time instead. The
    generated error builds the message only when it is read, so that reporting costs little."""

    text: str
    shows_value: bool = True
    expression: str | None = None


def after_value(text: str) -> Message:
    """`5` + ` is greater than the maximum of 4`: the usual jsonschema wording."""
    return Message(text)


def plain(text: str) -> Message:
    return Message(text, shows_value=False)


@dataclass(frozen=True)
class Check:
    keyword: str
    group: str | None  # "number", "string", "array", "object", or None for every instance
    passes: str  # a Python expression over the instance variable, true when it passes
    fails: str  # its negation, written naturally (`x < 1`, not `not (x >= 1)`)
    message: Message
    pointer: str  # the schema pointer of the keyword


_NEGATED_OPERATORS = (
    (" is not ", " is "),
    (" not in ", " in "),
    (" == ", " != "),
    (" is ", " is not "),
    (" in ", " not in "),
)


def negation(condition: str) -> str:
    """The condition negated, naturally where possible: `x != 'a'` for `x == 'a'`, `x not in S` for
    `x in S` (what ruff and readers expect); otherwise `not (...)`."""
    if parenthesised(condition) == condition:
        for operator, opposite in _NEGATED_OPERATORS:
            left, found, right = condition.partition(operator)
            if found and left.isidentifier() and (right.isidentifier() or _is_literal(right)):
                return f"{left}{opposite}{right}"
    return f"not {parenthesised(condition)}"


@functools.lru_cache(maxsize=8192)  # a spec repeats few conditions many times: (type(v) is dict or ...)
def parenthesised(condition: str) -> str:
    """The condition, in parentheses unless nothing in it binds more loosely than `not`."""
    depth = 0
    for token in tokenize.generate_tokens(io.StringIO(condition).readline):
        if token.type == tokenize.OP and token.string in "([{":
            depth += 1
        elif token.type == tokenize.OP and token.string in ")]}":
            depth -= 1
        elif depth == 0 and token.string in ("and", "or", "if", "else", "lambda", ":=", "not"):
            return f"({condition})"
    return condition


def type_check(schema: dict[str, Any], pointer: str, variable: str, ctx: ModuleContext) -> Check | None:
    declared = schema.get("type")
    if declared is None:
        return None
    json_types = (declared,) if isinstance(declared, str) else tuple(declared)
    shown = ", ".join(repr(t) for t in json_types)
    passes = ctx.types_test(json_types, variable)
    return Check(
        "type",
        None,
        passes,
        negation(passes),
        after_value(f" is not of type {shown}"),
        jp.child(pointer, "type"),
    )


def declared_types(schema: dict[str, Any]) -> frozenset[str] | None:
    declared = schema.get("type")
    if declared is None:
        return None
    return frozenset((declared,) if isinstance(declared, str) else declared)


def equals(variable: str, value: Any, known: frozenset[str] | None, ctx: ModuleContext, where: str) -> str:
    """True when the instance equals the JSON value `value` (1 equals 1.0; True is not 1)."""
    if value is None:
        return f"{variable} is None"
    if isinstance(value, bool):
        return f"{variable} is {value!r}"
    if isinstance(value, str):
        return f"{variable} == {value!r}"
    if isinstance(value, (int, float)):
        guard = "" if types.group_applies("number", known) else ctx.type_test("number", variable) + " and "
        return f"({guard}{variable} == {number_literal(value, ctx)})"
    ctx.use_helper("json_equal")
    return f"_json_equal({variable}, {ctx.constant('CONST', value_literal(value, ctx), where)})"


def one_of_values(
    variable: str, values: list[Any], known: frozenset[str] | None, ctx: ModuleContext, where: str
) -> str:
    """True when the instance equals one of `values`; strings are looked up in a frozenset."""
    strings = [value for value in values if isinstance(value, str)]
    rest = [value for value in values if not isinstance(value, str)]
    tests = []
    if len(strings) > 1:
        table = ctx.constant("VALUES", "frozenset(" + repr(tuple(dict.fromkeys(strings))) + ")", where)
        if known == frozenset({"string"}):
            tests.append(f"{variable} in {table}")
        else:
            tests.append(f"(isinstance({variable}, str) and {variable} in {table})")
    else:
        rest = values
    tests.extend(equals(variable, value, known, ctx, where) for value in rest)
    return tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"


def value_literal(value: Any, ctx: ModuleContext) -> str:
    """A Python literal of a JSON value, numbers a float cannot hold included."""
    if isinstance(value, list):
        return "[" + ", ".join(value_literal(item, ctx) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key!r}: {value_literal(item, ctx)}" for key, item in value.items()) + "}"
    if isinstance(value, float):
        return number_literal(value, ctx)
    return repr(value)


def number_literal(value: int | float, ctx: ModuleContext) -> str:
    if numbers.needs_decimal(value):
        ctx.imports.add("decimal")
    return numbers.literal(value)


def value_checks(
    schema: dict[str, Any], pointer: str, variable: str, known: frozenset[str] | None, ctx: ModuleContext
) -> list[Check]:
    checks = []
    if "const" in schema:
        passes = equals(variable, schema["const"], known, ctx, jp.child(pointer, "const"))
        const = schema["const"]
        expected = f"{numbers.shown(const) if isinstance(const, float) else repr(const)} was expected"
        checks.append(Check("const", None, passes, negation(passes), plain(expected), jp.child(pointer, "const")))
    if "enum" in schema:
        passes = one_of_values(variable, schema["enum"], known, ctx, jp.child(pointer, "enum"))
        message = after_value(f" is not one of {schema['enum']!r}")
        checks.append(Check("enum", None, passes, negation(passes), message, jp.child(pointer, "enum")))
    return checks


def _is_literal(text: str) -> bool:
    try:
        ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return False
    return True


_BOUNDS = (
    # keyword, the operator that fails, the message
    ("minimum", "<", " is less than the minimum of "),
    ("exclusiveMinimum", "<=", " is less than or equal to the minimum of "),
    ("maximum", ">", " is greater than the maximum of "),
    ("exclusiveMaximum", ">=", " is greater than or equal to the maximum of "),
)


def number_checks(schema: dict[str, Any], pointer: str, variable: str, ctx: ModuleContext) -> list[Check]:
    checks = []
    boolean_exclusive = ctx.dialect_at(pointer).boolean_exclusive
    for keyword, operator, wording in _BOUNDS:
        if keyword not in schema or (boolean_exclusive and keyword.startswith("exclusive")):
            continue
        if boolean_exclusive and schema.get("exclusive" + keyword[0].upper() + keyword[1:]) is True:
            # draft 4: `"exclusiveMaximum": true` beside `maximum` makes the bound exclusive
            operator, wording = {"<": ("<=", _BOUNDS[1][2]), ">": (">=", _BOUNDS[3][2])}[operator]
        limit = number_literal(schema[keyword], ctx)
        # fails when `v < limit`, rather than passes when `v >= limit`: NaN behaves as in jsonschema
        fails = f"{variable} {operator} {limit}"
        if numbers.binary_differs(schema[keyword]):
            # a float bound such as 0.1 is not the decimal it stands for: a Decimal payload (a number
            # no float holds) is compared with that decimal instead; floats and ints stay on `fails`
            ctx.use_helper("beyond")
            exact = numbers.as_fraction(schema[keyword])
            slow = f"_beyond({variable}, {operator!r}, {exact.numerator}, {exact.denominator})"
            fails = f"(({fails}) if type({variable}) is float or type({variable}) is int else {slow})"
        message = after_value(wording + numbers.shown(schema[keyword]))
        checks.append(Check(keyword, "number", negation(fails), fails, message, jp.child(pointer, keyword)))
    if "multipleOf" in schema:
        step = schema["multipleOf"]
        ctx.use_helper("multiple_of")
        passes = numbers.multiple_of_test(variable, step, f"{variable}_steps")
        message = after_value(f" is not a multiple of {numbers.shown(step)}")
        checks.append(Check("multipleOf", "number", passes, negation(passes), message, jp.child(pointer, "multipleOf")))
    return checks


_SIZE_WORDING = {
    # keyword: (group, wording at the limit that means "not empty"/"empty", wording otherwise)
    "minLength": ("string", 1, " should be non-empty", " is too short"),
    "maxLength": ("string", 0, " is expected to be empty", " is too long"),
    "minItems": ("array", 1, " should be non-empty", " is too short"),
    "maxItems": ("array", 0, " is expected to be empty", " is too long"),
    "minProperties": ("object", 1, " should be non-empty", " does not have enough properties"),
    "maxProperties": ("object", 0, " is expected to be empty", " has too many properties"),
}


def _size(keyword: str, schema: dict[str, Any], pointer: str, variable: str) -> Check:
    group, special_limit, special, usual = _SIZE_WORDING[keyword]
    limit = schema[keyword]
    passing, failing = (">=", "<") if keyword.startswith("min") else ("<=", ">")
    wording = special if limit == special_limit else usual
    passes, fails = f"len({variable}) {passing} {limit!r}", f"len({variable}) {failing} {limit!r}"
    if keyword.startswith("min") and limit == 1:
        fails = f"not {variable}"  # empty; cheaper than len() (the group's type is known when this runs)
    return Check(keyword, group, passes, fails, after_value(wording), jp.child(pointer, keyword))


def pattern_regex(pattern: str, pointer: str, ctx: ModuleContext) -> str | None:
    """The name of the module constant holding `pattern` compiled (an object whose `.search(s)` is
    not None on a match: `re`'s, or the linear-time automaton's), or None (refused) if it cannot be."""
    try:
        compiled = compile_pattern(pattern)
    except UnsupportedPatternError as error:
        ctx.refuse(pointer, f"pattern {pattern!r}: {error}")
        return None
    ctx.imports.update(compiled.imports)
    if compiled.automaton is not None:
        ctx.use_helper("linear_pattern")
    return ctx.constant("PATTERN", compiled.expression, pointer)


def string_checks(schema: dict[str, Any], pointer: str, variable: str, ctx: ModuleContext) -> list[Check]:
    checks = [_size(keyword, schema, pointer, variable) for keyword in ("minLength", "maxLength") if keyword in schema]
    if "pattern" in schema:
        here = jp.child(pointer, "pattern")
        regex = pattern_regex(schema["pattern"], here, ctx)
        if regex is not None:
            wording = f" does not match {schema['pattern']!r}"
            search = f"{regex}.search({variable})"
            checks.append(
                Check("pattern", "string", f"{search} is not None", f"{search} is None", after_value(wording), here)
            )
    if "format" in schema and ctx.asserts_formats(pointer):
        here = jp.child(pointer, "format")
        fmt = FORMATS.get(schema["format"])
        if fmt is None:
            supported = ", ".join(sorted(FORMATS))
            ctx.refuse(
                here, f"format {schema['format']!r} is not supported; the validator asserts these formats: {supported}"
            )
        else:
            ctx.use_format(fmt)
            message = after_value(f" is not a {schema['format']!r}")
            passes = fmt.test.format(v=variable)
            fails = (
                passes.removesuffix(" is not None") + " is None"
                if passes.endswith(" is not None")
                else negation(passes)
            )
            checks.append(Check("format", "string", passes, fails, message, here))
    return checks


def size_checks(schema: dict[str, Any], pointer: str, variable: str) -> list[Check]:
    keywords = ("minItems", "maxItems", "minProperties", "maxProperties")
    return [_size(keyword, schema, pointer, variable) for keyword in keywords if keyword in schema]
