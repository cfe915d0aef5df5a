"""Code samples for one request, in the languages users call the API from: curl, Python through
the generated client and through Runware's official SDK, and JavaScript/TypeScript's fetch.

Every sample sends the same body (the spec's minimal request), reads the API key from the
environment and honours the base-URL variable, so the tests run each one against `specgen serve`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.render.docs_examples import client_snippet
from generator.render.plan import Plan
from generator.spec.runware import API_KEY_ENV, API_URL, BASE_URL_ENV, DELIVERY_METHOD, MODEL, SDK


@dataclass(frozen=True)
class Sample:
    id: str  # "curl", "python-client", "python-sdk", "javascript"
    label: str
    language: str
    text: str


def _curl(body: list[Any]) -> str:
    data = json.dumps(body, indent=2, ensure_ascii=False).replace("'", "'\\''")  # inside single quotes
    return "\n".join(
        (
            f'curl "${{{BASE_URL_ENV}:-{API_URL}}}" \\',
            f'  -H "Authorization: Bearer ${API_KEY_ENV}" \\',
            '  -H "Content-Type: application/json" \\',
            f"  -d '{data}'",
        )
    )


def _python(value: Any, margin: str) -> str:
    """A JSON value as a Python literal laid out like `json.dumps(indent=4)` (True, None, not true, null)."""
    inner = margin + "    "
    if isinstance(value, dict) and value:
        items = ",\n".join(f"{inner}{key!r}: {_python(item, inner)}" for key, item in value.items())
        return "{\n" + items + ",\n" + margin + "}"
    if isinstance(value, list) and value:
        return "[\n" + ",\n".join(inner + _python(item, inner) for item in value) + ",\n" + margin + "]"
    return repr(value)


def _sdk(task: dict[str, Any], air: str | None, has_text: bool) -> str:
    # The SDK looks a model slug up in Runware's registry over the network; the AIR form it sends as is.
    task = {**task, **({MODEL: air} if air and MODEL in task else {}), DELIVERY_METHOD: "sync"}
    body = _python(task, "        ")
    return "\n".join(
        (
            "import asyncio",
            "import os",
            "",
            f"from {SDK['module']} import {SDK['client']}",
            "",
            "",
            "async def main() -> None:",
            f"    base_url = os.environ.get({BASE_URL_ENV!r}, {API_URL!r})",
            f"    # the API key comes from {API_KEY_ENV}",
            f'    async with {SDK["client"]}(transport="rest", {SDK["base_url_option"]}=base_url) as client:',
            f"        results = await client.run({body})",
            '        print(results[0]["text"])' if has_text else "        print(results[0])",
            "",
            "",
            "asyncio.run(main())",
        )
    )


def _fetch(body: list[Any], has_text: bool) -> str:
    data = json.dumps(body, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    return "\n".join(
        (
            f'const baseUrl = process.env.{BASE_URL_ENV} ?? "{API_URL}";',
            "const response = await fetch(baseUrl, {",
            '  method: "POST",',
            "  headers: {",
            f"    Authorization: `Bearer ${{process.env.{API_KEY_ENV}}}`,",
            '    "Content-Type": "application/json",',
            "  },",
            f"  body: JSON.stringify({data}),",
            "});",
            "const { data } = await response.json();",
            "console.log(data[0].text);" if has_text else "console.log(data[0]);",
        )
    )


def samples(plan: Plan) -> list[Sample]:
    spec = plan.spec
    task = spec.minimal_request
    if not isinstance(task, dict):
        return []
    has_text = spec.task is not None and any(field.name == "text" for field in spec.task.result.fields)
    result = [Sample("curl", "curl", "sh", _curl([task]))]
    snippet = client_snippet(plan)
    if isinstance(snippet, str) and snippet:  # not when an argument's example is left out (Omitted)
        result.append(Sample("python-client", "Python (generated client)", "python", snippet))
    result.append(Sample("python-sdk", f"Python ({SDK['package']})", "python", _sdk(task, spec.air, has_text)))
    result.append(Sample("javascript", "JavaScript / TypeScript (fetch)", "js", _fetch([task], has_text)))
    return result
