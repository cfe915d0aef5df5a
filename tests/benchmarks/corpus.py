"""A fixed, seeded corpus of GLM-4.7 task payloads for the benchmark.

* small valid: 1-3 messages and a few settings;
* large valid: a 100,000-character systemPrompt and 50 messages;
* invalid: one violation each, across every kind of constraint in the spec.
"""

from __future__ import annotations

import copy
import random
import string
import uuid
from collections.abc import Callable
from typing import Any

SEED = 20261125
STEPPED = ("temperature", "topP", "frequencyPenalty", "minP", "presencePenalty", "repetitionPenalty")
UPPER = {
    "temperature": 200,
    "topP": 100,
    "frequencyPenalty": 200,
    "minP": 100,
    "presencePenalty": 200,
    "repetitionPenalty": 200,
}


def _words(rng: random.Random, count: int) -> str:
    return " ".join("".join(rng.choices(string.ascii_lowercase, k=rng.randint(2, 9))) for _ in range(count))


def _task(rng: random.Random, messages: int, system_prompt: str | None = None) -> dict[str, Any]:
    task: dict[str, Any] = {
        "taskType": "textInference",
        "taskUUID": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "model": "zai-glm-4-7",
        "messages": [
            {"role": ("user", "assistant")[i % 2], "content": _words(rng, rng.randint(3, 30))} for i in range(messages)
        ],
    }
    if messages % 2 == 0:
        task["messages"].append({"role": "user", "content": _words(rng, 5)})
    settings: dict[str, Any] = {
        name: rng.randint(0, UPPER[name]) / 100 for name in rng.sample(STEPPED, rng.randint(1, 4))
    }
    settings["maxTokens"] = rng.randint(1, 131072)
    if rng.random() < 0.5:
        settings["topK"] = rng.choice([-1, rng.randint(1, 100)])
    if system_prompt is not None:
        settings["systemPrompt"] = system_prompt
    task["settings"] = settings
    if rng.random() < 0.5:
        task["deliveryMethod"] = rng.choice(["sync", "async", "stream"])
        task["includeUsage"] = True
    return task


def small_valid(count: int, seed: int = SEED) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    return [_task(rng, rng.randint(1, 3)) for _ in range(count)]


def large_valid(count: int, seed: int = SEED + 1) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    prompt = (_words(rng, 20000) + " ")[:100_000]
    return [_task(rng, 50, prompt) for _ in range(count)]


# One violation each: (what it breaks, how)
VIOLATIONS: list[tuple[str, Callable[[dict[str, Any]], None]]] = [
    ("required", lambda t: t.pop("taskUUID")),
    ("additionalProperties", lambda t: t.update(prompt="hi")),
    ("const", lambda t: t.update(taskType="imageInference")),
    ("type", lambda t: t.update(includeCost="yes")),
    ("type (bool as number)", lambda t: t["settings"].update(maxTokens=True)),
    ("enum", lambda t: t.update(model="gpt-4")),
    ("oneOf", lambda t: t.update(deliveryMethod="batch")),
    ("pattern", lambda t: t.update(taskUUID="3f2b6a1e-8c4d-1e5f-9a0b-1c2d3e4f5a6b")),
    ("format uri", lambda t: t.update(webhookURL="not a url")),
    ("minimum", lambda t: t.update(seed=-1)),
    ("maximum", lambda t: t.update(numberResults=5)),
    ("multipleOf", lambda t: t["settings"].update(temperature=0.305)),
    ("anyOf", lambda t: t["settings"].update(topK=0)),
    ("minItems", lambda t: t.update(messages=[])),
    ("minLength", lambda t: t["messages"][0].update(content="")),
    ("enum (role)", lambda t: t["messages"][-1].update(role="system")),
    ("maxLength", lambda t: t["settings"].update(systemPrompt="x" * 200_001)),
    ("minItems (stop)", lambda t: t["settings"].update(stopSequences=[])),
]


def invalid(count: int, seed: int = SEED + 2) -> list[tuple[str, dict[str, Any]]]:
    bases = small_valid(count, seed)
    result = []
    for position, base in enumerate(bases):
        name, violate = VIOLATIONS[position % len(VIOLATIONS)]
        task = copy.deepcopy(base)
        violate(task)
        result.append((name, task))
    return result
