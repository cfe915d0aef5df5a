"""Compile a spec's entry schemas, and everything they reach, into one module's worth of code."""

from __future__ import annotations

from dataclasses import dataclass

from generator.compiler.code import PathExpr
from generator.compiler.context import Bindings, CompiledFunction, Mode, ModuleContext
from generator.compiler.emit import Target
from generator.compiler.nodes import BodyCompiler
from generator.compiler.unevaluated import AnnotationCompiler
from generator.core.errors import Problem
from generator.spec.load import SpecSource


@dataclass(frozen=True)
class EntryPoint:
    """A schema the module exposes: `is_valid_<name>`, `validate_<name>`, `check_<name>`."""

    title: str  # the schema's name in the spec, e.g. "TextInferenceTask"
    python_name: str  # e.g. "text_inference_task"
    pointer: str  # "" for the root, "/$defs/Message" for a definition
    description: str


@dataclass(frozen=True)
class CompiledEntry:
    entry: EntryPoint
    bool_function: str
    errors_function: str


@dataclass(frozen=True)
class ValidatorModule:
    """Everything the validator template lays out; nothing left to decide."""

    entries: tuple[CompiledEntry, ...]
    functions: tuple[CompiledFunction, ...]
    constants: tuple[tuple[str, str], ...]  # (name, Python expression)
    snippets: tuple[str, ...]
    imports: tuple[str, ...]
    helpers: frozenset[str]
    problems: tuple[Problem, ...]  # what the compiler cannot honour: generation stops
    ignored: tuple[Problem, ...] = ()  # keywords that check nothing in their dialect (lint reports them)


def compile_module(
    source: SpecSource, entries: list[EntryPoint], *, assert_formats: bool | None = None
) -> ValidatorModule:
    """Compile `entries` and every schema they reach. Formats are asserted when the spec asks
    (ASSERT_FORMATS, or a vocabulary) or `assert_formats` says so, and only annotations otherwise."""
    ctx = ModuleContext(source, assert_formats=assert_formats)
    compiled_entries = tuple(
        CompiledEntry(entry, ctx.function(entry.pointer, Mode.BOOL), ctx.function(entry.pointer, Mode.ERRORS))
        for entry in entries
    )
    functions = []
    while ctx.pending:
        key = ctx.pending.popleft()
        pointer, mode, bindings = key
        lines = _body(ctx, pointer, mode, bindings)
        functions.append(CompiledFunction(ctx.functions[key], mode, pointer, lines))
    return ValidatorModule(
        entries=compiled_entries,
        functions=tuple(functions),
        constants=tuple((name, expression) for expression, name in ctx.constants.items()),
        snippets=tuple(ctx.snippets),
        imports=tuple(sorted(ctx.imports)),
        helpers=frozenset(ctx.helpers),
        problems=tuple(dict.fromkeys(ctx.problems)),
        ignored=tuple(dict.fromkeys(ctx.ignored)),
    )


def _body(ctx: ModuleContext, pointer: str, mode: Mode, bindings: Bindings) -> tuple[str, ...]:
    if mode in (Mode.PROPERTIES, Mode.ITEMS):
        annotations = AnnotationCompiler(ctx, mode, bindings)
        annotations.body(ctx.schema_at(pointer), pointer)
        return tuple(annotations.out.lines)
    body = BodyCompiler(ctx, mode, bindings)
    body.schema(ctx.schema_at(pointer), pointer, Target("v", PathExpr()))
    if mode is Mode.BOOL:
        body.out.line("return True")
    elif not body.out:
        body.out.line("return")
    return tuple(body.out.lines)
