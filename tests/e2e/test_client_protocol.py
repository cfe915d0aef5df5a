"""The scenarios the official SDK is driven through (test_runware_sdk.py), through the generated
client (generated/zai_glm_4_7) over both its transports, where it has them: it validates before
sending (so a bad parameter never reaches the server: test_client.py), sends one task per
request, and streams over REST whatever its transport."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import pytest
import zai_glm_4_7 as glm

from generator.spec.model import Spec
from generator.tools.serve.server import Fault, RunwareHTTPServer
from tests.e2e.sdk_harness import KEY, TASK_TYPE, receiver, valid_result

HELLO: list[glm.MessageParam] = [{"role": "user", "content": "Hello there"}]
FAST = glm.RetryPolicy(max_retries=2, initial_delay=0.01)


@pytest.fixture
def keyed(spec: Spec) -> Iterator[RunwareHTTPServer]:
    running = RunwareHTTPServer(spec, api_key=KEY)
    running.start()
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture(params=["rest", "websocket"])
def client(keyed: RunwareHTTPServer, request: pytest.FixtureRequest) -> Iterator[glm.Client]:
    with glm.Client(api_key=KEY, base_url=keyed.url, retry=FAST, transport=request.param) as made:
        yield made


@pytest.mark.parametrize("count", [1, 2])
def test_async_results_are_counted_and_typed(client: glm.Client, keyed: RunwareHTTPServer, count: int) -> None:
    task_uuid = client.text_inference_submit(
        messages=HELLO, number_results=count, include_cost=True, include_usage=True
    )
    results = client.wait(task_uuid, poll_interval=0.01)
    sent = keyed.state.received[0]
    assert len(results) == count and all(r.task_type == TASK_TYPE and r.task_uuid == task_uuid for r in results)
    assert all(valid_result(r.model_dump(mode="json", by_alias=True, exclude_unset=True), sent) for r in results)
    assert all(r.usage is not None and isinstance(r.cost, float) for r in results)
    assert len({r.text for r in results}) == count


def test_sync_with_two_results_matches_the_async_ones(client: glm.Client) -> None:
    now = client.text_inference(messages=HELLO, number_results=2)
    later = client.wait(client.text_inference_submit(messages=HELLO, number_results=2), poll_interval=0.01)
    assert isinstance(now, list) and [r.text for r in now] == [r.text for r in later]


@pytest.mark.parametrize("transport", ["rest", "websocket"])
def test_a_wrong_key_is_an_authentication_error(
    keyed: RunwareHTTPServer, transport: Literal["rest", "websocket"]
) -> None:
    with (
        glm.Client(api_key="not-the-key", base_url=keyed.url, retry=FAST, transport=transport) as wrong,
        pytest.raises(glm.AuthenticationError) as raised,
    ):
        wrong.text_inference(messages=HELLO)
    assert raised.value.code == "invalidApiKey"
    assert raised.value.status_code == (401 if transport == "rest" else None)  # a WebSocket frame has no status
    assert keyed.state.received == []


def test_a_failed_async_task_raises_its_typed_error(client: glm.Client, keyed: RunwareHTTPServer) -> None:
    keyed.inject(Fault(async_error=True, code="timeoutProvider"))
    task_uuid = client.text_inference_submit(messages=HELLO)
    with pytest.raises(glm.APITimeoutError) as raised:
        client.wait(task_uuid, poll_interval=0.01)
    assert (raised.value.code, raised.value.task_uuid) == ("timeoutProvider", task_uuid)


@pytest.mark.parametrize("status", [429, 503])
def test_429_and_5xx_are_retried_until_they_pass(keyed: RunwareHTTPServer, status: int) -> None:
    keyed.inject(Fault(status=status, retry_after=0), Fault(status=status, retry_after=0))
    with glm.Client(api_key=KEY, base_url=keyed.url, retry=FAST) as rest:  # over REST: a frame is not retried
        result = rest.text_inference(messages=HELLO)
    assert isinstance(result, glm.TextInferenceResult) and len(keyed.state.received) == 3


def test_a_429_over_the_websocket_is_a_rate_limit_error(keyed: RunwareHTTPServer) -> None:
    keyed.inject(Fault(status=429))
    with (
        glm.Client(api_key=KEY, base_url=keyed.url, retry=FAST, transport="websocket") as client,
        pytest.raises(glm.RateLimitError) as raised,
    ):
        client.text_inference(messages=HELLO)
    assert raised.value.code == "rateLimitExceeded"


@pytest.mark.parametrize("delivery", ["sync", "async", "stream"])
def test_webhooks_deliver_results_that_parse(client: glm.Client, delivery: str) -> None:
    with receiver() as hook:
        if delivery == "sync":
            results = client.text_inference(messages=HELLO, number_results=2, webhook_url=hook.url)
            assert isinstance(results, list)
            expected = [r.text for r in results]
        elif delivery == "async":
            task_uuid = client.text_inference_submit(messages=HELLO, number_results=2, webhook_url=hook.url)
            expected = [r.text for r in client.wait(task_uuid, poll_interval=0.01)]
        else:
            chunks = list(client.text_inference_stream(messages=HELLO, webhook_url=hook.url))
            expected = ["".join(c.delta.text for c in chunks if c.delta and isinstance(c.delta.text, str))]
        bodies = hook.wait_for(len(expected))
    delivered = sorted((r for body in bodies for r in glm.parse_webhook(body)), key=lambda r: r.text)
    assert [r.text for r in delivered] == sorted(expected)
