"""Each generated package is a distribution of its own: its wheel, built from generated/ alone,
installs into a fresh virtual environment that has neither specgen nor its dependencies, gives
working validators without httpx or pydantic, and with them a client that talks to `specgen serve`."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import zai_glm_4_7.validators as pure

from generator import compiled_wheel
from generator.spec.project import load_specs
from tests.benchmarks import compiled, corpus
from tests.conftest import ROOT, SPEC

PACKAGE = ROOT / "generated" / "zai_glm_4_7"
EXAMPLE_APP = ROOT / "tests" / "example_app.py"  # every client feature, as an application uses it
# What specgen itself needs and a generated package must not: an application installs none of it.
GENERATOR_ONLY = {"click", "jinja2", "jsonschema", "datamodel-code-generator", "specgen"}


def build(project: Path, out: Path) -> tuple[Path, Path]:
    """`make dist`'s command for one package: its wheel and sdist."""
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(project)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    [wheel] = out.glob("*.whl")
    [sdist] = out.glob("*.tar.gz")
    return wheel, sdist


def pip(python: Path, *arguments: str) -> str:
    """This environment's pip, installing into another one."""
    command = [sys.executable, "-m", "pip", "--python", str(python), "--disable-pip-version-check", *arguments]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def run_python(python: Path, code: str, **environment: str) -> str:
    completed = subprocess.run(
        [str(python), "-c", code],
        capture_output=True,
        text=True,
        cwd=python.parent,  # not the checkout: nothing of it may be importable
        env={"PATH": os.environ.get("PATH", ""), **environment},
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return build(PACKAGE, tmp_path_factory.mktemp("dist"))


def new_venv(root: Path) -> Path:
    """A new virtual environment from the base interpreter: no specgen, no httpx, no pydantic."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(root)], check=True)
    return root / "bin" / "python"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield new_venv(tmp_path_factory.mktemp("venv"))


@pytest.fixture(scope="module")
def application(dist: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another project's environment: the wheel installed with its dependencies, nothing else."""
    python = new_venv(tmp_path_factory.mktemp("application"))
    pip(python, "install", "--quiet", str(dist[0]))
    return python


def test_the_distribution_is_named_and_versioned_by_the_spec(dist: tuple[Path, Path]) -> None:
    wheel, sdist = dist
    spec = load_specs([SPEC], ROOT)[0]
    project = tomllib.loads((PACKAGE / "pyproject.toml").read_text())["project"]
    assert (project["name"], project["version"]) == (spec.package.replace("_", "-"), spec.version)
    assert wheel.name == f"{spec.package}-{spec.version}-py3-none-any.whl" and sdist.name.startswith(spec.package)
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"{spec.package}-{spec.version}.dist-info/METADATA").decode()
    shipped = sorted(name for name in names if ".dist-info/" not in name)
    expected = sorted(
        f"{spec.package}/{p.relative_to(PACKAGE).as_posix()}"
        for p in PACKAGE.rglob("*")
        if p.is_file() and p.name not in ("pyproject.toml", "README.md") and "__pycache__" not in p.parts
    )
    assert shipped == expected, "the import package as generated (its spec and py.typed), nothing of the generator"
    requires = [line.split(": ", 1)[1] for line in metadata.splitlines() if line.startswith("Requires-Dist")]
    assert sorted(r.split(">")[0] for r in requires if "extra ==" not in r) == ["httpx", "pydantic"]
    assert [r.split(">")[0] for r in requires if "extra ==" in r] == ["websockets"], "only as the [websocket] extra"


def test_the_wheel_alone_gives_validators_that_import_nothing_else(dist: tuple[Path, Path], fresh: Path) -> None:
    pip(fresh, "install", "--no-index", "--no-deps", str(dist[0]))
    task = {
        "taskType": "textInference",
        "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
        "model": "zai-glm-4-7",
        "messages": [{"role": "user", "content": "Hi"}],
    }
    code = f"""
import importlib.util, json, sys
import zai_glm_4_7 as glm
task = json.loads({json.dumps(json.dumps(task))})
assert glm.is_valid_text_inference_task(task)
task["settings"] = {{"topK": 0}}
print(json.dumps([e.path for e in glm.validate_text_inference_task(task)]))
assert not {{"httpx", "pydantic"}} & set(sys.modules), "the validators imported a dependency"
assert importlib.util.find_spec("httpx") is None and importlib.util.find_spec("generator") is None
"""
    assert json.loads(run_python(fresh, code)) == ["/settings/topK"]


