"""The typed client: `Client` and `AsyncClient`, one method per way of running the spec's task.

Everything the template prints is decided here, from the spec's `TaskShape`: which methods exist
(the delivery methods the spec allows), each keyword argument's name, Python type, default and
docstring line, the TypedDicts that type request objects, and the task each method builds from its
arguments, written out as an explicit dict (`task_source`). The runtime (transport, retries, SSE,
errors) is the same for every spec: templates/client/_runtime.py.jinja.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath
from typing import Any

from generator.core import headers, naming, templating
from generator.core.pysource import docstring, isort_key
from generator.spec import text
from generator.spec.model import Parameter, Spec, TaskShape

RUNTIME = "client/_runtime.py.jinja"
# Names in every method that are not task parameters. Method bodies use only these, the arguments
# and module names with a leading underscore (which no argument has), so a spec parameter called
# `str`, `locals` or `isinstance` shadows nothing a body needs.
RESERVED = frozenset(
    {"self", "timeout", "max_retries", "extra_headers", "extra_body"}
    | {"task", "raw", "options", "body", "response"}  # the bodies' own local variables
)
_PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_CLIENT_EXPORTS = ("AsyncClient", "Client", "parse_webhook")
# The runtime's internals the client module calls, beside its public names.
_RUNTIME_INTERNALS = (
    "AsyncTransport", "AsyncWebSocketTransport", "ClientConfig", "RequestOptions", "SyncTransport",
    "SyncWebSocketTransport", "error_from", "error_items", "poll_delays",
)  # fmt: skip


@dataclass(frozen=True)
class Argument:
    name: str  # the keyword argument
    path: tuple[str, ...]  # where it goes in the task JSON
    pointer: str  # its schema in the spec
    annotation: str  # its Python type, without NotGiven
    required: bool
    default: str  # Python source of its default: NOT_GIVEN, or the value always sent (model)
    doc: str  # one line for the docstring
    example: object  # a value its schema accepts, for snippets
    merges: bool = False  # a whole object (settings), merged under the arguments of its own fields

    @property
    def signature(self) -> str:
        if self.required:
            return f"{self.name}: {self.annotation}"
        if self.default != "NOT_GIVEN":
            return f"{self.name}: {self.annotation} = {self.default}"
        return f"{self.name}: {self.annotation} | NotGiven = NOT_GIVEN"


@dataclass(frozen=True)
class ClientView:
    task: TaskShape
    model_id: str
    arguments: tuple[Argument, ...]
    stream_arguments: tuple[Argument, ...]  # without the results count: a stream carries one result
    results_argument: Argument | None  # number_results, which turns one result into a list
    results_literals: str | None  # "Literal[2, 3, 4]" when the spec bounds it
    root_validator: str  # validate_<root>
    result_validator: str
    models: tuple[str, ...]  # model classes the client imports
    runtime_exports: tuple[str, ...]  # the runtime's public names, re-exported
    typed_dicts: tuple[TypedDictView, ...]  # request objects as TypedDicts, beside their models
    task_source: str  # the dict literal each method builds its task from, its own arguments by name
    stream_task_source: str  # the same without the results count
    stream_text: str | None  # attribute of a chunk's delta with the text (python name)
    stream_usage: str | None  # attribute of a chunk with the usage
    usage_model: str | None  # the class of that usage
    root_title: str  # the root schema's title, as InvalidPayloadError names it
    user_agent: str  # "zai-glm-4-7/0.1.0": the distribution and its version

    @property
    def task_method(self) -> str:
        return self.task.method

    @property
    def task_type(self) -> str:
        return self.task.task_type

    @property
    def delivery_methods(self) -> tuple[str, ...]:
        return self.task.delivery_methods

    @property
    def result_model(self) -> str:
        return self.task.result.class_name

    @property
    def stream_model(self) -> str | None:
        return self.task.stream.class_name if self.task.stream else None

    @property
    def poll_model(self) -> str | None:
        return self.task.poll.class_name if self.task.poll else None

    @property
    def sync(self) -> bool:
        return "sync" in self.delivery_methods or not self.delivery_methods

    @property
    def streams(self) -> bool:
        return "stream" in self.delivery_methods and self.task.stream is not None

    @property
    def polls(self) -> bool:
        return "async" in self.delivery_methods and self.task.poll is not None

    @property
    def runtime_imports(self) -> list[str]:
        return sorted([*self.runtime_exports, *_RUNTIME_INTERNALS], key=isort_key)

    @property
    def stream_class(self) -> str:
        return naming.pascal(self.task.task_type) + "Stream"

    @property
    def exports(self) -> list[str]:
        own = [*_CLIENT_EXPORTS, *(t.name for t in self.typed_dicts)]
        if self.streams:
            own += [self.stream_class, "Async" + self.stream_class]
        return sorted([*self.runtime_exports, *own], key=isort_key)


@dataclass(frozen=True)
class TypedDictView:
    name: str  # "MessageParam"
    fields: tuple[tuple[str, str], ...]  # (JSON name, annotation with Required/NotRequired)


def _object_type(object_name: str, spec: Spec, params: dict[str, str]) -> str:
    model = spec.schema(object_name).class_name
    return f"{params[object_name]} | {model}" if object_name in params else f"{model} | Mapping[str, Any]"


def _annotation(parameter: Parameter, spec: Spec, params: dict[str, str]) -> str:
    if parameter.choices:
        return "Literal[" + ", ".join(repr(choice.value) for choice in parameter.choices) + "]"
    if parameter.types == ("object",) and parameter.object_name:
        return _object_type(parameter.object_name, spec, params)
    if parameter.types == ("array",):
        if parameter.object_name:
            return f"Sequence[{_object_type(parameter.object_name, spec, params)}]"
        items = [_PY_TYPES.get(t, "Any") for t in parameter.item_types] or ["Any"]
        if parameter.item_choices:
            items = ["Literal[" + ", ".join(repr(c.value) for c in parameter.item_choices) + "]"]
        return f"Sequence[{' | '.join(items)}]"
    kinds = [_PY_TYPES.get(t, "Mapping[str, Any]" if t == "object" else "Any") for t in parameter.types]
    if "int" in kinds and "float" in kinds:
        kinds.remove("int")  # a float annotation takes ints
    return " | ".join(dict.fromkeys(kinds)) or "Any"


def _flatten(parameters: tuple[Parameter, ...], task: TaskShape) -> list[Parameter]:
    """The task's parameters, an object-valued one (settings) followed by its own parameters."""
    result: list[Parameter] = []
    for parameter in parameters:
        if parameter.name in task.fixed:
            continue
        result.append(parameter)
        if parameter.types == ("object",) and parameter.children:
            result += parameter.children
    return result


