"""The committed generated/ is exactly what the committed spec/ and templates render to."""

from __future__ import annotations

from generator.core.write import compare
from generator.render import render_all
from generator.spec import project
from tests.conftest import ROOT


def test_generated_is_in_sync_with_spec() -> None:
    out = ROOT / "generated"
    files = render_all(project.load_specs(sorted((ROOT / "spec").glob("*.schema.json")), ROOT))
    drift = compare(out, files)
    assert not drift, "generated/ is out of date; run `make generate`\n" + "".join(drift.diff)[:4000]


def test_the_generated_package_imports_by_its_name() -> None:
    import zai_glm_4_7

    assert zai_glm_4_7.MODEL_ID == "zai-glm-4-7"
    assert zai_glm_4_7.is_valid_message({"role": "user", "content": "hi"})
