"""What lets another repository validate payloads with the generated package alone: the spec
itself (`spec.schema.json`), the checking code specgen runs (`_check/`, copied verbatim from
generator/core/payloadcheck), and `__main__.py`, so that `python -m <package> validate PATH...`
works with nothing else installed."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

from generator.core import headers, payloadcheck, templating
from generator.core.pysource import docstring
from generator.render.plan import Plan

SOURCE = Path(payloadcheck.__file__).parent
SPEC_FILE = "spec.schema.json"


def render(plan: Plan) -> dict[PurePosixPath, str]:
    spec = plan.spec
    header = headers.python(spec.source.display)
    files = {
        PurePosixPath(spec.package, "_check", path.name): f"{header} (copied verbatim)\n{path.read_text()}"
        for path in sorted(SOURCE.glob("*.py"))
    }
    files[PurePosixPath(spec.package, SPEC_FILE)] = spec.source.text
    body = spec.task.body.title if spec.task and spec.task.body else None
    files[PurePosixPath(spec.package, "__main__.py")] = templating.render(
        "package/__main__.py.jinja",
        header=header,
        module_docstring=docstring(
            f"`python -m {spec.package} validate PATH...`: check payloads against the spec of {spec.name}"
            f" ({spec.model_id}) with this package alone; `--help` tells the options."
        ),
        spec=spec,
        spec_file=SPEC_FILE,
        task=spec.schemas[0].title,
        body=body,
        pointers={schema.title: schema.pointer for schema in spec.schemas},
    )
    return files
