"""Runware's official Python SDK (`runware-sdk`, a test dependency) against `specgen serve` on
loopback, over REST and WebSocket: the SDK is the judge of what serve sends and expects."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from runware import RunwareError
from runware.config import create_config
from runware.errors import derive_code, is_retryable
from runware.transport.rest import RestTransport
from runware.transport.websocket import WebSocketTransport

from generator.spec.model import Spec
from generator.tools.serve.server import Fault, RunwareHTTPServer
from tests.e2e.sdk_harness import KEY, MODELS, TRANSPORTS, receiver, run, sdk, task, valid_result


@pytest.fixture
def server(spec: Spec) -> Iterator[RunwareHTTPServer]:
    running = RunwareHTTPServer(spec, api_key=KEY)
    running.state.polls_until_done = 0  # the SDK's first poll, a second after the ack, finds the results
    running.start()
    yield running
    running.shutdown()
    running.server_close()


async def _run(server: RunwareHTTPServer, transport: str, sent: dict[str, Any], **config: Any) -> list[Any]:
    async with sdk(server, transport, **config) as client:
        return await client.run(sent)


# -- delivery methods -----------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("delivery", ["sync", "async"])
@pytest.mark.parametrize("count", [1, 2])
def test_run_returns_every_result(server: RunwareHTTPServer, transport: str, delivery: str, count: int) -> None:
    sent = task(deliveryMethod=delivery, numberResults=count)
    results = run(_run(server, transport, sent))
    assert len(results) == count and all(valid_result(item, sent) for item in results)
    assert [item["resultIndex"] for item in results] == list(range(count))
    assert len({item["text"] for item in results}) == count, "each result is its own"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_async_is_the_sdk_default_and_polls_until_done(server: RunwareHTTPServer, transport: str) -> None:
    server.state.polls_until_done = 1  # one "processing" answer first
    sent = task()
    progress: list[Any] = []

    async def scenario() -> list[Any]:
        from runware.types.sdk import RunOptions

        async with sdk(server, transport) as client:
            return await client.run(sent, RunOptions(on_progress=progress.append))

    [result] = run(scenario())
    assert valid_result(result, sent) and result["status"] == "success"
    polls = [t for t in server.state.received if t["taskType"] == "getResponse"]
    assert len(polls) == 2 and all(p["taskUUID"] == sent["taskUUID"] for p in polls)
    assert [p["status"] for p in progress] == ["processing"]


@pytest.mark.parametrize("model", MODELS)
def test_either_model_id_runs(server: RunwareHTTPServer, model: str) -> None:
    sent = task(model=model, deliveryMethod="sync")
    [result] = run(_run(server, "rest", sent))
    assert valid_result(result, sent) and server.state.received[0]["model"] == model


@pytest.mark.parametrize("transport", TRANSPORTS)  # the SDK streams over SSE whatever its transport
def test_stream_delivers_text_then_the_final_chunk(server: RunwareHTTPServer, transport: str) -> None:
    sent = task(includeCost=True, includeUsage=True, settings={"thinkingLevel": "high"})

    async def scenario() -> tuple[list[str], Any]:
        async with sdk(server, transport) as client:
            stream = await client.stream(sent)
            pieces = [piece async for piece in stream.text_stream]
            return pieces, await stream.result()

    pieces, final = run(scenario())
    [reference] = run(_run(server, "rest", {**sent, "taskUUID": str(uuid.uuid4()), "deliveryMethod": "sync"}))
    assert len(pieces) > 1 and "".join(pieces) == final.text == reference["text"]
    assert final.finish_reason == reference["finishReason"] and final.reasoning_content
    assert final.usage == reference["usage"] and final.cost == reference["cost"]


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("delivery", ["sync", "async"])
def test_usage_and_cost_come_when_asked_for(server: RunwareHTTPServer, transport: str, delivery: str) -> None:
    asked = task(deliveryMethod=delivery, includeCost=True, includeUsage=True)
    plain = task(deliveryMethod=delivery)
    [with_extras] = run(_run(server, transport, asked))
    [without] = run(_run(server, transport, plain))
    assert valid_result(with_extras, asked) and valid_result(without, plain)
    usage = with_extras["usage"]
    assert usage["totalTokens"] == usage["promptTokens"] + usage["completionTokens"] and with_extras["cost"] > 0
    assert "usage" not in without and "cost" not in without


# -- errors ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize(
    ("change", "parameter"),
    [
        ({"settings": {"temperature": 5}}, "settings.temperature"),
        ({"messages": [{"role": "user", "content": ""}]}, "messages.0.content"),
        ({"messages": None}, "messages"),  # left out
        ({"routing": {}}, "routing"),
        ({"settings": {"maxTokens": 10, "speed": "fast"}}, "settings.speed"),
    ],
)
def test_a_bad_parameter_is_a_validation_error_naming_it(
    server: RunwareHTTPServer, transport: str, change: dict[str, Any], parameter: str
) -> None:
    sent = {key: value for key, value in {**task(deliveryMethod="sync"), **change}.items() if value is not None}
    with pytest.raises(RunwareError) as raised:
        run(_run(server, transport, sent))
    assert (raised.value.code, raised.value.parameter) == ("validation", parameter)
    assert raised.value.task_uuid == sent["taskUUID"] and not raised.value.retryable


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_a_wrong_key_is_an_auth_error(server: RunwareHTTPServer, transport: str) -> None:
    with pytest.raises(RunwareError) as raised:
        run(_run(server, transport, task(deliveryMethod="sync"), api_key="not-the-key"))
    assert raised.value.code == "auth" and not raised.value.retryable
    assert server.state.received == [], "nothing runs for a wrong key"


# Every category the SDK sorts a server error into, from what serve answers for each status
# (the code is serve's; the category and retryability are the SDK's judgement of it).
FAULTS = [Fault(status=status) for status in (400, 401, 402, 403, 404, 408, 422, 429, 500, 502, 503, 504)]


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: str(fault.status))
def test_each_injected_error_is_classed_as_the_sdk_classes_its_code(
    server: RunwareHTTPServer, transport: str, fault: Fault
) -> None:
    server.inject(fault)
    with pytest.raises(RunwareError) as raised:
        run(_run(server, transport, task(deliveryMethod="sync"), max_retries=0))
    assert raised.value.code == derive_code(fault.error_code)
    assert raised.value.retryable == is_retryable(derive_code(fault.error_code))
    if transport == "rest":
        assert raised.value.status_code == fault.status


def test_the_categories_cover_every_server_error_the_sdk_knows() -> None:
    categories = {derive_code(fault.error_code) for fault in FAULTS}
    assert categories >= {"validation", "auth", "quota", "rateLimit", "safety", "provider", "timeout"}
    assert categories >= {"notFound", "serverError"}


def test_429_with_retry_after_and_5xx_are_retried_until_they_pass(server: RunwareHTTPServer) -> None:
    server.inject(Fault(status=429, retry_after=0), Fault(status=503))
    sent = task(deliveryMethod="sync")
    [result] = run(_run(server, "rest", sent, max_retries=2))
    assert valid_result(result, sent)
    assert [t["taskUUID"] for t in server.state.received] == [sent["taskUUID"]] * 3, "two refusals, then the answer"


def test_a_429_says_when_to_retry(server: RunwareHTTPServer) -> None:
    import httpx

    server.inject(Fault(status=429, retry_after=2))
    answer = httpx.post(server.url, json=[task()], headers={"Authorization": f"Bearer {KEY}"})
    [error] = answer.json()["errors"]
    assert answer.status_code == 429 and answer.headers["Retry-After"] == "2"
    assert derive_code(error["code"]) == "rateLimit"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_an_async_task_that_fails_after_its_ack_raises_its_error(server: RunwareHTTPServer, transport: str) -> None:
    fault = Fault(async_error=True)
    server.inject(fault)
    sent = task()
    with pytest.raises(RunwareError) as raised:
        run(_run(server, transport, sent))
    assert (raised.value.code, raised.value.task_uuid) == (derive_code(fault.error_code), sent["taskUUID"])
    assert raised.value.code == "provider" and raised.value.retryable


def test_a_stream_that_fails_midway_raises_its_error(server: RunwareHTTPServer) -> None:
    server.inject(Fault(error_after=3, code="providerContentPolicyViolation"))

    async def scenario() -> str:
        async with sdk(server, "rest") as client:
            return await (await client.stream(task())).text()

    with pytest.raises(RunwareError) as raised:
        run(scenario())
    assert raised.value.code == "safety"


# -- webhooks, batches, utility tasks -------------------------------------------------------------


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("delivery", ["sync", "async"])
def test_webhooks_receive_each_result(server: RunwareHTTPServer, transport: str, delivery: str) -> None:
    with receiver() as hook:
        sent = task(deliveryMethod=delivery, numberResults=2, webhookURL=hook.url)
        results = run(_run(server, transport, sent))
        bodies = hook.wait_for(2)
    delivered = sorted((item for body in bodies for item in body["data"]), key=lambda item: item["resultIndex"])
    assert len(bodies) == 2 and all(valid_result(item, sent) for item in delivered)
    assert [item["text"] for item in delivered] == [item["text"] for item in results]


def test_a_webhook_for_a_stream_and_for_a_failed_task(server: RunwareHTTPServer) -> None:
    with receiver() as hook:

        async def scenario() -> str:
            async with sdk(server, "rest") as client:
                return await (await client.stream(task(webhookURL=hook.url))).text()

        text = run(scenario())
        server.inject(Fault(async_error=True, code="taskFailed"))
        with pytest.raises(RunwareError):
            run(_run(server, "rest", task(webhookURL=hook.url)))
        streamed, failed = hook.wait_for(2)
    assert streamed["data"][0]["text"] == text
    assert failed["errors"][0]["code"] == "taskFailed"


def test_a_batch_with_one_bad_task_fails_that_task_alone_over_rest(server: RunwareHTTPServer) -> None:
    good, bad = task(deliveryMethod="sync"), task(deliveryMethod="sync", settings={"topP": 2})

    async def scenario() -> Any:
        async with RestTransport(create_config(api_key=KEY, http_base_url=server.url)) as transport:
            return await transport.send_request([good, bad])

    frame = run(scenario())
    [result] = frame["data"]
    [error] = frame["errors"]
    assert valid_result(result, good)
    assert (error["taskUUID"], error["parameter"], derive_code(error["code"])) == (
        bad["taskUUID"],
        "settings.topP",
        "validation",
    )


def test_a_batch_with_one_bad_task_fails_that_task_alone_over_websocket(server: RunwareHTTPServer) -> None:
    good, bad = task(deliveryMethod="sync"), task(deliveryMethod="sync", messages=[])

    async def scenario() -> dict[str, Any]:
        transport = WebSocketTransport(create_config(api_key=KEY, ws_base_url=server.websocket_url))
        await transport.connect()
        frames: dict[str, Any] = {}
        both = asyncio.Event()

        def keep(uuid: str) -> Any:
            def callback(frame: Any) -> None:
                frames.setdefault(uuid, frame)  # disconnect() calls back once more, with "disconnected"
                if len(frames) == 2:
                    both.set()

            return callback

        try:
            for sent in (good, bad):
                transport.subscribe_to_task(sent["taskUUID"], keep(sent["taskUUID"]))
            await transport.send_request([good, bad])
            await asyncio.wait_for(both.wait(), 10)
            return dict(frames)
        finally:
            await transport.disconnect()

    frames = run(scenario())
    [result] = frames[good["taskUUID"]]["data"]
    [error] = frames[bad["taskUUID"]]["error"]
    assert valid_result(result, good)
    assert (error["parameter"], derive_code(error["code"])) == ("messages", "validation")


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_get_task_details_returns_the_request_and_its_response(server: RunwareHTTPServer, transport: str) -> None:
    sent = task(deliveryMethod="sync")

    async def scenario() -> tuple[list[Any], list[Any]]:
        async with sdk(server, transport) as client:
            results = await client.run(sent)
            return results, await client.get_task_details({"taskUUID": sent["taskUUID"]})

    results, [details] = run(scenario())
    assert details["request"][0]["taskUUID"] == sent["taskUUID"] and details["response"]["data"] == results


def test_the_websocket_session_authenticates_and_answers_pings(server: RunwareHTTPServer) -> None:
    """The frames the SDK's WebSocket transport sends and reads (transport/websocket.py), by hand:
    its heartbeat is 30 s apart, and it drops pongs without a trace."""
    import json

    from websockets.asyncio.client import connect

    async def scenario() -> list[Any]:
        async with connect(server.websocket_url) as socket:
            answers = []
            for frame in ([{"taskType": "authentication", "apiKey": KEY}], [{"taskType": "ping", "ping": True}]):
                await socket.send(json.dumps(frame))
                answers.append(json.loads(await socket.recv()))
            return answers

    authenticated, pong = run(scenario())
    [session] = authenticated["data"]
    assert session["taskType"] == "authentication" and uuid.UUID(session["connectionSessionUUID"])
    assert pong == {"data": [{"taskType": "ping", "pong": True}]}
