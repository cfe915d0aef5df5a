"""The reference the generated validators are compared with: jsonschema, corrected where it is
known to be wrong for this project. Every correction is here, with its reason.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker, ValidationError
from jsonschema import validators as jsonschema_validators

from generator.core import pointer as jp

# Where jsonschema is wrong, and what decides instead.
CORRECTIONS = {
    "multipleOf": "jsonschema divides in binary floating point and rejects 0.29 as a multiple of 0.01; "
    "a Decimal oracle on repr(x), the shortest decimal, decides",
    "pattern": "jsonschema uses Python's re.search, whose $ also matches before a trailing newline; "
    "ECMA-262 patterns anchored with ^...$ must match the whole string",
    "format uuid": "jsonschema parses with uuid.UUID, whose int() accepts '_' between hex digits; "
    "a UUID is 8-4-4-4-12 hex digits and nothing else",
    "false subschema": "jsonschema's descend returns before adding the instance path to the error of a "
    "false subschema, so `properties: {a: false}` fails at '' instead of '/a'; the oracle adds it",
}

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


def _decimal_multiple_of(validator: Any, step: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "number"):
        return
    try:
        quotient = Decimal(repr(instance)) / Decimal(repr(step))
    except InvalidOperation:
        return
    if quotient != quotient.to_integral_value():
        yield ValidationError(f"{instance!r} is not a multiple of {step}")


def _anchored_pattern(validator: Any, pattern: str, instance: Any, schema: Any) -> Iterator[ValidationError]:
    if not validator.is_type(instance, "string"):
        return
    if pattern.startswith("^") and pattern.endswith("$") and not pattern.endswith("\\$"):
        matched = re.fullmatch(pattern[1:-1], instance) is not None
    else:
        matched = re.search(pattern, instance) is not None
    if not matched:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


_formats = FormatChecker()
_formats.checks("uuid")(lambda instance: not isinstance(instance, str) or _UUID.fullmatch(instance) is not None)

_Corrected = jsonschema_validators.extend(
    Draft202012Validator, {"multipleOf": _decimal_multiple_of, "pattern": _anchored_pattern}
)

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)  # jsonschema discourages subclassing; one fix needs it

    class Oracle(_Corrected):  # type: ignore[misc, valid-type]
        def descend(self, instance: Any, schema: Any, path: Any = None, schema_path: Any = None, **kw: Any) -> Any:
            if schema is not False:
                yield from super().descend(instance, schema, path=path, schema_path=schema_path, **kw)
                return
            error = ValidationError(f"False schema does not allow {instance!r}", validator=None, instance=instance)
            if path is not None:
                error.path.appendleft(path)
            if schema_path is not None:
                error.schema_path.appendleft(schema_path)
            yield error


def oracle_for(document: dict[str, Any], pointer: str = "") -> Any:
    """A corrected jsonschema validator for the schema at `pointer`; references still resolve
    against the whole document."""
    # without $schema: a $ref into a resource that names its dialect would switch back to the
    # uncorrected Draft202012Validator
    document = {k: v for k, v in document.items() if k != "$schema"}
    return Oracle(document, format_checker=_formats).evolve(schema=jp.resolve(document, pointer))


def error_set(validator: Any, instance: Any) -> set[tuple[str, str]]:
    """(instance pointer, keyword) of every error, as jsonschema's iter_errors reports them; the
    false schema, which jsonschema reports with no keyword, is called `false` as ours are."""
    return {
        (jp.from_tokens(error.absolute_path), "false" if error.validator is None else str(error.validator))
        for error in validator.iter_errors(instance)
    }