def _typed_dicts(spec: Spec) -> tuple[dict[str, str], tuple[TypedDictView, ...]]:
    """A TypedDict for each object a request carries (messages' items, settings), named after its model."""
    owners: dict[str, Parameter] = {}
    for parameter in spec.flat_parameters():
        if parameter.object_name and parameter.children and parameter.object_name not in owners:
            owners[parameter.object_name] = parameter
    taken = {schema.class_name for schema in spec.schemas}
    names = dict(zip(owners, naming.unique((spec.schema(o).class_name + "Param" for o in owners), taken), strict=True))
    views = []
    for object_name, owner in owners.items():
        fields = tuple(
            (child.name, f"{'Required' if child.required else 'NotRequired'}[{_annotation(child, spec, names)}]")
            for child in owner.children
        )
        views.append(TypedDictView(names[object_name], fields))
    return names, tuple(views)


def _task_source(arguments: list[Argument], indent: str) -> str:
    """The task's fields as a dict literal of the arguments, nested as the task nests them; an
    object argument (settings) is merged under the arguments of its fields."""
    merge = "\0merge"  # a key no JSON property is called in this tree: the object argument to merge under
    tree: dict[str, Any] = {}
    for argument in arguments:
        node = tree
        for key in argument.path[:-1]:
            node = node.setdefault(key, {})
        if argument.merges:
            node.setdefault(argument.path[-1], {})[merge] = argument.name
        else:
            node[argument.path[-1]] = argument.name

    def source(node: dict[str, Any], depth: int) -> str:
        inner = indent + "    " * (depth + 1)
        entries = [f"{inner}{key!r}: {write(value, depth + 1)}," for key, value in node.items() if key != merge]
        literal = "{\n" + "\n".join(entries) + "\n" + indent + "    " * depth + "}" if entries else "{}"
        return f"_merged({node[merge]}, {literal})" if merge in node else literal

    def write(value: Any, depth: int) -> str:
        return value if isinstance(value, str) else source(value, depth)

    return source(tree, 0)


