"""The official JSON Schema test suite, every draft, run through the compiled validators.

Each group's schema is compiled as the root of a spec in the folder's dialect, with the suite's
`remotes/` served for `http://localhost:1234/`; every case's verdict must come out of the
boolean and the full check alike. Every required file is claimed, and every optional file but
those listed in NOT_CLAIMED with the reason. Formats are asserted in `optional/format/`, as
those files expect, and only annotations elsewhere, as the specification says.

`python -m tests.conformance` prints the README's table.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.compiler.formats import FORMATS
from generator.compiler.inmemory import validators_at
from generator.core.errors import SpecgenError
from generator.spec.load import parse_spec
from tests.conftest import SHARED

SUITE = SHARED / "json-schema-test-suite"
REMOTES = SUITE / "remotes"
DRAFTS = {
    "draft2020-12": "https://json-schema.org/draft/2020-12/schema",
    "draft2019-09": "https://json-schema.org/draft/2019-09/schema",
    "draft7": "http://json-schema.org/draft-07/schema#",
    "draft6": "http://json-schema.org/draft-06/schema#",
    "draft4": "http://json-schema.org/draft-04/schema#",
}

# Optional files the compiler does not claim, with the reason (the same in every draft).
NOT_CLAIMED = {
    "optional/content": "contentMediaType, contentEncoding and contentSchema are annotations, not asserted",
    "optional/dependencies-compatibility": "`dependencies` is not a 2019-09 or 2020-12 keyword",
    "optional/format/unknown": "asserting a format specgen does not know is refused when the spec is compiled",
    "optional/zeroTerminatedFloats": "a 1.0 is an integer, as 2019-09 and later say (draft 4 said otherwise)",
}
_FORMAT_OF_FILE = {"optional/format/ecmascript-regex": "regex"}


@dataclass
class FileResult:
    draft: str
    file: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # group -> the compiler's reason

    @property
    def total(self) -> int:
        return self.passed + len(self.failed) + sum(1 for _ in self.refused)


def suite_files(draft: str) -> list[str]:
    """Every file of a draft's folder, as `name` or `optional/name` or `optional/format/name`."""
    folder = SUITE / draft
    return sorted(path.relative_to(folder).with_suffix("").as_posix() for path in folder.rglob("*.json"))


def claimed(draft: str) -> list[str]:
    return [name for name in suite_files(draft) if _claim_reason(name) is None]


def _claim_reason(name: str) -> str | None:
    """Why a file is not claimed, or None."""
    if name in NOT_CLAIMED:
        return NOT_CLAIMED[name]
    tested = _FORMAT_OF_FILE.get(name, name.removeprefix("optional/format/"))
    if name.startswith("optional/format/") and tested not in FORMATS:
        return f"format {tested!r} is not checked yet"
    return None


def _groups(draft: str, name: str) -> Iterator[dict[str, Any]]:
    yield from json.loads((SUITE / draft / f"{name}.json").read_text())


def compile_schema(schema: Any, draft: str, assert_formats: bool = False) -> Any:
    """The in-memory validator module of a suite schema, as the root of a spec."""
    document = schema if isinstance(schema, dict) else {"allOf": [schema]}  # a spec is an object
    source = parse_spec(
        json.dumps(document),
        "suite.schema.json",
        url_dirs=(("http://localhost:1234/", REMOTES),),
        dialect=DRAFTS[draft],
    )
    module, _ = validators_at(source, [""], assert_formats=assert_formats)
    return module


@cache
def run_file(draft: str, name: str) -> FileResult:
    result = FileResult(draft, name)
    for group in _groups(draft, name):
        try:
            module = compile_schema(group["schema"], draft, assert_formats=name.startswith("optional/format/"))
        except SpecgenError as error:
            result.refused[group["description"]] = error.problems[0].message
            continue
        for test in group["tests"]:
            verdict = module.is_valid_entry_0(test["data"])
            errors = module.validate_entry_0(test["data"])
            if verdict != test["valid"] or (not errors) != test["valid"]:
                result.failed.append(
                    f"{group['description']} | {test['description']}: got {verdict}, {len(errors)} errors"
                )
            else:
                result.passed += 1
    return result


def table() -> str:
    """Passed/total per file and draft; files a draft does not have are blank."""
    names = sorted({name for draft in DRAFTS for name in suite_files(draft)}, key=lambda n: (n.count("/"), n))
    rows = ["| Suite file | " + " | ".join(d.removeprefix("draft") for d in DRAFTS) + " |"]
    rows.append("| --- |" + " --- |" * len(DRAFTS))
    for name in names:
        cells = []
        for draft in DRAFTS:
            if not (SUITE / draft / f"{name}.json").exists():
                cells.append("")
            elif _claim_reason(name) is not None:
                cells.append("not claimed")
            else:
                result = run_file(draft, name)
                cells.append(f"{result.passed}/{result.total}")
        rows.append(f"| `{name}` | " + " | ".join(cells) + " |")
    reasons = {name: _claim_reason(name) for name in names if _claim_reason(name)}
    rows.append("")
    rows += [f"- `{name}`: not claimed: {reason}." for name, reason in reasons.items()]
    return "\n".join(rows)


if __name__ == "__main__":
    print(table())
