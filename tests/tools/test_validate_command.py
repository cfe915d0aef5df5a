"""`specgen validate`: payload files, directories and stdin, the report formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import SPEC

AS_TASK = " (checked objects as TextInferenceTask; --def NAME to choose)"
TASK = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
}
BAD = {**TASK, "messages": [], "settings": {"temperature": 3}}


def column(path: Path, line: int, key: str) -> int:
    """The 1-based column where the value of `key` starts on `line` of the file: an expectation read
    from the file itself."""
    text = path.read_text().splitlines()[line - 1]
    return text.index(f'"{key}": ') + len(f'"{key}": ') + 1


def validate(*args: str | Path, stdin: str | bytes | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["validate", *map(str, args), "--spec", str(SPEC)], input=stdin, catch_exceptions=False
    )
    return result.exit_code, result.output


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    (tmp_path / "good.json").write_text(json.dumps(TASK, indent=2))
    (tmp_path / "bad.json").write_text(json.dumps(BAD, indent=2))
    (tmp_path / "many.jsonl").write_text(f"{json.dumps(TASK)}\n\n{json.dumps(BAD)}\n")
    (tmp_path / "notes.txt").write_text("not a payload")
    return tmp_path


def test_all_valid_exits_0(inputs: Path) -> None:
    assert validate(inputs / "good.json") == (0, f"1 valid, 0 invalid{AS_TASK}\n")


def test_text_report_names_file_line_pointer_and_message(inputs: Path) -> None:
    code, output = validate(inputs / "bad.json")
    assert code == 1
    assert output.splitlines() == [
        f"{inputs / 'bad.json'}:5:{column(inputs / 'bad.json', 5, 'messages')}: /messages: [] should be non-empty",
        f"{inputs / 'bad.json'}:7:{column(inputs / 'bad.json', 7, 'temperature')}: /settings/temperature:"
        " 3 is greater than the maximum of 2",
        f"0 valid, 1 invalid{AS_TASK}",
    ]


def test_json_lines_are_one_document_per_line(inputs: Path) -> None:
    code, output = validate(inputs / "many.jsonl")
    assert code == 1
    at = column(inputs / "many.jsonl", 3, "messages")
    assert output.splitlines()[0] == f"{inputs / 'many.jsonl'}:3:{at}: /messages: [] should be non-empty"
    assert output.splitlines()[-1] == f"1 valid, 1 invalid{AS_TASK}"


def test_directories_recurse_into_json_files_only(inputs: Path) -> None:
    code, output = validate(inputs)
    assert code == 1 and output.splitlines()[-1] == f"2 valid, 2 invalid{AS_TASK}"
    assert "notes.txt" not in output


def test_json_format_writes_one_object_per_document(inputs: Path) -> None:
    _, output = validate(inputs / "many.jsonl", "--format", "json")
    first, second = (json.loads(line) for line in output.splitlines())
    assert first == {
        "source": str(inputs / "many.jsonl"),
        "line": 1,
        "column": 1,
        "schema": "TextInferenceTask",
        "valid": True,
        "errors": [],
    }
    assert second["line"] == 3 and second["valid"] is False
    assert second["errors"][0] == {
        "path": "/messages",
        "schema_path": "/properties/messages/minItems",
        "keyword": "minItems",
        "message": "[] should be non-empty",
        "line": 3,
        "column": column(inputs / "many.jsonl", 3, "messages"),
    }


def test_github_format_writes_escaped_annotations(inputs: Path) -> None:
    weird = inputs / "a,b:c.json"
    weird.write_text(json.dumps({**TASK, "model": "x\ny%"}))
    _, output = validate(weird, "--format", "github")
    line = output.splitlines()[0]
    assert (
        line.startswith("::error file=")
        and f"a%2Cb%3Ac.json,line=1,col={column(weird, 1, 'model')},title=enum at /model::" in line
    )
    assert "'x\\ny%25'" in line, "the message's newline is shown as \\n by repr, and % is escaped"


def test_stdin_holds_one_document_or_json_lines() -> None:
    assert validate("-", stdin=json.dumps(TASK, indent=2)) == (0, f"1 valid, 0 invalid{AS_TASK}\n")
    code, output = validate("-", stdin=f"{json.dumps(TASK)}\n{json.dumps(BAD)}\n")
    at = len(json.dumps(TASK).split('"messages": ')[0] + '"messages": ') + 1
    assert code == 1 and output.startswith(f"-:2:{at}: /messages") and output.endswith(f"1 valid, 1 invalid{AS_TASK}\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b'{"taskType": }', ":1:14: not valid JSON: expecting a value"),
        (b'{"seed": NaN}', ":1:10: not valid JSON: NaN is not a JSON value"),
        (b'{"model": "\xff"}', ":1:12: not UTF-8: byte 0xff"),
        (b'{"model": "not-a-model", "model": "zai-glm-4-7"}', ":1:26: duplicate key 'model'"),
        (b'{"model": "\\ud800"}', ":1:11: a lone surrogate"),
        (b"", ":1:1: not valid JSON: the document is empty"),
        (b"{} {}", ":1:4: not valid JSON: extra data after the document"),
        (
            b'{"temperature": 1.' + b"0" * 5000 + b',\n "seed": ' + b"9" * 5000 + b"}",
            ":2:10: an integer of more digits than Python converts",
        ),
    ],
)
def test_unreadable_inputs_exit_2_and_the_rest_is_still_checked(inputs: Path, content: bytes, message: str) -> None:
    broken = inputs / "broken.json"
    broken.write_bytes(content)
    code, output = validate(broken, inputs / "good.json", inputs / "missing.json")
    assert code == 2
    assert f"{broken}{message}" in output
    assert f"{inputs / 'missing.json'}: no such file" in output
    assert output.splitlines()[-1] == f"1 valid, 0 invalid, 2 unreadable{AS_TASK}"


def test_a_bad_line_in_json_lines_does_not_stop_the_file(inputs: Path) -> None:
    lines = inputs / "mixed.jsonl"
    lines.write_bytes(json.dumps(TASK).encode() + b"\n{oops\n" + json.dumps(TASK).encode() + b"\n")
    code, output = validate(lines)
    assert (
        code == 2
        and f"{lines}:2:2: not valid JSON" in output
        and output.endswith(f"2 valid, 0 invalid, 1 unreadable{AS_TASK}\n")
    )


def test_def_selects_a_definition_and_the_shape_chooses_without_it(inputs: Path) -> None:
    body = inputs / "body.json"
    body.write_text(json.dumps([TASK, {"taskType": "getResponse", "taskUUID": TASK["taskUUID"]}]))
    assert validate(body, "--def", "RequestBody") == (0, "1 valid, 0 invalid\n")
    assert validate(body) == (0, "1 valid, 0 invalid (checked arrays as RequestBody; --def NAME to choose)\n")
    code, output = validate(body, "--def", "TextInferenceTask")
    assert code == 1 and "/: [{" in output and "is not of type 'object'" in output


def test_an_unknown_def_is_unusable_input(inputs: Path) -> None:
    code, output = validate(inputs / "good.json", "--def", "Nope")
    assert code == 2 and "--def Nope: no such definition" in output and "RequestBody" in output


def test_no_progress_bar_when_piped(inputs: Path) -> None:
    _, output = validate(inputs / "many.jsonl")
    assert "\r" not in output and "documents" not in output


def test_validation_never_shows_a_traceback(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    code, output = validate(deep)
    assert code == 2 and f"{deep}:1:2: nested too deeply to read (past Python's recursion limit)\n" in output


def test_a_terminal_gets_a_progress_bar() -> None:
    import io

    from generator.core.payloadcheck.inputs import Document
    from generator.core.payloadcheck.reports import TextReport
    from generator.core.payloadcheck.runner import Progress, Schemas, run

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal, out = Terminal(), io.StringIO()
    progress = Progress(terminal, total_bytes=1000 * 50)
    progress.started -= 1  # as if a second had passed, so the bar is due
    progress.shown -= 1
    items = [Document("big.jsonl", n, 1, TASK, lambda pointers: {}, 50) for n in range(1, 1001)]
    schemas = Schemas(__import__("zai_glm_4_7").VALIDATORS, "TextInferenceTask", forced="TextInferenceTask")
    counts = run(items, schemas, TextReport(out), progress)
    assert counts.valid == 1000
    assert "[" in terminal.getvalue() and "%" in terminal.getvalue() and "documents" in terminal.getvalue()
    assert terminal.getvalue().endswith("\r\033[K"), "the bar is cleared at the end"
    assert out.getvalue() == "1000 valid, 0 invalid\n"


def test_a_payload_too_deep_to_validate_is_reported_not_raised() -> None:
    import io

    from generator.core.payloadcheck.inputs import Document
    from generator.core.payloadcheck.reports import TextReport
    from generator.core.payloadcheck.runner import Schemas, run

    class Bottomless:
        """A validator that recurses past Python's limit, as a deep payload of a recursive schema can."""

        def is_valid(self, value: object) -> bool:
            raise RecursionError

        def validate(self, value: object) -> list[object]:
            raise RecursionError

    out = io.StringIO()
    counts = run(
        [Document("deep.json", 1, 1, {}, lambda pointers: {})],
        Schemas({"T": Bottomless()}, "T", forced="T"),
        TextReport(out),
    )
    assert counts.unreadable == 1
    assert out.getvalue() == "deep.json:1:1: nested too deeply to validate\n0 valid, 0 invalid, 1 unreadable\n"


