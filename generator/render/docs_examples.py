"""The examples on the reference pages, all built from the spec: a minimal and a full request and
a streamed exchange, and the generated client's snippet (shown among the code samples). Tests
check each request against the validator and run the snippet against the local server."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.render.plan import Plan
from generator.spec.runware import DELIVERY_METHOD


@dataclass(frozen=True)
class ExampleView:
    """One example as the pages show it: a title, a sentence, the text and its language."""

    title: str
    about: str
    text: str
    language: str


def client_snippet(plan: Plan) -> str | None:
    """A few lines of Python calling the generated client with example arguments."""
    view = plan.client
    if view is None:
        return None
    required = [a for a in view.arguments if a.required]
    chosen = required + [a for a in view.arguments if not a.required and len(a.path) > 1][:2]  # two settings
    lines = [
        f"from {plan.spec.package} import Client",
        "",
        "client = Client()  # the API key comes from RUNWARE_API_KEY",
    ]
    lines.append(f"result = client.{view.task_method}(")
    for argument in chosen:
        lines.append(f"    {argument.name}={argument.example!r},")
    has_text = any(field.name == "text" for field in view.task.result.fields)
    lines += [")", "print(result.text)" if has_text else "print(result)"]
    return "\n".join(lines)


def examples(plan: Plan) -> list[ExampleView]:
    spec = plan.spec
    views = [
        ExampleView(
            "Minimal request",
            "The required parameters only; every other one takes its default.",
            _json([spec.minimal_request]),
            "json",
        ),
        ExampleView(
            "Full request", "Every parameter, at its default or an example value.", _json([spec.full_request]), "json"
        ),
    ]
    exchange = spec.task.stream_example if spec.task else None
    if exchange:
        about = f"{DELIVERY_METHOD} stream: the answer is a stream of Server-Sent Events."
        views.append(ExampleView("Streamed exchange: request", about, _json([exchange.request]), "json"))
        about = "Each event is a data line (comments such as : ping keep the connection alive); [DONE] ends the stream."
        views.append(ExampleView("Streamed exchange: events", about, "\n\n".join(exchange.frames), "text"))
    return views


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
