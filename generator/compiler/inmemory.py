"""Compile validators and load them straight into memory, without writing a file.

`lint` checks defaults with them, `validate` and `serve` check payloads with them, `diff` proves
its witnesses with them, and tests run the conformance suite through them: the code is exactly
what `generate` writes.
"""

from __future__ import annotations

import sys
import types

from generator.compiler.module import EntryPoint, compile_module
from generator.compiler.source import compile_spec, module_source, spec_module_source
from generator.core.errors import SpecgenError
from generator.spec.load import SpecSource
from generator.spec.model import Spec


def load_module(name: str, source: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = f"<{name}>"
    sys.modules[name] = module  # dataclass-free, but typing and pickling look modules up by name
    try:
        exec(compile(source, module.__file__, "exec"), module.__dict__)
    finally:
        del sys.modules[name]
    return module


def validators_for(spec: Spec) -> types.ModuleType:
    """The validator module of `spec`, loaded from memory."""
    source = spec_module_source(spec, compile_spec(spec))
    return load_module(f"specgen_inmemory_{spec.package}", source)


def validators_at(
    source: SpecSource, pointers: list[str], *, strict: bool = True, assert_formats: bool | None = None
) -> tuple[types.ModuleType, list[EntryPoint]]:
    """Validators for arbitrary schema locations (`entry_0`, `entry_1`, ...); with `strict`, a
    keyword the compiler refuses is an error, otherwise it is left out. `assert_formats`
    overrides what the spec asks of `format` (see `compile_module`)."""
    entries = [EntryPoint(f"entry_{n}", f"entry_{n}", pointer, "") for n, pointer in enumerate(pointers)]
    module = compile_module(source, entries, assert_formats=assert_formats)
    if strict and module.problems:
        raise SpecgenError(module.problems)
    text = module_source(module, "# in memory", "Validators of chosen schema locations.", [])
    return load_module("specgen_inmemory_entries", text), entries