def test_validate_imports_only_what_it_needs(inputs: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    probe = (
        "import sys, runpy; sys.argv = ['specgen', 'validate', *sys.argv[1:]]\n"
        "try:\n    runpy.run_module('generator', run_name='__main__')\n"
        "except SystemExit as done:\n    code = done.code\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'jinja2', 'jsonschema', 'pydantic', 'httpx'})\n"
        "tools = sorted(m for m in sys.modules if m.startswith(('generator.tools.serve', 'generator.tools.diff',"
        " 'generator.render', 'generator.compiler', 'generator.spec.load')))\n"
        "print(code, heavy, tools)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, str(inputs / "good.json"), "--spec", str(SPEC)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.splitlines()[-1] == "0 [] []"


def test_decimals_are_judged_exactly_by_the_generated_validators() -> None:
    from decimal import Decimal

    import zai_glm_4_7

    settings = zai_glm_4_7.VALIDATORS["Settings"]
    assert settings.is_valid({"temperature": Decimal("0.29"), "maxTokens": Decimal("4E+1")})
    assert not settings.is_valid({"temperature": Decimal("0.290000000000000000001")})
    assert not settings.is_valid({"temperature": Decimal("1E+400")})
    assert not settings.is_valid({"maxTokens": Decimal("40.5")})
    assert not settings.is_valid({"temperature": Decimal("NaN")})
    assert [e.keyword for e in settings.validate({"temperature": Decimal("1E-400")})] == ["multipleOf"]
