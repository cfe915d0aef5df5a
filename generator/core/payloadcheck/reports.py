"""How `validate` reports: text, JSON Lines, GitHub annotations, SARIF 2.1.0 or JUnit XML.

Every format gives each error its line and column. Text and JSON Lines are written as the
documents are checked; SARIF and JUnit are one document each, written at the end.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TextIO
from urllib.parse import quote

from .inputs import Unreadable
from .runner import Checked, Counts, Report, Schemas

_CONTROL = {*range(32), 127}


def shown(source: str) -> str:
    """A file name as a text line can hold it: a newline or other control character in it is
    escaped (the name quoted as a JSON string), so that it cannot forge an output line."""
    if any(ord(char) in _CONTROL for char in source) or source.startswith('"'):
        return json.dumps(source)
    return source


def _place(line: int | None, column: int | None) -> str:
    if line is None:
        return ""
    return f":{line}" + (f":{column}" if column is not None else "")


def _note(counts: Counts, schemas: Schemas) -> str:
    """Which schema the documents were checked against, when their shape chose it."""
    if schemas.forced or not counts.schemas:
        return ""
    kinds = [
        f"{'arrays' if name == schemas.body else 'objects'} as {name}"
        for name in (schemas.task, schemas.body)
        if name in counts.schemas
    ]
    return f" (checked {' and '.join(kinds)}; --def NAME to choose)"


class TextReport:
    """`file:line:column: /pointer: message` for each error, then `N valid, M invalid`."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def document(self, checked: Checked) -> None:
        if not checked.errors and not checked.more:
            return
        name = shown(checked.source)
        for error in checked.errors:
            self.out.write(f"{name}:{error.line}:{error.column}: {error.path or '/'}: {error.message}\n")
        if checked.more:
            self.out.write(f"{name}{_place(checked.line, checked.column)}: {checked.more} more error(s) not shown\n")

    def unreadable(self, item: Unreadable) -> None:
        self.out.write(f"{shown(item.source)}{_place(item.line, item.column)}: {item.message}\n")

    def summary(self, counts: Counts, schemas: Schemas) -> None:
        self.out.write(f"{counts}{_note(counts, schemas)}\n")


class JsonReport:
    """One JSON object per document: source, line, column, schema, valid, errors."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _write(self, record: dict[str, Any]) -> None:
        self.out.write(json.dumps(record, ensure_ascii=False) + "\n")

    def document(self, checked: Checked) -> None:
        record = {
            "source": checked.source,
            "line": checked.line,
            "column": checked.column,
            "schema": checked.schema,
            "valid": checked.valid,
            "errors": [error.as_dict() for error in checked.errors],
        }
        if checked.more:
            record["more_errors"] = checked.more
        self._write(record)

    def unreadable(self, item: Unreadable) -> None:
        self._write(
            {
                "source": item.source,
                "line": item.line,
                "column": item.column,
                "valid": False,
                "errors": [],
                "unreadable": item.message,
            }
        )

    def summary(self, counts: Counts, schemas: Schemas) -> None:
        pass  # every document has its line already; a summary line would not be a document


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubReport:
    """`::error file=…,line=…,col=…::` workflow commands, which GitHub Actions shows as annotations."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _error(self, source: str, line: int | None, column: int | None, title: str, message: str) -> None:
        place = f"file={_escape_property(source)}"
        place += f",line={line}" if line is not None else ""
        place += f",col={column}" if column is not None else ""
        self.out.write(f"::error {place},title={_escape_property(title)}::{_escape_data(message)}\n")

    def document(self, checked: Checked) -> None:
        for error in checked.errors:
            where = error.path or "/"
            self._error(
                checked.source, error.line, error.column, f"{error.keyword} at {where}", f"{where}: {error.message}"
            )

    def unreadable(self, item: Unreadable) -> None:
        self._error(item.source, item.line, item.column, "unreadable input", item.message)

    def summary(self, counts: Counts, schemas: Schemas) -> None:
        self.out.write(f"{counts}{_note(counts, schemas)}\n")