@cache
def runtime_source(header: str) -> str:
    return templating.render(RUNTIME, header=header)


@cache
def runtime_exports() -> tuple[str, ...]:
    """The runtime's `__all__`: the one list of its public names."""
    for node in ast.parse(runtime_source("")).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return tuple(sorted(ast.literal_eval(node.value), key=isort_key))
    raise LookupError(f"{RUNTIME} has no __all__")


def view(spec: Spec) -> ClientView | None:
    """What the client is made of; None when the spec does not describe a Runware task (the
    package then has validators and models only)."""
    task = spec.task
    if task is None:
        return None
    parameters = _flatten(spec.parameters, task)
    names = naming.unique((naming.snake(p.name) for p in parameters), taken=RESERVED)
    params, typed_dicts = _typed_dicts(spec)
    arguments = []
    for parameter, name in zip(parameters, names, strict=True):
        required = parameter.required and parameter.name != task.task_id
        default = "NOT_GIVEN"
        if parameter.path == (task.model,) and parameter.choices:
            default, required = repr(parameter.choices[0].value), False
        annotation = _annotation(parameter, spec, params)
        arguments.append(
            Argument(
                name,
                parameter.path,
                parameter.pointer,
                annotation,
                required,
                default,
                text.summary(parameter),
                parameter.example,
                merges=parameter.types == ("object",) and bool(parameter.children),
            )
        )
    arguments.sort(key=lambda a: not a.required)  # required first: readable signatures
    results = next((a for a in arguments if a.path == (task.results_count,)), None)
    bounds = next((p.bounds for p in parameters if p.path == (task.results_count,)), None)
    literals = None
    if bounds and isinstance(bounds.maximum, int) and 2 <= bounds.maximum <= 16:
        literals = "Literal[" + ", ".join(str(n) for n in range(2, bounds.maximum + 1)) + "]"
    object_models = {spec.schema(p.object_name).class_name for p in spec.flat_parameters() if p.object_name}
    usage_model = None
    if task.stream and task.stream_usage:
        label = next(f.type_label for f in task.stream.fields if f.name == task.stream_usage)
        usage_model = next((s.class_name for s in spec.schemas if s.title == label), None)
    models = {task.result.class_name, *(m.class_name for m in (task.stream, task.poll) if m), *object_models}
    if usage_model:
        models.add(usage_model)
    return ClientView(
        task=task,
        model_id=spec.model_id,
        arguments=tuple(arguments),
        stream_arguments=tuple(a for a in arguments if a is not results),
        results_argument=results,
        results_literals=literals,
        root_validator=f"validate_{spec.schemas[0].python_name}",
        result_validator=f"validate_{task.result.python_name}",
        models=tuple(sorted(models)),
        runtime_exports=runtime_exports(),
        typed_dicts=typed_dicts,
        task_source=_task_source(arguments, " " * 12),
        stream_task_source=_task_source([a for a in arguments if a is not results], " " * 12),
        stream_text=naming.snake(task.stream_text) if task.stream_text else None,
        stream_usage=naming.snake(task.stream_usage) if task.stream_usage and usage_model else None,
        usage_model=usage_model,
        root_title=spec.schemas[0].title,
        user_agent=f"{spec.package.replace('_', '-')}/{spec.version}",
    )


def render(spec: Spec, client: ClientView) -> dict[PurePosixPath, str]:
    about = (
        f"Typed clients for {spec.name} ({spec.model_id}) on Runware: `Client` and `AsyncClient`.\n\n"
        "Every task is checked with the generated validator before it is sent; invalid input raises "
        "InvalidPayloadError listing every problem, and no request is made."
    )
    header = headers.python(spec.source.display)
    source = templating.render(
        "client/client.py.jinja",
        header=header,
        module_docstring=docstring(about),
        client=client,
        exports=client.exports,
    )
    return {
        PurePosixPath(spec.package, "client.py"): source,
        PurePosixPath(spec.package, "_runtime.py"): runtime_source(header),
    }
