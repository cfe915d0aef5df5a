"""Webhook calls, to loopback only: a development server does not call out to the internet.

The guard parses the URL (so `http://localhost@evil.example/` is a URL of evil.example), and
checks the addresses its host resolves to, which the call then goes to (so a name cannot resolve
to loopback for the check and elsewhere for the call). Only IP literals and `localhost` names are
resolved at all: RFC 6761 keeps those on this machine, where any other name would be a DNS query.
"""

from __future__ import annotations

import http.client
import ipaddress
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

ATTEMPTS = 3  # Runware retries a delivery that did not get a 2xx; so does serve, briefly
TIMEOUT = 5.0  # seconds for each attempt


class WebhookRefusedError(ValueError):
    """A webhookURL serve will not call (its message says why)."""


@dataclass(frozen=True)
class Target:
    """Where a webhook goes: the checked address, and what the request names."""

    scheme: str
    address: str  # an IP address the host resolved to, all of them loopback
    port: int
    host_header: str
    path: str


def _loopback_addresses(host: str, port: int) -> list[str]:
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    if host != "localhost" and not host.endswith(".localhost"):
        raise WebhookRefusedError(f"{host!r} is not a loopback address (serve calls loopback webhooks only)")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError as error:
        raise WebhookRefusedError(f"{host!r} does not resolve: {error.strerror or error}") from None
    return list(dict.fromkeys(str(info[4][0]) for info in found))


def target(url: str) -> Target:
    """Where a webhookURL points, if serve may call it; else WebhookRefusedError."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise WebhookRefusedError(f"{url!r} is not a URL: {error}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookRefusedError(f"{url!r} is not an http(s) URL with a host")
    port = port or (443 if parts.scheme == "https" else 80)
    addresses = _loopback_addresses(parts.hostname, port)
    outside = [a for a in addresses if not ipaddress.ip_address(a).is_loopback]
    if outside or not addresses:
        raise WebhookRefusedError(f"{parts.hostname!r} resolves to {', '.join(outside)}, not a loopback address")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    host_header = parts.netloc.rpartition("@")[2]
    return Target(parts.scheme, addresses[0], port, host_header, path)


def _post(place: Target, body: bytes) -> int:
    connection_class = http.client.HTTPSConnection if place.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(place.address, place.port, timeout=TIMEOUT)
    try:
        headers = {"Host": place.host_header, "Content-Type": "application/json", "User-Agent": "specgen-serve"}
        connection.request("POST", place.path, body, headers)
        return connection.getresponse().status
    finally:
        connection.close()


class Webhooks:
    """Deliveries in a background thread each, counted so that tests can wait for them."""

    def __init__(self, report: Callable[[str], None]) -> None:
        self.report = report  # where a refused URL or a failed delivery is said
        self._lock = threading.Condition()
        self._pending = 0

    def send(self, url: Any, bodies: list[dict[str, Any]]) -> None:
        """POST each body (one per result, as Runware does) to url, retrying what gets no 2xx."""
        if not isinstance(url, str) or not bodies:
            return
        try:
            place = target(url)
        except WebhookRefusedError as error:
            self.report(f"webhook not sent: {error}")
            return
        with self._lock:
            self._pending += 1
        threading.Thread(target=self._deliver, args=(place, bodies), daemon=True).start()

    def _deliver(self, place: Target, bodies: list[dict[str, Any]]) -> None:
        try:
            for body in bodies:
                data = json.dumps(body).encode()
                for attempt in range(ATTEMPTS):
                    try:
                        if 200 <= _post(place, data) < 300:
                            break
                    except OSError:
                        pass
                    time.sleep(0.2 * 2**attempt)
                else:
                    self.report(f"webhook to {place.host_header}{place.path} failed {ATTEMPTS} times")
        finally:
            with self._lock:
                self._pending -= 1
                self._lock.notify_all()

    def wait(self, timeout: float = 10.0) -> bool:
        """Wait until every delivery under way has finished; False if some were still going at timeout."""
        with self._lock:
            return self._lock.wait_for(lambda: self._pending == 0, timeout)
