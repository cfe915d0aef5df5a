"""Runware's WebSocket transport (the official SDK's default), on the same port as REST.

The `websockets` library does the protocol (handshake, framing, protocol-level pings, close);
this module speaks Runware over it: the first message authenticates (`[{"taskType":
"authentication", "apiKey": ...}]`, answered with a connectionSessionUUID), then each message is
a task array whose results and errors come back as `{"data": [...]}` and `{"errors": [...]}`
frames, routed by taskUUID; a stream task sends one frame per chunk and then its results;
`[{"taskType": "ping", "ping": true}]` is answered with `pong`; a connection idle for
`idle_timeout` seconds is closed, as Runware closes one after 120 s."""

from __future__ import annotations

import contextlib
import json
import select
import socket
import time
from typing import Any

from websockets.exceptions import ConnectionClosed
from websockets.frames import CloseCode
from websockets.sync.server import Server, ServerConnection, serve

from generator.core import jsontext
from generator.spec.runware import AUTHENTICATION, TASK_TYPE
from generator.tools.serve.engine import Engine, Reply
from generator.tools.serve.vocabulary import error_item

IDLE_TIMEOUT = 120.0  # seconds after the last message, as Runware
_HEAD_LIMIT = 16 * 1024  # bytes of a GET's head looked at to see whether it opens a WebSocket


def opens_websocket(sock: socket.socket, idle_timeout: float, header_timeout: float) -> bool | None:
    """Whether the connection's first request asks for a WebSocket, looked at without reading
    it (MSG_PEEK), so that an ordinary HTTP request still reaches the HTTP handler whole; None
    when nothing arrived within the idle timeout (the connection is to be closed)."""
    try:
        if not select.select([sock], [], [], idle_timeout)[0]:
            return None
        deadline = time.monotonic() + header_timeout
        pause = 0.001
        while True:
            sock.settimeout(max(deadline - time.monotonic(), 0.001))
            head = sock.recv(_HEAD_LIMIT, socket.MSG_PEEK)
            if len(head) >= 4 and not head.startswith(b"GET "):
                return False  # only a GET opens a WebSocket: POSTs go straight on
            if not head or b"\r\n\r\n" in head or len(head) >= _HEAD_LIMIT or time.monotonic() >= deadline:
                return b"\r\nupgrade: websocket" in head.lower()
            time.sleep(pause)  # the rest of the head is on its way
            pause = min(pause * 2, 0.05)
    except (OSError, ValueError):
        return False
    finally:
        with contextlib.suppress(OSError):
            sock.settimeout(None)


class WebSocketGateway:
    """Serves the connections that open a WebSocket, one thread each (the HTTP server's)."""

    def __init__(
        self, engine: Engine, listening: socket.socket, max_size: int, open_timeout: float, idle_timeout: float
    ) -> None:
        self.engine = engine
        self.idle_timeout = idle_timeout
        self.open_timeout = open_timeout
        # serve() builds the per-connection handler (handshake, keep-alive pings, close) around
        # the listening socket; this gateway hands it the connections, so it never accepts any itself
        self._server: Server = serve(
            self._session,
            sock=listening,
            open_timeout=open_timeout,
            max_size=max_size,
            server_header="specgen-serve",
        )

    def serve(self, sock: socket.socket, address: Any) -> None:
        self._server.handler(sock, address)

    def close(self) -> None:
        for connection in self._server.connections:
            with contextlib.suppress(Exception):
                connection.close(CloseCode.GOING_AWAY)

    def _session(self, connection: ServerConnection) -> None:
        with contextlib.suppress(ConnectionClosed):
            key = self._authenticate(connection)
            if key is None:
                return
            while True:
                try:
                    message = connection.recv(timeout=self.idle_timeout)
                except TimeoutError:
                    connection.close(CloseCode.NORMAL_CLOSURE, f"idle for {self.idle_timeout:g} s")
                    return
                tasks = self._read(connection, message)
                if tasks is not None:
                    self._answer(connection, self.engine.handle(tasks, key, rest=False))

    def _read(self, connection: ServerConnection, message: str | bytes) -> Any:
        """The message's JSON, or None after answering that it has none."""
        try:
            return jsontext.loads(message if isinstance(message, str) else message.decode("utf-8"))
        except ValueError as error:  # JsonTextError and UnicodeDecodeError
            connection.send(json.dumps({"errors": [error_item("invalidJson", f"Unreadable message: {error}.")]}))
            return None

    def _authenticate(self, connection: ServerConnection) -> str | None:
        """The key the connection authenticated with, answered with its session; None after
        refusing it (and closing)."""
        try:
            message = connection.recv(timeout=self.open_timeout)
        except TimeoutError:
            connection.close(CloseCode.POLICY_VIOLATION, "no authentication")
            return None
        tasks = self._read(connection, message)
        first = tasks[0] if isinstance(tasks, list) and tasks else None
        if not (isinstance(first, dict) and first.get(TASK_TYPE) == AUTHENTICATION):
            message = 'The first message must be [{"taskType": "authentication", "apiKey": "..."}].'
            connection.send(json.dumps({"errors": [error_item("missingAuthentication", message)]}))
            connection.close(CloseCode.POLICY_VIOLATION, "no authentication")
            return None
        refused = self.engine.check_key(first.get("apiKey"))
        if refused:
            connection.send(json.dumps({"errors": [{**refused.item, TASK_TYPE: AUTHENTICATION}]}))
            connection.close(CloseCode.POLICY_VIOLATION, "invalid API key")
            return None
        key: str = first["apiKey"]
        self._answer(connection, self.engine.handle(tasks, key, rest=False))  # the answer carries the session
        return key

    def _answer(self, connection: ServerConnection, reply: Reply) -> None:
        # errors and data in frames of their own: a client reads a frame with errors as a failure
        if reply.errors:
            connection.send(json.dumps({"errors": [failure.item for failure in reply.errors]}))
        if reply.data:
            connection.send(json.dumps({"data": reply.data}))
        for job in reply.streams:
            for kind, value in job.frames():
                if kind == "drop":
                    connection.close_socket()  # no close frame: the connection is lost
                    return
                if kind == "chunk":
                    connection.send(json.dumps({"data": [value]}))
                elif kind == "error":
                    connection.send(json.dumps(value))
                elif kind == "end":
                    connection.send(json.dumps({"data": value}))
