"""Deadlines on sockets: one thread that cuts the reading side of a socket whose deadline passed,
so that a client that sends its request headers slowly cannot hold a thread for long."""

from __future__ import annotations

import contextlib
import socket
import threading
import time


class Watchdog:
    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self._deadlines: dict[socket.socket, float] = {}
        self._expired: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="serve-watchdog", daemon=True)
        self._thread.start()

    def arm(self, sock: socket.socket, seconds: float) -> None:
        with self._lock:
            self._deadlines[sock] = time.monotonic() + seconds
            self._expired.discard(sock)

    def disarm(self, sock: socket.socket) -> bool:
        """Stop watching sock; True if its deadline had passed (and its reading side was cut)."""
        with self._lock:
            self._deadlines.pop(sock, None)
            expired = sock in self._expired
            self._expired.discard(sock)
            return expired

    def stop(self) -> None:
        self._stop.set()

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            now = time.monotonic()
            with self._lock:
                late = [sock for sock, deadline in self._deadlines.items() if deadline <= now]
                for sock in late:
                    del self._deadlines[sock]
                    self._expired.add(sock)
            for sock in late:
                with contextlib.suppress(OSError):  # the client may have gone already
                    sock.shutdown(socket.SHUT_RD)  # the blocked read ends; an answer can still be written
