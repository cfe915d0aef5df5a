"""The generated Python package: validators, models, client, and the `__init__` that ties them;
and, beside them in the same folder, what makes it a distribution of its own (`pyproject.toml`,
`README.md`, `py.typed`), so that `python -m build generated/<package>` gives its wheel and sdist.

`__init__` imports the validators at once (standard library only, cheap) and everything else on
first use, so `import zai_glm_4_7.validators` pays for neither pydantic nor httpx.
"""

from __future__ import annotations

import ast
from pathlib import PurePosixPath

from generator.compiler import source
from generator.core import headers, templating
from generator.core.errors import SpecgenError
from generator.core.pysource import docstring, isort_key
from generator.render import checker, client, models, validators
from generator.render.plan import Plan
from generator.spec import text
from generator.spec.model import Spec

# What an installed package needs beyond the standard library (the validators need none of it):
# pydantic 2.11 reads `validate_by_name`, httpx 0.27 is the oldest the client is tested with.
DEPENDENCIES = ("httpx>=0.27", "pydantic>=2.11")
WEBSOCKET_DEPENDENCIES = ("websockets>=14",)  # the optional WebSocket transport (its sync and asyncio clients)
# What of the package folder goes into the wheel (pyproject.toml and README.md build it, and stay out).
WHEEL_FILES = ("*.py", "py.typed", checker.SPEC_FILE)


def _classes(module_source: str) -> list[str]:
    """The classes a generated module defines: datamodel-code-generator names them itself."""
    return [node.name for node in ast.parse(module_source).body if isinstance(node, ast.ClassDef)]


def render(plan: Plan) -> dict[PurePosixPath, str]:
    spec, client_view = plan.spec, plan.client
    files = validators.render(plan)
    files.update(checker.render(plan))
    files.update(models.render(spec))
    if client_view is not None:
        files.update(client.render(spec, client_view))
    classes = _classes(files[PurePosixPath(spec.package, "models.py")])
    renamed = [
        s.class_name
        for s in spec.schemas
        if s.class_name not in classes and (s.is_root or s.title in models.modelled(spec))
    ]
    if renamed:
        raise SpecgenError.at(
            f"datamodel-code-generator did not name these classes as asked: {', '.join(renamed)}",
            file=spec.source.display,
        )
    lazy = {name: "models" for name in classes}
    lazy.update({name: "client" for name in (client_view.exports if client_view else ())})
    eager = source.exports(source.entry_points(spec))
    names = sorted(["MODEL_ID", "MODEL_IDS", "TASK_TYPE", *eager, *lazy], key=isort_key)
    parts = ["validators, models"] + (["sync and async clients"] if client_view else [])
    init = templating.render(
        "package/__init__.py.jinja",
        header=headers.python(spec.source.display),
        module_docstring=docstring(
            f"{spec.name} ({spec.model_id}) on Runware: {' and '.join(parts)} generated from its spec."
        ),
        spec=spec,
        eager=eager,
        lazy=dict(sorted(lazy.items(), key=lambda item: (item[1], isort_key(item[0])))),
        names=names,
    )
    files[PurePosixPath(spec.package, "__init__.py")] = init
    files[PurePosixPath(spec.package, "py.typed")] = ""  # PEP 561 marker: empty by convention
    files.update(distribution(plan))
    return files


def distribution_name(spec: Spec) -> str:
    """The name pip knows the package by: its import name, normalised (PEP 503)."""
    return spec.package.replace("_", "-")


def distribution(plan: Plan) -> dict[PurePosixPath, str]:
    """`pyproject.toml` and `README.md` of the package's own distribution."""
    spec, client_view = plan.spec, plan.client
    name = distribution_name(spec)
    root = spec.schemas[0].python_name
    call = ""
    if client_view is not None:
        call = ", ".join(f"{a.name}={a.example!r}" for a in client_view.arguments if a.required)
    context = {
        "spec": spec,
        "package": spec.package,
        "distribution": name,
        "version": spec.version,
        "wheel": f"{spec.package}-{spec.version}-py3-none-any.whl",
        "client": client_view,
        "call_arguments": call,
        "validate_function": f"validate_{root}",
        "is_valid_function": f"is_valid_{root}",
    }
    description = f"{spec.name} ({spec.model_id}) on Runware: validators, models and clients generated from its spec"
    return {
        PurePosixPath(spec.package, "pyproject.toml"): templating.render(
            "package/pyproject.toml.jinja",
            header=headers.python(spec.source.display),
            description=" ".join(description.split()),
            dependencies=DEPENDENCIES,
            websocket_dependencies=WEBSOCKET_DEPENDENCIES,
            wheel_files=WHEEL_FILES,
            **context,
        ),
        PurePosixPath(spec.package, "README.md"): templating.render(
            "package/README.md.jinja",
            header=headers.markup(spec.source.display),
            title=text.markdown_escape(spec.name),
            **context,
        ),
    }
