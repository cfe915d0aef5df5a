"""The generated client over Runware's WebSocket (`transport="websocket"`) against `specgen serve`,
which serves WebSocket on its REST port: the same methods, the same typed results and errors."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import httpx
import pytest
import zai_glm_4_7 as glm

from generator.spec.model import Spec
from generator.tools.serve.server import Fault, RunwareHTTPServer

KEY = "sk-test-websocket-secret"
HELLO: list[glm.MessageParam] = [{"role": "user", "content": "Hello there"}]


def no_rest(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"a REST request was made: {request.method} {request.url}")


@pytest.fixture
def keyed_server(spec: Spec) -> Iterator[RunwareHTTPServer]:
    running = RunwareHTTPServer(spec, api_key=KEY)
    running.start()
    yield running
    running.shutdown()
    running.server_close()


@pytest.fixture
def client(keyed_server: RunwareHTTPServer) -> Iterator[glm.Client]:
    rest = httpx.Client(transport=httpx.MockTransport(no_rest))  # every task must go over the WebSocket
    with glm.Client(api_key=KEY, base_url=keyed_server.url, transport="websocket", http_client=rest) as made:
        yield made


def test_sync_results_come_typed(client: glm.Client, keyed_server: RunwareHTTPServer) -> None:
    result = client.text_inference(messages=HELLO, include_usage=True)
    assert isinstance(result, glm.TextInferenceResult) and result.text == "You said: Hello there"
    assert result.usage is not None and result.usage.total_tokens == 6
    several = client.text_inference(messages=HELLO, number_results=2)
    assert len(several) == 2 and len(keyed_server.state.received) == 2, "one connection carried both"


def test_async_delivery_and_polling(client: glm.Client, keyed_server: RunwareHTTPServer) -> None:
    keyed_server.state.polls_until_done = 1
    task_uuid = client.text_inference_submit(messages=HELLO)
    assert client.get_response(task_uuid).status == "processing"
    [done] = client.wait(task_uuid, poll_interval=0.01)
    assert done.task_uuid == task_uuid and done.text == "You said: Hello there"


def test_errors_are_the_same_typed_errors(client: glm.Client, keyed_server: RunwareHTTPServer) -> None:
    with pytest.raises(glm.NotFoundError) as raised:
        client.get_response("3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b")
    assert raised.value.task_uuid == "3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b"
    keyed_server.inject(Fault(status=400, parameter="settings.temperature"))
    with pytest.raises(glm.InvalidRequestError) as refused:
        client.text_inference(messages=HELLO)
    assert refused.value.parameter == "settings.temperature"
    assert client.text_inference(messages=HELLO).text, "the connection goes on after an error"


def test_a_wrong_key_is_refused_at_the_handshake(keyed_server: RunwareHTTPServer) -> None:
    with (
        glm.Client(api_key="wrong", base_url=keyed_server.url, transport="websocket") as wrong,
        pytest.raises(glm.AuthenticationError) as raised,
    ):
        wrong.text_inference(messages=HELLO)
    assert "wrong" not in repr(vars(raised.value))


def test_streams_go_over_rest(keyed_server: RunwareHTTPServer) -> None:
    with (
        glm.Client(api_key=KEY, base_url=keyed_server.url, transport="websocket") as client,
        client.text_inference_stream(messages=HELLO) as stream,
    ):
        assert stream.final_text() == "You said: Hello there"


def test_the_async_client_over_websocket(keyed_server: RunwareHTTPServer) -> None:
    async def scenario() -> tuple[str, str]:
        async with glm.AsyncClient(api_key=KEY, base_url=keyed_server.url, transport="websocket") as client:
            result = await client.text_inference(messages=HELLO)
            task_uuid = await client.text_inference_submit(messages=HELLO)
            [done] = await client.wait(task_uuid, poll_interval=0.01)
            return result.text, done.text

    assert asyncio.run(scenario()) == ("You said: Hello there",) * 2


def test_the_websocket_url_follows_the_base_url() -> None:
    from zai_glm_4_7._runtime import DEFAULT_BASE_URL, DEFAULT_WEBSOCKET_URL, websocket_url_from

    assert websocket_url_from(DEFAULT_BASE_URL) == DEFAULT_WEBSOCKET_URL
    assert websocket_url_from("http://127.0.0.1:8000") == "ws://127.0.0.1:8000"
    assert websocket_url_from("https://proxy.example/v1") == "wss://proxy.example/v1"


def test_every_request_names_the_package_and_version() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["user-agent"])
        return httpx.Response(500)

    client = glm.Client(api_key=KEY, max_retries=0, http_client=httpx.Client(transport=httpx.MockTransport(answer)))
    with pytest.raises(glm.ServerError):
        client.text_inference(messages=HELLO)
    assert seen == [f"{glm.client.USER_AGENT} httpx/{httpx.__version__}"]
    assert f"zai-glm-4-7/{glm_version()}" == glm.client.USER_AGENT


def glm_version() -> str:
    import tomllib
    from pathlib import Path

    return str(tomllib.loads((Path(glm.__file__).parent / "pyproject.toml").read_text())["project"]["version"])
