"""The intermediate model: a spec with every decision made, ready for renderers to lay out.

Renderers read these frozen dataclasses and nothing else; names, types, bounds, defaults and
order are all settled here (by `build.py`), so templates only format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.spec.load import SpecSource


class _Missing:
    """The sentinel for "no default": `None` is a legitimate JSON default (null)."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "MISSING"

    def __bool__(self) -> bool:
        return False


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Group:
    """A section of the source page: API options, core parameters, settings."""

    id: str
    title: str
    description: str


@dataclass(frozen=True)
class Choice:
    """One allowed value, with its own description when the spec gives one."""

    value: Any
    description: str = ""


@dataclass(frozen=True)
class Bounds:
    """Every constraint on a parameter's value that docs and clients show."""

    minimum: int | float | None = None
    maximum: int | float | None = None
    exclusive_minimum: int | float | None = None
    exclusive_maximum: int | float | None = None
    multiple_of: int | float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    pattern: str | None = None
    format: str | None = None


@dataclass(frozen=True)
class Parameter:
    """One property of a request object, where it sits and everything known about it."""

    name: str  # as in JSON: "maxTokens"
    python_name: str  # as a Python keyword argument: "max_tokens"
    path: tuple[str, ...]  # from the task: ("settings", "maxTokens"); "*" stands for array items
    pointer: str  # the property's schema in the spec: "/$defs/Settings/properties/maxTokens"
    group: str  # a Group id
    types: tuple[str, ...]  # JSON types: ("integer",)
    required: bool
    description: str
    default: Any = MISSING
    choices: tuple[Choice, ...] = ()  # the allowed values, when the spec lists them
    sentinels: tuple[Choice, ...] = ()  # special values beside the range (topK's -1: disabled)
    bounds: Bounds = field(default_factory=Bounds)
    item_types: tuple[str, ...] = ()  # for arrays
    item_bounds: Bounds = field(default_factory=Bounds)
    item_choices: tuple[Choice, ...] = ()
    object_name: str | None = None  # the $defs name of an object (or array item object) value
    children: tuple[Parameter, ...] = ()  # the properties of that object
    provenance: str | None = None  # "inferred": not confirmed by a source; "secondary": not from the source page
    provenance_note: str = ""
    learn_more: int = 0  # how many "Learn more" resources the source page lists for it
    examples: tuple[Any, ...] = ()
    example: Any = None  # a value the schema accepts (its first example, its default, or built), or Omitted

    @property
    def has_default(self) -> bool:
        return self.default is not MISSING

    @property
    def display_path(self) -> str:
        """As the source page writes nested names: `settings » maxTokens`, `messages » role`."""
        return " » ".join(part for part in self.path if part != "*")

    @property
    def anchor(self) -> str:
        return "param-" + "-".join(part for part in self.path if part != "*")


@dataclass(frozen=True)
class Field:
    """One property of an exposed schema, as a reference table lists it."""

    name: str
    type_label: str  # "integer", "Usage", "array of ErrorItem", "\"stop\" | \"length\""
    required: bool
    description: str
    schema_name: str | None = None  # the $defs entry its value (or its items) is: "Usage", "ErrorItem"
    examples: tuple[Any, ...] = ()


@dataclass(frozen=True)
class SchemaDef:
    """A schema the generated code exposes: the root task, or one of `$defs`."""

    title: str  # "TextInferenceTask", "Message"
    python_name: str  # "text_inference_task"
    class_name: str  # "TextInferenceTask"
    pointer: str  # "" or "/$defs/Message"
    description: str
    is_root: bool
    fields: tuple[Field, ...] = ()


@dataclass(frozen=True)
class Omitted:
    """An example left out because it would not fit the size budget; `note` says why, and where."""

    note: str


@dataclass(frozen=True)
class StreamExample:
    """A streaming request and the Server-Sent Events that answer it."""

    request: dict[str, Any]
    frames: tuple[str, ...]


@dataclass(frozen=True)
class TaskShape:
    """How the spec's task runs on Runware, decided once (`runware.py`) so that no renderer or
    tool needs Runware's names: which schemas are its result, stream chunk and poll state, which
    parameters the client sets itself, and which one asks for several results."""

    task_type: str  # "textInference"
    method: str  # the Python name of running it: "text_inference"
    result: SchemaDef
    stream: SchemaDef | None
    poll: SchemaDef | None
    delivery_methods: tuple[str, ...]  # the deliveryMethod values the spec allows, () when it has none
    fixed: frozenset[str]  # parameters each way of running the task sets itself (taskType, deliveryMethod)
    task_id: str | None  # the parameter that identifies a task, filled in when not given (taskUUID)
    results_count: str | None  # the parameter that asks for several results (numberResults)
    model: str | None  # the parameter naming the model, defaulting to the spec's own id
    stream_example: StreamExample | Omitted | None
    stream_text: str | None = None  # the property of the stream chunk's delta that carries new text
    stream_usage: str | None = None  # the stream chunk's property with the token usage (on the last chunk)
    body: SchemaDef | None = None  # what is POSTed: an array of tasks


@dataclass(frozen=True)
class Spec:
    """One model's spec, fully decided."""

    source: SpecSource
    model_id: str  # "zai-glm-4-7"
    model_ids: tuple[str, ...]  # every accepted value of `model`
    air: str | None
    name: str  # "GLM-4.7"
    provider: str
    task_type: str
    status: str
    overview: str
    source_url: str
    package: str  # the generated Python package: "zai_glm_4_7" (never a stdlib or dependency name)
    groups: tuple[Group, ...]
    parameters: tuple[Parameter, ...]  # the task's properties, in the spec's order
    schemas: tuple[SchemaDef, ...]  # root first, then $defs in the spec's order
    task: TaskShape | None  # None when the spec does not describe a Runware task with a result
    minimal_request: Any  # the root with its required parameters only, at example values (or Omitted)
    full_request: Any  # the root with every parameter (or Omitted)
    version: str = "0.1.0"  # the generated distribution's version: x-runware.version, or this

    @property
    def schema_document(self) -> dict[str, Any]:
        """The JSON Schema itself, for renderers that hand it to a JSON Schema tool (the models)."""
        return self.source.document

    def flat_parameters(self) -> list[Parameter]:
        """Every parameter, nested ones right after their parent."""
        result = []
        stack = list(reversed(self.parameters))
        while stack:
            parameter = stack.pop()
            result.append(parameter)
            stack.extend(reversed(parameter.children))
        return result

    def schema(self, title: str) -> SchemaDef:
        for schema in self.schemas:
            if schema.title == title:
                return schema
        raise KeyError(title)
