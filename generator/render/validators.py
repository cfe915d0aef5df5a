"""The validator module: the compiled checks of the root schema and of every `$defs` entry."""

from __future__ import annotations

from pathlib import PurePosixPath

from generator.compiler import compile_module
from generator.compiler.module import EntryPoint, ValidatorModule
from generator.core.errors import SpecgenError
from generator.core.pysource import docstring, isort_key
from generator.render import environment, headers
from generator.spec.model import Spec


def compile_spec(spec: Spec) -> ValidatorModule:
    """Compile every exposed schema; SpecgenError lists each keyword the compiler refuses."""
    entries = [EntryPoint(s.title, s.python_name, s.pointer, s.description) for s in spec.schemas]
    module = compile_module(spec.source, entries)
    if module.problems:
        raise SpecgenError(module.problems)
    return module


def exports(spec: Spec) -> list[str]:
    """The validator module's public names, sorted (they are its `__all__`)."""
    names = ["InvalidPayloadError", "VALIDATORS", "ValidationError", "Validator"]
    for schema in spec.schemas:
        names += [f"{verb}_{schema.python_name}" for verb in ("check", "is_valid", "validate")]
    return sorted(names, key=isort_key)


def _docs(module: ValidatorModule) -> dict[str, dict[str, str]]:
    docs = {}
    for compiled in module.entries:
        title, about = compiled.entry.title, compiled.entry.description
        about = f"\n\n{title}: {about}" if about else ""
        docs[compiled.entry.pointer] = {
            "is_valid": docstring(
                f"True when `instance` is a valid {title}; stops at the first failure.{about}", "    "
            ),
            "validate": docstring(f"Every way `instance` fails {title}, in a fixed order; empty when valid.", "    "),
            "check": docstring(
                f"Raise InvalidPayloadError, listing every error, unless `instance` is a valid {title}.", "    "
            ),
        }
    return docs


def render(spec: Spec) -> dict[PurePosixPath, str]:
    return {PurePosixPath(spec.package, "validators.py"): module_source(spec)}


def module_source(spec: Spec) -> str:
    about = f"Validators for {spec.name} ({spec.model_id}), compiled from its JSON Schema.\n\n" + (
        "Standard library only. Semantics are JSON Schema 2020-12's: bool is not a number, 1.0 is an "
        "integer, multipleOf is decided on decimals, lengths count code points, patterns are "
        "ECMA-262, and formats are asserted. Validation never changes its input."
    )
    return render_module(compile_spec(spec), headers.python(spec), about, exports(spec))


def render_module(module: ValidatorModule, header: str, about: str, exported: list[str]) -> str:
    return environment.render(
        "validators/validators.py.jinja",
        header=header,
        module_docstring=docstring(about),
        module=module,
        snippets=[_snippet(name) for name in module.snippets],
        exports=exported,
        docs=_docs(module),
    )


def _snippet(name: str) -> str:
    """A format checker's helper code: plain Python copied verbatim (not a template, so that
    regex quantifiers such as {3} are never read as Jinja)."""
    return (environment.TEMPLATES / "validators" / "formats" / f"{name}.py").read_text().rstrip("\n")
