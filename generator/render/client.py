"""The typed client: `Client` and `AsyncClient`, one method per way of running the spec's task.

Everything the template prints is decided here, from the spec's `TaskShape`: which methods exist
(the delivery methods the spec allows), each keyword argument's name, Python type, default and
docstring line, and where in the task JSON it goes. The runtime (transport, retries, SSE, errors)
is hand-written and copied verbatim from templates/client/_runtime.py.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import PurePosixPath

from generator.core import headers, naming, templating
from generator.core.pysource import docstring, isort_key
from generator.spec import text
from generator.spec.model import Parameter, Spec, TaskShape

RUNTIME = templating.TEMPLATES / "client" / "_runtime.py"
# Keyword arguments of every method that are not task parameters.
RESERVED = frozenset({"self", "timeout"})
_PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
_CLIENT_EXPORTS = ("AsyncClient", "Client", "parse_webhook")
# The runtime's internals the client module calls, beside its public names.
_RUNTIME_INTERNALS = ("AsyncTransport", "SyncTransport", "error_from", "error_items", "poll_delays")


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
    def exports(self) -> list[str]:
        return sorted([*self.runtime_exports, *_CLIENT_EXPORTS], key=isort_key)


def _annotation(parameter: Parameter, spec: Spec) -> str:
    if parameter.choices:
        return "Literal[" + ", ".join(repr(choice.value) for choice in parameter.choices) + "]"
    if parameter.types == ("array",):
        if parameter.object_name:
            model = spec.schema(parameter.object_name).class_name
            return f"Sequence[{model} | Mapping[str, Any]]"
        items = [_PY_TYPES.get(t, "Any") for t in parameter.item_types] or ["Any"]
        if parameter.item_choices:
            items = ["Literal[" + ", ".join(repr(c.value) for c in parameter.item_choices) + "]"]
        return f"Sequence[{' | '.join(items)}]"
    kinds = [_PY_TYPES.get(t, "Mapping[str, Any]" if t == "object" else "Any") for t in parameter.types]
    if "int" in kinds and "float" in kinds:
        kinds.remove("int")  # a float annotation takes ints
    return " | ".join(dict.fromkeys(kinds)) or "Any"


def _flatten(parameters: tuple[Parameter, ...], task: TaskShape) -> list[Parameter]:
    """The task's parameters, an object-valued one (settings) replaced by its own parameters."""
    result: list[Parameter] = []
    for parameter in parameters:
        if parameter.types == ("object",) and parameter.children:
            result += parameter.children
        elif parameter.name not in task.fixed:
            result.append(parameter)
    return result


@cache
def runtime_exports() -> tuple[str, ...]:
    """The runtime's `__all__`: the one list of its public names."""
    for node in ast.parse(RUNTIME.read_text()).body:
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
    arguments = []
    for parameter, name in zip(parameters, names, strict=True):
        required = parameter.required and parameter.name != task.task_id
        default = "NOT_GIVEN"
        if parameter.path == (task.model,) and parameter.choices:
            default, required = repr(parameter.choices[0].value), False
        annotation = _annotation(parameter, spec)
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
            )
        )
    arguments.sort(key=lambda a: not a.required)  # required first: readable signatures
    results = next((a for a in arguments if a.path == (task.results_count,)), None)
    bounds = next((p.bounds for p in parameters if p.path == (task.results_count,)), None)
    literals = None
    if bounds and isinstance(bounds.maximum, int) and 2 <= bounds.maximum <= 16:
        literals = "Literal[" + ", ".join(str(n) for n in range(2, bounds.maximum + 1)) + "]"
    object_models = {spec.schema(p.object_name).class_name for p in parameters if p.object_name}
    models = {task.result.class_name, *(m.class_name for m in (task.stream, task.poll) if m), *object_models}
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
    )


def render(spec: Spec, client: ClientView) -> dict[PurePosixPath, str]:
    about = (
        f"Typed clients for {spec.name} ({spec.model_id}) on Runware: `Client` and `AsyncClient`.\n\n"
        "Every task is checked with the generated validator before it is sent; invalid input raises "
        "PayloadValidationError listing every problem, and no request is made."
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
        PurePosixPath(spec.package, "_runtime.py"): f"{header} (copied verbatim)\n{RUNTIME.read_text()}",
    }
