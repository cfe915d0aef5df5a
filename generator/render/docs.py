"""Reference docs: a Markdown page and a self-contained HTML page per spec, and an index.

Every phrase shown for a parameter (its type, range, step, default...) is decided here, once, so
the Markdown and the HTML say exactly the same thing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from generator.core import naming
from generator.render import docs_examples, environment, headers
from generator.spec.model import Bounds, Choice, Parameter, Spec

_TYPE_WORDS = {"number": "float"}  # the source page's word; the others read as JSON Schema names them


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def type_label(parameter: Parameter) -> str:
    """As the source page words types: `float`, `array of objects`, `string`."""
    if parameter.types == ("array",):
        if parameter.children:
            return "array of objects"
        item = _TYPE_WORDS.get(parameter.item_types[0], parameter.item_types[0]) if parameter.item_types else "value"
        return f"array of {item}s"
    return " or ".join(_TYPE_WORDS.get(t, t) for t in parameter.types) or "any"


def _number(value: float | int) -> str:
    return json_text(value)


def constraint_phrases(bounds: Bounds) -> list[str]:
    """`min: 0`, `max: 2`, `step: 0.01`, `min length: 1`... in the source page's words."""
    phrases = []
    for label, value in (
        ("min", bounds.minimum),
        ("exclusive min", bounds.exclusive_minimum),
        ("max", bounds.maximum),
        ("exclusive max", bounds.exclusive_maximum),
        ("step", bounds.multiple_of),
    ):
        if value is not None:
            phrases.append(f"{label}: {_number(value)}")
    for label, value in (
        ("min length", bounds.min_length),
        ("max length", bounds.max_length),
        ("min items", bounds.min_items),
        ("max items", bounds.max_items),
    ):
        if value is not None:
            phrases.append(f"{label}: {value}")
    if bounds.format:
        phrases.append({"uuid": "UUID", "uri": "URI"}.get(bounds.format, bounds.format))
    if bounds.pattern:
        phrases.append(f"pattern: {bounds.pattern}")
    return phrases


@dataclass(frozen=True)
class ValueRow:
    value: str  # as JSON
    description: str


@dataclass(frozen=True)
class ParameterView:
    """One parameter as both pages show it."""

    anchor: str
    name: str
    display_path: str
    type_label: str
    required: bool
    default: str | None
    constraints: tuple[str, ...]
    item_constraints: tuple[str, ...]
    values: tuple[ValueRow, ...]
    special_values: tuple[ValueRow, ...]
    description: str
    inferred_note: str | None
    depth: int
    search_text: str


def _value_rows(choices: tuple[Choice, ...]) -> tuple[ValueRow, ...]:
    return tuple(ValueRow(json_text(choice.value), choice.description) for choice in choices)


def view(parameter: Parameter) -> ParameterView:
    inferred = None
    if parameter.provenance == "inferred":
        inferred = parameter.provenance_note or "The allowed values are inferred, not confirmed by a source."
    values = _value_rows(parameter.choices or parameter.item_choices)
    return ParameterView(
        anchor=parameter.anchor,
        name=parameter.name,
        display_path=parameter.display_path,
        type_label=type_label(parameter),
        required=parameter.required,
        default=json_text(parameter.default) if parameter.has_default else None,
        constraints=tuple(constraint_phrases(parameter.bounds)),
        item_constraints=tuple(constraint_phrases(parameter.item_bounds)),
        values=values,
        special_values=_value_rows(parameter.sentinels),
        description=parameter.description,
        inferred_note=inferred,
        depth=len([p for p in parameter.path if p != "*"]) - 1,
        search_text=" ".join((parameter.display_path, parameter.description)).lower(),
    )


@dataclass(frozen=True)
class GroupView:
    id: str
    title: str
    description: str
    parameters: tuple[ParameterView, ...]


def groups(spec: Spec) -> tuple[GroupView, ...]:
    flat = spec.flat_parameters()
    anchors = dict(zip(map(id, flat), naming.unique(_anchor(p) for p in flat), strict=True))
    result = []
    for group in spec.groups:
        members = tuple(replace(view(p), anchor=anchors[id(p)]) for p in flat if p.group == group.id)
        if members:
            result.append(GroupView(group.id, group.title, group.description, members))
    return tuple(result)


