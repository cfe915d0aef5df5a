"""`specgen import`: a spec in our form from one of Runware's per-model OpenAPI 3.1 documents.

Runware publishes, per model, an OpenAPI document whose `components.schemas` hold the task (the
items of `RequestBody`), its result (the items of `ResponseBody.data`) and the error envelope.
OpenAPI 3.1 schemas are JSON Schema 2020-12, so descriptions and constraints carry over as they
are; what follows is only what our form adds or cannot keep:

* the task becomes the root schema; the other components become `$defs` (references rewritten),
  the result named `<TaskType>Result` and inline objects of the task (settings, message items)
  hoisted into `$defs` of their own, so that models and client get names;
* Runware's platform schemas (usage, stream chunks, getResponse polling) are added when the
  document lacks them: per-model documents leave streaming and polling out;
* `x-runware` metadata comes from `info` and the task; parameters are grouped as Runware's pages
  group them (API options, core parameters, settings);
* OpenAPI-only keywords are converted (`example` -> `examples`, `nullable` -> a null type) or
  dropped (`discriminator`, `xml`, `externalDocs`), and keywords or formats the validator
  compiler cannot compile are dropped; every such change is reported, with its place.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.compiler.dialects import DEFAULT as COMPILED_DIALECT
from generator.compiler.formats import FORMATS
from generator.core import jsontext, naming, schemawalk
from generator.core import pointer as jp
from generator.core.errors import SpecgenError
from generator.core.vocabulary import is_annotation
from generator.spec import runware

PLATFORM = Path(__file__).resolve().parent / "platform" / "runware-text.json"
COMPONENTS = "#/components/schemas/"
_OPENAPI_ONLY = ("discriminator", "xml", "externalDocs")
_NOT_CARRIED = ("paths", "servers", "security", "webhooks", "tags")


@dataclass
class Imported:
    document: dict[str, Any]
    notes: list[str] = field(default_factory=list)  # "where: what happened"


def read_openapi(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise SpecgenError.at("no such file", file=str(path)) from None
    except OSError as error:
        raise SpecgenError.at(f"cannot be read: {error.strerror}", file=str(path)) from None
    try:
        document = jsontext.read(data)
    except jsontext.JsonTextError as error:
        raise SpecgenError.at(str(error), file=str(path), line=error.line) from None
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

    # -- which component is which
    def _component(self, reference: Any, role: str) -> str:
        ref = reference.get("$ref") if isinstance(reference, dict) else None
        if isinstance(ref, str) and ref.startswith(COMPONENTS):
            return ref[len(COMPONENTS) :]
        raise SpecgenError.at(f"{role} must be a reference to a component", file=self.source)

    def task_name(self) -> str:
        body = self.schemas.get(runware.REQUEST_BODY)
        if not isinstance(body, dict):
            raise SpecgenError.at(
                f"no {runware.REQUEST_BODY} component: which schema is the task?",
                file=self.source,
                pointer="/components/schemas",
            )
        return self._component(body.get("items"), f"{runware.REQUEST_BODY}.items")

    def result_name(self) -> str | None:
        body = self.schemas.get("ResponseBody", {})
        items = body.get("properties", {}).get("data", {}).get("items") if isinstance(body, dict) else None
        return self._component(items, "ResponseBody.data.items") if items is not None else None

    # -- the conversion
    def run(self) -> Imported:
        task_name, result_name = self.task_name(), self.result_name()
        task = self.schemas.pop(task_name)
        task_type = str(task.get("properties", {}).get(runware.TASK_TYPE, {}).get("const", ""))
        renames: dict[str, str] = {task_name: ""}
        if result_name:
            renames[result_name] = runware.result_title(task_type)
        defs: dict[str, Any] = {str(renames.get(name, name)): schema for name, schema in self.schemas.items()}
        self._hoist(task, defs)
        document: dict[str, Any] = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
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
                title = naming.class_name(name)
                task["properties"][name] = {"description": schema.pop("description", ""), "$ref": f"#/$defs/{title}"}
                defs.setdefault(title, {"title": title, **schema})
                self.note(f"/properties/{name}", f"inline object moved to $defs/{title}")
            items = schema.get("items")
            if isinstance(items, dict) and items.get("type") == "object" and "properties" in items:
                title = naming.class_name(name.removesuffix("s") or name)
                schema["items"] = {"$ref": f"#/$defs/{title}"}
                defs.setdefault(
                    title, {"title": title, "description": items.pop("description", f"One item of {name}."), **items}
                )
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
                name = ref[len(COMPONENTS) :]
                target = renames.get(name, name)
                schema["$ref"] = "#" if target == "" else f"#/$defs/{jp.escape(target)}"
            elif isinstance(ref, str) and not ref.startswith("#"):
                raise SpecgenError.at(
                    f"{ref!r}: remote references cannot be imported", file=self.source, pointer=pointer
                )
            if "example" in schema:
                schema.setdefault("examples", [schema.pop("example")])
                self.note(pointer, "example converted to examples")
            if schema.pop("nullable", False) is True and "type" in schema:
                kinds = [schema["type"]] if isinstance(schema["type"], str) else list(schema["type"])
                schema["type"] = [*kinds, "null"] if "null" not in kinds else kinds
                self.note(pointer, "nullable converted to a null type")
            for keyword in _OPENAPI_ONLY:
                if schema.pop(keyword, None) is not None:
                    self.note(pointer, f"{keyword} dropped: OpenAPI only")
            for keyword in [k for k in schema if not COMPILED_DIALECT.has(k) and not is_annotation(k)]:
                if pointer == "" and keyword in ("$id", "title", "x-runware", "$defs"):
                    continue
                schema.pop(keyword)
                self.note(pointer, f"{keyword} dropped: the validator compiler does not support it")
            if "format" in schema and schema["format"] not in FORMATS:
                self.note(pointer, f"format {schema.pop('format')!r} dropped: not one the validators assert")

    def _group(self, document: dict[str, Any]) -> None:
        for name, schema in document.get("properties", {}).items():
            if isinstance(schema, dict):
                schema.setdefault("x-group", runware.page_group(name))


def import_openapi(openapi: dict[str, Any], model_id: str, source: str = "") -> Imported:
    return _Importer(openapi, model_id, source).run()
