"""The generated package's `__init__.py` and `py.typed`: what makes it importable and typed."""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.model import Spec
from generator.render import environment, headers, validators
from generator.render.pysource import docstring, isort_key


def render(spec: Spec) -> dict[PurePosixPath, str]:
    exported = {"validators": validators.exports(spec)}
    names = sorted(
        ["MODEL_ID", "MODEL_IDS", "TASK_TYPE", *(name for group in exported.values() for name in group)], key=isort_key
    )
    init = environment.render(
        "package/__init__.py.jinja",
        header=headers.python(spec),
        module_docstring=docstring(f"{spec.name} ({spec.model_id}) on Runware: validators generated from its spec."),
        spec=spec,
        exported=exported,
        names=names,
    )
    return {
        PurePosixPath(spec.package, "__init__.py"): init,
        PurePosixPath(spec.package, "py.typed"): "",  # PEP 561 marker: empty by convention
    }
