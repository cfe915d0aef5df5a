"""Many models: a second, different spec (a fictional text model, imported from an OpenAPI
document) goes through generate, check, lint, validate, diff and the client beside GLM-4.7,
with nothing in the generator special to either."""

from __future__ import annotations

import copy
import importlib
import json
import shutil
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.spec.project import load_specs
from generator.tools.importer.openapi import import_openapi
from generator.tools.serve.server import RunwareHTTPServer
from tests.conftest import ROOT, SPEC
from tests.helpers import run

OPENAPI = ROOT / "tests" / "data" / "acme-lumen-2.openapi.json"
TASK = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "acme-lumen-2",
    "messages": [{"role": "system", "content": "Be brief."}],
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("project")
    (root / "spec").mkdir()
    shutil.copy(SPEC, root / "spec")
    acme = import_openapi(json.loads(OPENAPI.read_text()), "acme-lumen-2").document
    (root / "spec" / "acme-lumen-2.schema.json").write_text(json.dumps(acme, indent=2))
    specs = sorted((root / "spec").glob("*.schema.json"))
    assert run("generate", *specs, "--out", root / "generated").exit_code == 0
    sys.path.insert(0, str(root / "generated"))
    yield root
    sys.path.remove(str(root / "generated"))


def specs(project: Path) -> list[Path]:
    return sorted((project / "spec").glob("*.schema.json"))


def test_each_spec_gets_its_own_package_and_page_and_an_index(project: Path) -> None:
    generated = project / "generated"
    assert (generated / "acme_lumen_2" / "client.py").is_file() and (generated / "zai_glm_4_7" / "client.py").is_file()
    assert (generated / "docs" / "acme-lumen-2.html").is_file() and (generated / "docs" / "index.md").is_file()
    manifest = json.loads((generated / "MANIFEST.json").read_text())
    assert [entry["package"] for entry in manifest["specs"]] == ["acme_lumen_2", "zai_glm_4_7"]


def test_check_and_lint_cover_both(project: Path) -> None:
    assert run("check", *specs(project), "--out", project / "generated").exit_code == 0
    assert run("lint", *specs(project)).exit_code == 0


def test_validate_uses_the_named_spec(project: Path, tmp_path: Path) -> None:
    payload = tmp_path / "task.json"
    payload.write_text(json.dumps(TASK))
    acme = project / "spec" / "acme-lumen-2.schema.json"
    assert run("validate", payload, "--spec", acme).output.startswith("1 valid, 0 invalid")
    result = run("validate", payload, "--spec", SPEC)
    assert result.exit_code == 1 and "/model: 'acme-lumen-2' is not one of" in result.output


def test_diff_between_versions_of_the_second_spec(project: Path, tmp_path: Path) -> None:
    old = project / "spec" / "acme-lumen-2.schema.json"
    document = json.loads(old.read_text())
    changed = copy.deepcopy(document)
    changed["$defs"]["Settings"]["properties"]["maxTokens"]["maximum"] = 4096
    changed["$defs"]["Settings"]["properties"]["responseFormat"]["enum"].append("markdown")
    new = tmp_path / "acme-lumen-2.schema.json"
    new.write_text(json.dumps(changed))
    result = run("diff", old, new)
    assert result.exit_code == 1
    assert "Breaking for senders:\n  settings.maxTokens: maximum 8192 → 4096" in result.output
    assert "Non-breaking:\n  settings.responseFormat: ['markdown'] newly allowed" in result.output


def test_the_second_client_runs_against_its_own_server(project: Path) -> None:
    acme: Any = importlib.import_module("acme_lumen_2")
    spec = load_specs([project / "spec" / "acme-lumen-2.schema.json"])[0]
    server = RunwareHTTPServer(spec)
    server.start()
    try:
        client = acme.Client(api_key="k", base_url=server.url)
        result = client.text_inference(
            messages=[{"role": "user", "content": "Hi"}], temperature=0.35, response_format="json", max_tokens=10
        )
        assert result.text == "You said: Hi" and type(result).__module__ == "acme_lumen_2.models"
        chunks = list(client.text_inference_stream(messages=[{"role": "user", "content": "Hi"}]))
        assert chunks[-1].finish_reason == "stop"
        with pytest.raises(acme.InvalidPayloadError, match=r"0\.33 is not a multiple of 0\.05"):
            client.text_inference(messages=[{"role": "user", "content": "Hi"}], temperature=0.33)
        assert server.state.received[0]["settings"] == {"temperature": 0.35, "responseFormat": "json", "maxTokens": 10}
    finally:
        server.shutdown()
        server.server_close()


def test_the_second_package_is_a_distribution_of_its_own(project: Path, tmp_path: Path) -> None:
    from tests.packaging.test_distribution import build

    wheel, sdist = build(project / "generated" / "acme_lumen_2", tmp_path)
    with zipfile.ZipFile(wheel) as archive:
        packages = {name.split("/")[0] for name in archive.namelist() if ".dist-info/" not in name}
    assert packages == {"acme_lumen_2"} and sdist.name.startswith("acme_lumen_2-")
