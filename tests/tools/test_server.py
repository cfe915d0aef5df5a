"""`specgen serve`'s server at the HTTP level: whatever a client sends, it answers in Runware's
error envelope with a fitting status, and keeps serving."""

from __future__ import annotations

import ipaddress
import json
import socket
import struct
import time
import uuid
from typing import Any

import httpx
import pytest

from generator.spec.model import Spec
from generator.tools.serve import webhooks
from generator.tools.serve.server import MAX_BODY, Fault, FaultError, RunwareHTTPServer

AUTH = {"Authorization": "Bearer any-key"}


@pytest.mark.parametrize(
    ("body", "code", "message"),
    [
        (b"{bad", "invalidJson", "Unreadable body: not valid JSON: Expecting property name"),
        (b"[NaN]", "invalidJson", "Unreadable body: not valid JSON: NaN is not a JSON value (column 2)."),
        (b"[" * 5000 + b"]" * 5000, "invalidJson", "Unreadable body: nested too deeply to read"),
        (b'[{"seed": ' + b"9" * 5000 + b"}]", "invalidJson", "Unreadable body: an integer of more than 4300 digits"),
        (b"[\xff]", "invalidJson", "The body is not UTF-8."),
        (b"{}", "invalidBody", "You must always POST an array of task objects."),
        (b"[]", "invalidBody", "You must always POST an array of task objects."),
    ],
)
def test_an_unusable_body_gets_a_400_envelope(server: RunwareHTTPServer, body: bytes, code: str, message: str) -> None:
    response = httpx.post(server.url, content=body, headers=AUTH)
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["code"] == code and error["message"].startswith(message)


@pytest.mark.parametrize(("length", "status"), [("abc", 400), ("-1", 400), (str(MAX_BODY + 1), 413)])
def test_a_bad_content_length_is_refused_and_the_server_keeps_serving(
    server: RunwareHTTPServer, length: str, status: int
) -> None:
    # httpx will not send a wrong Content-Length, so this request is written by hand
    address = httpx.URL(server.url)
    with socket.create_connection((address.host, address.port), timeout=5) as connection:
        headers = f"Host: x\r\nAuthorization: Bearer k\r\nContent-Length: {length}\r\nConnection: close"
        connection.sendall(f"POST / HTTP/1.1\r\n{headers}\r\n\r\n[]".encode())
        answer = b"".join(iter(lambda: connection.recv(4096), b""))
    assert answer.startswith(f"HTTP/1.1 {status} ".encode()) and b'"errors"' in answer
    assert httpx.post(server.url, content=b"[]", headers=AUTH).status_code == 400, "still answering"


def test_a_missing_key_is_a_401(server: RunwareHTTPServer) -> None:
    response = httpx.post(server.url, content=b"[]")
    assert response.status_code == 401 and response.json()["errors"][0]["code"] == "invalidApiKey"


# -- a dependable development server ---------------------------------------------------------------

TASK = {
    "taskType": "textInference",
    "model": "zai-glm-4-7",
    "messages": [{"role": "user", "content": "Hello"}],
    "deliveryMethod": "sync",
}


def _task(**fields: object) -> dict[str, object]:
    return {**TASK, "taskUUID": str(uuid.uuid4()), **fields}


def _raw(server: RunwareHTTPServer, request: bytes, timeout: float = 5) -> bytes:
    """What the server answers to bytes written by hand, up to its closing the connection."""
    address = httpx.URL(server.url)
    with socket.create_connection((address.host, address.port), timeout=timeout) as connection:
        connection.sendall(request)
        return b"".join(iter(lambda: connection.recv(65536), b""))


def test_a_chunked_body_is_read_as_the_body(server: RunwareHTTPServer) -> None:
    body = json.dumps([_task()]).encode()
    chunks = b"".join(f"{len(part):x}\r\n".encode() + part + b"\r\n" for part in (body[:10], body[10:]))
    head = b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nTransfer-Encoding: chunked\r\n\r\n"
    ping = b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Length: 30\r\nConnection: close\r\n\r\n"
    answer = _raw(server, head + chunks + b"0\r\n\r\n" + ping + b'[{"taskType":"ping","ping":true}]'[:30])
    first, second = answer.split(b"HTTP/1.1 ")[1:]
    assert first.startswith(b"200 ") and b'"text"' in first, "the chunks are one body, not the next request"
    assert second.startswith(b"400 "), "the request after it is read as a request"


@pytest.mark.parametrize("length", ["²", "1_0", "1 2", "0x10", "+5", "-0"])
def test_content_length_is_ascii_digits_only(server: RunwareHTTPServer, length: str) -> None:
    head = f"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Length: {length}\r\n\r\n"
    answer = _raw(server, head.encode("utf-8") + b"[]")
    assert answer.startswith(b"HTTP/1.1 400 ") and b"invalidContentLength" in answer


def test_two_different_lengths_or_a_length_with_chunks_are_refused(server: RunwareHTTPServer) -> None:
    both = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n[]"
    mixed = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n[]"
    for request in (both, mixed):
        answer = _raw(server, request)
        assert answer.startswith(b"HTTP/1.1 400 ") and b"invalidContentLength" in answer


