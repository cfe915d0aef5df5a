"""A compiled module laid out as Python source, through the validators template."""

from __future__ import annotations

from collections.abc import Sequence

from generator.compiler.module import EntryPoint, ValidatorModule, compile_module
from generator.compiler.patterns import RUNTIME as PATTERN_RUNTIME
from generator.core import headers, templating
from generator.core.errors import SpecgenError
from generator.core.pysource import docstring, isort_key
from generator.spec.load import SpecSource
from generator.spec.model import Spec

SEMANTICS = (
    "Standard library only. Semantics are JSON Schema 2020-12's: bool is not a number, 1.0 is an "
    "integer, multipleOf is decided on decimals, lengths count code points, patterns are "
    "ECMA-262, and formats are asserted. Validation never changes its input."
)


def entry_points(spec: Spec) -> list[EntryPoint]:
    """The schemas a spec's validator module exposes: the root, then every `$defs` entry."""
    return [EntryPoint(s.title, s.python_name, s.pointer, s.description) for s in spec.schemas]


def compile_spec(spec: Spec) -> ValidatorModule:
    return compile_entries(spec.source, entry_points(spec))


def spec_module_source(spec: Spec, module: ValidatorModule) -> str:
    """The `validators.py` that `generate` writes for `spec`, from its compiled module."""
    about = f"Validators for {spec.name} ({spec.model_id}), compiled from its JSON Schema.\n\n{SEMANTICS}"
    return module_source(module, headers.python(spec.source.display), about, exports(entry_points(spec)))


def compile_entries(source: SpecSource, entries: Sequence[EntryPoint]) -> ValidatorModule:
    """Compile the entry schemas; SpecgenError lists each keyword the compiler refuses."""
    module = compile_module(source, list(entries))
    if module.problems:
        raise SpecgenError(module.problems)
    return module


def exports(entries: Sequence[EntryPoint]) -> list[str]:
    """A validator module's public names, sorted (they are its `__all__`)."""
    names = ["InvalidPayloadError", "VALIDATORS", "ValidationError", "Validator"]
    for entry in entries:
        names += [f"{verb}_{entry.python_name}" for verb in ("check", "is_valid", "validate")]
    return sorted(names, key=isort_key)


def module_source(module: ValidatorModule, header: str, about: str, exported: list[str]) -> str:
    return templating.render(
        "validators/validators.py.jinja",
        header=header,
        module_docstring=docstring(about),
        module=module,
        snippets=[_snippet(name) for name in module.snippets],
        exports=exported,
        docs=_docs(module),
        pattern_runtime=PATTERN_RUNTIME,
    )


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


def _snippet(name: str) -> str:
    """A format checker's helper code: plain Python copied verbatim (not a template, so that
    regex quantifiers such as {3} are never read as Jinja)."""
    return (templating.TEMPLATES / "validators" / "formats" / f"{name}.py").read_text().rstrip("\n")
