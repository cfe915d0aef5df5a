"""`specgen import`: a spec in our form from one of Runware's per-model OpenAPI documents.

Runware publishes, per model, an OpenAPI document (JSON or YAML, see reading.py) whose
`components.schemas` hold the request body, an array whose `items` are the task (written inline,
or a reference to a component), the response body, whose `data` items are the result (the same),
and the error envelope.
OpenAPI 3.1 schemas are JSON Schema 2020-12, so descriptions and constraints carry over as they
are; what follows is only what our form adds or cannot keep:

* the task becomes the root schema; the other components become `$defs` (references rewritten),
  the result named `<TaskType>Result` and inline objects of the task (settings, message items)
  hoisted into `$defs` of their own, so that models and client get names;
* Runware's platform schemas (usage, stream chunks, getResponse polling) are added when the
  document lacks them: per-model documents leave streaming and polling out;
* `x-runware` metadata comes from `info` and the task; parameters are grouped as Runware's pages
  group them (API options, core parameters, settings);
* OpenAPI-only keywords are converted (keywords.py: `example`, OpenAPI 3.0's `nullable` and
  boolean `exclusiveMinimum`, formats such as `int32` that are bounds) or dropped (`discriminator`,
  `xml`, `externalDocs`), and keywords or formats the validator compiler cannot compile are
  dropped, recorded in the spec under `x-dropped`; every change is reported, with its place.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from generator.compiler.context import ASSERT_FORMATS
from generator.core import naming, schemawalk
from generator.core import pointer as jp
from generator.core.errors import SpecgenError
from generator.spec import runware
from generator.tools.importer import keywords
from generator.tools.importer.reading import read_document

PLATFORM = Path(__file__).resolve().parent / "platform" / "runware-text.json"
COMPONENTS = "#/components/schemas/"
_SCHEMAS = "/components/schemas"
_NOT_CARRIED = ("paths", "servers", "security", "webhooks", "tags")


@dataclass
class Imported:
    document: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # "where: what happened"


def read_openapi(path: Path) -> dict[str, Any]:
    """An OpenAPI 3 document, JSON or YAML, as JSON data."""
    document = read_document(path)
    if not isinstance(document, dict) or not str(document.get("openapi", "")).startswith("3."):
        raise SpecgenError.at("not an OpenAPI 3 document (no openapi: 3.x field)", file=str(path))
    return document


class _Importer:
    def __init__(self, openapi: dict[str, Any], model_id: str, source: str) -> None:
        self.openapi = openapi
        self.model_id = model_id
        self.source = source
        self.notes: list[str] = []
        schemas = openapi.get("components", {}).get("schemas")
        if not isinstance(schemas, dict):
            raise SpecgenError.at("the document has no components.schemas", file=source, pointer="/components")
        self.schemas = copy.deepcopy(schemas)

    def note(self, where: str, what: str) -> None:
        self.notes.append(f"{where or '/'}: {what}")

    # -- which schema is the task, which the result
    def _component(self, ref: Any, where: str) -> str | None:
        """The component a `$ref` names, or None when `ref` is no reference into the components."""
        if not isinstance(ref, str):
            return None
        if not ref.startswith(COMPONENTS) or jp.unescape(ref[len(COMPONENTS) :]) not in self.schemas:
            raise SpecgenError.at(
                f"{ref!r} does not name a schema in components.schemas", file=self.source, pointer=f"{where}/$ref"
            )
        return jp.unescape(ref[len(COMPONENTS) :])

    def _part(self, schema: Any, where: str, role: str) -> tuple[str | None, dict[str, Any]]:
        """The component named by a reference at `where`, or the schema written there inline."""
        if isinstance(schema, dict) and "$ref" in schema:
            name = self._component(schema["$ref"], where)
            if name is not None:
                return name, self.schemas[name]
        if isinstance(schema, dict) and (schema.get("type") == "object" or "properties" in schema):
            return None, schema
        raise SpecgenError.at(
            f"{role} must be an object schema, written inline or as a reference to a component",
            file=self.source,
            pointer=where,
        )

    def task(self) -> tuple[str | None, dict[str, Any]]:
        body = self.schemas.get(runware.REQUEST_BODY)
        if not isinstance(body, dict):
            raise SpecgenError.at(
                f"no {runware.REQUEST_BODY} component: which schema is the task?", file=self.source, pointer=_SCHEMAS
            )
        where = f"{_SCHEMAS}/{runware.REQUEST_BODY}/items"
        return self._part(body.get("items"), where, f"the task ({runware.REQUEST_BODY}'s items)")

    def result(self) -> tuple[str | None, dict[str, Any]] | None:
        body = self.schemas.get(runware.RESPONSE_BODY, {})
        results = body.get("properties", {}).get(runware.RESPONSE_RESULTS, {}) if isinstance(body, dict) else {}
        items = results.get("items") if isinstance(results, dict) else None
        if items is None:
            return None
        where = f"{_SCHEMAS}/{runware.RESPONSE_BODY}/properties/{runware.RESPONSE_RESULTS}/items"
        return self._part(items, where, f"the result ({runware.RESPONSE_BODY}'s {runware.RESPONSE_RESULTS} items)")

    # -- the conversion
    def run(self) -> Imported:
        task_name, task = self.task()
        found = self.result()
        if task_name is None:  # inline: the request body's items become a reference to the root
            self.schemas[runware.REQUEST_BODY]["items"] = {"$ref": "#"}
            self.note(f"{_SCHEMAS}/{runware.REQUEST_BODY}/items", "the task, written inline, became the root schema")
        else:
            del self.schemas[task_name]
        task_type = str(task.get("properties", {}).get(runware.TASK_TYPE, {}).get("const", ""))
        renames: dict[str, str] = {task_name: ""} if task_name else {}
        result_title = runware.result_title(task_type)
        if found is not None and found[0] is not None:
            renames[found[0]] = result_title
        elif found is not None:  # inline: moved to $defs under its conventional name
            self.schemas[runware.RESPONSE_BODY]["properties"][runware.RESPONSE_RESULTS]["items"] = {
                "$ref": COMPONENTS + result_title
            }
            self.schemas.setdefault(result_title, found[1])
            self.note(
                f"{_SCHEMAS}/{runware.RESPONSE_BODY}/properties/{runware.RESPONSE_RESULTS}/items",
                f"the result, written inline, moved to $defs/{result_title}",
            )
        defs: dict[str, Any] = {str(renames.get(name, name)): schema for name, schema in self.schemas.items()}
        self._hoist(task, defs)
        document: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            ASSERT_FORMATS: True,  # a format the document names is one its validators check
            "title": runware.task_title(task_type),
            "description": task.pop("description", f"One {task_type} task for {self.model_id}."),
            "x-runware": self._metadata(task_type),
            **{k: v for k, v in task.items() if k != "title"},
            "$defs": defs,
        }
        self._add_platform(defs)
        self._rewrite(document, renames)
        self._group(document)
        for key in _NOT_CARRIED:
            if key in self.openapi:
                self.note(f"/{key}", "not carried: a spec describes the task, not the HTTP operation")
        return Imported(document, self.notes)

    def _metadata(self, task_type: str) -> dict[str, Any]:
        info = self.openapi.get("info", {})
        meta: dict[str, Any] = {
            "modelId": self.model_id,
            "name": str(info.get("title", self.model_id)),
            runware.TASK_TYPE: task_type,  # x-runware names the task type as the task does
        }
        if info.get("description"):
            meta["overview"] = str(info["description"])
        if self.openapi.get("x-creator"):
            meta["provider"] = str(self.openapi["x-creator"])
        meta["groups"] = [dict(group) for group in runware.PAGE_GROUPS]
        return meta

    def _hoist(self, task: dict[str, Any], defs: dict[str, Any]) -> None:
        """Inline objects among the task's parameters become named definitions."""
        for name, schema in task.get("properties", {}).items():
            if not isinstance(schema, dict):
                continue
            if schema.get("type") == "object" and "properties" in schema:
                title = _free_title(defs, naming.class_name(name))
                task["properties"][name] = {"description": schema.pop("description", ""), "$ref": f"#/$defs/{title}"}
                defs[title] = {"title": title, **{k: v for k, v in schema.items() if k != "title"}}
                self.note(f"/properties/{name}", f"inline object moved to $defs/{title}")
            items = schema.get("items")
            if isinstance(items, dict) and items.get("type") == "object" and "properties" in items:
                title = _free_title(defs, naming.class_name(name.removesuffix("s") or name))
                schema["items"] = {"$ref": f"#/$defs/{title}"}
                about = items.pop("description", f"One item of {name}.")
                defs[title] = {"title": title, "description": about, **{k: v for k, v in items.items() if k != "title"}}
                self.note(f"/properties/{name}/items", f"inline object moved to $defs/{title}")

    def _add_platform(self, defs: dict[str, Any]) -> None:
        platform = json.loads(PLATFORM.read_text())["$defs"]
        for name, schema in platform.items():
            if name not in defs:
                defs[name] = schema
                self.note(f"/$defs/{name}", "added from Runware's platform schemas (the document does not define it)")

    def _rewrite(self, document: dict[str, Any], renames: dict[str, str]) -> None:
        """References into components become local ones; OpenAPI keywords are converted or
        dropped; what the validator compiler cannot compile is dropped. Each change is noted."""
        for pointer, schema in list(schemawalk.walk(document)):
            if not isinstance(schema, dict):
                continue
            ref = schema.get("$ref")
            if isinstance(ref, str) and ref.startswith(COMPONENTS):
                name = jp.unescape(ref[len(COMPONENTS) :])
                target = renames.get(name, name)
                schema["$ref"] = "#" if target == "" else f"#/$defs/{jp.escape(target)}"
            elif isinstance(ref, str) and not ref.startswith("#"):
                raise SpecgenError.at(
                    f"{ref!r}: remote references cannot be imported", file=self.source, pointer=pointer
                )
            keywords.convert(schema, partial(self.note, pointer), top=pointer == "")

    def _group(self, document: dict[str, Any]) -> None:
        for name, schema in document.get("properties", {}).items():
            if isinstance(schema, dict):
                schema.setdefault("x-group", runware.page_group(name))


def _free_title(defs: dict[str, Any], title: str) -> str:
    """`title`, or `title2`, `title3`...: an inline object never takes the place of a component."""
    free, number = title, 1
    while free in defs:
        number += 1
        free = f"{title}{number}"
    return free


def import_openapi(openapi: dict[str, Any], model_id: str, source: str = "") -> Imported:
    return _Importer(openapi, model_id, source).run()
