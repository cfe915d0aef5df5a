"""The schemas of the reference pages, each on its side: what a client sends (the task, a whole
request body, a poll) and what it gets back (results, usage, envelopes, stream chunks).

A schema is on the request side when the task reaches it, or when it refers to the task and so
wraps it (a request body), or when such a wrapper reaches it; everything else is a response.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from generator.core import pointer as jp
from generator.core import refs, schemawalk
from generator.spec.model import SchemaDef, Spec
from generator.spec.text import json_text


def schema_anchor(title: str) -> str:
    return "schema-" + re.sub(r"[^A-Za-z0-9_]+", "_", title)


@dataclass(frozen=True)
class FieldView:
    anchor: str  # "field-Usage-promptTokens"
    name: str
    type_label: str
    type_anchor: str | None  # the schema its value is, when it has one
    required: bool
    description: str
    examples: tuple[str, ...]  # as JSON
    search_text: str


@dataclass(frozen=True)
class SchemaView:
    anchor: str
    title: str
    description: str
    side: str  # "request" or "response"
    fields: tuple[FieldView, ...]
    uses: tuple[tuple[str, str], ...]  # (title, anchor) of the schemas it refers to
    parameter_anchor: str | None  # where the parameters section documents it (Message, Settings)
    search_text: str


def _references(document: dict[str, Any], pointer: str) -> list[str]:
    """The pointers this schema's `$ref`s name, in order, once each (other `$defs` not entered)."""
    found: list[str] = []
    schema = jp.resolve(document, pointer)
    for _, node in schemawalk.walk(schema if not isinstance(schema, dict) else {**schema, "$defs": {}}):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if refs.is_local(ref) and refs.local_pointer(ref) not in found:
            found.append(refs.local_pointer(ref))
    return found


def sides(spec: Spec) -> dict[str, str]:
    """ "request" or "response" for every schema, by its title."""
    document = spec.schema_document
    graph = {s.pointer: _references(document, s.pointer) for s in spec.schemas}
    roots = [s.pointer for s in spec.schemas if s.is_root or "" in graph[s.pointer]]
    request: set[str] = set()
    while roots:
        pointer = roots.pop()
        if pointer not in request:
            request.add(pointer)
            roots.extend(p for p in graph.get(pointer, []) if p in graph)
    return {s.title: "request" if s.pointer in request else "response" for s in spec.schemas}


def _field_search(title: str, name: str, description: str, examples: tuple[str, ...]) -> str:
    return " ".join((title, name, description, *examples)).lower()


def schema_views(spec: Spec, parameter_anchors: dict[str, str]) -> tuple[SchemaView, ...]:
    """Every schema but the task itself (the parameter sections are the task), in the spec's order."""
    side = sides(spec)
    by_pointer = {s.pointer: s for s in spec.schemas}
    titles = {s.title for s in spec.schemas}
    views = []
    for schema in spec.schemas:
        if schema.is_root:
            continue
        fields = tuple(_field_view(schema, f, titles) for f in schema.fields)
        uses = tuple(
            (by_pointer[p].title, schema_anchor(by_pointer[p].title))
            for p in _references(spec.schema_document, schema.pointer)
            if p in by_pointer
        )
        search = " ".join((schema.title, schema.description)).lower()
        views.append(
            SchemaView(
                schema_anchor(schema.title),
                schema.title,
                schema.description,
                side[schema.title],
                fields,
                uses,
                parameter_anchors.get(schema.title),
                search,
            )
        )
    return tuple(views)


def _field_view(schema: SchemaDef, field: Any, titles: set[str]) -> FieldView:
    examples = tuple(json_text(example) for example in field.examples)
    return FieldView(
        anchor=f"field-{schema.title}-{re.sub(r'[^A-Za-z0-9_]+', '_', field.name)}",
        name=field.name,
        type_label=field.type_label,
        type_anchor=schema_anchor(field.schema_name) if field.schema_name in titles else None,
        required=field.required,
        description=field.description,
        examples=examples,
        search_text=_field_search(schema.title, field.name, field.description, examples),
    )
