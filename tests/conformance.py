"""The official JSON Schema test suite (2020-12), run through the compiled validators.

Each group's schema is compiled as a spec would be; a group whose schema uses something the
compiler does not claim (remote references, `$id` below the root, `unevaluated*`, dynamic
references...) is skipped with the compiler's own refusal as the reason. Everything compiled
must give every case's verdict, from the boolean and the full check alike.

`python -m tests.conformance` prints the README's table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.compiler.inmemory import validators_at
from generator.core.errors import SpecgenError
from generator.spec.load import parse_spec
from tests.conftest import SHARED

SUITE = SHARED / "json-schema-test-suite" / "draft2020-12"

# One file per format of 2020-12 in optional/format/ (`unknown` is listed in NOT_CLAIMED).
FORMAT_FILES = [
    "uuid", "uri", "uri-reference", "iri", "iri-reference", "uri-template", "date", "date-time", "time",
    "duration", "ipv4", "ipv6", "hostname", "idn-hostname", "email", "idn-email", "json-pointer",
    "relative-json-pointer", "regex", "ecmascript-regex",
]  # fmt: skip

# Files whose keywords the compiler claims, and the optional files it claims beside them.
CLAIMED = [
    "additionalProperties", "allOf", "anyOf", "boolean_schema", "const", "contains", "content",
    "default", "dependentRequired", "dependentSchemas", "enum", "exclusiveMaximum",
    "exclusiveMinimum", "format", "if-then-else", "infinite-loop-detection", "items", "maxContains",
    "maxItems", "maxLength", "maxProperties", "maximum", "minContains", "minItems", "minLength",
    "minProperties", "minimum", "multipleOf", "not", "oneOf", "pattern", "patternProperties",
    "prefixItems", "properties", "propertyNames", "ref", "required", "type", "uniqueItems",
    "optional/bignum", "optional/float-overflow", "optional/ecmascript-regex", "optional/non-bmp-regex",
    *(f"optional/format/{name}" for name in FORMAT_FILES),
]  # fmt: skip
NOT_CLAIMED = {
    "defs": "its one group validates against the remote 2020-12 metaschema ($defs itself runs in ref.json)",
    "anchor": "$anchor is not supported (only JSON-pointer references are)",
    "dynamicRef": "$dynamicRef/$dynamicAnchor are not supported",
    "refRemote": "remote references are not supported",
    "unevaluatedItems": "unevaluatedItems is not supported",
    "unevaluatedProperties": "unevaluatedProperties is not supported",
    "vocabulary": "custom metaschemas and $vocabulary are not supported",
    "optional/format/unknown": "a format the compiler does not know is refused at generation time",
}


# Cases where the suite describes a default we deliberately do not follow, with the reason.
DIFFERENT_BY_DESIGN = {
    (
        "format",
        "only an annotation by default",
    ): "formats are asserted (optional/format-assertion semantics), as specs require",
}


@dataclass
class FileResult:
    file: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)  # group -> reason
    by_design: dict[str, str] = field(default_factory=dict)  # case -> reason

    @property
    def total(self) -> int:
        return self.passed + len(self.failed)


def _groups(name: str) -> Iterator[dict[str, Any]]:
    yield from json.loads((SUITE / f"{name}.json").read_text())


def _compile(schema: Any) -> Any:
    """The in-memory validator module of a suite schema, as the root of a spec."""
    document = schema if isinstance(schema, dict) else {"allOf": [schema]}
    source = parse_spec(json.dumps(document), "suite.schema.json")
    module, _ = validators_at(source, [""])
    return module


def run_file(name: str) -> FileResult:
    result = FileResult(name)
    for group in _groups(name):
        try:
            module = _compile(group["schema"])
        except SpecgenError as error:
            result.skipped[group["description"]] = error.problems[0].message
            continue
        for test in group["tests"]:
            reason = next(
                (
                    why
                    for (file, phrase), why in DIFFERENT_BY_DESIGN.items()
                    if file == name and phrase in test["description"]
                ),
                None,
            )
            if reason:
                result.by_design[f"{group['description']} | {test['description']}"] = reason
                continue
            verdict = module.is_valid_entry_0(test["data"])
            errors = module.validate_entry_0(test["data"])
            if verdict != test["valid"] or (not errors) != test["valid"]:
                result.failed.append(
                    f"{group['description']} | {test['description']}: got {verdict}, {len(errors)} errors"
                )
            else:
                result.passed += 1
    return result


def _reason(message: str) -> str:
    """A refusal, shortened for the table: 'format email', 'remote $ref', 'unevaluatedProperties'."""
    if message.startswith("format "):
        return message.split(" is not supported")[0]
    if "only local references" in message:
        return "non-local $ref"
    if message.startswith("the keyword "):
        return message.split("'")[1]
    return message


def table() -> str:
    rows = ["| Suite file | Passed | Not run, and why |", "| --- | --- | --- |"]
    for name in CLAIMED:
        result = run_file(name)
        notes = []
        if result.skipped:
            reasons = ", ".join(sorted({_reason(m) for m in result.skipped.values()}))
            notes.append(f"{len(result.skipped)} group(s) using what is not claimed: {reasons}")
        if result.by_design:
            notes.append(f"{len(result.by_design)} case(s) by design: {next(iter(result.by_design.values()))}")
        rows.append(f"| `{name}` | {result.passed}/{result.total} | {'; '.join(notes)} |")
    for name, reason in NOT_CLAIMED.items():
        rows.append(f"| `{name}` | not claimed | all ({reason}) |")
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
