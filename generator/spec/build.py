"""From a loaded spec document to the intermediate model: every decision is made here."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from typing import Any

from generator.core import naming, refs, schemawalk
from generator.core import pointer as jp
from generator.core.errors import SpecgenError
from generator.core.jsonvalues import constant_branches, json_type
from generator.spec import runware, text
from generator.spec.examples import Examples
from generator.spec.load import SpecSource
from generator.spec.model import MISSING, Bounds, Choice, Field, Group, Parameter, SchemaDef, Spec

_BOUND_KEYWORDS = {
    "minimum": "minimum",
    "maximum": "maximum",
    "exclusiveMinimum": "exclusive_minimum",
    "exclusiveMaximum": "exclusive_maximum",
    "multipleOf": "multiple_of",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minItems": "min_items",
    "maxItems": "max_items",
    "pattern": "pattern",
    "format": "format",
}
_DEFAULT_GROUP = Group("parameters", "Parameters", "")
_MODEL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
MODEL_ID_RULE = "up to 100 letters, digits, '.', '_' or '-', the first a letter or digit"
# PEP 440's public version, as pip reads it (canonical spelling: 1.0, 2.1.0rc1, 1.0.post2, 3.0.dev1).
_VERSION = re.compile(
    r"([1-9][0-9]*!)?(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?"
)
DEFAULT_VERSION = "0.1.0"


def is_model_id(text: str) -> bool:
    """Whether `text` can name a spec, a package and a doc page."""
    return _MODEL_ID.fullmatch(text) is not None


def build(source: SpecSource) -> Spec:
    builder = _Builder(source)
    return builder.spec()


def model_id_from_path(display: str) -> str:
    """`spec/zai-glm-4-7.schema.json` -> `zai-glm-4-7`."""
    name = PurePosixPath(display).name
    for suffix in (".schema.json", ".json"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


class _Builder:
    def __init__(self, source: SpecSource) -> None:
        self.source = source
        self.document = source.document
        self.examples = Examples(self.document)
        self.meta = self._meta()
        self.group_ids: set[str] = set()
        self.expanding: set[str] = set()  # objects whose parameters are being listed: recursion stops there

    # -- x-runware metadata
    def _meta(self) -> dict[str, Any]:
        meta = self.document.get("x-runware", {})
        if not isinstance(meta, dict):
            raise SpecgenError([self.source.problem("/x-runware", "must be an object")])
        for key, value in meta.items():
            if key != "groups" and not isinstance(value, str):
                raise SpecgenError([self.source.problem(jp.join("x-runware", key), "must be a string")])
        return meta

    def _text(self, key: str, default: str) -> str:
        value = self.meta.get(key, default)
        return value if isinstance(value, str) else default

    def groups(self) -> tuple[Group, ...]:
        raw = self.meta.get("groups")
        if raw is None:
            return (_DEFAULT_GROUP,)
        groups = []
        for position, item in enumerate(raw if isinstance(raw, list) else [None]):
            here = jp.join("x-runware", "groups", position) if isinstance(raw, list) else "/x-runware/groups"
            if not (isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("title"), str)):
                raise SpecgenError(
                    [self.source.problem(here, "a group needs a string id and title (and may have a description)")]
                )
            groups.append(Group(item["id"], item["title"], str(item.get("description", ""))))
        return tuple(groups)

    def spec(self) -> Spec:
        model_id = self._text("modelId", model_id_from_path(self.source.display))
        if not is_model_id(model_id):
            where = "/x-runware/modelId" if "modelId" in self.meta else ""
            message = f"model id {model_id!r} must be {MODEL_ID_RULE} (it names files and a package)"
            raise SpecgenError([self.source.problem(where, message)])
        air = self.meta.get("air")
        groups = self.groups()
        self.group_ids = {group.id for group in groups}
        parameters = self.parameters(self.document, "", (), groups[0].id)
        model_parameter = next((p for p in parameters if p.name == runware.MODEL), None)
        model_ids = tuple(c.value for c in model_parameter.choices) if model_parameter else (model_id,)
        task_type = self._text("taskType", self._task_type())
        version = self._text("version", DEFAULT_VERSION)
        if not _VERSION.fullmatch(version):
            message = f"version {version!r} must be a PEP 440 version such as 1.0.0 (it versions the package)"
            raise SpecgenError([self.source.problem("/x-runware/version", message)])
        schemas = self.schemas(model_id)
        return Spec(
            source=self.source,
            model_id=model_id,
            model_ids=model_ids,
            air=air if isinstance(air, str) else None,
            name=self._text("name", model_id),
            provider=self._text("provider", ""),
            task_type=task_type,
            status=self._text("status", ""),
            overview=self._text("overview", str(self.document.get("description", ""))),
            source_url=self._text("source", ""),
            package=naming.package(model_id),
            groups=groups,
            parameters=parameters,
            schemas=schemas,
            task=runware.task_shape(task_type, parameters, schemas, self.examples),
            minimal_request=self.examples.attempt(self.document),
            full_request=self.examples.attempt(self.document, full=True),
            version=version,
        )

    def _task_type(self) -> str:
        task_type = self.document.get("properties", {}).get(runware.TASK_TYPE, {})
        value = task_type.get("const") if isinstance(task_type, dict) else None
        return value if isinstance(value, str) else ""

    # -- schemas exposed by the generated code
    def schemas(self, model_id: str) -> tuple[SchemaDef, ...]:
        root_title = self.document.get("title")
        titles = [root_title if isinstance(root_title, str) and root_title else naming.pascal(model_id) + "Task"]
        pointers = [""]
        for name in self.document.get("$defs", {}):
            titles.append(name)
            pointers.append(jp.join("$defs", name))
        python_names = naming.unique(naming.snake(title, fallback="schema") for title in titles)
        class_names = naming.unique((naming.class_name(title) for title in titles), separator="")
        result = []
        for title, pointer, python_name, class_name in zip(titles, pointers, python_names, class_names, strict=True):
            schema = jp.resolve(self.document, pointer)
            description = schema.get("description", "") if isinstance(schema, dict) else ""
            fields = _fields(schema) if isinstance(schema, dict) else ()
            result.append(SchemaDef(title, python_name, class_name, pointer, str(description), pointer == "", fields))
        return tuple(result)

    # -- parameters
    def resolve(self, schema: Any, pointer: str) -> tuple[Any, str]:
        return schemawalk.follow(self.document, schema, pointer)

    def parameters(self, schema: Any, pointer: str, path: tuple[str, ...], group: str) -> tuple[Parameter, ...]:
        schema, pointer = self.resolve(schema, pointer)
        if not isinstance(schema, dict) or pointer in self.expanding:
            return ()  # a recursive schema lists its parameters once, where it first appears
        self.expanding.add(pointer)
        try:
            return self._parameters(schema, pointer, path, group)
        finally:
            self.expanding.discard(pointer)

    def _parameters(
        self, schema: dict[str, Any], pointer: str, path: tuple[str, ...], group: str
    ) -> tuple[Parameter, ...]:
        properties = schema.get("properties", {})
        required = set(schema.get("required", []))
        python_names = naming.unique(naming.snake(name) for name in properties)
        result = []
        for (name, subschema), python_name in zip(properties.items(), python_names, strict=True):
            here = jp.child(pointer, "properties", name)
            own_group = subschema.get("x-group", group) if isinstance(subschema, dict) else group
            if own_group not in self.group_ids:
                raise SpecgenError(
                    [
                        self.source.problem(
                            jp.child(here, "x-group"), f"{own_group!r} is not one of the groups in /x-runware/groups"
                        )
                    ]
                )
            result.append(
                self.parameter(name, python_name, subschema, here, (*path, name), own_group, name in required)
            )
        return tuple(result)

    def parameter(
        self,
        name: str,
        python_name: str,
        raw: Any,
        pointer: str,
        path: tuple[str, ...],
        group: str,
        required: bool,
    ) -> Parameter:
        schema, resolved_pointer = self.resolve(raw, pointer)
        if not isinstance(schema, dict):
            schema = {}
        choices, sentinels, bounds = _values(schema)
        items, items_pointer = self.resolve(schema.get("items", {}), jp.child(resolved_pointer, "items"))
        items = items if isinstance(items, dict) else {}
        item_choices, _, item_bounds = _values(items)
        children: tuple[Parameter, ...] = ()
        object_name = None
        if "properties" in schema:
            children = self.parameters(schema, resolved_pointer, path, group)
            object_name = _def_name(resolved_pointer)
        elif "properties" in items:
            children = self.parameters(items, items_pointer, (*path, "*"), group)
            object_name = _def_name(items_pointer)
        return Parameter(
            name=name,
            python_name=python_name,
            path=path,
            pointer=pointer,
            group=group,
            types=_types(schema),
            required=required,
            description=str(schema.get("description", "")),
            default=schema.get("default", MISSING),
            choices=choices,
            sentinels=sentinels,
            bounds=bounds,
            item_types=_types(items) if "items" in schema else (),
            item_bounds=item_bounds,
            item_choices=item_choices,
            object_name=object_name,
            children=children,
            provenance=schema.get("x-provenance"),
            provenance_note=str(schema.get("x-provenance-note", "")),
            learn_more=_learn_more(raw),
            examples=tuple(schema.get("examples", ())),
            example=self.examples.attempt(raw),
        )


def _learn_more(raw: Any) -> int:
    """`x-learn-more` sits beside a `$ref` as often as inside the schema, so it is read from the property."""
    count = raw.get("x-learn-more", 0) if isinstance(raw, dict) else 0
    return count if isinstance(count, int) and not isinstance(count, bool) else 0


def _fields(schema: dict[str, Any]) -> tuple[Field, ...]:
    required = schema.get("required", [])
    return tuple(
        Field(
            name,
            text.field_type(subschema),
            name in required,
            str(subschema.get("description", "")) if isinstance(subschema, dict) else "",
            _ref_name(subschema),
            tuple(subschema.get("examples", ())) if isinstance(subschema, dict) else (),
        )
        for name, subschema in schema.get("properties", {}).items()
    )


def _ref_name(schema: Any) -> str | None:
    """The `$defs` entry a field's value is (`Usage`), or its items are (`ErrorItem`)."""
    if isinstance(schema, dict) and isinstance(schema.get("items"), dict):
        schema = schema["items"]
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    return _def_name(refs.local_pointer(ref)) if refs.is_local(ref) else None


