"""What every renderer of one spec shares, built once: the compiled validators and the client view."""

from __future__ import annotations

from dataclasses import dataclass

from generator.compiler.module import ValidatorModule
from generator.compiler.source import compile_spec
from generator.render import client
from generator.spec.model import Spec


@dataclass(frozen=True)
class Plan:
    spec: Spec
    validators: ValidatorModule
    client: client.ClientView | None  # None when the spec describes no Runware task


def plan(spec: Spec) -> Plan:
    return Plan(spec, compile_spec(spec), client.view(spec))
