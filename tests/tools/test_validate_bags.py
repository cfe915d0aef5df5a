"""The Dask path: the generated validator over a bag of JSON Lines partitions on a LocalCluster of
two worker processes gives the same counts per file as `specgen validate` in one process."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from distributed import Client, LocalCluster

from generator.cli import main
from generator.tools.validate import bags
from tests.conftest import SPEC

TASK = {
    "taskType": "textInference",
    "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
}
BAD = {**TASK, "messages": []}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Client]:
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,  # type: ignore[no-untyped-call]
        Client(local) as client,  # type: ignore[no-untyped-call]
    ):
        yield client


@pytest.fixture
def logs(tmp_path: Path) -> list[Path]:
    """A month of logged requests, in small: valid, invalid, malformed and odd lines."""
    files = []
    for day in range(1, 7):
        lines = [json.dumps(TASK)] * (10 * day) + [json.dumps(BAD)] * day + [json.dumps([TASK, BAD])]
        if day % 2:
            lines += ['{"model": "a", "model": "b"}', "{oops", ""]
        if day == 3:
            lines.insert(0, "\ufeff" + lines.pop(0))
        path = tmp_path / f"2026-11-{day:02}.jsonl"
        path.write_bytes("\n".join(lines).encode() + (b'\n{"content": "\xff"}\n' if day == 5 else b"\n"))
        files.append(path)
    return files


def single_process(paths: list[Path]) -> dict[str, tuple[int, int, int]]:
    result = CliRunner().invoke(main, ["validate", *map(str, paths), "--spec", str(SPEC), "--format", "json"])
    counts: dict[str, list[int]] = {}
    for line in result.output.splitlines():
        record = json.loads(line)
        tally = counts.setdefault(record["source"], [0, 0, 0])
        tally[2 if "unreadable" in record else 0 if record["valid"] else 1] += 1
    return {path: (v, i, u) for path, (v, i, u) in sorted(counts.items())}


def test_the_cluster_counts_as_one_process_does(cluster: Client, logs: list[Path]) -> None:
    distributed = bags.validate_files([str(p) for p in logs])
    assert {path: (c.valid, c.invalid, c.unreadable) for path, c in distributed.items()} == single_process(logs)
    assert len(cluster.scheduler_info()["workers"]) == 2


def test_error_samples_say_where_and_what(cluster: Client, logs: list[Path]) -> None:
    day_one = bags.validate_files(str(logs[0]), samples=3)[str(logs[0])]
    assert day_one.samples[0].startswith("11:") and "/messages: [] should be non-empty" in day_one.samples[0]
    assert len(day_one.samples) == 3
    day_five = bags.validate_files(str(logs[4]), samples=100)[str(logs[4])]
    assert any("not UTF-8: byte 0xff" in sample for sample in day_five.samples)
