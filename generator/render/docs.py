"""Reference docs: a Markdown page and a self-contained HTML page per spec, and an index.

Every phrase shown for a parameter (its type, range, step, default...) is decided here, once, so
the Markdown and the HTML say exactly the same thing. The HTML page carries everything the
Markdown does, plus what only a browser can do: search, a try-it panel, collapsing, dark mode.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from markupsafe import Markup, escape

from generator.core import headers, naming, templating
from generator.render import docs_examples, docs_samples, docs_trials
from generator.render.docs_schemas import SchemaView, schema_anchor, schema_views
from generator.render.docs_trials import Trial
from generator.render.plan import Plan
from generator.spec.model import Choice, Omitted, Parameter, Spec, StreamExample
from generator.spec.runware import API_URL, ERROR_CODE, ERROR_ITEM
from generator.spec.text import (
    constraint_phrases,
    json_text,
    learn_more,
    markdown_code,
    markdown_escape,
    markdown_fence,
    provenance_note,
    type_label,
)

SERVE_URL = "http://127.0.0.1:8000"  # where `specgen serve` listens by default: the try-it panel's target


@dataclass(frozen=True)
class ValueRow:
    value: str  # as JSON
    description: str
    anchor: str = ""  # "param-deliveryMethod-value-stream"


@dataclass(frozen=True)
class ParameterView:
    """One parameter as both pages show it."""

    anchor: str
    name: str
    display_path: str
    type_label: str
    type_anchor: str | None  # the schema section of its object (or items') type
    required: bool
    default: str | None
    constraints: tuple[str, ...]
    item_constraints: tuple[str, ...]
    values: tuple[ValueRow, ...]
    special_values: tuple[ValueRow, ...]
    description: str
    examples: tuple[str, ...]  # the spec's `examples`, as JSON
    provenance: tuple[str, str] | None  # (label, note) when its values are not from the source page
    learn_more: str | None
    trials: tuple[Trial, ...]
    depth: int
    search_text: str
    children: tuple[ParameterView, ...] = ()

    @property
    def inferred_note(self) -> str | None:  # kept for the Markdown's "(inferred)" mark
        return self.provenance[1] if self.provenance else None


def _value_rows(choices: tuple[Choice, ...], anchor: str) -> tuple[ValueRow, ...]:
    names = naming.unique(re.sub(r"[^A-Za-z0-9_]+", "_", json_text(c.value)).strip("_") or "value" for c in choices)
    return tuple(
        ValueRow(json_text(choice.value), choice.description, f"{anchor}-value-{name}")
        for choice, name in zip(choices, names, strict=True)
    )


def view(parameter: Parameter, anchor: str | None = None, trials: tuple[Trial, ...] = ()) -> ParameterView:
    anchor = anchor or parameter.anchor
    values = _value_rows(parameter.choices or parameter.item_choices, anchor)
    special = _value_rows(parameter.sentinels, anchor + "-special")
    examples = tuple(json_text(example) for example in parameter.examples)
    searched = (parameter.display_path, parameter.description, *(v.value for v in values + special), *examples)
    searched += tuple(v.description for v in values + special)
    return ParameterView(
        anchor=anchor,
        name=parameter.name,
        display_path=parameter.display_path,
        type_label=type_label(parameter),
        type_anchor=schema_anchor(parameter.object_name) if parameter.object_name else None,
        required=parameter.required,
        default=json_text(parameter.default) if parameter.has_default else None,
        constraints=tuple(constraint_phrases(parameter.bounds)),
        item_constraints=tuple(constraint_phrases(parameter.item_bounds)),
        values=values,
        special_values=special,
        description=parameter.description,
        examples=examples,
        provenance=provenance_note(parameter),
        learn_more=learn_more(parameter),
        trials=trials,
        depth=len([p for p in parameter.path if p != "*"]) - 1,
        search_text=" ".join(searched).lower(),
    )


@dataclass(frozen=True)
class GroupView:
    id: str
    title: str
    description: str
    parameters: tuple[ParameterView, ...]  # every member, nested ones after their parent
    roots: tuple[ParameterView, ...] = ()  # the members whose parent is elsewhere, each with its children


def groups(spec: Spec, trials: dict[str, tuple[Trial, ...]] | None = None) -> tuple[GroupView, ...]:
    flat = spec.flat_parameters()
    anchors = dict(zip(map(id, flat), naming.unique(_anchor(p) for p in flat), strict=True))
    found = trials or {}

    def tree(parameter: Parameter) -> ParameterView:
        children = tuple(tree(c) for c in parameter.children if c.group == parameter.group)
        own = view(parameter, anchors[id(parameter)], found.get(parameter.pointer, ()))
        return replace(own, children=children)

    parents = {id(c): p for p in flat for c in p.children}
    result = []
    for group in spec.groups:
        members = tuple(view(p, anchors[id(p)], found.get(p.pointer, ())) for p in flat if p.group == group.id)
        roots = tuple(
            tree(p) for p in flat if p.group == group.id and (id(p) not in parents or parents[id(p)].group != group.id)
        )
        if members:
            result.append(GroupView(group.id, group.title, group.description, members, roots))
    return tuple(result)


def _anchor(parameter: Parameter) -> str:
    """An id that is safe in HTML and in a URL fragment: `param-settings-maxTokens`."""
    return "param-" + "-".join(re.sub(r"[^A-Za-z0-9_]+", "_", part) for part in parameter.path if part != "*")


def response_schemas(spec: Spec) -> tuple[SchemaView, ...]:
    return tuple(s for s in all_schemas(spec) if s.side == "response")


def all_schemas(spec: Spec) -> tuple[SchemaView, ...]:
    flat = spec.flat_parameters()
    anchors = dict(zip(map(id, flat), naming.unique(_anchor(p) for p in flat), strict=True))
    documented = {p.object_name: anchors[id(p)] for p in flat if p.object_name}
    return schema_views(spec, documented)


@dataclass(frozen=True)
class ErrorCode:
    code: str
    anchor: str


def error_codes(spec: Spec) -> tuple[ErrorCode, ...]:
    """The error codes the spec documents: the examples of its error item's code."""
    for schema in spec.schemas:
        if schema.title == ERROR_ITEM:
            field = next((f for f in schema.fields if f.name == ERROR_CODE), None)
            codes = [str(e) for e in field.examples] if field else []
            return tuple(ErrorCode(code, f"error-{re.sub(r'[^A-Za-z0-9_]+', '_', code)}") for code in codes)
    return ()


