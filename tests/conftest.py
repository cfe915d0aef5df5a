"""Shared fixtures and the Hypothesis profiles (`dev` by default, `ci` for more examples)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, settings

from generator.spec.build import build
from generator.spec.load import load_spec
from generator.spec.model import Spec
from generator.tools.serve.server import RunwareHTTPServer
from tests.benchmarks import compiled

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "zai-glm-4-7.schema.json"


def _shared() -> Path:
    """The team's shared folder (seed page, reference, JSON Schema test suite): $SPECGEN_SHARED,
    or the nearest `shared/` beside the checkout or one of its parents."""
    if os.environ.get("SPECGEN_SHARED"):
        return Path(os.environ["SPECGEN_SHARED"])
    for ancestor in ROOT.parents:
        if (ancestor / "shared" / "seed").is_dir():
            return ancestor / "shared"
    raise RuntimeError(f"no shared/ folder beside {ROOT} or its parents; set SPECGEN_SHARED to its path")


SHARED = _shared()

settings.register_profile("dev", max_examples=60, deadline=None)
# CI explores more, and the same examples on every run: a red build is one anyone can reproduce
settings.register_profile(
    "ci", max_examples=250, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session", params=["pure", "compiled"])
def generated(request: pytest.FixtureRequest) -> ModuleType:
    """The GLM-4.7 validators module as generated, and the same source compiled with mypyc: the
    tests that take it run on both (the compiled one is a visible skip without a C compiler)."""
    if request.param == "pure":
        import zai_glm_4_7.validators

        return zai_glm_4_7.validators
    reason = compiled.no_compiler_reason()
    if reason is not None:
        pytest.skip(reason)
    module = compiled.compiled_validators()
    assert module is not None
    return module


@pytest.fixture(scope="session")
def spec() -> Spec:
    return build(load_spec(SPEC, "spec/zai-glm-4-7.schema.json"))


@pytest.fixture
def server(spec: Spec) -> Iterator[RunwareHTTPServer]:
    """`specgen serve`'s server for the GLM-4.7 spec, on a free loopback port."""
    running = RunwareHTTPServer(spec)
    running.start()
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture
def served() -> Iterator[str]:
    """`specgen serve` in a process of its own, as an application would meet it: its base URL."""
    specgen = [sys.executable, "-m", "generator", "serve", "--port", "0"]
    process = subprocess.Popen(specgen, cwd=ROOT, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    line = process.stderr.readline()
    match = re.search(r"on (http://\S+)", line)
    assert match, f"serve said: {line!r}"
    yield match.group(1)
    process.terminate()
    process.wait(timeout=10)
