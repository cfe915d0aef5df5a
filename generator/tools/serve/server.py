"""`specgen serve`: a Runware-compatible server on loopback, driven by the spec, for developing
and testing clients without an API key (Runware's official SDK among them).

REST and WebSocket share one port: a connection whose first request asks for a WebSocket goes to
websocket.py, every other to rest.py; both hand their task arrays to engine.py, which validates
each task with the compiled validator and answers in Runware's formats (sync results, async
acknowledgements, getResponse polls, streams, webhooks, errors in Runware's vocabulary). Faults
can be queued for the next requests (faults.py). The answers are deterministic: the text echoes
the last user message (generation.py).

It is a development server: one thread per connection, for a handful of clients on loopback.
"""

from __future__ import annotations

import os
import socket
import socketserver
import sys
import threading
import traceback
from http.server import ThreadingHTTPServer
from typing import Any

from generator.spec.model import Spec
from generator.tools.serve.engine import Engine, ServerState
from generator.tools.serve.faults import Fault, FaultError
from generator.tools.serve.rest import ADMIN, DISCONNECTS, MAX_BODY, Handler
from generator.tools.serve.timeouts import HEADER_TIMEOUT, HTTP_IDLE_TIMEOUT
from generator.tools.serve.watchdog import Watchdog
from generator.tools.serve.websocket import IDLE_TIMEOUT, WebSocketGateway, opens_websocket

__all__ = ["ADMIN", "MAX_BODY", "Fault", "FaultError", "RunwareHTTPServer", "ServerState"]

BACKLOG = 1024  # connections the kernel queues before accept(); the standard library's 5 drops a burst


class RunwareHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(
        self,
        spec: Spec,
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        *,
        api_key: str | None = None,
        idle_timeout: float = HTTP_IDLE_TIMEOUT,
        header_timeout: float = HEADER_TIMEOUT,
        websocket_idle_timeout: float = IDLE_TIMEOUT,
    ) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), Handler)
        self.spec = spec
        self.verbose = verbose
        self.idle_timeout = idle_timeout
        self.header_timeout = header_timeout
        self.engine = Engine(spec, api_key, self.say)
        self.state: ServerState = self.engine.state
        self.watchdog = Watchdog()
        self.websockets = WebSocketGateway(self.engine, self.socket, MAX_BODY, header_timeout, websocket_idle_timeout)

    def server_bind(self) -> None:
        # HTTPServer.server_bind asks getfqdn() for the host's name, a DNS lookup: not wanted
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name, self.server_port = host if isinstance(host, str) else host.decode(), int(port)

    @property
    def url(self) -> str:
        address, port = self.server_address[:2]
        host = address if isinstance(address, str) else address.decode()
        return f"http://[{host}]:{port}" if self.address_family == socket.AF_INET6 else f"http://{host}:{port}"

    @property
    def websocket_url(self) -> str:
        return "ws" + self.url.removeprefix("http")

    def say(self, line: str) -> None:
        print(f"serve: {line}", file=sys.stderr, flush=True)

    def report_bug(self, error: BaseException) -> None:
        self.say(f"internal error: {type(error).__name__}: {error} (set SPECGEN_DEBUG=1 for details)")
        if os.environ.get("SPECGEN_DEBUG") or self.verbose:
            traceback.print_exception(error)

    def inject(self, *faults: Fault) -> None:
        with self.state.lock:
            self.state.faults.extend(faults)

    def finish_request(self, request: Any, client_address: Any) -> None:
        websocket = opens_websocket(request, self.idle_timeout, self.header_timeout)
        if websocket:
            self.websockets.serve(request, client_address)
        elif websocket is not None:  # None: the client sent nothing, and the connection closes
            super().finish_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away is no error; anything else is a bug in serve, said in one line."""
        error = sys.exc_info()[1]
        if isinstance(error, DISCONNECTS) or error is None:
            return
        self.report_bug(error)

    def start(self) -> threading.Thread:
        """Serve in a background thread (for tests and embedding); `shutdown()` stops it."""
        thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        return thread

    def server_close(self) -> None:
        self.websockets.close()
        self.watchdog.stop()
        self.engine.close()
        super().server_close()
