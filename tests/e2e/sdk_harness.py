"""What the tests that drive Runware's official SDK (`runware-sdk`) against `specgen serve` share:
an SDK client on loopback (no registry look-up leaves the machine), a webhook receiver, the spec's
own names and the jsonschema oracle for results."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import uuid
from collections.abc import AsyncIterator, Awaitable, Iterator
from contextlib import asynccontextmanager, contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import aiohttp
import aiohttp.abc
from runware import Runware
from runware.types.sdk import RuntimeDependencies

from generator.core import jsontext
from generator.tools.serve.server import RunwareHTTPServer
from tests.conftest import SPEC
from tests.oracle import oracle_for

KEY = "test-key"
DOCUMENT = jsontext.loads(SPEC.read_text(encoding="utf-8"))
TASK_TYPE = DOCUMENT["properties"]["taskType"]["const"]
MODELS = DOCUMENT["properties"]["model"]["enum"]  # the page's id, then its AIR form
MODEL = MODELS[0]
RESULT = oracle_for(DOCUMENT, "/$defs/TextInferenceResult")
TRANSPORTS = ("rest", "websocket")
T = TypeVar("T")


def run(scenario: Awaitable[T]) -> T:
    return asyncio.run(asyncio.wait_for(scenario, timeout=60))


class LoopbackOnly(aiohttp.abc.AbstractResolver):
    """The SDK looks its model registry up at schemas.runware.ai; here that fails at once, and the
    SDK falls back on its bundled registry, so that no test sends anything off this machine."""

    async def resolve(self, host: str, port: int = 0, family: int = socket.AF_INET) -> list[Any]:
        raise OSError(f"the tests reach loopback only, not {host}")

    async def close(self) -> None:
        return None


@asynccontextmanager
async def sdk(server: RunwareHTTPServer, transport: str, **config: Any) -> AsyncIterator[Runware]:
    """The official SDK's client for serve, connected (a WebSocket authenticates here)."""
    connector = aiohttp.TCPConnector(resolver=LoopbackOnly())
    async with aiohttp.ClientSession(connector=connector) as session:
        config = {"api_key": KEY, "max_retries": 2, "retry_delay": 10, **config}
        client = Runware(
            transport=transport,
            http_base_url=server.url,
            ws_base_url=server.websocket_url,
            dependencies=RuntimeDependencies(session=session),
            **config,
        )
        try:
            await client.connect()
            yield client
        finally:
            await client.close()


def task(**fields: Any) -> dict[str, Any]:
    """A task for the spec's model, as a user passes it to the SDK's run()."""
    return {
        "taskType": TASK_TYPE,
        "taskUUID": str(uuid.uuid4()),
        "model": MODEL,
        "messages": [{"role": "user", "content": "Hello there"}],
        **fields,
    }


def valid_result(item: dict[str, Any], sent: dict[str, Any]) -> bool:
    """Whether an item the SDK returned is a result of `sent` that the spec allows."""
    errors = [error.message for error in RESULT.iter_errors(item)]
    assert not errors, errors
    return bool(item["taskType"] == TASK_TYPE and item["taskUUID"] == sent["taskUUID"])


class Receiver(ThreadingHTTPServer):
    """A webhook endpoint on loopback that keeps every JSON body POSTed to it."""

    daemon_threads = True

    def __init__(self) -> None:
        self.bodies: list[Any] = []
        self.arrived = threading.Condition()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                with receiver.arrived:
                    receiver.bodies.append(json.loads(body))
                    receiver.arrived.notify_all()
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/hook?token=t"

    def wait_for(self, count: int, timeout: float = 10) -> list[Any]:
        with self.arrived:
            self.arrived.wait_for(lambda: len(self.bodies) >= count, timeout)
            return list(self.bodies)


@contextmanager
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    thread = threading.Thread(target=made.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield made
    finally:
        made.shutdown()
        made.server_close()
