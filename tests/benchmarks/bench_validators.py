"""`make bench`: the generated validators side by side with their peers, in one run.

Prints time per payload on a fixed, seeded corpus for our boolean check, our full check,
jsonschema, fastjsonschema and jsonschema-rs, the ratios the targets are stated in, the import
cost of the generated module, and the throughput of `specgen validate` on 100,000 JSONL lines.
Quote ratios from one run: absolute times move with the machine and its load.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import jsonschema_rs
import zai_glm_4_7.validators as ours

from tests.benchmarks import bench_formats, bench_patterns, corpus

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "zai-glm-4-7.schema.json"
Check = Callable[[Any], object]


def per_payload(checks: dict[str, Check], payloads: list[Any], repeats: int = 9) -> dict[str, float]:
    """Seconds per payload for each check: the best of `repeats` rounds. Rounds interleave the
    checks, so that a noisy moment on a shared machine costs every check alike."""

    def run(check: Check, loops: int) -> float:
        start = time.perf_counter()
        for _ in range(loops):
            for payload in payloads:
                check(payload)
        return time.perf_counter() - start

    loops = {}
    for name, check in checks.items():  # calibrate (and warm up): a round of about 50 ms each
        loops[name] = 1
        while run(check, loops[name]) < 0.05:
            loops[name] *= 2
    best = dict.fromkeys(checks, float("inf"))
    for _ in range(repeats):
        for name, check in checks.items():
            best[name] = min(best[name], run(check, loops[name]) / (loops[name] * len(payloads)))
    return best


def peers(schema: dict[str, Any]) -> dict[str, Check]:
    reference = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    compiled = fastjsonschema.compile(schema, use_default=False, use_formats=True)

    def fast(payload: Any) -> bool:
        try:
            compiled(payload)
        except fastjsonschema.JsonSchemaException:
            return False
        return True

    return {
        "ours is_valid": ours.is_valid_text_inference_task,
        "ours validate": ours.validate_text_inference_task,
        "jsonschema": reference.is_valid,
        "fastjsonschema": fast,
        "jsonschema-rs": jsonschema_rs.validator_for(schema, validate_formats=True).is_valid,
    }


def import_cost(repeats: int = 15) -> tuple[float, float]:
    """Milliseconds for `python -c pass` and for importing the generated validator module (best of),
    with its bytecode cached, as an installed package has it."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "generated")], check=True, env=environment)

    def best(code: str) -> float:
        runs = []
        for _ in range(repeats):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=environment)
            runs.append(time.perf_counter() - start)
        return min(runs) * 1000

    return best("pass"), best("import zai_glm_4_7.validators")


def cli_throughput(lines: int = 100_000) -> tuple[float, float]:
    """`specgen validate` on a JSONL file of small payloads: (payloads per second, peak MiB of
    that process, its own high-water mark: getrusage would count the parent's memory forked into it)."""
    payloads = corpus.small_valid(lines)
    measure = (
        "import re, sys\n"
        "from pathlib import Path\n"
        "from generator.cli import main\n"
        "try:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1), file=sys.stderr)"
    )
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "payloads.jsonl"
        path.write_text("".join(json.dumps(p) + "\n" for p in payloads))
        command = [sys.executable, "-c", measure, "validate", str(path), "--spec", str(SPEC)]
        start = time.perf_counter()
        done = subprocess.run(
            command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )
        elapsed = time.perf_counter() - start
    return lines / elapsed, int(done.stderr.split()[-1]) / 1024


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}, {platform.system()}"


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    schema = json.loads(SPEC.read_text())
    checks = peers(schema)
    bad = corpus.invalid(360)
    sets = {
        "small valid": corpus.small_valid(500),
        "large valid": corpus.large_valid(4),
        "invalid": [task for _, task in bad],
    }
    assert all(ours.is_valid_text_inference_task(p) for p in sets["small valid"] + sets["large valid"])
    assert not any(ours.is_valid_text_inference_task(p) for p in sets["invalid"])

    print(f"machine: {machine()}")
    print("time per payload, microseconds (best of 9 interleaved rounds; lower is better)\n")
    names = list(checks)
    print(f"| payloads | {' | '.join(names)} | rs / ours | jsonschema / ours |")
    print(f"| --- | {' | '.join('---:' for _ in names)} | ---: | ---: |")
    results: dict[str, dict[str, float]] = {}
    for label, payloads in sets.items():
        row = per_payload(checks, payloads)
        results[label] = row
        cells = " | ".join(f"{row[n] * 1e6:.2f}" for n in names)
        rs_ratio = row["jsonschema-rs"] / row["ours is_valid"]
        js_ratio = row["jsonschema"] / row["ours is_valid"]
        print(f"| {label} | {cells} | {rs_ratio:.2f}x | {js_ratio:.0f}x |")

    bare, imported = import_cost()
    throughput, peak = cli_throughput()
    full_over_bool = results["invalid"]["ours validate"] / results["invalid"]["ours is_valid"]
    print("\ntargets")
    for label in ("small valid", "invalid"):
        row = results[label]
        print(
            f"- {verdict(row['ours is_valid'] < row['jsonschema-rs'])} boolean check faster than jsonschema-rs on {label}: "
            f"{row['jsonschema-rs'] / row['ours is_valid']:.2f}x"
        )
    row = results["large valid"]
    print(
        f"- {verdict(row['ours is_valid'] <= 1.2 * row['jsonschema-rs'])} boolean check within 1.2x of jsonschema-rs on large valid: "
        f"ours / rs = {row['ours is_valid'] / row['jsonschema-rs']:.2f}"
    )
    slowest = min(results[label]["jsonschema"] / results[label]["ours is_valid"] for label in results)
    print(f"- {verdict(slowest >= 30)} at least 30x faster than jsonschema everywhere: at least {slowest:.0f}x")
    print(f"- {verdict(full_over_bool <= 3)} full check on invalid at most 3x the boolean check: {full_over_bool:.2f}x")
    print(
        f"- {verdict(imported - bare <= 15)} import of the validator module at most 15 ms above a bare interpreter: "
        f"{imported - bare:.1f} ms ({bare:.1f} ms bare, {imported:.1f} ms with the import)"
    )
    print(
        f"- {verdict(throughput >= 50_000)} specgen validate on 100,000 JSONL lines at least 50,000 payloads/s: "
        f"{throughput:,.0f}/s, whole process, peak {peak:.0f} MiB"
    )
    bench_formats.report()
    bench_patterns.report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
