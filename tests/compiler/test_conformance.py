"""The official JSON Schema suite, every draft: every required case and every claimed optional one."""

from __future__ import annotations

import pytest

from tests.conformance import DRAFTS, NOT_CLAIMED, claimed, run_file, suite_files, table

CASES = [(draft, name) for draft in DRAFTS for name in claimed(draft)]


@pytest.mark.parametrize(("draft", "name"), CASES, ids=[f"{d}/{n}" for d, n in CASES])
def test_claimed_file_passes_every_case(draft: str, name: str) -> None:
    result = run_file(draft, name)
    assert result.refused == {}, result.refused
    assert result.failed == [], "\n".join(result.failed)
    assert result.passed > 0


@pytest.mark.parametrize("draft", DRAFTS)
def test_every_required_file_is_claimed(draft: str) -> None:
    required = [name for name in suite_files(draft) if not name.startswith("optional/")]
    assert required, "the suite's folder is missing"
    assert set(required) <= set(claimed(draft))


def test_unclaimed_files_exist_somewhere() -> None:
    everywhere = {name for draft in DRAFTS for name in suite_files(draft)}
    assert set(NOT_CLAIMED) <= everywhere, set(NOT_CLAIMED) - everywhere


def test_the_readme_shows_the_current_table() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text()
    shown = readme.split("<!-- conformance:start -->\n", 1)[1].split("\n<!-- conformance:end -->", 1)[0]
    assert shown == table(), "update the README: .venv/bin/python -m tests.conformance"
