"""Reference docs: a Markdown page and a self-contained HTML page per spec, and an index.

Every phrase shown for a parameter (its type, range, step, default...) is decided here, once, so
the Markdown and the HTML say exactly the same thing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath

from generator.core import headers, naming, templating
from generator.render import docs_examples
from generator.render.plan import Plan
from generator.spec.model import Choice, Field, Parameter, Spec
from generator.spec.text import (
    constraint_phrases,
    inferred_note,
    json_text,
    markdown_code,
    markdown_escape,
    markdown_fence,
    type_label,
)


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
        inferred_note=inferred_note(parameter),
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
class SchemaView:
    """A response-side schema (result, usage, envelopes, stream chunk) as a table of fields."""

    anchor: str
    title: str
    description: str
    fields: tuple[Field, ...]


def response_schemas(spec: Spec) -> tuple[SchemaView, ...]:
    """Every `$defs` entry that is not part of the request parameters above."""
    request_objects = {p.object_name for p in spec.flat_parameters() if p.object_name}
    return tuple(
        SchemaView(
            "schema-" + re.sub(r"[^A-Za-z0-9_]+", "_", schema.title), schema.title, schema.description, schema.fields
        )
        for schema in spec.schemas
        if not schema.is_root and schema.title not in request_objects
    )


def render(plan: Plan) -> dict[PurePosixPath, str]:
    spec = plan.spec
    context = {
        "spec": spec,
        "groups": groups(spec),
        "responses": response_schemas(spec),
        "examples": docs_examples.examples(plan),
        "header": headers.markup(spec.source.display),
    }
    env = templating.environment()
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
    env = templating.environment()
    header = headers.markup("spec/")
    return {
        PurePosixPath("docs", "index.md"): env.get_template("docs/index.md.jinja").render(
            specs=ordered, header=header, md=markdown_escape
        ),
        PurePosixPath("docs", "index.html"): env.get_template("docs/index.html.jinja").render(
            specs=ordered, header=header
        ),
    }
