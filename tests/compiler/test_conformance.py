"""Every claimed keyword passes the official JSON Schema 2020-12 suite, case for case."""

from __future__ import annotations

import pytest

from tests.conformance import CLAIMED, NOT_CLAIMED, SUITE, run_file


@pytest.mark.parametrize("name", CLAIMED)
def test_claimed_file_passes_every_case(name: str) -> None:
    result = run_file(name)
    assert result.failed == [], "\n".join(result.failed)
    assert result.passed > 0


def test_every_suite_file_is_either_claimed_or_listed_with_a_reason() -> None:
    core = {p.stem for p in SUITE.glob("*.json")}
    assert core <= set(CLAIMED) | set(NOT_CLAIMED), core - set(CLAIMED) - set(NOT_CLAIMED)


def test_skips_in_claimed_files_are_only_for_unclaimed_features() -> None:
    allowed = ("not supported", "only local references", "does not resolve")
    for name in CLAIMED:
        for group, reason in run_file(name).skipped.items():
            assert any(phrase in reason for phrase in allowed), f"{name}: {group}: {reason}"


def test_the_readme_shows_the_current_table() -> None:
    from tests.conformance import table
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    shown = readme.split("<!-- conformance:start -->\n", 1)[1].split("\n<!-- conformance:end -->", 1)[0]
    assert shown == table(), "update the README: .venv/bin/python -m tests.conformance"