_BREAKABLE = re.compile(r"\S*[{}\[\]()?=&%$^|\\]\S*")


def whole_tokens(text: str) -> Markup:
    """HTML text in which a token that browsers would break at its punctuation (a pattern, a URL
    with a query) is kept on one line: words are never broken, at any width."""
    parts, last = [], 0
    for match in _BREAKABLE.finditer(text):
        parts += [escape(text[last : match.start()]), Markup('<span class="token">%s</span>') % match.group()]
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


def try_it_request(spec: Spec) -> str:
    """The try-it panel's starting body: the streamed example, or the minimal request."""
    exchange = spec.task.stream_example if spec.task else None
    task = exchange.request if isinstance(exchange, StreamExample) else spec.minimal_request
    return "" if isinstance(task, Omitted) else json.dumps([task], indent=2, ensure_ascii=False)


def render(plan: Plan) -> dict[PurePosixPath, str]:
    spec = plan.spec
    schemas = all_schemas(spec)
    context: dict[str, Any] = {
        "spec": spec,
        "groups": groups(spec, docs_trials.trials(plan)),
        "request_schemas": tuple(s for s in schemas if s.side == "request"),
        "responses": tuple(s for s in schemas if s.side == "response"),
        "errors": error_codes(spec),
        "examples": docs_examples.examples(plan),
        "samples": docs_samples.samples(plan),
        "try_it": try_it_request(spec),
        "api_url": API_URL,
        "serve_url": SERVE_URL,
        "header": headers.markup(spec.source.display),
    }
    env = templating.environment()
    markdown = env.get_template("docs/model.md.jinja").render(
        **context, md=markdown_escape, code=markdown_code, fence=markdown_fence
    )
    html = env.get_template("docs/model.html.jinja").render(**context, tokens=whole_tokens)
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
