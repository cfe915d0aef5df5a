"""Compile a spec's validators and load them straight into memory, without writing a file.

`lint` checks defaults with them, `validate` checks payloads with them, and tests run the
conformance suite through them: the code is exactly what `generate` would write.
"""

from __future__ import annotations

import sys
import types

from generator.compiler import compile_module
from generator.compiler.module import EntryPoint
from generator.core.errors import SpecgenError
from generator.render.validators import module_source, render_module
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
    """The validator module `generate` writes for `spec`, loaded from memory."""
    return load_module(f"specgen_inmemory_{spec.package}", module_source(spec))


def validators_at(
    source: SpecSource, pointers: list[str], *, strict: bool = True
) -> tuple[types.ModuleType, list[EntryPoint]]:
    """Validators for arbitrary schema locations (`entry_0`, `entry_1`, ...); with `strict`, a
    keyword the compiler refuses is an error, otherwise it is left out."""
    entries = [EntryPoint(f"entry_{n}", f"entry_{n}", pointer, "") for n, pointer in enumerate(pointers)]
    module = compile_module(source, entries)
    if strict and module.problems:
        raise SpecgenError(module.problems)
    text = render_module(module, "# in memory", "Validators of chosen schema locations.", [])
    return load_module("specgen_inmemory_entries", text), entries
