"""Runware's conventions, decided here once: what its task, result, stream and poll schemas are
called, and which parameters the platform itself defines. Renderers, the importer and the tools
read the `TaskShape` built here instead of knowing Runware's names."""

from __future__ import annotations

import json
from typing import Any

from generator.core import naming
from generator.spec.examples import Examples, ExampleTooLargeError
from generator.spec.model import Omitted, Parameter, SchemaDef, StreamExample, TaskShape

TASK_TYPE = "taskType"
TASK_ID = "taskUUID"
DELIVERY_METHOD = "deliveryMethod"
RESULTS_COUNT = "numberResults"
MODEL = "model"
SETTINGS = "settings"  # the object that holds a model's tuning parameters
USAGE_FLAGS = ("includeUsage", "includeCost")
# The platform's own parameters, which Runware's pages list under "API options".
API_OPTIONS = (
    TASK_TYPE, TASK_ID, "outputFormat", "webhookURL", DELIVERY_METHOD, "includeCost", "includeUsage", RESULTS_COUNT,
)  # fmt: skip
# The sections of a Runware model page, which group a task's parameters (`x-group`).
PAGE_GROUPS = (
    {"id": "api", "title": "API Options", "description": "Platform-level options for task execution and delivery."},
    {"id": "core", "title": "Core Parameters", "description": "Primary parameters that define the task output."},
    {
        "id": "settings",
        "title": "Settings",
        "description": "Technical parameters to fine-tune the inference process.",
    },
)
ERROR_ITEM = "ErrorItem"  # one error of the error envelope; its `code` examples are the documented codes
ERROR_CODE = "code"
STREAM_CHUNK = "StreamChunk"
API_URL = "https://api.runware.ai/v1"  # where tasks are POSTed
API_KEY_ENV = "RUNWARE_API_KEY"  # the variable clients read the Bearer key from
BASE_URL_ENV = "RUNWARE_BASE_URL"  # the variable that points clients elsewhere (specgen serve)
# Runware's official Python SDK (PyPI runware-sdk): its module, client class and REST base-URL option.
SDK = {"package": "runware-sdk", "module": "runware", "client": "Runware", "base_url_option": "http_base_url"}
POLL_RESULT = "GetResponseResult"
REQUEST_BODY = "RequestBody"  # the array of tasks a client POSTs
RESPONSE_BODY = "ResponseBody"  # what a request is answered with: its results under RESPONSE_RESULTS
RESPONSE_RESULTS = "data"
STREAM_DELTA = "delta"  # the StreamChunk property that carries the new text
STREAM_TEXT = "text"  # the delta's property with the answer's text (beside reasoning)
STREAM_USAGE = "usage"  # the StreamChunk property with token usage, on the final chunk


def page_group(parameter: str) -> str:
    """The section of a model page a top-level parameter belongs in."""
    if parameter in API_OPTIONS:
        return "api"
    return "settings" if parameter == SETTINGS else "core"


def task_title(task_type: str) -> str:
    """The root schema's name for a task type: `textInference` -> `TextInferenceTask`."""
    return naming.pascal(task_type or "task") + "Task"


def result_title(task_type: str) -> str:
    """The `$defs` name of a task type's result: `textInference` -> `TextInferenceResult`."""
    return naming.pascal(task_type or "task") + "Result"


def task_shape(
    task_type: str, parameters: tuple[Parameter, ...], schemas: tuple[SchemaDef, ...], examples: Examples
) -> TaskShape | None:
    """How the task runs, or None when the spec has no task type or no result schema."""
    result = _definition(schemas, result_title(task_type))
    if not task_type or result is None:
        return None
    delivery = next((p for p in parameters if p.name == DELIVERY_METHOD), None)
    stream = _definition(schemas, STREAM_CHUNK)
    names = {p.name for p in parameters}
    chunk: dict[str, Any] = examples.resolve({"$ref": "#" + stream.pointer}).get("properties", {}) if stream else {}
    delta: dict[str, Any] = examples.resolve(chunk.get(STREAM_DELTA, {})).get("properties", {})
    return TaskShape(
        task_type=task_type,
        method=naming.snake(task_type),
        result=result,
        stream=stream,
        poll=_definition(schemas, POLL_RESULT),
        delivery_methods=tuple(str(c.value) for c in delivery.choices) if delivery else (),
        fixed=frozenset({TASK_TYPE, DELIVERY_METHOD}),
        task_id=TASK_ID if TASK_ID in names else None,
        results_count=RESULTS_COUNT if RESULTS_COUNT in names else None,
        model=MODEL if MODEL in names else None,
        stream_example=_stream_example(examples, stream, names) if delivery and stream else None,
        stream_text=STREAM_TEXT if STREAM_TEXT in delta else None,
        stream_usage=STREAM_USAGE if STREAM_USAGE in chunk else None,
        body=_definition(schemas, REQUEST_BODY),
    )


def _definition(schemas: tuple[SchemaDef, ...], title: str) -> SchemaDef | None:
    return next((s for s in schemas if s.title == title and not s.is_root), None)


def _stream_example(examples: Examples, stream: SchemaDef, names: set[str]) -> StreamExample | Omitted:
    """A streaming request and the Server-Sent Events that answer it: a ping comment, one frame
    per delta field, a final frame with the rest of the chunk's fields, and [DONE]. Omitted when
    a part would not fit the examples' size budget."""
    try:
        return _stream_exchange(examples, stream, names)
    except ExampleTooLargeError as error:
        return Omitted(error.note)


def _stream_exchange(examples: Examples, stream: SchemaDef, names: set[str]) -> StreamExample:
    document = examples.document
    task = examples.value(document)
    task[DELIVERY_METHOD] = "stream"
    task.update({flag: True for flag in USAGE_FLAGS if flag in names})
    chunk = examples.resolve({"$ref": "#" + stream.pointer})
    chunk_properties: dict[str, Any] = chunk.get("properties", {})
    head = {name: task[name] for name in (TASK_ID, TASK_TYPE) if name in chunk_properties and name in task}
    delta = examples.resolve(chunk_properties.get(STREAM_DELTA, {}))
    frames = [": ping"]
    for name, schema in delta.get("properties", {}).items():
        frames.append("data: " + json.dumps({**head, STREAM_DELTA: {name: examples.value(schema)}}, ensure_ascii=False))
    final: dict[str, Any] = {**head, STREAM_DELTA: {}}
    for name, schema in chunk_properties.items():
        if name not in (*head, STREAM_DELTA):
            final[name] = examples.value(schema)
    frames += ["data: " + json.dumps(final, ensure_ascii=False), "data: [DONE]"]
    return StreamExample(task, tuple(frames))


# The platform's own task types, answered by every Runware endpoint whatever the model.
AUTHENTICATION = "authentication"  # {"apiKey", "connectionSessionUUID"?}: first task of a request or socket
PING = "ping"  # {"ping": true} -> {"pong": true}: a WebSocket keep-alive
POLL = "getResponse"  # {"taskUUID"}: the state and results of an async task
TASK_DETAILS = "getTaskDetails"  # {"taskUUID"}: the request and response of an earlier task
WEBHOOK_URL = "webhookURL"
RESULT_INDEX = "resultIndex"  # which of a task's numberResults an item is, from 0
POLL_TASK = "GetResponseTask"  # the $defs schema of a getResponse task, when the spec has one