def _uri(source: str) -> str:
    return quote(source.replace("\\", "/"))


class SarifReport:
    """A SARIF 2.1.0 log: one result per error (its rule the failing keyword) with its region."""

    TOOL = "specgen validate"

    def __init__(self, out: TextIO, tool: str = TOOL) -> None:
        self.out = out
        self.tool = tool
        self.results: list[dict[str, Any]] = []
        self.rules: dict[str, str] = {}

    def _result(self, rule: str, message: str, source: str, line: int | None, column: int | None) -> None:
        region = {} if line is None else {"startLine": line, **({"startColumn": column} if column else {})}
        location: dict[str, Any] = {"artifactLocation": {"uri": _uri(source)}}
        if region:
            location["region"] = region
        self.results.append(
            {
                "ruleId": rule,
                "level": "error",
                "message": {"text": message},
                "locations": [{"physicalLocation": location}],
            }
        )

    def document(self, checked: Checked) -> None:
        for error in checked.errors:
            self.rules.setdefault(error.keyword, f"The payload breaks the schema's {error.keyword!r} keyword")
            self._result(
                error.keyword, f"{error.path or '/'}: {error.message}", checked.source, error.line, error.column
            )

    def unreadable(self, item: Unreadable) -> None:
        self.rules.setdefault("unreadable", "The input is not a strict JSON document")
        self._result("unreadable", item.message, item.source, item.line, item.column)

    def summary(self, counts: Counts, schemas: Schemas) -> None:
        rules = [{"id": rule, "shortDescription": {"text": text}} for rule, text in sorted(self.rules.items())]
        log = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": {"name": self.tool, "rules": rules}},
                    "columnKind": "unicodeCodePoints",
                    "results": self.results,
                    "invocations": [{"executionSuccessful": not counts.unreadable}],
                }
            ],
        }
        self.out.write(json.dumps(log, indent=2, ensure_ascii=False) + "\n")


class JunitReport:
    """JUnit XML: a test suite per input file, a test case per document, a failure per invalid
    one (its errors in the text) and an error per unreadable one."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.suites: dict[str, list[tuple[str, str, str | None, str]]] = {}  # source: (name, schema, kind, text)

    def document(self, checked: Checked) -> None:
        lines = [f"{e.line}:{e.column}: {e.path or '/'}: {e.message}" for e in checked.errors]
        if checked.more:
            lines.append(f"{checked.more} more error(s) not shown")
        case = (
            f"{checked.source}:{checked.line}",
            checked.schema,
            None if checked.valid else "failure",
            "\n".join(lines),
        )
        self.suites.setdefault(checked.source, []).append(case)

    def unreadable(self, item: Unreadable) -> None:
        case = (f"{item.source}{_place(item.line, item.column)}", "", "error", item.message)
        self.suites.setdefault(item.source, []).append(case)

    def summary(self, counts: Counts, schemas: Schemas) -> None:
        from xml.etree import ElementTree as ET  # only this format needs it

        root = ET.Element("testsuites", name="validate")
        totals = {"tests": 0, "failures": 0, "errors": 0}
        for source, cases in self.suites.items():
            failures = sum(kind == "failure" for _, _, kind, _ in cases)
            errors = sum(kind == "error" for _, _, kind, _ in cases)
            suite = ET.SubElement(
                root, "testsuite", name=source, tests=str(len(cases)), failures=str(failures), errors=str(errors)
            )
            for name, schema, kind, text in cases:
                case = ET.SubElement(suite, "testcase", name=name, classname=schema or "unreadable")
                if kind is not None:
                    outcome = ET.SubElement(case, kind, message=text.split("\n", 1)[0])
                    outcome.text = text
            for key, value in (("tests", len(cases)), ("failures", failures), ("errors", errors)):
                totals[key] += value
        for key, value in totals.items():
            root.set(key, str(value))
        self.out.write(ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n")


FORMATS: dict[str, Callable[[TextIO], Report]] = {
    "text": TextReport,
    "json": JsonReport,
    "github": GithubReport,
    "sarif": SarifReport,
    "junit": JunitReport,
}
