"""The `specgen` command line: parse options, call the tools, print, exit with a documented code.

Exit codes: 0 all fine; 1 problems found (drift, lint problems, invalid payloads); 2 an input
could not be used (missing file, malformed JSON, an invalid schema); 3 an internal error.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
import types
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import ParamSpec, TypeVar

import click

from generator import __version__
from generator.core.errors import ExitCode, SpecgenError

# Each command imports what it uses when it runs: `validate` in a pre-commit hook must not pay for
# jinja, jsonschema, the server or the diff.
OUT_DIR = Path("generated")  # as generator.spec.project.OUT_DIR


def _serve_timeouts() -> types.ModuleType:
    """serve's default timeouts, read only when its options are: other commands never import it."""
    from generator.tools.serve import timeouts

    return timeouts


P = ParamSpec("P")
R = TypeVar("R")


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn SpecgenError into its message and exit code; never show a traceback for bad input."""

    @wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except SpecgenError as error:
            for problem in error.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(int(error.exit_code))
        except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException):
            raise
        except Exception as error:  # a bug in specgen: say so plainly, traceback on request
            if os.environ.get("SPECGEN_DEBUG"):
                traceback.print_exc()
            click.echo(f"internal error: {type(error).__name__}: {error} (set SPECGEN_DEBUG=1 for details)", err=True)
            sys.exit(ExitCode.INTERNAL)

    return wrapper


out_option = click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    default=OUT_DIR,
    show_default=True,
    help="The directory the generated files live in.",
)
specs_argument = click.argument("specs", nargs=-1, metavar="[SPEC]...")
ref_dirs_option = click.option(
    "--ref-dir",
    "ref_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A folder whose files a $ref may read, besides the spec's own folder (repeatable); never the network.",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="specgen")
def main() -> None:
    """Generate validators, typed clients and reference docs from JSON Schema specs.

    Exit codes: 0 fine, 1 problems found, 2 unusable input, 3 internal error.
    """


@main.command()
@specs_argument
@out_option
@ref_dirs_option
@reports_errors
def generate(specs: Sequence[str], out: Path, ref_dirs: tuple[Path, ...]) -> None:
    """Render SPECs (default: every spec/*.schema.json) into OUT, replacing it atomically.

    OUT ends up holding exactly the files of the given specs: files nothing renders any more
    are removed. OUT must be new, empty, or written by specgen with nothing added (its
    MANIFEST.json lists every file); anything else is refused with exit 2 and left untouched.
    """
    from generator.core.write import claimed, compare
    from generator.render import render_all
    from generator.spec import project

    with claimed(out) as claim:
        for note in claim.notes:
            click.echo(note, err=True)
        files = render_all(project.load_specs(project.spec_paths(specs), project.project_root(out), ref_dirs))
        drift = compare(out, files)
        if not drift:
            click.echo(f"{out}: up to date ({len(files)} files)")
            return
        for warning in claim.replace(files):
            click.echo(warning, err=True)
    counts = f"{len(drift.changed)} changed, {len(drift.missing)} added, {len(drift.orphaned)} removed"
    click.echo(f"{out}: wrote {len(files)} files ({counts})")


@main.command()
@specs_argument
@out_option
@ref_dirs_option
@reports_errors
def check(specs: Sequence[str], out: Path, ref_dirs: tuple[Path, ...]) -> None:
    """Exit 1 if OUT differs from what SPECs render to (changed, missing or orphaned files)."""
    from generator.core import manifest, swap
    from generator.core.write import compare
    from generator.render import render_all
    from generator.spec import project

    if swap.pending(out.resolve()):
        click.echo(
            f"{out}: an interrupted specgen generate left it half-swapped; the next generate finishes it", err=True
        )
    manifest.read_owned(out, purpose="check")  # a directory specgen did not write is refused at once, unwalked
    files = render_all(project.load_specs(project.spec_paths(specs), project.project_root(out), ref_dirs))
    drift = compare(out, files)
    if not drift:
        click.echo(f"{out}: in sync with {len(specs) or 'all'} spec(s)")
        return
    click.echo("".join(drift.diff), nl=False)
    for label, paths in (("changed", drift.changed), ("missing", drift.missing), ("orphaned", drift.orphaned)):
        for path in paths:
            click.echo(f"{label}: {out / path}", err=True)
    fix = "specgen generate" + "".join(f" {s}" for s in specs) + ("" if out == project.OUT_DIR else f" --out {out}")
    click.echo(f"{out} is out of date with its specs or templates; run: {fix}", err=True)
    sys.exit(ExitCode.PROBLEMS)


@main.command(name="lint")
@specs_argument
@ref_dirs_option
@reports_errors
def lint_command(specs: Sequence[str], ref_dirs: tuple[Path, ...]) -> None:
    """Report spec problems with their place: defaults that break their own schema, parameters
    without descriptions, contradictory bounds, keywords the validator compiler cannot compile."""
    from generator.spec import project
    from generator.tools.lint.linter import lint

    loaded = project.load_specs(project.spec_paths(specs), ref_dirs=ref_dirs)
    problems = [problem for spec in loaded for problem in lint(spec.source)]
    for problem in problems:
        click.echo(str(problem))
    if problems:
        click.echo(f"{len(problems)} problem(s)", err=True)
        sys.exit(ExitCode.PROBLEMS)
    click.echo(f"{len(loaded)} spec(s): no problems")


FORMATS = ("text", "json", "github", "sarif", "junit")  # as generator.core.payloadcheck.reports.FORMATS


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--spec", "spec_path", metavar="SPEC", help="The spec to validate against (default: the only one in spec/)."
)
@click.option(
    "--def",
    "definition",
    metavar="NAME",
    help="A $defs entry to check every document against, such as RequestBody (default: by its shape, see below).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: file:line:column: /pointer: message; json: one object per document; github: annotations; "
    "sarif: a SARIF 2.1.0 log; junit: JUnit XML.",
)
@click.option("--exclude", "excludes", multiple=True, metavar="GLOB", help="Leave matching files out. Repeatable.")
@click.option(
    "--wait", default=5.0, show_default=True, metavar="SECONDS", help="How long a FIFO may go without a writer."
)
@out_option
@reports_errors
def validate(
    paths: Sequence[str],
    spec_path: str | None,
    definition: str | None,
    output_format: str,
    excludes: Sequence[str],
    wait: float,
    out: Path,
) -> None:
    """Check payload documents: files, directories (their *.json, *.jsonl, *.ndjson), globs, or - for stdin.

    A .jsonl/.ndjson file holds one document per line; stdin is JSON Lines when its first line is a
    whole document. An array is checked as the request body, anything else as the task, unless
    --def names a schema. Exit 0 when every document is valid, 1 when any is invalid, 2 when an
    input cannot be read or parsed (the others are still checked).
    """
    from generator.core.payloadcheck import command
    from generator.spec import project
    from generator.tools.validate.run import schemas_for

    chosen = schemas_for(project.only_spec(spec_path), definition, out)
    sys.exit(command.validate(paths, chosen, output_format, excludes, wait))


LOOPBACK = ("127.0.0.1", "localhost", "::1")


@main.command()
@click.option("--spec", "spec_path", metavar="SPEC", help="The spec to serve (default: the only one in spec/).")
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="A loopback address: the server has no real authentication."
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option(
    "--fault",
    "faults",
    multiple=True,
    metavar="FAULT",
    help=(
        "Queue a fault for the next request: STATUS[:retry-after=S,parameter=P,code=C] (400-599), slow:SECONDS, "
        "drop:FRAMES, stream-error:FRAMES, async-error[:code=C]. Repeatable."
    ),
)
@click.option(
    "--polls",
    default=1,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many getResponse polls answer 'processing' before 'success'.",
)
@click.option(
    "--api-key",
    envvar="SPECGEN_SERVE_API_KEY",
    metavar="KEY",
    help="The only API key accepted (401 invalidApiKey for any other); default: any non-empty key.",
)
@click.option(
    "--idle-timeout",
    default=lambda: _serve_timeouts().HTTP_IDLE_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds a keep-alive HTTP connection may wait for its next request.",
)
@click.option(
    "--header-timeout",
    default=lambda: _serve_timeouts().HEADER_TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    help="Seconds from a request's first byte to the end of its headers (and for a WebSocket to authenticate).",
)
@click.option("--verbose", is_flag=True, help="Log every request.")
@reports_errors
def serve(
    spec_path: str | None,
    host: str,
    port: int,
    faults: Sequence[str],
    polls: int,
    api_key: str | None,
    idle_timeout: float,
    header_timeout: float,
    verbose: bool,
) -> None:
    """Run a Runware-compatible server for the spec on loopback, to develop and test without an API key.

    It speaks Runware's REST and WebSocket protocols on one port (POST task arrays to /, or open
    ws://HOST:PORT/), validates each task with the compiled validator and answers as Runware does:
    sync results, async acknowledgements and getResponse polls, SSE streams, webhooks to loopback
    URLs, and errors in Runware's vocabulary. Faults can also be queued by POSTing a JSON array to
    /_specgen/faults.
    """
    from generator.spec import project
    from generator.tools.serve.server import Fault, RunwareHTTPServer

    if host not in LOOPBACK and not host.startswith("127."):
        raise SpecgenError.at(f"--host {host}: serve binds loopback addresses only ({', '.join(LOOPBACK)})")
    try:
        queued = [Fault.parse(text) for text in faults]
    except ValueError as error:
        raise SpecgenError.at(f"--fault: {error}") from None
    spec = project.load_specs([project.only_spec(spec_path)])[0]
    try:
        server = RunwareHTTPServer(
            spec, host, port, verbose, api_key=api_key, idle_timeout=idle_timeout, header_timeout=header_timeout
        )
    except OSError as error:
        raise SpecgenError.at(f"cannot listen on {host}:{port}: {error.strerror}") from None
    server.inject(*queued)
    server.state.polls_until_done = polls
    click.echo(f"serving {spec.model_id} on {server.url} and {server.websocket_url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


@main.command(name="diff")
@click.argument("old", metavar="OLD", required=False)
@click.argument("new", metavar="NEW", required=False)
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True
)
@click.option(
    "--fail-on",
    type=click.Choice(["breaking", "unknown", "any", "none"]),
    default="breaking",
    show_default=True,
    help="Which changes make the exit code 1 (unknown: breaking or unsettled ones).",
)
@click.option(
    "--assume-closed",
    is_flag=True,
    help="Hold that nobody sends properties an open object does not declare: a new typed property is then not breaking.",
)
@click.option("--history", "history_of", metavar="PATH", help="A changelog of PATH across its git history instead.")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True, help="Commits --history reads.")
@reports_errors
def diff_command(
    old: str | None,
    new: str | None,
    output_format: str,
    fail_on: str,
    assume_closed: bool,
    history_of: str | None,
    limit: int,
) -> None:
    """List how the spec NEW differs from OLD, and whom each change breaks.

    OLD and NEW are files (any JSON Schema dialect from draft-04 to 2020-12), or git:REV:path to
    read one from history (git:HEAD~1:spec/x.schema.json). Breaking for senders: a request valid
    before is invalid now. Breaking for readers: a response valid now was invalid before. Each
    breaking change comes with a payload that shows it; each non-breaking one says whether it is
    proved or only searched; what neither settles is listed as unknown.
    """
    from generator.spec.load import SpecSource
    from generator.tools import diff
    from generator.tools.diff import history as diff_history
    from generator.tools.diff import report as diff_report
    from generator.tools.diff import sources

    def compare_specs(before: SpecSource, after: SpecSource) -> list[diff.Change]:
        return diff.diff(before, after, assume_closed=assume_closed)

    if history_of is not None:
        if old is not None or new is not None:
            raise SpecgenError.at("give either OLD and NEW, or --history PATH, not both")
        entries = diff_history.history(history_of, limit, compare_specs)
        click.echo(diff_history.render(entries, output_format), nl=False)
        changes = [c for e in entries for c in (e.changes or [])]
    else:
        if old is None or new is None:
            raise SpecgenError.at("give OLD and NEW (files or git:REV:path), or --history PATH")
        changes = compare_specs(sources.read_spec(old), sources.read_spec(new))
        click.echo(diff_report.FORMATS[output_format](changes, old, new), nl=False)
    failing = {
        "breaking": [c for c in changes if c.kind == diff.BREAKING],
        "unknown": [c for c in changes if c.kind in (diff.BREAKING, diff.UNKNOWN)],
        "any": list(changes),
        "none": [],
    }[fail_on]
    sys.exit(ExitCode.PROBLEMS if failing else ExitCode.OK)


@main.command(name="changelog")
@click.argument("spec_path", metavar="SPEC", required=False)
@click.option(
    "--format", "output_format", type=click.Choice(["markdown", "html"]), default="markdown", show_default=True
)
@click.option(
    "--limit", type=click.IntRange(1, 1000), default=50, show_default=True, help="Commits read, newest first."
)
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), help="Write it here instead of printing it.")
@reports_errors
def changelog_command(spec_path: str | None, output_format: str, limit: int, out: Path | None) -> None:
    """The changelog page of SPEC: each commit that changed it, diffed with the version before.

    The same history as `specgen diff --history`, as a page to publish beside the reference docs.
    SPEC defaults to the only spec in spec/.
    """
    from generator.render import changelog
    from generator.spec import project
    from generator.tools.diff import diff
    from generator.tools.diff import history as diff_history
    from generator.tools.diff import report as diff_report

    path = project.only_spec(spec_path)
    entries = diff_history.history(path.as_posix(), limit, diff)
    views = [
        changelog.RevisionView(
            commit=entry.version.commit[:12],
            date=entry.version.date,
            subject=entry.version.subject,
            sections=tuple(
                (title, tuple((diff_report.where(c), c.message) for c in entry.changes if test(c)))
                for title, test in diff_report.SECTIONS
                if any(test(c) for c in entry.changes)
            )
            if entry.changes
            else (),
            summary=entry.problem if entry.changes is None else diff_report.summary(entry.changes),
            first=entry.before is None,
        )
        for entry in entries
    ]
    text = changelog.render(project.load_specs([path])[0].name, path.as_posix(), views, output_format)
    if out is None:
        click.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"changelog: {len(views)} revision(s) written to {out}", err=True)


def _check_model_id(context: click.Context, parameter: click.Parameter, value: str) -> str:
    from generator.spec import build

    if not build.is_model_id(value):
        raise click.BadParameter(f"{value!r} must be {build.MODEL_ID_RULE}")
    return value


@main.command(name="import")
@click.argument("openapi_file", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--model",
    "model_id",
    required=True,
    callback=_check_model_id,
    help="The model id, such as acme-lumen-2: it names the spec, package and docs.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Where to write the spec (default: spec/<model>.schema.json).",
)
@click.option("--force", is_flag=True, help="Replace the spec if it exists.")
@reports_errors
def import_command(openapi_file: Path, model_id: str, out: Path | None, force: bool) -> None:
    """Turn one of Runware's per-model OpenAPI documents (JSON or YAML) into a spec, and report what it could not carry."""
    from generator.core.write import write_file
    from generator.spec import build, project
    from generator.spec.load import parse_spec
    from generator.tools.importer import openapi as importer
    from generator.tools.lint.linter import lint

    target = out or project.SPEC_DIR / f"{model_id}{project.SPEC_GLOB.removeprefix('*')}"
    if target.exists() and not force:
        raise SpecgenError.at("exists already: use --force to replace it", file=str(target))
    imported = importer.import_openapi(importer.read_openapi(openapi_file), model_id, str(openapi_file))
    text = json.dumps(imported.document, indent=2, ensure_ascii=False) + "\n"
    source = parse_spec(text, str(target))
    build.build(source)  # the spec must load and build before anything is written
    write_file(target, text)
    for note in imported.notes:
        click.echo(f"note: {note}")
    problems = lint(source)
    for problem in problems:
        click.echo(f"lint: {problem}")
    click.echo(f"wrote {target} ({len(imported.notes)} note(s), {len(problems)} lint problem(s))")
