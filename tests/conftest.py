"""Shared fixtures and the Hypothesis profiles (`dev` by default, `ci` for more examples)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from generator.build import build
from generator.load import load_spec
from generator.model import Spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "spec" / "zai-glm-4-7.schema.json"
SHARED = ROOT.parent / "shared"

settings.register_profile("dev", max_examples=60, deadline=None)
settings.register_profile("ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def spec() -> Spec:
    return build(load_spec(SPEC, "spec/zai-glm-4-7.schema.json"))
