"""Replacing a directory so that a crash at any moment loses nothing.

The new tree is written beside the old one (`.NAME.new-TOKEN`), then two renames swap them: the
old tree goes aside (`.NAME.old-TOKEN`) and the new one takes its name. Between the two renames
the output does not exist, so before anything is created a journal (`.NAME.specgen-swap.json`,
beside it) records both names, and is sealed once the new tree is complete. The next run reads
a journal it finds and finishes the swap (sealed: the new tree is complete) or undoes it (not
sealed), and says which. A lock on the parent directory keeps two runs from meeting half-way.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from generator.core import jsontext
from generator.core.errors import SpecgenError

if sys.platform != "win32":
    import fcntl

# Each step, in order; `checkpoint(step)` runs just before it.
STEPS = ("journal", "stage", "seal", "retire", "install", "clean", "close")
_FORMAT = 1


def checkpoint(step: str) -> None:
    """A seam before each step: tests replace it to fail, or kill the process, right there."""


@dataclass(frozen=True)
class Journal:
    """One swap in progress: the output, where its new tree is written, where its old one goes."""

    out: Path
    staging: Path
    retired: Path
    sealed: bool  # the new tree is complete: a crash from here on is finished, not undone

    @classmethod
    def new(cls, out: Path) -> Journal:
        token = secrets.token_hex(4)
        return cls(out, out.parent / f".{out.name}.new-{token}", out.parent / f".{out.name}.old-{token}", False)


def journal_path(out: Path) -> Path:
    return out.parent / f".{out.name}.specgen-swap.json"


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the lock on `out`'s parent directory (which must exist) for the duration."""
    if sys.platform == "win32":  # no flock there: two runs at once are not guarded against
        yield
        return
    descriptor = os.open(out.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SpecgenError.at(
                "another specgen is writing here now; run again once it has finished", file=str(out)
            ) from None
        yield
    finally:
        os.close(descriptor)  # releases the lock


def replace_tree(out: Path, fill: Callable[[Path], None]) -> list[str]:
    """Make `out` the directory `fill` writes (it is given an empty one), all or nothing, under
    the lock. Returns warnings: the new tree is in place, but the old one could not be removed."""
    journal = Journal.new(out)
    try:
        checkpoint("journal")
        _write_journal(journal)
        checkpoint("stage")
        journal.staging.mkdir(mode=0o700)
        fill(journal.staging)
        _sync_tree(journal.staging)
        journal.staging.chmod(0o755)
        checkpoint("seal")
        _write_journal(replace(journal, sealed=True))
        checkpoint("retire")
        if out.exists():
            out.rename(journal.retired)
        checkpoint("install")
        journal.staging.rename(out)
        _sync_directory(out.parent)
    except BaseException as error:  # an OSError, or Ctrl-C: put things back as they were
        left = _undo(journal)
        if not isinstance(error, OSError):
            raise
        message = f"could not write the output: {error.strerror or error}"
        if left:
            message += f"; {left}"
        raise SpecgenError.at(message, file=str(out)) from None
    try:
        checkpoint("clean")
        if journal.retired.exists():
            _remove_tree(journal.retired)
        checkpoint("close")
        journal_path(out).unlink()
        _sync_directory(out.parent)
    except OSError as error:
        return [
            f"warning: {out} is written, but {journal.retired.name} is left beside it ({error.strerror or error}); "
            "the next specgen generate removes it"
        ]
    return []


def recover(out: Path) -> list[str]:
    """Finish or undo a swap that a crash interrupted, under the lock; a note says what was done."""
    path = journal_path(out)
    path.with_name(path.name + ".tmp").unlink(missing_ok=True)
    if not path.exists():
        return []
    journal = _read_journal(out)
    done = []
    if not journal.sealed:
        if journal.staging.exists():
            _remove_tree(journal.staging)
        done.append(f"it had not finished writing its new tree; {out.name} is as it was")
    elif journal.staging.exists() and out.exists():
        _remove_tree(journal.staging)
        done.append(f"it had not swapped its new tree in yet; {out.name} is as it was")
    elif journal.staging.exists():
        journal.staging.rename(out)
        done.append(f"finished its swap: {out.name} holds the tree it wrote")
    elif not out.exists() and journal.retired.exists():
        journal.retired.rename(out)
        done.append(f"put the old tree back as {out.name}")
    if journal.retired.exists():
        _remove_tree(journal.retired)
        done.append(f"removed the old tree it had set aside ({journal.retired.name})")
    path.unlink()
    _sync_directory(out.parent)
    summary = "; ".join(done) or "its swap was complete, only its journal was left"
    return [f"recovered an interrupted specgen generate of {out}: {summary}"]


def pending(out: Path) -> bool:
    """Whether an interrupted swap of `out` waits for the next generate."""
    return journal_path(out).exists()


def _undo(journal: Journal) -> str:
    """Put the old tree back and remove the new; what could not be undone is left to `recover`."""
    try:
        if journal.staging.exists():
            _remove_tree(journal.staging)
        if not journal.out.exists() and journal.retired.exists():
            journal.retired.rename(journal.out)
        journal_path(journal.out).unlink(missing_ok=True)
        journal_path(journal.out).with_name(journal_path(journal.out).name + ".tmp").unlink(missing_ok=True)
    except OSError as error:
        return f"undoing it failed too ({error.strerror or error}); the next specgen generate finishes undoing it"
    return ""


def _write_journal(journal: Journal) -> None:
    """Replace the journal in one rename, synced: after a crash it is the old record or the new."""
    path = journal_path(journal.out)
    record = {
        "format": _FORMAT,
        "out": journal.out.name,
        "staging": journal.staging.name,
        "retired": journal.retired.name,
        "sealed": journal.sealed,
    }
    temporary = path.with_name(path.name + ".tmp")
    with open(temporary, "w", encoding="utf-8") as stream:
        stream.write(json.dumps(record) + "\n")
        stream.flush()
        os.fsync(stream.fileno())
    temporary.replace(path)
    _sync_directory(path.parent)


def _read_journal(out: Path) -> Journal:
    """The journal beside `out`, checked: it may only name `out`'s own staging and retired trees."""
    path = journal_path(out)
    try:
        record = jsontext.read(path.read_bytes())
    except (OSError, jsontext.JsonTextError) as error:
        raise _unreadable(path, str(error)) from None
    names = re.escape(out.name)
    if not (
        isinstance(record, dict)
        and record.get("format") == _FORMAT
        and record.get("out") == out.name
        and isinstance(record.get("sealed"), bool)
        and re.fullmatch(rf"\.{names}\.new-[0-9a-f]{{8}}", str(record.get("staging")))
        and re.fullmatch(rf"\.{names}\.old-[0-9a-f]{{8}}", str(record.get("retired")))
    ):
        raise _unreadable(path, "it is not a journal this specgen writes")
    return Journal(out, out.parent / record["staging"], out.parent / record["retired"], record["sealed"])


def _unreadable(path: Path, reason: str) -> SpecgenError:
    return SpecgenError.at(
        f"cannot recover the interrupted generate this journal records ({reason}); "
        "look at the directories beside it, and remove it once no specgen runs",
        file=str(path),
    )


def _remove_tree(path: Path) -> None:
    """Remove a tree specgen wrote, even one made read-only: each directory is made writable first."""
    _make_writable(path)
    for top, directories, _ in os.walk(path):
        for name in directories:
            _make_writable(Path(top, name))
    shutil.rmtree(path)


def _make_writable(path: Path) -> None:
    mode = os.lstat(path).st_mode
    if stat.S_ISDIR(mode) and mode & stat.S_IRWXU != stat.S_IRWXU:
        os.chmod(path, mode | stat.S_IRWXU)


def _sync_tree(root: Path) -> None:
    """Flush the new tree's files and directories to disk before it is swapped in."""
    for top, _, names in os.walk(root):
        for name in names:
            descriptor = os.open(Path(top, name), os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        _sync_directory(Path(top))


def _sync_directory(path: Path) -> None:
    if sys.platform == "win32":  # directories cannot be opened, nor synced, there
        return
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
