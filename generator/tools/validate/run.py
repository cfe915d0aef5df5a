"""`specgen validate`: check payload documents against a spec's compiled validators."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from typing import Any, TextIO

from generator.compiler.inmemory import validators_for
from generator.core.errors import ExitCode, SpecgenError
from generator.spec.model import Spec
from generator.tools.validate.payloads import Document, Item, Unreadable
from generator.tools.validate.reports import Counts, Report


def validator_of(spec: Spec, definition: str | None) -> Any:
    """The compiled `Validator` (is_valid, validate) of the root schema or of a `$defs` entry."""
    module = validators_for(spec)
    title = spec.schemas[0].title if definition is None else definition
    if title not in module.VALIDATORS:
        names = ", ".join(s.title for s in spec.schemas[1:])
        raise SpecgenError.at(f"--def {definition}: no such definition; {spec.source.display} has: {names}")
    return module.VALIDATORS[title]


class Progress:
    """A progress bar on a terminal, redrawn a few times a second; silent when piped. With the
    inputs' total size it shows how far through them it is; without (stdin), a count."""

    WIDTH = 30

    def __init__(self, stream: TextIO, total_bytes: int | None = None) -> None:
        self.stream = stream
        self.total = total_bytes
        self.enabled = stream.isatty()
        self.started = self.shown = time.monotonic()
        self.done_bytes = 0

    def tick(self, count: int, size: int) -> None:
        self.done_bytes += size
        if not self.enabled or count % 256:
            return
        now = time.monotonic()
        if now - self.shown < 0.2:
            return
        self.shown = now
        rate = f"{count:,} documents ({count / (now - self.started):,.0f}/s)"
        if self.total:
            share = min(self.done_bytes / self.total, 1.0)
            filled = int(share * self.WIDTH)
            rate = f"[{'#' * filled}{'-' * (self.WIDTH - filled)}] {share:4.0%} {rate}"
        self.stream.write(f"\r{rate}")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled and self.shown > self.started:
            self.stream.write("\r\033[K")
            self.stream.flush()


def run(items: Iterable[Item], validator: Any, report: Report, progress: Progress | None = None) -> Counts:
    counts = Counts()
    is_valid, validate = validator.is_valid, validator.validate
    for number, item in enumerate(items, 1):
        if isinstance(item, Document):
            try:
                verdict = is_valid(item.value)
                errors = () if verdict else validate(item.value)
            except RecursionError:  # a recursive schema and a payload nested deeper than Python goes
                item = Unreadable(item.source, item.line, "nested too deeply to validate", item.size)
        if isinstance(item, Unreadable):
            counts.unreadable += 1
            report.unreadable(item)
        elif verdict:
            counts.valid += 1
            report.document(item, ())
        else:
            counts.invalid += 1
            report.document(item, errors)
        if progress:
            progress.tick(number, item.size)
    if progress:
        progress.done()
    report.summary(counts)
    return counts


def exit_code(counts: Counts) -> ExitCode:
    if counts.unreadable:
        return ExitCode.UNUSABLE
    return ExitCode.PROBLEMS if counts.invalid else ExitCode.OK


def default_progress(total_bytes: int | None) -> Progress:
    return Progress(sys.stderr, total_bytes)
