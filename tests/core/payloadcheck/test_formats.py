"""SARIF and JUnit reports: a SARIF log valid under the SARIF 2.1.0 schema (tests/data, from the
npm package @microsoft/jest-sarif 1.0.0-beta.0, MIT), JUnit XML that parses, one result per
error with its region."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
from click.testing import CliRunner

from generator.cli import main
from tests.conftest import ROOT, SPEC

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-2.1.0-rtm.5.json"
TASK = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
}
BAD = {**TASK, "messages": [], "settings": {"temperature": 3}}


def run(tmp_path: Path, output_format: str) -> tuple[int, str, Path, Path]:
    bad, broken = tmp_path / "bad.json", tmp_path / "broken.jsonl"
    bad.write_text(json.dumps(BAD, indent=2))
    broken.write_text(json.dumps(TASK) + "\n{oops\n")
    result = CliRunner().invoke(
        main, ["validate", str(bad), str(broken), "--spec", str(SPEC), "--format", output_format]
    )
    return result.exit_code, result.output, bad, broken


def test_sarif_is_valid_sarif_2_1_0_with_a_result_per_error(tmp_path: Path) -> None:
    code, output, bad, _broken = run(tmp_path, "sarif")
    log = json.loads(output)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    assert code == 2
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["minItems", "maximum", "unreadable"]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in results]
    lines = bad.read_text().splitlines()
    assert regions[0] == {"startLine": 5, "startColumn": lines[4].index("[") + 1}
    assert regions[1] == {"startLine": 7, "startColumn": lines[6].index("3") + 1}
    assert regions[2] == {"startLine": 2, "startColumn": 2}
    assert results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("broken.jsonl")


def test_junit_parses_with_a_case_per_document(tmp_path: Path) -> None:
    code, output, bad, broken = run(tmp_path, "junit")
    root = ElementTree.fromstring(output.encode())
    assert code == 2 and root.tag == "testsuites"
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("3", "1", "1")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {str(bad), str(broken)}
    (failed,) = suites[str(bad)].iter("testcase")
    failure = failed.find("failure")
    assert failure is not None and "/messages: [] should be non-empty" in (failure.text or "")
    assert [case.find("error") is not None for case in suites[str(broken)].iter("testcase")] == [False, True]
