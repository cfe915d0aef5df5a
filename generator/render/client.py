"""The typed client: `Client` and `AsyncClient`, one method per way of running the spec's task.

Everything the template prints is decided here: which methods exist (from the deliveryMethod
values the spec allows), each keyword argument's name, Python type, default and docstring line,
and where in the task JSON it goes. The runtime (transport, retries, SSE, errors) is hand-written
and copied verbatim from templates/client/_runtime.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath

from generator.core import naming
from generator.core.pysource import docstring, isort_key
from generator.render import docs, environment, headers
from generator.spec.model import Parameter, SchemaDef, Spec

RUNTIME = environment.TEMPLATES / "client" / "_runtime.py"
# Keyword arguments of every method that are not task parameters.
RESERVED = frozenset({"self", "timeout"})
_PY_TYPES = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}
# Parameters the methods set themselves.
_FIXED = {"taskType", "deliveryMethod"}


@dataclass(frozen=True)
class Argument:
    name: str  # the keyword argument
    path: tuple[str, ...]  # where it goes in the task JSON
    pointer: str  # its schema in the spec
    annotation: str  # its Python type, without NotGiven
    required: bool
    default: str  # Python source of its default: NOT_GIVEN, or the value always sent (model)
    doc: str  # one line for the docstring

    @property
    def signature(self) -> str:
        if self.required:
            return f"{self.name}: {self.annotation}"
        if self.default != "NOT_GIVEN":
            return f"{self.name}: {self.annotation} = {self.default}"
        return f"{self.name}: {self.annotation} | NotGiven = NOT_GIVEN"


@dataclass(frozen=True)
class ClientView:
    task_method: str  # "text_inference"
    task_type: str
    model_id: str
    arguments: tuple[Argument, ...]
    stream_arguments: tuple[Argument, ...]  # without number_results: a stream carries one result
    results_argument: Argument | None  # number_results, which turns one result into a list
    results_literals: str | None  # "Literal[2, 3, 4]" when the spec bounds it
    delivery_methods: tuple[str, ...]
    result_model: str
    stream_model: str | None
    poll_model: str | None
    root_validator: str  # validate_<root>
    result_validator: str
    models: tuple[str, ...]  # model classes the client imports

    @property
    def sync(self) -> bool:
        return "sync" in self.delivery_methods or not self.delivery_methods

    @property
    def streams(self) -> bool:
        return "stream" in self.delivery_methods and self.stream_model is not None

    @property
    def polls(self) -> bool:
        return "async" in self.delivery_methods and self.poll_model is not None


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


def _doc(parameter: Parameter) -> str:
    view = docs.view(parameter)
    facts = list(view.constraints)
    if view.values:
        facts.append("one of " + ", ".join(v.value for v in view.values))
    if view.special_values:
        facts.append(
            "or " + ", ".join(f"{v.value} ({v.description})" if v.description else v.value for v in view.special_values)
        )
    if view.default is not None:
        facts.append(f"default {view.default}")
    if view.inferred_note:
        facts.append("values inferred, not confirmed")
    text = " ".join(parameter.description.split())
    return f"{text} ({'; '.join(facts)})" if facts else text


def _flatten(parameters: tuple[Parameter, ...]) -> list[Parameter]:
    """The task's parameters, an object-valued one (settings) replaced by its own parameters."""
    result: list[Parameter] = []
    for parameter in parameters:
        if parameter.types == ("object",) and parameter.children:
            result += parameter.children
        elif parameter.name not in _FIXED:
            result.append(parameter)
    return result


def view(spec: Spec) -> ClientView | None:
    """What the client is made of; None when the spec does not describe a Runware task with a
    result schema (the package then has validators and models only)."""
    result = _find(spec, naming.pascal(spec.task_type) + "Result")
    if not spec.task_type or result is None:
        return None
    parameters = _flatten(spec.parameters)
    names = naming.unique((naming.snake(p.name) for p in parameters), taken=RESERVED)
    arguments = []
    for parameter, name in zip(parameters, names, strict=True):
        required = parameter.required and parameter.name != "taskUUID"
        default = "NOT_GIVEN"
        if parameter.name == "model" and parameter.choices:
            default, required = repr(parameter.choices[0].value), False
        annotation = _annotation(parameter, spec)
        arguments.append(
            Argument(name, parameter.path, parameter.pointer, annotation, required, default, _doc(parameter))
        )
    arguments.sort(key=lambda a: not a.required)  # required first: readable signatures
    results = next((a for a in arguments if a.path == ("numberResults",)), None)
    bounds = next((p.bounds for p in parameters if p.path == ("numberResults",)), None)
    literals = None
    if bounds and isinstance(bounds.maximum, int) and 2 <= bounds.maximum <= 16:
        literals = "Literal[" + ", ".join(str(n) for n in range(2, bounds.maximum + 1)) + "]"
    delivery = next((p for p in spec.parameters if p.name == "deliveryMethod"), None)
    stream, poll = _find(spec, "StreamChunk"), _find(spec, "GetResponseResult")
    object_models = {spec.schema(p.object_name).class_name for p in parameters if p.object_name}
    models = {result.class_name, *(m.class_name for m in (stream, poll) if m), *object_models}
    return ClientView(
        task_method=naming.snake(spec.task_type),
        task_type=spec.task_type,
        model_id=spec.model_id,
        arguments=tuple(arguments),
        stream_arguments=tuple(a for a in arguments if a is not results),
        results_argument=results,
        results_literals=literals,
        delivery_methods=tuple(str(c.value) for c in delivery.choices) if delivery else (),
        result_model=result.class_name,
        stream_model=stream.class_name if stream else None,
        poll_model=poll.class_name if poll else None,
        root_validator=f"validate_{spec.schemas[0].python_name}",
        result_validator=f"validate_{result.python_name}",
        models=tuple(sorted(models)),
    )


def _find(spec: Spec, title: str) -> SchemaDef | None:
    return next((s for s in spec.schemas if s.title == title and not s.is_root), None)


def exports(client: ClientView | None) -> list[str]:
    if client is None:
        return []
    return sorted([
        "APIConnectionError", "APIStatusError", "APITimeoutError", "AsyncClient", "AuthenticationError", "Client",
        "InsufficientCreditsError", "InvalidRequestError", "InvalidResponseError", "NOT_GIVEN", "NotFoundError",
        "NotGiven", "PayloadValidationError", "PermissionDeniedError", "RateLimitError", "RetryPolicy",
        "RunwareError", "ServerError", "parse_webhook",
    ], key=isort_key)  # fmt: skip


def render(spec: Spec, client: ClientView) -> dict[PurePosixPath, str]:
    about = (
        f"Typed clients for {spec.name} ({spec.model_id}) on Runware: `Client` and `AsyncClient`.\n\n"
        "Every task is checked with the generated validator before it is sent; invalid input raises "
        "PayloadValidationError listing every problem, and no request is made."
    )
    source = environment.render(
        "client/client.py.jinja",
        header=headers.python(spec),
        module_docstring=docstring(about),
        client=client,
        exports=exports(client),
    )
    runtime = RUNTIME.read_text()
    return {
        PurePosixPath(spec.package, "client.py"): source,
        PurePosixPath(spec.package, "_runtime.py"): f"{headers.python(spec)} (copied verbatim)\n{runtime}",
    }
