"""`specgen serve`: a Runware-compatible HTTP server on loopback, driven by the spec.

It checks every task with the compiled validator and answers in Runware's formats: sync results,
async acknowledgements and getResponse polling, Server-Sent Events streams (with `: ping`
comments and `[DONE]`), and error envelopes with the right status and parameter. `POST
/_specgen/validate` checks a body without running it (the reference page's try-it panel asks it),
and every answer allows any origin, so that the page, opened from a file, can call it. Faults can be
queued for the next requests (429 with Retry-After, 500, a slow answer, a stream dropped midway),
so that a client's retries, timeouts and error handling can be tested, and anyone can develop
against it without an API key.

The answers are deterministic: the text echoes the last user message.
"""

from __future__ import annotations

import ast
import contextlib
import json
import threading
import time
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from generator.compiler.inmemory import validators_for
from generator.core import jsontext, naming
from generator.core import pointer as jp
from generator.spec.model import Spec
from generator.spec.runware import REQUEST_BODY

ADMIN = "/_specgen"
MAX_BODY = 64 * 1024 * 1024  # bytes: a test server need not read whatever a client claims to send


@dataclass(frozen=True)
class Fault:
    """What to do to one request instead of (or before) answering it."""

    status: int | None = None  # answer with this status and an error envelope
    retry_after: float | None = None  # with a Retry-After header
    delay: float = 0.0  # wait this long before answering
    drop_after: int | None = None  # a stream: close the connection after this many chunks
    error_after: int | None = None  # a stream: send an {"errors": [...]} frame after this many chunks
    parameter: str | None = None  # named in the error envelope of `status`

    @classmethod
    def parse(cls, text: str) -> Fault:
        """`429`, `429:retry-after=1`, `400:parameter=seed`, `500`, `slow:2.5`, `drop:3`,
        `stream-error:2` (the --fault syntax)."""
        kind, _, argument = text.partition(":")
        if kind == "slow":
            return cls(delay=float(argument or 1))
        if kind == "drop":
            return cls(drop_after=int(argument or 1))
        if kind == "stream-error":
            return cls(error_after=int(argument or 1))
        if kind.isdigit():
            options = dict(part.partition("=")[::2] for part in argument.split(",") if part)
            after = options.get("retry-after")
            return cls(
                status=int(kind), retry_after=float(after) if after else None, parameter=options.get("parameter")
            )
        raise ValueError(
            f"{text!r} is not a fault: use STATUS[:retry-after=S,parameter=P], slow:S, drop:N or stream-error:N"
        )

    @classmethod
    def from_json(cls, value: dict[str, Any]) -> Fault:
        return cls(
            status=value.get("status"),
            retry_after=value.get("retry_after"),
            delay=float(value.get("delay", 0)),
            drop_after=value.get("drop_after"),
            error_after=value.get("error_after"),
            parameter=value.get("parameter"),
        )


@dataclass
class ServerState:
    """What the server remembers: queued faults, every task it received, async tasks."""

    faults: deque[Fault] = field(default_factory=deque)
    received: list[dict[str, Any]] = field(default_factory=list)
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)  # taskUUID -> task and polls
    lock: threading.Lock = field(default_factory=threading.Lock)
    polls_until_done: int = 1  # getResponse answers "processing" this many times first

    def next_fault(self) -> Fault | None:
        with self.lock:
            return self.faults.popleft() if self.faults else None


def _words(text: str) -> list[str]:
    return text.split() or ["…"]


class Generation:
    """The deterministic "model": it echoes the last user message, and thinks out loud when asked."""

    def __init__(self, task: dict[str, Any], index: int = 0) -> None:
        self.task = task
        settings = task.get("settings", {})
        user = [m.get("content", "") for m in task.get("messages", []) if m.get("role") == "user"]
        prompt = user[-1] if user else ""
        limit = settings.get("maxTokens", 32768)
        words = _words(f"You said: {prompt}" + (f" (variation {index + 1})" if index else ""))
        self.finish_reason = "length" if len(words) > limit else "stop"
        self.words = words[:limit]
        thinking = settings.get("thinkingLevel", "none") != "none"
        self.reasoning = f"The user wrote {len(_words(prompt))} words; I will repeat them." if thinking else ""
        self.prompt_tokens = sum(len(_words(str(m.get("content", "")))) for m in task.get("messages", []))

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def usage(self) -> dict[str, int]:
        completion = len(self.words)
        usage = {
            "promptTokens": self.prompt_tokens,
            "completionTokens": completion,
            "totalTokens": self.prompt_tokens + completion,
        }
        if self.reasoning:
            usage["thinkingTokens"] = len(_words(self.reasoning))
        return usage

    def extras(self) -> dict[str, Any]:
        """usage and cost, when the task asked for them."""
        extras: dict[str, Any] = {}
        if self.task.get("includeUsage"):
            extras["usage"] = self.usage()
        if self.task.get("includeCost"):
            extras["cost"] = round(self.usage()["totalTokens"] * 0.000002, 8)
        return extras

    def result(self) -> dict[str, Any]:
        base = {
            "taskType": self.task["taskType"],
            "taskUUID": self.task["taskUUID"],
            "text": self.text,
            "finishReason": self.finish_reason,
        }
        if self.reasoning:
            base["reasoningContent"] = [self.reasoning]
        return {**base, **self.extras()}