def test_with_its_dependencies_the_client_talks_to_specgen_serve(application: Path, served: str) -> None:
    frozen = pip(application, "freeze").splitlines()
    installed = {line.split("==")[0].split(" @ ")[0].lower().replace("_", "-") for line in frozen}
    assert {"httpx", "pydantic", "zai-glm-4-7"} <= installed and not installed & GENERATOR_ONLY
    code = """
import zai_glm_4_7 as glm
with glm.Client() as client:
    print(client.text_inference(messages=[{"role": "user", "content": "Hi"}]).text)
"""
    output = run_python(application, code, RUNWARE_API_KEY="k", RUNWARE_BASE_URL=served)
    assert output == "You said: Hi\n"


def test_an_application_using_every_feature_runs_on_the_installed_wheel(application: Path, served: str) -> None:
    completed = subprocess.run(
        [str(application), str(EXAMPLE_APP)],
        capture_output=True,
        text=True,
        cwd=application.parent,
        env={"PATH": os.environ.get("PATH", ""), "RUNWARE_API_KEY": "k", "RUNWARE_BASE_URL": served},
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    said = "You said: Hi"
    lines = dict(line.split(": ", 1) for line in completed.stdout.splitlines())
    assert lines["sync"].startswith(said) and lines["several"] == "2" and lines["settings"] == f"{said} 6"
    assert lines["raw"].startswith("200 application/json") and lines["raw"].endswith(said)
    assert lines["stream"].startswith(f"{said} True ") and lines["async delivery"] == said
    assert lines["invalid"] == "['/messages', '/settings/temperature']"
    assert lines["error"].startswith("404 ") and lines["error"].endswith(" True NotFoundError")
    assert lines["webhook"] == said and lines["asyncio"] == f"{said} {said} {said}"


def test_the_application_passes_mypy_strict_against_the_installed_wheel(application: Path) -> None:
    """Type-checked as its authors would: the package's own annotations (py.typed), from site-packages."""
    command = [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--python-executable", str(application)]
    completed = subprocess.run(
        [*command, str(EXAMPLE_APP)], cwd=application.parent, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_the_compiled_wheel_gives_the_same_validators_compiled(
    dist: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`make dist`'s second wheel: the extension loads in place of validators.py, and checks as it does."""
    reason = compiled.no_compiler_reason()
    if reason is not None:
        pytest.skip(reason)
    out = tmp_path_factory.mktemp("compiled")
    command = [sys.executable, "-m", "generator.compiled_wheel", str(PACKAGE), str(dist[0]), str(out)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    [wheel] = out.glob("*.whl")
    assert wheel.name == dist[0].name.replace("py3-none-any", compiled_wheel.platform_tag())
    python = new_venv(tmp_path_factory.mktemp("compiled-venv"))
    pip(python, "install", "--no-index", "--no-deps", str(wheel))
    payloads = [*corpus.small_valid(20), *(payload for _, payload in corpus.invalid(40))]
    (python.parent / "payloads.json").write_text(json.dumps(payloads))
    code = """
import json
import zai_glm_4_7.validators as validators
payloads = json.load(open("payloads.json"))
errors = [[e.as_dict() for e in validators.validate_text_inference_task(p)] for p in payloads]
print(json.dumps([validators.__file__, errors, [validators.is_valid_text_inference_task(p) for p in payloads]]))
"""
    where, errors, verdicts = json.loads(run_python(python, code))
    assert where.endswith(importlib.machinery.EXTENSION_SUFFIXES[0])
    assert errors == [[e.as_dict() for e in pure.validate_text_inference_task(p)] for p in payloads]
    assert verdicts == [pure.is_valid_text_inference_task(p) for p in payloads]
