"""Problems as data: every one carries where it is (file, line, JSON pointer) and how bad it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """The documented exit codes of every specgen command."""

    OK = 0
    PROBLEMS = 1  # the input was read, and something in it is wrong (drift, lint, invalid payload)
    UNUSABLE = 2  # the input could not be used at all (missing, malformed, not a valid schema)
    INTERNAL = 3  # a bug in specgen


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, a line in it when known, and a JSON pointer into its document."""

    file: str = ""
    line: int | None = None
    pointer: str | None = None

    def __str__(self) -> str:
        place = self.file
        if self.line is not None:
            place = f"{place}:{self.line}"
        if self.pointer is not None:
            place = f"{place}: {self.pointer or '/'}" if place else self.pointer or "/"
        return place


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, printed as `file:line: /pointer: message`."""

    location: Location
    message: str

    def __str__(self) -> str:
        place = str(self.location)
        return f"{place}: {self.message}" if place else self.message


class SpecgenError(Exception):
    """Raised when a command cannot go on; carries every problem found and the exit code to use."""

    def __init__(self, problems: Iterable[Problem], exit_code: ExitCode = ExitCode.UNUSABLE) -> None:
        self.problems = tuple(problems)
        self.exit_code = exit_code
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @classmethod
    def at(
        cls,
        message: str,
        *,
        file: str = "",
        line: int | None = None,
        pointer: str | None = None,
        exit_code: ExitCode = ExitCode.UNUSABLE,
    ) -> SpecgenError:
        return cls([Problem(Location(file, line, pointer), message)], exit_code)
