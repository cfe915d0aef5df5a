"""The examples on the reference pages, all built from the spec: a minimal and a full request and
a streamed exchange, and the generated client's snippet (shown among the code samples). Tests
check each request against the validator and run the snippet against the local server. An
example past the size budget (spec/examples.py) is shown as its note alone, with no text."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.render.plan import Plan
from generator.spec.model import Omitted
from generator.spec.runware import DELIVERY_METHOD


@dataclass(frozen=True)
class ExampleView:
    """One example as the pages show it: a title, a sentence, the text and its language."""

    title: str
    about: str
    text: str  # "" when the example is left out, and `about` says why
    language: str

    @classmethod
    def request(cls, title: str, about: str, task: Any) -> ExampleView:
        """A request body of one task (a JSON array), or the note of one left out."""
        if isinstance(task, Omitted):
            return cls(title, task.note, "", "json")
        return cls(title, about, _json([task]), "json")


def client_snippet(plan: Plan) -> str | Omitted | None:
    """A few lines of Python calling the generated client with example arguments."""
    view = plan.client
    if view is None:
        return None
    required = [a for a in view.arguments if a.required]
    settings = [a for a in view.arguments if not a.required and len(a.path) > 1 and not isinstance(a.example, Omitted)]
    chosen = required + settings[:2]  # two settings
    left_out = next((a.example for a in chosen if isinstance(a.example, Omitted)), None)
    if left_out is not None:
        return left_out
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
        ExampleView.request(
            "Minimal request", "The required parameters only; every other one takes its default.", spec.minimal_request
        ),
        ExampleView.request("Full request", "Every parameter, at its default or an example value.", spec.full_request),
    ]
    exchange = spec.task.stream_example if spec.task else None
    if isinstance(exchange, Omitted):
        views.append(ExampleView.request("Streamed exchange", "", exchange))
    elif exchange:
        about = f"{DELIVERY_METHOD} stream: the answer is a stream of Server-Sent Events."
        views.append(ExampleView.request("Streamed exchange: request", about, exchange.request))
        about = "Each event is a data line (comments such as : ping keep the connection alive); [DONE] ends the stream."
        views.append(ExampleView("Streamed exchange: events", about, "\n\n".join(exchange.frames), "text"))
    return views


def _json(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False)
