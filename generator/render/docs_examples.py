"""The examples on the reference pages, all built from the spec: a minimal and a full request,
a streamed exchange, and a client snippet. Tests check each request against the validator and
run the snippet against the local server."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.core import naming
from generator.core import pointer as jp
from generator.render import client
from generator.spec.examples import Examples
from generator.spec.model import Spec


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
