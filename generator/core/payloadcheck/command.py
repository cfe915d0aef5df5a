"""The `validate` command: `python -m <package> validate PATH...` in a generated package, and the
body of `specgen validate`.

Exit codes: 0 every document is valid, 1 some document is invalid, 2 an input could not be read
or parsed (the others are still checked), 3 an internal error.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from typing import Any, TextIO

from . import inputs, reports, runner

FORMAT_HELP = (
    "text: file:line:column: /pointer: message; json: one object per document; github: annotations; "
    "sarif: a SARIF 2.1.0 log; junit: JUnit XML"
)


def schemas(
    validators: Mapping[str, runner.Validator],
    document: Mapping[str, Any],
    pointers: Mapping[str, str],
    task: str,
    body: str | None,
    forced: str | None,
) -> runner.Schemas:
    """What to check against: `pointers` maps each validator's name to its schema in `document`."""
    if forced is not None and forced not in validators:
        raise LookupError(f"--def {forced}: no such definition; the spec has: {', '.join(pointers)}")
    arrays = {}
    for name in {forced or body or task}:
        schema = _resolve(document, pointers.get(name, ""))
        if isinstance(schema, Mapping) and runner.streamable(schema):
            arrays[name] = (pointers[name], schema)
    return runner.Schemas(validators, task, body, forced, arrays)


def _resolve(document: Any, pointer: str) -> Any:
    for part in pointer.split("/")[1:]:
        part = part.replace("~1", "/").replace("~0", "~")
        document = document.get(part) if isinstance(document, Mapping) else None
    return document


def validate(
    paths: Sequence[str],
    chosen: runner.Schemas,
    output_format: str = "text",
    excludes: Sequence[str] = (),
    wait: float = 5.0,
    out: TextIO | None = None,
) -> int:
    """Check and report every document; the exit code."""
    options = inputs.Options(excludes=excludes, stream_arrays=chosen.stream_arrays, wait=wait)
    report = reports.FORMATS[output_format](out or sys.stdout)
    progress = runner.Progress(sys.stderr, inputs.total_size(paths, options))
    counts = runner.run(inputs.read(paths, options), chosen, report, progress)
    return counts.exit_code()


def parser(prog: str) -> argparse.ArgumentParser:
    command = argparse.ArgumentParser(prog=prog, description="Check payload documents against the spec.")
    command.add_argument("paths", nargs="+", metavar="PATH", help="files, directories, globs, or - for stdin")
    command.add_argument("--def", dest="definition", metavar="NAME", help="a $defs entry to check against")
    command.add_argument("--format", choices=list(reports.FORMATS), default="text", help=FORMAT_HELP)
    command.add_argument("--exclude", action="append", default=[], metavar="GLOB", help="leave matching files out")
    command.add_argument("--wait", type=float, default=5.0, metavar="SECONDS", help="how long a FIFO may lack a writer")
    return command


def main(
    argv: Sequence[str],
    *,
    prog: str,
    validators: Mapping[str, runner.Validator],
    spec: str,
    pointers: Mapping[str, str],
    task: str,
    body: str | None,
) -> int:
    """`<prog> validate ...` with a generated package's validators and the spec it carries."""
    args = list(argv)
    if not args or args[0] != "validate":
        sys.stderr.write(f"usage: {prog} validate PATH... (--help for more)\n")
        return runner.UNUSABLE
    options = parser(f"{prog} validate").parse_args(args[1:])
    with open(spec, encoding="utf-8") as file:
        document = json.load(file)
    try:
        chosen = schemas(validators, document, pointers, task, body, options.definition)
    except LookupError as error:
        sys.stderr.write(f"error: {error.args[0]}\n")
        return runner.UNUSABLE
    return validate(options.paths, chosen, options.format, options.exclude, options.wait)
