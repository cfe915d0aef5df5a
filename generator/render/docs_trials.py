"""Each parameter's valid and just-invalid values, judged by the generated validator itself.

For every parameter the page shows a value at each bound and one step past it, the enum's near
neighbour (one letter's case changed), a broken format and the wrong JSON type, each put into a
full request and checked, at generation time, by the validator `generate` writes. The messages
and pointers on the page are therefore the ones a user gets; tests check that they still are.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from generator.compiler.inmemory import load_module
from generator.compiler.source import spec_module_source
from generator.render.plan import Plan
from generator.spec.model import Omitted, Parameter, Spec
from generator.spec.text import json_text

_SHOWN_LIMIT = 60  # longer values are shown abbreviated, with their length


@dataclass(frozen=True)
class Problem:
    pointer: str
    message: str


@dataclass(frozen=True)
class Trial:
    """One value tried for one parameter, and what the validator said about it."""

    label: str  # why this value: "one step below the minimum"
    value: Any  # the parameter's value
    payload: Any  # the whole task the validator checked
    problems: tuple[Problem, ...]

    @property
    def valid(self) -> bool:
        return not self.problems

    @property
    def shown(self) -> str:
        text = json_text(self.value)
        if len(text) <= _SHOWN_LIMIT:
            return text
        size = f" ({len(self.value):,} characters)" if isinstance(self.value, str) else ""
        return text[: _SHOWN_LIMIT - 10] + "…" + size


def _number(value: Decimal, integer: bool) -> int | float:
    return int(value) if integer or value == value.to_integral_value() else float(value)


def _near_neighbour(value: Any) -> Any | None:
    """An allowed string with its first letter's case changed: `Sync` for `sync`."""
    if not isinstance(value, str) or not value or value[0].swapcase() == value[0]:
        return None
    return value[0].swapcase() + value[1:]


def _broken_format(fmt: str | None, example: Any) -> Any | None:
    if not isinstance(example, str):
        return None
    if fmt == "uuid":
        return example[:-1]  # one hex digit short
    if fmt == "uri" and "://" in example:
        return example.split("://", 1)[1]  # no scheme: a relative reference, not a URI
    return None


_WRONG_TYPE: dict[str, Callable[[Parameter], Any]] = {
    "string": lambda p: 42,
    "integer": lambda p: json_text(p.example),  # the number as a string: "42"
    "number": lambda p: json_text(p.example),
    "boolean": lambda p: json_text(p.example),  # "true"
    "array": lambda p: p.example[0] if isinstance(p.example, list) and p.example else {},  # one item, unwrapped
    "object": lambda p: [p.example],
}


