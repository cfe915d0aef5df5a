"""Bounded loopback load on `specgen serve`, shared by the load test and `make bench`: keep-alive
requests one after another on one connection (a stall from two writes without TCP_NODELAY shows
as ~40 ms each), and many clients connecting at the same moment (a listen backlog of 5 resets
some)."""

from __future__ import annotations

import json
import socket
import statistics
import time
import uuid
from dataclasses import dataclass

import httpx

AUTH = {"Authorization": "Bearer load-test"}
STALL = 0.035  # seconds: a request this slow is the delayed-ACK stall (40 ms on Linux)


def _body() -> bytes:
    task = {
        "taskType": "textInference",
        "taskUUID": str(uuid.uuid4()),
        "model": "zai-glm-4-7",
        "messages": [{"role": "user", "content": "Hello"}],
        "deliveryMethod": "sync",
    }
    return json.dumps([task]).encode()


@dataclass(frozen=True)
class KeepAlive:
    requests: int
    seconds: float
    median_ms: float
    p99_ms: float
    stalled: int  # requests slower than STALL

    def __str__(self) -> str:
        return (
            f"keep-alive: {self.requests} requests on one connection in {self.seconds:.2f} s "
            f"({self.requests / self.seconds:,.0f} req/s), median {self.median_ms:.2f} ms, "
            f"p99 {self.p99_ms:.2f} ms, {self.stalled} over {STALL * 1000:.0f} ms"
        )


def keep_alive(url: str, requests: int) -> KeepAlive:
    times = []
    with httpx.Client(headers=AUTH) as client:
        client.post(url, content=_body()).raise_for_status()  # the connection is open before timing
        started = time.perf_counter()
        for _ in range(requests):
            before = time.perf_counter()
            answer = client.post(url, content=_body())
            times.append(time.perf_counter() - before)
            answer.raise_for_status()
        total = time.perf_counter() - started
    ordered = sorted(times)
    return KeepAlive(
        requests,
        total,
        statistics.median(times) * 1000,
        ordered[int(len(ordered) * 0.99) - 1] * 1000,
        sum(t > STALL for t in times),
    )


@dataclass(frozen=True)
class Burst:
    clients: int
    answered: int
    resets: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"burst: {self.clients} clients connected at once, {self.answered} answered 200, "
            f"{self.resets} reset or refused, in {self.seconds:.2f} s"
        )


def burst(url: str, clients: int, timeout: float = 20) -> Burst:
    """`clients` connections opened together, then a request on each, then every answer read."""
    address = httpx.URL(url)
    started = time.perf_counter()
    sockets: list[socket.socket] = []
    resets = answered = 0
    try:
        for _ in range(clients):
            try:
                sockets.append(socket.create_connection((address.host, address.port), timeout=timeout))
            except OSError:
                resets += 1
        head = f"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: {AUTH['Authorization']}\r\nConnection: close\r\n"
        for connection in sockets:
            body = _body()  # a task UUID each: a second task with the same one is a conflict
            connection.sendall(f"{head}Content-Length: {len(body)}\r\n\r\n".encode() + body)
        for connection in sockets:
            try:
                answer = b"".join(iter(lambda c=connection: c.recv(65536), b""))  # type: ignore[misc]
            except OSError:
                resets += 1
                continue
            answered += answer.startswith(b"HTTP/1.1 200 ")
    finally:
        for connection in sockets:
            connection.close()
    return Burst(clients, answered, resets, time.perf_counter() - started)
