"""Spec names that Python, the client or the package's neighbours already use: a parameter called
`locals`, `str`, `isinstance`, `self`, `timeout` or `class`, a model id such as `json`. The generated
package imports under a name nothing shadows, and every call still works."""

from __future__ import annotations

import copy
import importlib
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.render.client import view as client_view
from generator.spec.project import load_specs
from generator.tools.serve.server import RunwareHTTPServer
from tests.conftest import SPEC
from tests.helpers import run

NAMES = [
    "locals",
    "str",
    "isinstance",
    "self",
    "timeout",
    "class",
    "json",
    "uuid",
    "httpx",
    "_task",
    "max_retries",
    "task",
    "response",
]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, Path]]:
    root = tmp_path_factory.mktemp("reserved")
    document: dict[str, Any] = json.loads(SPEC.read_text())
    document = copy.deepcopy(document)
    document["x-runware"]["modelId"] = "json"
    for name in NAMES:
        document["properties"][name] = {
            "type": "integer",
            "description": f"A parameter called {name}.",
            "x-group": "core",
        }
        document["$defs"]["Settings"]["properties"][name] = {
            "type": "string",
            "description": f"A setting called {name}.",
        }
    spec_path = root / "json.schema.json"
    spec_path.write_text(json.dumps(document))
    assert run("generate", spec_path, "--out", root / "generated").exit_code == 0
    sys.path.insert(0, str(root / "generated"))
    yield importlib.import_module("json_model"), spec_path
    sys.path.remove(str(root / "generated"))


def test_a_model_id_the_standard_library_uses_gets_a_package_of_its_own(package: tuple[Any, Path]) -> None:
    module, _ = package
    assert module.__name__ == "json_model" and importlib.import_module("json").__name__ == "json"
    assert module.MODEL_ID == "json"


def test_calls_work_whatever_the_parameters_are_called(package: tuple[Any, Path]) -> None:
    module, spec_path = package
    spec = load_specs([spec_path])[0]
    view = client_view(spec)
    assert view is not None
    by_path = {argument.path: argument.name for argument in view.arguments}
    arguments: dict[str, Any] = {by_path[name,]: 7 for name in NAMES}
    arguments.update({by_path["settings", name]: "s" for name in NAMES})
    assert {"locals", "str", "isinstance", "class_", "json"} <= set(arguments), "names are kept where they can be"
    server = RunwareHTTPServer(spec)
    server.start()
    try:
        with module.Client(api_key="k", base_url=server.url) as client:
            result = client.text_inference(messages=[{"role": "user", "content": "Hi"}], **arguments, timeout=5)
            assert result.text == "You said: Hi"
            with client.text_inference_stream(messages=[{"role": "user", "content": "Hi"}], **arguments) as stream:
                assert stream.final_text() == "You said: Hi"
        [task, streamed] = server.state.received
        assert {name: task[name] for name in NAMES} == dict.fromkeys(NAMES, 7)
        assert {name: streamed["settings"][name] for name in NAMES} == dict.fromkeys(NAMES, "s")
    finally:
        server.shutdown()
        server.server_close()


def test_the_package_passes_mypy_strict(package: tuple[Any, Path]) -> None:
    module, _ = package
    folder = Path(module.__file__).parent
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "-p", "json_model"]
    completed = subprocess.run(command, cwd=folder.parent, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout
