"""The README's client example. Start `specgen serve`, point RUNWARE_BASE_URL at it, run this."""

import asyncio

from zai_glm_4_7 import AsyncClient, Client, MessageParam

messages: list[MessageParam] = [{"role": "user", "content": "Write a haiku about JSON Schema."}]

with Client() as client:  # the key and base URL come from RUNWARE_API_KEY and RUNWARE_BASE_URL
    result = client.text_inference(messages=messages, temperature=0.7, max_tokens=256, include_usage=True)
    print("sync:", result.text, "|", result.usage)

    with client.text_inference_stream(messages=messages, thinking_level="low") as stream:
        print("stream:", stream.final_text())


async def main() -> None:
    async with AsyncClient() as client:
        task_uuid = await client.text_inference_submit(messages=messages)
        [done] = await client.wait(task_uuid, poll_interval=0.2)
        print("async:", done.text)


asyncio.run(main())
