"""`make bench`: `specgen serve` under a bounded loopback load: keep-alive requests per second
and their latency (no 40 ms delayed-ACK stall), and a burst of simultaneous connections."""

from __future__ import annotations

from generator.spec import project
from generator.tools.serve.server import RunwareHTTPServer
from tests.tools import serve_load


def main() -> None:
    spec = project.load_specs([project.only_spec(None)])[0]
    server = RunwareHTTPServer(spec)
    server.start()
    try:
        print(serve_load.keep_alive(server.url, 2000))
        for clients in (100, 200):
            print(serve_load.burst(server.url, clients))
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