def _anchor(parameter: Parameter) -> str:
    """An id that is safe in HTML and in a URL fragment: `param-settings-maxTokens`."""
    return "param-" + "-".join(re.sub(r"[^A-Za-z0-9_]+", "_", part) for part in parameter.path if part != "*")


@dataclass(frozen=True)
class FieldView:
    name: str
    type_label: str
    required: bool
    description: str


@dataclass(frozen=True)
class SchemaView:
    """A response-side schema (result, usage, envelopes, stream chunk) as a table of fields."""

    anchor: str
    title: str
    description: str
    fields: tuple[FieldView, ...]


def response_schemas(spec: Spec) -> tuple[SchemaView, ...]:
    """Every `$defs` entry that is not part of the request parameters above."""
    request_objects = {p.object_name for p in spec.flat_parameters() if p.object_name}
    result = []
    for schema in spec.schemas:
        if schema.is_root or schema.title in request_objects:
            continue
        raw = spec.source.document["$defs"][schema.title]
        fields = tuple(
            FieldView(
                name,
                _field_type(spec, sub),
                name in raw.get("required", []),
                str(sub.get("description", "")) if isinstance(sub, dict) else "",
            )
            for name, sub in (raw.get("properties", {}) if isinstance(raw, dict) else {}).items()
        )
        result.append(
            SchemaView(
                "schema-" + re.sub(r"[^A-Za-z0-9_]+", "_", schema.title), schema.title, schema.description, fields
            )
        )
    return tuple(result)


def _field_type(spec: Spec, schema: Any) -> str:
    if not isinstance(schema, dict):
        return "any"
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "enum" in schema:
        return " | ".join(json_text(v) for v in schema["enum"])
    if "const" in schema:
        return json_text(schema["const"])
    declared = schema.get("type", "any")
    if declared == "array" and isinstance(schema.get("items"), dict):
        return f"array of {_field_type(spec, schema['items'])}"
    return declared if isinstance(declared, str) else " | ".join(declared)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#!~])")


def markdown_escape(text: str) -> str:
    """Text shown as itself in Markdown: metacharacters and HTML are escaped, lines joined."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split())).replace("&", "&amp;")


def markdown_code(text: str) -> str:
    """An inline code span that holds any text (backticks inside lengthen the fence)."""
    text = " ".join(text.split())
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}".replace("|", "\\|")


def markdown_fence(text: str, language: str) -> str:
    """A fenced code block that holds any text: the fence is longer than any backtick run in it."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def render(spec: Spec) -> dict[PurePosixPath, str]:
    context = {
        "spec": spec,
        "groups": groups(spec),
        "responses": response_schemas(spec),
        "examples": docs_examples.examples(spec),
        "header": headers.markup(spec),
    }
    env = environment.environment()
    markdown = env.get_template("docs/model.md.jinja").render(
        **context, md=markdown_escape, code=markdown_code, fence=markdown_fence
    )
    html = env.get_template("docs/model.html.jinja").render(**context)
    return {
        PurePosixPath("docs", f"{spec.model_id}.md"): markdown,
        PurePosixPath("docs", f"{spec.model_id}.html"): html,
    }


def render_index(specs: Sequence[Spec]) -> dict[PurePosixPath, str]:
    """An index of every spec's page, when there is more than one."""
    if len(specs) < 2:
        return {}
    ordered = sorted(specs, key=lambda s: s.model_id)
    env = environment.environment()
    header = "<!-- Generated by specgen from spec/; do not edit. Regenerate with: specgen generate -->"
    return {
        PurePosixPath("docs", "index.md"): env.get_template("docs/index.md.jinja").render(
            specs=ordered, header=header, md=markdown_escape
        ),
        PurePosixPath("docs", "index.html"): env.get_template("docs/index.html.jinja").render(
            specs=ordered, header=header
        ),
    }