def _def_name(pointer: str) -> str | None:
    parts = jp.split(pointer)
    return parts[1] if len(parts) == 2 and parts[0] == "$defs" else None


def _bounds(schema: dict[str, Any], base: Bounds | None = None) -> Bounds:
    values = {field: schema[keyword] for keyword, field in _BOUND_KEYWORDS.items() if keyword in schema}
    if base is None:
        return Bounds(**values)
    return Bounds(**{**{k: v for k, v in vars(base).items() if v is not None}, **values})


def _values(schema: dict[str, Any]) -> tuple[tuple[Choice, ...], tuple[Choice, ...], Bounds]:
    """Allowed values, special values beside a range, and bounds, wherever the schema puts them."""
    bounds = _bounds(schema)
    if "const" in schema:
        return (Choice(schema["const"]),), (), bounds
    if "enum" in schema:
        return tuple(Choice(value) for value in schema["enum"]), (), bounds
    for keyword in ("oneOf", "anyOf"):
        branches = schema.get(keyword)
        if not isinstance(branches, list):
            continue
        if constant_branches(branches) is not None:
            return tuple(Choice(b["const"], str(b.get("description", ""))) for b in branches), (), bounds
        constants = [b for b in branches if constant_branches([b]) is not None]
        ranges = [b for b in branches if constant_branches([b]) is None and isinstance(b, dict)]
        if constants and len(ranges) == 1:
            sentinels = tuple(Choice(b["const"], str(b.get("description", ""))) for b in constants)
            return (), sentinels, _bounds(ranges[0], bounds)
    return (), (), bounds


def _types(schema: dict[str, Any]) -> tuple[str, ...]:
    declared = schema.get("type")
    if isinstance(declared, str):
        return (declared,)
    if isinstance(declared, list):
        return tuple(declared)
    values = [schema["const"]] if "const" in schema else schema.get("enum")
    if values is None:
        return ()
    return tuple(dict.fromkeys(json_type(value) for value in values))
