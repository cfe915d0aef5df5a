"""The client at openai-python's level: defaults, per-call options, raw responses, stream objects,
an error hierarchy that keeps its causes, pickles and never holds the key."""

from __future__ import annotations

import asyncio
import json
import pickle
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import zai_glm_4_7 as glm

from generator.tools.serve.server import Fault, RunwareHTTPServer

KEY = "sk-test-0123456789abcdef-secret"
HELLO: list[glm.MessageParam] = [{"role": "user", "content": "Hello there"}]
REQUEST_ID = "req_0123"


@pytest.fixture
def client(server: RunwareHTTPServer) -> Iterator[glm.Client]:
    with glm.Client(api_key=KEY, base_url=server.url, retry=glm.RetryPolicy(max_retries=2, initial_delay=0.01)) as made:
        yield made


def mock_client(answer: Any, **options: Any) -> glm.Client:
    """A client whose HTTP answers come from `answer(request)`, with a request id on every one."""

    def handler(request: httpx.Request) -> httpx.Response:
        response: httpx.Response = answer(request)
        response.headers["x-request-id"] = REQUEST_ID
        return response

    return glm.Client(api_key=KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **options)


def echo(request: httpx.Request) -> httpx.Response:
    [task] = json.loads(request.content)
    result = {"taskType": "textInference", "taskUUID": task["taskUUID"], "text": "ok", "finishReason": "stop"}
    return httpx.Response(200, json={"data": [result]})


# -- defaults and options -------------------------------------------------------------------------


def test_there_is_a_default_timeout_and_none_means_none() -> None:
    assert glm.Client(api_key=KEY).timeout == glm.DEFAULT_TIMEOUT == glm.AsyncClient(api_key=KEY).timeout
    assert glm.DEFAULT_TIMEOUT.read is not None and glm.DEFAULT_TIMEOUT.connect is not None
    assert glm.Client(api_key=KEY, timeout=None).timeout == httpx.Timeout(None)
    assert glm.Client(api_key=KEY, timeout=3).timeout == httpx.Timeout(3)


def test_the_default_timeout_reaches_the_request() -> None:
    seen: list[dict[str, Any]] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.extensions["timeout"])
        return echo(request)

    mock_client(answer).text_inference(messages=HELLO)
    assert seen == [glm.DEFAULT_TIMEOUT.as_dict()]


def test_with_options_changes_a_copy_and_shares_connections(client: glm.Client, server: RunwareHTTPServer) -> None:
    patient = client.with_options(timeout=30, max_retries=5, default_headers={"X-Team": "docs"})
    assert (patient.timeout, patient.max_retries) == (httpx.Timeout(30), 5)
    assert (client.timeout, client.max_retries) == (glm.DEFAULT_TIMEOUT, 2), "the original is unchanged"
    transports = (patient._transport, client._transport)
    assert all(isinstance(t, glm._runtime.SyncTransport) for t in transports)
    assert getattr(patient._transport, "_http") is getattr(client._transport, "_http")  # noqa: B009
    server.inject(*[Fault(status=503)] * 4)
    assert patient.text_inference(messages=HELLO).text, "five retries outlast four failures"
    patient.close()
    assert client.text_inference(messages=HELLO).text, "closing the copy leaves the shared connections open"


def test_per_call_retries_headers_and_body() -> None:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(503) if len(sent) == 1 else echo(request)

    client = mock_client(answer, max_retries=0, retry=glm.RetryPolicy(max_retries=0, initial_delay=0.01))
    with pytest.raises(glm.ServerError):
        client.text_inference(messages=HELLO)
    sent.clear()
    client.text_inference(
        messages=HELLO,
        max_retries=1,
        extra_headers={"X-Trace": "t-1"},
        extra_body={"settings": {"futureKnob": 3}, "experimental": True},
        max_tokens=8,
    )
    [first, second] = sent
    task = json.loads(second.content)[0]
    assert second.headers["x-trace"] == "t-1" and task["experimental"] is True
    assert task["settings"] == {"maxTokens": 8, "futureKnob": 3}, "extra_body merges into what the arguments give"
    assert json.loads(first.content) == json.loads(second.content), "a retry sends the same task"


def test_settings_take_a_model_or_a_dict_under_the_field_arguments(
    client: glm.Client, server: RunwareHTTPServer
) -> None:
    client.text_inference(messages=HELLO, settings=glm.Settings(max_tokens=5, top_k=3), top_k=7)
    client.text_inference(messages=[glm.Message(role="user", content="Hi")], settings={"temperature": 0.5})
    first, second = server.state.received
    assert first["settings"] == {"maxTokens": 5, "topK": 7}
    assert second["settings"] == {"temperature": 0.5} and second["messages"] == [{"role": "user", "content": "Hi"}]


def test_an_explicit_null_the_spec_forbids_is_refused_before_sending(client: glm.Client) -> None:
    with pytest.raises(glm.InvalidPayloadError, match="/settings/systemPrompt"):
        client.text_inference(messages=HELLO, settings=glm.Settings(system_prompt=None))


# -- raw responses --------------------------------------------------------------------------------


def test_with_raw_response_gives_headers_status_and_request_id() -> None:
    client = mock_client(echo)
    raw = client.with_raw_response.text_inference(messages=HELLO)
    assert (raw.status_code, raw.request_id, raw.headers["content-type"]) == (200, REQUEST_ID, "application/json")
    result = raw.parse()
    assert isinstance(result, glm.TextInferenceResult) and result.text == "ok"