def candidates(parameter: Parameter) -> Iterator[tuple[str, Any]]:
    """(label, value) pairs to try, from the parameter's own constraints."""
    yield "example", parameter.example
    bounds, integer = parameter.bounds, "integer" in parameter.types
    if "integer" in parameter.types or "number" in parameter.types:
        unit = Decimal(str(bounds.multiple_of if bounds.multiple_of is not None else 1))
        for label, bound, step in (
            ("minimum", bounds.minimum, -unit),
            ("maximum", bounds.maximum, unit),
        ):
            if bound is not None:
                yield f"at the {label}", bound
                yield (
                    f"one step {'below' if step < 0 else 'above'} the {label}",
                    _number(Decimal(str(bound)) + step, integer),
                )
        for label, bound, step in (
            ("exclusive minimum", bounds.exclusive_minimum, unit),
            ("exclusive maximum", bounds.exclusive_maximum, -unit),
        ):
            if bound is not None:
                yield f"at the {label}", bound
                yield f"one step inside the {label}", _number(Decimal(str(bound)) + step, integer)
        if bounds.multiple_of is not None:
            start = Decimal(str(bounds.minimum if bounds.minimum is not None else 0))
            yield "between two steps", _number(start + unit / 2, False)
        elif integer and isinstance(parameter.example, int) and not isinstance(parameter.example, bool):
            yield "not a whole number", parameter.example + 0.5
    for sentinel in parameter.sentinels:
        yield "special value", sentinel.value
    for label, size, delta in (("minimum length", bounds.min_length, -1), ("maximum length", bounds.max_length, 1)):
        if size is not None:
            yield f"at the {label}", "a" * size
            if size + delta >= 0:
                yield f"one character {'short of' if delta < 0 else 'past'} the {label}", "a" * (size + delta)
    for label, size, delta in (("minimum items", bounds.min_items, -1), ("maximum items", bounds.max_items, 1)):
        if size is not None and size + delta >= 0 and isinstance(parameter.example, list) and parameter.example:
            item = parameter.example[0]
            yield f"one item {'short of' if delta < 0 else 'past'} the {label}", [item] * (size + delta)
    choices = parameter.choices or parameter.item_choices
    if choices:
        neighbour = _near_neighbour(choices[0].value)
        if neighbour is not None and neighbour not in [c.value for c in choices]:
            value: Any = [neighbour] if parameter.item_choices else neighbour
            yield "the near neighbour of an allowed value", value
    broken = _broken_format(bounds.format, parameter.example)
    if broken is not None:
        yield f"not a valid {bounds.format}", broken
    if parameter.item_types and isinstance(parameter.example, list) and not parameter.children:
        yield "an item of the wrong type", [_WRONG_TYPE[parameter.item_types[0]](parameter)]
    if len(parameter.types) == 1 and parameter.types[0] in _WRONG_TYPE:
        yield "the wrong type", _WRONG_TYPE[parameter.types[0]](parameter)


def _place(request: Any, path: tuple[str, ...], value: Any) -> Any:
    """`request` with the value at `path` ("*" is the first item of an array), or None when the
    request does not reach that far (a recursive schema's example stops somewhere)."""
    payload = copy.deepcopy(request)
    target = payload
    keys: list[str | int] = [0 if part == "*" else part for part in path]
    for key in keys[:-1]:
        reaches = isinstance(target, list) and target if isinstance(key, int) else isinstance(target, dict)
        if not reaches or (isinstance(target, dict) and key not in target):
            return None
        target = target[key]
    if not isinstance(target, (dict, list)) or (isinstance(target, list) and not target):
        return None
    target[keys[-1]] = value  # type: ignore[index]
    return payload


def trials(plan: Plan) -> dict[str, tuple[Trial, ...]]:
    """Every parameter's trials, by its pointer in the spec."""
    spec = plan.spec
    validate = _root_validator(plan)
    result: dict[str, tuple[Trial, ...]] = {}
    if isinstance(spec.full_request, Omitted):
        return {}  # past the size budget: no request to try values in
    for parameter in spec.flat_parameters():
        if isinstance(parameter.example, Omitted):
            continue
        rows: list[Trial] = []
        for label, value in candidates(parameter):
            same = next((n for n, row in enumerate(rows) if _same(row.value, value)), None)
            if same is not None:  # the example is often also a bound: one row, both reasons
                rows[same] = replace(rows[same], label=f"{rows[same].label}, {label}")
                continue
            payload = _place(spec.full_request, parameter.path, value)
            if payload is None:
                break
            problems = tuple(Problem(error.path, error.message) for error in validate(payload))
            rows.append(Trial(label, value, payload, problems))
        result[parameter.pointer] = tuple(rows)
    return result


def _same(a: Any, b: Any) -> bool:
    """Equal as JSON values: 1 and 1.0 are one number, but True is not 1."""
    return json_text(a) == json_text(b) or (a == b and type(a) is type(b))


def _root_validator(plan: Plan) -> Callable[[Any], list[Any]]:
    """The `validate_...` function of the task, from the same source `generate` writes."""
    spec: Spec = plan.spec
    module = load_module(f"specgen_docs_{spec.package}", spec_module_source(spec, plan.validators))
    validate: Callable[[Any], list[Any]] = module.VALIDATORS[spec.schemas[0].title].validate
    return validate
