"""Runware's protocol, whatever carries it: a request is an array of tasks, answered with
`{"data": [...], "errors": [...]}`. REST (http.py) and WebSocket (websocket.py) both hand their
task arrays to one Engine, which checks the key, applies queued faults, validates each task on its
own (one bad task fails alone), runs it by its delivery method, and remembers a bounded number of
tasks for getResponse and getTaskDetails."""

from __future__ import annotations

import concurrent.futures
import threading
import time
import uuid
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.compiler.inmemory import validators_for
from generator.spec.model import Spec
from generator.spec.runware import (
    AUTHENTICATION,
    DELIVERY_METHOD,
    PING,
    POLL,
    POLL_TASK,
    REQUEST_BODY,
    RESULTS_COUNT,
    TASK_DETAILS,
    TASK_ID,
    TASK_TYPE,
    WEBHOOK_URL,
)
from generator.tools.serve.faults import Fault
from generator.tools.serve.generation import Generation
from generator.tools.serve.vocabulary import Failure, error_item, problem_failures
from generator.tools.serve.webhooks import Webhooks

RETAINED_TASKS = 10_000  # tasks kept for getResponse/getTaskDetails; the oldest go first
RETAINED_RECEIVED = 10_000  # tasks kept for GET /_specgen/received
VALIDATION_TIME_LIMIT = 5.0  # seconds a request's tasks may take to validate


@dataclass
class Entry:
    """A task serve ran: its request, its results (or its failure), and how often it was polled."""

    task: dict[str, Any]
    results: list[dict[str, Any]]
    failure: dict[str, Any] | None = None
    polls: int = 0


class TaskStore:
    """The last `capacity` tasks by taskUUID."""

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self._entries: OrderedDict[str, Entry] = OrderedDict()

    def __contains__(self, task_uuid: str) -> bool:
        return task_uuid in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, task_uuid: Any) -> Entry | None:
        return self._entries.get(task_uuid) if isinstance(task_uuid, str) else None

    def put(self, task_uuid: str, entry: Entry) -> None:
        self._entries[task_uuid] = entry
        while len(self._entries) > self.capacity:
            self._entries.popitem(last=False)


@dataclass
class ServerState:
    """What the server remembers: queued faults, the tasks it received, the tasks it ran."""

    faults: deque[Fault] = field(default_factory=deque)
    received: list[dict[str, Any]] = field(default_factory=list)  # the last RETAINED_RECEIVED
    tasks: TaskStore = field(default_factory=lambda: TaskStore(RETAINED_TASKS))
    lock: threading.Lock = field(default_factory=threading.Lock)
    polls_until_done: int = 1  # getResponse answers "processing" this many times first

    def next_fault(self) -> Fault | None:
        with self.lock:
            return self.faults.popleft() if self.faults else None

    def receive(self, tasks: list[Any]) -> None:
        with self.lock:
            self.received += [t for t in tasks if isinstance(t, dict)]
            del self.received[:-RETAINED_RECEIVED]


@dataclass
class StreamJob:
    """A task delivered as a stream: its results' chunks, in order, as the transport writes them."""

    task: dict[str, Any]
    fault: Fault | None
    on_end: Callable[[StreamJob], None]

    @property
    def generations(self) -> list[Generation]:
        return [Generation(self.task, n) for n in range(self.task.get(RESULTS_COUNT, 1))]

    def frames(self) -> Iterator[tuple[str, Any]]:
        """("ping", None), ("chunk", chunk), then ("end", results); or, for a fault, ("error",
        envelope) or ("drop", None) in their place."""
        chunks = [chunk for generation in self.generations for chunk in generation.stream_chunks()]
        fault = self.fault
        for number, chunk in enumerate(chunks):
            if fault and fault.error_after is not None and number >= fault.error_after:
                message = "The provider timed out." if fault.error_code == "timeoutProvider" else "The stream failed."
                yield "error", {"errors": [error_item(fault.error_code, message, self.task)]}
                return
            if fault and fault.drop_after is not None and number >= fault.drop_after:
                yield "drop", None
                return
            yield ("ping", None) if chunk is None else ("chunk", chunk)
        self.on_end(self)
        yield "end", [generation.result() for generation in self.generations]


@dataclass
class Reply:
    """The answer to one task array: a status, `data` and `errors`, headers, and any streams."""

    status: int = 200
    data: list[dict[str, Any]] = field(default_factory=list)
    errors: list[Failure] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)
    streams: list[StreamJob] = field(default_factory=list)

    @property
    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"data": self.data}
        if self.errors:
            body["errors"] = [failure.item for failure in self.errors]
        return body

    @classmethod
    def failed(cls, failures: list[Failure], headers: dict[str, str] | None = None) -> Reply:
        return cls(status=failures[0].status, errors=failures, headers=headers or {})


