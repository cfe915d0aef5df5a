"""Compile a spec's entry schemas, and everything they reach, into one module's worth of code."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.compiler.code import PathExpr
from generator.compiler.context import Bindings, CompiledFunction, Mode, ModuleContext
from generator.compiler.emit import Target
from generator.compiler.nodes import BodyCompiler
from generator.compiler.unevaluated import AnnotationCompiler
from generator.core import naming
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
    key: str  # its name in VALIDATORS: the title, made distinct (a `$defs` entry may share the root's)


@dataclass(frozen=True)
class ValidatorModule:
    """Everything the validator template lays out; nothing left to decide."""

    entries: tuple[CompiledEntry, ...]
    functions: tuple[CompiledFunction, ...]
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
    keys = naming.unique((entry.title for entry in entries), separator="")
    compiled_entries = tuple(
        CompiledEntry(entry, ctx.function(entry.pointer, Mode.BOOL), ctx.function(entry.pointer, Mode.ERRORS), key)
        for entry, key in zip(entries, keys, strict=True)
    )
    functions = []
    while ctx.pending:
        key = ctx.pending.popleft()
        pointer, mode, bindings = key
        lines = _body(ctx, pointer, mode, bindings)
        functions.append(CompiledFunction(ctx.functions[key], mode, pointer, lines))
    functions = _with_constants(functions, {name: expression for expression, name in ctx.constants.items()})
    return ValidatorModule(
        entries=compiled_entries,
        functions=tuple(functions),
        snippets=tuple(ctx.snippets),
        imports=tuple(sorted(ctx.imports)),
        helpers=frozenset(ctx.helpers),
        problems=tuple(dict.fromkeys(ctx.problems)),
        ignored=tuple(dict.fromkeys(ctx.ignored)),
    )


def _with_constants(functions: list[CompiledFunction], constants: dict[str, str]) -> list[CompiledFunction]:
    """Each function with the constants it is the first to use, so a reader finds them beside it."""
    mention = re.compile(r"\b(_[A-Z][A-Z0-9_]*)\b")
    placed: set[str] = set()
    result = []
    for function in functions:
        used = [name for line in function.body for name in mention.findall(line) if name in constants]
        own = tuple((name, constants[name]) for name in dict.fromkeys(used) if name not in placed)
        placed.update(name for name, _ in own)
        result.append(replace(function, constants=own))
    return result


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