def test_a_client_that_leaves_midway_is_no_traceback(
    server: RunwareHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    address = httpx.URL(server.url)
    body = json.dumps([_task(deliveryMethod="stream")]).encode()
    for request in (
        b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Length: 100\r\n\r\n[",  # body cut short
        b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer k\r\nContent-Length: %d\r\n\r\n" % len(body) + body,
    ):
        with socket.create_connection((address.host, address.port)) as connection:
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # leave with a reset
            connection.sendall(request)
    assert httpx.post(server.url, json=[_task()], headers=AUTH).status_code == 200, "still serving"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out


def test_headers_that_come_too_slowly_get_a_408(spec: Spec) -> None:
    slow = RunwareHTTPServer(spec, header_timeout=0.3)
    slow.start()
    try:
        address = httpx.URL(slow.url)
        with socket.create_connection((address.host, address.port), timeout=5) as connection:
            connection.sendall(b"POST / HTTP/1.1\r\nHost: x\r\n")
            started = time.monotonic()
            answer = b"".join(iter(lambda: connection.recv(4096), b""))
        assert answer.startswith(b"HTTP/1.1 408 ") and b"requestTimeout" in answer
        assert time.monotonic() - started < 2
    finally:
        slow.shutdown()
        slow.server_close()


def test_an_idle_keep_alive_connection_is_closed(spec: Spec) -> None:
    idle = RunwareHTTPServer(spec, idle_timeout=0.3)
    idle.start()
    try:
        address = httpx.URL(idle.url)
        with socket.create_connection((address.host, address.port), timeout=5) as connection:
            started = time.monotonic()
            assert connection.recv(1) == b"", "closed by the server"
        assert time.monotonic() - started < 2
    finally:
        idle.shutdown()
        idle.server_close()


def test_serve_listens_on_ipv6_loopback(spec: Spec) -> None:
    six = RunwareHTTPServer(spec, "::1")
    six.start()
    try:
        assert six.url.startswith("http://[::1]:")
        assert httpx.post(six.url, json=[_task()], headers=AUTH).json()["data"][0]["taskType"] == "textInference"
    finally:
        six.shutdown()
        six.server_close()


def test_the_api_key_is_enforced_when_given(spec: Spec) -> None:
    keyed = RunwareHTTPServer(spec, api_key="right")
    keyed.start()
    try:
        wrong = httpx.post(keyed.url, json=[_task()], headers={"Authorization": "Bearer wrong"})
        right = httpx.post(keyed.url, json=[_task()], headers={"Authorization": "Bearer right"})
        in_body = httpx.post(keyed.url, json=[{"taskType": "authentication", "apiKey": "right"}, _task()])
        assert wrong.status_code == 401 and wrong.json()["errors"][0]["code"] == "invalidApiKey"
        assert right.status_code == 200 and in_body.status_code == 200
    finally:
        keyed.shutdown()
        keyed.server_close()


@pytest.mark.parametrize("text", ["999", "200", "42:retry-after=1", "429:retry-after=-1", "500:code=Bad Code", "x"])
def test_a_fault_that_cannot_be_is_refused(text: str) -> None:
    with pytest.raises(FaultError):
        Fault.parse(text)


def test_a_fault_posted_with_status_999_is_refused(server: RunwareHTTPServer) -> None:
    answer = httpx.post(f"{server.url}/_specgen/faults", json=[{"status": 999}])
    assert answer.status_code == 400 and "999" in answer.json()["errors"][0]["message"]
    assert len(server.state.faults) == 0


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost@evil.example/",
        "http://evil.example/",
        "http://127.0.0.1.evil.example/",
        "http://10.0.0.1/",
        "ftp://127.0.0.1/",
        "http://[::ffff:8.8.8.8]/",
        "http://localhost:99999/",
    ],
)
def test_the_webhook_guard_refuses_what_is_not_loopback(url: str) -> None:
    with pytest.raises(webhooks.WebhookRefusedError):
        webhooks.target(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x?token=1", "http://user@localhost:9/", "http://[::1]:9/"])
def test_the_webhook_guard_lets_loopback_through_to_the_address_it_checked(url: str) -> None:
    place = webhooks.target(url)
    assert ipaddress.ip_address(place.address).is_loopback and place.port == 9


def test_tasks_are_kept_up_to_a_bound(server: RunwareHTTPServer) -> None:
    server.state.tasks.capacity = 3
    sent = [_task(deliveryMethod="async") for _ in range(5)]
    assert httpx.post(server.url, json=sent, headers=AUTH).status_code == 200
    assert len(server.state.tasks) == 3
    polls = [{"taskType": "getResponse", "taskUUID": t["taskUUID"]} for t in sent]
    answer = httpx.post(server.url, json=polls, headers=AUTH).json()
    assert {e["taskUUID"] for e in answer["errors"]} == {t["taskUUID"] for t in sent[:2]}, "the oldest went"


def test_validation_has_a_time_limit(spec: Spec) -> None:
    hurried = RunwareHTTPServer(spec)
    hurried.engine.validation_time_limit = 0.05
    check_all = hurried.engine._check_all

    def slow_check_all(tasks: Any) -> Any:  # a validation that certainly outlasts the limit, on any machine
        time.sleep(0.5)
        return check_all(tasks)

    hurried.engine._check_all = slow_check_all  # type: ignore[method-assign]
    hurried.start()
    try:
        answer = httpx.post(hurried.url, json=[_task()], headers=AUTH, timeout=30)
        [error] = answer.json()["errors"]
        assert answer.status_code == 400 and "to validate" in error["message"]
    finally:
        hurried.shutdown()
        hurried.server_close()


def test_a_bad_websocket_handshake_or_a_vanished_client_is_no_traceback(
    server: RunwareHTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    upgrade = b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    refused = _raw(server, upgrade + b"\r\n")  # no Sec-WebSocket-Key
    address = httpx.URL(server.url)
    with socket.create_connection((address.host, address.port), timeout=5) as connection:
        key = b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        connection.sendall(upgrade + key)
        switched = connection.recv(4096)
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # leave with a reset
    time.sleep(0.2)
    assert refused.startswith(b"HTTP/1.1 400 ") and switched.startswith(b"HTTP/1.1 101 ")
    assert httpx.post(server.url, json=[_task()], headers=AUTH).status_code == 200, "still serving"
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