class Engine:
    """Runs task arrays for one spec (see the module docstring)."""

    def __init__(
        self,
        spec: Spec,
        api_key: str | None = None,
        say: Callable[[str], None] = lambda line: None,
        validation_time_limit: float = VALIDATION_TIME_LIMIT,
    ) -> None:
        self.spec = spec
        self.api_key = api_key  # None: any non-empty key is accepted
        self.say = say
        self.validation_time_limit = validation_time_limit
        validators = validators_for(spec).VALIDATORS
        self.task_type = spec.task_type
        self._validate_task = validators[spec.schemas[0].title].validate
        self._validate_poll = validators[POLL_TASK].validate if POLL_TASK in validators else None
        self._validate_body = validators[REQUEST_BODY].validate if REQUEST_BODY in validators else None
        # validation runs here so that a request can be given up at its time limit; two workers,
        # so that one request that takes too long does not hold up every other
        self._validation = concurrent.futures.ThreadPoolExecutor(max_workers=2, thread_name_prefix="validate")
        self.state = ServerState()
        self.webhooks = Webhooks(say)
        self.session_id = str(uuid.uuid4())

    def problems(self, body: Any) -> list[Any]:
        """Every problem the generated validator finds in a whole request body, nothing run (the
        reference page's try-it panel asks this): the spec's RequestBody, else each task."""
        if self._validate_body is not None:
            return list(self._validate_body(body))
        tasks = body if isinstance(body, list) else [body]
        return [problem for task in tasks for problem in self._validate_task(task)]

    def close(self) -> None:
        self._validation.shutdown(wait=False, cancel_futures=True)

    # -- authentication
    def check_key(self, key: Any) -> Failure | None:
        """None if the key may use the server; else the 401 to answer."""
        if not isinstance(key, str) or not key.strip():
            return Failure(401, error_item("invalidApiKey", "An API key is required: send Authorization: Bearer KEY."))
        if self.api_key is not None and key != self.api_key:
            return Failure(401, error_item("invalidApiKey", "Invalid API key."))
        return None

    def authentication_item(self, task: dict[str, Any]) -> dict[str, Any]:
        session = task.get("connectionSessionUUID")
        return {
            TASK_TYPE: AUTHENTICATION,
            "connectionSessionUUID": session if isinstance(session, str) else str(uuid.uuid4()),
        }

    # -- requests
    def handle(self, tasks: Any, key: str | None, *, rest: bool) -> Reply:
        """The reply to one task array; `key` from the Authorization header (REST) or the
        connection's authentication (WebSocket), unless the array's first task authenticates."""
        data: list[dict[str, Any]] = []
        first = tasks[0] if isinstance(tasks, list) and tasks else None
        if isinstance(first, dict) and first.get(TASK_TYPE) == AUTHENTICATION:
            key, tasks = first.get("apiKey"), tasks[1:]
            if not rest:
                data.append(self.authentication_item(first))
            if not tasks:  # an authentication alone
                return Reply.failed([refused]) if (refused := self.check_key(key)) else Reply(data=data)
        refused = self.check_key(key)
        if refused:
            return Reply.failed([refused])
        if not isinstance(tasks, list) or not tasks:
            return Reply.failed(
                [Failure(400, error_item("invalidBody", "You must always POST an array of task objects."))]
            )
        self.state.receive(tasks)
        fault = self.state.next_fault()
        if fault and fault.delay:
            time.sleep(fault.delay)
        if fault and fault.status:
            return self._fault_reply(fault, tasks)
        try:
            checked = self._validation.submit(self._check_all, tasks).result(timeout=self.validation_time_limit)
        except concurrent.futures.TimeoutError:
            message = f"The tasks took more than the server's {self.validation_time_limit:g} s to validate."
            return Reply.failed([Failure(400, error_item("invalidRequest", message))])
        reply = Reply(data=data)
        for task, failures in zip(tasks, checked, strict=True):
            if failures:
                reply.errors += failures
                continue
            self._run(task, fault, reply, rest=rest, alone=len(tasks) == 1)
        if reply.errors and not reply.data and not reply.streams:
            reply.status = reply.errors[0].status
        return reply

    def _fault_reply(self, fault: Fault, tasks: list[Any]) -> Reply:
        headers = {"Retry-After": f"{fault.retry_after:g}"} if fault.retry_after is not None else {}
        message = f"Injected fault: {fault.status}"
        items = [
            error_item(fault.error_code, message, task, fault.parameter) for task in tasks if isinstance(task, dict)
        ]
        items = items or [error_item(fault.error_code, message, None, fault.parameter)]
        return Reply.failed([Failure(fault.error_status, item) for item in items], headers)

    def _check_all(self, tasks: list[Any]) -> list[list[Failure]]:
        return [self._check(task) for task in tasks]

    def _check(self, task: Any) -> list[Failure]:
        """The task's validation errors, by its taskType."""
        kind = task.get(TASK_TYPE) if isinstance(task, dict) else None
        if kind == PING:
            if task.get("ping") is not True:
                return [Failure(400, error_item("invalidPing", "A ping task has ping: true.", task, "ping"))]
            return []
        if kind == AUTHENTICATION:
            message = "authentication must be the first task of a request."
            return [Failure(400, error_item("invalidTaskType", message, task, TASK_TYPE))]
        if kind == TASK_DETAILS or (kind == POLL and self._validate_poll is None):
            if not isinstance(task.get(TASK_ID), str):
                return [
                    Failure(400, error_item("missingTaskUUID", f"{kind} needs the taskUUID of a task.", task, TASK_ID))
                ]
            return []
        validate = self._validate_poll if kind == POLL and self._validate_poll else self._validate_task
        failures = problem_failures(list(validate(task)), task)
        if not failures and kind not in (POLL,) and task[TASK_ID] in self.state.tasks:
            message = f"A task with taskUUID {task[TASK_ID]} exists already: use a new UUID for each task."
            failures = [Failure(400, error_item("conflictTaskUUID", message, task, TASK_ID))]
        return failures

    def _run(self, task: dict[str, Any], fault: Fault | None, reply: Reply, *, rest: bool, alone: bool) -> None:
        kind = task[TASK_TYPE]
        if kind == PING:
            reply.data.append({TASK_TYPE: PING, "pong": True})
            return
        if kind == POLL:
            self._poll(task[TASK_ID], reply)
            return
        if kind == TASK_DETAILS:
            self._details(task, reply)
            return
        method = task.get(DELIVERY_METHOD, "sync")
        count = task.get(RESULTS_COUNT, 1)
        if method == "stream":
            if rest and not alone:
                message = "A stream task must be the only task of its request."
                reply.errors.append(
                    Failure(400, error_item("unsupportedDeliveryMethod", message, task, DELIVERY_METHOD))
                )
                return
            reply.streams.append(StreamJob(task, fault, self._stream_ended))
            return
        results = [Generation(task, n).result() for n in range(count)]
        if method == "async":
            failure = None
            if fault and fault.async_error:
                failure = error_item(fault.error_code, "The task failed after it was accepted.", task, fault.parameter)
            self._remember(task, results, failure)
            reply.data.append({TASK_TYPE: kind, TASK_ID: task[TASK_ID], "status": "processing"})
            self._notify(task, [] if failure else results, failure)
            return
        self._remember(task, results)
        reply.data += results
        self._notify(task, results)

    def _stream_ended(self, job: StreamJob) -> None:
        results = [generation.result() for generation in job.generations]
        self._remember(job.task, results)
        self._notify(job.task, results)

    def _remember(
        self, task: dict[str, Any], results: list[dict[str, Any]], failure: dict[str, Any] | None = None
    ) -> None:
        with self.state.lock:
            self.state.tasks.put(task[TASK_ID], Entry(task, results, failure))

    def _notify(
        self, task: dict[str, Any], results: list[dict[str, Any]], failure: dict[str, Any] | None = None
    ) -> None:
        """The task's webhook calls: one per result, or its error."""
        bodies = [{"errors": [failure]}] if failure else [{"data": [result]} for result in results]
        self.webhooks.send(task.get(WEBHOOK_URL), bodies)

    def _poll(self, task_uuid: str, reply: Reply) -> None:
        with self.state.lock:
            entry = self.state.tasks.get(task_uuid)
            if entry is not None:
                entry.polls += 1
                done = entry.polls > self.state.polls_until_done
        if entry is None:
            message = f"No such task: {task_uuid} (unknown, or no longer kept)."
            reply.errors.append(Failure(404, {**error_item("taskFailedOrNotFound", message), TASK_ID: task_uuid}))
            return
        kind = entry.task[TASK_TYPE]
        if not done:
            progress = min(99, 100 * entry.polls // (self.state.polls_until_done + 1))
            reply.data.append({TASK_TYPE: kind, TASK_ID: task_uuid, "status": "processing", "progress": progress})
        elif entry.failure is not None:
            # the poll itself worked: 200, with the task's failure in `errors` (Runware's task polling)
            reply.errors.append(Failure(200, {**entry.failure, "status": "error"}))
        else:
            reply.data += [{**result, "status": "success", "progress": 100} for result in entry.results]

    def _details(self, task: dict[str, Any], reply: Reply) -> None:
        with self.state.lock:
            entry = self.state.tasks.get(task[TASK_ID])
        if entry is None:
            message = f"No such task: {task[TASK_ID]} (unknown, or no longer kept)."
            reply.errors.append(Failure(404, error_item("taskFailedOrNotFound", message, task)))
            return
        response: dict[str, Any] = {"data": entry.results}
        if entry.failure:
            response = {"data": [], "errors": [entry.failure]}
        reply.data.append(
            {TASK_TYPE: TASK_DETAILS, TASK_ID: task[TASK_ID], "request": [entry.task], "response": response}
        )
