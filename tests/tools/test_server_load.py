"""A bounded load on `specgen serve` over loopback: keep-alive requests answer without the 40 ms
delayed-ACK stall, and 100 clients connecting at once are all answered, none reset. The figures
are printed (pytest -s); `make bench` prints them too."""

from __future__ import annotations

import pytest

from generator.tools.serve.server import RunwareHTTPServer
from tests.tools import serve_load


def test_keep_alive_requests_do_not_stall(server: RunwareHTTPServer, capsys: pytest.CaptureFixture[str]) -> None:
    figures = serve_load.keep_alive(server.url, 300)
    with capsys.disabled():
        print(f"\n{figures}")
    # with two writes and Nagle's algorithm every request waited ~40 ms for the delayed ACK; the
    # bounds leave room for a machine busy with other work, not for the stall
    assert figures.stalled < figures.requests // 10, figures
    assert figures.median_ms < serve_load.STALL * 1000, figures


def test_a_hundred_clients_at_once_are_all_answered(
    server: RunwareHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    figures = serve_load.burst(server.url, 100)
    with capsys.disabled():
        print(f"\n{figures}")
    assert (figures.answered, figures.resets) == (100, 0), figures
