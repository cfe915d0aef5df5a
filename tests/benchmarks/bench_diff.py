"""`make bench` (part two): `specgen diff` on a pair of 200 KB schemas; the target is under 5 s.

The pair is built here, seeded: a spec of a few hundred definitions (objects of typed, bounded,
patterned and enumerated properties, arrays, applicators, references between them) and a copy
with forty edits of every kind spread through it, so that the differ walks all of it and
searches for witnesses at forty places.
"""

from __future__ import annotations

import copy
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from generator.cli import main

SEED = 20261202
TARGET_BYTES = 200_000
TARGET_SECONDS = 5.0


def _property(rng: random.Random, names: list[str]) -> dict[str, Any]:
    kind = rng.choice(["string", "integer", "number", "enum", "array", "ref", "oneOf", "object"])
    description = {
        "description": " ".join(rng.choice(["the", "value", "of", "a", "field", "used", "when"]) for _ in range(8))
    }
    if kind == "string":
        return {**description, "type": "string", "minLength": rng.randint(0, 2), "maxLength": rng.randint(10, 200),
                "pattern": rng.choice(["^[a-z]+$", "^[A-Z][a-z0-9-]*$", "^\\d{3}-\\d{4}$"])}  # fmt: skip
    if kind == "integer":
        return {**description, "type": "integer", "minimum": rng.randint(-5, 5), "maximum": rng.randint(10, 1000)}
    if kind == "number":
        return {**description, "type": "number", "minimum": 0, "maximum": rng.choice([1, 2, 100]), "multipleOf": 0.01}
    if kind == "enum":
        return {**description, "enum": rng.sample(["red", "green", "blue", "cyan", "magenta", "black", "white"], 4)}
    if kind == "array":
        return {
            **description,
            "type": "array",
            "items": {"type": "string", "maxLength": 50},
            "maxItems": rng.randint(2, 20),
        }
    if kind == "oneOf":
        return {**description, "oneOf": [{"type": "boolean"}, {"type": "string", "pattern": "^\\$\\{.*\\}$"}]}
    if kind == "object":
        return {**description, "type": "object", "additionalProperties": {"type": "string"}}
    return {**description, "$ref": f"#/$defs/{rng.choice(names)}"}


def old_spec() -> dict[str, Any]:
    rng = random.Random(SEED)
    names = [f"Def{n}" for n in range(400)]
    defs: dict[str, Any] = {}
    for name in names:
        count = rng.randint(4, 9)
        properties = {f"field{k}": _property(rng, names) for k in range(count)}
        defs[name] = {"type": "object", "properties": properties, "required": sorted(rng.sample(sorted(properties), 1)),
                      "additionalProperties": rng.random() < 0.5}  # fmt: skip
        if len(json.dumps(defs, indent=2)) > TARGET_BYTES:
            break
    listed = list(defs)
    root = {"type": "object", "properties": {n.lower(): {"$ref": f"#/$defs/{n}"} for n in listed}}
    for ref in (p for d in defs.values() for p in d["properties"].values() if "$ref" in p):
        if ref["$ref"].split("/")[-1] not in defs:
            ref["$ref"] = f"#/$defs/{listed[0]}"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "BenchTask", **root, "$defs": defs}


def new_spec(old: dict[str, Any]) -> dict[str, Any]:
    rng = random.Random(SEED + 1)
    new = copy.deepcopy(old)
    definitions = list(new["$defs"].values())
    for _ in range(40):
        target = rng.choice(definitions)
        name, prop = rng.choice(sorted(target["properties"].items()))
        edit = rng.choice(["bound", "pattern", "enum", "required", "remove", "add", "close", "type"])
        if edit == "bound" and "maximum" in prop:
            prop["maximum"] = prop["maximum"] // 2
        elif edit == "pattern" and "pattern" in prop:
            prop["pattern"] = "^[a-z0-9]+$"
        elif edit == "enum" and "enum" in prop:
            prop["enum"] = [*prop["enum"][:-1], "yellow"]
        elif edit == "required":
            target["required"] = sorted(set(target["required"]) ^ {name})
        elif edit == "remove":
            del target["properties"][name]
            target["required"] = [r for r in target["required"] if r != name] or [next(iter(target["properties"]))]
        elif edit == "add":
            target["properties"][f"added{rng.randint(0, 999)}"] = {"type": "integer", "minimum": 0}
        elif edit == "close":
            target["additionalProperties"] = not target["additionalProperties"]
        else:
            prop.clear()
            prop.update({"type": "boolean"})
    return new


def main_bench() -> int:
    old = old_spec()
    new = new_spec(old)
    with tempfile.TemporaryDirectory() as folder:
        paths = [Path(folder) / name for name in ("old.schema.json", "new.schema.json")]
        for path, document in zip(paths, (old, new), strict=True):
            path.write_text(json.dumps(document, indent=2))
        sizes = [path.stat().st_size for path in paths]
        times = []
        for _ in range(3):
            start = time.perf_counter()
            result = CliRunner().invoke(main, ["diff", str(paths[0]), str(paths[1]), "--format", "json"])
            times.append(time.perf_counter() - start)
        report = json.loads(result.output)
    best = min(times)
    print(f"specgen diff, {sizes[0] / 1000:.0f} KB vs {sizes[1] / 1000:.0f} KB: best of 3 {best:.2f} s "
          f"(target < {TARGET_SECONDS:.0f} s); {report['summary']}")  # fmt: skip
    return 0 if best < TARGET_SECONDS and result.exit_code in (0, 1) else 1


if __name__ == "__main__":
    sys.exit(main_bench())
