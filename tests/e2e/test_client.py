"""The generated client against the real local server (`specgen serve`'s), over real sockets:
every delivery method, every error class, retries, timeouts, validation before send, secrecy."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx
import pytest
import zai_glm_4_7 as glm

from generator.tools.serve.server import Fault, RunwareHTTPServer

KEY = "sk-test-0123456789abcdef-secret"
HELLO: list[glm.MessageParam] = [{"role": "user", "content": "Hello there"}]


@pytest.fixture
def client(server: RunwareHTTPServer) -> Iterator[glm.Client]:
    with glm.Client(api_key=KEY, base_url=server.url, retry=glm.RetryPolicy(max_retries=2, initial_delay=0.01)) as made:
        yield made


def uuids(server: RunwareHTTPServer) -> list[str]:
    return [task["taskUUID"] for task in server.state.received]


# -- delivery methods ---------------------------------------------------------------------------


def test_sync_returns_a_typed_result(client: glm.Client) -> None:
    result = client.text_inference(messages=HELLO, temperature=0.29, include_usage=True, include_cost=True)
    assert isinstance(result, glm.TextInferenceResult)
    assert result.text == "You said: Hello there" and result.finish_reason == "stop"
    assert isinstance(result.usage, glm.Usage) and result.usage.total_tokens == 6
    assert isinstance(result.cost, float)


def test_the_task_carries_python_style_arguments_as_runware_fields(
    client: glm.Client, server: RunwareHTTPServer
) -> None:
    client.text_inference(
        messages=[glm.Message(role="user", content="Hi")],
        max_tokens=64,
        top_k=-1,
        seed=7,
        task_uuid="3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
    )
    [task] = server.state.received
    assert task == {
        "taskType": "textInference",
        "deliveryMethod": "sync",
        "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
        "model": "zai-glm-4-7",
        "messages": [{"role": "user", "content": "Hi"}],
        "seed": 7,
        "settings": {"maxTokens": 64, "topK": -1},
    }, "only what was given is sent; defaults stay the server's"


def test_a_task_uuid_is_generated_when_not_given(client: glm.Client, server: RunwareHTTPServer) -> None:
    client.text_inference(messages=HELLO)
    client.text_inference(messages=HELLO)
    first, second = uuids(server)
    assert first != second and glm.is_valid_text_inference_task(server.state.received[0])


def test_several_results_come_as_a_list(client: glm.Client) -> None:
    results = client.text_inference(messages=HELLO, number_results=3)
    assert isinstance(results, list) and len(results) == 3
    assert len({r.text for r in results}) == 3


def test_stream_yields_typed_deltas_then_a_final_chunk(client: glm.Client) -> None:
    chunks = list(
        client.text_inference_stream(messages=HELLO, thinking_level="low", include_usage=True, include_cost=True)
    )
    assert all(isinstance(chunk, glm.StreamChunk) for chunk in chunks)
    reasoning = [c.delta.reasoning_content for c in chunks if isinstance(c.delta.reasoning_content, str)]
    text = "".join(c.delta.text for c in chunks if isinstance(c.delta.text, str))
    final = chunks[-1]
    assert reasoning and text == "You said: Hello there"
    assert final.finish_reason == "stop" and isinstance(final.usage, glm.Usage) and isinstance(final.cost, float)


def test_a_stream_error_frame_raises_its_typed_error(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(error_after=3))
    with pytest.raises(glm.APITimeoutError, match="The provider timed out") as raised:
        list(client.text_inference_stream(messages=HELLO))
    assert raised.value.code == "timeoutProvider" and raised.value.task_uuid == uuids(server)[0]


def test_a_stream_dropped_midway_raises_a_connection_error(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(drop_after=3))
    received = []
    with pytest.raises(glm.APIConnectionError):
        for chunk in client.text_inference_stream(messages=HELLO):
            received.append(chunk)
    assert 0 < len(received) < 5, "chunks before the drop arrive; the drop is not a silent end"


def test_submit_returns_at_once_and_wait_polls_until_done(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.state.polls_until_done = 2
    task_uuid = client.text_inference_submit(messages=HELLO)
    assert client.get_response(task_uuid).status == "processing"
    [result] = client.wait(task_uuid, poll_interval=0.01)
    assert (
        isinstance(result, glm.TextInferenceResult)
        and result.task_uuid == task_uuid
        and result.text == "You said: Hello there"
    )
    assert uuids(server) == [task_uuid] * 4, "one submit and three polls, all for the same task"


def test_wait_gives_up_at_its_timeout(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.state.polls_until_done = 10_000
    task_uuid = client.text_inference_submit(messages=HELLO)
    started = time.monotonic()
    with pytest.raises(glm.APITimeoutError, match=r"not done after 0\.3 s"):
        client.wait(task_uuid, timeout=0.3, poll_interval=0.05)
    assert time.monotonic() - started < 2


def test_polling_an_unknown_task_raises_not_found(client: glm.Client) -> None:
    with pytest.raises(glm.NotFoundError, match="No such task"):
        client.get_response("3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b")


def test_the_async_client_runs_every_delivery_method(server: RunwareHTTPServer) -> None:
    async def scenario() -> tuple[str, str, str]:
        async with glm.AsyncClient(api_key=KEY, base_url=server.url) as client:
            result = await client.text_inference(messages=HELLO)
            async with await client.text_inference_stream(messages=HELLO) as stream:
                streamed = await stream.final_text()
            task_uuid = await client.text_inference_submit(messages=HELLO)
            [waited] = await client.wait(task_uuid, poll_interval=0.01)
            return result.text, streamed, waited.text

    assert asyncio.run(scenario()) == ("You said: Hello there",) * 3


def test_the_async_client_retries_and_raises_typed_errors(server: RunwareHTTPServer) -> None:
    async def scenario() -> None:
        async with glm.AsyncClient(
            api_key=KEY, base_url=server.url, retry=glm.RetryPolicy(max_retries=1, initial_delay=0.01)
        ) as client:
            server.inject(Fault(status=503))
            assert (await client.text_inference(messages=HELLO)).text
            server.inject(Fault(status=429), Fault(status=429))
            with pytest.raises(glm.RateLimitError):
                await client.text_inference(messages=HELLO)

    asyncio.run(scenario())
    assert len(set(uuids(server)[:2])) == 1 and len(set(uuids(server)[2:])) == 1


# -- validation before sending ------------------------------------------------------------------


def test_invalid_input_lists_every_problem_and_sends_nothing(client: glm.Client, server: RunwareHTTPServer) -> None:
    with pytest.raises(glm.InvalidPayloadError) as raised:
        client.text_inference(messages=[], temperature=0.305, top_k=0, stop_sequences=[])
    assert {(p.path, p.keyword) for p in raised.value.errors} == {
        ("/messages", "minItems"),
        ("/settings/temperature", "multipleOf"),
        ("/settings/topK", "anyOf"),
        ("/settings/stopSequences", "minItems"),
    }
    assert "/settings/temperature: 0.305 is not a multiple of 0.01" in str(raised.value)
    assert server.state.received == []


def test_a_stream_is_checked_when_called_not_when_iterated(client: glm.Client) -> None:
    with pytest.raises(glm.InvalidPayloadError):
        client.text_inference_stream(messages=HELLO, temperature=3)


# -- errors by status ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (Fault(status=400, parameter="settings.temperature"), glm.InvalidRequestError),
        (Fault(status=401), glm.AuthenticationError),
        (Fault(status=402), glm.InsufficientCreditsError),
        (Fault(status=403), glm.PermissionDeniedError),
        (Fault(status=404), glm.NotFoundError),
        (Fault(status=500), glm.ServerError),
    ],
)
def test_each_status_raises_its_typed_error(
    client: glm.Client, server: RunwareHTTPServer, fault: Fault, error: type[glm.RunwareError]
) -> None:
    server.inject(fault, fault, fault)  # 500 is retried: it must fail three times
    with pytest.raises(error) as raised:
        client.text_inference(messages=HELLO)
    assert raised.value.status_code == fault.status and raised.value.message == f"Injected fault: {fault.status}"
    assert raised.value.parameter == fault.parameter


def test_a_real_validation_error_from_the_server_names_its_parameter(server: RunwareHTTPServer) -> None:
    task = {
        "taskType": "textInference",
        "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
        "model": "zai-glm-4-7",
        "messages": HELLO,
        "settings": {"topP": 2},
    }
    answer = httpx.post(server.url, json=[task], headers={"Authorization": f"Bearer {KEY}"})
    error = glm._runtime.error_from(answer.json(), answer.status_code)
    assert isinstance(error, glm.InvalidRequestError)
    assert (error.parameter, error.code, error.task_uuid) == ("settings.topP", "invalidTopP", task["taskUUID"])


def test_older_error_envelopes_are_understood() -> None:
    from zai_glm_4_7._runtime import error_from

    assert error_from({"error": {"code": "invalidApiKey", "message": "bad key"}}, 401).message == "bad key"
    assert error_from({"error": "plain text"}, 500).message == "plain text"
    old = error_from({"error": True, "errorMessage": "Invalid api key", "errorId": "invalidApiKey"}, None)
    assert isinstance(old, glm.AuthenticationError) and old.message == "Invalid api key"


def test_no_server_is_a_connection_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # free, and nothing listens once closed
    client = glm.Client(
        api_key=KEY, base_url=f"http://127.0.0.1:{port}", retry=glm.RetryPolicy(max_retries=1, initial_delay=0.01)
    )
    with pytest.raises(glm.APIConnectionError, match="connection failed"):
        client.text_inference(messages=HELLO)


# -- retries and timeouts -----------------------------------------------------------------------


def test_retries_send_the_same_task_uuid_until_success(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(status=429, retry_after=0), Fault(status=502), Fault(status=408))
    client_with_three = glm.Client(
        api_key=KEY, base_url=server.url, retry=glm.RetryPolicy(max_retries=3, initial_delay=0.01)
    )
    assert client_with_three.text_inference(messages=HELLO).text
    assert len(uuids(server)) == 4 and len(set(uuids(server))) == 1


def test_retries_stop_at_the_maximum(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(*[Fault(status=503)] * 5)
    with pytest.raises(glm.ServerError):
        client.text_inference(messages=HELLO)
    assert len(uuids(server)) == 3, "one try and max_retries=2 retries"


def test_retry_after_is_honoured(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(status=429, retry_after=0.4))
    started = time.monotonic()
    client.text_inference(messages=HELLO)
    assert time.monotonic() - started >= 0.4


def test_an_unretried_status_is_not_retried(client: glm.Client, server: RunwareHTTPServer) -> None:
    server.inject(Fault(status=400), Fault(status=400))
    with pytest.raises(glm.InvalidRequestError):
        client.text_inference(messages=HELLO)
    assert len(uuids(server)) == 1


def test_timeouts_per_client_and_per_call(server: RunwareHTTPServer) -> None:
    slow = glm.Client(api_key=KEY, base_url=server.url, timeout=0.2, max_retries=0)
    server.inject(Fault(delay=1.0))
    with pytest.raises(glm.APITimeoutError):
        slow.text_inference(messages=HELLO)
    patient = glm.Client(api_key=KEY, base_url=server.url, timeout=0.2, max_retries=0)
    server.inject(Fault(delay=0.5))
    assert patient.text_inference(messages=HELLO, timeout=5).text, "a per-call timeout wins over the client's"


# -- configuration and secrecy ------------------------------------------------------------------


def test_key_and_base_url_come_from_the_environment(server: RunwareHTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RUNWARE_API_KEY", KEY)
    monkeypatch.setenv("RUNWARE_BASE_URL", server.url)
    assert glm.Client().text_inference(messages=HELLO).text


def test_no_key_at_all_is_an_authentication_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RUNWARE_API_KEY", raising=False)
    with pytest.raises(glm.AuthenticationError, match="no API key"):
        glm.Client()


def test_the_default_base_url_is_runware() -> None:
    assert repr(glm.Client(api_key=KEY)) == "Client(base_url='https://api.runware.ai/v1')"


def test_the_key_never_leaks(client: glm.Client, server: RunwareHTTPServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    server.inject(Fault(status=429, retry_after=0), Fault(status=401))
    with pytest.raises(glm.AuthenticationError) as raised:
        client.text_inference(messages=HELLO)
    seen = [
        repr(client),
        str(raised.value),
        repr(raised.value),
        repr(vars(raised.value)),
        repr(vars(client)),
        repr(vars(client._transport)),
        caplog.text,
    ]
    assert caplog.text, "the retry was logged"
    assert not [text for text in seen if KEY in text]


# -- webhooks -----------------------------------------------------------------------------------


def test_parse_webhook_takes_a_result_a_list_or_an_envelope() -> None:
    result = {
        "taskType": "textInference",
        "taskUUID": "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b",
        "text": "hi",
        "finishReason": "stop",
        "seed": 1,
    }
    for body in (result, [result], {"data": [result]}, json.dumps(result), json.dumps(result).encode()):
        [parsed] = glm.parse_webhook(body)
        assert parsed.text == "hi" and parsed.model_extra == {"seed": 1}, "unknown fields are kept"
    with pytest.raises(glm.InvalidResponseError, match="/finishReason"):
        glm.parse_webhook({**result, "finishReason": "bored"})
    with pytest.raises(glm.APITimeoutError):
        glm.parse_webhook({"errors": [{"code": "timeoutProvider", "message": "slow"}]})
    with pytest.raises(glm.InvalidResponseError, match="not JSON"):
        glm.parse_webhook(b"<html>")


def test_the_server_delivers_webhooks_that_parse(client: glm.Client) -> None:
    delivered: list[bytes] = []
    arrived = threading.Event()

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            delivered.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(204)
            self.end_headers()
            arrived.set()

        def log_message(self, *args: Any) -> None:
            pass

    receiver = HTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=receiver.handle_request, daemon=True).start()
    client.text_inference(messages=HELLO, webhook_url=f"http://127.0.0.1:{receiver.server_address[1]}/hook")
    assert arrived.wait(5)
    [result] = glm.parse_webhook(delivered[0])
    assert result.text == "You said: Hello there"
    receiver.server_close()


# -- models -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "settings",
    [
        {"maxTokens": "64"},
        {"maxTokens": True},
        {"temperature": "0.5"},
        {"temperature": None},
        {"topK": 0},
        {"thinkingLevel": "max"},
    ],
)
def test_models_are_strict(settings: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        glm.Settings.model_validate(settings)


def test_absent_fields_are_none_and_top_k_is_a_plain_int() -> None:
    settings = glm.Settings.model_validate({"topK": 5})
    assert settings.system_prompt is None and settings.stop_sequences is None, "absent is None, not a sentinel"
    assert settings.top_k == 5 and type(settings.top_k) is int and glm.Settings().top_k == -1
    described = glm.Settings.model_fields["top_k"].description or ""
    assert "-1 (Disables top-K sampling" in described, "the special value is documented on the field"
    explicit = glm.Settings.model_validate({"systemPrompt": None}).model_dump(by_alias=True, exclude_unset=True)
    assert explicit == {"systemPrompt": None}, "an explicit null is kept, for the client's validator to refuse"


def test_models_keep_bounds_literals_and_descriptions() -> None:
    temperature = glm.Settings.model_fields["temperature"]
    constraints = {repr(m) for m in temperature.metadata}
    assert {"Ge(ge=0.0)", "Le(le=2.0)", "MultipleOf(multiple_of=0.01)", "Strict(strict=True)"} <= constraints
    assert temperature.description and "randomness" in temperature.description
    assert glm.Settings.model_validate({"thinkingLevel": "high"}).thinking_level == "high"
    assert glm.Settings(max_tokens=5).model_dump(by_alias=True, exclude_unset=True) == {"maxTokens": 5}