def _parameter(problem: Any) -> tuple[str, str]:
    """The parameter a validation problem is about, dotted (`settings.temperature`), and a code."""
    parts = jp.split(problem.path)
    if problem.keyword == "required":
        missing = ast.literal_eval(problem.message.split(" is a required property")[0])
        return ".".join([*parts, str(missing)]), "missingParameter"
    if problem.keyword == "additionalProperties":
        return ".".join(parts), "unknownParameter"
    return ".".join(parts), "invalid" + naming.pascal(parts[-1] if parts else "task")


def error_envelope(problems: list[Any], task: Any) -> dict[str, Any]:
    """Runware's error envelope for validation problems: one item per problem."""
    items = []
    for problem in problems:
        parameter, code = _parameter(problem)
        item = {"code": code, "message": problem.message, "parameter": parameter}
        if isinstance(task, dict):
            item.update({k: task[k] for k in ("taskType", "taskUUID") if isinstance(task.get(k), str)})
        items.append(item)
    return {"errors": items}


class Handler(BaseHTTPRequestHandler):
    server: RunwareHTTPServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    # -- answering
    def end_headers(self) -> None:
        # A development server on loopback: the reference page, opened from a file, may call it.
        self.send_header("Access-Control-Allow-Origin", "*")
        super().end_headers()

    def do_OPTIONS(self) -> None:
        """The CORS preflight a browser sends before a POST with a Bearer key."""
        self.send_response(204)
        self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
        self.send_header("Access-Control-Allow-Private-Network", "true")
        self.send_header("Access-Control-Max-Age", "600")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send_json(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _error(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None, parameter: str | None = None
    ) -> None:
        item = {"code": code, "message": message, **({"parameter": parameter} if parameter else {})}
        self._send_json(status, {"errors": [item]}, headers)

    def _chunk(self, text: str) -> None:
        data = text.encode()
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()

    # -- requests
    def do_GET(self) -> None:
        if self.path == f"{ADMIN}/received":
            with self.server.state.lock:
                self._send_json(200, self.server.state.received)
            return
        self._error(404, "notFound", "POST task arrays to /")

    def do_POST(self) -> None:
        length = self.headers.get("Content-Length") or "0"
        if not length.isdigit():
            self._error(400, "invalidContentLength", "Content-Length must be a number of bytes.")
            return
        if int(length) > MAX_BODY:
            self.close_connection = True  # the body is left unread
            self._error(413, "payloadTooLarge", f"The body must be at most {MAX_BODY} bytes.")
            return
        raw = self.rfile.read(int(length))
        if self.path == f"{ADMIN}/faults":
            self._queue_faults(raw)
            return
        if self.path == f"{ADMIN}/validate":
            self._validate_only(raw)
            return
        if not self.headers.get("Authorization", "").removeprefix("Bearer ").strip():
            self._error(401, "invalidApiKey", "A Bearer API key is required.")
            return
        try:
            body = jsontext.loads(raw.decode("utf-8"))
        except UnicodeDecodeError:
            self._error(400, "invalidJson", "The body is not UTF-8.")
            return
        except jsontext.JsonTextError as error:
            self._error(400, "invalidJson", f"Unreadable body: {error}.")
            return
        if not isinstance(body, list) or not body:
            self._error(400, "invalidBody", "You must always POST an array of task objects.")
            return
        with self.server.state.lock:
            self.server.state.received += [t for t in body if isinstance(t, dict)]
        fault = self.server.state.next_fault()
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status:
            headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else None
            phrase = naming.pascal(HTTPStatus(fault.status).phrase)  # TooManyRequests -> tooManyRequests
            code = phrase[:1].lower() + phrase[1:]
            self._error(fault.status, code, f"Injected fault: {fault.status}", headers, fault.parameter)
            return
        self._answer(body, fault)

    def _queue_faults(self, raw: bytes) -> None:
        try:
            faults = [Fault.from_json(item) for item in jsontext.loads(raw.decode("utf-8"))]
        except (ValueError, TypeError, AttributeError):  # JsonTextError and UnicodeDecodeError are ValueErrors
            self._error(400, "invalidFaults", "POST a JSON array of faults")
            return
        with self.server.state.lock:
            self.server.state.faults.extend(faults)
        self._send_json(200, {"queued": len(faults)})

    def _validate_only(self, raw: bytes) -> None:
        """Every problem the generated validator finds in a request body, nothing run."""
        try:
            body = jsontext.loads(raw.decode("utf-8"))
        except ValueError as error:  # JsonTextError and UnicodeDecodeError
            self._error(400, "invalidJson", f"Unreadable body: {error}.")
            return
        problems = self.server.validate_body(body)
        errors = [{"path": p.path, "keyword": p.keyword, "message": p.message} for p in problems]
        self._send_json(200, {"valid": not errors, "errors": errors})

    def _answer(self, tasks: list[Any], fault: Fault | None) -> None:
        data: list[dict[str, Any]] = []
        errors: list[dict[str, Any]] = []
        for task in tasks:
            if isinstance(task, dict) and task.get("taskType") == "getResponse":
                poll = self._poll(task)
                (errors if "code" in poll else data).append(poll)
                continue
            problems = self.server.validate_task(task)
            if problems:
                self._send_json(400, error_envelope(problems, task))
                return
            method = task.get("deliveryMethod", "sync")
            if method == "stream":
                self._stream(task, fault)
                return
            if method == "async":
                with self.server.state.lock:
                    self.server.state.pending[task["taskUUID"]] = {"task": task, "polls": 0}
                data.append({"taskType": task["taskType"], "taskUUID": task["taskUUID"], "status": "processing"})
                continue
            results = [Generation(task, n).result() for n in range(task.get("numberResults", 1))]
            data += results
            self._webhook(task, results)
        self._send_json(200, {"data": data, **({"errors": errors} if errors else {})})

    def _poll(self, task: dict[str, Any]) -> dict[str, Any]:
        uuid = task.get("taskUUID")
        with self.server.state.lock:
            entry = self.server.state.pending.get(uuid) if isinstance(uuid, str) else None
            if entry is None:
                return {"code": "taskNotFound", "message": "No such task.", "taskUUID": uuid, "status": "error"}
            entry["polls"] += 1
            done = entry["polls"] > self.server.state.polls_until_done
        if not done:
            return {"taskType": "getResponse", "taskUUID": uuid, "status": "processing", "progress": 50}
        result = Generation(entry["task"]).result()
        return {**result, "taskType": "getResponse", "status": "success", "progress": 100}

    def _stream(self, task: dict[str, Any], fault: Fault | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        generation = Generation(task)
        head = {"taskUUID": task["taskUUID"], "taskType": task["taskType"]}
        frames = [": ping\n\n"]
        if generation.reasoning:
            frames.append(_data({**head, "delta": {"reasoningContent": generation.reasoning}}))
        for position, word in enumerate(generation.words):
            frames.append(
                _data({**head, "delta": {"text": word if position == 0 else " " + word}, "finishReason": None})
            )
            if position == 0:
                frames.append(": ping\n\n")
        frames.append(_data({**head, "delta": {}, "finishReason": generation.finish_reason, **generation.extras()}))
        frames.append("data: [DONE]\n\n")
        for number, frame in enumerate(frames):
            if fault and fault.error_after is not None and number >= fault.error_after:
                failure = {"errors": [{"code": "timeoutProvider", "message": "The provider timed out.", **head}]}
                self._chunk(_data(failure))
                self.wfile.write(b"0\r\n\r\n")
                return
            if fault and fault.drop_after is not None and number >= fault.drop_after:
                self.close_connection = True
                self.wfile.flush()
                self.connection.close()  # no terminating chunk: the client sees the body cut short
                return
            self._chunk(frame)
        self.wfile.write(b"0\r\n\r\n")

    def _webhook(self, task: dict[str, Any], results: list[dict[str, Any]]) -> None:
        url = task.get("webhookURL")
        if not isinstance(url, str) or not url.startswith(("http://127.0.0.1", "http://localhost")):
            return  # loopback only: a development server does not call out to the internet

        def deliver() -> None:
            for result in results:
                request = urllib.request.Request(url, json.dumps(result).encode(), {"Content-Type": "application/json"})
                with contextlib.suppress(OSError):  # best effort, as a development server should
                    urllib.request.urlopen(request, timeout=5).close()

        threading.Thread(target=deliver, daemon=True).start()


def _data(frame: dict[str, Any]) -> str:
    return f"data: {json.dumps(frame)}\n\n"


class RunwareHTTPServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, spec: Spec, host: str = "127.0.0.1", port: int = 0, verbose: bool = False) -> None:
        super().__init__((host, port), Handler)
        self.spec = spec
        validators = validators_for(spec).VALIDATORS
        self.validate_task = validators[spec.schemas[0].title].validate
        # A whole body: the spec's RequestBody when it has one, else an array of tasks.
        self.validate_body = validators[REQUEST_BODY].validate if REQUEST_BODY in validators else self._validate_tasks
        self.state = ServerState()
        self.verbose = verbose

    def _validate_tasks(self, body: Any) -> list[Any]:
        tasks = body if isinstance(body, list) else [body]
        return [problem for task in tasks for problem in self.validate_task(task)]

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host if isinstance(host, str) else host.decode()}:{port}"

    def inject(self, *faults: Fault) -> None:
        with self.state.lock:
            self.state.faults.extend(faults)

    def start(self) -> threading.Thread:
        """Serve in a background thread (for tests and embedding); `shutdown()` stops it."""
        thread = threading.Thread(target=self.serve_forever, daemon=True)
        thread.start()
        return thread
