"""`make bench`, part two: `validate` as CI and pre-commit run it, from the first byte.

- start-up: process time (user + system) of one run on 3 small files, for the pre-commit hook
  (hooks/validate, the generated package alone) and for `specgen validate` (target < 150 ms);
- throughput: 100,000 JSONL lines, whole process (target >= 50,000 payloads/s of its process
  time; wall clock is printed beside it, and is slower on a machine others are loading);
- peak memory: a 50 MB document, the process's high-water mark against the file's size
  (target <= 3x), for a request body of many tasks (streamed element by element) and for one
  task holding many short messages (read whole: the parsed value alone is over twice the text,
  as a Python dict and str cost more than their JSON does).

Child processes may write bytecode caches, as an installed package has them.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.benchmarks import corpus

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "spec" / "zai-glm-4-7.schema.json"
HOOK = [sys.executable, str(ROOT / "hooks" / "validate"), "zai_glm_4_7"]
SPECGEN = [sys.executable, "-m", "generator", "validate", "--spec", str(SPEC)]
ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}


def process_time(command: list[str], repeats: int = 7) -> float:
    """The least user + system seconds of `repeats` runs (after one to warm the caches)."""
    best = float("inf")
    for attempt in range(repeats + 1):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, check=False)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        spent = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if attempt:
            best = min(best, spent)
    return best


def timed(command: list[str]) -> tuple[float, float]:
    """Wall-clock and process (user + system) seconds of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def peak_mib(command: list[str]) -> float:
    """The high-water mark of resident memory of a run, from /proc/self/status at its exit."""
    wrapper = (
        "import re, runpy, sys\nfrom pathlib import Path\n"
        "module = sys.argv[1] == '-m'\n"
        "sys.argv = sys.argv[2:] if module else sys.argv[1:]\n"
        "try:\n"
        "    if module:\n        runpy.run_module(sys.argv[0], run_name='__main__', alter_sys=True)\n"
        "    else:\n        runpy.run_path(sys.argv[0], run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1), file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command[1:]],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=False,
    )
    return int(done.stderr.split()[-1]) / 1024


def document_of_size(target: int, shape: str) -> str:
    """A valid document of about `target` bytes: a request body of many tasks, or one task with
    many messages."""
    tasks = corpus.large_valid(8)
    if shape == "body":
        one = json.dumps(tasks, indent=1)
        count = max(1, target // (len(one) // len(tasks)))
        return json.dumps([tasks[n % len(tasks)] for n in range(count)], indent=1)
    task: dict[str, Any] = dict(tasks[0])
    message = task["messages"][0]
    count = max(1, target // len(json.dumps(message)))
    task["messages"] = [message] * count
    return json.dumps(task, indent=1)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main() -> int:
    ok = True
    with tempfile.TemporaryDirectory() as directory:
        folder = Path(directory)
        small = [folder / f"small-{n}.json" for n in range(3)]
        for path, payload in zip(small, corpus.small_valid(3), strict=True):
            path.write_text(json.dumps(payload, indent=2))
        print("validate, start-up on 3 small files (process time, best of 7):")
        for name, command in (("pre-commit hook (hooks/validate)", HOOK), ("specgen validate", SPECGEN)):
            spent = process_time([*command, *map(str, small)])
            ok &= spent < 0.150
            print(f"  {name:34} {spent * 1000:6.1f} ms   target < 150 ms   {verdict(spent < 0.150)}")

        lines = folder / "payloads.jsonl"
        payloads = corpus.small_valid(100_000)
        lines.write_text("".join(json.dumps(p) + "\n" for p in payloads))
        print("validate, throughput on 100,000 JSONL lines (whole process; judged on its process time,")
        print(
            f"  which a loaded machine does not inflate as it does wall-clock time; load now {os.getloadavg()[0]:.1f}):"
        )
        for name, command in (("python -m zai_glm_4_7 validate", HOOK), ("specgen validate", SPECGEN)):
            wall, cpu = timed([*command, str(lines)])
            rate = len(payloads) / cpu
            ok &= rate >= 50_000
            print(
                f"  {name:34} {rate:9,.0f} payloads/s ({len(payloads) / wall:,.0f}/s wall clock)"
                f"   target >= 50,000   {verdict(rate >= 50_000)}"
            )

        print("validate, peak memory on a 50 MB document (high-water mark / file size):")
        for shape, label in (("body", "request body of tasks"), ("task", "one task, many messages")):
            path = folder / f"{shape}.json"
            path.write_text(document_of_size(50 * 1024 * 1024, shape))
            size = path.stat().st_size / 1024 / 1024
            for name, command in (("package", HOOK), ("specgen", SPECGEN)):
                peak = peak_mib([*command, str(path)])
                ratio = peak / size
                ok &= ratio <= 3
                print(
                    f"  {label:25} {name:8} {size:5.1f} MB file  {peak:7.1f} MiB peak  {ratio:4.2f}x"
                    f"   target <= 3x   {verdict(ratio <= 3)}"
                )
    print(f"validate: {'every target met' if ok else 'a target missed (FAIL above)'}")
    return 0  # as bench_validators: the verdicts are the report, read them


if __name__ == "__main__":
    sys.exit(main())
