"""`specgen serve`'s server at the HTTP level: whatever a client sends, it answers in Runware's
error envelope with a fitting status, and keeps serving."""

from __future__ import annotations

import socket

import httpx
import pytest

from generator.tools.serve.server import MAX_BODY, RunwareHTTPServer

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
