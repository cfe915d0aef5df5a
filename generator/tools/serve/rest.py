"""Runware's REST transport over the standard library's threaded HTTP server, made dependable
for development: TCP_NODELAY and one write per answer (no 40 ms delayed-ACK stall on keep-alive
connections), idle and header timeouts, chunked request bodies, a strict Content-Length, SSE
streams, and quiet handling of clients that go away."""

from __future__ import annotations

import contextlib
import json
import re
import socket
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING, Any

from generator.core import jsontext
from generator.tools.serve.engine import Reply, StreamJob
from generator.tools.serve.faults import Fault, FaultError
from generator.tools.serve.vocabulary import Failure, error_item

if TYPE_CHECKING:
    from generator.tools.serve.server import RunwareHTTPServer

ADMIN = "/_specgen"
# A development server on loopback: any page may call it, the reference page opened from a file too.
CORS = "Access-Control-Allow-Origin: *"
MAX_BODY = 64 * 1024 * 1024  # bytes: a test server need not read whatever a client claims to send
DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError)
_LENGTH = re.compile(r"[0-9]{1,19}", re.ASCII)  # `²`.isdigit() is True; a length is ASCII digits
_CHUNK_SIZE = re.compile(rb"[0-9A-Fa-f]{1,16}")


class BadRequestError(Exception):
    """A request that cannot be read: answer with this failure and close the connection."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.failure = Failure(status, error_item(code, message))


class ClientGoneError(Exception):
    """The client closed the connection before its request was complete."""


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


class Handler(BaseHTTPRequestHandler):
    server: RunwareHTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # TCP_NODELAY: each answer leaves in one segment, at once
    server_version = "specgen-serve"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.idle_timeout)  # each read waits at most this long

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def handle(self) -> None:
        with contextlib.suppress(*DISCONNECTS, ClientGoneError):
            super().handle()

    def handle_one_request(self) -> None:
        try:
            self.rfile.peek(1)  # type: ignore[attr-defined]  # a BufferedReader: wait (up to the idle timeout) for the next request to begin
        except (*DISCONNECTS, OSError):
            self.close_connection = True
            return
        self.server.watchdog.arm(self.connection, self.server.header_timeout)
        try:
            super().handle_one_request()
        finally:
            self.server.watchdog.disarm(self.connection)

    def parse_request(self) -> bool:
        parsed = super().parse_request()
        if self.server.watchdog.disarm(self.connection) and parsed:  # the headers took longer than allowed
            self.close_connection = True
            message = f"The request headers took more than {self.server.header_timeout:g} s."
            self._send_json(408, {"errors": [error_item("requestTimeout", message)]})
            return False
        return parsed

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The standard library's own refusals (a bad request line, too long headers) in Runware's envelope."""
        self.close_connection = True
        status = code if 400 <= code <= 599 else 400
        self._send_json(status, {"errors": [error_item("invalidRequest", message or _phrase(status))]})

    # -- answering
    def _send(self, status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        """The whole answer in one write (status line, headers and body)."""
        lines = [
            f"{self.protocol_version} {status} {_phrase(status)}",
            f"Server: {self.server_version}",
            f"Date: {self.date_time_string()}",
            f"Content-Type: {content_type}",
            f"Content-Length: {len(body)}",
            CORS,
            *(f"{name}: {value}" for name, value in (headers or {}).items()),
        ]
        if self.close_connection:
            lines.append("Connection: close")
        self.wfile.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        self.log_request(status)

    def _send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self._send(status, "application/json", json.dumps(body).encode(), headers)

    def _send_reply(self, reply: Reply) -> None:
        if reply.streams:
            self._stream(reply.streams[0])
            return
        self._send_json(reply.status, reply.body, reply.headers)

    # -- reading
    def _body(self) -> bytes:
        encodings = self.headers.get_all("Transfer-Encoding") or []
        lengths = self.headers.get_all("Content-Length") or []
        if encodings:
            if lengths:
                raise BadRequestError(
                    400, "invalidContentLength", "Send Content-Length or Transfer-Encoding, not both."
                )
            if [e.strip().lower() for e in ",".join(encodings).split(",")] != ["chunked"]:
                raise BadRequestError(400, "unsupportedTransferEncoding", "The only transfer coding read is chunked.")
            return self._chunked_body()
        if len({value.strip() for value in lengths}) > 1:
            raise BadRequestError(400, "invalidContentLength", "Content-Length is given twice, differently.")
        length = lengths[0].strip() if lengths else "0"
        if not _LENGTH.fullmatch(length):
            raise BadRequestError(400, "invalidContentLength", "Content-Length must be a number of bytes.")
        if int(length) > MAX_BODY:
            raise BadRequestError(413, "invalidPayloadSize", f"The body must be at most {MAX_BODY} bytes.")
        return self._exactly(int(length))

    def _exactly(self, size: int) -> bytes:
        data = self.rfile.read(size)
        if len(data) < size:
            raise ClientGoneError
        return data

    def _chunked_body(self) -> bytes:
        parts: list[bytes] = []
        total = 0
        while True:
            line = self.rfile.readline(1024)
            if not line.endswith(b"\n"):
                raise (
                    ClientGoneError
                    if not line
                    else BadRequestError(400, "invalidChunkedBody", "A chunk size line is too long.")
                )
            size_text = line.split(b";", 1)[0].strip()
            if not _CHUNK_SIZE.fullmatch(size_text):
                raise BadRequestError(400, "invalidChunkedBody", "A chunk size is not a hexadecimal number.")
            size = int(size_text, 16)
            if size == 0:
                break
            total += size
            if total > MAX_BODY:
                raise BadRequestError(413, "invalidPayloadSize", f"The body must be at most {MAX_BODY} bytes.")
            parts.append(self._exactly(size))
            if self._exactly(2) != b"\r\n":
                raise BadRequestError(400, "invalidChunkedBody", "A chunk does not end with CRLF.")
        for _ in range(100):  # the trailer section, up to its empty line
            line = self.rfile.readline(8192)
            if not line:
                raise ClientGoneError
            if line in (b"\r\n", b"\n"):
                return b"".join(parts)
        raise BadRequestError(400, "invalidChunkedBody", "The trailer section is too long.")

    # -- requests
    def do_OPTIONS(self) -> None:
        """The CORS preflight a browser sends before a POST with a Bearer key."""
        allowed = {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Authorization, Content-Type",
            "Access-Control-Allow-Private-Network": "true",
            "Access-Control-Max-Age": "600",
        }
        self._send(204, "text/plain", b"", allowed)

    def do_GET(self) -> None:
        if self.path == f"{ADMIN}/received":
            with self.server.state.lock:
                received = list(self.server.state.received)
            self._send_json(200, received)
            return
        message = "POST task arrays here, or open a WebSocket (GET with Upgrade: websocket)."
        self._send_json(405, {"errors": [error_item("unsupportedMethod", message)]}, {"Allow": "POST"})

    def do_POST(self) -> None:
        try:
            raw = self._body()
        except BadRequestError as refusal:
            self.close_connection = True  # what follows the bad part cannot be told from the next request
            self._send_json(refusal.failure.status, {"errors": [refusal.failure.item]})
            return
        if self.path == f"{ADMIN}/faults":
            self._queue_faults(raw)
            return
        try:
            body = jsontext.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            self._send_json(400, {"errors": [error_item("invalidJson", "The body is not UTF-8.")]})
            return
        except jsontext.JsonTextError as error:
            self._send_json(400, {"errors": [error_item("invalidJson", f"Unreadable body: {error}.")]})
            return
        if self.path == f"{ADMIN}/validate":
            errors = [
                {"path": p.path, "keyword": p.keyword, "message": p.message} for p in self.server.engine.problems(body)
            ]
            self._send_json(200, {"valid": not errors, "errors": errors})
            return
        key = self.headers.get("Authorization", "")
        bearer = key[len("Bearer ") :].strip() if key.startswith("Bearer ") else None
        try:
            reply = self.server.engine.handle(body, bearer, rest=True)
        except Exception as error:  # a bug in serve: say so in the envelope and the log, keep serving
            self.server.report_bug(error)
            message = f"serve failed: {type(error).__name__}: {error}"
            self._send_json(500, {"errors": [error_item("internalServerError", message)]})
            return
        self._send_reply(reply)

    def _queue_faults(self, raw: bytes) -> None:
        try:
            items = jsontext.loads(raw.decode("utf-8"))
            if not isinstance(items, list):
                raise FaultError("POST a JSON array of faults")
            faults = [Fault.from_json(item) for item in items]
        except (ValueError, FaultError) as error:  # JsonTextError and UnicodeDecodeError are ValueErrors
            self._send_json(400, {"errors": [error_item("invalidFaults", f"POST a JSON array of faults: {error}")]})
            return
        self.server.inject(*faults)
        self._send_json(200, {"queued": len(faults)})

    def _stream(self, job: StreamJob) -> None:
        head = (
            f"{self.protocol_version} 200 OK\r\nServer: {self.server_version}\r\nDate: {self.date_time_string()}\r\n"
            "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n"
            f"{CORS}\r\n\r\n"
        )
        self.log_request(200)
        pending = head.encode("latin-1")  # the headers leave with the first frame
        for kind, value in job.frames():
            if kind == "drop":
                self.wfile.write(pending)
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)  # no last chunk: the client sees the body cut short
                return
            if kind == "end":
                text = "data: [DONE]\n\n"
            elif kind == "ping":
                text = ": ping\n\n"
            else:  # a chunk, or an error frame
                text = f"data: {json.dumps(value)}\n\n"
            data = text.encode()
            self.wfile.write(pending + f"{len(data):x}\r\n".encode() + data + b"\r\n")
            pending = b""
            if kind == "error":
                break
        self.wfile.write(b"0\r\n\r\n")
