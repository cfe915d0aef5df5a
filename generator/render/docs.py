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

from generator import naming
from generator import pointer as jp
from generator.examples import Examples
from generator.model import Bounds, Choice, Parameter, Spec
from generator.render import client, environment, headers

_TYPE_WORDS = {
    "number": "float",
    "integer": "integer",
    "string": "string",
    "boolean": "boolean",
    "object": "object",
    "array": "array",
    "null": "null",
}


def json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def type_label(parameter: Parameter) -> str:
    """As the source page words types: `float`, `array of objects`, `string`."""
    words = [_TYPE_WORDS.get(t, t) for t in parameter.types] or ["any"]
    if parameter.types == ("array",):
        items = (
            "objects"
            if parameter.children
            else (_TYPE_WORDS.get(parameter.item_types[0], "value") + "s" if parameter.item_types else "values")
        )
        return f"array of {items}"
    return " or ".join(words)


def _number(value: float | int) -> str:
    return json_text(value)


def constraint_phrases(bounds: Bounds, types: tuple[str, ...]) -> list[str]:
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
        constraints=tuple(constraint_phrases(parameter.bounds, parameter.types)),
        item_constraints=tuple(constraint_phrases(parameter.item_bounds, parameter.item_types)),
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


@dataclass(frozen=True)
class ExampleView:
    """One example as the pages show it: a title, a sentence, the text and its language."""

    title: str
    about: str
    text: str
    language: str


def request_examples(spec: Spec) -> dict[str, list[dict[str, Any]]]:
    """Request bodies built from the spec: the required parameters only, and every parameter."""
    builder = Examples(spec.document)
    return {"minimal": [builder.value(spec.document)], "full": [builder.value(spec.document, full=True)]}


def stream_exchange(spec: Spec) -> tuple[list[dict[str, Any]], list[str]] | None:
    """A streaming request and the Server-Sent Events that answer it, from the StreamChunk schema."""
    properties = spec.document.get("properties", {})
    chunk = spec.document.get("$defs", {}).get("StreamChunk")
    if "deliveryMethod" not in properties or not isinstance(chunk, dict):
        return None
    builder = Examples(spec.document)
    task = builder.value(spec.document)
    task["deliveryMethod"] = "stream"
    task.update({flag: True for flag in ("includeUsage", "includeCost") if flag in properties})
    head = {name: task[name] for name in ("taskUUID", "taskType") if name in chunk.get("properties", {})}
    delta = builder.resolve(chunk.get("properties", {}).get("delta", {}))
    frames = [": ping"]
    for name, schema in delta.get("properties", {}).items():
        frames.append("data: " + json.dumps({**head, "delta": {name: builder.value(schema)}}, ensure_ascii=False))
    final = {**head, "delta": {}}
    for name, schema in chunk.get("properties", {}).items():
        if name not in (*head, "delta"):
            final[name] = builder.value(schema)
    frames += ["data: " + json.dumps(final, ensure_ascii=False), "data: [DONE]"]
    return [task], frames


def client_snippet(spec: Spec) -> str | None:
    """A few lines of Python calling the generated client with example arguments."""
    view = client.view(spec)
    if view is None:
        return None
    builder = Examples(spec.document)
    required = [a for a in view.arguments if a.required]
    chosen = required + [a for a in view.arguments if not a.required and len(a.path) > 1][:2]  # two settings
    lines = [f"from {spec.package} import Client", "", "client = Client()  # the API key comes from RUNWARE_API_KEY"]
    lines.append(f"result = client.{view.task_method}(")
    for argument in chosen:
        lines.append(f"    {argument.name}={builder.value(jp.resolve(spec.document, argument.pointer))!r},")
    lines += [")", "print(result.text)" if "text" in _result_fields(spec) else "print(result)"]
    return "\n".join(lines)


def _result_fields(spec: Spec) -> set[str]:
    result = spec.document.get("$defs", {}).get(naming.pascal(spec.task_type) + "Result", {})
    return set(result.get("properties", {})) if isinstance(result, dict) else set()


def examples(spec: Spec) -> list[ExampleView]:
    bodies = request_examples(spec)
    views = [
        ExampleView(
            "Minimal request",
            "The required parameters only; every other one takes its default.",
            _json(bodies["minimal"]),
            "json",
        ),
        ExampleView(
            "Full request", "Every parameter, at its default or an example value.", _json(bodies["full"]), "json"
        ),
    ]
    exchange = stream_exchange(spec)
    if exchange:
        request, frames = exchange
        about = "deliveryMethod stream: the answer is a stream of Server-Sent Events."
        views.append(ExampleView("Streamed exchange: request", about, _json(request), "json"))
        about = "Each event is a data line (comments such as : ping keep the connection alive); [DONE] ends the stream."
        views.append(ExampleView("Streamed exchange: events", about, "\n\n".join(frames), "text"))
    snippet = client_snippet(spec)
    if snippet:
        about = "The same task through the typed client, which checks it before sending."
        views.append(ExampleView("With the generated client", about, snippet, "python"))
    return views


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)


def markdown_fence(text: str, language: str) -> str:
    """A fenced code block that holds any text: the fence is longer than any backtick run in it."""
    fence = "`" * max(3, max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def render(spec: Spec) -> dict[PurePosixPath, str]:
    context = {
        "spec": spec,
        "groups": groups(spec),
        "responses": response_schemas(spec),
        "examples": examples(spec),
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