def test_raw_submit_and_poll(client: glm.Client, server: RunwareHTTPServer) -> None:
    raw = client.with_raw_response.text_inference_submit(messages=HELLO)
    task_uuid = raw.parse()
    assert raw.status_code == 200 and uuids(server) == [task_uuid]
    assert client.with_raw_response.get_response(task_uuid).parse().task_uuid == task_uuid


def uuids(server: RunwareHTTPServer) -> list[str]:
    return [task["taskUUID"] for task in server.state.received]


# -- streams --------------------------------------------------------------------------------------


def test_a_stream_is_an_object_with_helpers(client: glm.Client) -> None:
    with client.text_inference_stream(messages=HELLO, include_usage=True) as stream:
        first = next(iter(stream))
        assert isinstance(first, glm.StreamChunk) and stream.response.status_code == 200
        assert stream.final_text() == "You said: Hello there", "the text of chunks already read counts too"
        usage = stream.final_usage()
        assert isinstance(usage, glm.Usage) and usage.total_tokens == 6
        assert stream.chunks[0] is first and stream.chunks[-1].finish_reason == "stop"
    assert stream.response.is_closed


def test_closing_a_stream_early_lets_the_connection_go(client: glm.Client) -> None:
    stream = client.text_inference_stream(messages=HELLO)
    next(stream)
    stream.close()
    assert stream.response.is_closed
    assert client.text_inference(messages=HELLO).text, "the client goes on"


def test_the_async_stream_has_the_same_helpers(server: RunwareHTTPServer) -> None:
    async def scenario() -> tuple[str, glm.Usage | None]:
        async with (
            glm.AsyncClient(api_key=KEY, base_url=server.url) as client,
            await client.text_inference_stream(messages=HELLO, include_usage=True) as stream,
        ):
            return await stream.final_text(), await stream.final_usage()

    text, usage = asyncio.run(scenario())
    assert text == "You said: Hello there" and usage is not None and usage.total_tokens == 6


# -- errors ---------------------------------------------------------------------------------------


def test_an_error_has_status_response_request_id_and_the_sent_task() -> None:
    client = mock_client(
        lambda request: httpx.Response(400, json={"errors": [{"code": "invalidSeed", "message": "no"}]})
    )
    with pytest.raises(glm.InvalidRequestError) as raised:
        client.text_inference(messages=HELLO, task_uuid="3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b")
    error = raised.value
    assert (error.status_code, error.request_id, error.code) == (400, REQUEST_ID, "invalidSeed")
    assert error.task_uuid == "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b", "the envelope has none: the task sent"
    assert error.response is not None and error.response.status_code == 400
    assert isinstance(error, glm.APIStatusError) and isinstance(error, glm.RunwareError)


def test_a_connection_error_keeps_its_cause() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(glm.APIConnectionError) as raised:
        mock_client(refuse, max_retries=0).text_inference(messages=HELLO)
    assert isinstance(raised.value.__cause__, httpx.ConnectError) and raised.value.task_uuid


def test_errors_pickle(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(status=402))
    with pytest.raises(glm.InsufficientCreditsError) as raised:
        client.text_inference(messages=HELLO)
    copy = pickle.loads(pickle.dumps(raised.value))
    assert type(copy) is glm.InsufficientCreditsError and str(copy) == str(raised.value)
    assert (copy.status_code, copy.task_uuid, copy.errors) == (402, raised.value.task_uuid, raised.value.errors)
    with pytest.raises(glm.InvalidPayloadError) as invalid:
        client.text_inference(messages=[])
    again = pickle.loads(pickle.dumps(invalid.value))
    assert [e.path for e in again.errors] == [e.path for e in invalid.value.errors] == ["/messages"]


def reachable(error: BaseException) -> list[str]:
    """What an error lets a caller reach: itself, its causes and contexts, their requests' headers."""
    texts, seen = [], set()
    current: BaseException | None = error
    stack = [error]
    while stack:
        current = stack.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        texts += [repr(current), str(current), repr(vars(current))]
        for attribute in ("request", "response"):
            try:
                target = getattr(current, attribute, None)
            except RuntimeError:  # httpx raises when an error has no request
                target = None
            request = target.request if isinstance(target, httpx.Response) else target
            if isinstance(request, httpx.Request):
                texts.append(repr(dict(request.headers)))
        stack += [e for e in (current.__cause__, current.__context__) if e is not None]
    return texts


def test_the_key_is_reachable_from_no_error(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(status=401))
    with pytest.raises(glm.AuthenticationError) as status_error:
        client.text_inference(messages=HELLO)
    dead = glm.Client(api_key=KEY, base_url="http://127.0.0.1:9", max_retries=0)
    with pytest.raises(glm.APIConnectionError) as connection_error:
        dead.text_inference(messages=HELLO)
    for error in (status_error.value, connection_error.value):
        texts = reachable(error)
        assert len(texts) > 3 and not [text for text in texts if KEY in text]
        assert KEY.encode() not in pickle.dumps(error)


def test_wait_keeps_its_timeout_when_a_poll_is_slow(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.state.polls_until_done = 10_000
    task_uuid = client.text_inference_submit(messages=HELLO)
    server.inject(Fault(delay=4.0))
    started = time.monotonic()
    with pytest.raises(glm.APITimeoutError, match=r"not done after 1 s"):
        client.wait(task_uuid, timeout=1, poll_interval=0.05)
    assert time.monotonic() - started < 1.8
