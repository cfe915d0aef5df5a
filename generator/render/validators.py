"""The validator module: the compiled checks of the root schema and of every `$defs` entry."""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.compiler.source import spec_module_source
from generator.render.plan import Plan


def render(plan: Plan) -> dict[PurePosixPath, str]:
    spec = plan.spec
    return {PurePosixPath(spec.package, "validators.py"): spec_module_source(spec, plan.validators)}
