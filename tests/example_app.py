"""An application using every feature of a generated client, as another project would once it has
`pip install`ed the package's wheel. The tests run it against `specgen serve` in a fresh virtual
environment and check it with `mypy --strict`. RUNWARE_API_KEY and RUNWARE_BASE_URL configure it."""

from __future__ import annotations

import asyncio
import pickle

import httpx
import zai_glm_4_7 as glm
from zai_glm_4_7 import AsyncClient, Client, MessageParam, RunwareError, Settings, SettingsParam

messages: list[MessageParam] = [{"role": "user", "content": "Hi"}]
tuning: SettingsParam = {"temperature": 0.5, "topK": 40}


def sync_features() -> None:
    with Client(max_retries=3, default_headers={"X-App": "example"}) as client:
        assert client.timeout == glm.DEFAULT_TIMEOUT, "a sane default timeout"
        result = client.text_inference(messages=messages, settings=tuning, max_tokens=64, include_usage=True)
        usage = result.usage
        print("sync:", result.text, usage.total_tokens if usage else None, result.cost)

        several = client.text_inference(messages=messages, number_results=2)  # typed as a list
        print("several:", len(several))

        model_settings = Settings(top_k=5, thinking_level="low")
        top_k: int = model_settings.top_k  # a plain int; -1 means top-K sampling is off
        print(
            "settings:",
            client.text_inference(messages=[glm.Message(role="user", content="Hi")], settings=model_settings).text,
            top_k + 1,
        )

        raw = client.with_raw_response.text_inference(
            messages=messages,
            timeout=httpx.Timeout(20.0),
            max_retries=0,
            extra_headers={"X-Trace": "1"},
            extra_body={"seed": 3},
        )
        print("raw:", raw.status_code, raw.headers["content-type"], raw.request_id, raw.parse().text)

        quick = client.with_options(timeout=5.0, max_retries=1)
        with quick.text_inference_stream(messages=messages, include_usage=True) as stream:
            first = next(stream)
            text = stream.final_text()
            final_usage = stream.final_usage()
            print(
                "stream:",
                text,
                first.task_uuid == stream.task_uuid,
                final_usage.total_tokens if final_usage else None,
                stream.request_id,
            )
        early = client.text_inference_stream(messages=messages)
        early.close()

        task_uuid = client.text_inference_submit(messages=messages)
        print("poll:", client.get_response(task_uuid).status in ("processing", "success"))
        [done] = client.wait(task_uuid, timeout=30, poll_interval=0.05)
        print("async delivery:", done.text)

        try:
            client.text_inference(messages=[], temperature=3)
        except glm.InvalidPayloadError as invalid:
            print("invalid:", sorted(error.path for error in invalid.errors))

        try:
            client.get_response("3f2b6a1e-8c4d-4e5f-9a0b-1c2d3e4f5a6b")
        except glm.NotFoundError as error:
            copy = pickle.loads(pickle.dumps(error))
            assert isinstance(copy, RunwareError) and copy.status_code == error.status_code
            response = error.response
            print("error:", error.status_code, error.code, error.task_uuid, response is not None, type(copy).__name__)

        [hooked] = glm.parse_webhook(done.model_dump_json(by_alias=True, exclude_unset=True))
        print("webhook:", hooked.text)


async def async_features() -> None:
    async with AsyncClient() as client:
        result = await client.text_inference(messages=messages, max_retries=1, timeout=30)
        async with await client.text_inference_stream(messages=messages) as stream:
            async for _chunk in stream:
                break
            text = await stream.final_text()
        raw = await client.with_options(max_retries=0).with_raw_response.text_inference_submit(messages=messages)
        [done] = await client.wait(raw.parse(), poll_interval=0.05)
        print("asyncio:", result.text, text, done.text)


sync_features()
asyncio.run(async_features())
